import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { deflateSync } from 'node:zlib';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { isObject, type JsonObject } from '../json.js';

export const GatewayOp = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

export const GatewayClose = {
  UnknownError: 4000,
  UnknownOpcode: 4001,
  DecodeError: 4002,
  NotAuthenticated: 4003,
  AuthenticationFailed: 4004,
  AlreadyAuthenticated: 4005,
  InvalidSeq: 4007,
  SessionTimedOut: 4009,
  InvalidShard: 4010,
  InvalidApiVersion: 4012,
  InvalidIntents: 4013,
  DisallowedIntents: 4014,
} as const;

export const Intent = { Guilds: 1 << 0, GuildMembers: 1 << 1, GuildPresences: 1 << 8, MessageContent: 1 << 15 } as const;
const KNOWN_INTENTS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 20, 21, 24, 25].reduce((bits, bit) => bits | (1 << bit), 0);
export const PRIVILEGED_INTENTS = Intent.GuildMembers | Intent.GuildPresences | Intent.MessageContent;

export interface GatewayFrame {
  direction: 'in' | 'out';
  op: number;
  t?: string | null;
  s?: number | null;
  d: unknown;
  at: number;
  sessionId?: string;
}

export interface GatewaySession {
  id: string;
  intents: number;
  shard: [number, number];
  seq: number;
  buffer: Array<{ s: number; t: string; d: unknown }>;
  socket: WebSocket | null;
  compress: boolean;
  disconnectedAt: number | null;
  invalid: boolean;
  identify: JsonObject;
}

interface Connection {
  socket: WebSocket;
  session: GatewaySession | null;
  lastHeartbeatAt: number;
  zombieTimer: NodeJS.Timeout | null;
}

export interface GatewayOptions {
  heartbeatIntervalMs: number;
  /** Real ms a disconnected session stays resumable. */
  resumeWindowMs: number;
  allowedPrivilegedIntents: number;
  isValidToken(token: string): boolean;
  gatewayUrl(): string;
  newSessionId(): string;
  readyPayload(session: GatewaySession): JsonObject;
  /** GUILD_CREATE payloads sent after READY when the Guilds intent is set. */
  guildCreates(): JsonObject[];
}

const REPLAY_BUFFER = 2000;

/** The WebSocket half of the fake Discord: HELLO, IDENTIFY/READY, heartbeats, RESUME with replay, faults. */
export class Gateway extends EventEmitter {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly connections = new Set<Connection>();
  readonly sessions: GatewaySession[] = [];
  readonly frames: GatewayFrame[] = [];

  constructor(private readonly options: GatewayOptions) {
    super();
    this.wss.on('connection', (socket: WebSocket, request: IncomingMessage) => this.onConnection(socket, request));
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(request, socket, head, (ws) => this.wss.emit('connection', ws, request));
  }

  /** The session INTERACTION_CREATE and other dispatches go to: the newest one that can still receive. */
  get currentSession(): GatewaySession | undefined {
    return [...this.sessions].reverse().find((s) => !s.invalid && (s.socket !== null || this.resumable(s)));
  }

  get connected(): boolean {
    const session = this.currentSession;
    return !!session?.socket && session.socket.readyState === WebSocket.OPEN;
  }

  private resumable(session: GatewaySession): boolean {
    return !session.invalid && (session.disconnectedAt === null || Date.now() - session.disconnectedAt <= this.options.resumeWindowMs);
  }

  dispatch(t: string, d: unknown): number {
    const session = this.currentSession;
    if (!session) throw new Error('no bot is connected to the local Discord gateway');
    return this.dispatchTo(session, t, d);
  }

  private dispatchTo(session: GatewaySession, t: string, d: unknown): number {
    session.seq += 1;
    const entry = { s: session.seq, t, d };
    session.buffer.push(entry);
    if (session.buffer.length > REPLAY_BUFFER) session.buffer.shift();
    if (session.socket && session.socket.readyState === WebSocket.OPEN) {
      this.send(session.socket, session, { op: GatewayOp.Dispatch, t, s: entry.s, d });
    }
    return entry.s;
  }

  /** Closes the live connection with a resumable close code (or abruptly); the session survives for RESUME. */
  dropConnection(options: { code?: number; reason?: string; abrupt?: boolean } = {}): void {
    for (const connection of this.connections) {
      if (options.abrupt) connection.socket.terminate();
      else connection.socket.close(options.code ?? GatewayClose.UnknownError, options.reason ?? 'Dropped by the local server');
    }
  }

  /** Sends op 9; with `resumable: false` the bot must identify anew (new session, READY again). */
  invalidateSession(resumable = false): void {
    const session = this.currentSession;
    if (!session?.socket) throw new Error('no live gateway session to invalidate');
    if (!resumable) session.invalid = true;
    this.send(session.socket, session, { op: GatewayOp.InvalidSession, d: resumable, s: null, t: null });
  }

  /** Sends op 7: the bot should reconnect and resume. */
  requestReconnect(): void {
    const session = this.currentSession;
    if (!session?.socket) throw new Error('no live gateway session to reconnect');
    this.send(session.socket, session, { op: GatewayOp.Reconnect, d: null, s: null, t: null });
  }

  async close(): Promise<void> {
    for (const connection of this.connections) {
      if (connection.zombieTimer) clearInterval(connection.zombieTimer);
      connection.socket.terminate();
    }
    this.connections.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private record(frame: Omit<GatewayFrame, 'at'>): void {
    if (frame.op === GatewayOp.Heartbeat || frame.op === GatewayOp.HeartbeatAck) return;
    this.frames.push({ ...frame, at: Date.now() });
  }

  private send(socket: WebSocket, session: GatewaySession | null, payload: { op: number; d: unknown; s?: number | null; t?: string | null }): void {
    const frame = { op: payload.op, d: payload.d, s: payload.s ?? null, t: payload.t ?? null };
    this.record({ direction: 'out', ...frame, ...(session ? { sessionId: session.id } : {}) });
    const text = JSON.stringify(frame);
    socket.send(session?.compress ? deflateSync(text) : text);
  }

  private onConnection(socket: WebSocket, request: IncomingMessage): void {
    const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
    const connection: Connection = { socket, session: null, lastHeartbeatAt: Date.now(), zombieTimer: null };
    this.connections.add(connection);
    socket.on('close', (code: number) => this.onClose(connection, code));
    socket.on('error', () => undefined);
    if (query.get('v') !== '10') {
      socket.close(GatewayClose.InvalidApiVersion, 'Invalid API version');
      return;
    }
    if ((query.get('encoding') ?? 'json') !== 'json') {
      socket.close(GatewayClose.DecodeError, 'Only JSON encoding is supported');
      return;
    }
    socket.on('message', (data: RawData) => this.onMessage(connection, data));
    this.send(socket, null, { op: GatewayOp.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs, _trace: ['["ringkas-local-gateway",{}]'] } });
    const interval = this.options.heartbeatIntervalMs;
    const tolerance = interval * 2 + 5000;
    connection.zombieTimer = setInterval(() => {
      if (Date.now() - connection.lastHeartbeatAt > tolerance) socket.close(GatewayClose.SessionTimedOut, 'Session timed out');
    }, Math.max(interval, 1000));
    connection.zombieTimer.unref();
  }

  private onClose(connection: Connection, code: number): void {
    if (connection.zombieTimer) clearInterval(connection.zombieTimer);
    this.connections.delete(connection);
    const session = connection.session;
    if (session && session.socket === connection.socket) {
      session.socket = null;
      session.disconnectedAt = Date.now();
      if (code === 1000 || code === 1001) session.invalid = true;
    }
    this.emit('disconnect', { code, sessionId: session?.id ?? null });
  }

  private onMessage(connection: Connection, data: RawData): void {
    let payload: unknown;
    try {
      payload = JSON.parse(data.toString());
    } catch {
      connection.socket.close(GatewayClose.DecodeError, 'Decode error');
      return;
    }
    if (!isObject(payload) || typeof payload.op !== 'number') {
      connection.socket.close(GatewayClose.DecodeError, 'Decode error');
      return;
    }
    this.record({ direction: 'in', op: payload.op, d: payload.d, ...(connection.session ? { sessionId: connection.session.id } : {}) });
    switch (payload.op) {
      case GatewayOp.Heartbeat:
        connection.lastHeartbeatAt = Date.now();
        this.send(connection.socket, connection.session, { op: GatewayOp.HeartbeatAck, d: null });
        return;
      case GatewayOp.Identify:
        this.identify(connection, payload.d);
        return;
      case GatewayOp.Resume:
        this.resume(connection, payload.d);
        return;
      case GatewayOp.PresenceUpdate:
      case GatewayOp.VoiceStateUpdate:
      case GatewayOp.RequestGuildMembers:
        if (!connection.session) connection.socket.close(GatewayClose.NotAuthenticated, 'Not authenticated');
        return;
      default:
        connection.socket.close(GatewayClose.UnknownOpcode, 'Unknown opcode');
    }
  }

  private identify(connection: Connection, d: unknown): void {
    const { socket } = connection;
    if (connection.session) {
      socket.close(GatewayClose.AlreadyAuthenticated, 'Already authenticated');
      return;
    }
    const identify = isObject(d) ? d : {};
    if (typeof identify.token !== 'string' || !this.options.isValidToken(identify.token)) {
      socket.close(GatewayClose.AuthenticationFailed, 'Authentication failed.');
      this.emit('authentication-failed');
      return;
    }
    const intents = identify.intents;
    if (typeof intents !== 'number' || !Number.isInteger(intents) || intents < 0 || (intents & ~KNOWN_INTENTS) !== 0) {
      socket.close(GatewayClose.InvalidIntents, 'Invalid intent(s).');
      return;
    }
    if ((intents & PRIVILEGED_INTENTS & ~this.options.allowedPrivilegedIntents) !== 0) {
      socket.close(GatewayClose.DisallowedIntents, 'Disallowed intent(s).');
      return;
    }
    const shard = Array.isArray(identify.shard) ? identify.shard.map(Number) : [0, 1];
    const [shardId = 0, shardCount = 1] = shard;
    if (shardCount < 1 || shardId < 0 || shardId >= shardCount) {
      socket.close(GatewayClose.InvalidShard, 'Invalid shard.');
      return;
    }
    const session: GatewaySession = {
      id: this.options.newSessionId(),
      intents,
      shard: [shardId, shardCount],
      seq: 0,
      buffer: [],
      socket,
      compress: identify.compress === true,
      disconnectedAt: null,
      invalid: false,
      identify: { ...identify, token: '[redacted]' },
    };
    for (const other of this.sessions) {
      if (other.socket === null) other.invalid = true;
    }
    this.sessions.push(session);
    connection.session = session;
    this.emit('identify', session.identify);
    this.dispatchTo(session, 'READY', this.options.readyPayload(session));
    if (intents & Intent.Guilds) {
      for (const guild of this.options.guildCreates()) this.dispatchTo(session, 'GUILD_CREATE', guild);
    }
    this.emit('ready', session);
  }

  private resume(connection: Connection, d: unknown): void {
    const { socket } = connection;
    const resume = isObject(d) ? d : {};
    if (typeof resume.token !== 'string' || !this.options.isValidToken(resume.token)) {
      socket.close(GatewayClose.AuthenticationFailed, 'Authentication failed.');
      return;
    }
    const session = this.sessions.find((s) => s.id === resume.session_id);
    if (!session || !this.resumable(session)) {
      this.send(socket, null, { op: GatewayOp.InvalidSession, d: false });
      return;
    }
    const seq = Number(resume.seq ?? 0);
    if (!Number.isInteger(seq) || seq > session.seq) {
      socket.close(GatewayClose.InvalidSeq, 'Invalid seq');
      return;
    }
    if (session.socket && session.socket !== socket) session.socket.terminate();
    session.socket = socket;
    session.disconnectedAt = null;
    connection.session = session;
    const missed = session.buffer.filter((entry) => entry.s > seq);
    for (const entry of missed) this.send(socket, session, { op: GatewayOp.Dispatch, t: entry.t, s: entry.s, d: entry.d });
    this.dispatchTo(session, 'RESUMED', { _trace: ['["ringkas-local-gateway",{}]'] });
    this.emit('resumed', { sessionId: session.id, replayed: missed.length });
  }
}
