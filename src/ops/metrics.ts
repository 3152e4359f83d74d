import { AggregatorRegistry, Counter, Gauge, Histogram, Registry, collectDefaultMetrics, type MetricObjectWithValues, type MetricValue } from 'prom-client';
import type { DigestSink, FeedSink, InteractionSink, LibrarySink } from './sinks.js';

/** What one process's metrics look like in transit (to the process that serves /metrics for a host). */
export type MetricsSnapshot = MetricObjectWithValues<MetricValue<string>>[];

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const RELOAD_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/**
 * The bot's Prometheus metrics, registered in a registry of their own (with Node's default metrics: memory, CPU and
 * event-loop lag). It implements every sink the adapters report to.
 */
export class Metrics implements InteractionSink, DigestSink, FeedSink, LibrarySink {
  readonly registry = new Registry();
  readonly #interactions: Counter<'kind' | 'command' | 'outcome'>;
  readonly #interactionSeconds: Histogram<'kind' | 'command'>;
  readonly #deliveries: Counter<'outcome'>;
  readonly #deliverySeconds: Histogram;
  readonly #polls: Counter<'outcome'>;
  readonly #pollSeconds: Histogram;
  readonly #feedItems: Counter;
  readonly #reloads: Counter<'outcome'>;
  readonly #reloadSeconds: Histogram<'outcome'>;
  #librarySize: () => number | null = () => null;

  constructor(options: { readonly defaultMetrics?: boolean; readonly labels?: Record<string, string> } = {}) {
    const registers = [this.registry];
    if (options.labels !== undefined) this.registry.setDefaultLabels(options.labels);
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'ringkas_' });
    this.#interactions = new Counter({
      name: 'ringkas_interactions_total',
      help: 'Interactions handled, by kind, command and outcome (answered, refused, user_error, failed, unknown, draining)',
      labelNames: ['kind', 'command', 'outcome'],
      registers,
    });
    this.#interactionSeconds = new Histogram({
      name: 'ringkas_interaction_duration_seconds',
      help: 'From an interaction reaching the bot to its handler finishing',
      labelNames: ['kind', 'command'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.#deliveries = new Counter({ name: 'ringkas_digest_deliveries_total', help: 'Digest messages handed to Discord, by outcome', labelNames: ['outcome'], registers });
    this.#deliverySeconds = new Histogram({ name: 'ringkas_digest_delivery_duration_seconds', help: 'One digest message sent (one try)', buckets: LATENCY_BUCKETS, registers });
    this.#polls = new Counter({ name: 'ringkas_feed_polls_total', help: 'Feed polls, by outcome', labelNames: ['outcome'], registers });
    this.#pollSeconds = new Histogram({ name: 'ringkas_feed_poll_duration_seconds', help: 'One feed poll', buckets: LATENCY_BUCKETS, registers });
    this.#feedItems = new Counter({ name: 'ringkas_feed_items_total', help: 'New feed items found by polls', registers });
    this.#reloads = new Counter({ name: 'ringkas_library_reloads_total', help: 'Corpus reloads, by outcome (ok, failed)', labelNames: ['outcome'], registers });
    this.#reloadSeconds = new Histogram({ name: 'ringkas_library_reload_duration_seconds', help: 'Corpus reloads', labelNames: ['outcome'], buckets: RELOAD_BUCKETS, registers });
    // Every process of a host holds the same library: across processes the gauge is the largest, not the sum.
    const librarySize = (): number | null => this.#librarySize();
    new Gauge({
      name: 'ringkas_library_articles',
      help: 'Articles in the library answers come from',
      registers,
      aggregator: 'max',
      collect() {
        const articles = librarySize();
        if (articles !== null) this.set(articles);
      },
    });
  }

  /** Reads the library's size when Prometheus scrapes. */
  watchLibrarySize(articles: () => number): void {
    this.#librarySize = articles;
  }

  interaction(event: Parameters<InteractionSink['interaction']>[0]): void {
    this.#interactions.inc({ kind: event.kind, command: event.command, outcome: event.outcome });
    this.#interactionSeconds.observe({ kind: event.kind, command: event.command }, event.seconds);
  }

  delivery(event: Parameters<DigestSink['delivery']>[0]): void {
    this.#deliveries.inc({ outcome: event.outcome });
    this.#deliverySeconds.observe(event.seconds);
  }

  poll(event: Parameters<FeedSink['poll']>[0]): void {
    this.#polls.inc({ outcome: event.outcome });
    this.#pollSeconds.observe(event.seconds);
    if (event.items > 0) this.#feedItems.inc(event.items);
  }

  reload(event: Parameters<LibrarySink['reload']>[0]): void {
    const outcome = event.ok ? 'ok' : 'failed';
    this.#reloads.inc({ outcome });
    this.#reloadSeconds.observe({ outcome }, event.seconds);
  }

  snapshot(): Promise<MetricsSnapshot> {
    return this.registry.getMetricsAsJSON();
  }
}

/** One exposition of several processes' metrics (a host's clusters): counters and histograms summed, gauges as each says. */
export function aggregateMetrics(snapshots: readonly MetricsSnapshot[]): Registry {
  return AggregatorRegistry.aggregate(snapshots as MetricsSnapshot[]);
}
