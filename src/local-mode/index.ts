import type { Readable, Writable } from 'node:stream';
import { startDiscordServer, type LocalDiscordServer } from '../../discord-emulator/index.js';
import { startConsole, type LocalConsole } from './console.js';

/** Local mode: the Discord emulator on 127.0.0.1 in place of Discord, and a console to talk to the bot through it. */
export interface LocalMode {
  readonly server: LocalDiscordServer;
  /** What the bot connects with instead of Discord's token and API. */
  readonly discord: { token: string; apiBase: string; applicationId: string; guildId: string };
  openConsole(options: { input: Readable; output: Writable; ansi?: boolean }): LocalConsole;
  stop(): Promise<void>;
}

export async function startLocalMode(): Promise<LocalMode> {
  const server = await startDiscordServer();
  return {
    server,
    discord: { token: server.token, apiBase: server.apiUrl, applicationId: server.applicationId, guildId: server.guild.id },
    openConsole: (options) => startConsole({ server, ...options }),
    stop: () => server.stop(),
  };
}
