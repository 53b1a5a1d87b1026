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
import { randomInt } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import knexFactory from 'knex';
import type { Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import pg from 'pg';
import { GraphQLError } from 'graphql';
import { databaseUrlFor, env, type SchemaName } from './config.ts';
import { dbQueries } from './metrics.ts';
import { ErrorCode } from './errors.ts';
import { logger } from './logger.ts';
import { isProcessAlive } from './process.ts';
import { requestSignal } from './request-context.ts';

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

type SharedPglite = { pglite: PGlite; refs: number; lock: PgliteLock | null };
const sharedPglites = new Map<string, SharedPglite>();

/** Who holds an embedded database folder, as written in its lock file. */
export type LockHolder = { pid: number; command: string; startedAt: string };

/**
 * Thrown when another live process holds the embedded database folder. PGlite is one process's
 * database: two processes writing one folder corrupt it for good, so nothing is opened.
 */
export class DatabaseInUseError extends Error {
  readonly holder: LockHolder | null;
  readonly lockFile: string;
  constructor(dir: string, lockFile: string, holder: LockHolder | null) {
    const who = holder ? `process ${holder.pid} (${holder.command}, started ${holder.startedAt})` : `another process (${lockFile} is unreadable)`;
    super(
      `the embedded database ${dir} is in use by ${who}: stop it first (Ctrl-C in its terminal, or kill ${holder?.pid ?? '<pid>'}), ` +
        `or set DATABASE_URL to use PostgreSQL. If no such process runs, delete ${lockFile}.`,
    );
    this.name = 'DatabaseInUseError';
    this.holder = holder;
    this.lockFile = lockFile;
  }
}

type PgliteLock = { file: string; content: string };
/** Locks this process holds, removed at exit even when the process exits without closing. */
const heldLocks = new Set<PgliteLock>();
let exitHookInstalled = false;

/** The lock file of a PGlite data folder: beside it, so the folder itself holds only PostgreSQL's files. */
export function pgliteLockFile(dir: string): string {
  return `${path.resolve(dir)}.lock`;
}

function readHolder(file: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, command: String(parsed.command), startedAt: String(parsed.startedAt) } : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false; // our own pid but not our lock: a dead process's, pid reused
  return isProcessAlive(pid);
}

/**
 * Takes the folder's lock file, created atomically ('wx'), holding this process's pid, command
 * and start time. A lock left by a dead process is taken over with a warning; a live holder's
 * raises DatabaseInUseError before anything is created or opened.
 */
function lockPglite(dir: string): PgliteLock {
  const file = pgliteLockFile(dir);
  const content = JSON.stringify({
    pid: process.pid,
    command: ['node', path.relative(process.cwd(), process.argv[1] ?? '') || '-', ...process.argv.slice(2)].join(' '),
    startedAt: new Date().toISOString(),
  } satisfies LockHolder);
  mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o644);
      try {
        writeSync(fd, content);
      } finally {
        closeSync(fd);
      }
      const lock = { file, content };
      heldLocks.add(lock);
      if (!exitHookInstalled) {
        exitHookInstalled = true;
        process.on('exit', () => {
          for (const held of heldLocks) removeLock(held);
        });
      }
      return lock;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw error;
    }
    let holder = readHolder(file);
    // a lock file read between its creation and its write: give the writer a moment
    for (let wait = 0; holder === null && wait < 10; wait++) {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
      holder = readHolder(file);
    }
    if (holder === null || isAlive(holder.pid)) throw new DatabaseInUseError(dir, file, holder);
    // stderr, not the logger (stdout): a command's output such as `address match` stays clean
    process.stderr.write(`note: taking over ${file}, left by process ${holder.pid} (${holder.command}, started ${holder.startedAt}) which is no longer running\n`);
    // move the stale lock aside rather than deleting it, so two processes taking it over at once
    // cannot delete each other's new lock: only one rename of the stale file succeeds
    try {
      renameSync(file, `${file}.stale-${process.pid}`);
      unlinkSync(`${file}.stale-${process.pid}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

function removeLock(lock: PgliteLock): void {
  heldLocks.delete(lock);
  try {
    // only our own: a lock taken over after we were presumed dead is not ours to remove
    if (readFileSync(lock.file, 'utf8') === lock.content) unlinkSync(lock.file);
  } catch {
    // already gone
  }
}

/** One key per folder however it is written ('.data/pglite', './.data/pglite', absolute). */
function pgliteKey(dir: string): string {
  return dir.startsWith('memory://') ? dir : path.resolve(dir);
}

/**
 * Opens (or shares) the PGlite instance for a data folder; 'memory://' gives a fresh in-memory one.
 * A folder is opened by one process at a time (see lockPglite); within the process the instance
 * is shared and counted, and closes (releasing the lock) when the last user releases it.
 */
function acquirePglite(folder: string): PGlite {
  const dir = pgliteKey(folder);
  const existing = sharedPglites.get(dir);
  if (existing) {
    existing.refs++;
    return existing.pglite;
  }
  const inMemory = dir.startsWith('memory://');
  const lock = inMemory ? null : lockPglite(dir);
  try {
    if (!inMemory) mkdirSync(dir, { recursive: true });
    const pglite = new PGlite(dir, { parsers: pgliteParsers });
    sharedPglites.set(dir, { pglite, refs: 1, lock });
    return pglite;
  } catch (error) {
    if (lock) removeLock(lock);
    throw error;
  }
}

async function releasePglite(folder: string): Promise<void> {
  const shared = sharedPglites.get(pgliteKey(folder));
  if (!shared) return;
  shared.refs--;
  if (shared.refs === 0) {
    sharedPglites.delete(pgliteKey(folder));
    try {
      await shared.pglite.close();
    } finally {
      if (shared.lock) removeLock(shared.lock);
    }
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
  /** Connections the pool keeps open on PostgreSQL (default 0); 1 with poolMax 1 pins one session. */
  poolMin?: number;
  /** statement_timeout of every session on PostgreSQL, ms (0: none); defaults to DB_STATEMENT_TIMEOUT_MS. */
  statementTimeoutMs?: number;
};

export type Database = {
  knex: Db;
  /** The schema this handle belongs to: a subgraph's, or 'audit'. */
  subgraph: SchemaName;
  kind: 'postgres' | 'pglite';
  /** The PostgreSQL URL it connects to (unset on PGlite), for tools that need a session of their own. */
  url?: string;
  /** The PGlite instance in embedded mode (for COPY from a blob). */
  pglite?: PGlite;
  close(): Promise<void>;
};

/**
 * Summary shards a pool's connections cycle through (the summary triggers take the setting modulo
 * their own shard count, 16 in migrations/_shared/summary-shards-20261215.ts).
 */
const SUMMARY_SHARDS = 16;

/** Opens the database of one subgraph and counts its statements in db_queries_total. */
export function openDatabase(subgraph: SchemaName, options: OpenOptions = {}): Database {
  const url = options.url === null ? undefined : (options.url ?? databaseUrlFor(subgraph));
  let database: Database;
  if (url) {
    // each new connection of the pool takes the next summary shard (from a random start per
    // process), so concurrent writers of one process add to different summary rows
    // (migrations/_shared/summary-shards-20261215.ts): one SET per connection, not per request
    let shard = randomInt(SUMMARY_SHARDS);
    const knex = knexFactory({
      client: 'pg',
      connection: { connectionString: url, application_name: `address-graph:${subgraph}`, options: sessionOptions(options.statementTimeoutMs ?? env().DB_STATEMENT_TIMEOUT_MS) },
      pool: {
        min: options.poolMin ?? 0,
        max: options.poolMax ?? env().DB_POOL_MAX,
        afterCreate: (conn: pg.Client, done: (err: Error | null, conn: pg.Client) => void) => {
          conn.query(`SET address_graph.summary_shard = ${shard++ % SUMMARY_SHARDS}`).then(() => done(null, conn), (err: Error) => done(err, conn));
        },
      },
    });
    database = { knex, subgraph, kind: 'postgres', url, close: () => knex.destroy() };
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
    // a bulk load is not a request: the session's statement timeout does not bound it
    await client.query('SET statement_timeout = 0');
    const stream = client.query(from(sql));
    await pipeline(Readable.from(chunks as AsyncIterable<string>), stream);
    dbQueries.inc({ subgraph: database.subgraph });
  } finally {
    await client.query('RESET statement_timeout').catch(() => {});
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
  const signal = requestSignal();
  try {
    const result = signal && db.client.config.client === 'pg' && !db.isTransaction
      ? await cancellableRaw(db, sql, bindings, signal)
      : await db.raw(sql, bindings as unknown as Knex.RawBinding[]);
    return result.rows as T[];
  } catch (err) {
    throw statementError(err, signal);
  }
}

// --- bounded statements on PostgreSQL (statement_timeout, cancellation) ---

/** SQLSTATE query_canceled: statement_timeout or pg_cancel_backend. */
const QUERY_CANCELED = '57014';

/**
 * Options of every subgraph session. JIT compiles range counts whose cost estimates pass 100k for
 * ~25 ms, far longer than they run (measured by bench/ at scale 10), so it is off; and no
 * statement runs longer than the statement timeout, whoever asked (PGlite has no timer and
 * ignores it).
 */
function sessionOptions(statementTimeoutMs: number): string {
  return `-c jit=off -c statement_timeout=${statementTimeoutMs}`;
}

/**
 * Runs a statement on a connection of its own and, if the request is aborted (the gateway or the
 * client went away) before it ends, cancels it with pg_cancel_backend from a separate connection,
 * so an abandoned request does not hold PostgreSQL.
 */
async function cancellableRaw(db: Db, sql: string, bindings: readonly SqlValue[], signal: AbortSignal): Promise<{ rows: unknown[] }> {
  if (signal.aborted) throw abortedError();
  const connection = await db.client.acquireConnection();
  let cancelled: Promise<unknown> | undefined;
  const cancel = () => {
    cancelled = db.client.cancelQuery(connection).catch((err: unknown) => logger.warn({ err }, 'could not cancel an abandoned statement'));
  };
  signal.addEventListener('abort', cancel, { once: true });
  try {
    const raw = db.raw(sql, bindings as unknown as Knex.RawBinding[]);
    // knex's Raw has no .connection(); its runner uses `_connection` exactly as QueryBuilder.connection() sets it
    Object.assign(raw, { _connection: connection });
    return await raw;
  } finally {
    signal.removeEventListener('abort', cancel);
    // back to the pool only once the cancel has landed, so it cannot hit the pool's next statement
    await cancelled;
    await db.client.releaseConnection(connection);
  }
}

function abortedError(): GraphQLError {
  return new GraphQLError('the request was abandoned by its client; its statement was cancelled', { extensions: { code: ErrorCode.REQUEST_ABANDONED } });
}

/** A cancelled statement as a clear error (STATEMENT_TIMEOUT or REQUEST_ABANDONED); anything else unchanged. */
function statementError(err: unknown, signal: AbortSignal | undefined): unknown {
  if ((err as { code?: string } | null)?.code !== QUERY_CANCELED) return err;
  if (signal?.aborted) return abortedError();
  return new GraphQLError('the statement ran past the statement timeout (DB_STATEMENT_TIMEOUT_MS) and was cancelled; narrow the request', {
    extensions: { code: ErrorCode.STATEMENT_TIMEOUT },
  });
}
