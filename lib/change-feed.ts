/**
 * Live changes of a subgraph's rows, across processes, from the subgraph's change log in
 * PostgreSQL.
 *
 * Statement-level triggers on the watched table (migrations/_shared/change-log-20261217.ts) append
 * the changed ids (and each row's status before) to `<schema>.change_log` in the writing
 * transaction, whoever wrote them: a mutation in any process, the importer, plain SQL. Each
 * subgraph process with subscribers reads the log every `pollMs` (100 ms): one statement takes the
 * entries committed since the previous read's snapshot (`pg_visible_in_snapshot` on the writer's
 * xid, so an entry whose transaction committed late is never skipped), loads the changed rows by id
 * in batches and hands them to its local subscribers, which filter them for their viewer. On
 * embedded PGlite the same triggers and the same reads run in one process, no extra service.
 *
 * This replaced LISTEN/NOTIFY: PostgreSQL serializes the commits of every notifying transaction
 * cluster-wide, which capped all writes of the watched tables at the rate of one commit flush at a
 * time. A read that fails (the database restarting) is retried with backoff from the same snapshot,
 * so nothing committed meanwhile is lost while the log still holds it (`retentionMs`, 10 minutes;
 * every subgraph server with a feed prunes older entries each minute). Entries are read in pages
 * (`pageSize` entries of up to 1,000 ids each), so a large import is delivered in bounded steps.
 */
import type { Database } from './db.ts';
import { query } from './db.ts';
import { logger } from './logger.ts';

/** One changed row: created (inserted) or updated, with its status before an update. */
export type Change<Row> = {
  /** The row as loaded after the change (a later change may already show in it). */
  row: Row;
  op: 'CREATED' | 'UPDATED';
  /** The status before the change (null when created) and the one it committed. */
  previousStatus: string | null;
  status: string | null;
};

/** What a subgraph watches: its change log and how it loads rows by id (unscoped: subscribers filter). */
export type ChangeSource<Row> = {
  /** The schema whose `change_log` is read. */
  schema: string;
  /** The rows with these ids that still exist, in any order. */
  load(database: Database, ids: readonly string[]): Promise<Row[]>;
  id(row: Row): string;
};

export type ChangeListener<Row> = (changes: readonly Change<Row>[]) => void;

export type ChangeFeed<Row> = {
  /** Registers a listener; resolves (with its unsubscribe) once the log is being read. */
  subscribe(listener: ChangeListener<Row>): Promise<() => void>;
  /** Stops reading and pruning. */
  close(): Promise<void>;
};

export type ChangeFeedOptions = {
  /** Between two reads of the log while someone listens (default 100 ms). */
  pollMs?: number;
  /** Log entries read per statement (default 500; each holds up to 1,000 ids). */
  pageSize?: number;
  /** How long entries stay in the log (default 10 minutes). */
  retentionMs?: number;
  /** Between two prunings (default 1 minute); 0: never prune. */
  pruneEveryMs?: number;
  /** Retry delays after a failed read. */
  backoff?: { initialMs: number; maxMs: number };
};

/** Most ids loaded by one statement. */
const LOAD_BATCH = 1000;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/;

type Notice = { id: string; op: 'CREATED' | 'UPDATED'; previousStatus: string | null; status: string | null };

/** The notices of one log entry (op 'I' or 'U', rows of [id, status before, status]); anything malformed is dropped with a warning. */
export function parseEntry(op: string, rows: unknown): Notice[] {
  try {
    const parsed = typeof rows === 'string' ? (JSON.parse(rows) as unknown) : rows;
    if ((op !== 'I' && op !== 'U') || !Array.isArray(parsed)) throw new Error('unexpected shape');
    const kind = op === 'I' ? 'CREATED' : 'UPDATED';
    return parsed.flatMap((r) => (Array.isArray(r) && typeof r[0] === 'string' ? [{ id: r[0], op: kind, previousStatus: typeof r[1] === 'string' ? r[1] : null, status: typeof r[2] === 'string' ? r[2] : null } as Notice] : []));
  } catch (err) {
    logger.warn({ component: 'change-feed', err }, 'ignored a malformed change log entry');
    return [];
  }
}

type Entry = { snapshot: string; position: string | null; op: string | null; rows: unknown };

export function createChangeFeed<Row>(database: Database, source: ChangeSource<Row>, options: ChangeFeedOptions = {}): ChangeFeed<Row> {
  if (!SCHEMA_NAME.test(source.schema)) throw new Error(`not a schema name: ${JSON.stringify(source.schema)}`);
  const log = `${source.schema}.change_log`;
  const pollMs = options.pollMs ?? 100;
  const pageSize = options.pageSize ?? 500;
  const retentionMs = options.retentionMs ?? 600_000;
  const pruneEveryMs = options.pruneEveryMs ?? 60_000;
  const backoff = options.backoff ?? { initialMs: 100, maxMs: 5000 };
  const listeners = new Set<ChangeListener<Row>>();
  let started: Promise<void> | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  /** The read loop: waiting for its next read, reading, or stopped (nobody listens). */
  let state: 'idle' | 'scheduled' | 'running' = 'idle';
  /** Bumped when reading restarts from a new moment: a read begun before that is discarded. */
  let generation = 0;
  /** Everything committed before this snapshot has been read. */
  let since: string | null = null;
  /** While a read is paged: the snapshot its first page saw, and the last position delivered. */
  let upTo: string | null = null;
  let after = '0';
  let delay = backoff.initialMs;

  const readPage = (): Promise<Entry[]> =>
    query<Entry>(
      database.knex,
      `SELECT pg_current_snapshot()::text AS snapshot, l.position::text AS position, l.op::text AS op, l.rows
       FROM (SELECT 1) AS one
       LEFT JOIN LATERAL (
         SELECT c.position, c.op, c.rows FROM ${log} c
         WHERE c.xid >= pg_snapshot_xmin(?::pg_snapshot)
           AND NOT pg_visible_in_snapshot(c.xid, ?::pg_snapshot)
           AND (?::pg_snapshot IS NULL OR pg_visible_in_snapshot(c.xid, ?::pg_snapshot))
           AND c.position > ?::bigint
         ORDER BY c.position
         LIMIT ?
       ) AS l ON true`,
      [since, since, upTo, upTo, after, pageSize],
    );

  /** One read of the log (and its delivery); true when a next page is waiting. */
  async function poll(): Promise<boolean> {
    const begun = generation;
    const entries = await readPage();
    if (begun !== generation) return false;
    const found = entries.filter((e) => e.position !== null);
    await deliver(found.flatMap((e) => parseEntry(e.op ?? '', e.rows)));
    if (found.length === pageSize) {
      upTo ??= entries[0].snapshot;
      after = found[found.length - 1].position!;
      return true;
    }
    since = upTo ?? entries[0].snapshot;
    upTo = null;
    after = '0';
    return false;
  }

  function schedule(ms: number): void {
    if (closed || listeners.size === 0) {
      state = 'idle';
      return;
    }
    state = 'scheduled';
    timer = setTimeout(() => {
      timer = null;
      state = 'running';
      poll().then(
        (more) => {
          delay = backoff.initialMs;
          schedule(more ? 0 : pollMs);
        },
        (err) => {
          logger.warn({ component: 'change-feed', log, err, retryInMs: delay }, 'could not read the change log; retrying from the same point');
          schedule(delay);
          delay = Math.min(delay * 2, backoff.maxMs);
        },
      );
    }, ms);
  }

  async function deliver(notices: Notice[]): Promise<void> {
    if (listeners.size === 0 || notices.length === 0) return;
    for (let i = 0; i < notices.length; i += LOAD_BATCH) {
      const chunk = notices.slice(i, i + LOAD_BATCH);
      let rows: Row[];
      try {
        rows = await source.load(database, [...new Set(chunk.map((n) => n.id))]);
      } catch (err) {
        logger.error({ component: 'change-feed', log, err, ids: chunk.length }, 'could not load changed rows; their subscribers miss them');
        continue;
      }
      const byId = new Map(rows.map((r) => [source.id(r), r]));
      const changes = chunk.flatMap((n) => {
        const row = byId.get(n.id);
        return row ? [{ row, op: n.op, previousStatus: n.previousStatus, status: n.status }] : [];
      });
      if (changes.length === 0) continue;
      for (const listener of listeners) {
        try {
          listener(changes);
        } catch (err) {
          logger.error({ component: 'change-feed', err }, 'a change listener failed');
        }
      }
    }
  }

  /** Where reading starts: now (changes committed before the first subscriber are not replayed). */
  async function start(): Promise<void> {
    const [{ snapshot }] = await query<{ snapshot: string }>(database.knex, 'SELECT pg_current_snapshot()::text AS snapshot');
    generation++;
    since = snapshot;
    upTo = null;
    after = '0';
  }

  async function prune(): Promise<void> {
    try {
      await query(database.knex, `DELETE FROM ${log} WHERE recorded_at < now() - ?::bigint * interval '1 millisecond'`, [retentionMs]);
    } catch (err) {
      if (!closed) logger.warn({ component: 'change-feed', log, err }, 'could not prune the change log');
    }
  }
  const pruner = pruneEveryMs > 0 ? setInterval(() => void prune(), pruneEveryMs) : null;
  pruner?.unref();

  return {
    async subscribe(listener) {
      if (closed) throw new Error(`the ${log} change feed is closed`);
      started ??= start().catch((err) => {
        started = null;
        throw err;
      });
      await started;
      listeners.add(listener);
      if (state === 'idle') schedule(pollMs);
      return () => {
        if (!listeners.delete(listener) || listeners.size > 0) return;
        // nobody listens: stop reading (a read under way stops itself); the next subscriber
        // starts from its own moment
        if (timer) clearTimeout(timer);
        timer = null;
        if (state === 'scheduled') state = 'idle';
        started = null;
      };
    },
    async close() {
      closed = true;
      listeners.clear();
      if (timer) clearTimeout(timer);
      timer = null;
      if (pruner) clearInterval(pruner);
    },
  };
}

/**
 * A subscriber's stream of changes: each batch is mapped by `accept` (null: not for this
 * subscriber) and queued until read. Ends when `signal` aborts or the reader returns; a reader
 * that falls `maxQueued` items behind is ended with an error rather than holding memory.
 */
export async function changeStream<Row, T>(
  feed: ChangeFeed<Row>,
  accept: (change: Change<Row>) => T | null,
  options: { signal?: AbortSignal; maxQueued?: number } = {},
): Promise<AsyncIterableIterator<T>> {
  const maxQueued = options.maxQueued ?? 10_000;
  const queue: T[] = [];
  let wake: (() => void) | null = null;
  let done = false;
  let failure: Error | null = null;
  const finish = () => {
    done = true;
    unsubscribe();
    wake?.();
  };
  const unsubscribe = await feed.subscribe((changes) => {
    if (done) return;
    for (const change of changes) {
      const item = accept(change);
      if (item !== null) queue.push(item);
    }
    if (queue.length > maxQueued) {
      failure = new Error(`the subscriber fell more than ${maxQueued} changes behind`);
      queue.length = 0;
      finish();
      return;
    }
    wake?.();
  });
  options.signal?.addEventListener('abort', finish, { once: true });
  if (options.signal?.aborted) finish();
  const iterator: AsyncIterableIterator<T> = {
    async next() {
      while (queue.length === 0 && !done) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      if (queue.length > 0) return { value: queue.shift()!, done: false };
      if (failure) {
        const error = failure;
        failure = null;
        throw error;
      }
      return { value: undefined, done: true };
    },
    async return() {
      finish();
      queue.length = 0;
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
