/**
 * Spec text in: UTF-8 bytes to a string, and a string to JSON, each failing with where it failed.
 * Browser-safe (TextDecoder, JSON), so a pasted or uploaded spec can go through the same steps.
 */

export type Decoded = { ok: true; text: string } | { ok: false; message: string };
export type ParsedJson = { ok: true; value: unknown } | { ok: false; message: string };

const BOM = [0xef, 0xbb, 0xbf];
const REPLACEMENT = '\uFFFD';

/** UTF-8 bytes to text; a leading BOM is dropped; invalid UTF-8 is refused, naming the byte offset. */
export function decodeUtf8(bytes: Uint8Array): Decoded {
  const body = BOM.every((b, i) => bytes[i] === b) ? bytes.subarray(3) : bytes;
  const skipped = bytes.length - body.length;
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body) };
  } catch {
    return { ok: false, message: `is not valid UTF-8: bad byte sequence at byte ${skipped + firstInvalidByte(body)}` };
  }
}

/**
 * Offset of the first invalid sequence. A lenient decode turns each into U+FFFD; the text before the
 * first one decoded faithfully, so its UTF-8 length is that byte offset. A U+FFFD written in the
 * file itself (bytes EF BF BD) is skipped.
 */
function firstInvalidByte(bytes: Uint8Array): number {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const encoder = new TextEncoder();
  let from = 0;
  let offset = 0;
  for (let i = text.indexOf(REPLACEMENT); i >= 0; i = text.indexOf(REPLACEMENT, i + 1)) {
    offset += encoder.encode(text.slice(from, i)).length;
    from = i;
    if (!(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) return offset;
  }
  return offset;
}

/** `position` (a UTF-16 index into `text`) as 1-based line and column. */
function lineColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

const stopsEarly = (prefix: string) => {
  try {
    JSON.parse(prefix);
    return true;
  } catch (e) {
    return /end of JSON input/.test((e as Error).message);
  }
};

/**
 * Where JSON.parse failed when its message does not say (V8 omits the position for an unexpected
 * token): the shortest prefix that fails for another reason than ending early ends at the bad token.
 */
function errorPosition(text: string): number {
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (stopsEarly(text.slice(0, mid + 1))) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** JSON.parse, with a syntax error reported by line and column (V8 reports a character position). */
export function parseJsonText(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const raw = (e as Error).message;
    const eof = /end of JSON input/.test(raw);
    const pos = Number(/at position (\d+)/.exec(raw)?.[1] ?? (eof ? text.length : errorPosition(text)));
    const where = eof ? `the end (${lineColumn(text, pos)}): the JSON stops early` : lineColumn(text, pos);
    const why = raw.replace(/ in JSON at position \d+.*$/s, '').replace(/, ".*" is not valid JSON$/s, '');
    return { ok: false, message: `is not valid JSON at ${where}: ${why}` };
  }
}
