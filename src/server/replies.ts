/** How the web bridge answers: one JSON envelope per reply, an HTTP status that says what went wrong. */
import type { ServerResponse } from 'node:http';
import type { Envelope, ErrorCode } from '../api/contract.ts';

const STATUS: Record<ErrorCode, number> = {
  invalid_argument: 400,
  not_found: 404,
  unknown_method: 404,
  read_only: 409,
  invalid_state: 409,
  unauthorized: 401,
  internal: 500,
};

/** The HTTP status of an envelope: 200 for a value, the fitting 4xx/5xx for an error. */
export function statusOf(envelope: Envelope<unknown>): number {
  return envelope.ok ? 200 : (STATUS[envelope.error.code] ?? 500);
}

/** Headers every reply carries, page or API: no MIME sniffing, not embeddable or readable by other origins. */
export function hardenHeaders(res: ServerResponse): void {
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('cross-origin-resource-policy', 'same-origin');
  res.setHeader('referrer-policy', 'no-referrer');
}

export function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  if (res.headersSent) return void res.end();
  hardenHeaders(res);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...extra });
  res.end(JSON.stringify(body));
}

/** An error envelope. The message is the bridge's own words: never request or file content. */
export function sendError(
  res: ServerResponse,
  status: number,
  code: ErrorCode,
  message: string,
  extra?: Record<string, string>,
): void {
  sendJson(res, status, { ok: false, error: { code, message } }, extra);
}
