/** The contract suite's cases for what Settings and the Design form's data fields call: app.configure, data.check. */
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import type { ApiClient } from '../../src/api/contract.ts';

export function settingsCases(client: () => ApiClient): void {
  it('applies parallel at once, naming the field of bad input', async () => {
    const c = client();
    const before = await c.invoke('app.info', {});
    if (!before.ok) throw new Error(before.error.message);
    expect(await c.invoke('app.configure', { parallel: 1 })).toEqual({ ok: true, value: { parallel: 1 } });
    expect(await c.invoke('app.info', {})).toMatchObject({ ok: true, value: { parallel: 1 } });
    await c.invoke('app.configure', { parallel: before.value.parallel });
    const zero = await c.invoke('app.configure', { parallel: 0 });
    expect(zero).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'parallel' } });
  });

  it('checks a data file and says what is wrong with it', async () => {
    const c = client();
    const path = fileURLToPath(new URL('../bad-input/idx/not-idx.txt', import.meta.url));
    const checked = await c.invoke('data.check', { path, kind: 'images' });
    expect(checked).toMatchObject({
      ok: true,
      value: { ok: false, problem: expect.stringMatching(/not an IDX file/) },
    });
    const kind = await c.invoke('data.check', { path, kind: 'pixels' } as never);
    expect(kind).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'kind' } });
  });
}
