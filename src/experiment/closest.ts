/**
 * "Did you mean …?" for misspelt field names. Names are compared case-insensitively with `_` and
 * `-` dropped, so `learning_rate` finds `learningRate` and `histogram_bins` finds `histogramBins`.
 */

const normalise = (s: string) => s.toLowerCase().replace(/[_-]/g, '');

/**
 * Edit distance counting insert, delete, substitute and swapping two neighbours (`modle` → `model`
 * is one typo, not two): the optimal-string-alignment variant of Damerau–Levenshtein.
 */
export function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        cur[j] = Math.min(cur[j], before[j - 2] + 1);
    }
    [before, prev] = [prev, cur];
  }
  return prev[b.length];
}

/** The candidate closest to `word`, if it is close enough to be the intended one. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = normalise(word);
  // a third of the word may be wrong, at least one edit, so short names do not match anything
  const limit = Math.max(1, Math.floor(w.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(w, normalise(c));
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return bestDistance <= limit ? best : undefined;
}

/** The message for an unknown key among `known` ones. */
export function unknownFieldMessage(key: string, known: readonly string[]): string {
  const guess = closest(key, known);
  return guess !== undefined
    ? `unknown field — did you mean ${guess}?`
    : `is not a known field (known: ${known.join(', ')})`;
}
