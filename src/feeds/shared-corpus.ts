import type { LibraryHolder, ReloadReport } from '../library/index.js';
import type { Logger } from '../log.js';
import type { CorpusChangeSubscription, CorpusChanges } from '../store/index.js';
import type { CorpusChange } from '../store/types.js';

/** What a corpus change notice carries: who changed the folder and how (some files, or a whole reload). */
interface NoticeDetail {
  readonly origin: string;
  readonly files?: readonly string[];
}

const changed = (report: ReloadReport): boolean => report.ok && report.added.length + report.changed.length + report.removed.length > 0;

function detailOf(change: CorpusChange): NoticeDetail | null {
  try {
    const detail = JSON.parse(change.detail) as { origin?: unknown; files?: unknown };
    if (typeof detail.origin !== 'string') return null;
    const files = Array.isArray(detail.files) ? detail.files.filter((f): f is string => typeof f === 'string') : undefined;
    return files === undefined ? { origin: detail.origin } : { origin: detail.origin, files };
  } catch {
    return null;
  }
}

/**
 * One corpus folder shared by several processes: what this process takes in or reloads is announced through the store
 * (PostgreSQL LISTEN/NOTIFY; SQLite: this process alone), and what others announce is taken in or reloaded here, never
 * announced again. `holder()` is the library the bot answers from, with a /reload that others follow.
 */
export class SharedCorpus {
  #subscription: CorpusChangeSubscription | null = null;

  constructor(
    private readonly library: LibraryHolder,
    private readonly changes: CorpusChanges,
    private readonly origin: string,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes new files in here and tells the other processes which ones. */
  async takeIn(files: readonly string[]): Promise<ReloadReport> {
    const report = await this.library.takeIn(files);
    if (changed(report)) await this.#announce('files', { origin: this.origin, files });
    this.log.info({ files: files.length, ok: report.ok, added: report.added.length, changed: report.changed.length, ms: Math.round(report.durationMs) }, 'files taken into the library');
    return report;
  }

  async reload(): Promise<ReloadReport> {
    const report = await this.library.reload();
    if (changed(report)) await this.#announce('reloaded', { origin: this.origin });
    return report;
  }

  /** The library as the bot's handlers see it: the same, but its reload is announced. */
  holder(): LibraryHolder {
    return {
      current: () => this.library.current(),
      reload: () => this.reload(),
      takeIn: (files) => this.takeIn(files),
      onSwap: (listener) => this.library.onSwap(listener),
    };
  }

  /** Follows the changes other processes announce. */
  async start(): Promise<void> {
    this.#subscription ??= await this.changes.subscribe(
      (change) => void this.#follow(change),
      (error) => this.log.warn({ err: error }, 'corpus change notices: a notice was lost or the listener failed; the next notice catches up'),
    );
  }

  async stop(): Promise<void> {
    const subscription = this.#subscription;
    this.#subscription = null;
    await subscription?.close();
  }

  async #follow(change: CorpusChange): Promise<void> {
    const detail = detailOf(change);
    if (detail === null || detail.origin === this.origin) return;
    try {
      const report = detail.files !== undefined ? await this.library.takeIn(detail.files) : await this.library.reload();
      this.log.info({ from: detail.origin, kind: change.kind, ok: report.ok, added: report.added.length, changed: report.changed.length, removed: report.removed.length }, 'corpus changed in another process; taken in here');
    } catch (error) {
      this.log.error({ err: error, from: detail.origin }, 'could not follow a corpus change of another process');
    }
  }

  async #announce(kind: string, detail: NoticeDetail): Promise<void> {
    try {
      await this.changes.notify(kind, JSON.stringify(detail), this.now());
    } catch (error) {
      this.log.warn({ err: error, kind }, 'could not tell other processes of a corpus change; they see it at their next reload');
    }
  }
}
