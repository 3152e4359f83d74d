import type { DeliveryPort } from '../digest/ports.js';
import type { LibraryHolder } from '../library/index.js';
import type { DigestSink, LibrarySink } from './sinks.js';

/** The same delivery port, reporting each message's outcome (delivered, retry, or the failure's kind) and time. */
export function observeDelivery(port: DeliveryPort, sink: DigestSink): DeliveryPort {
  return {
    async deliver(message, signal) {
      const started = performance.now();
      const outcome = await port.deliver(message, signal);
      const seconds = (performance.now() - started) / 1000;
      sink.delivery({ outcome: outcome.status === 'failed' ? outcome.failure.kind : outcome.status, seconds });
      return outcome;
    },
  };
}

/**
 * The same library holder (a plain object, as openLibrary returns), reporting every reload whoever asks for it
 * (/reload, a corpus change notice, a feed).
 */
export function observeReloads<T extends LibraryHolder>(holder: T, sink: LibrarySink): T {
  return {
    ...holder,
    async reload() {
      const report = await holder.reload();
      sink.reload({ ok: report.ok, seconds: report.durationMs / 1000, articles: report.articles });
      return report;
    },
    async takeIn(files) {
      const report = await holder.takeIn(files);
      sink.reload({ ok: report.ok, seconds: report.durationMs / 1000, articles: report.articles });
      return report;
    },
  };
}
