import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { deflateSync } from 'node:zlib';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { isObject, type JsonObject } from '../json.js';
import { parseShard, shardOf, type SessionStartCounter } from './shards.js';

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
  ShardingRequired: 4011,
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
  /** The guilds the bot is in, by id; each shard gets those with `shardOf(id, count) === shard`. */
  botGuildIds(): string[];
  readyPayload(session: GatewaySession, guildIds: string[]): JsonObject;
  /** The GUILD_CREATE payload of a guild, sent after READY when the Guilds intent is set. */
  guildCreate(guildId: string): JsonObject;
  /** A shard holding more guilds than this is closed with 4011 (Discord: 2,500). */
  maxGuildsPerShard: number;
  sessionStarts: SessionStartCounter;
}

/** Which live sessions a control (drop, invalidate, reconnect) acts on; all of them when no shard is named. */
export interface ShardSelector {
  shard?: number;
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

  /** Sessions that still receive events: not invalidated, and connected or within the resume window. */
  private get liveSessions(): GatewaySession[] {
    return this.sessions.filter((s) => this.resumable(s));
  }

  /** Live sessions whose shard covers the guild (shard 0 for events outside guilds). */
  sessionsFor(guildId: string | null): GatewaySession[] {
    return this.liveSessions.filter((s) => (guildId === null ? s.shard[0] === 0 : shardOf(guildId, s.shard[1]) === s.shard[0]));
  }

  /** True when every shard of the newest shard count has an open connection. */
  get connected(): boolean {
    const newest = this.sessions.at(-1);
    if (!newest) return false;
    const count = newest.shard[1];
    const open = this.liveSessions.filter((s) => s.shard[1] === count && s.socket?.readyState === WebSocket.OPEN);
    return new Set(open.map((s) => s.shard[0])).size === count;
  }

  private resumable(session: GatewaySession): boolean {
    return !session.invalid && (session.disconnectedAt === null || Date.now() - session.disconnectedAt <= this.options.resumeWindowMs);
  }

  /** Sends an event to the sessions of its guild's shard (`guildId`, else the payload's `guild_id`); returns how many got it. */
  dispatch(t: string, d: unknown, guildId: string | null = guildOf(t, d)): number {
    const sessions = this.sessionsFor(guildId);
    if (sessions.length === 0) {
      const where = guildId === null ? 'shard 0' : `the shard of guild ${guildId}`;
      throw new Error(`no bot session on ${where} is connected to the local Discord gateway`);
    }
    for (const session of sessions) this.dispatchTo(session, t, d);
    return sessions.length;
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

  private selected(selector: ShardSelector): GatewaySession[] {
    return this.liveSessions.filter((s) => s.socket !== null && (selector.shard === undefined || s.shard[0] === selector.shard));
  }

  /** Closes live connections with a resumable close code (or abruptly); their sessions survive for RESUME. */
  dropConnection(options: { code?: number; reason?: string; abrupt?: boolean } & ShardSelector = {}): void {
    for (const connection of this.connections) {
      if (options.shard !== undefined && connection.session?.shard[0] !== options.shard) continue;
      if (options.abrupt) connection.socket.terminate();
      else connection.socket.close(options.code ?? GatewayClose.UnknownError, options.reason ?? 'Dropped by the local server');
    }
  }

  /** Sends op 9; with `resumable: false` the bot must identify anew (new session, READY again). */
  invalidateSession(resumable = false, selector: ShardSelector = {}): void {
    const sessions = this.selected(selector);
    if (sessions.length === 0) throw new Error('no live gateway session to invalidate');
    for (const session of sessions) {
      if (!resumable) session.invalid = true;
      if (session.socket) this.send(session.socket, session, { op: GatewayOp.InvalidSession, d: resumable, s: null, t: null });
    }
  }

  /** Sends op 7: the bot should reconnect and resume. */
  requestReconnect(selector: ShardSelector = {}): void {
    const sessions = this.selected(selector);
    if (sessions.length === 0) throw new Error('no live gateway session to reconnect');
    for (const session of sessions) {
      if (session.socket) this.send(session.socket, session, { op: GatewayOp.Reconnect, d: null, s: null, t: null });
    }
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
    const shard = parseShard(identify.shard);
    if (shard === null) {
      socket.close(GatewayClose.InvalidShard, 'Invalid shard.');
      return;
    }
    const [shardId, shardCount] = shard;
    const guildIds = this.options.botGuildIds().filter((id) => shardOf(id, shardCount) === shardId);
    if (guildIds.length > this.options.maxGuildsPerShard) {
      socket.close(GatewayClose.ShardingRequired, 'Sharding required.');
      return;
    }
    const start = this.options.sessionStarts.take(shardId, Date.now());
    if (start !== 'ok') {
      // Discord answers an IDENTIFY over the session start limit or max_concurrency with op 9.
      this.send(socket, null, { op: GatewayOp.InvalidSession, d: false });
      this.emit('identify-refused', { shard, reason: start });
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
    for (const older of this.sessions) {
      if (older.invalid || older.shard[0] !== shardId || older.shard[1] !== shardCount) continue;
      this.endSession(older);
    }
    this.sessions.push(session);
    connection.session = session;
    this.emit('identify', session.identify);
    this.dispatchTo(session, 'READY', this.options.readyPayload(session, guildIds));
    if (intents & Intent.Guilds) {
      for (const guildId of guildIds) this.dispatchTo(session, 'GUILD_CREATE', this.options.guildCreate(guildId));
    }
    this.emit('ready', session);
  }

  /** A newer IDENTIFY for the same shard takes over: the older session is invalidated (op 9 if still connected). */
  private endSession(session: GatewaySession): void {
    session.invalid = true;
    if (session.socket?.readyState === WebSocket.OPEN) {
      this.send(session.socket, session, { op: GatewayOp.InvalidSession, d: false, s: null, t: null });
    }
    this.emit('session-replaced', { sessionId: session.id, shard: session.shard });
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

/** The guild an event belongs to: its `guild_id`, or its `id` for GUILD_* events about the guild itself. */
function guildOf(t: string, d: unknown): string | null {
  if (!isObject(d)) return null;
  if (typeof d.guild_id === 'string') return d.guild_id;
  if (/^GUILD_(CREATE|UPDATE|DELETE)$/.test(t) && typeof d.id === 'string') return d.id;
  return null;
}
