/**
 * Address.events as the BI bridge reads it: a whole district newest first in pages of up to 5000,
 * the reportedBefore / updatedSince / updatedBefore filters, updatedAt kept by the trigger, community
 * scoping, and the index that serves the district-level walk.
 *
 * Rows live under a made-up district of this file's own (tests/support/bridge.ts), so its
 * district-level list holds exactly them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../lib/auth/scopes.ts';
import { createEventRepository } from '../subgraphs/events/repository.ts';
import { eventsSubgraph } from '../subgraphs/events/server.ts';
import { BRIDGE_DISTRICTS, buildingIn, communityIn, databaseNow, pause, roomIn, windowsAtOnce } from './support/bridge.ts';
import { openFixture } from './support/databases.ts';
import { deleteEvents, insertEvents } from './support/events-factories.ts';
import { explainStatements } from './support/explain.ts';
import { subgraphClient } from './support/subgraph.ts';

const database = openFixture('events');
let client: Awaited<ReturnType<typeof subgraphClient>>;
let confined: Awaited<ReturnType<typeof subgraphClient>>;

const district = BRIDGE_DISTRICTS.events;
const community1 = communityIn(`${district}111`);
const community2 = communityIn(`${district}222`);
const room1 = roomIn(buildingIn(community1));
const room2 = roomIn(buildingIn(community2));

/** [id, reportedAt] of every inserted event, and when the inserts were done. */
const inserted: { id: string; reportedAt: string; code: string }[] = [];
let afterInsert: Date;
let touched: string[];

// 13 events: 8 in community 1, 5 in community 2; two pairs share a reportedAt, so the id breaks the tie
const REPORTED = [
  '2026-01-01T08:00:00.000Z', '2026-01-02T08:00:00.000Z', '2026-01-02T08:00:00.000Z', '2026-01-03T08:00:00.000Z',
  '2026-01-04T08:00:00.000Z', '2026-01-05T08:00:00.000Z', '2026-01-06T08:00:00.000Z', '2026-01-06T08:00:00.000Z',
  '2026-01-07T08:00:00.000Z', '2026-01-08T08:00:00.000Z', '2026-01-09T08:00:00.000Z', '2026-01-10T08:00:00.000Z',
  '2026-01-11T08:00:00.000Z',
];

/** Newest first, then id descending (byte order: ids are COLLATE "C"). */
const newestFirst = (a: { reportedAt: string; id: string }, b: { reportedAt: string; id: string }) =>
  a.reportedAt !== b.reportedAt ? (a.reportedAt < b.reportedAt ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;

beforeAll(async () => {
  client = await subgraphClient(eventsSubgraph, database);
  confined = await subgraphClient(eventsSubgraph, database, { ...SYSTEM, communities: [community1] });
  const events = REPORTED.map((reportedAt, i) => ({ addressCode: i % 5 === 4 || i === 12 ? room2 : room1, reportedAt }));
  const ids = await insertEvents(database, events);
  ids.forEach((id, i) => inserted.push({ id, reportedAt: REPORTED[i], code: events[i].addressCode }));
  afterInsert = await databaseNow(database.knex);
  await pause(5);
  touched = [ids[0], ids[6]];
  await database.knex('events.event').whereIn('id', touched).update({ description: 'edited for the bridge test' });
});

afterAll(async () => {
  await deleteEvents(database, inserted.map((e) => e.id));
  await client?.stop();
  await confined?.stop();
  await database.close();
});

type Page = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: { id: string; reportedAt: string; updatedAt: string } }[] };

/** One page of Address.events at `code` through `_entities`, as the gateway asks. */
async function page(code: string, args: Record<string, unknown>, as = client): Promise<Page> {
  const result = await as.run(
    `query ($r: [_Any!]!, $first: Int, $after: String, $since: DateTime, $reportedBefore: DateTime, $updatedSince: DateTime, $updatedBefore: DateTime) {
      _entities(representations: $r) { ... on Address {
        events(first: $first, after: $after, since: $since, reportedBefore: $reportedBefore, updatedSince: $updatedSince, updatedBefore: $updatedBefore) {
          totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id reportedAt updatedAt } }
        }
      } } }`,
    { r: [{ __typename: 'Address', code }], first: null, after: null, since: null, reportedBefore: null, updatedSince: null, updatedBefore: null, ...args },
  );
  expect(result.errors).toBeUndefined();
  return result.data!._entities[0].events;
}

/** Every id of the list, following cursors `first` at a time; also how many pages it took. */
async function pageThrough(code: string, first: number, args: Record<string, unknown> = {}, as = client) {
  const ids: string[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const p: Page = await page(code, { ...args, first, after }, as);
    pages++;
    ids.push(...p.edges.map((e) => e.node.id));
    if (!p.pageInfo.hasNextPage) return { ids, pages, totalCount: p.totalCount };
    after = p.pageInfo.endCursor;
    if (pages > 100) throw new Error('no end in sight');
  }
}

describe('Address.events for the bridge', () => {
  it('lists a whole district newest first, the id breaking ties, in one page of 5000', async () => {
    const whole = await page(district, { first: 5000 });
    expect(whole.totalCount).toBe(13);
    expect(whole.pageInfo.hasNextPage).toBe(false);
    expect(whole.edges.map((e) => e.node.id)).toEqual([...inserted].sort(newestFirst).map((e) => e.id));
  });

  it('pages a district, a subdistrict and a community to the end with no duplicate and nothing missing', async () => {
    const all = [...inserted].sort(newestFirst);
    for (const [code, expected] of [
      [district, all],
      [community1.slice(0, 9), all.filter((e) => e.code === room1)],
      [community2, all.filter((e) => e.code === room2)],
    ] as const) {
      const { ids, pages, totalCount } = await pageThrough(code, 3);
      expect(ids, code).toEqual(expected.map((e) => e.id));
      expect(new Set(ids).size).toBe(ids.length);
      expect(pages).toBe(Math.ceil(expected.length / 3));
      expect(totalCount).toBe(expected.length);
    }
  });

  it('filters by reportedBefore, alone and with since, in the list and the count', async () => {
    const before = await pageThrough(district, 4, { reportedBefore: '2026-01-06T08:00:00.000Z' });
    expect(before.ids.sort()).toEqual(inserted.filter((e) => e.reportedAt < '2026-01-06T08:00:00.000Z').map((e) => e.id).sort());
    expect(before.totalCount).toBe(6);
    const window = await pageThrough(district, 4, { since: '2026-01-02T08:00:00.000Z', reportedBefore: '2026-01-06T08:00:00.000Z' });
    expect(window.totalCount).toBe(5);
    expect(window.ids).toHaveLength(5);
  });

  it('filters by updatedSince and updatedBefore: only the edited rows changed after the inserts', async () => {
    const since = await pageThrough(district, 5000, { updatedSince: afterInsert.toISOString() });
    expect(since.ids.sort()).toEqual([...touched].sort());
    expect(since.totalCount).toBe(2);
    const before = await pageThrough(district, 5, { updatedBefore: afterInsert.toISOString() });
    expect(before.ids).toHaveLength(11);
    expect(before.ids.some((id) => touched.includes(id))).toBe(false);
    const narrow = await pageThrough(room1, 5000, { updatedSince: afterInsert.toISOString() });
    expect(narrow.ids.sort()).toEqual([...touched].sort());
  });

  it('refuses a window that ends before it starts, naming the argument', async () => {
    for (const [args, name] of [
      [{ since: '2026-02-01T00:00:00Z', reportedBefore: '2026-01-01T00:00:00Z' }, 'reportedBefore'],
      [{ updatedSince: '2026-02-01T00:00:00Z', updatedBefore: '2026-02-01T00:00:00Z' }, 'updatedBefore'],
    ] as const) {
      const result = await client.run(
        `query ($r: [_Any!]!, $a: DateTime, $b: DateTime) { _entities(representations: $r) { ... on Address { events(${Object.keys(args)[0]}: $a, ${Object.keys(args)[1]}: $b) { totalCount } } } }`,
        { r: [{ __typename: 'Address', code: district }], a: Object.values(args)[0], b: Object.values(args)[1] },
      );
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].message).toContain(`"${name}"`);
    }
  });

  it('bumps updatedAt when a row changes, and not on an update that changes nothing', async () => {
    const [id] = await insertEvents(database, [{ addressCode: room1, reportedAt: '2025-06-01T00:00:00Z', description: 'same' }]);
    inserted.push({ id, reportedAt: '2025-06-01T00:00:00.000Z', code: room1 });
    const updatedAt = async () => ((await client.run(`query ($id: ID!) { event(id: $id) { updatedAt } }`, { id })).data!.event.updatedAt as string);
    const first = await updatedAt();
    await pause(5);
    await database.knex('events.event').where({ id }).update({ description: 'same' });
    expect(await updatedAt()).toBe(first);
    await database.knex('events.event').where({ id }).update({ status: 'ASSIGNED' });
    expect(new Date(await updatedAt()).getTime()).toBeGreaterThan(new Date(first).getTime());
  });

  it('shows a confined viewer only its communities at district level, in the list and the count', async () => {
    const { ids, totalCount } = await pageThrough(district, 2, {}, confined);
    const expected = inserted.filter((e) => e.code === room1).sort(newestFirst).map((e) => e.id);
    expect(ids).toEqual(expected);
    expect(totalCount).toBe(expected.length);
  });
});

describe('Address.events indexes', () => {
  // A page is to the fixture's thousand events what a page of 5000 is to a district's million:
  // small beside the table, so the plan is the one the bridge gets at scale.
  it('walks event_reported_idx for the district-level page, from the cursor, without sorting', async () => {
    for (const after of [null, [Date.parse('2026-01-05T00:00:00Z') * 1000, 'zzz'] as [number, string]]) {
      const [plan] = await explainStatements(database, (explaining) =>
        createEventRepository(explaining).eventPages([{ code: '440304', statuses: null, kinds: null, since: null, first: 20, after }]));
      expect(plan).toContain('event_reported_idx');
      expect(plan).not.toMatch(/Sort/);
      expect(plan).not.toMatch(/Seq Scan/);
    }
  });

  it('finds an incremental refresh over event_updated_idx', async () => {
    const [plan] = await explainStatements(database, (explaining) =>
      createEventRepository(explaining).eventCounts([{ code: '440304', statuses: null, kinds: null, since: null, updatedSince: new Date(Date.now() + 86_400_000) }]));
    expect(plan).toContain('event_updated_idx');
  });
});

describe('rows changed since a watermark, at community level (one batched statement per window)', () => {
  it('answers two windows asked in one request, each by its own', async () => {
    const mark = await databaseNow(database.knex);
    await pause(5);
    const edited = inserted[9];
    await database.knex('events.event').where({ id: edited.id }).update({ description: 'edited after the watermark' });
    const at = await windowsAtOnce(client, 'events', 'id', community2, mark);
    expect(at.changed).toEqual({ totalCount: 1, edges: [{ node: { id: edited.id } }] });
    expect(at.all.totalCount).toBe(inserted.filter((e) => e.code === room2).length);
    expect(at.unchanged.totalCount).toBe(at.all.totalCount - 1);
    expect(at.unchanged.edges.map((e) => e.node.id)).not.toContain(edited.id);
  });

  it('range-scans event_updated_idx from the watermark', async () => {
    await database.knex.raw('ANALYZE events.event');
    const since = new Date(Date.now() + 86_400_000);
    const plans = await explainStatements(database, async (explaining) => {
      const repository = createEventRepository(explaining);
      await repository.eventPages([{ code: community2, statuses: null, kinds: null, since: null, updatedSince: since, first: 500, after: null }]);
      await repository.eventCounts([{ code: community2, statuses: null, kinds: null, since: null, updatedSince: since }]);
    });
    expect(plans).toHaveLength(2);
    for (const plan of plans) expect(plan).toMatch(/event_updated_idx[\s\S]*Index Cond: \(updated_at >= '/);
  });
});
