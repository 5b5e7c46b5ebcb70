/** Running the CLI in-process: captured output, and a Service of the test's making behind it. */
import { Writable } from 'node:stream';
import { vi } from 'vitest';
import type { JobFactory } from '../../../src/api/scheduler.ts';
import type { Service } from '../../../src/api/service.ts';
import { openCliService } from '../../../src/cli/database.ts';
import { runCli } from '../../../src/cli/program.ts';
import { autoJobs } from '../api/fake-jobs.ts';

function sink(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      text += String(chunk);
      cb();
    },
  });
  return { stream, text: () => text };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** every contract method the CLI's services handled, in order */
  methods: string[];
}

/**
 * `args` through the real program; each Service it opens trains with `startJob` (default: fake
 * jobs that complete) and has `handle` spied on, so the test sees every contract call.
 */
export async function runInProcess(args: string[], o: { startJob?: JobFactory } = {}): Promise<CliRun> {
  const out = sink();
  const err = sink();
  const methods: string[] = [];
  const spy = (service: Service) => {
    const handle = service.handle.bind(service);
    vi.spyOn(service, 'handle').mockImplementation((method, input) => (methods.push(method), handle(method, input)));
    return service;
  };
  const code = await runCli(args, {
    io: { out: out.stream, err: err.stream, tty: false },
    openService: (req) => spy(openCliService(req, { startJob: o.startJob ?? autoJobs() })),
  });
  return { code, stdout: out.text(), stderr: err.text(), methods };
}
