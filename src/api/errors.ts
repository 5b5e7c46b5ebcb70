/** Mapping whatever a method threw onto the envelope's error. */
import type { z } from 'zod';
import { issuesOf, SpecError } from '../experiment/spec.ts';
import { DatabaseError } from '../store/open-errors.ts';
import type { ApiError, ErrorCode } from './contract.ts';

export class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

/** A request that failed its input schema: every field named, as the spec's own errors are. */
export function fromZod(err: z.ZodError): ApiError {
  const issues = issuesOf(err);
  return {
    code: 'invalid_argument',
    message: issues.map((i) => `${i.field || '(input)'}: ${i.message}`).join('; '),
    field: issues[0]?.field,
    issues,
  };
}

const STORE_CODES: Record<string, ErrorCode> = {
  invalid_argument: 'invalid_argument',
  not_found: 'not_found',
  read_only: 'read_only',
  invalid_state: 'invalid_state',
};

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiFailure) return err.error;
  // one line with its fix, whichever door shows it
  if (err instanceof DatabaseError)
    return { code: err.problem === 'read_only' ? 'read_only' : 'internal', message: err.message };
  if (err instanceof SpecError)
    return {
      code: 'invalid_argument',
      message: err.message.replace(/\n/g, '; '),
      field: err.issues[0]?.field,
      issues: err.issues,
    };
  const e = err as { code?: string; field?: string; message?: string };
  const code = e.code ? STORE_CODES[e.code] : undefined;
  if (code) return { code, message: e.message ?? String(err), ...(e.field ? { field: e.field } : {}) };
  return { code: 'internal', message: e.message ?? String(err) };
}
