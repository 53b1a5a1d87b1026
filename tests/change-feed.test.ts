/**
 * The change feed behind the subscriptions (lib/change-feed.ts) on a real database: what the
 * triggers of migrations/_shared/change-log-20261217.ts log reaches a listener once, with the status
 * before an update; a rolled-back write and an update that changes nothing reach nobody; a
 * transaction that took its log position before another one but committed after it is not skipped
 * (PostgreSQL only: PGlite has one connection); a large statement is read in pages; old entries are
 * pruned. Other test files write events at the same time, so each check looks at its own ids.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChangeFeed, type Change, type ChangeFeed } from '../lib/change-feed.ts';
import { query, type Database } from '../lib/db.ts';
import type { EventRow } from '../subgraphs/events/repository.ts';
import { createEventRepository } from '../subgraphs/events/repository.ts';
import { openFixture } from './support/databases.ts';
import { freshBuildingCode, insertEvents } from './support/events-factories.ts';

let db: Database;
const feeds: ChangeFeed<EventRow>[] = [];

beforeAll(() => {
  db = openFixture('events');
});

afterAll(async () => {
  for (const feed of feeds) await feed.close();
  await db.close();
});

function eventsFeed(options: Parameters<typeof createChangeFeed>[2] = {}) {
  const feed = createChangeFeed<EventRow>(db, {
    schema: 'events',
    load: (database, ids) => createEventRepository(database.knex, null).findEventsByIds(ids),
    id: (row) => row.id,
  }, { pollMs: 20, pruneEveryMs: 0, ...options });
  feeds.push(feed);
  return feed;
}

/** Everything the feed delivers, kept for inspection. */
async function record(feed: ChangeFeed<EventRow>) {
  const seen: Change<EventRow>[] = [];
  const unsubscribe = await feed.subscribe((changes) => seen.push(...changes));
  const of = (ids: readonly string[]) => seen.filter((c) => ids.includes(c.row.id));
  return { seen, of, unsubscribe };
}

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('the change feed', () => {
  it('delivers each committed insert and update once, with the status before, and nothing for a rollback or a no-op update', async () => {
    const feed = eventsFeed();
    const { of, unsubscribe } = await record(feed);
    const building = freshBuildingCode();
    const [a, b] = await insertEvents(db, [{ addressCode: building }, { addressCode: building }]);
    await until(() => of([a, b]).length === 2, 'the two inserts');
    expect(of([a, b]).map((c) => [c.op, c.previousStatus, c.status])).toEqual([['CREATED', null, 'REPORTED'], ['CREATED', null, 'REPORTED']]);

    await query(db.knex, `UPDATE events.event SET status = 'ASSIGNED' WHERE id = ?`, [a]);
    // an update that changes nothing, and a write that is rolled back, log nothing
    await query(db.knex, `UPDATE events.event SET status = status WHERE id = ?`, [b]);
    await db.knex.transaction(async (trx) => {
      await trx.raw(`UPDATE events.event SET status = 'CLOSED' WHERE id = ?`, [b]);
      throw new Error('rolled back');
    }).catch((err: Error) => expect(err.message).toBe('rolled back'));
    const [c] = await insertEvents(db, [{ addressCode: building }]);
    await until(() => of([c]).length === 1, 'the insert after them');
    expect(of([a])).toHaveLength(2);
    expect(of([a])[1]).toMatchObject({ op: 'UPDATED', previousStatus: 'REPORTED', status: 'ASSIGNED' });
    expect(of([a])[1].row.status).toBe('ASSIGNED');
    expect(of([b])).toHaveLength(1);
    unsubscribe();
  });

  it('does not replay what was committed before the first subscriber', async () => {
    const feed = eventsFeed();
    const [before] = await insertEvents(db, [{ addressCode: freshBuildingCode() }]);
    const { of } = await record(feed);
    const [after] = await insertEvents(db, [{ addressCode: freshBuildingCode() }]);
    await until(() => of([after]).length === 1, 'the insert after subscribing');
    await sleep(100);
    expect(of([before])).toHaveLength(0);
  });

  it('reads a large statement in pages, every row once and in order', async () => {
    const feed = eventsFeed({ pageSize: 2 });
    const { of } = await record(feed);
    const building = freshBuildingCode();
    // 5 statements of 1 row, and one of 2,500 rows (three log entries of up to 1,000)
    const single: string[] = [];
    for (let i = 0; i < 5; i++) single.push(...(await insertEvents(db, [{ addressCode: building }])));
    const bulk = await insertEvents(db, Array.from({ length: 2500 }, () => ({ addressCode: building })));
    const ids = [...single, ...bulk];
    await until(() => of(ids).length === ids.length, 'every row');
    await sleep(100);
    expect(of(ids).map((c) => c.row.id)).toEqual(ids);
    const entries = await query<{ n: string }>(db.knex, `SELECT count(*) AS n FROM events.change_log WHERE rows @> ?::jsonb`, [JSON.stringify([[bulk[0], null, 'REPORTED']])]);
    expect(Number(entries[0].n)).toBe(1);
  });

  it.skipIf(!process.env.DATABASE_URL)('does not skip a transaction that logged first and committed last', async () => {
    const feed = eventsFeed();
    const { of } = await record(feed);
    const building = freshBuildingCode();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let logged!: () => void;
    const hasLogged = new Promise<void>((resolve) => (logged = resolve));
    const slowId = `test-ev-slow-${Date.now()}`;
    let slowPosition = 0n;
    const slow = db.knex.transaction(async (trx) => {
      await trx('events.event').insert({ id: slowId, kind: 'OTHER', source: 'GRID_PATROL', severity: 'MEDIUM', status: 'REPORTED', reported_at: new Date(), description: 'slow', address_code: building });
      const own = await trx.raw(`SELECT position::text FROM events.change_log WHERE rows->0->>0 = ?`, [slowId]);
      slowPosition = BigInt(own.rows[0].position);
      logged();
      await held;
    });
    try {
      await hasLogged;
      // a later transaction takes a higher log position, commits, and is read
      const [fast] = await insertEvents(db, [{ addressCode: building }]);
      await until(() => of([fast]).length === 1, 'the fast transaction');
      await sleep(100);
      expect(of([slowId])).toHaveLength(0);
      const [fastEntry] = await query<{ position: string }>(db.knex, `SELECT position::text FROM events.change_log WHERE rows->0->>0 = ?`, [fast]);
      expect(slowPosition).toBeLessThan(BigInt(fastEntry.position));
    } finally {
      // the first one commits after the feed has read past its position
      release();
      await slow;
    }
    await until(() => of([slowId]).length === 1, 'the slow transaction');
  });

  it('prunes entries older than the retention, and keeps newer ones', async () => {
    const [old] = await insertEvents(db, [{ addressCode: freshBuildingCode() }]);
    await query(db.knex, `UPDATE events.change_log SET recorded_at = now() - interval '2 hours' WHERE rows->0->>0 = ?`, [old]);
    const [recent] = await insertEvents(db, [{ addressCode: freshBuildingCode() }]);
    const feed = eventsFeed({ retentionMs: 3_600_000, pruneEveryMs: 10 });
    const count = async (id: string) => Number((await query<{ n: string }>(db.knex, `SELECT count(*) AS n FROM events.change_log WHERE rows->0->>0 = ?`, [id]))[0].n);
    const end = Date.now() + 10_000;
    while ((await count(old)) > 0 && Date.now() < end) await sleep(20);
    expect(await count(old)).toBe(0);
    expect(await count(recent)).toBe(1);
    await feed.close();
  });
});
