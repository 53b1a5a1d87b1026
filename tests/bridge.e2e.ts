/**
 * The district-level pages the BI bridge runs, through the gateway with first: 5000, as its
 * operations are written: every event (more than one page), every case with its parties, every
 * legal entity, person and residence, and the registry with each address's community. Each list
 * is paged to the end and compared with what was inserted; the gateway's cost estimate admits each
 * operation under MAX_QUERY_COST.
 *
 * The rows live under a made-up district of this file's own (tests/support/bridge.ts), with
 * registry rows, so `address(code)` resolves it and its lists hold exactly these rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_DISTRICTS } from './support/bridge.ts';
import { freshCreditCode } from './support/cases-factories.ts';
import { insertLegalEntity } from './support/entities-factories.ts';
import { insertEvents } from './support/events-factories.ts';
import { insertCases } from './support/cases-factories.ts';
import { insertPerson, insertResidence } from './support/people-factories.ts';
import { startTestSystem, type TestSystem } from './support/system.ts';

let t: TestSystem;

const district = BRIDGE_DISTRICTS.e2e;
const subdistrict = `${district}001`;
const community = `${subdistrict}001`;
const grid = `${community}01`;
const building = `${grid}00001`;
const rooms = ['000101', '000102', '000201'].map((r) => building + r);
const EVENTS = 5003;

const registryCodes = [district, subdistrict, community, grid, building, ...rooms];
const eventIds: string[] = [];
const caseIds: string[] = [];
const creditCodes: string[] = [];
const personIds: string[] = [];
const residenceIds: string[] = [];

beforeAll(async () => {
  // On PGlite the five subgraphs, the gateway and the database share one thread, and a page of
  // 5000 events with ten fields each takes some seconds there: more than the test system's 5 s
  // subgraph timeout (tests/support/system.ts), which is about failing fast, not about this.
  t = await startTestSystem({ subgraphTimeoutMs: 30_000, limits: { requestTimeoutMs: 60_000 } });
  const { buildings, events, cases, entities, people } = t.databases;
  const level = ['DISTRICT', 'SUBDISTRICT', 'COMMUNITY', 'GRID', 'BUILDING', 'ROOM', 'ROOM', 'ROOM'];
  const names = ['试验区', '一街道', '一社区', '第01网格', '1栋', '101房', '102房', '201房'];
  await buildings.knex('buildings.address').insert(registryCodes.map((code, i) => ({
    code, level: level[i], parent_code: i === 0 ? null : i < 5 ? registryCodes[i - 1] : building,
    name: names[i], full_name: `广东省深圳市${names.slice(0, i + 1).join('')}`, search_text: names[i],
  })));
  const base = Date.parse('2025-01-01T00:00:00Z');
  for (let start = 0; start < EVENTS; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, EVENTS - start) }, (_, i) => ({
      addressCode: rooms[(start + i) % 3],
      // every second pair shares its instant, so the id breaks ties across page boundaries too
      reportedAt: new Date(base + Math.floor((start + i) / 2) * 60_000).toISOString(),
    }));
    eventIds.push(...(await insertEvents(events, batch)));
  }
  for (let i = 0; i < 3; i++) creditCodes.push((await insertLegalEntity(entities, { registeredAddressCode: rooms[i] })).creditCode);
  for (let i = 0; i < 4; i++) {
    const person = await insertPerson(people);
    personIds.push(person.id);
    residenceIds.push(String((await insertResidence(people, { personId: person.id, addressCode: rooms[i % 3] })).id));
  }
  caseIds.push(...(await insertCases(cases, [
    { addressCode: rooms[0], filedOn: '2026-01-02', parties: [{ role: 'APPLICANT', personId: personIds[0] }, { role: 'RESPONDENT', creditCode: creditCodes[0] }] },
    { addressCode: rooms[1], filedOn: '2026-01-01', parties: [{ role: 'APPLICANT', creditCode: freshCreditCode() }] },
  ])));
});

afterAll(async () => {
  if (t) {
    const { buildings, events, cases, entities, people } = t.databases;
    await events.knex('events.event').whereIn('id', eventIds).delete();
    await cases.knex('cases.legal_case').whereIn('id', caseIds).delete();
    await entities.knex('entities.legal_entity').whereIn('credit_code', creditCodes).delete();
    await people.knex('people.residence').whereIn('person_id', personIds).delete();
    await people.knex('people.person').whereIn('id', personIds).delete();
    await buildings.knex('buildings.address').where('code', 'like', `${district}%`).delete();
  }
  await t?.stop();
});

/**
 * Runs a list operation page after page (`$after` from the last endCursor) until hasNextPage is
 * false; `list` picks the connection out of `data`. Returns the nodes, page count, totalCount of
 * the first page and the largest estimated cost the gateway reported.
 */
async function pageThrough(operation: string, list: (data: any) => any) {
  const nodes: any[] = [];
  let after: string | null = null;
  let cost = 0;
  let totalCount: number | undefined;
  for (let pages = 1; ; pages++) {
    const result = await t.query(operation, { code: district, after });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    cost = Math.max(cost, (result as { extensions?: { cost?: { estimated: number } } }).extensions?.cost?.estimated ?? 0);
    const connection = list(result.data);
    totalCount ??= connection.totalCount;
    nodes.push(...connection.edges.map((e: { node: unknown }) => e.node));
    if (!connection.pageInfo.hasNextPage) return { nodes, pages, totalCount, cost };
    after = connection.pageInfo.endCursor;
  }
}

describe('the BI bridge through the gateway', () => {
  it('pages every event of the district 5000 at a time, newest first, nothing twice or missing', async () => {
    const { nodes, pages, totalCount, cost } = await pageThrough(`query BridgeEvents($code: AddressCode!, $after: String) {
      address(code: $code) { events(first: 5000, after: $after) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { node { id kind source severity status reportedAt resolvedAt updatedAt address { code } } }
      } } }`, (data) => data.address.events);
    expect(pages).toBe(2);
    expect(totalCount).toBe(EVENTS);
    expect(nodes).toHaveLength(EVENTS);
    expect(new Set(nodes.map((n) => n.id))).toEqual(new Set(eventIds));
    const keys = nodes.map((n) => [n.reportedAt, n.id] as const);
    for (let i = 1; i < keys.length; i++) {
      const [at, id] = keys[i];
      const [prevAt, prevId] = keys[i - 1];
      expect(at < prevAt || (at === prevAt && id < prevId), `row ${i}`).toBe(true);
    }
    expect(cost).toBeGreaterThan(5000);
    expect(cost).toBeLessThanOrEqual(100_000);
  });

  it('pages cases with their parties flattened: role and a person or an entity credit code', async () => {
    const { nodes, cost } = await pageThrough(`query BridgeCases($code: AddressCode!, $after: String) {
      address(code: $code) { cases(first: 5000, after: $after) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { node { id kind status filedOn closedOn outcome updatedAt address { code } parties { role person { id } entity { creditCode } } } }
      } } }`, (data) => data.address.cases);
    expect(nodes.map((n) => n.id)).toEqual(caseIds);
    expect(nodes[0].parties).toEqual([
      { role: 'APPLICANT', person: { id: personIds[0] }, entity: null },
      { role: 'RESPONDENT', person: null, entity: { creditCode: creditCodes[0] } },
    ]);
    expect(nodes[1].parties[0].entity.creditCode).toMatch(/^[0-9A-Z]{18}$/);
    expect(cost).toBeLessThanOrEqual(100_000);
  });

  it('pages entities, people and residences of the district, and the registry with each address\'s community', async () => {
    const entities = await pageThrough(`query BridgeEntities($code: AddressCode!, $after: String) {
      address(code: $code) { entities(first: 5000, after: $after) { totalCount pageInfo { hasNextPage endCursor }
        edges { node { creditCode name kind status updatedAt registeredAddress { code } } } } } }`, (data) => data.address.entities);
    expect(entities.nodes.map((n) => n.creditCode).sort()).toEqual([...creditCodes].sort());
    const people = await pageThrough(`query BridgePeople($code: AddressCode!, $after: String) {
      address(code: $code) { people(first: 5000, after: $after) { totalCount pageInfo { hasNextPage endCursor }
        edges { node { id name gender birthYear householdType updatedAt } } } } }`, (data) => data.address.people);
    expect(people.nodes.map((n) => n.id)).toEqual([...personIds].sort((a, b) => (a < b ? -1 : 1)));
    const residences = await pageThrough(`query BridgeResidences($code: AddressCode!, $after: String) {
      address(code: $code) { residences(first: 5000, after: $after) { totalCount pageInfo { hasNextPage endCursor }
        edges { node { id relation sinceYear until current updatedAt person { id } address { code } } } } } }`, (data) => data.address.residences);
    expect(residences.nodes.map((n) => n.id).sort()).toEqual([...residenceIds].sort());
    expect(residences.totalCount).toBe(4);
    const registry = await pageThrough(`query BridgeRegistry($code: AddressCode!, $after: String) {
      addressesUnder(code: $code, first: 5000, after: $after) { totalCount pageInfo { hasNextPage endCursor }
        edges { node { code level name parent { code } ancestor(level: COMMUNITY) { code name } } } } }`, (data) => data.addressesUnder);
    expect(registry.nodes.map((n) => n.code)).toEqual(registryCodes);
    expect(registry.nodes.map((n) => n.ancestor?.code ?? null)).toEqual([null, null, community, community, community, community, community, community]);
    for (const list of [entities, people, residences, registry]) expect(list.cost).toBeLessThanOrEqual(100_000);
  });

  it('refreshes incrementally: updatedSince returns only what changed since', async () => {
    const since = new Date(Date.now() + 1).toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await t.databases.events.knex('events.event').whereIn('id', eventIds.slice(0, 3)).update({ status: 'CLOSED', resolved_at: new Date('2026-06-01T00:00:00Z') });
    const changed = await pageThrough(`query BridgeEventsSince($code: AddressCode!, $after: String, $since: DateTime = "${since}") {
      address(code: $code) { events(first: 5000, after: $after, updatedSince: $since) { totalCount pageInfo { hasNextPage endCursor } edges { node { id status } } } } }`,
    (data) => data.address.events);
    expect(changed.nodes.map((n) => n.id).sort()).toEqual(eventIds.slice(0, 3).sort());
    expect(changed.nodes.every((n) => n.status === 'CLOSED')).toBe(true);
  });
});
