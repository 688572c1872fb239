/**
 * Socket Mode (PLATFORM.md §2.7) on the emulator's own HTTP server: `apps.connections.open` hands out
 * a one-use `ws://…/socket-mode/<ticket>` URL, the app connects, gets `hello`, and from then on the
 * test delivers envelopes over that socket and waits for the app's acks (`{ envelope_id, payload? }`).
 * Strict: an ack for an envelope that was never sent, a second ack, a response payload where the
 * envelope does not accept one, or a message that is not JSON is recorded as an error issue.
 * Pings from the client are answered with pongs by `ws` itself, as `@slack/socket-mode` expects.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { isRecord } from './block-kit.ts';
import type { EmulatorState } from './state.ts';
import type { Json } from './types.ts';

export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

export interface DeliverOptions {
  /** events_api only: 0 for the first delivery, 1.. for Slack's retries. */
  retryAttempt?: number;
  /** events_api only: e.g. `timeout` on a retry; empty on the first delivery. */
  retryReason?: string;
  /** Defaults: true for commands and interactivity, false for events. */
  acceptsResponsePayload?: boolean;
}

export interface SocketAck {
  envelopeId: string;
  /** The `payload` the app sent with its ack, if any. */
  payload?: Json;
  /** ms between sending the envelope and receiving its ack. */
  afterMs: number;
}

interface SentEnvelope {
  type: EnvelopeType;
  acceptsResponsePayload: boolean;
  sentAt: number;
  ack?: SocketAck;
}

const PATH = /^\/socket-mode\/([0-9a-f]+)$/;

export class SocketModeHost {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  private envelopes = new Map<string, SentEnvelope>();
  private readonly ackWaiters = new Map<string, (ack: SocketAck) => void>();

  /**
   * @param state current emulator state (tickets from apps.connections.open, issues)
   * @param onActivity called after every message from the app, so `waitFor` probes re-check
   */
  constructor(
    private readonly state: () => EmulatorState,
    private readonly onActivity: () => void,
  ) {}

  /** For the HTTP server's `upgrade` event. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const ticket = PATH.exec(new URL(req.url ?? '/', 'http://emulator').pathname)?.[1];
    const appId = ticket === undefined ? undefined : this.state().socketTickets.get(ticket);
    if (ticket === undefined || appId === undefined) {
      // A URL nobody issued, or one already used: Slack refuses the handshake.
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.state().socketTickets.delete(ticket);
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, appId));
  }

  get connections(): number {
    return [...this.sockets].filter((ws) => ws.readyState === ws.OPEN).length;
  }

  /** Sends one envelope to an open connection; returns its envelope_id. */
  deliver(type: EnvelopeType, payload: Json, options: DeliverOptions = {}): string {
    const ws = [...this.sockets].find((s) => s.readyState === s.OPEN);
    if (ws === undefined) throw new Error('socket mode: no app is connected');
    const envelopeId = randomUUID();
    const acceptsResponsePayload = options.acceptsResponsePayload ?? type !== 'events_api';
    const envelope: Json = {
      envelope_id: envelopeId,
      payload,
      type,
      accepts_response_payload: acceptsResponsePayload,
      ...(type === 'events_api'
        ? { retry_attempt: options.retryAttempt ?? 0, retry_reason: options.retryReason ?? '' }
        : {}),
    };
    this.envelopes.set(envelopeId, { type, acceptsResponsePayload, sentAt: performance.now() });
    ws.send(JSON.stringify(envelope));
    return envelopeId;
  }

  /** Resolves with the app's ack of an envelope; rejects after `timeoutMs`. */
  awaitAck(envelopeId: string, timeoutMs = 3_000): Promise<SocketAck> {
    const sent = this.envelopes.get(envelopeId);
    if (sent === undefined)
      return Promise.reject(new Error(`socket mode: envelope ${envelopeId} was never sent`));
    if (sent.ack !== undefined) return Promise.resolve(sent.ack);
    return new Promise<SocketAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.ackWaiters.delete(envelopeId);
        reject(
          new Error(`socket mode: no ack for ${sent.type} envelope ${envelopeId} within ${timeoutMs} ms`),
        );
      }, timeoutMs);
      this.ackWaiters.set(envelopeId, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
    });
  }

  /** Every ack received so far, in order. */
  acks(): SocketAck[] {
    return [...this.envelopes.values()].flatMap((e) => (e.ack === undefined ? [] : [e.ack]));
  }

  /** Slack's `disconnect` message (the SDK closes the socket and, by default, reconnects). */
  requestDisconnect(reason: 'warning' | 'refresh_requested' | 'link_disabled' = 'refresh_requested'): void {
    for (const ws of this.sockets) ws.send(JSON.stringify({ type: 'disconnect', reason }));
  }

  /** Forgets envelopes and acks; open connections stay. */
  reset(): void {
    this.envelopes = new Map();
  }

  close(): void {
    for (const ws of this.sockets) ws.terminate();
    this.sockets.clear();
    this.wss.close();
  }

  private accept(ws: WebSocket, appId: string): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (data, isBinary) => {
      this.receive(data, isBinary);
      this.onActivity();
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.connections,
        debug_info: { host: 'slack-emulator', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: appId },
      }),
    );
  }

  private receive(data: RawData, isBinary: boolean): void {
    const error = (message: string) => this.state().recordIssue('socket_mode', 'error', [message]);
    if (isBinary) return error('binary message from the app');
    const text = Buffer.isBuffer(data) ? data.toString('utf8') : String(data);
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return error(`message is not JSON: ${text.slice(0, 200)}`);
    }
    const envelopeId = isRecord(message) ? message.envelope_id : undefined;
    if (!isRecord(message) || typeof envelopeId !== 'string') {
      return error(`message without envelope_id: ${text.slice(0, 200)}`);
    }
    const sent = this.envelopes.get(envelopeId);
    if (sent === undefined) return error(`ack for unknown envelope_id ${envelopeId}`);
    if (sent.ack !== undefined) return error(`second ack for envelope_id ${envelopeId}`);
    const payload = message.payload;
    if (payload !== undefined && !isRecord(payload)) return error(`ack payload is not an object: ${text}`);
    if (!sent.acceptsResponsePayload && isRecord(payload) && Object.keys(payload).length > 0) {
      error(`ack for ${sent.type} envelope ${envelopeId} has a payload, but it accepts none`);
    }
    const ack: SocketAck = {
      envelopeId,
      ...(payload === undefined ? {} : { payload: payload as Json }),
      afterMs: performance.now() - sent.sentAt,
    };
    sent.ack = ack;
    this.ackWaiters.get(envelopeId)?.(ack);
    this.ackWaiters.delete(envelopeId);
  }
}
