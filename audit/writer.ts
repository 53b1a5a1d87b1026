/**
 * The audit writer: every request that returns person-level data appends one record, and the
 * subgraph sends its answer only once that record is committed (audit before the answer, fail
 * closed). Records go into the `audit` schema (migrations/audit/) through `audit.append(...)`, which
 * sets the id, the time and the hash chain (audit/chain.ts).
 *
 * - append() resolves once the record's batch is committed, with the id, time and hash the database
 *   gave it; it rejects with AuditUnavailableError (extensions.code AUDIT_UNAVAILABLE) when the
 *   audit store cannot be written, so the caller must not send the data.
 * - Group commit: records that arrive while a batch is being written wait for it and go together in
 *   the next call, up to maxBatch rows per call; a lone record goes out on the next turn of the
 *   event loop (no timer), so the cost under light load is one round trip and under heavy load a
 *   fraction of one per request. One call is in flight per writer: a writer holds one connection.
 * - A failed call is retried at most `attempts` times in all, with a short backoff (retryMs, doubled
 *   each time): an outage costs the requests waiting on it a bounded delay, then an error, and never
 *   a pile-up of records waiting in memory (beyond maxQueue, append() fails at once).
 * - A record the database refuses as data (SQLSTATE class 22) is isolated by halving its batch so it
 *   fails alone; the others are written.
 * - Every record not written is counted in audit_records_failed_total{reason} and logged.
 * - close() stops accepting records and waits for the batches under way.
 *
 * The writer takes a lib/db.ts Database over the audit schema's database (or a bare knex).
 */
import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import client from 'prom-client';
import { ADDRESS_LEVELS, ancestorCodes, LEVEL_LENGTH } from '../lib/address-code.ts';
import { query, type Database, type Db } from '../lib/db.ts';
import { logger } from '../lib/logger.ts';
import { registry } from '../lib/metrics.ts';

/** One request that returned person-level data (the database adds id, time and hashes). */
export type AuditEntry = {
  /** The authenticated subject (JWT `sub`); null when anonymous. */
  subject: string | null;
  roles: readonly string[];
  /** The subgraph that served the data. */
  subgraph: string;
  operationName: string | null;
  /** sha256 hex of the query text: hashOperation(query). */
  operationHash: string;
  clientName: string | null;
  /** Why the caller asked, as the caller sent it. */
  purpose: string | null;
  /** Ids of every person returned (duplicates are removed before writing). */
  personIds: readonly string[];
  /** Every address code returned with person-level data (duplicates removed). */
  addressCodes: readonly string[];
  requestId: string | null;
};

/** Where a record landed in the chain. */
export type Appended = { id: number; at: Date; hash: string };

export type AuditWriterOptions = {
  /** Rows per audit.append call (default 500). */
  maxBatch?: number;
  /** Records waiting at most; beyond it append() fails at once (default 10,000). */
  maxQueue?: number;
  /** Calls per batch before its requests fail (default 2: one retry). */
  attempts?: number;
  /** Delay before the first retry, ms (default 50); doubles per retry. */
  retryMs?: number;
  /** Metric label; defaults to 'audit'. */
  name?: string;
};

export type FailReason = 'unavailable' | 'queue_full' | 'closed' | 'rejected';

export type AuditWriterStats = {
  /** Records waiting or being written. */
  queued: number;
  /** Records written since the writer was created. */
  written: number;
  /** Records not written (their requests failed), by reason. */
  failed: Record<FailReason, number>;
  /** Successful audit.append calls. */
  flushes: number;
  /** Calls that failed (each retried, split or given up). */
  failedAttempts: number;
  lastError: string | null;
  closed: boolean;
};

export type AuditWriter = {
  /** The database handle the writer appends through (the audit schema's database). */
  readonly db: Db;
  /**
   * Appends one record and resolves once it is committed; rejects with AuditUnavailableError when
   * it could not be. The entry is read when its batch is encoded: do not change it before then.
   */
  append(entry: AuditEntry): Promise<Appended>;
  /** Resolves once every record appended before the call is settled (written or failed). */
  flush(): Promise<void>;
  /** Stops accepting records and waits for those under way. */
  close(): Promise<void>;
  stats(): AuditWriterStats;
};

/** The audit store could not record a request: its data must not be sent (HTTP 503). */
export class AuditUnavailableError extends GraphQLError {
  /** Why (for the log; the client's message does not name database internals). */
  readonly reason: string;
  constructor(reason: string) {
    super('the audit log cannot be written: person-level data is not served without its audit record', {
      extensions: { code: 'AUDIT_UNAVAILABLE', http: { status: 503 } },
    });
    this.reason = reason;
  }
}

// ---- metrics (one set per registry; writers are told apart by the label)

function metric<T>(name: string, make: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? make();
}

const written = metric('audit_records_written_total', () => new client.Counter({
  name: 'audit_records_written_total',
  help: 'Audit records committed to audit.log, by writer',
  labelNames: ['subgraph'] as const,
  registers: [registry],
}));

const failed = metric('audit_records_failed_total', () => new client.Counter({
  name: 'audit_records_failed_total',
  help: 'Audit records that could not be written, by writer and reason (unavailable, queue_full, closed, rejected); each failed its request',
  labelNames: ['subgraph', 'reason'] as const,
  registers: [registry],
}));

const flushDuration = metric('audit_flush_duration_seconds', () => new client.Histogram({
  name: 'audit_flush_duration_seconds',
  help: 'Duration of one audit.append call (one batch), by writer and outcome (ok, error)',
  labelNames: ['subgraph', 'outcome'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
}));

const batchSize = metric('audit_batch_records', () => new client.Histogram({
  name: 'audit_batch_records',
  help: 'Records per audit.append call (group commit), by writer',
  labelNames: ['subgraph'] as const,
  buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
  registers: [registry],
}));

// ---- helpers

const hashes = new Map<string, string>();
const HASH_CACHE = 1000;

/** sha256 hex of a query text, cached for the most recent distinct texts (clients repeat queries). */
export function hashOperation(query: string): string {
  let hash = hashes.get(query);
  if (hash === undefined) {
    hash = createHash('sha256').update(query).digest('hex');
    if (hashes.size >= HASH_CACHE) hashes.delete(hashes.keys().next().value!);
    hashes.set(query, hash);
  }
  return hash;
}

/** Caller-supplied free text (purpose, client and operation names) is cut to this many characters. */
export const MAX_TEXT = 1000;

/** PostgreSQL text cannot hold NUL; the log must not be refused over it. */
function text(value: unknown, max = Infinity): string | null {
  if (value === null || value === undefined) return null;
  let s = typeof value === 'string' ? value : String(value);
  if (s.length > max) s = s.slice(0, max);
  return s.includes('\0') ? s.replaceAll('\0', '\uFFFD') : s;
}

/** Distinct non-null texts, in first-seen order. */
function distinct(values: readonly unknown[] | null | undefined): Set<string> {
  const seen = new Set<string>();
  for (const v of values ?? []) {
    const s = text(v);
    if (s !== null) seen.add(s);
  }
  return seen;
}

/** Code lengths of the address levels, district to room. */
export const SCOPE_LENGTHS: readonly number[] = ADDRESS_LEVELS.map((level) => LEVEL_LENGTH[level]);

/**
 * audit.log.address_scopes of a record: every code and each of its level prefixes, so "anything
 * under X" is `address_scopes @> ARRAY[X]` for X of any level, and "under one of the communities
 * C" is `address_scopes && C`.
 */
export function addressScopes(codes: Iterable<string>): Set<string> {
  const scopes = new Set<string>();
  for (const code of codes) {
    for (const ancestor of ancestorCodes(code)) scopes.add(ancestor);
    scopes.add(code);
  }
  return scopes;
}

/** A PostgreSQL array literal ("{"a","b"}") for one cell of a text[] column. */
function arrayLiteral(values: Iterable<string>): string {
  let out = '{';
  for (const s of values) {
    if (out.length > 1) out += ',';
    out += `"${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  }
  return `${out}}`;
}

const APPEND_SQL = `/* audit.append */ SELECT log_id AS id, log_at AS at, log_hash AS hash
  FROM audit.append(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])`;

/** The eleven argument arrays of one batch, in audit.append's order (array cells as literals). */
function columnArrays(batch: readonly Pending[]): (string | null)[][] {
  const cols: (string | null)[][] = Array.from({ length: 11 }, () => new Array(batch.length));
  for (let i = 0; i < batch.length; i++) {
    const r = batch[i].entry;
    const codes = distinct(r.addressCodes);
    cols[0][i] = text(r.subject);
    cols[1][i] = arrayLiteral(distinct(r.roles));
    cols[2][i] = text(r.subgraph) ?? 'unknown';
    cols[3][i] = text(r.operationName, MAX_TEXT);
    cols[4][i] = text(r.operationHash) ?? '';
    cols[5][i] = text(r.clientName, MAX_TEXT);
    cols[6][i] = text(r.purpose, MAX_TEXT);
    cols[7][i] = arrayLiteral(distinct(r.personIds));
    cols[8][i] = arrayLiteral(codes);
    cols[9][i] = text(r.requestId, MAX_TEXT);
    cols[10][i] = arrayLiteral(addressScopes(codes));
  }
  return cols;
}

/** SQLSTATE class 22 (data exception): some record, not the database, is the problem. */
function isRowError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('22');
}

function describe(err: unknown): string {
  const e = err as { code?: string; message?: string } | null;
  return `${e?.code ? `${e.code} ` : ''}${e?.message ?? String(err)}`;
}

function isDatabase(handle: Database | Db): handle is Database {
  return typeof (handle as Database).knex === 'function' && typeof (handle as Database).subgraph === 'string';
}

type Pending = { entry: AuditEntry; resolve: (appended: Appended) => void; reject: (err: Error) => void };

// ---- the writer

export function createAuditWriter(database: Database | Db, options: AuditWriterOptions = {}): AuditWriter {
  const knex: Db = isDatabase(database) ? database.knex : database;
  const name = options.name ?? 'audit';
  const maxBatch = options.maxBatch ?? 500;
  const maxQueue = options.maxQueue ?? 10_000;
  const attempts = options.attempts ?? 2;
  const retryMs = options.retryMs ?? 50;
  if (!(maxBatch >= 1 && maxQueue >= 1 && attempts >= 1 && retryMs >= 0)) {
    throw new Error('audit writer: maxBatch >= 1, maxQueue >= 1, attempts >= 1 and retryMs >= 0');
  }
  const log = logger.child({ component: 'audit', writer: name });

  let pending: Pending[] = [];
  let inFlight = 0;
  let draining: Promise<void> | null = null;
  let closed = false;
  const counts = {
    written: 0,
    flushes: 0,
    failedAttempts: 0,
    lastError: null as string | null,
    failed: { unavailable: 0, queue_full: 0, closed: 0, rejected: 0 } as Record<FailReason, number>,
  };

  function fail(batch: readonly Pending[], reason: FailReason, err: Error): void {
    counts.failed[reason] += batch.length;
    failed.inc({ subgraph: name, reason }, batch.length);
    for (const p of batch) p.reject(err);
  }

  function append(entry: AuditEntry): Promise<Appended> {
    return new Promise<Appended>((resolve, reject) => {
      const p = { entry, resolve, reject };
      if (closed) return fail([p], 'closed', new AuditUnavailableError('the writer is closed'));
      if (pending.length + inFlight >= maxQueue) {
        log.error({ maxQueue, lastError: counts.lastError }, 'audit queue full: request refused');
        return fail([p], 'queue_full', new AuditUnavailableError(`${maxQueue} records already waiting`));
      }
      pending.push(p);
      draining ??= drain();
    });
  }

  /** Writes batches while records wait; clears `draining` in the same turn it finds none left. */
  async function drain(): Promise<void> {
    try {
      // on the next turn, so the records of requests finishing together share one call
      await new Promise<void>((done) => setImmediate(done));
      while (pending.length) {
        const batch = pending.length <= maxBatch ? pending : pending.slice(0, maxBatch);
        pending = batch === pending ? [] : pending.slice(maxBatch);
        inFlight = batch.length;
        try {
          await write(batch);
        } finally {
          inFlight = 0;
        }
      }
    } finally {
      draining = null;
    }
  }

  /** Writes one batch (retrying a bounded number of times), settling every record's promise. */
  async function write(batch: Pending[]): Promise<void> {
    let bindings: (string | null)[][];
    try {
      bindings = columnArrays(batch);
    } catch (err) {
      return splitOrReject(batch, err);
    }
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      try {
        const rows = await query<{ id: number; at: Date; hash: string }>(knex, APPEND_SQL, bindings);
        flushDuration.observe({ subgraph: name, outcome: 'ok' }, (performance.now() - started) / 1000);
        batchSize.observe({ subgraph: name }, batch.length);
        counts.written += batch.length;
        counts.flushes++;
        written.inc({ subgraph: name }, batch.length);
        batch.forEach((p, i) => p.resolve({ id: Number(rows[i].id), at: new Date(rows[i].at), hash: rows[i].hash }));
        return;
      } catch (err) {
        flushDuration.observe({ subgraph: name, outcome: 'error' }, (performance.now() - started) / 1000);
        counts.failedAttempts++;
        counts.lastError = describe(err);
        if (isRowError(err)) return splitOrReject(batch, err);
        if (attempt >= attempts) {
          log.error({ err, attempts: attempt, records: batch.length }, 'audit log cannot be written: requests refused');
          return fail(batch, 'unavailable', new AuditUnavailableError(counts.lastError));
        }
        await new Promise((r) => setTimeout(r, retryMs * 2 ** (attempt - 1)));
      }
    }
  }

  async function splitOrReject(batch: Pending[], err: unknown): Promise<void> {
    if (batch.length === 1) {
      log.error({ err, entry: batch[0].entry }, 'audit record refused by the database');
      return fail(batch, 'rejected', new AuditUnavailableError(`the record was refused: ${describe(err)}`));
    }
    const half = Math.ceil(batch.length / 2);
    await write(batch.slice(0, half));
    await write(batch.slice(half));
  }

  async function flush(): Promise<void> {
    while (draining) await draining;
  }

  async function close(): Promise<void> {
    closed = true;
    await flush();
  }

  function stats(): AuditWriterStats {
    return {
      queued: pending.length + inFlight,
      written: counts.written,
      failed: { ...counts.failed },
      flushes: counts.flushes,
      failedAttempts: counts.failedAttempts,
      lastError: counts.lastError,
      closed,
    };
  }

  return { db: knex, append, flush, close, stats };
}
