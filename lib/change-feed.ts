/**
 * Live changes of a subgraph's rows, across processes, through PostgreSQL LISTEN/NOTIFY.
 *
 * Statement-level triggers on the watched table (migrations/_shared/change-notify-20261210.ts)
 * send `NOTIFY <schema>_changed` at commit with the changed ids (and each row's status before),
 * whoever wrote them: a mutation in any process, the importer, plain SQL. Each subgraph process
 * LISTENs on one dedicated connection (not a pool connection: LISTEN belongs to a session),
 * started by its first subscriber and reconnected with backoff when it drops; it loads the
 * changed rows by id in batches (one statement for every notification that arrived in the same
 * turn of the event loop) and hands them to its local subscribers, which filter them for their
 * viewer. On embedded PGlite the same triggers notify PGlite's in-process listeners: one process,
 * no extra service.
 *
 * Delivery is at most once: notifications sent while the connection is down are lost (logged as a
 * reconnect), as PostgreSQL keeps no backlog for a session that was not listening.
 */
import pg from 'pg';
import type { Database } from './db.ts';
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

/** What a subgraph watches: its channel and how it loads rows by id (unscoped: subscribers filter). */
export type ChangeSource<Row> = {
  /** The NOTIFY channel, `<schema>_changed`. */
  channel: string;
  /** The rows with these ids that still exist, in any order. */
  load(database: Database, ids: readonly string[]): Promise<Row[]>;
  id(row: Row): string;
};

export type ChangeListener<Row> = (changes: readonly Change<Row>[]) => void;

export type ChangeFeed<Row> = {
  /** Registers a listener; resolves (with its unsubscribe) once the channel is listened to. */
  subscribe(listener: ChangeListener<Row>): Promise<() => void>;
  /** Stops listening and closes the dedicated connection. */
  close(): Promise<void>;
};

/** Most ids loaded by one statement. */
const LOAD_BATCH = 1000;

type Notice = { id: string; op: 'CREATED' | 'UPDATED'; previousStatus: string | null; status: string | null };

/** The notices of one NOTIFY payload; anything malformed is dropped with a warning. */
export function parseNotice(payload: string): Notice[] {
  try {
    const parsed = JSON.parse(payload) as { op?: string; rows?: unknown };
    if ((parsed.op !== 'I' && parsed.op !== 'U') || !Array.isArray(parsed.rows)) throw new Error('unexpected shape');
    const op = parsed.op === 'I' ? 'CREATED' : 'UPDATED';
    return parsed.rows.flatMap((r) => (Array.isArray(r) && typeof r[0] === 'string' ? [{ id: r[0], op, previousStatus: typeof r[1] === 'string' ? r[1] : null, status: typeof r[2] === 'string' ? r[2] : null } as Notice] : []));
  } catch (err) {
    logger.warn({ component: 'change-feed', err }, 'ignored a malformed change notification');
    return [];
  }
}

export function createChangeFeed<Row>(database: Database, source: ChangeSource<Row>, backoff = { initialMs: 100, maxMs: 5000 }): ChangeFeed<Row> {
  const listeners = new Set<ChangeListener<Row>>();
  let pending: Notice[] = [];
  let flushScheduled = false;
  // batches are loaded and delivered one after the other, so subscribers see commit order
  let delivering: Promise<void> = Promise.resolve();
  let started: Promise<void> | null = null;
  let closed = false;
  let stopListening: () => Promise<void> = async () => {};

  function onPayload(payload: string): void {
    if (closed) return;
    pending.push(...parseNotice(payload));
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(() => {
      flushScheduled = false;
      const notices = pending;
      pending = [];
      delivering = delivering.then(() => deliver(notices));
    });
  }

  async function deliver(notices: Notice[]): Promise<void> {
    if (listeners.size === 0 || notices.length === 0) return;
    for (let i = 0; i < notices.length; i += LOAD_BATCH) {
      const chunk = notices.slice(i, i + LOAD_BATCH);
      let rows: Row[];
      try {
        rows = await source.load(database, [...new Set(chunk.map((n) => n.id))]);
      } catch (err) {
        logger.error({ component: 'change-feed', channel: source.channel, err, ids: chunk.length }, 'could not load changed rows; their subscribers miss them');
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

  async function listenPglite(): Promise<void> {
    const unlisten = await database.pglite!.listen(source.channel, onPayload);
    stopListening = () => unlisten();
  }

  /** LISTEN on a dedicated session; on error or end, again after a growing delay. */
  async function listenPostgres(): Promise<void> {
    let client: pg.Client | null = null;
    let delay = backoff.initialMs;
    let retry: NodeJS.Timeout | null = null;
    const connect = async (): Promise<void> => {
      const c = new pg.Client({ connectionString: database.url, application_name: `address-graph:${database.subgraph}:listen` });
      c.on('notification', (message) => {
        if (message.channel === source.channel && message.payload) onPayload(message.payload);
      });
      const lost = (err?: Error) => {
        if (closed || client !== c) return;
        client = null;
        logger.warn({ component: 'change-feed', channel: source.channel, err, retryInMs: delay }, 'change notifications connection lost; reconnecting');
        c.end().catch(() => {});
        retry = setTimeout(() => {
          retry = null;
          connect().catch(() => {});
        }, delay);
        delay = Math.min(delay * 2, backoff.maxMs);
      };
      c.on('error', lost);
      c.on('end', () => lost());
      client = c;
      try {
        await c.connect();
        await c.query(`LISTEN ${pg.escapeIdentifier(source.channel)}`);
        delay = backoff.initialMs;
      } catch (err) {
        lost(err as Error);
        throw err;
      }
    };
    stopListening = async () => {
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    };
    // the first connection must succeed: a subscriber is told when nothing can reach it
    await connect();
  }

  return {
    async subscribe(listener) {
      if (closed) throw new Error(`the ${source.channel} change feed is closed`);
      started ??= (database.kind === 'pglite' ? listenPglite() : listenPostgres()).catch((err) => {
        started = null;
        throw err;
      });
      await started;
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async close() {
      closed = true;
      listeners.clear();
      await stopListening();
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
