/**
 * The events subgraph against the real fixture database: root lookups, Address.events and
 * eventStats over a room, a building and a community, pagination, the `_entities` contract,
 * batching (no N+1) and the index behind the address range queries.
 *
 * Exact counts come from rows this file inserts under fresh made-up codes (tests/support/
 * events-factories.ts); seeded data (the showcase room) is only checked for consistency.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbQueryCount } from '../lib/metrics.ts';
import { encodeCursor } from '../lib/pagination.ts';
import { SHOWCASE } from '../seeds/showcase.ts';
import { createEventRepository } from '../subgraphs/events/repository.ts';
import { SYSTEM } from '../lib/auth/scopes.ts';
import { eventsSubgraph } from '../subgraphs/events/server.ts';
import { openFixture } from './support/databases.ts';
import { explainStatements } from './support/explain.ts';
import {
  deleteEvents,
  freshBuildingCode,
  freshCommunityCode,
  freshCreditCode,
  insertEvents,
  roomCode,
} from './support/events-factories.ts';
import { subgraphClient, type GraphQLResult } from './support/subgraph.ts';

const database = openFixture('events');
let client: Awaited<ReturnType<typeof subgraphClient>>;

// One made-up community with two buildings; building 1 has two rooms and an event of its own.
const community = freshCommunityCode();
const building1 = freshBuildingCode(community);
const building2 = freshBuildingCode(community);
const room1 = roomCode(building1, '001203');
const room2 = roomCode(building1, '000101');
const room3 = roomCode(building2, '000501');
const person1 = 'test-person-1';
const person2 = 'test-person-2';
const creditCode = freshCreditCode();

/** Event ids by name, newest first within the community: a e c f b d g. */
const ev: Record<'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g', string> = {} as never;
const inserted: string[] = [];

beforeAll(async () => {
  client = await subgraphClient(eventsSubgraph, database);
  const ids = await insertEvents(database, [
    {
      addressCode: room1, kind: 'FIRE_HAZARD', source: 'SENSOR', severity: 'HIGH', status: 'REPORTED',
      reportedAt: '2026-03-05T08:00:00Z', description: '楼道电动车充电',
      people: [{ personId: person1, role: 'REPORTER' }, { personId: person2, role: 'INVOLVED' }],
      entities: [{ creditCode, role: 'RESPONSIBLE' }],
    },
    { addressCode: room1, kind: 'DISPUTE', status: 'CLOSED', reportedAt: '2026-02-01T08:00:00Z' },
    { addressCode: room1, kind: 'FIRE_HAZARD', status: 'ASSIGNED', reportedAt: '2026-03-03T08:00:00Z' },
    { addressCode: room2, kind: 'SANITATION', status: 'RESOLVED', reportedAt: '2026-01-10T08:00:00Z' },
    { addressCode: building1, kind: 'SAFETY_HAZARD', status: 'REPORTED', reportedAt: '2026-03-04T08:00:00Z' },
    { addressCode: room3, kind: 'DISPUTE', status: 'REPORTED', reportedAt: '2026-03-02T08:00:00Z' },
    { addressCode: room3, kind: 'TRAFFIC', status: 'CLOSED', reportedAt: '2025-12-01T08:00:00Z' },
  ]);
  (['a', 'b', 'c', 'd', 'e', 'f', 'g'] as const).forEach((name, i) => (ev[name] = ids[i]));
  inserted.push(...ids);
});

afterAll(async () => {
  await deleteEvents(database, inserted);
  await client?.stop();
  await database.close();
});

/** Runs an Address selection for one code through `_entities`, as the gateway does. */
async function atAddress(code: string, selection: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult> {
  const vars = Object.keys(variables).map((name) => `$${name}: ${variableTypes[name]}`).join(', ');
  return client.run(
    `query ($r: [_Any!]!${vars ? `, ${vars}` : ''}) { _entities(representations: $r) { ... on Address { ${selection} } } }`,
    { r: [{ __typename: 'Address', code }], ...variables },
  );
}
const variableTypes: Record<string, string> = {
  status: '[EventStatus!]', kind: '[EventKind!]', severity: '[EventSeverity!]', since: 'DateTime', first: 'Int', after: 'String',
};

/** Ids of an address's events list (up to 500) with the given filters, and its totalCount. */
async function eventIds(code: string, filters: { status?: string[]; kind?: string[]; severity?: string[]; since?: string } = {}) {
  const result = await atAddress(
    code,
    'events(status: $status, kind: $kind, severity: $severity, since: $since, first: 500) { totalCount edges { node { id } } }',
    { status: filters.status ?? null, kind: filters.kind ?? null, severity: filters.severity ?? null, since: filters.since ?? null },
  );
  expect(result.errors).toBeUndefined();
  const events = result.data!._entities[0].events;
  return { ids: events.edges.map((e: { node: { id: string } }) => e.node.id) as string[], totalCount: events.totalCount as number };
}

describe('Query.event / Query.events', () => {
  it('returns an event with its address, people and entities', async () => {
    const result = await client.run(
      `query ($id: ID!) { event(id: $id) {
        id kind source severity status reportedAt resolvedAt description address { code }
        involvedPeople { role personRef } involvedEntities { role entity { creditCode } }
      } }`,
      { id: ev.a },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.event).toEqual({
      id: ev.a, kind: 'FIRE_HAZARD', source: 'SENSOR', severity: 'HIGH', status: 'REPORTED',
      reportedAt: '2026-03-05T08:00:00.000Z', resolvedAt: null, description: '楼道电动车充电',
      address: { code: room1 },
      involvedPeople: [{ role: 'REPORTER', personRef: person1 }, { role: 'INVOLVED', personRef: person2 }],
      involvedEntities: [{ role: 'RESPONSIBLE', entity: { creditCode } }],
    });
  });

  it('gives a resolved event its resolution time', async () => {
    const result = await client.run(`query ($id: ID!) { event(id: $id) { status resolvedAt } }`, { id: ev.d });
    expect(result.data!.event).toEqual({ status: 'RESOLVED', resolvedAt: '2026-01-10T09:00:00.000Z' });
  });

  it('writes instants in UTC with milliseconds, whatever offset and precision they were stored with', async () => {
    const stored = ['2026-03-05T16:00:00.123987+08:00', '2026-03-05T08:00:00Z', '2026-03-05T07:59:59.9999-00:30', '0999-12-31T23:59:59.5Z'];
    const ids = await insertEvents(database, stored.map((reportedAt) => ({ addressCode: roomCode(freshBuildingCode(), '000101'), reportedAt })));
    inserted.push(...ids);
    for (const [i, id] of ids.entries()) {
      const result = await client.run(`query ($id: ID!) { event(id: $id) { reportedAt updatedAt } }`, { id });
      expect(result.errors).toBeUndefined();
      // what a JS Date of the stored instant prints: UTC, milliseconds truncated
      const micros = /\.(\d+)/.exec(stored[i])?.[1] ?? '';
      const truncated = stored[i].replace(/\.\d+/, micros ? `.${micros.slice(0, 3).padEnd(3, '0')}` : '');
      expect(result.data!.event.reportedAt).toBe(new Date(truncated).toISOString());
      expect(result.data!.event.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
  });

  it('answers an unknown id with null and NOT_FOUND', async () => {
    const result = await client.run(`{ event(id: "no-such-event") { id } }`);
    expect(result.data!.event).toBeNull();
    expect(result.errors![0].extensions!.code).toBe('NOT_FOUND');
    expect(result.errors![0].message).toContain('no-such-event');
  });

  it('looks up several events in the order asked, null where unknown', async () => {
    const result = await client.run(`query ($ids: [ID!]!) { events(ids: $ids) { id kind } }`, { ids: [ev.c, 'nope', ev.a] });
    expect(result.errors).toBeUndefined();
    expect(result.data!.events).toEqual([{ id: ev.c, kind: 'FIRE_HAZARD' }, null, { id: ev.a, kind: 'FIRE_HAZARD' }]);
  });

  it('refuses more than 500 ids with BAD_USER_INPUT', async () => {
    const ids = Array.from({ length: 501 }, (_, i) => `id-${i}`);
    const result = await client.run(`query ($ids: [ID!]!) { events(ids: $ids) { id } }`, { ids });
    expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0].message).toMatch(/at most 500 ids, got 501/);
  });
});

describe('Address.events', () => {
  it('lists a room, a building and a community newest first, each rolling up what lies beneath', async () => {
    expect((await eventIds(room1)).ids).toEqual([ev.a, ev.c, ev.b]);
    expect((await eventIds(room2)).ids).toEqual([ev.d]);
    expect((await eventIds(building1)).ids).toEqual([ev.a, ev.e, ev.c, ev.b, ev.d]);
    expect((await eventIds(building2)).ids).toEqual([ev.f, ev.g]);
    expect((await eventIds(community)).ids).toEqual([ev.a, ev.e, ev.c, ev.f, ev.b, ev.d, ev.g]);
  });

  it('keeps totalCount consistent across levels: a community counts what its buildings count', async () => {
    const [c, b1, b2, r1, r2] = await Promise.all([community, building1, building2, room1, room2].map((code) => eventIds(code)));
    expect(c.totalCount).toBe(7);
    expect(c.totalCount).toBe(b1.totalCount + b2.totalCount);
    // building 1 = its two rooms + the event reported at the building itself
    expect(b1.totalCount).toBe(r1.totalCount + r2.totalCount + 1);
  });

  it('filters by a status list', async () => {
    const open = ['REPORTED', 'ASSIGNED'];
    expect(await eventIds(room1, { status: open })).toEqual({ ids: [ev.a, ev.c], totalCount: 2 });
    expect(await eventIds(building1, { status: open })).toEqual({ ids: [ev.a, ev.e, ev.c], totalCount: 3 });
    expect(await eventIds(community, { status: open })).toEqual({ ids: [ev.a, ev.e, ev.c, ev.f], totalCount: 4 });
    expect(await eventIds(community, { status: ['CLOSED'] })).toEqual({ ids: [ev.b, ev.g], totalCount: 2 });
    expect(await eventIds(community, { status: [] })).toEqual({ ids: [], totalCount: 0 });
  });

  it('filters by a kind list', async () => {
    expect(await eventIds(room1, { kind: ['FIRE_HAZARD'] })).toEqual({ ids: [ev.a, ev.c], totalCount: 2 });
    expect(await eventIds(building1, { kind: ['FIRE_HAZARD', 'SANITATION'] })).toEqual({ ids: [ev.a, ev.c, ev.d], totalCount: 3 });
    expect(await eventIds(community, { kind: ['DISPUTE'] })).toEqual({ ids: [ev.f, ev.b], totalCount: 2 });
  });

  it('filters by a severity list, at a room and at the district (the wide statement)', async () => {
    expect(await eventIds(room1, { severity: ['HIGH'] })).toEqual({ ids: [ev.a], totalCount: 1 });
    expect(await eventIds(community, { severity: ['HIGH', 'CRITICAL'] })).toEqual({ ids: [ev.a], totalCount: 1 });
    expect((await eventIds(community, { severity: ['MEDIUM'] })).totalCount).toBe(6);
    const district = await eventIds(community.slice(0, 6), { severity: ['HIGH'], kind: ['FIRE_HAZARD'], since: '2026-03-05T08:00:00Z' });
    expect(district.ids).toContain(ev.a);
    expect(district.totalCount).toBe(district.ids.length);
  });

  it('filters by since, inclusive, whatever the offset the instant is written in', async () => {
    expect(await eventIds(room1, { since: '2026-03-03T00:00:00Z' })).toEqual({ ids: [ev.a, ev.c], totalCount: 2 });
    expect(await eventIds(building1, { since: '2026-03-03T00:00:00Z' })).toEqual({ ids: [ev.a, ev.e, ev.c], totalCount: 3 });
    expect(await eventIds(community, { since: '2026-03-03T00:00:00Z' })).toEqual({ ids: [ev.a, ev.e, ev.c], totalCount: 3 });
    // 16:00 in Shenzhen is event c's own report time, 08:00Z.
    expect((await eventIds(community, { since: '2026-03-03T16:00:00+08:00' })).ids).toEqual([ev.a, ev.e, ev.c]);
  });

  it('combines filters', async () => {
    const result = await eventIds(community, { status: ['REPORTED'], kind: ['DISPUTE', 'SAFETY_HAZARD'], since: '2026-03-01T00:00:00Z' });
    expect(result).toEqual({ ids: [ev.e, ev.f], totalCount: 2 });
  });

  it('accepts a lowercase code and is empty (not an error) where nothing was reported', async () => {
    const empty = await atAddress(freshBuildingCode(), 'code events { totalCount edges { cursor } pageInfo { hasNextPage endCursor } }');
    expect(empty.errors).toBeUndefined();
    expect(empty.data!._entities[0].events).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('rejects a malformed DateTime with a clear message', async () => {
    const result = await atAddress(community, 'events(since: $since) { totalCount }', { since: 'yesterday' });
    expect(result.errors![0].message).toMatch(/Invalid DateTime.*yesterday/);
  });
});

describe('Address.eventStats', () => {
  it('counts a community by status and kind', async () => {
    const result = await atAddress(community, 'eventStats { total open byStatus { status count } byKind { kind count } }');
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities[0].eventStats).toEqual({
      total: 7,
      open: 4,
      byStatus: [
        { status: 'REPORTED', count: 3 },
        { status: 'ASSIGNED', count: 1 },
        { status: 'RESOLVED', count: 1 },
        { status: 'CLOSED', count: 2 },
      ],
      byKind: [
        { kind: 'FIRE_HAZARD', count: 2 },
        { kind: 'DISPUTE', count: 2 },
        { kind: 'SAFETY_HAZARD', count: 1 },
        { kind: 'SANITATION', count: 1 },
        { kind: 'TRAFFIC', count: 1 },
      ],
    });
  });

  it('counts only events since an instant', async () => {
    const result = await atAddress(room1, 'eventStats(since: $since) { total open }', { since: '2026-03-01T00:00:00Z' });
    expect(result.data!._entities[0].eventStats).toEqual({ total: 2, open: 2 });
  });

  // Seeded data (the showcase room and its community) as well as this file's own rows.
  it.each([
    ['the showcase room', SHOWCASE.roomCode],
    ['the showcase building', SHOWCASE.buildingCode],
    ['the showcase community', SHOWCASE.communityCode],
    ['a test community', community],
  ])('agrees with the lists\' totalCount for %s', async (_, code) => {
    const stats = (await atAddress(code, 'eventStats { total open byStatus { status count } byKind { kind count } }')).data!._entities[0].eventStats;
    expect(stats.total).toBe((await eventIds(code)).totalCount);
    expect(stats.open).toBe((await eventIds(code, { status: ['REPORTED', 'ASSIGNED'] })).totalCount);
    for (const { status, count } of stats.byStatus) expect(count, status).toBe((await eventIds(code, { status: [status] })).totalCount);
    for (const { kind, count } of stats.byKind) expect(count, kind).toBe((await eventIds(code, { kind: [kind] })).totalCount);
    expect(stats.byKind.reduce((sum: number, k: { count: number }) => sum + k.count, 0)).toBe(stats.total);
  });

  it('sees the showcase room\'s fire hazard', async () => {
    const { ids } = await eventIds(SHOWCASE.roomCode, { kind: ['FIRE_HAZARD'] });
    expect(ids.length).toBeGreaterThanOrEqual(1);
    const result = await client.run(`query ($id: ID!) { event(id: $id) { kind address { code } } }`, { id: ids[0] });
    expect(result.data!.event).toEqual({ kind: 'FIRE_HAZARD', address: { code: SHOWCASE.roomCode } });
  });
});

describe('pagination', () => {
  const building = freshBuildingCode();
  const ids: string[] = [];
  /** Report times, some tied and some apart by microseconds only (a JS Date keeps milliseconds). */
  const times = [
    '2026-02-02T02:02:02Z', '2026-02-02T02:02:02Z', '2026-02-02T02:02:02Z',
    '2026-02-03T00:00:00.000001Z', '2026-02-03T00:00:00.000002Z', '2026-02-03T00:00:00.000900Z',
    '2026-01-01T00:00:00Z', '2026-02-04T00:00:00Z', '2025-06-30T23:59:59.999Z',
  ];

  beforeAll(async () => {
    ids.push(...(await insertEvents(database, times.map((t, i) => ({ addressCode: roomCode(building, `00010${i}`), reportedAt: t })))));
    inserted.push(...ids);
  });

  async function page(first: number, after: string | null) {
    const result = await atAddress(building, 'events(first: $first, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } }', { first, after });
    expect(result.errors).toBeUndefined();
    return result.data!._entities[0].events;
  }

  it('serves pages that concatenate to the whole list, newest first, without duplicates', async () => {
    // Newest first to the microsecond; equal times by id, descending (byte order, as COLLATE "C").
    const micros = (t: string) => BigInt(Date.parse(t)) * 1000n + BigInt((/\.\d{3}(\d{3})Z$/.exec(t)?.[1]) ?? '0');
    const expected = ids
      .map((id, i) => ({ id, us: micros(times[i]) }))
      .sort((x, y) => (x.us === y.us ? (x.id < y.id ? 1 : -1) : x.us < y.us ? 1 : -1))
      .map((x) => x.id);
    const whole = (await page(500, null)).edges.map((e: { node: { id: string } }) => e.node.id);
    expect(whole).toEqual(expected);

    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const p = await page(2, after);
      expect(p.totalCount).toBe(9);
      seen.push(...p.edges.map((e: { node: { id: string } }) => e.node.id));
      pages++;
      expect(p.pageInfo.endCursor).toBe(p.edges.at(-1)?.cursor ?? null);
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(pages).toBe(5);
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(9);
  });

  it('says there is no next page when the list ends exactly at a page boundary', async () => {
    const first = await page(9, null);
    expect(first.edges).toHaveLength(9);
    expect(first.pageInfo.hasNextPage).toBe(false);
    const empty = await page(0, null);
    expect(empty.edges).toEqual([]);
    expect(empty.pageInfo).toEqual({ hasNextPage: true, endCursor: null });
  });

  it('rejects a malformed cursor with INVALID_CURSOR', async () => {
    for (const after of ['not-a-cursor', encodeCursor(['2026-01-01', 'case-1'], 'Address.events'), encodeCursor([1.5, 'x'], 'Address.events')]) {
      const result = await atAddress(building, 'events(after: $after) { totalCount }', { after });
      expect(result.data!._entities[0].events).toBeNull();
      expect(result.errors![0].extensions!.code, after).toBe('INVALID_CURSOR');
    }
  });

  it('rejects a page larger than 5000 with PAGE_SIZE_EXCEEDED, and a negative one', async () => {
    const big = await atAddress(building, 'events(first: $first) { totalCount }', { first: 5001 });
    expect(big.errors![0].extensions!.code).toBe('PAGE_SIZE_EXCEEDED');
    const negative = await atAddress(building, 'events(first: $first) { totalCount }', { first: -1 });
    expect(negative.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });
});

describe('_entities contract', () => {
  it('resolves Event by id; an unknown or malformed id resolves to null', async () => {
    const result = await client.entities(
      [{ __typename: 'Event', id: ev.f }, { __typename: 'Event', id: 'no-such-event' }, { __typename: 'Event', id: 42 }],
      '... on Event { id kind status address { code } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([{ id: ev.f, kind: 'DISPUTE', status: 'REPORTED', address: { code: room3 } }, null, null]);
  });

  it('resolves Address by code, canonicalizing case and spaces; an invalid code resolves to null', async () => {
    const lettered = `${community}02T0117`;
    inserted.push(...(await insertEvents(database, [{ addressCode: lettered }])));
    const result = await client.entities(
      [
        { __typename: 'Address', code: room3 },
        { __typename: 'Address', code: ` ${lettered.toLowerCase()} ` },
        { __typename: 'Address', code: '44030' },
        { __typename: 'Address', code: 440304 },
      ],
      '... on Address { code events { totalCount } eventStats { total } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      { code: room3, events: { totalCount: 2 }, eventStats: { total: 2 } },
      { code: lettered, events: { totalCount: 1 }, eventStats: { total: 1 } },
      null,
      null,
    ]);
  });
});

describe('batching', () => {
  const selection = `... on Address {
    code
    events(first: 5) { totalCount pageInfo { hasNextPage } edges { node { id address { code }
      involvedPeople { role personRef } involvedEntities { role entity { creditCode } } } } }
    open: events(status: [REPORTED, ASSIGNED], first: 1) { totalCount edges { node { id } } }
    eventStats { total open byStatus { status count } byKind { kind count } }
  }`;

  async function statementsFor(codes: string[]): Promise<number> {
    const before = await dbQueryCount('events');
    const result = await client.entities(codes.map((code) => ({ __typename: 'Address', code })), selection);
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toHaveLength(codes.length);
    return (await dbQueryCount('events')) - before;
  }

  it('resolves events, counts and stats for 20 addresses with as many statements as for 1', async () => {
    const twenty = [community, building1, building2, room1, room2, room3, SHOWCASE.roomCode, SHOWCASE.communityCode];
    while (twenty.length < 20) twenty.push(freshBuildingCode(community));
    // a community and a building: stats read the summaries for one and the base rows for the other
    const one = await statementsFor([community, building1]);
    const many = await statementsFor(twenty);
    // pages, people, entities: one statement each; counts two (the open events' over event_open_idx,
    // the others'), stats two (summaries, base rows), whatever the number of addresses
    expect(one).toBe(7);
    expect(many).toBe(one);
  });
});

describe('indexes', () => {
  /**
   * Runs the repository's own statement under EXPLAIN. Test tables are tiny, so the planner may
   * rightly prefer a sequential scan; with seq scans disabled (SET LOCAL, this transaction only)
   * it must still find the address index, which proves the range predicate can use it.
   */
  async function plan(run: (repository: ReturnType<typeof createEventRepository>) => Promise<unknown>): Promise<string> {
    // the plan of the last statement the call sent
    return (await explainStatements(database, (explaining) => run(createEventRepository(explaining)))).at(-1) ?? '';
  }
  const filter = { code: community, statuses: null, kinds: null, since: null };

  it('scans event_address_idx over the code range for pages, counts and building stats', async () => {
    const pages = await plan((r) => r.eventPages([{ ...filter, first: 20, after: null }]));
    expect(pages).toContain('event_address_idx');
    expect(pages).not.toMatch(/Seq Scan on event\b/);
    expect(await plan((r) => r.eventCounts([filter]))).toContain('event_address_idx');
    // stats: the building's base rows by the address index, the community's summary rows by their key
    expect(await plan((r) => r.eventCountsByStatusAndKind([{ code: building1, since: null }]))).toContain('event_address_idx');
    expect(await plan((r) => r.eventCountsByStatusAndKind([{ code: community, since: null }]))).toContain('event_total_pkey');
  });
});

describe('community scoping', () => {
  // The viewer is confined to this file's made-up community; AWAY is another one.
  const AWAY = freshCommunityCode();
  const awayRoom = roomCode(freshBuildingCode(AWAY), '000101');
  let confined: Awaited<ReturnType<typeof subgraphClient>>;
  let awayEvent: string;

  beforeAll(async () => {
    confined = await subgraphClient(eventsSubgraph, database, { ...SYSTEM, communities: [community] });
    [awayEvent] = await insertEvents(database, [{
      addressCode: awayRoom, status: 'REPORTED',
      people: [{ personId: person1, role: 'WITNESS' }], entities: [{ creditCode, role: 'INVOLVED' }],
    }]);
    inserted.push(awayEvent);
  });
  afterAll(async () => {
    await confined?.stop();
  });

  const SELECTION = '... on Address { code eventStats { total open } events(first: 500) { totalCount edges { node { id address { code } } } } }';
  const at = async (c: Awaited<ReturnType<typeof subgraphClient>>, codes: string[]) => {
    const result = await c.entities(codes.map((code) => ({ __typename: 'Address', code })), SELECTION);
    expect(result.errors).toBeUndefined();
    return result.data!._entities;
  };

  it('lists, counts and summarizes only events under the communities, at any level', async () => {
    const [home, room, district, elsewhere] = await at(confined, [community, room1, community.slice(0, 6), AWAY]);
    const [unconfinedHome, unconfinedRoom, unconfinedAway] = await at(client, [community, room1, AWAY]);
    expect(home).toEqual(unconfinedHome);
    expect(room).toEqual(unconfinedRoom);
    expect(home.eventStats.total).toBeGreaterThanOrEqual(7);
    // the made-up district holds every test's events; the viewer sees their community's only
    expect({ ...district, code: community }).toEqual(unconfinedHome);
    expect(elsewhere).toEqual({ code: AWAY, eventStats: { total: 0, open: 0 }, events: { totalCount: 0, edges: [] } });
    expect(unconfinedAway.eventStats.total).toBe(1);
  });

  it('resolves an event elsewhere to null, by id and through _entities', async () => {
    const result = await confined.entities([{ __typename: 'Event', id: ev.a }, { __typename: 'Event', id: awayEvent }], '... on Event { id involvedPeople { role } }');
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([{ id: ev.a, involvedPeople: [{ role: 'REPORTER' }, { role: 'INVOLVED' }] }, null]);
    const lookup = await confined.run('query ($id: ID!) { event(id: $id) { id } }', { id: awayEvent });
    expect(lookup.data!.event).toBeNull();
    expect(lookup.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const many = await confined.run('query ($ids: [ID!]!) { events(ids: $ids) { id } }', { ids: [awayEvent, ev.a] });
    expect(many.data!.events).toEqual([null, { id: ev.a }]);
  });

  it('reads the people and entities of visible events only', async () => {
    const repository = createEventRepository(database.knex, [community]);
    expect((await repository.peopleOfEvents([awayEvent, ev.a])).map((r) => r.eventId)).toEqual([ev.a, ev.a]);
    expect((await repository.entitiesOfEvents([awayEvent, ev.a])).map((r) => r.eventId)).toEqual([ev.a]);
    expect(await createEventRepository(database.knex, null).peopleOfEvents([awayEvent])).toEqual([{ eventId: awayEvent, personId: person1, role: 'WITNESS' }]);
  });

  it('keeps event_address_idx for confined room, building and district queries', async () => {
    const plans = await explainStatements(database, async (explaining) => {
      const repository = createEventRepository(explaining, [community]);
      const filter = (code: string) => ({ code, statuses: null, kinds: null, since: null });
      await repository.eventPages([{ ...filter(room1), first: 20, after: null }, { ...filter('449900'), first: 20, after: null }]);
      await repository.eventCounts([filter(building1), filter('449900')]);
      await repository.eventCountsByStatusAndKind([{ code: room1, since: null }]);
    });
    // the district key is a statement of its own, for pages and for counts (isWideSubtree)
    expect(plans).toHaveLength(5);
    for (const plan of plans) {
      expect(plan).toContain('event_address_idx');
      expect(plan).not.toMatch(/Seq Scan on event\b/);
    }
  });
});
