import type { Database, Statement } from 'better-sqlite3';

/** A SQLite connection with its statements prepared once and reused. */
export class SqliteDb {
  private readonly statements = new Map<string, Statement>();

  constructor(readonly db: Database) {}

  private prepared(sql: string, pluck = false): Statement {
    const key = pluck ? `pluck:${sql}` : sql;
    let statement = this.statements.get(key);
    if (statement === undefined) {
      statement = pluck ? this.db.prepare(sql).pluck() : this.db.prepare(sql);
      this.statements.set(key, statement);
    }
    return statement;
  }

  run(sql: string, ...params: unknown[]): { changes: number; lastInsertRowid: number } {
    const result = this.prepared(sql).run(...params);
    return { changes: result.changes, lastInsertRowid: Number(result.lastInsertRowid) };
  }

  /** Runs a write; true when it changed a row. */
  changed(sql: string, ...params: unknown[]): boolean {
    return this.prepared(sql).run(...params).changes > 0;
  }

  get<T>(sql: string, ...params: unknown[]): T | undefined {
    return this.prepared(sql).get(...params) as T | undefined;
  }

  all<T>(sql: string, ...params: unknown[]): T[] {
    return this.prepared(sql).all(...params) as T[];
  }

  /** One value of the first row, e.g. a count. */
  value<T>(sql: string, ...params: unknown[]): T | undefined {
    return this.prepared(sql, true).get(...params) as T | undefined;
  }

  /** Runs `work` in an IMMEDIATE transaction (the write lock taken up front, so it cannot fail half-way on a busy one). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }
}
