/**
 * Address.people and Address.residences as the BI bridge reads them: distinct current residents
 * by person id, residences by (address code, id), current / updatedSince / updatedBefore filters,
 * paging to the end, community scoping, masking and auditing as Address.residents, updatedAt kept
 * by the trigger, and the indexes behind the district-level pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditCollector } from '../audit/collect.ts';
import { SYSTEM, type Viewer } from '../lib/auth/scopes.ts';
import { buildApolloServer } from '../lib/subgraph-server.ts';
import { createPeopleRepository, type PersonRow, type ResidenceRow } from '../subgraphs/people/repository.ts';
import { peopleSubgraph } from '../subgraphs/people/server.ts';
import { BRIDGE_DISTRICTS, buildingIn, communityIn, databaseNow, pause, roomIn } from './support/bridge.ts';
import { openFixture } from './support/databases.ts';
import { explainStatements } from './support/explain.ts';
import { insertPerson, insertResidence } from './support/people-factories.ts';

const database = openFixture('people');
const server = buildApolloServer(peopleSubgraph);

const district = BRIDGE_DISTRICTS.people;
const community1 = communityIn(`${district}111`);
const community2 = communityIn(`${district}222`);
const building1 = buildingIn(community1);
const room1 = roomIn(building1);
const room1b = roomIn(building1);
const room2 = roomIn(buildingIn(community2));

const CONFINED: Viewer = { ...SYSTEM, communities: [community1] };
/** people:read without people:pii: identifiers masked, dates as years. */
const READER: Viewer = { ...SYSTEM, scopes: new Set(['people:read']) as Viewer['scopes'] };

const p: PersonRow[] = [];
const r: ResidenceRow[] = [];
let afterInsert: Date;

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

beforeAll(async () => {
  await server.start();
  for (let i = 0; i < 5; i++) p.push(await insertPerson(database));
  // p0: two current residences in community 1 (listed once); p1: lives in community 2, lived in 1;
  // p2: lived in 1, lives in 2; p3: lives in 1; p4: lived in 2, lives nowhere in the registry now
  r.push(await insertResidence(database, { personId: p[0].id, addressCode: room1 }));
  r.push(await insertResidence(database, { personId: p[0].id, addressCode: room1b }));
  r.push(await insertResidence(database, { personId: p[1].id, addressCode: room2 }));
  r.push(await insertResidence(database, { personId: p[1].id, addressCode: room1, since: '2015-01-01', until: '2019-12-31' }));
  r.push(await insertResidence(database, { personId: p[2].id, addressCode: room1, since: '2016-01-01', until: '2020-06-30' }));
  r.push(await insertResidence(database, { personId: p[2].id, addressCode: room2 }));
  r.push(await insertResidence(database, { personId: p[3].id, addressCode: room1 }));
  r.push(await insertResidence(database, { personId: p[4].id, addressCode: room2, since: '2010-01-01', until: '2012-01-01' }));
  afterInsert = await databaseNow(database.knex);
  await pause(5);
  await database.knex('people.person').where({ id: p[3].id }).update({ phone: '13900000000' });
  await database.knex('people.residence').where({ id: r[5].id }).update({ relation: 'OWNER' });
});

afterAll(async () => {
  await database.knex('people.residence').whereIn('id', r.map((x) => x.id)).delete();
  await database.knex('people.person').whereIn('id', p.map((x) => x.id)).delete();
  await server.stop();
  await database.close();
});

/** Runs an Address selection through `_entities` as `viewer`, collecting what the audit log would record. */
async function atAddress(code: string, selection: string, variables: Record<string, unknown> = {}, viewer: Viewer = SYSTEM) {
  const audit = new AuditCollector();
  const types: Record<string, string> = { first: 'Int', after: 'String', current: 'Boolean', updatedSince: 'DateTime', updatedBefore: 'DateTime' };
  const used = Object.keys(types).filter((name) => selection.includes(`$${name}`));
  const response = await server.executeOperation(
    {
      query: `query ($r: [_Any!]!${used.map((name) => `, $${name}: ${types[name]}`).join('')}) {
        _entities(representations: $r) { ... on Address { ${selection} } } }`,
      variables: { r: [{ __typename: 'Address', code }], ...Object.fromEntries(used.map((name) => [name, null])), ...Object.fromEntries(Object.entries(variables).filter(([name]) => used.includes(name))) },
    },
    { contextValue: { ...peopleSubgraph.createContext(database, viewer), audit } },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  const result = response.body.singleResult as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
  return { result, audit };
}

const PEOPLE = 'people(first: $first, after: $after, updatedSince: $updatedSince, updatedBefore: $updatedBefore) { totalCount pageInfo { hasNextPage endCursor } edges { node { id idNumber updatedAt } } }';
const RESIDENCES = 'residences(first: $first, after: $after, current: $current, updatedSince: $updatedSince, updatedBefore: $updatedBefore) { totalCount pageInfo { hasNextPage endCursor } edges { node { id current since sinceYear updatedAt address { code } person { id } } } }';

/** Every node of a list, following cursors `first` at a time. */
async function pageThrough(field: 'people' | 'residences', code: string, first: number, args: Record<string, unknown> = {}, viewer: Viewer = SYSTEM) {
  const nodes: any[] = [];
  let after: string | null = null;
  for (let pages = 1; ; pages++) {
    const { result } = await atAddress(code, field === 'people' ? PEOPLE : RESIDENCES, { ...args, first, after }, viewer);
    expect(result.errors).toBeUndefined();
    const list = result.data._entities[0][field];
    nodes.push(...list.edges.map((e: any) => e.node));
    if (!list.pageInfo.hasNextPage) return { nodes, pages, totalCount: list.totalCount as number };
    after = list.pageInfo.endCursor;
  }
}

const ids = (people: PersonRow[]) => people.map((x) => x.id).sort(byteOrder);
/** Residences in (address code, id) order. */
const ordered = (rows: ResidenceRow[]) => [...rows].sort((a, b) => byteOrder(a.addressCode, b.addressCode) || a.id - b.id).map((x) => String(x.id));

describe('Address.people', () => {
  it('lists each current resident once, by person id, paging a district and a community to the end', async () => {
    const district1 = await pageThrough('people', district, 1);
    expect(district1.nodes.map((n) => n.id)).toEqual(ids([p[0], p[1], p[2], p[3]]));
    expect(district1.pages).toBe(4);
    expect(district1.totalCount).toBe(4);
    const whole = await pageThrough('people', district, 5000);
    expect(whole.pages).toBe(1);
    const inCommunity1 = await pageThrough('people', community1, 1);
    expect(inCommunity1.nodes.map((n) => n.id)).toEqual(ids([p[0], p[3]]));
    expect(inCommunity1.totalCount).toBe(2);
  });

  it('filters by updatedSince and updatedBefore of the person', async () => {
    const since = await pageThrough('people', district, 10, { updatedSince: afterInsert.toISOString() });
    expect(since.nodes.map((n) => n.id)).toEqual([p[3].id]);
    expect(since.totalCount).toBe(1);
    const before = await pageThrough('people', district, 10, { updatedBefore: afterInsert.toISOString() });
    expect(before.nodes.map((n) => n.id)).toEqual(ids([p[0], p[1], p[2]]));
    const { result } = await atAddress(district, PEOPLE, { updatedSince: '2026-02-01T00:00:00Z', updatedBefore: '2026-01-01T00:00:00Z' });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toContain('"updatedBefore"');
  });

  it('shows a confined viewer only the people living in its communities, as residents does', async () => {
    const confined = await pageThrough('people', district, 1, {}, CONFINED);
    expect(confined.nodes.map((n) => n.id)).toEqual(ids([p[0], p[3]]));
    expect(confined.totalCount).toBe(2);
  });

  it('masks identity numbers without people:pii and audits every person returned, the end cursor too', async () => {
    const { result, audit } = await atAddress(district, PEOPLE, { first: 2 }, READER);
    expect(result.errors).toBeUndefined();
    const nodes = result.data._entities[0].people.edges.map((e: any) => e.node);
    for (const n of nodes) expect(n.idNumber).toMatch(/^\*{18}$/);
    expect([...audit.personIds].sort(byteOrder)).toEqual(nodes.map((n: any) => n.id).sort(byteOrder));
    const cursorOnly = await atAddress(district, 'people(first: 1) { pageInfo { endCursor } }', {}, READER);
    expect([...cursorOnly.audit.personIds]).toEqual([ids([p[0], p[1], p[2], p[3]])[0]]);
  });
});

describe('Address.residences', () => {
  it('lists every residence beneath an address by (address code, id), current or past as asked', async () => {
    const all = await pageThrough('residences', district, 3);
    expect(all.nodes.map((n) => n.id)).toEqual(ordered(r));
    expect(all.totalCount).toBe(8);
    expect(all.pages).toBe(3);
    const current = await pageThrough('residences', district, 2, { current: true });
    expect(current.nodes.map((n) => n.id)).toEqual(ordered(r.filter((x) => x.until === null)));
    expect(current.nodes.every((n) => n.current)).toBe(true);
    const past = await pageThrough('residences', community1, 5000, { current: false });
    expect(past.nodes.map((n) => n.id)).toEqual(ordered([r[3], r[4]]));
    expect(past.totalCount).toBe(2);
  });

  it('filters by updatedSince and updatedBefore of the residence', async () => {
    const since = await pageThrough('residences', district, 10, { updatedSince: afterInsert.toISOString() });
    expect(since.nodes.map((n) => n.id)).toEqual([String(r[5].id)]);
    expect((await pageThrough('residences', district, 10, { updatedBefore: afterInsert.toISOString() })).totalCount).toBe(7);
  });

  it("shows a confined viewer residences in its communities of people living there, masked and audited", async () => {
    const { nodes, totalCount } = await pageThrough('residences', district, 2, {}, CONFINED);
    // p1's and p2's past residences in community 1 are not listed: they live elsewhere now
    expect(nodes.map((n) => n.id)).toEqual(ordered([r[0], r[1], r[6]]));
    expect(totalCount).toBe(3);
    const { result, audit } = await atAddress(district, RESIDENCES, { first: 10 }, READER);
    const listed = result.data._entities[0].residences.edges.map((e: any) => e.node);
    expect(listed.every((n: any) => n.since === null && typeof n.sinceYear === 'number')).toBe(true);
    expect([...audit.addressCodes].sort()).toEqual([room1, room1b, room2].sort());
    expect(audit.personIds.size).toBe(5);
  });

  it('bumps a residence updatedAt when someone moves out, not on a no-op update', async () => {
    const { id } = r[6];
    const read = async () => (await pageThrough('residences', room1, 10)).nodes.find((n) => n.id === String(id)).updatedAt as string;
    const first = await read();
    await pause(5);
    await database.knex('people.residence').where({ id }).update({ relation: 'TENANT' });
    expect(await read()).toBe(first);
    await database.knex('people.residence').where({ id }).update({ until: '2026-11-30' });
    expect(Date.parse(await read())).toBeGreaterThan(Date.parse(first));
    await database.knex('people.residence').where({ id }).update({ until: null });
  });
});

describe('indexes of the district-level pages', () => {
  it('walks residence_address_idx for residences and person_pkey for people', async () => {
    // current statistics: other files write people into the shared fixture (the write side bumps
    // updated_at on every change), and with stale ones PGlite once chose a full scan of
    // person_updated_idx and a sort for the district's first page
    await database.knex.raw('ANALYZE people.person, people.residence');
    const plans = await explainStatements(database, async (explaining) => {
      const repository = createPeopleRepository(explaining);
      await repository.residencePages([{ code: '440304', current: null, updatedSince: null, updatedBefore: null, first: 10, after: ['4403040', 5] }]);
      await repository.peoplePages([{ code: '440304', updatedSince: null, updatedBefore: null, first: 10, after: 'a' }]);
      await repository.residenceCounts([{ code: district, current: null, updatedSince: new Date(Date.now() + 86_400_000), updatedBefore: null }]);
    });
    expect(plans[0]).toContain('residence_address_idx');
    expect(plans[0]).not.toMatch(/Sort|Seq Scan/);
    expect(plans[1]).toContain('person_pkey');
    expect(plans[1]).not.toMatch(/Seq Scan/);
    expect(plans[2]).toMatch(/residence_address_idx|residence_updated_idx/);
  });
});

describe('rows changed since a watermark (the monitor asks residences(updatedSince:) of the district)', () => {
  it('answers keys with different windows in one batch, each by its own window', async () => {
    const mark = await databaseNow(database.knex);
    await pause(5);
    await database.knex('people.residence').where({ id: r[2].id }).update({ relation: 'OWNER' });
    await database.knex('people.person').where({ id: p[1].id }).update({ phone: '13900000001' });
    const repository = createPeopleRepository(database.knex);
    const window = (updatedSince: Date | null, updatedBefore: Date | null) => ({ current: null, updatedSince, updatedBefore });
    const keys = [
      { code: district, ...window(mark, null) },
      { code: district, ...window(null, null) },
      { code: community1, ...window(null, mark) },
      { code: community2, ...window(mark, null) },
    ];
    expect(await repository.residenceCounts(keys)).toEqual([1, 8, 5, 1]);
    const pages = await repository.residencePages(keys.map((k) => ({ ...k, first: 10, after: null })));
    const idsOf = (key: number) => pages.filter((row) => row.key === key).map((row) => String(row.id));
    expect(idsOf(0)).toEqual([String(r[2].id)]);
    expect(idsOf(1)).toEqual(ordered(r));
    expect(idsOf(2)).toEqual(ordered([r[0], r[1], r[3], r[4], r[6]]));
    expect(idsOf(3)).toEqual([String(r[2].id)]);
    // living in the district now: p0 to p3
    const people = [{ code: district, updatedSince: mark, updatedBefore: null }, { code: district, updatedSince: null, updatedBefore: mark }];
    expect(await repository.peopleCounts(people)).toEqual([1, 3]);
    const personPages = await repository.peoplePages(people.map((k) => ({ ...k, first: 10, after: null })));
    expect(personPages.filter((row) => row.key === 0).map((row) => row.id)).toEqual([p[1].id]);
    expect(personPages.filter((row) => row.key === 1).map((row) => row.id)).toEqual([p[0].id, p[2].id, p[3].id].sort(byteOrder));
  });

  it('range-scans residence_updated_idx and person_updated_idx from the watermark, not the whole index', async () => {
    await database.knex.raw('ANALYZE people.person, people.residence');
    const since = new Date(Date.now() + 86_400_000);
    const plans = await explainStatements(database, async (explaining) => {
      const repository = createPeopleRepository(explaining);
      await repository.residencePages([{ code: district, current: null, updatedSince: since, updatedBefore: null, first: 500, after: null }]);
      await repository.residenceCounts([{ code: community1, current: null, updatedSince: since, updatedBefore: null }]);
      await repository.peoplePages([{ code: community1, updatedSince: since, updatedBefore: null, first: 500, after: null }]);
    });
    expect(plans).toHaveLength(3);
    for (const plan of plans) expect(plan).toMatch(/Index Cond: \(updated_at >= '/);
    expect(plans[0]).toContain('residence_updated_idx');
    expect(plans[2]).toContain('person_updated_idx');
  });
});
