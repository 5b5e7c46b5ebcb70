/**
 * The event stream: one WebSocket at /api/events, every service event as {event, payload}. The
 * handshake passes the same guards as a request (Host, Origin, token): a socket is the easiest way
 * for another origin to listen in, since browsers apply no same-origin policy to WebSockets.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { EVENTS } from '../api/contract.ts';
import type { Service } from '../api/service.ts';

/** What the bridge decided about a handshake: null to accept, else the HTTP status and reason. */
export type Gate = (req: IncomingMessage) => { status: number; message: string } | null;

export interface EventSocket {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

function refuse(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ ok: false, error: { code: 'unauthorized', message } });
  socket.end(
    `HTTP/1.1 ${status} Refused\r\nconnection: close\r\ncontent-type: application/json; charset=utf-8\r\n` +
      `x-content-type-options: nosniff\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

export function createEventSocket(service: Service, gate: Gate): EventSocket {
  // clients only listen: anything they send is dropped, and a large frame closes the socket
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const clients = new Set<WebSocket>();
  const unsubscribe = EVENTS.map((event) =>
    service.on(event, (payload) => {
      const text = JSON.stringify({ event, payload });
      for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(text);
    }),
  );
  return {
    handleUpgrade(req, socket, head) {
      // a reset during the handshake must not become an uncaught 'error' that ends the process
      socket.on('error', () => socket.destroy());
      const refused = gate(req);
      if (refused) return refuse(socket, refused.status, refused.message);
      wss.handleUpgrade(req, socket, head, (ws) => {
        clients.add(ws);
        ws.on('error', () => ws.terminate());
        ws.on('close', () => clients.delete(ws));
      });
    },
    close() {
      unsubscribe.forEach((u) => u());
      for (const ws of clients) ws.terminate();
      wss.close();
    },
  };
}
