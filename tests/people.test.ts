/**
 * The people subgraph against the real fixture database: root lookups, who lives at an address
 * (room, building, community), pagination, the `_entities` contract of every @key, batching and
 * the index behind the address range queries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACTORY_GRID, freshBuildingCode, insertPerson, insertResidence, insertResident, roomIn } from './support/people-factories.ts';
import { openFixture } from './support/databases.ts';
import { explainStatements } from './support/explain.ts';
import { subgraphClient } from './support/subgraph.ts';
import type { Database } from '../lib/db.ts';
import { dbQueryCount } from '../lib/metrics.ts';
import { encodeCursor } from '../lib/pagination.ts';
import { SHOWCASE } from '../seeds/showcase.ts';
import { peopleSubgraph } from '../subgraphs/people/server.ts';
import { createPeopleRepository, type PeopleRepository } from '../subgraphs/people/repository.ts';
import { SYSTEM } from '../lib/auth/scopes.ts';
import { freshCommunityCode } from './support/events-factories.ts';

let db: Database;
let client: Awaited<ReturnType<typeof subgraphClient>>;

beforeAll(async () => {
  db = openFixture('people');
  client = await subgraphClient(peopleSubgraph, db);
});

afterAll(async () => {
  await client?.stop();
  await db?.close();
});

const PERSON_FIELDS = 'id name gender birthDate idNumber phone householdType version';

/** A fresh building with two rooms: 3 current residents in room A, 2 in room B (plus one who moved out), 1 in collective housing registered on the building itself. */
async function populatedBuilding() {
  const building = freshBuildingCode();
  const roomA = roomIn(building, '0A0101');
  const roomB = roomIn(building, '0A0102');
  const inA = [await insertResident(db, roomA), await insertResident(db, roomA), await insertResident(db, roomA)];
  const inB = [await insertResident(db, roomB), await insertResident(db, roomB)];
  const movedOut = await insertPerson(db);
  await insertResidence(db, { personId: movedOut.id, addressCode: roomB, since: '2015-03-01', until: '2019-12-31' });
  const collective = await insertPerson(db);
  await insertResidence(db, { personId: collective.id, addressCode: building, relation: 'COLLECTIVE' });
  return { building, roomA, roomB, inA, inB, movedOut, collective };
}

/** residentCount of several addresses through `_entities`, in the order given. */
async function residentCounts(codes: string[]): Promise<number[]> {
  const result = await client.entities(codes.map((code) => ({ __typename: 'Address', code })), '... on Address { residentCount }');
  expect(result.errors).toBeUndefined();
  return result.data!._entities.map((a: { residentCount: number }) => a.residentCount);
}

describe('Query.person / Query.people', () => {
  it('returns every field of a person by id', async () => {
    const person = await insertPerson(db, { name: '张伟', gender: 'MALE', birthDate: '1985-07-12', householdType: 'REGISTERED' });
    const result = await client.run(`query ($id: ID!) { person(id: $id) { ${PERSON_FIELDS} } }`, { id: person.id });
    expect(result.errors).toBeUndefined();
    expect(result.data!.person).toEqual({
      id: person.id,
      name: '张伟',
      gender: 'MALE',
      birthDate: '1985-07-12',
      idNumber: person.idNumber,
      phone: person.phone,
      householdType: 'REGISTERED',
      version: 1,
    });
  });

  it('gives null and a NOT_FOUND error for an unknown id', async () => {
    const result = await client.run('{ person(id: "no-such-person") { id name } }');
    expect(result.data!.person).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions?.code).toBe('NOT_FOUND');
    expect(result.errors![0].message).toContain('no-such-person');
  });

  it('returns several people in the order asked, null where unknown', async () => {
    const a = await insertPerson(db);
    const b = await insertPerson(db);
    const result = await client.run('query ($ids: [ID!]!) { people(ids: $ids) { id name } }', { ids: [b.id, 'unknown-id', a.id, b.id] });
    expect(result.errors).toBeUndefined();
    expect(result.data!.people).toEqual([
      { id: b.id, name: b.name },
      null,
      { id: a.id, name: a.name },
      { id: b.id, name: b.name },
    ]);
  });

  it('refuses more than 500 ids with BAD_USER_INPUT', async () => {
    const ids = Array.from({ length: 501 }, (_, i) => `id-${i}`);
    const result = await client.run('query ($ids: [ID!]!) { people(ids: $ids) { id } }', { ids });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toContain('at most 500');
  });
});

describe('Person.residences', () => {
  it('lists residences newest first and filters current and past ones', async () => {
    const building = freshBuildingCode();
    const person = await insertPerson(db);
    await insertResidence(db, { personId: person.id, addressCode: roomIn(building, '000101'), since: '2015-01-01', until: '2019-06-30', relation: 'TENANT' });
    await insertResidence(db, { personId: person.id, addressCode: roomIn(building, '000202'), since: '2019-07-01', relation: 'OWNER' });
    await insertResidence(db, { personId: person.id, addressCode: building, since: '2022-03-15', relation: 'COLLECTIVE' });
    const query = `query ($id: ID!) { person(id: $id) {
      all: residences { since until current relation address { code } person { id } }
      now: residences(current: true) { since }
      past: residences(current: false) { since until }
    } }`;
    const result = await client.run(query, { id: person.id });
    expect(result.errors).toBeUndefined();
    const { all, now, past } = result.data!.person;
    expect(all).toEqual([
      { since: '2022-03-15', until: null, current: true, relation: 'COLLECTIVE', address: { code: building }, person: { id: person.id } },
      { since: '2019-07-01', until: null, current: true, relation: 'OWNER', address: { code: roomIn(building, '000202') }, person: { id: person.id } },
      { since: '2015-01-01', until: '2019-06-30', current: false, relation: 'TENANT', address: { code: roomIn(building, '000101') }, person: { id: person.id } },
    ]);
    expect(now.map((r: { since: string }) => r.since)).toEqual(['2022-03-15', '2019-07-01']);
    expect(past).toEqual([{ since: '2015-01-01', until: '2019-06-30' }]);
  });

  it('is an empty list for a person who never had a residence', async () => {
    const person = await insertPerson(db);
    const result = await client.run('query ($id: ID!) { person(id: $id) { residences { since } } }', { id: person.id });
    expect(result.data!.person.residences).toEqual([]);
  });
});

describe('Address.residents and residentCount', () => {
  const RESIDENTS = `... on Address {
    code residentCount
    residents(first: 500) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id name } residence { relation current address { code } person { id } } }
    }
  }`;

  it('lists the current residents of a room, with their residence', async () => {
    const { roomA, inA } = await populatedBuilding();
    const result = await client.entities([{ __typename: 'Address', code: roomA }], RESIDENTS);
    expect(result.errors).toBeUndefined();
    const address = result.data!._entities[0];
    expect(address.residentCount).toBe(3);
    expect(address.residents.totalCount).toBe(3);
    expect(address.residents.pageInfo.hasNextPage).toBe(false);
    const expectedIds = inA.map((r) => r.person.id).sort();
    expect(address.residents.edges.map((e: any) => e.node.id)).toEqual(expectedIds);
    for (const edge of address.residents.edges) {
      expect(edge.residence).toEqual({ relation: 'TENANT', current: true, address: { code: roomA }, person: { id: edge.node.id } });
      expect(edge.node.name).toBe(inA.find((r) => r.person.id === edge.node.id)!.person.name);
    }
  });

  it('rolls a building up from its rooms and its own collective residents, without past residents', async () => {
    const { building, roomA, roomB, inA, inB, movedOut, collective } = await populatedBuilding();
    const result = await client.entities([{ __typename: 'Address', code: building }], RESIDENTS);
    expect(result.errors).toBeUndefined();
    const address = result.data!._entities[0];
    expect(address.residentCount).toBe(6);
    expect(address.residents.totalCount).toBe(6);
    // Ordered by (address code, person id): the building itself sorts before its rooms.
    const expected = [
      { code: building, id: collective.id },
      ...inA.map((r) => ({ code: roomA, id: r.person.id })).sort((x, y) => (x.id < y.id ? -1 : 1)),
      ...inB.map((r) => ({ code: roomB, id: r.person.id })).sort((x, y) => (x.id < y.id ? -1 : 1)),
    ];
    expect(address.residents.edges.map((e: any) => ({ code: e.residence.address.code, id: e.node.id }))).toEqual(expected);
    expect(address.residents.edges.map((e: any) => e.node.id)).not.toContain(movedOut.id);
    expect(await residentCounts([roomB])).toEqual([2]);
  });

  it('keeps roll-up counts consistent: community ≥ grid ≥ building ≥ room', async () => {
    const { building, roomA } = await populatedBuilding();
    const [community, factoryGrid, b, r, showcaseGrid, showcaseCommunity] = await residentCounts([
      building.slice(0, 12), FACTORY_GRID, building, roomA, SHOWCASE.gridCode, SHOWCASE.communityCode,
    ]);
    expect(r).toBe(3);
    expect(b).toBe(6);
    expect(factoryGrid).toBeGreaterThanOrEqual(b);
    expect(community).toBeGreaterThanOrEqual(factoryGrid);
    // the seeded showcase community holds at least its showcase grid's residents
    expect(showcaseGrid).toBeGreaterThan(0);
    expect(showcaseCommunity).toBeGreaterThanOrEqual(showcaseGrid);
  });

  it('is empty for an address nobody lives at', async () => {
    const result = await client.entities([{ __typename: 'Address', code: roomIn(freshBuildingCode()) }], RESIDENTS);
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities[0].residentCount).toBe(0);
    expect(result.data!._entities[0].residents).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
  });
});

describe('the seeded showcase room (水围村28栋1203房)', () => {
  it('has at least two current residents, each with a current residence there', async () => {
    const result = await client.entities(
      [{ __typename: 'Address', code: SHOWCASE.roomCode }],
      '... on Address { residentCount residents(first: 500) { totalCount edges { node { id name idNumber } residence { current address { code } person { id } } } } }',
    );
    expect(result.errors).toBeUndefined();
    const room = result.data!._entities[0];
    expect(room.residentCount).toBeGreaterThanOrEqual(2);
    expect(room.residents.totalCount).toBe(room.residentCount);
    expect(room.residents.edges).toHaveLength(room.residentCount);
    for (const edge of room.residents.edges) {
      expect(edge.residence).toEqual({ current: true, address: { code: SHOWCASE.roomCode }, person: { id: edge.node.id } });
      expect(edge.node.idNumber).toMatch(/^[0-9]{17}[0-9X]$/);
    }
  });

  it('rolls up: district ≥ subdistrict ≥ community ≥ grid ≥ building ≥ room', async () => {
    const levels = [SHOWCASE.districtCode, SHOWCASE.subdistrictCode, SHOWCASE.communityCode, SHOWCASE.gridCode, SHOWCASE.buildingCode, SHOWCASE.roomCode];
    const counts = await residentCounts(levels);
    expect(counts.at(-1)).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < counts.length; i++) expect(counts[i - 1], levels[i - 1]).toBeGreaterThanOrEqual(counts[i]);
  });

  it('lists every resident of the room among the residents of its building', async () => {
    const result = await client.entities(
      [{ __typename: 'Address', code: SHOWCASE.buildingCode }, { __typename: 'Address', code: SHOWCASE.roomCode }],
      '... on Address { residents(first: 500) { edges { node { id } residence { address { code } } } } }',
    );
    expect(result.errors).toBeUndefined();
    const [building, room] = result.data!._entities;
    expect(room.residents.edges.length).toBeGreaterThanOrEqual(2);
    const inRoom = building.residents.edges.filter((e: any) => e.residence.address.code === SHOWCASE.roomCode);
    expect(inRoom.map((e: any) => e.node.id)).toEqual(room.residents.edges.map((e: any) => e.node.id));
    for (const e of building.residents.edges) expect(e.residence.address.code.startsWith(SHOWCASE.buildingCode)).toBe(true);
  });
});

describe('Address.residents pagination', () => {
  const PAGE = `query ($r: [_Any!]!, $first: Int, $after: String) { _entities(representations: $r) { ... on Address {
    residents(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } residence { address { code } } } }
  } } }`;

  async function page(code: string, first: number | null, after: string | null = null) {
    return client.run(PAGE, { r: [{ __typename: 'Address', code }], first, after });
  }

  it('pages concatenate to the full list, without duplicates', async () => {
    const { building } = await populatedBuilding();
    const full = (await page(building, 500)).data!._entities[0].residents;
    expect(full.edges).toHaveLength(6);

    const seen: string[] = [];
    const hasNext: boolean[] = [];
    let after: string | null = null;
    do {
      const result = await page(building, 4, after);
      expect(result.errors).toBeUndefined();
      const residents = result.data!._entities[0].residents;
      expect(residents.totalCount).toBe(6);
      seen.push(...residents.edges.map((e: any) => e.node.id));
      hasNext.push(residents.pageInfo.hasNextPage);
      expect(residents.pageInfo.endCursor).toBe(residents.edges.at(-1).cursor);
      after = residents.pageInfo.hasNextPage ? residents.pageInfo.endCursor : null;
    } while (after);
    expect(hasNext).toEqual([true, false]);
    expect(seen).toEqual(full.edges.map((e: any) => e.node.id));
    expect(new Set(seen).size).toBe(6);
  });

  it('first: 0 gives an empty page that says more follow', async () => {
    const { building } = await populatedBuilding();
    const residents = (await page(building, 0)).data!._entities[0].residents;
    expect(residents).toEqual({ totalCount: 6, pageInfo: { hasNextPage: true, endCursor: null }, edges: [] });
  });

  it('defaults to 20 per page', async () => {
    const building = freshBuildingCode();
    for (let i = 0; i < 21; i++) await insertResident(db, roomIn(building, `00${String(i).padStart(4, '0')}`));
    const residents = (await page(building, null)).data!._entities[0].residents;
    expect(residents.edges).toHaveLength(20);
    expect(residents.pageInfo.hasNextPage).toBe(true);
  });

  it('rejects a malformed cursor with INVALID_CURSOR', async () => {
    const { building } = await populatedBuilding();
    for (const bad of ['not a cursor', encodeCursor(['only-one-part'], 'Address.residents'), Buffer.from('{"a":1}').toString('base64url')]) {
      const result = await page(building, 2, bad);
      expect(result.errors?.[0].extensions?.code, bad).toBe('INVALID_CURSOR');
    }
  });

  it('rejects a page larger than 500 with PAGE_SIZE_EXCEEDED', async () => {
    const { building } = await populatedBuilding();
    const result = await page(building, 501);
    expect(result.errors?.[0].extensions?.code).toBe('PAGE_SIZE_EXCEEDED');
  });
});

describe('_entities contract', () => {
  it('resolves Person by id; unknown and invalid ids resolve to null', async () => {
    const person = await insertPerson(db);
    const result = await client.entities(
      [
        { __typename: 'Person', id: person.id },
        { __typename: 'Person', id: 'no-such-person' },
        { __typename: 'Person', id: 42 },
        { __typename: 'Person' },
      ],
      `... on Person { ${PERSON_FIELDS} }`,
    );
    expect(result.errors).toBeUndefined();
    const { updatedAt, ...fields } = person;
    expect(result.data!._entities).toEqual([{ ...fields }, null, null, null]);
    expect(updatedAt).toBeInstanceOf(Date);
  });

  it('resolves Address by code, canonicalizing case and whitespace; invalid codes resolve to null', async () => {
    const room = roomIn(freshBuildingCode(), 'B2301X');
    const { person } = await insertResident(db, room);
    const result = await client.entities(
      [
        { __typename: 'Address', code: room },
        { __typename: 'Address', code: ` ${room.toLowerCase()} ` },
        { __typename: 'Address', code: '4403040040' },
        { __typename: 'Address', code: '44030400402899ABCDE!' },
        { __typename: 'Address', code: 12345 },
        { __typename: 'Address' },
      ],
      '... on Address { code residentCount residents { edges { node { id } } } }',
    );
    expect(result.errors).toBeUndefined();
    const resolved = { code: room, residentCount: 1, residents: { edges: [{ node: { id: person.id } }] } };
    expect(result.data!._entities).toEqual([resolved, resolved, null, null, null, null]);
  });

  it('resolves a well-formed Address code it has no residents for (the buildings subgraph owns the registry)', async () => {
    const room = roomIn(freshBuildingCode());
    const result = await client.entities([{ __typename: 'Address', code: room }], '... on Address { code residentCount }');
    expect(result.data!._entities).toEqual([{ code: room, residentCount: 0 }]);
  });
});

describe('batching', () => {
  const SELECTION = `... on Address {
    code residentCount
    residents(first: 2) { totalCount pageInfo { hasNextPage } edges { cursor node { id name } residence { relation address { code } person { id name } } } }
  }`;

  async function statementsFor(codes: string[]): Promise<number> {
    const before = await dbQueryCount('people');
    const result = await client.entities(codes.map((code) => ({ __typename: 'Address', code })), SELECTION);
    const after = await dbQueryCount('people');
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.every((a: any) => a.residents.edges.length > 0)).toBe(true);
    return after - before;
  }

  it('resolves residents of N addresses in a constant number of statements', async () => {
    const buildings = [];
    for (let i = 0; i < 12; i++) buildings.push((await populatedBuilding()).building);
    const rooms = buildings.map((b) => roomIn(b, '0A0101'));
    const forOne = await statementsFor([buildings[0]]);
    // One page statement, one statement for the people on the pages, one for the counts.
    expect(forOne).toBe(3);
    expect(await statementsFor(buildings)).toBe(forOne);
    expect(await statementsFor([...buildings, ...rooms])).toBe(forOne);
  });

  it('resolves residences of N people in one statement', async () => {
    const people = [];
    for (let i = 0; i < 10; i++) people.push(await insertResident(db, roomIn(freshBuildingCode())));
    const before = await dbQueryCount('people');
    const result = await client.entities(
      people.map((p) => ({ __typename: 'Person', id: p.person.id })),
      '... on Person { id residences { since address { code } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.map((p: any) => p.residences[0].address.code)).toEqual(people.map((p) => p.residence.addressCode));
    // One statement for the people themselves, one for all their residences.
    expect((await dbQueryCount('people')) - before).toBe(2);
  });
});

describe('indexes', () => {
  /**
   * EXPLAINs the statements a repository call sends, inside a transaction with
   * `enable_seqscan = off`: the fixture tables are small enough that the planner may rightly
   * prefer a sequential scan, so this checks the index *can* serve the range query.
   */
  async function explain(call: (repository: PeopleRepository) => Promise<unknown>): Promise<string> {
    return (await explainStatements(db, (explaining) => call(createPeopleRepository(explaining)))).join('\n');
  }

  it('serves Address.residents pages from residence_current_idx', async () => {
    const building = freshBuildingCode();
    const plan = await explain((r) => r.residentPages([
      { code: building, first: 20, after: null },
      { code: FACTORY_GRID, first: 20, after: [building, 'x'] },
    ]));
    expect(plan).toContain('residence_current_idx');
    expect(plan).not.toMatch(/Seq Scan on residence/);
  });

  it('serves residentCount from residence_current_idx below grid level, from the summary rows above', async () => {
    const plan = await explain((r) => r.residentCounts([freshBuildingCode(), '4403040040280100028']));
    expect(plan).toContain('residence_current_idx');
    expect(plan).not.toMatch(/Seq Scan on residence/);
    const summary = await explain((r) => r.residentCounts([FACTORY_GRID, '440304004028', '440304']));
    expect(summary).toContain('resident_total_pkey');
    expect(summary).not.toMatch(/residence\b/);
  });
});

describe('community scoping', () => {
  // Two fresh communities of the made-up district: the viewer's own (HOME) and another (AWAY).
  const HOME = freshCommunityCode();
  const AWAY = freshCommunityCode();
  const homeBuilding = `${HOME}01SCOPE`;
  const awayBuilding = `${AWAY}01SCOPE`;
  let confined: Awaited<ReturnType<typeof subgraphClient>>;
  let local: Awaited<ReturnType<typeof insertResident>>;
  let commuter: Awaited<ReturnType<typeof insertResident>>;
  let away: Awaited<ReturnType<typeof insertResident>>;

  beforeAll(async () => {
    confined = await subgraphClient(peopleSubgraph, db, { ...SYSTEM, communities: [HOME] });
    local = await insertResident(db, roomIn(homeBuilding, '000101'));
    // moved away from AWAY: that past residence is not the viewer's to see
    await insertResidence(db, { personId: local.person.id, addressCode: roomIn(awayBuilding, '000101'), since: '2010-01-01', until: '2019-12-31' });
    commuter = await insertResident(db, roomIn(homeBuilding, '000102'));
    await insertResidence(db, { personId: commuter.person.id, addressCode: roomIn(awayBuilding, '000102') });
    away = await insertResident(db, roomIn(awayBuilding, '000103'));
  });
  afterAll(async () => {
    await confined?.stop();
  });

  const COUNTS = '... on Address { code residentCount residents(first: 500) { totalCount edges { node { id } residence { address { code } } } } }';

  it('answers the person of event links, case parties and legal entities from their ref, null out of scope', async () => {
    const reps = (ref: string) => [
      { __typename: 'EventPersonLink', personRef: ref },
      { __typename: 'CaseParty', personRef: ref },
      { __typename: 'LegalEntity', creditCode: '91440300MA5DXXXX0X', legalRepresentativeRef: ref },
    ];
    const selection = '... on EventPersonLink { person { id } } ... on CaseParty { person { id } } ... on LegalEntity { legalRepresentative { id } }';
    const scoped = await confined.entities([...reps(local.person.id), ...reps(away.person.id), ...reps(''), ...reps('a\u0000b')], selection);
    expect(scoped.errors).toBeUndefined();
    const people = scoped.data!._entities.map((e: any) => ('person' in e ? e.person : e.legalRepresentative));
    const mine = { id: local.person.id };
    expect(people).toEqual([mine, mine, mine, null, null, null, null, null, null, null, null, null]);
    const unconfined = await client.entities(reps(away.person.id), selection);
    expect(unconfined.data!._entities.map((e: any) => ('person' in e ? e.person : e.legalRepresentative))).toEqual([{ id: away.person.id }, { id: away.person.id }, { id: away.person.id }]);
  });

  it('lists and counts only residents under the communities, at any level', async () => {
    const codes = [homeBuilding, awayBuilding, HOME.slice(0, 6), AWAY];
    const result = await confined.entities(codes.map((code) => ({ __typename: 'Address', code })), COUNTS);
    expect(result.errors).toBeUndefined();
    const [home, elsewhere, district, awayCommunity] = result.data!._entities;
    expect(home.residentCount).toBe(2);
    expect(home.residents.edges.map((e: any) => e.node.id).sort()).toEqual([local.person.id, commuter.person.id].sort());
    // the district holds every factory row of every test; the viewer sees their community's only
    expect(district.residentCount).toBe(2);
    expect(district.residents.totalCount).toBe(2);
    expect(district.residents.edges.map((e: any) => e.residence.address.code.slice(0, 12))).toEqual([HOME, HOME]);
    for (const a of [elsewhere, awayCommunity]) expect(a.residents).toEqual({ totalCount: 0, edges: [] });
    expect(elsewhere.residentCount).toBe(0);

    const unconfined = await client.entities([{ __typename: 'Address', code: AWAY }], '... on Address { residentCount }');
    expect(unconfined.data!._entities).toEqual([{ residentCount: 2 }]);
  });

  it('resolves a person only with a current residence in scope, showing only residences in scope', async () => {
    const result = await confined.entities(
      [local, commuter, away].map((r) => ({ __typename: 'Person', id: r.person.id })),
      '... on Person { id residences { current address { code } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      { id: local.person.id, residences: [{ current: true, address: { code: local.residence.addressCode } }] },
      { id: commuter.person.id, residences: [{ current: true, address: { code: commuter.residence.addressCode } }] },
      null,
    ]);
    const lookup = await confined.run('query ($id: ID!) { person(id: $id) { id } }', { id: away.person.id });
    expect(lookup.data!.person).toBeNull();
    expect(lookup.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const many = await confined.run('query ($ids: [ID!]!) { people(ids: $ids) { id } }', { ids: [away.person.id, local.person.id] });
    expect(many.data!.people).toEqual([null, { id: local.person.id }]);
  });

  it('keeps residence_current_idx for a confined building and district query', async () => {
    const plan = (await explainStatements(db, async (explaining) => {
      const repository = createPeopleRepository(explaining, [HOME]);
      await repository.residentPages([{ code: homeBuilding, first: 20, after: null }, { code: '449900', first: 20, after: null }]);
      await repository.residentCounts([homeBuilding, '449900']);
    })).join('\n');
    expect(plan.match(/residence_current_idx/g)).toHaveLength(2);
    expect(plan).not.toMatch(/Seq Scan on residence/);
  });
});
