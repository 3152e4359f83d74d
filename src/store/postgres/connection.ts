import postgres from 'postgres';

/** int8 columns (times in ms, ids) read as numbers: every value we keep fits in 2^53. */
const types = {
  bigint: { to: 20, from: [20], serialize: (value: number) => String(value), parse: (raw: string) => Number(raw) },
};

export type Sql = postgres.Sql<{ bigint: number }>;
/** A connection of the pool or a transaction: anything that runs a query. */
export type Queryable = postgres.ISql<{ bigint: number }>;

/** Advisory lock keys (per database): writers that must not interleave take one for their transaction. */
export const LOCKS = {
  migrations: 0x52_49_4e_4b_01,
  /** Story ids must become visible in the order they grow (a reader that sees story n sees every story below it). */
  ledger: 0x52_49_4e_4b_02,
  /** Same for corpus change ids, which subscribers read from their last one on. */
  corpusChanges: 0x52_49_4e_4b_03,
} as const;

export interface PostgresConnectOptions {
  /** Connections in the pool (default 10). */
  readonly poolSize?: number;
  readonly connectTimeoutSeconds?: number;
}

export function connectPostgres(url: string, options: PostgresConnectOptions = {}): Sql {
  return postgres(url, {
    max: options.poolSize ?? 10,
    connect_timeout: options.connectTimeoutSeconds ?? 10,
    idle_timeout: 60,
    types,
    onnotice: () => undefined,
    connection: { application_name: 'ringkas' },
  });
}
