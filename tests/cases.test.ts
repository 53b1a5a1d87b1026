/**
 * The cases subgraph against the real fixture database: root lookups, Address.cases and
 * caseStats over a room, a building and a community (mediation outcomes per community),
 * pagination, the `_entities` contract, batching (no N+1) and the index behind the address range
 * queries.
 *
 * Exact counts come from rows this file inserts under fresh made-up codes (tests/support/
 * cases-factories.ts); seeded data (the showcase room) is only checked for consistency.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbQueryCount } from '../lib/metrics.ts';
import { encodeCursor } from '../lib/pagination.ts';
import { SHOWCASE } from '../seeds/showcase.ts';
import { createCaseRepository } from '../subgraphs/cases/repository.ts';
import { SYSTEM } from '../lib/auth/scopes.ts';
import { casesSubgraph } from '../subgraphs/cases/server.ts';
import {
  deleteCases,
  freshBuildingCode,
  freshCommunityCode,
  freshCreditCode,
  insertCases,
  roomCode,
} from './support/cases-factories.ts';
import { openFixture } from './support/databases.ts';
import { explainStatements } from './support/explain.ts';
import { subgraphClient, type GraphQLResult } from './support/subgraph.ts';

const database = openFixture('cases');
let client: Awaited<ReturnType<typeof subgraphClient>>;

// One made-up community with two buildings; building 1 has two rooms and a case of its own.
const community = freshCommunityCode();
const building1 = freshBuildingCode(community);
const building2 = freshBuildingCode(community);
const room1 = roomCode(building1, '001203');
const room2 = roomCode(building1, '000101');
const room3 = roomCode(building2, '000501');
const creditCode = freshCreditCode();

/** Case ids by name, newest first within the community: a e c f b d g. */
const cs: Record<'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g', string> = {} as never;
const inserted: string[] = [];

beforeAll(async () => {
  client = await subgraphClient(casesSubgraph, database);
  const ids = await insertCases(database, [
    {
      addressCode: room1, kind: 'MEDIATION', status: 'CLOSED', outcome: 'MEDIATED', filedOn: '2026-03-05', closedOn: '2026-03-20',
      summary: '租金押金纠纷',
      parties: [{ role: 'APPLICANT', personId: 'test-person-1' }, { role: 'RESPONDENT', creditCode }, { role: 'THIRD_PARTY', personId: 'test-person-0' }],
      eventIds: ['test-event-2', 'test-event-1'],
    },
    { addressCode: room1, kind: 'MEDIATION', status: 'CLOSED', outcome: 'FAILED', filedOn: '2026-02-01' },
    { addressCode: room1, kind: 'LITIGATION', status: 'IN_PROGRESS', filedOn: '2026-03-03' },
    { addressCode: room2, kind: 'PETITION', status: 'FILED', filedOn: '2026-01-10' },
    { addressCode: building1, kind: 'MEDIATION', status: 'ACCEPTED', filedOn: '2026-03-04' },
    { addressCode: room3, kind: 'MEDIATION', status: 'CLOSED', outcome: 'MEDIATED', filedOn: '2026-03-02' },
    { addressCode: room3, kind: 'FINANCIAL', status: 'CLOSED', outcome: 'WITHDRAWN', filedOn: '2025-12-01' },
  ]);
  (['a', 'b', 'c', 'd', 'e', 'f', 'g'] as const).forEach((name, i) => (cs[name] = ids[i]));
  inserted.push(...ids);
});

afterAll(async () => {
  await deleteCases(database, inserted);
  await client?.stop();
  await database.close();
});

const variableTypes: Record<string, string> = {
  status: '[CaseStatus!]', kind: '[CaseKind!]', since: 'Date', first: 'Int', after: 'String',
};

/** Runs an Address selection for one code through `_entities`, as the gateway does. */
async function atAddress(code: string, selection: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult> {
  const vars = Object.keys(variables).map((name) => `$${name}: ${variableTypes[name]}`).join(', ');
  return client.run(
    `query ($r: [_Any!]!${vars ? `, ${vars}` : ''}) { _entities(representations: $r) { ... on Address { ${selection} } } }`,
    { r: [{ __typename: 'Address', code }], ...variables },
  );
}

/** Ids of an address's cases list (up to 500) with the given filters, and its totalCount. */
async function caseIds(code: string, filters: { status?: string[]; kind?: string[]; since?: string } = {}) {
  const result = await atAddress(
    code,
    'cases(status: $status, kind: $kind, since: $since, first: 500) { totalCount edges { node { id } } }',
    { status: filters.status ?? null, kind: filters.kind ?? null, since: filters.since ?? null },
  );
  expect(result.errors).toBeUndefined();
  const cases = result.data!._entities[0].cases;
  return { ids: cases.edges.map((e: { node: { id: string } }) => e.node.id) as string[], totalCount: cases.totalCount as number };
}

const STATS = 'total open byStatus { status count } byKind { kind count } byOutcome { outcome count }';

describe('Query.case / Query.cases', () => {
  it('returns a case with its address, parties in order and related events', async () => {
    const result = await client.run(
      `query ($id: ID!) { case(id: $id) {
        id kind status filedOn closedOn outcome summary address { code }
        parties { role personRef entity { creditCode } } relatedEvents { id }
      } }`,
      { id: cs.a },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.case).toEqual({
      id: cs.a, kind: 'MEDIATION', status: 'CLOSED', filedOn: '2026-03-05', closedOn: '2026-03-20', outcome: 'MEDIATED',
      summary: '租金押金纠纷', address: { code: room1 },
      parties: [
        { role: 'APPLICANT', personRef: 'test-person-1', entity: null },
        { role: 'RESPONDENT', personRef: '', entity: { creditCode } },
        { role: 'THIRD_PARTY', personRef: 'test-person-0', entity: null },
      ],
      relatedEvents: [{ id: 'test-event-1' }, { id: 'test-event-2' }],
    });
  });

  it('shows an open case without closing date or outcome, and with no parties or events', async () => {
    const result = await client.run(`query ($id: ID!) { case(id: $id) { status closedOn outcome parties { role } relatedEvents { id } } }`, { id: cs.c });
    expect(result.data!.case).toEqual({ status: 'IN_PROGRESS', closedOn: null, outcome: null, parties: [], relatedEvents: [] });
  });

  it('answers an unknown id with null and NOT_FOUND', async () => {
    const result = await client.run(`{ case(id: "no-such-case") { id } }`);
    expect(result.data!.case).toBeNull();
    expect(result.errors![0].extensions!.code).toBe('NOT_FOUND');
    expect(result.errors![0].message).toContain('no-such-case');
  });

  it('looks up several cases in the order asked, null where unknown', async () => {
    const result = await client.run(`query ($ids: [ID!]!) { cases(ids: $ids) { id kind } }`, { ids: [cs.g, 'nope', cs.d] });
    expect(result.errors).toBeUndefined();
    expect(result.data!.cases).toEqual([{ id: cs.g, kind: 'FINANCIAL' }, null, { id: cs.d, kind: 'PETITION' }]);
  });

  it('refuses more than 500 ids with BAD_USER_INPUT', async () => {
    const ids = Array.from({ length: 501 }, (_, i) => `id-${i}`);
    const result = await client.run(`query ($ids: [ID!]!) { cases(ids: $ids) { id } }`, { ids });
    expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0].message).toMatch(/at most 500 ids, got 501/);
  });
});

describe('Address.cases', () => {
  it('lists a room, a building and a community newest first, each rolling up what lies beneath', async () => {
    expect((await caseIds(room1)).ids).toEqual([cs.a, cs.c, cs.b]);
    expect((await caseIds(room2)).ids).toEqual([cs.d]);
    expect((await caseIds(building1)).ids).toEqual([cs.a, cs.e, cs.c, cs.b, cs.d]);
    expect((await caseIds(building2)).ids).toEqual([cs.f, cs.g]);
    expect((await caseIds(community)).ids).toEqual([cs.a, cs.e, cs.c, cs.f, cs.b, cs.d, cs.g]);
  });

  it('keeps totalCount consistent across levels: a community counts what its buildings count', async () => {
    const [c, b1, b2, r1, r2] = await Promise.all([community, building1, building2, room1, room2].map((code) => caseIds(code)));
    expect(c.totalCount).toBe(7);
    expect(c.totalCount).toBe(b1.totalCount + b2.totalCount);
    // building 1 = its two rooms + the case filed at the building itself
    expect(b1.totalCount).toBe(r1.totalCount + r2.totalCount + 1);
  });

  it('filters by a status list', async () => {
    const open = ['FILED', 'ACCEPTED', 'IN_PROGRESS'];
    expect(await caseIds(room1, { status: open })).toEqual({ ids: [cs.c], totalCount: 1 });
    expect(await caseIds(building1, { status: open })).toEqual({ ids: [cs.e, cs.c, cs.d], totalCount: 3 });
    expect(await caseIds(community, { status: ['CLOSED'] })).toEqual({ ids: [cs.a, cs.f, cs.b, cs.g], totalCount: 4 });
    expect(await caseIds(community, { status: [] })).toEqual({ ids: [], totalCount: 0 });
  });

  it('filters by a kind list', async () => {
    expect(await caseIds(room1, { kind: ['MEDIATION'] })).toEqual({ ids: [cs.a, cs.b], totalCount: 2 });
    expect(await caseIds(building1, { kind: ['LITIGATION', 'PETITION'] })).toEqual({ ids: [cs.c, cs.d], totalCount: 2 });
    expect(await caseIds(community, { kind: ['MEDIATION'] })).toEqual({ ids: [cs.a, cs.e, cs.f, cs.b], totalCount: 4 });
  });

  it('filters by since, inclusive', async () => {
    expect(await caseIds(room1, { since: '2026-03-03' })).toEqual({ ids: [cs.a, cs.c], totalCount: 2 });
    expect(await caseIds(building1, { since: '2026-03-03' })).toEqual({ ids: [cs.a, cs.e, cs.c], totalCount: 3 });
    expect(await caseIds(community, { since: '2026-03-02' })).toEqual({ ids: [cs.a, cs.e, cs.c, cs.f], totalCount: 4 });
  });

  it('combines filters', async () => {
    const result = await caseIds(community, { status: ['CLOSED'], kind: ['MEDIATION', 'FINANCIAL'], since: '2026-01-01' });
    expect(result).toEqual({ ids: [cs.a, cs.f, cs.b], totalCount: 3 });
  });

  it('is empty (not an error) where no case was filed', async () => {
    const empty = await atAddress(freshBuildingCode(), 'cases { totalCount edges { cursor } pageInfo { hasNextPage endCursor } }');
    expect(empty.errors).toBeUndefined();
    expect(empty.data!._entities[0].cases).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('rejects an impossible date with a clear message', async () => {
    const result = await atAddress(community, 'cases(since: $since) { totalCount }', { since: '2026-02-30' });
    expect(result.errors![0].message).toMatch(/Invalid Date.*2026-02-30/);
  });
});

describe('Address.caseStats', () => {
  it('counts a community by status, kind and outcome', async () => {
    const result = await atAddress(community, `caseStats { ${STATS} }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities[0].caseStats).toEqual({
      total: 7,
      open: 3,
      byStatus: [
        { status: 'FILED', count: 1 },
        { status: 'ACCEPTED', count: 1 },
        { status: 'IN_PROGRESS', count: 1 },
        { status: 'CLOSED', count: 4 },
      ],
      byKind: [
        { kind: 'MEDIATION', count: 4 },
        { kind: 'LITIGATION', count: 1 },
        { kind: 'PETITION', count: 1 },
        { kind: 'FINANCIAL', count: 1 },
      ],
      byOutcome: [
        { outcome: 'MEDIATED', count: 2 },
        { outcome: 'WITHDRAWN', count: 1 },
        { outcome: 'FAILED', count: 1 },
      ],
    });
  });

  it('gives mediation outcomes per community', async () => {
    // A second community in the same request: each gets its own numbers from one batch.
    const other = freshCommunityCode();
    const otherBuilding = freshBuildingCode(other);
    inserted.push(...(await insertCases(database, [
      { addressCode: otherBuilding, kind: 'MEDIATION', status: 'CLOSED', outcome: 'FAILED' },
      { addressCode: otherBuilding, kind: 'MEDIATION', status: 'CLOSED', outcome: 'FAILED' },
      { addressCode: otherBuilding, kind: 'MEDIATION', status: 'CLOSED', outcome: 'MEDIATED' },
      { addressCode: otherBuilding, kind: 'LITIGATION', status: 'CLOSED', outcome: 'JUDGED' },
    ])));
    const result = await client.entities(
      [{ __typename: 'Address', code: community }, { __typename: 'Address', code: other }],
      '... on Address { code caseStats(kind: [MEDIATION]) { total open byOutcome { outcome count } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      { code: community, caseStats: { total: 4, open: 1, byOutcome: [{ outcome: 'MEDIATED', count: 2 }, { outcome: 'FAILED', count: 1 }] } },
      { code: other, caseStats: { total: 3, open: 0, byOutcome: [{ outcome: 'FAILED', count: 2 }, { outcome: 'MEDIATED', count: 1 }] } },
    ]);
  });

  it('counts only cases filed since a date', async () => {
    const result = await atAddress(room1, 'caseStats(since: $since) { total open byOutcome { outcome count } }', { since: '2026-03-01' });
    expect(result.data!._entities[0].caseStats).toEqual({ total: 2, open: 1, byOutcome: [{ outcome: 'MEDIATED', count: 1 }] });
  });

  // Seeded data (the showcase room and its community) as well as this file's own rows.
  it.each([
    ['the showcase room', SHOWCASE.roomCode],
    ['the showcase building', SHOWCASE.buildingCode],
    ['the showcase community', SHOWCASE.communityCode],
    ['a test community', community],
  ])('agrees with the lists\' totalCount for %s', async (_, code) => {
    const stats = (await atAddress(code, `caseStats { ${STATS} }`)).data!._entities[0].caseStats;
    expect(stats.total).toBe((await caseIds(code)).totalCount);
    expect(stats.open).toBe((await caseIds(code, { status: ['FILED', 'ACCEPTED', 'IN_PROGRESS'] })).totalCount);
    for (const { status, count } of stats.byStatus) expect(count, status).toBe((await caseIds(code, { status: [status] })).totalCount);
    for (const { kind, count } of stats.byKind) expect(count, kind).toBe((await caseIds(code, { kind: [kind] })).totalCount);
    const outcomes = stats.byOutcome.reduce((sum: number, o: { count: number }) => sum + o.count, 0);
    expect(outcomes).toBeLessThanOrEqual((await caseIds(code, { status: ['CLOSED'] })).totalCount);

    const mediation = (await atAddress(code, 'caseStats(kind: [MEDIATION]) { total byOutcome { count } }')).data!._entities[0].caseStats;
    expect(mediation.total).toBe((await caseIds(code, { kind: ['MEDIATION'] })).totalCount);
    const mediated = mediation.byOutcome.reduce((sum: number, o: { count: number }) => sum + o.count, 0);
    expect(mediated).toBeLessThanOrEqual((await caseIds(code, { kind: ['MEDIATION'], status: ['CLOSED'] })).totalCount);
  });

  it('sees the showcase room\'s mediation case and the event it arose from', async () => {
    const { ids } = await caseIds(SHOWCASE.roomCode, { kind: ['MEDIATION'] });
    expect(ids.length).toBeGreaterThanOrEqual(1);
    const result = await client.run(`query ($ids: [ID!]!) { cases(ids: $ids) { kind address { code } relatedEvents { id } } }`, { ids });
    expect(result.data!.cases.every((c: { kind: string; address: { code: string } }) => c.kind === 'MEDIATION' && c.address.code === SHOWCASE.roomCode)).toBe(true);
    expect(result.data!.cases.some((c: { relatedEvents: unknown[] }) => c.relatedEvents.length > 0)).toBe(true);
  });
});

describe('pagination', () => {
  const building = freshBuildingCode();
  const ids: string[] = [];
  /** Filing dates, several shared: those are ordered by id, descending. */
  const dates = ['2026-02-02', '2026-02-02', '2026-02-02', '2026-02-03', '2026-02-03', '2026-01-01', '2026-02-04', '2025-06-30', '2026-02-02'];

  beforeAll(async () => {
    ids.push(...(await insertCases(database, dates.map((filedOn, i) => ({ addressCode: roomCode(building, `00010${i}`), filedOn })))));
    inserted.push(...ids);
  });

  async function page(first: number, after: string | null) {
    const result = await atAddress(building, 'cases(first: $first, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } }', { first, after });
    expect(result.errors).toBeUndefined();
    return result.data!._entities[0].cases;
  }

  it('serves pages that concatenate to the whole list, newest first, without duplicates', async () => {
    // Newest filing first; equal dates by id, descending (byte order, as COLLATE "C").
    const expected = ids
      .map((id, i) => ({ id, on: dates[i] }))
      .sort((x, y) => (x.on === y.on ? (x.id < y.id ? 1 : -1) : x.on < y.on ? 1 : -1))
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
    const all = await page(9, null);
    expect(all.edges).toHaveLength(9);
    expect(all.pageInfo.hasNextPage).toBe(false);
    const empty = await page(0, null);
    expect(empty.edges).toEqual([]);
    expect(empty.pageInfo).toEqual({ hasNextPage: true, endCursor: null });
  });

  it('rejects a malformed cursor with INVALID_CURSOR', async () => {
    for (const after of ['not-a-cursor', encodeCursor([1772352000000000, 'ev-1'], 'Address.cases'), encodeCursor(['March 3rd', 'x'], 'Address.cases')]) {
      const result = await atAddress(building, 'cases(after: $after) { totalCount }', { after });
      expect(result.data!._entities[0].cases).toBeNull();
      expect(result.errors![0].extensions!.code, after).toBe('INVALID_CURSOR');
    }
  });

  it('rejects a page larger than 5000 with PAGE_SIZE_EXCEEDED, and a negative one', async () => {
    const big = await atAddress(building, 'cases(first: $first) { totalCount }', { first: 5001 });
    expect(big.errors![0].extensions!.code).toBe('PAGE_SIZE_EXCEEDED');
    const negative = await atAddress(building, 'cases(first: $first) { totalCount }', { first: -1 });
    expect(negative.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });
});

describe('_entities contract', () => {
  it('resolves Case by id; an unknown or malformed id resolves to null', async () => {
    const result = await client.entities(
      [{ __typename: 'Case', id: cs.f }, { __typename: 'Case', id: 'no-such-case' }, { __typename: 'Case', id: 42 }],
      '... on Case { id kind outcome address { code } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([{ id: cs.f, kind: 'MEDIATION', outcome: 'MEDIATED', address: { code: room3 } }, null, null]);
  });

  it('resolves Address by code, canonicalizing case and spaces; an invalid code resolves to null', async () => {
    const lettered = `${community}02T0117`;
    inserted.push(...(await insertCases(database, [{ addressCode: lettered }])));
    const result = await client.entities(
      [
        { __typename: 'Address', code: room3 },
        { __typename: 'Address', code: ` ${lettered.toLowerCase()} ` },
        { __typename: 'Address', code: '44030' },
        { __typename: 'Address', code: 440304 },
      ],
      '... on Address { code cases { totalCount } caseStats { total } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      { code: room3, cases: { totalCount: 2 }, caseStats: { total: 2 } },
      { code: lettered, cases: { totalCount: 1 }, caseStats: { total: 1 } },
      null,
      null,
    ]);
  });
});

describe('batching', () => {
  const selection = `... on Address {
    code
    cases(first: 5) { totalCount pageInfo { hasNextPage } edges { node { id address { code }
      parties { role personRef entity { creditCode } } relatedEvents { id } } } }
    open: cases(status: [FILED, ACCEPTED, IN_PROGRESS], first: 1) { totalCount edges { node { id } } }
    caseStats { ${STATS} }
    mediation: caseStats(kind: [MEDIATION]) { byOutcome { outcome count } }
  }`;

  async function statementsFor(codes: string[]): Promise<number> {
    const before = await dbQueryCount('cases');
    const result = await client.entities(codes.map((code) => ({ __typename: 'Address', code })), selection);
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toHaveLength(codes.length);
    return (await dbQueryCount('cases')) - before;
  }

  it('resolves cases, counts and stats for 20 addresses with as many statements as for 1', async () => {
    const twenty = [community, building1, building2, room1, room2, room3, SHOWCASE.roomCode, SHOWCASE.communityCode];
    while (twenty.length < 20) twenty.push(freshBuildingCode(community));
    // a community and a building: stats read the summaries for one and the base rows for the other
    const one = await statementsFor([community, building1]);
    const many = await statementsFor(twenty);
    // pages, counts, parties, related events: one statement each, stats two (summaries, base rows), whatever the number of addresses
    expect(one).toBe(6);
    expect(many).toBe(one);
  });
});

describe('indexes', () => {
  /**
   * Runs the repository's own statement under EXPLAIN. Test tables are tiny, so the planner may
   * rightly prefer a sequential scan; with seq scans disabled (SET LOCAL, this transaction only)
   * it must still find the address index, which proves the range predicate can use it.
   */
  async function plan(run: (repository: ReturnType<typeof createCaseRepository>) => Promise<unknown>): Promise<string> {
    // the plan of the last statement the call sent
    return (await explainStatements(database, (explaining) => run(createCaseRepository(explaining)))).at(-1) ?? '';
  }
  const filter = { code: community, statuses: null, kinds: null, since: null };

  it('scans legal_case_address_idx over the code range for pages, counts and building stats', async () => {
    const pages = await plan((r) => r.casePages([{ ...filter, first: 20, after: null }]));
    expect(pages).toContain('legal_case_address_idx');
    expect(pages).not.toMatch(/Seq Scan on legal_case\b/);
    expect(await plan((r) => r.caseCounts([filter]))).toContain('legal_case_address_idx');
    // stats: the building's base rows by the address index, the community's summary rows by their key
    expect(await plan((r) => r.caseCountsByStatusKindOutcome([{ code: building1, kinds: ['MEDIATION'], since: null }]))).toContain('legal_case_address_idx');
    expect(await plan((r) => r.caseCountsByStatusKindOutcome([{ code: community, kinds: ['MEDIATION'], since: null }]))).toContain('case_total_pkey');
  });
});

describe('community scoping', () => {
  // The viewer is confined to this file's made-up community; AWAY is another one.
  const AWAY = freshCommunityCode();
  const awayRoom = roomCode(freshBuildingCode(AWAY), '000101');
  let confined: Awaited<ReturnType<typeof subgraphClient>>;
  let awayCase: string;
  let homeCase: string;

  beforeAll(async () => {
    confined = await subgraphClient(casesSubgraph, database, { ...SYSTEM, communities: [community] });
    [awayCase, homeCase] = await insertCases(database, [
      { addressCode: awayRoom, parties: [{ role: 'APPLICANT', personId: 'test-scoping-person' }], eventIds: ['test-scoping-event'] },
      { addressCode: room3, filedOn: '2020-01-01', parties: [{ role: 'APPLICANT', creditCode }], eventIds: ['test-scoping-event'] },
    ]);
    inserted.push(awayCase, homeCase);
  });
  afterAll(async () => {
    await confined?.stop();
  });

  const SELECTION = '... on Address { code caseStats { total open } cases(first: 500) { totalCount edges { node { id address { code } } } } }';
  const at = async (c: Awaited<ReturnType<typeof subgraphClient>>, codes: string[]) => {
    const result = await c.entities(codes.map((code) => ({ __typename: 'Address', code })), SELECTION);
    expect(result.errors).toBeUndefined();
    return result.data!._entities;
  };

  it('lists, counts and summarizes only cases under the communities, at any level', async () => {
    const [home, room, district, elsewhere] = await at(confined, [community, room1, community.slice(0, 6), AWAY]);
    const [unconfinedHome, unconfinedRoom, unconfinedAway] = await at(client, [community, room1, AWAY]);
    expect(home).toEqual(unconfinedHome);
    expect(room).toEqual(unconfinedRoom);
    expect(home.caseStats.total).toBeGreaterThan(0);
    // the made-up district holds every test's cases; the viewer sees their community's only
    expect({ ...district, code: community }).toEqual(unconfinedHome);
    expect(elsewhere).toEqual({ code: AWAY, caseStats: { total: 0, open: 0 }, cases: { totalCount: 0, edges: [] } });
    expect(unconfinedAway.caseStats.total).toBe(1);
  });

  it('resolves a case elsewhere to null, by id and through _entities', async () => {
    const result = await confined.entities([{ __typename: 'Case', id: homeCase }, { __typename: 'Case', id: awayCase }], '... on Case { id parties { role } relatedEvents { id } }');
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([{ id: homeCase, parties: [{ role: 'APPLICANT' }], relatedEvents: [{ id: 'test-scoping-event' }] }, null]);
    const lookup = await confined.run('query ($id: ID!) { case(id: $id) { id } }', { id: awayCase });
    expect(lookup.data!.case).toBeNull();
    expect(lookup.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const many = await confined.run('query ($ids: [ID!]!) { cases(ids: $ids) { id } }', { ids: [awayCase, homeCase] });
    expect(many.data!.cases).toEqual([null, { id: homeCase }]);
  });

  it('reads the parties and events of visible cases only', async () => {
    const repository = createCaseRepository(database.knex, [community]);
    expect((await repository.partiesOfCases([awayCase, homeCase])).map((r) => r.caseId)).toEqual([homeCase]);
    expect((await repository.eventsOfCases([awayCase, homeCase])).map((r) => r.caseId)).toEqual([homeCase]);
    expect(await createCaseRepository(database.knex, null).eventsOfCases([awayCase])).toEqual([{ caseId: awayCase, eventId: 'test-scoping-event' }]);
  });

  it('keeps legal_case_address_idx for confined room, building and district queries', async () => {
    const plans = await explainStatements(database, async (explaining) => {
      const repository = createCaseRepository(explaining, [community]);
      const filter = (code: string) => ({ code, statuses: null, kinds: null, since: null });
      await repository.casePages([{ ...filter(room1), first: 20, after: null }, { ...filter('449900'), first: 20, after: null }]);
      await repository.caseCounts([filter(building1), filter('449900')]);
      await repository.caseCountsByStatusKindOutcome([{ code: room1, kinds: null, since: null }]);
    });
    // the district key is a statement of its own, for pages and for counts (isWideSubtree)
    expect(plans).toHaveLength(5);
    for (const plan of plans) {
      expect(plan).toContain('legal_case_address_idx');
      expect(plan).not.toMatch(/Seq Scan on legal_case\b/);
    }
  });
});
