/** Bad flag values and usage errors fail where commander reads them: exit 2, the flag named. */
import { describe, expect, it } from 'vitest';
import { runInProcess } from './cli-harness.ts';

describe('flag values', () => {
  it.each([
    [['run', 'examples/seed-cnn-cls-seg.json', '--epochs', 'abc'], "option '--epochs <n>' argument 'abc' is invalid"],
    [['run', 'examples/seed-cnn-cls-seg.json', '--epochs', '1.5'], "option '--epochs <n>' argument '1.5' is invalid"],
    [['run', 'examples/seed-cnn-cls-seg.json', '--parallel', '0'], "option '--parallel <n>' argument '0' is invalid"],
    [['serve', '--parallel', 'abc'], "option '--parallel <n>' argument 'abc' is invalid"],
    [['serve', '--port', '70000'], "option '--port <port>' argument '70000' is invalid"],
    [['list', '--limit', '-1'], "option '--limit <n>' argument '-1' is invalid. must be an integer from 1 to 1000"],
    [['export', 'x', '--format', 'xml'], "option '--format <format>' argument 'xml' is invalid. must be one of csv"],
    [['list', '--status', 'nope'], "option '--status <status>' argument 'nope' is invalid. must be one of queued"],
    [['run', 'examples/seed-cnn-cls-seg.json', '--backend', 'gpu'], "option '--backend <name>' argument 'gpu'"],
    [['run', 'examples/seed-cnn-cls-seg.json', '--set', 'epochs'], "option '--set <path=value>' argument 'epochs'"],
    [['run', 'examples/seed-cnn-cls-seg.json', '--set', '../x=1'], "option '--set <path=value>' argument '../x=1'"],
  ])('%j fails naming the flag, exit 2, nothing called', async (args, message) => {
    const r = await runInProcess(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: ${message}`);
    expect(r.methods).toEqual([]);
  });

  it.each([
    [['list', '--bogus'], "error: unknown option '--bogus'"],
    [['show'], "error: missing required argument 'id'"],
    [['frobnicate'], "error: unknown command 'frobnicate'"],
  ])('usage error %j exits 2', async (args, message) => {
    const r = await runInProcess(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('--help and --version exit 0', async () => {
    expect(await runInProcess(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage:') });
    expect(await runInProcess(['--version'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+/) });
  });
});
