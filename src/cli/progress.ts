/**
 * How `run` reports: bars with ETA on a terminal, one plain line per epoch otherwise,
 * one JSON object per line with --json (for machines).
 */
import cliProgress from 'cli-progress';
import type { JobEnd } from '../train/job.ts';
import type { BackendReport } from '../domain/backend.ts';
import type { EpochRecord, ProgressEvent } from '../domain/records.ts';

export interface Reporter {
  queued(runId: string, name: string): void;
  started(runId: string, backend: BackendReport): void;
  progress(p: ProgressEvent): void;
  epoch(runId: string, rec: EpochRecord): void;
  finished(runId: string, end: JobEnd): void;
  note(text: string): void;
  stop(): void;
}

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
  const skipped = b.skipped.map((s) => `\n  skipped ${s.name}: ${s.reason}`).join('');
  return `backend ${b.detail}${b.parityMaxAbsDiff !== null ? ` (parity vs cpu ${b.parityMaxAbsDiff.toExponential(1)})` : ''}${skipped}`;
}

export function endLine(runId: string, end: JobEnd): string {
  return `run ${runId} ${end.status} after ${end.epochs} epoch(s)${end.message ? `: ${end.message}` : ''}`;
}

export function jsonReporter(out: NodeJS.WritableStream): Reporter {
  const w = (o: object) => out.write(JSON.stringify(o) + '\n');
  return {
    queued: (runId, name) => w({ event: 'queued', runId, name }),
    started: (runId, backend) => w({ event: 'started', runId, backend }),
    progress: (p) => w({ event: 'progress', ...p }),
    epoch: (runId, rec) =>
      w({
        event: 'epoch',
        runId,
        epoch: rec.epoch,
        metrics: rec.metrics,
        weights: rec.weights,
        vanishingRatio: rec.vanishingRatio,
        samplesPerSec: rec.samplesPerSec,
      }),
    finished: (runId, end) => w({ event: 'finished', runId, ...end }),
    note: (text) => w({ event: 'note', text }),
    stop: () => {},
  };
}

export function plainReporter(out: NodeJS.WritableStream): Reporter {
  const w = (s: string) => out.write(s + '\n');
  return {
    queued: (runId, name) => w(`run ${runId} queued: ${name || '(unnamed)'}`),
    started: (runId, b) => w(`run ${short(runId)} started on ${backendLine(b)}`),
    progress: () => {},
    epoch: (runId, rec) => w(`run ${short(runId)} ${epochLine(rec)}`),
    finished: (runId, end) => w(endLine(runId, end)),
    note: w,
    stop: () => {},
  };
}

/** Terminal: one bar per running run with epoch, loss and ETA; epoch lines and notes print above. */
export function ttyReporter(out: NodeJS.WriteStream): Reporter {
  const multi = new cliProgress.MultiBar(
    {
      stream: out,
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
    queued: (runId, name) => (names.set(runId, name), log(`run ${runId} queued: ${name || '(unnamed)'}`)),
    started: (runId, b) => {
      log(`run ${short(runId)} started on ${backendLine(b)}`);
      const name = (names.get(runId) || short(runId)).slice(0, 28).padEnd(28);
      bars.set(runId, multi.create(1000, 0, { name, epoch: 0, epochs: '?', loss: '—' }));
    },
    progress: (p) =>
      bars.get(p.runId)?.update(Math.round(p.fraction * 1000), { epoch: p.epoch, epochs: p.epochs, loss: fmt(p.loss) }),
    epoch: (runId, rec) => log(`run ${short(runId)} ${epochLine(rec)}`),
    finished: (runId, end) => {
      bars.get(runId)?.stop();
      log(endLine(runId, end));
    },
    note: log,
    stop: () => multi.stop(),
  };
}
