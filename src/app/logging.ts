import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { createLogger, type Logger } from '../log.js';

export interface ProcessLog {
  readonly log: Logger;
  /** Where the log goes in local mode (the terminal belongs to the console); null: standard output. */
  readonly file: string | null;
}

/** The process's logger: JSON lines on stdout with the token redacted, or in local mode a file beside the data. */
export async function openProcessLog(config: Config, localMode: boolean, bindings: Record<string, unknown> = {}): Promise<ProcessLog> {
  if (localMode) {
    await mkdir(config.dataDir, { recursive: true });
    const file = join(config.dataDir, 'local-mode.log');
    return { log: createLogger({ level: config.logLevel, destination: createWriteStream(file, { flags: 'a' }) }).child(bindings), file };
  }
  return { log: createLogger({ level: config.logLevel, secrets: config.token === null ? [] : [config.token] }).child(bindings), file: null };
}
