/**
 * How `run` reports the contract's events: bars with ETA on a terminal, one plain line per epoch
 * otherwise, and with --json each event itself, one `{"event", "payload"}` object per line.
 */
import cliProgress from 'cli-progress';
import type { EventName, Events } from '../api/contract.ts';
import type { BackendReport } from '../domain/backend.ts';
import { nativeTierOf, nativeTierText } from '../domain/native-tier.ts';
import type { EpochRecord } from '../domain/records.ts';
import { terminalText as safe } from './terminal-text.ts';

export type Reporter = { [E in EventName]?: (payload: Events[E]) => void } & {
  queued(runId: string, name: string): void;
  note(text: string): void;
  stop(): void;
};

/** a bar's label when the run has no name; lines always print the full id, which show/delete/export take */
const short = (id: string) => id.slice(0, 8);
const fmt = (x: number | null | undefined, digits = 4) =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : Number(x.toPrecision(digits)).toString();

export function epochLine(rec: EpochRecord): string {
  const val = rec.metrics.filter((m) => m.split === 'val' && !m.task.includes('@'));
  const parts = val.map((m) => `${m.task}.${m.name} ${fmt(m.value)}`);
  const ratio = rec.vanishingRatio ? `log10 vanishing ${fmt(Math.log10(rec.vanishingRatio), 3)}` : '';
  return `epoch ${rec.epoch}: ${parts.join(', ')}${ratio ? `; ${ratio}` : ''} (${Math.round(rec.samplesPerSec)} samples/s)`;
}

export function backendLine(b: BackendReport): string {
  const skipped = b.skipped.map((s) => `\n  skipped ${safe(s.name)}: ${safe(s.reason)}`).join('');
  // on, the detail already names the BLAS (`… + OpenBLAS …`); off, say why
  const tier = nativeTierOf(b);
  const off = tier && !tier.on ? `\n  ${safe(nativeTierText(tier))}` : '';
  return `backend ${safe(b.detail)}${b.parityMaxAbsDiff !== null ? ` (parity vs cpu ${b.parityMaxAbsDiff.toExponential(1)})` : ''}${skipped}${off}`;
}

export function endLine(end: Events['run.finished']): string {
  return `run ${end.runId} ${end.status} after ${end.epochs} epoch(s)${end.message ? `: ${safe(end.message, { multiline: true })}` : ''}`;
}

/** Every contract event exactly as the contract types it; notes go to standard error, not into the stream. */
export function jsonReporter(out: NodeJS.WritableStream, err: NodeJS.WritableStream): Reporter {
  const w =
    <E extends EventName>(event: E) =>
    (payload: Events[E]) =>
      void out.write(JSON.stringify({ event, payload }) + '\n');
  return {
    'run.started': w('run.started'),
    'run.progress': w('run.progress'),
    'run.epoch': w('run.epoch'),
    'run.finished': w('run.finished'),
    'runs.changed': w('runs.changed'),
    queued: () => {},
    note: (text) => void err.write(text + '\n'),
    stop: () => {},
  };
}

export function plainReporter(out: NodeJS.WritableStream): Reporter {
  const w = (s: string) => void out.write(s + '\n');
  return {
    queued: (runId, name) => w(`run ${runId} queued: ${safe(name) || '(unnamed)'}`),
    'run.started': ({ runId, backend }) => w(`run ${runId} started on ${backendLine(backend)}`),
    'run.epoch': ({ runId, record }) => w(`run ${runId} ${epochLine(record)}`),
    'run.finished': (end) => w(endLine(end)),
    note: w,
    stop: () => {},
  };
}

/** Terminal: one bar per running run with epoch, loss and ETA; epoch lines and notes print above. */
export function ttyReporter(out: NodeJS.WritableStream): Reporter {
  const multi = new cliProgress.MultiBar(
    {
      stream: out as NodeJS.WriteStream,
      format: ' {name} |{bar}| {percentage}% | epoch {epoch}/{epochs} | loss {loss} | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, cliProgress.SingleBar>();
  const names = new Map<string, string>();
  const log = (s: string) => multi.log(s + '\n');
  return {
    queued: (runId, name) => (names.set(runId, safe(name)), log(`run ${runId} queued: ${safe(name) || '(unnamed)'}`)),
    'run.started': ({ runId, backend }) => {
      log(`run ${runId} started on ${backendLine(backend)}`);
      const name = (names.get(runId) || short(runId)).slice(0, 28).padEnd(28);
      bars.set(runId, multi.create(1000, 0, { name, epoch: 0, epochs: '?', loss: '—' }));
    },
    'run.progress': (p) =>
      bars.get(p.runId)?.update(Math.round(p.fraction * 1000), { epoch: p.epoch, epochs: p.epochs, loss: fmt(p.loss) }),
    'run.epoch': ({ runId, record }) => log(`run ${runId} ${epochLine(record)}`),
    'run.finished': (end) => {
      bars.get(end.runId)?.stop();
      log(endLine(end));
    },
    note: log,
    stop: () => multi.stop(),
  };
}
