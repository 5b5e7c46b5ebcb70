/**
 * How values that SQLite cannot hold as-is are stored.
 * - NaN: SQLite turns a bound NaN into NULL. Fields that are never null read NULL back as NaN;
 *   fields that may be null carry a bit in a `nan_mask` column when they were NaN.
 * - JSON: non-finite numbers become the strings "NaN", "Infinity", "-Infinity".
 * - Histogram counts: a BLOB of little-endian uint32, one per bin.
 */

/** A number that is never null in the record: NULL in the database means NaN. */
export function readNumber(v: number | null): number {
  return v === null ? Number.NaN : v;
}

/** Bit i set when values[i] is NaN (as opposed to null or a number). */
export function nanMask(values: ReadonlyArray<number | null>): number {
  let mask = 0;
  values.forEach((v, i) => {
    if (v !== null && Number.isNaN(v)) mask |= 1 << i;
  });
  return mask;
}

/** A nullable field: NULL is null unless bit `bit` of `mask` says it was NaN. */
export function readNullable(v: number | null, mask: number, bit: number): number | null {
  if (v !== null) return v;
  return (mask & (1 << bit)) !== 0 ? Number.NaN : null;
}

const NON_FINITE: Record<string, number> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
};

/** JSON.stringify that keeps NaN and ±Infinity (as strings) instead of turning them into null. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
}

/**
 * Parse JSON written by `toJson` whose numbers may be non-finite. Only use it for documents
 * whose string leaves are never the words NaN/Infinity (weights, metric summaries).
 */
export function fromNumericJson<T>(text: string): T {
  return JSON.parse(text, (_key, v: unknown) => (typeof v === 'string' && v in NON_FINITE ? NON_FINITE[v] : v)) as T;
}

/** Histogram counts → BLOB of little-endian uint32 (4 bytes per bin). */
export function encodeCounts(counts: readonly number[]): Buffer {
  const buf = Buffer.alloc(counts.length * 4);
  counts.forEach((c, i) => buf.writeUInt32LE(c, i * 4));
  return buf;
}

export function decodeCounts(blob: Buffer): number[] {
  const out = new Array<number>(blob.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = blob.readUInt32LE(i * 4);
  return out;
}

/** Milliseconds since the epoch → ISO 8601 UTC, keeping null. */
export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
