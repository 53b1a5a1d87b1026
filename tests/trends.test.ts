/**
 * Address.eventTrend and Address.caseTrend (issue 12) against the fixture database: counts per
 * day, week and month at room and building level (base rows) and at grid, community and district
 * level (the daily summaries), the local day of an event reported just after midnight, kind
 * filters, community scoping, and the window's checks. Rows are made under fresh codes in 2031,
 * a year no other test writes, so the district's buckets hold only this file's rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../lib/auth/scopes.ts';
import { bucketStarts } from '../lib/summaries.ts';
import { casesSubgraph } from '../subgraphs/cases/server.ts';
import { eventsSubgraph } from '../subgraphs/events/server.ts';
import { openFixture } from './support/databases.ts';
import { deleteCases, insertCases } from './support/cases-factories.ts';
import { deleteEvents, freshBuildingCode, freshCommunityCode, insertEvents, roomCode } from './support/events-factories.ts';
import { subgraphClient } from './support/subgraph.ts';

const events = openFixture('events');
const cases = openFixture('cases');
let eventsClient: Awaited<ReturnType<typeof subgraphClient>>;
let casesClient: Awaited<ReturnType<typeof subgraphClient>>;
let confinedEvents: Awaited<ReturnType<typeof subgraphClient>>;
let confinedCases: Awaited<ReturnType<typeof subgraphClient>>;

const community = freshCommunityCode();
const otherCommunity = freshCommunityCode();
const building = freshBuildingCode(community);
const grid = building.slice(0, 14);
const room1 = roomCode(building, '000301');
const room2 = roomCode(building, '000302');
const otherRoom = roomCode(freshBuildingCode(otherCommunity), '000101');
const DISTRICT = community.slice(0, 6);
const eventIds: string[] = [];
const caseIds: string[] = [];

beforeAll(async () => {
  eventsClient = await subgraphClient(eventsSubgraph, events);
  casesClient = await subgraphClient(casesSubgraph, cases);
  confinedEvents = await subgraphClient(eventsSubgraph, events, { ...SYSTEM, communities: [community] });
  confinedCases = await subgraphClient(casesSubgraph, cases, { ...SYSTEM, communities: [community] });
  eventIds.push(...await insertEvents(events, [
    { addressCode: room1, kind: 'FIRE_HAZARD', reportedAt: '2031-03-03T10:00:00+08:00' }, // Monday
    // 16:30 on 3 March in UTC, 00:30 on 4 March in China Standard Time: counted on the 4th
    { addressCode: room1, kind: 'FIRE_HAZARD', reportedAt: '2031-03-04T00:30:00+08:00' },
    { addressCode: room2, kind: 'DISPUTE', reportedAt: '2031-03-09T23:59:00+08:00', status: 'CLOSED' }, // Sunday
    { addressCode: building, kind: 'SAFETY_HAZARD', reportedAt: '2031-03-10T09:00:00+08:00' },
    { addressCode: room1, kind: 'FIRE_HAZARD', reportedAt: '2031-04-01T09:00:00+08:00' },
    { addressCode: otherRoom, kind: 'FIRE_HAZARD', reportedAt: '2031-03-03T12:00:00+08:00' },
  ]));
  caseIds.push(...await insertCases(cases, [
    { addressCode: room1, kind: 'MEDIATION', filedOn: '2031-03-03' },
    { addressCode: room2, kind: 'MEDIATION', filedOn: '2031-03-09', status: 'CLOSED', outcome: 'MEDIATED' },
    { addressCode: building, kind: 'PETITION', filedOn: '2031-03-10' },
    { addressCode: otherRoom, kind: 'MEDIATION', filedOn: '2031-03-04' },
  ]));
});

afterAll(async () => {
  await deleteEvents(events, eventIds);
  await deleteCases(cases, caseIds);
  for (const c of [eventsClient, casesClient, confinedEvents, confinedCases]) await c?.stop();
  await events.close();
  await cases.close();
});

type Point = { start: string; count: number };
/** The trend's counts by bucket start, zeros left out (the field lists every bucket). */
const nonZero = (points: Point[]) => Object.fromEntries(points.filter((p) => p.count > 0).map((p) => [p.start, p.count]));

async function trend(client: typeof eventsClient, field: 'eventTrend' | 'caseTrend', code: string, args: string): Promise<Point[]> {
  const result = await client.run(`{ _entities(representations: [{ __typename: "Address", code: "${code}" }]) {
    ... on Address { ${field}(${args}) { total points { start count } } } } }`);
  expect(result.errors).toBeUndefined();
  const { total, points } = result.data!._entities[0][field];
  expect(total).toBe(points.reduce((sum: number, p: Point) => sum + p.count, 0));
  return points;
}

describe('Address.eventTrend', () => {
  it('counts per day at a community (summaries), every day of the window listed, the local day of a late report', async () => {
    const points = await trend(eventsClient, 'eventTrend', community, 'from: "2031-03-03", to: "2031-03-10", bucket: DAY');
    expect(points).toEqual([
      { start: '2031-03-03', count: 1 }, { start: '2031-03-04', count: 1 }, { start: '2031-03-05', count: 0 }, { start: '2031-03-06', count: 0 },
      { start: '2031-03-07', count: 0 }, { start: '2031-03-08', count: 0 }, { start: '2031-03-09', count: 1 }, { start: '2031-03-10', count: 1 },
    ]);
  });

  it('counts per week (Monday to Sunday) and per month, the same at grid and community level', async () => {
    for (const code of [community, grid]) {
      const weeks = await trend(eventsClient, 'eventTrend', code, 'from: "2031-03-01", to: "2031-04-01", bucket: WEEK');
      expect(weeks.map((p) => p.start)).toEqual(['2031-02-24', '2031-03-03', '2031-03-10', '2031-03-17', '2031-03-24', '2031-03-31']);
      expect(weeks.map((p) => p.count)).toEqual([0, 3, 1, 0, 0, 1]);
      expect(await trend(eventsClient, 'eventTrend', code, 'from: "2031-02-15", to: "2031-04-30", bucket: MONTH')).toEqual([
        { start: '2031-02-01', count: 0 }, { start: '2031-03-01', count: 4 }, { start: '2031-04-01', count: 1 },
      ]);
    }
  });

  it('reads base rows at building and room level with the same buckets', async () => {
    expect(nonZero(await trend(eventsClient, 'eventTrend', room1, 'from: "2031-03-03", to: "2031-03-04"'))).toEqual({ '2031-03-03': 1, '2031-03-04': 1 });
    expect(nonZero(await trend(eventsClient, 'eventTrend', building, 'from: "2031-03-03", to: "2031-03-16", bucket: WEEK')))
      .toEqual({ '2031-03-03': 3, '2031-03-10': 1 });
    expect(nonZero(await trend(eventsClient, 'eventTrend', building, 'from: "2031-03-01", to: "2031-04-30", bucket: MONTH', )))
      .toEqual({ '2031-03-01': 4, '2031-04-01': 1 });
  });

  it('filters by kind, and counts only the days inside the window in its first and last buckets', async () => {
    expect(nonZero(await trend(eventsClient, 'eventTrend', community, 'kind: [FIRE_HAZARD], from: "2031-03-01", to: "2031-04-30", bucket: MONTH')))
      .toEqual({ '2031-03-01': 2, '2031-04-01': 1 });
    expect(nonZero(await trend(eventsClient, 'eventTrend', community, 'from: "2031-03-04", to: "2031-03-09", bucket: WEEK'))).toEqual({ '2031-03-03': 2 });
  });

  it('sums the communities of the district, and only the viewer\'s communities when confined', async () => {
    expect(nonZero(await trend(eventsClient, 'eventTrend', DISTRICT, 'from: "2031-03-01", to: "2031-03-31", bucket: MONTH'))).toEqual({ '2031-03-01': 5 });
    expect(nonZero(await trend(confinedEvents, 'eventTrend', DISTRICT, 'from: "2031-03-01", to: "2031-03-31", bucket: MONTH'))).toEqual({ '2031-03-01': 4 });
    expect(nonZero(await trend(confinedEvents, 'eventTrend', otherCommunity, 'from: "2031-03-01", to: "2031-03-31", bucket: MONTH'))).toEqual({});
    expect(nonZero(await trend(confinedEvents, 'eventTrend', otherRoom, 'from: "2031-03-01", to: "2031-03-31", bucket: MONTH'))).toEqual({});
  });

  it('answers eventStats at the community and the district from the summaries, as the base rows would', async () => {
    const result = await eventsClient.run(`{ _entities(representations: [{ __typename: "Address", code: "${community}" }, { __typename: "Address", code: "${building}" }]) {
      ... on Address { eventStats { total open byKind { kind count } } } } }`);
    const [atCommunity, atBuilding] = result.data!._entities.map((a: { eventStats: unknown }) => a.eventStats);
    expect(atCommunity).toEqual(atBuilding);
    expect(atCommunity).toEqual({ total: 5, open: 4, byKind: [{ kind: 'FIRE_HAZARD', count: 3 }, { kind: 'SAFETY_HAZARD', count: 1 }, { kind: 'DISPUTE', count: 1 }] });
  });

  it('refuses a window that ends before it starts, or one of too many buckets, naming the argument', async () => {
    const reversed = await eventsClient.run(`{ _entities(representations: [{ __typename: "Address", code: "${community}" }]) {
      ... on Address { eventTrend(from: "2031-03-10", to: "2031-03-01") { total } } } }`);
    expect(reversed.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'to' } });
    const huge = await eventsClient.run(`{ _entities(representations: [{ __typename: "Address", code: "${community}" }]) {
      ... on Address { eventTrend(from: "2001-01-01", to: "2031-03-01", bucket: DAY) { total } } } }`);
    expect(huge.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'from' } });
  });
});

describe('Address.caseTrend', () => {
  it('counts cases filed per day, week and month at every level, kind-filtered and community-scoped', async () => {
    expect(nonZero(await trend(casesClient, 'caseTrend', community, 'from: "2031-03-01", to: "2031-03-31", bucket: WEEK'))).toEqual({ '2031-03-03': 2, '2031-03-10': 1 });
    expect(nonZero(await trend(casesClient, 'caseTrend', room2, 'from: "2031-03-01", to: "2031-03-31"'))).toEqual({ '2031-03-09': 1 });
    expect(nonZero(await trend(casesClient, 'caseTrend', building, 'kind: [MEDIATION], from: "2031-03-01", to: "2031-03-31", bucket: MONTH'))).toEqual({ '2031-03-01': 2 });
    expect(nonZero(await trend(casesClient, 'caseTrend', DISTRICT, 'kind: [MEDIATION], from: "2031-03-01", to: "2031-03-31", bucket: MONTH'))).toEqual({ '2031-03-01': 3 });
    expect(nonZero(await trend(confinedCases, 'caseTrend', DISTRICT, 'kind: [MEDIATION], from: "2031-03-01", to: "2031-03-31", bucket: MONTH'))).toEqual({ '2031-03-01': 2 });
    const days = await trend(casesClient, 'caseTrend', grid, 'from: "2031-03-03", to: "2031-03-10"');
    expect(days.map((p) => p.start)).toEqual(bucketStarts('2031-03-03', '2031-03-10', 'DAY'));
  });

  it('answers caseStats with `since` from the day rows, as the base rows would', async () => {
    const result = await casesClient.run(`{ _entities(representations: [{ __typename: "Address", code: "${community}" }, { __typename: "Address", code: "${building}" }]) {
      ... on Address { caseStats(since: "2031-03-04") { total open byKind { kind count } byOutcome { outcome count } } } } }`);
    const [atCommunity, atBuilding] = result.data!._entities.map((a: { caseStats: unknown }) => a.caseStats);
    expect(atCommunity).toEqual(atBuilding);
    expect(atCommunity).toEqual({ total: 2, open: 1, byKind: [{ kind: 'MEDIATION', count: 1 }, { kind: 'PETITION', count: 1 }], byOutcome: [{ outcome: 'MEDIATED', count: 1 }] });
  });
});

describe('Address.eventStats(since) above building level', () => {
  it('adds the base rows of the partial first day to the whole days of the summaries, exact to the instant', async () => {
    // instants inside a local day, at a local midnight, and just after a report
    for (const since of ['2031-03-03T11:00:00+08:00', '2031-03-04T00:00:00+08:00', '2031-03-04T00:30:00.000001+08:00', '2031-03-09T23:59:00+08:00']) {
      const result = await eventsClient.run(`{ _entities(representations: [{ __typename: "Address", code: "${community}" }, { __typename: "Address", code: "${grid}" }, { __typename: "Address", code: "${building}" }]) {
        ... on Address { eventStats(since: "${since}") { total open byStatus { status count } byKind { kind count } } } } }`);
      expect(result.errors).toBeUndefined();
      const [atCommunity, atGrid, atBuilding] = result.data!._entities.map((a: { eventStats: unknown }) => a.eventStats);
      expect(atCommunity, since).toEqual(atBuilding);
      expect(atGrid, since).toEqual(atBuilding);
    }
    const totals = async (since: string) => (await eventsClient.run(`{ _entities(representations: [{ __typename: "Address", code: "${community}" }]) {
      ... on Address { eventStats(since: "${since}") { total } } } }`)).data!._entities[0].eventStats.total;
    expect(await totals('2031-03-03T11:00:00+08:00')).toBe(4);
    expect(await totals('2031-03-04T00:30:00+08:00')).toBe(4);
    expect(await totals('2031-03-04T00:30:01+08:00')).toBe(3);
    expect(await totals('2031-03-09T23:59:00+08:00')).toBe(3);
  });
});
