/** Byte sizes for people: "3.4 GiB" out, "2GiB" / "512M" / "1.5g" in (the --max-memory option). */

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return 'more than can be counted';
  let i = 0;
  let v = n;
  while (v >= 1024 && i < UNITS.length - 1) [v, i] = [v / 1024, i + 1];
  if (v >= 1e4) return `${v.toExponential(1)} ${UNITS[i]}`;
  return `${i === 0 ? v : v.toFixed(1)} ${UNITS[i]}`;
}

const FACTORS: Record<string, number> = { '': 1, b: 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };

/**
 * Parses a memory size: a number of bytes, or a number with a unit K, M, G or T (binary; `KiB`,
 * `KB` and `k` all mean 1024). Throws an Error naming the rule for anything else.
 */
export function parseMemorySize(text: string | number): number {
  if (typeof text === 'number') {
    if (Number.isFinite(text) && text > 0) return Math.floor(text);
    throw new Error('memory size: must be a positive number of bytes');
  }
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$/i.exec(text);
  const unit = m?.[2].toLowerCase() ?? '';
  if (!m || Number(m[1]) <= 0)
    throw new Error(`memory size: "${text.slice(0, 40)}" is not a size such as 2GiB, 512M or 1073741824`);
  return Math.floor(Number(m[1]) * FACTORS[unit]);
}
