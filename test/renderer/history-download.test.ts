// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { blobType, downloadFile, safeFilename } from '../../renderer/src/components/common/download.ts';

describe('downloadFile', () => {
  afterEach(() => vi.restoreAllMocks());

  it('clicks a temporary <a download> on a Blob URL with the filename and mime type', async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => (blobs.push(b as Blob), 'blob:fake/1'));
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicked: Array<{ href: string; download: string; attached: boolean }> = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, attached: document.body.contains(this) });
    });
    vi.useFakeTimers();
    const out = downloadFile({
      filename: 'gradient-workbench-2025-01-01.csv',
      mime: 'text/csv',
      content: 'run_id,epoch\nA,1\n',
    });
    expect(out).toEqual({ filename: 'gradient-workbench-2025-01-01.csv', type: 'text/csv;charset=utf-8' });
    expect(clicked).toEqual([{ href: 'blob:fake/1', download: 'gradient-workbench-2025-01-01.csv', attached: true }]);
    expect(blobs[0].type).toBe('text/csv;charset=utf-8');
    expect(await blobs[0].text()).toBe('run_id,epoch\nA,1\n');
    expect(document.querySelector('a[download]')).toBeNull();
    vi.advanceTimersByTime(1000);
    expect(revoke).toHaveBeenCalledWith('blob:fake/1');
    vi.useRealTimers();
  });

  it('keeps JSON as application/json and names no folder', () => {
    expect(blobType('application/json')).toBe('application/json');
    expect(blobType('text/csv; charset=utf-8')).toBe('text/csv; charset=utf-8');
    expect(safeFilename('../runs:all?.json')).toBe('..-runs-all-.json');
    expect(safeFilename('  ')).toBe('export');
  });
});
