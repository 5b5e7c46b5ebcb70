/**
 * The one verdict rule every study uses: an effect (a difference of means over seeds, signed so
 * that the claim predicts it positive) is compared with its seed spread (the standard error of
 * that difference) and with the smallest effect the claim needs to hold.
 */
import type { StudyFinding, StudyVerdict } from '../domain/studies.ts';
import type { SeedStat } from '../domain/studies.ts';
import { fixed, standardError } from './seed-stats.ts';

/** How many standard errors an effect must clear: about a 95 % interval. */
export const NOISE_FACTOR = 2;

export const VERDICT_RULE =
  `Each finding compares an effect (a difference of means over seeds, signed so that the claim predicts it ` +
  `positive) with its spread (the standard error of that difference over seeds) and with the smallest effect m ` +
  `the claim needs. A claim that something happens is reproduced when effect − ${NOISE_FACTOR}·spread > 0 and ` +
  `effect ≥ m, not reproduced when effect + ${NOISE_FACTOR}·spread < m, and inconclusive otherwise (within noise). ` +
  `A claim that something does not happen (|effect| < m) is reproduced when |effect| + ${NOISE_FACTOR}·spread < m, ` +
  `not reproduced when |effect| − ${NOISE_FACTOR}·spread ≥ m, and inconclusive otherwise. One seed has no spread: ` +
  `its findings are inconclusive. The study is reproduced when every finding is, not reproduced when any is not.`;

export interface Effect {
  /** signed so that the claim predicts it positive (claim `effect`) or near zero (claim `none`) */
  effect: number;
  /** standard error of the effect over seeds */
  spread: number;
  /** seeds behind the smaller side of the comparison */
  seeds: number;
}

/** `claim`: `effect` — the effect is there and at least `min`; `none` — |effect| stays below `min`. */
export function decide(e: Effect, min: number, claim: 'effect' | 'none' = 'effect'): StudyVerdict {
  const { effect, spread } = e;
  if (!Number.isFinite(effect) || !Number.isFinite(spread) || e.seeds < 2) return 'inconclusive';
  const k = NOISE_FACTOR * spread;
  if (claim === 'effect') {
    if (effect - k > 0 && effect >= min) return 'reproduced';
    if (effect + k < min) return 'not reproduced';
    return 'inconclusive';
  }
  if (Math.abs(effect) + k < min) return 'reproduced';
  if (Math.abs(effect) - k >= min) return 'not reproduced';
  return 'inconclusive';
}

/** a − b over seeds (unpaired): the difference of means and the standard error of it. */
export function difference(a: SeedStat, b: SeedStat): Effect {
  return {
    effect: a.mean - b.mean,
    spread: Math.sqrt(standardError(a) ** 2 + standardError(b) ** 2),
    seeds: Math.min(a.values.length, b.values.length),
  };
}

/** a − constant over seeds: the mean's distance to the constant and the standard error of the mean. */
export function againstValue(a: SeedStat, value: number): Effect {
  return { effect: a.mean - value, spread: standardError(a), seeds: a.values.length };
}

/** The study's verdict over its findings; null while runs are still going or nothing was decided. */
export function overallVerdict(findings: Array<Pick<StudyFinding, 'verdict'>>): StudyVerdict | null {
  if (!findings.length) return null;
  if (findings.some((f) => f.verdict === 'not reproduced')) return 'not reproduced';
  return findings.every((f) => f.verdict === 'reproduced') ? 'reproduced' : 'inconclusive';
}

/** A finding from a claim, the words of what was measured, and the rule's inputs. */
export function finding(
  o: { id: string; claim: string; measured: string; min: number; kind?: 'effect' | 'none' },
  e: Effect | null,
): StudyFinding {
  if (!e)
    return { id: o.id, claim: o.claim, measured: o.measured, effect: null, spread: null, verdict: 'inconclusive' };
  return {
    id: o.id,
    claim: o.claim,
    measured: `${o.measured}; effect ${fixed(e.effect, 3)} vs ${NOISE_FACTOR}×spread ${fixed(NOISE_FACTOR * e.spread, 3)}, needs ${o.kind === 'none' ? '|effect| <' : '≥'} ${o.min}`,
    effect: e.effect,
    spread: e.spread,
    verdict: decide(e, o.min, o.kind ?? 'effect'),
  };
}
