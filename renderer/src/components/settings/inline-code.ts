/** Splits "run `npm rebuild x` here" into text and code parts, so a command shows (and copies) as code. */
export interface Span {
  code: boolean;
  text: string;
}

export function codeSpans(text: string): Span[] {
  // an unmatched backtick leaves the rest as text: odd parts are code only when closed
  const parts = text.split('`');
  const closed = parts.length % 2 === 1;
  return parts
    .map((t, i) => ({ code: i % 2 === 1 && (closed || i < parts.length - 1), text: t }))
    .filter((s) => s.text !== '');
}
