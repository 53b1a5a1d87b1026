/**
 * Database connections. Each subgraph gets its own knex instance over its own PostgreSQL schema.
 *
 * - With a DATABASE_URL (or <SUBGRAPH>_DATABASE_URL) it is a pg pool on real PostgreSQL.
 * - Without one it is embedded PGlite through the knex-pglite dialect. PGlite is one
 *   single-connection database per data folder, so every subgraph in the process shares one
 *   PGlite instance (each still confined to its own schema); the instance closes when the last
 *   subgraph releases it.
 *
 * Every statement increments db_queries_total{subgraph}.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import knexFactory from 'knex';
import type { Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import pg from 'pg';
import { databaseUrlFor, env, type SchemaName } from './config.ts';
import { dbQueries } from './metrics.ts';

export type Db = Knex;

/** Keep date columns as 'YYYY-MM-DD' strings and counts as numbers on both drivers. */
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(NUMERIC, (v) => Number(v));
pg.types.setTypeParser(DATE, (v) => v);

const pgliteParsers = {
  [INT8]: (v: string) => Number(v),
  [NUMERIC]: (v: string) => Number(v),
  [DATE]: (v: string) => v,
};

type SharedPglite = { pglite: PGlite; refs: number };
const sharedPglites = new Map<string, SharedPglite>();

/** Opens (or shares) the PGlite instance for a data folder; 'memory://' gives a fresh in-memory one. */
function acquirePglite(dir: string): PGlite {
  const existing = sharedPglites.get(dir);
  if (existing) {
    existing.refs++;
    return existing.pglite;
  }
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
  const pglite = new PGlite(dir, { parsers: pgliteParsers });
  sharedPglites.set(dir, { pglite, refs: 1 });
  return pglite;
}

async function releasePglite(dir: string): Promise<void> {
  const shared = sharedPglites.get(dir);
  if (!shared) return;
  shared.refs--;
  if (shared.refs === 0) {
    sharedPglites.delete(dir);
    await shared.pglite.close();
  }
}

/** A PGlite handle whose close() is a no-op, so one knex instance cannot close it for the others. */
function unclosable(pglite: PGlite): PGlite {
  return new Proxy(pglite, {
    get(target, prop) {
      if (prop === 'close') return async () => {};
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export type OpenOptions = {
  /** PostgreSQL URL; defaults to the subgraph's configured URL. null forces PGlite. */
  url?: string | null;
  /** PGlite data folder (or 'memory://name'); defaults to PGLITE_DIR. */
  pgliteDir?: string;
  /** Pool size on PostgreSQL. */
  poolMax?: number;
};

export type Database = {
  knex: Db;
  /** The schema this handle belongs to: a subgraph's, or 'audit'. */
  subgraph: SchemaName;
  kind: 'postgres' | 'pglite';
  /** The PGlite instance in embedded mode (for COPY from a blob). */
  pglite?: PGlite;
  close(): Promise<void>;
};

/** Opens the database of one subgraph and counts its statements in db_queries_total. */
export function openDatabase(subgraph: SchemaName, options: OpenOptions = {}): Database {
  const url = options.url === null ? undefined : (options.url ?? databaseUrlFor(subgraph));
  let database: Database;
  if (url) {
    const knex = knexFactory({
      client: 'pg',
      // JIT compiles range counts whose cost estimates pass 100k for ~25 ms, far longer than they
      // run (measured by bench/ at scale 10), so subgraph sessions turn it off.
      connection: { connectionString: url, application_name: `address-graph:${subgraph}`, options: '-c jit=off' },
      pool: { min: 0, max: options.poolMax ?? env().DB_POOL_MAX },
    });
    database = { knex, subgraph, kind: 'postgres', close: () => knex.destroy() };
  } else {
    const dir = options.pgliteDir ?? env().PGLITE_DIR;
    const pglite = acquirePglite(dir);
    const handle = unclosable(pglite);
    const knex = knexFactory({
      client: ClientPgLite as unknown as typeof knexFactory.Client,
      dialect: 'postgres',
      connection: () => ({ pglite: handle }) as object,
    } as Knex.Config);
    database = {
      knex,
      subgraph,
      kind: 'pglite',
      pglite,
      close: async () => {
        await knex.destroy();
        await releasePglite(dir);
      },
    };
  }
  database.knex.on('query', () => dbQueries.inc({ subgraph }));
  return database;
}

/**
 * Bulk-loads CSV text into a table with COPY (pg-copy-streams on PostgreSQL, a blob on PGlite).
 * `chunks` yields CSV lines without a header, in `columns` order.
 */
export async function copyCsv(
  database: Database,
  table: string,
  columns: readonly string[],
  chunks: AsyncIterable<string> | Iterable<string>,
): Promise<void> {
  const sql = `COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`;
  if (database.kind === 'pglite') {
    const parts: string[] = [];
    for await (const chunk of chunks) parts.push(chunk);
    await database.pglite!.query(sql.replace('STDIN', "'/dev/blob'"), [], { blob: new Blob(parts) });
    dbQueries.inc({ subgraph: database.subgraph });
    return;
  }
  const { from } = await import('pg-copy-streams');
  const { pipeline } = await import('node:stream/promises');
  const { Readable } = await import('node:stream');
  const client = (await database.knex.client.acquireConnection()) as pg.PoolClient;
  try {
    const stream = client.query(from(sql));
    await pipeline(Readable.from(chunks as AsyncIterable<string>), stream);
    dbQueries.inc({ subgraph: database.subgraph });
  } finally {
    await database.knex.client.releaseConnection(client);
  }
}

/** Quotes a value for CSV (COPY ... FORMAT csv): null becomes an empty unquoted field. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return csvField(`{${value.map((v) => `"${String(v).replaceAll('"', '\\"')}"`).join(',')}}`);
  const s = value instanceof Date ? value.toISOString() : String(value);
  return /[",\n\r]/.test(s) || s === '' ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One CSV line (with trailing newline) from a row of values. */
export function csvLine(values: readonly unknown[]): string {
  return values.map(csvField).join(',') + '\n';
}

/** A bind value: scalars, or arrays of them for `= ANY(?::text[])` and `unnest(...)`. */
export type SqlValue = string | number | boolean | null | Date | readonly (string | number | boolean | null)[];

/**
 * Runs one labelled SQL statement with `?` placeholders and returns its rows typed as T.
 * Repositories use this for every statement so arrays bind as PostgreSQL arrays.
 */
export async function query<T>(db: Db, sql: string, bindings: readonly SqlValue[] = []): Promise<T[]> {
  const result = await db.raw(sql, bindings as unknown as Knex.RawBinding[]);
  return result.rows as T[];
}
