/**
 * The audit writer: every request that returns person-level data calls `record()` once, and the
 * records reach `people.audit_log` (migrations/people/20261127010000_audit_log.ts) in batches.
 *
 * - record() is synchronous and O(1): it puts the entry (by reference: do not mutate it
 *   afterwards) on an in-memory queue and arms a timer. It never touches the database and never
 *   throws. Encoding (dedup, NUL and length cleaning, address scopes) happens at flush time.
 * - A flush sends ONE statement per batch of up to maxBatch rows: a multi-row INSERT ... SELECT
 *   FROM unnest(<one array per column>). A batch goes out when the timer fires (flushMs after the
 *   first record of a quiet period) or as soon as maxBatch records are waiting. One batch is in
 *   flight at a time per writer, so a writer holds at most one pool connection.
 * - A failed INSERT is retried with exponential backoff (retryBaseMs doubling up to retryMaxMs,
 *   with jitter), logged, for as long as it takes: an unreachable database, a missing table or a
 *   revoked grant are operator problems that get fixed, and the records wait for them. Records
 *   keep queueing meanwhile up to maxQueue.
 * - Records are dropped only loudly, each counted in audit_records_dropped_total{reason}:
 *   `queue_full` (maxQueue records already waiting; logged as an error, at most every 10 s with the
 *   count), `closed` (recorded after close()), `rejected` (the database refuses the record itself,
 *   SQLSTATE class 22: the batch is split in halves until the bad record is alone, so it
 *   cannot hold the others back; the record is logged in full), `shutdown` (still unwritten when
 *   close()'s deadline passed; logged in full).
 * - close() stops accepting records and flushes everything, waiting up to closeTimeoutMs.
 *
 * The writer takes any handle on a database that holds the table, a lib/db.ts Database or a bare
 * knex, so subgraphs sharing the people database write through their own connection.
 */
import { createHash } from 'node:crypto';
import client from 'prom-client';
import { ADDRESS_LEVELS, ancestorCodes, LEVEL_LENGTH } from './address-code.ts';
import { query, type Database, type Db } from './db.ts';
import { logger } from './logger.ts';
import { registry } from './metrics.ts';

/** Where audit records live. */
export const AUDIT_TABLE = 'people.audit_log';

/** One request that returned person-level data. */
export type AuditEntry = {
  /** When the request was served; defaults to the time of record(). */
  at?: Date | number;
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

export type AuditWriterOptions = {
  /** schema.table to insert into (default people.audit_log). */
  table?: string;
  /** Longest a record waits before its batch is sent, ms (default 200). */
  flushMs?: number;
  /** Rows per INSERT (default 500); a full batch is sent at once. */
  maxBatch?: number;
  /** Records held in memory at most; beyond it record() drops and counts (default 50,000). */
  maxQueue?: number;
  /** First retry delay after a failed INSERT, ms (default 100); doubles per attempt. */
  retryBaseMs?: number;
  /** Longest retry delay, ms (default 30,000). */
  retryMaxMs?: number;
  /** How long close() keeps trying to write what is left, ms (default 30,000). */
  closeTimeoutMs?: number;
  /** Metric label; defaults to the Database's subgraph (or 'unknown' for a bare knex). */
  name?: string;
};

export type DropReason = 'queue_full' | 'closed' | 'rejected' | 'shutdown';

export type AuditWriterStats = {
  /** Records waiting (including the batch in flight). */
  queued: number;
  /** Records written since the writer was created. */
  written: number;
  /** Records dropped, by reason. */
  dropped: Record<DropReason, number>;
  /** Successful INSERT statements. */
  flushes: number;
  /** INSERT attempts that failed (each retried or split). */
  failedAttempts: number;
  /** True while the last attempt failed and a retry is pending. */
  retrying: boolean;
  lastError: string | null;
  closed: boolean;
};

export type AuditWriter = {
  /**
   * Queues one record. Synchronous, never throws, never waits for the database. The entry is
   * kept by reference until its batch is written (copying it cost more than everything else
   * record() does): build a fresh one per request and do not change it or its arrays afterwards.
   */
  record(entry: AuditEntry): void;
  /** Resolves once every record queued before the call is written (or dropped as rejected). */
  flush(): Promise<void>;
  /** Stops accepting records and flushes the rest (up to closeTimeoutMs). */
  close(): Promise<void>;
  stats(): AuditWriterStats;
};

// ---- metrics (one set per registry; writers are told apart by the subgraph label)

function metric<T>(name: string, make: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? make();
}

const written = metric('audit_records_written_total', () => new client.Counter({
  name: 'audit_records_written_total',
  help: 'Audit records inserted into the audit log, by writer',
  labelNames: ['subgraph'] as const,
  registers: [registry],
}));

const dropped = metric('audit_records_dropped_total', () => new client.Counter({
  name: 'audit_records_dropped_total',
  help: 'Audit records that were not written, by writer and reason (queue_full, closed, rejected, shutdown); every one is also logged',
  labelNames: ['subgraph', 'reason'] as const,
  registers: [registry],
}));

const flushDuration = metric('audit_flush_duration_seconds', () => new client.Histogram({
  name: 'audit_flush_duration_seconds',
  help: 'Duration of one audit INSERT (one batch), by writer and outcome (ok, error)',
  labelNames: ['subgraph', 'outcome'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
}));

/** Live writers, for the queue gauge. */
const liveWriters = new Set<{ name: string; queued: () => number }>();

metric('audit_queue_length', () => new client.Gauge({
  name: 'audit_queue_length',
  help: 'Audit records waiting to be written, by writer',
  labelNames: ['subgraph'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const w of liveWriters) this.inc({ subgraph: w.name }, w.queued());
  },
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

/** A queued record: the entry (by reference, see record()) and when it was recorded. */
type Row = { at: number; entry: AuditEntry };

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
 * people.audit_log.address_scopes of a record: every code and each of its level prefixes, so
 * "anything under X" is `address_scopes @> ARRAY[X]` for X of any level.
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

const TABLE_NAME = /^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/;

const COLUMNS = 'at, subject, roles, subgraph, operation_name, operation_hash, client_name, purpose, person_ids, address_codes, request_id, address_scopes';

function insertSql(table: string): string {
  return `/* audit.write */ INSERT INTO ${table} (${COLUMNS})
    SELECT at, subject, roles::text[], subgraph, operation_name, operation_hash, client_name, purpose,
           person_ids::text[], address_codes::text[], request_id, address_scopes::text[]
    FROM unnest(?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
      AS r(${COLUMNS})`;
}

/** The twelve column arrays of one batch, in COLUMNS order (array cells as array literals). */
function columnArrays(batch: readonly Row[]): (string | null)[][] {
  const cols: (string | null)[][] = Array.from({ length: 12 }, () => new Array(batch.length));
  for (let i = 0; i < batch.length; i++) {
    const r = batch[i].entry;
    cols[0][i] = new Date(batch[i].at).toISOString();
    cols[1][i] = text(r.subject);
    const codes = distinct(r.addressCodes);
    cols[2][i] = arrayLiteral(distinct(r.roles));
    cols[3][i] = text(r.subgraph) ?? 'unknown';
    cols[4][i] = text(r.operationName, MAX_TEXT);
    cols[5][i] = text(r.operationHash) ?? '';
    cols[6][i] = text(r.clientName, MAX_TEXT);
    cols[7][i] = text(r.purpose, MAX_TEXT);
    cols[8][i] = arrayLiteral(distinct(r.personIds));
    cols[9][i] = arrayLiteral(codes);
    cols[10][i] = text(r.requestId, MAX_TEXT);
    cols[11][i] = arrayLiteral(addressScopes(codes));
  }
  return cols;
}

/**
 * SQLSTATE class 22 (data exception: bad encoding, a value out of range): some row, not the
 * database, is the problem. Class 23 is not: the log has no constraint a record the writer
 * built could break, so a NOT NULL or CHECK violation means the table is not the one expected
 * (an operator problem, retried like the rest).
 */
function isRowError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('22');
}

function describe(err: unknown): string {
  const e = err as { code?: string; message?: string } | null;
  return `${e?.code ? `${e.code} ` : ''}${e?.message ?? String(err)}`;
}

/** Thrown inside the drain loop when close()'s deadline passed, with the rows not yet written. */
class Abandoned extends Error {
  readonly rows: Row[];
  constructor(rows: Row[]) {
    super('audit writer abandoned at the close() deadline');
    this.rows = rows;
  }
}

/** Latest instant a JavaScript Date can hold. */
const MAX_TIME = 8.64e15;

function isDatabase(handle: Database | Db): handle is Database {
  return typeof (handle as Database).knex === 'function' && typeof (handle as Database).subgraph === 'string';
}

// ---- the writer

export function createAuditWriter(database: Database | Db, options: AuditWriterOptions = {}): AuditWriter {
  const knex: Db = isDatabase(database) ? database.knex : database;
  const name = options.name ?? (isDatabase(database) ? database.subgraph : 'unknown');
  const table = options.table ?? AUDIT_TABLE;
  if (!TABLE_NAME.test(table)) throw new Error(`audit table must be schema.table in lowercase, got ${JSON.stringify(table)}`);
  const flushMs = options.flushMs ?? 200;
  const maxBatch = options.maxBatch ?? 500;
  const maxQueue = options.maxQueue ?? 50_000;
  const retryBaseMs = options.retryBaseMs ?? 100;
  const retryMaxMs = options.retryMaxMs ?? 30_000;
  const closeTimeoutMs = options.closeTimeoutMs ?? 30_000;
  if (!(flushMs >= 0 && maxBatch >= 1 && maxQueue >= 1 && retryBaseMs >= 0 && retryMaxMs >= retryBaseMs)) {
    throw new Error('audit writer: flushMs >= 0, maxBatch >= 1, maxQueue >= 1 and 0 <= retryBaseMs <= retryMaxMs');
  }
  const sql = insertSql(table);
  const log = logger.child({ component: 'audit', subgraph: name, table });

  let pending: Row[] = [];
  /** Records ever queued, and those of them written or dropped since: flush() waits on these. */
  let enqueued = 0;
  let settled = 0;
  let waiters: { target: number; resolve: () => void }[] = [];
  let timer: NodeJS.Timeout | null = null;
  let immediate: NodeJS.Immediate | null = null;
  let draining: Promise<void> | null = null;
  let closed = false;
  let abandoned = false;
  let wake: (() => void) | null = null;
  const counts = {
    written: 0,
    flushes: 0,
    failedAttempts: 0,
    retrying: false,
    lastError: null as string | null,
    dropped: { queue_full: 0, closed: 0, rejected: 0, shutdown: 0 } as Record<DropReason, number>,
  };
  let queueFullSince = 0;
  let queueFullLoggedAt = 0;

  /** Waiting records, the batch in flight included. */
  const queued = () => enqueued - settled;
  const live = { name, queued };
  liveWriters.add(live);

  function drop(reason: DropReason, n: number): void {
    counts.dropped[reason] += n;
    dropped.inc({ subgraph: name, reason }, n);
  }

  function settle(n: number): void {
    settled += n;
    if (!waiters.length) return;
    const ready = waiters.filter((w) => w.target <= settled);
    if (!ready.length) return;
    waiters = waiters.filter((w) => w.target > settled);
    for (const w of ready) w.resolve();
  }

  function record(entry: AuditEntry): void {
    try {
      if (closed) {
        drop('closed', 1);
        log.error({ entry }, 'audit record after close() dropped');
        return;
      }
      if (queued() >= maxQueue) {
        drop('queue_full', 1);
        queueFullSince++;
        const now = Date.now();
        if (now - queueFullLoggedAt >= 10_000) {
          log.error({ droppedSinceLastLog: queueFullSince, droppedTotal: counts.dropped.queue_full, maxQueue, lastError: counts.lastError },
            'audit queue full: records dropped');
          queueFullLoggedAt = now;
          queueFullSince = 0;
        }
        return;
      }
      const at = entry.at === undefined ? Date.now() : +entry.at;
      pending.push({ at: Number.isFinite(at) && Math.abs(at) <= MAX_TIME ? at : Date.now(), entry });
      enqueued++;
      if (draining) return; // the running drain loop, or the timer after it, picks it up
      if (pending.length >= maxBatch) schedule(0);
      else if (!timer && !immediate) schedule(flushMs);
    } catch (err) {
      // a malformed entry (a caller bug) must not fail the request
      drop('rejected', 1);
      log.error({ err, entry }, 'audit record could not be queued');
    }
  }

  /** Starts the drain loop after `ms` (0: on the next turn of the event loop, never inside record()). */
  function schedule(ms: number): void {
    if (ms === 0) {
      if (timer) clearTimeout(timer);
      timer = null;
      immediate ??= setImmediate(() => startDrain());
    } else {
      timer = setTimeout(() => startDrain(true), ms);
      timer.unref();
    }
  }

  function startDrain(timerFired = false): void {
    if (timer) clearTimeout(timer);
    if (immediate) clearImmediate(immediate);
    timer = null;
    immediate = null;
    draining ??= drain(timerFired).finally(() => {
      draining = null;
      // what arrived while the last batch was written waits for its own timer (or is a full batch)
      if (pending.length && !abandoned) schedule(pending.length >= maxBatch || urgent() ? 0 : flushMs);
    });
  }

  /** Someone waits for the queue to empty: write partial batches at once. */
  function urgent(): boolean {
    return closed || waiters.length > 0;
  }

  /**
   * Writes one batch when the timer fired, then more while there is a full one (or while a flush
   * is awaited). It does not chase a trickle
   * of records that arrive during a write: they wait for the next timer, so steady traffic still
   * goes out in batches of flushMs worth of records rather than one tiny INSERT after another.
   */
  async function drain(timerFired: boolean): Promise<void> {
    let due = timerFired;
    while (pending.length && (due || pending.length >= maxBatch || urgent())) {
      due = false;
      const batch = pending.length <= maxBatch ? pending : pending.slice(0, maxBatch);
      pending = batch === pending ? [] : pending.slice(maxBatch);
      try {
        await write(batch);
      } catch (err) {
        const rest = [...(err instanceof Abandoned ? err.rows : batch), ...pending];
        pending = [];
        drop('shutdown', rest.length);
        log.error({ records: rest, count: rest.length, lastError: counts.lastError, err }, 'audit records still unwritten at the close() deadline dropped');
        settle(rest.length); // rows of the batch written before the deadline were settled as they went in
        return;
      }
    }
  }

  /**
   * Writes one batch, retrying until it is in. Records the database refuses (SQLSTATE class
   * 22, or a value that cannot even be encoded) are isolated by halving and dropped as
   * rejected. Calls settle() as rows are written or rejected.
   */
  async function write(batch: Row[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      if (abandoned) throw new Abandoned(batch);
      let bindings: (string | null)[][];
      try {
        bindings = columnArrays(batch);
      } catch (err) {
        return rejectOrSplit(batch, err);
      }
      const started = performance.now();
      try {
        await query(knex, sql, bindings);
      } catch (err) {
        flushDuration.observe({ subgraph: name, outcome: 'error' }, (performance.now() - started) / 1000);
        counts.failedAttempts++;
        counts.lastError = describe(err);
        if (isRowError(err)) return rejectOrSplit(batch, err);
        counts.retrying = true;
        const delay = Math.min(retryMaxMs, retryBaseMs * 2 ** Math.min(attempt - 1, 30));
        const jittered = Math.round(delay * (0.5 + Math.random() / 2));
        // every attempt while the outage is young, then every 10th, so a long one does not flood the log
        if (attempt <= 5 || attempt % 10 === 0) {
          log.error({ err, attempt, retryInMs: jittered, batch: batch.length, queued: queued() }, 'audit write failed; retrying');
        }
        await sleep(jittered);
        continue;
      }
      flushDuration.observe({ subgraph: name, outcome: 'ok' }, (performance.now() - started) / 1000);
      counts.written += batch.length;
      counts.flushes++;
      written.inc({ subgraph: name }, batch.length);
      if (counts.retrying) log.info({ attempts: attempt }, 'audit log writable again');
      counts.retrying = false;
      settle(batch.length);
      return;
    }
  }

  async function rejectOrSplit(batch: Row[], err: unknown): Promise<void> {
    if (batch.length === 1) {
      drop('rejected', 1);
      log.error({ err, record: batch[0] }, 'audit record refused by the database and dropped');
      settle(1);
      return;
    }
    const half = Math.ceil(batch.length / 2);
    const first = batch.slice(0, half);
    const second = batch.slice(half);
    try {
      await write(first);
    } catch (e) {
      if (e instanceof Abandoned) throw new Abandoned([...e.rows, ...second]);
      throw e;
    }
    await write(second);
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      t.unref();
      function done() {
        clearTimeout(t);
        wake = null;
        resolve();
      }
      wake = done;
    });
  }

  function flush(): Promise<void> {
    const target = enqueued;
    if (settled >= target) return Promise.resolve();
    const done = new Promise<void>((resolve) => waiters.push({ target, resolve }));
    if (!draining) startDrain();
    return done;
  }

  async function close(): Promise<void> {
    if (closed) return flush();
    closed = true;
    let deadline: NodeJS.Timeout | undefined;
    const expired = new Promise<void>((resolve) => {
      deadline = setTimeout(() => {
        abandoned = true;
        wake?.();
        resolve();
      }, closeTimeoutMs);
    });
    try {
      await Promise.race([flush(), expired]);
      // past the deadline: let the drain loop notice, log and count what it drops
      await draining;
    } finally {
      clearTimeout(deadline);
      if (timer) clearTimeout(timer);
      if (immediate) clearImmediate(immediate);
      timer = null;
      immediate = null;
      liveWriters.delete(live);
    }
  }

  function stats(): AuditWriterStats {
    return {
      queued: queued(),
      written: counts.written,
      dropped: { ...counts.dropped },
      flushes: counts.flushes,
      failedAttempts: counts.failedAttempts,
      retrying: counts.retrying,
      lastError: counts.lastError,
      closed,
    };
  }

  return { record, flush, close, stats };
}
