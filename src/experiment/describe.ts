/** A short human name for a spec, used when a run is given none: "mlp 4×64 relu · cls + seg (λ 0.5)". */
import type { Spec } from './spec.ts';

export function describeSpec(s: Spec): string {
  const m = s.model;
  const trunk = `${m.trunk} ${m.depth}×${m.width} ${m.activation}${m.norm !== 'none' ? ` ${m.norm}-norm` : ''}${m.residual ? ' residual' : ''}`;
  const tasks = s.tasks.map((t) => (t.aux ? `${t.kind} (+aux@${t.aux.layer})` : t.kind)).join(' + ');
  const w = s.weighting;
  const weighting = w.method === 'fixed' ? (w.lambda !== undefined ? ` (λ ${w.lambda})` : '') : ` (${w.method})`;
  return `${trunk} · ${tasks}${weighting}`;
}
