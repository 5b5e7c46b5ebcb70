/** How the CLI ends: one exit code per outcome, and the one mapping from the contract's error codes. */
import type { ApiError, ErrorCode } from '../api/contract.ts';

export const EXIT = { ok: 0, runFailed: 1, badInput: 2, cancelled: 130 } as const;

/** What the caller asked cannot be right (2); otherwise the state or the machine refused it (1). */
const EXIT_FOR: Record<ErrorCode, number> = {
  invalid_argument: EXIT.badInput,
  not_found: EXIT.badInput,
  unknown_method: EXIT.badInput,
  unauthorized: EXIT.runFailed,
  read_only: EXIT.runFailed,
  invalid_state: EXIT.runFailed,
  internal: EXIT.runFailed,
};

/** An error the CLI reports in one line (no stack) with its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }

  /** A refusal from the service, `context` (e.g. which file) leading the message when given. */
  static fromApi(error: ApiError, context?: string): CliError {
    const detail =
      error.issues && error.issues.length > 1
        ? error.issues.map((i) => `\n  ${i.field || '(input)'}: ${i.message}`).join('')
        : error.message;
    const lead = context ? `${context}:${detail.startsWith('\n') ? '' : ' '}` : '';
    return new CliError(lead + detail, EXIT_FOR[error.code]);
  }
}
