/**
 * POST /api/<method>: a JSON body in, the service's envelope out. Only `application/json` is taken,
 * so no page can reach the API with a "simple" request (a form, a no-cors fetch) that skips CORS.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Service } from '../api/service.ts';
import { sendError, sendJson, statusOf } from './replies.ts';

export const MAX_BODY = 16 * 1024 * 1024;

class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function isJson(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY) throw new BodyError(413, `request body over ${MAX_BODY} bytes`);
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) throw new BodyError(413, `request body over ${MAX_BODY} bytes`);
    chunks.push(c as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    // JSON.parse quotes the input back; the reply names the rule instead
    throw new BodyError(400, 'request body is not valid JSON');
  }
}

/** Answers one API request; `method` is the raw path segment (never decoded: method names are plain ASCII). */
export async function handleApi(
  service: Service,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
): Promise<void> {
  if (req.method !== 'POST')
    return sendError(res, 405, 'invalid_argument', 'use POST with a JSON body', { allow: 'POST' });
  if (!isJson(req.headers['content-type']))
    return sendError(res, 415, 'invalid_argument', 'content-type: must be application/json');
  let input: unknown;
  try {
    input = await readJson(req);
  } catch (err) {
    const status = err instanceof BodyError ? err.status : 400;
    const message = err instanceof BodyError ? err.message : 'the request body could not be read';
    return sendError(res, status, 'invalid_argument', message, status === 413 ? { connection: 'close' } : {});
  }
  const envelope = await service.handle(method, input);
  sendJson(res, statusOf(envelope), envelope);
}
