/**
 * The entities subgraph against the real fixture database: root lookups, who is registered or
 * operates at an address (room, building, community), pagination, the `_entities` contract of
 * every @key, batching and the indexes behind the address range queries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACTORY_GRID, freshBuildingCode, freshCreditCode, insertLegalEntity, roomIn } from './support/entities-factories.ts';
import { openFixture } from './support/databases.ts';
import { explainStatements } from './support/explain.ts';
import { subgraphClient } from './support/subgraph.ts';
import type { Database } from '../lib/db.ts';
import { dbQueryCount } from '../lib/metrics.ts';
import { encodeCursor } from '../lib/pagination.ts';
import { SHOWCASE } from '../seeds/showcase.ts';
import { entitiesSubgraph } from '../subgraphs/entities/server.ts';
import { createEntitiesRepository, type EntitiesRepository, type LegalEntityRow } from '../subgraphs/entities/repository.ts';
import { SYSTEM } from '../lib/auth/scopes.ts';
import { freshCommunityCode } from './support/events-factories.ts';

let db: Database;
let client: Awaited<ReturnType<typeof subgraphClient>>;

beforeAll(async () => {
  db = openFixture('entities');
  client = await subgraphClient(entitiesSubgraph, db);
});

afterAll(async () => {
  await client?.stop();
  await db?.close();
});

const ENTITY_FIELDS = `creditCode name kind industry status registeredOn
  registeredAddress { code } businessAddress { code } legalRepresentativeRef`;

/** What the API shows of an entity row. */
function shown(e: LegalEntityRow) {
  return {
    creditCode: e.creditCode,
    name: e.name,
    kind: e.kind,
    industry: e.industry,
    status: e.status,
    registeredOn: e.registeredOn,
    registeredAddress: e.registeredAddressCode === null ? null : { code: e.registeredAddressCode },
    businessAddress: e.businessAddressCode === null ? null : { code: e.businessAddressCode },
    legalRepresentativeRef: e.legalRepPersonId,
  };
}

const byCreditCode = (a: { creditCode: string }, b: { creditCode: string }) => (a.creditCode < b.creditCode ? -1 : 1);

/**
 * A fresh building with two rooms: in room A two entities registered there (one revoked) and
 * one registered in room A that also operates in room B (it must appear once); in room B one
 * registered elsewhere but operating there; and one registered on the building itself.
 */
async function populatedBuilding() {
  const building = freshBuildingCode();
  const roomA = roomIn(building, '0A0101');
  const roomB = roomIn(building, '0A0102');
  const elsewhere = roomIn(freshBuildingCode());
  const inA = [
    await insertLegalEntity(db, { registeredAddressCode: roomA }),
    await insertLegalEntity(db, { registeredAddressCode: roomA, status: 'REVOKED' }),
  ];
  const both = await insertLegalEntity(db, { registeredAddressCode: roomA, businessAddressCode: roomB });
  const operatingInB = await insertLegalEntity(db, { registeredAddressCode: elsewhere, businessAddressCode: roomB, kind: 'INDIVIDUAL_BUSINESS' });
  const onBuilding = await insertLegalEntity(db, { registeredAddressCode: building, kind: 'SOCIAL_ORGANIZATION' });
  return { building, roomA, roomB, elsewhere, inA, both, operatingInB, onBuilding, all: [...inA, both, operatingInB, onBuilding] };
}

/** entityCount of several addresses through `_entities`, in the order given. */
async function entityCounts(codes: string[], status: string | null = null): Promise<number[]> {
  const result = await client.run(
    'query ($r: [_Any!]!, $status: LegalEntityStatus) { _entities(representations: $r) { ... on Address { entityCount(status: $status) } } }',
    { r: codes.map((code) => ({ __typename: 'Address', code })), status },
  );
  expect(result.errors).toBeUndefined();
  return result.data!._entities.map((a: { entityCount: number }) => a.entityCount);
}

describe('Query.legalEntity / Query.legalEntities', () => {
  it('returns every field of an entity, with address and representative references', async () => {
    const building = freshBuildingCode();
    const entity = await insertLegalEntity(db, {
      name: '深圳市水围数码科技有限公司',
      registeredOn: '2016-09-20',
      registeredAddressCode: roomIn(building, '001203'),
      businessAddressCode: building,
      legalRepPersonId: 'person-rep-1',
    });
    const result = await client.run(`query ($c: CreditCode!) { legalEntity(creditCode: $c) { ${ENTITY_FIELDS} } }`, { c: entity.creditCode });
    expect(result.errors).toBeUndefined();
    expect(result.data!.legalEntity).toEqual(shown(entity));
    expect(result.data!.legalEntity.registeredOn).toBe('2016-09-20');
  });

  it('gives null addresses and representative when the entity has none', async () => {
    const entity = await insertLegalEntity(db);
    const result = await client.run(`query ($c: CreditCode!) { legalEntity(creditCode: $c) { ${ENTITY_FIELDS} } }`, { c: entity.creditCode });
    expect(result.data!.legalEntity).toMatchObject({ registeredAddress: null, businessAddress: null, legalRepresentativeRef: null });
  });

  it('accepts a lowercase credit code', async () => {
    const entity = await insertLegalEntity(db);
    const result = await client.run(`{ legalEntity(creditCode: "${entity.creditCode.toLowerCase()}") { creditCode } }`);
    expect(result.data!.legalEntity).toEqual({ creditCode: entity.creditCode });
  });

  it('gives null and a NOT_FOUND error for an unknown credit code', async () => {
    const unknown = freshCreditCode();
    const result = await client.run(`{ legalEntity(creditCode: "${unknown}") { name } }`);
    expect(result.data!.legalEntity).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions?.code).toBe('NOT_FOUND');
    expect(result.errors![0].message).toContain(unknown);
  });

  it('rejects a malformed credit code before running', async () => {
    const valid = freshCreditCode();
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    for (const bad of ['91440304', wrongCheck, '91440304MA5DXXXXXI']) {
      const result = await client.run('query ($c: CreditCode!) { legalEntity(creditCode: $c) { name } }', { c: bad });
      expect(result.data, bad).toBeUndefined();
      expect(result.errors?.[0].message, bad).toContain('Invalid CreditCode');
    }
  });

  it('returns several entities in the order asked, null where unknown', async () => {
    const a = await insertLegalEntity(db);
    const b = await insertLegalEntity(db);
    const unknown = freshCreditCode();
    const result = await client.run('query ($c: [CreditCode!]!) { legalEntities(creditCodes: $c) { creditCode name } }', {
      c: [b.creditCode, unknown, a.creditCode],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.legalEntities).toEqual([
      { creditCode: b.creditCode, name: b.name },
      null,
      { creditCode: a.creditCode, name: a.name },
    ]);
  });

  it('refuses more than 500 credit codes with BAD_USER_INPUT', async () => {
    const codes = Array.from({ length: 501 }, () => freshCreditCode());
    const result = await client.run('query ($c: [CreditCode!]!) { legalEntities(creditCodes: $c) { name } }', { c: codes });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toContain('at most 500');
  });
});

describe('Address.entities and entityCount', () => {
  const ENTITIES = `query ($r: [_Any!]!, $status: LegalEntityStatus) { _entities(representations: $r) { ... on Address {
    code entityCount(status: $status)
    entities(status: $status, first: 500) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { creditCode name status } } }
  } } }`;

  async function entitiesAt(code: string, status: string | null = null) {
    const result = await client.run(ENTITIES, { r: [{ __typename: 'Address', code }], status });
    expect(result.errors).toBeUndefined();
    return result.data!._entities[0];
  }

  it('lists entities registered or operating in a room, by credit code', async () => {
    const { roomA, roomB, inA, both, operatingInB } = await populatedBuilding();
    const atA = await entitiesAt(roomA);
    expect(atA.entityCount).toBe(3);
    expect(atA.entities.totalCount).toBe(3);
    expect(atA.entities.pageInfo.hasNextPage).toBe(false);
    expect(atA.entities.edges.map((e: any) => e.node.creditCode)).toEqual([...inA, both].sort(byCreditCode).map((e) => e.creditCode));

    const atB = await entitiesAt(roomB);
    expect(atB.entities.edges.map((e: any) => e.node.creditCode)).toEqual([both, operatingInB].sort(byCreditCode).map((e) => e.creditCode));
  });

  it('rolls a building up from its rooms, listing an entity at two of its addresses once', async () => {
    const { building, all, both } = await populatedBuilding();
    const atBuilding = await entitiesAt(building);
    expect(atBuilding.entityCount).toBe(5);
    expect(atBuilding.entities.totalCount).toBe(5);
    const codes = atBuilding.entities.edges.map((e: any) => e.node.creditCode);
    expect(codes).toEqual([...all].sort(byCreditCode).map((e) => e.creditCode));
    expect(codes.filter((c: string) => c === both.creditCode)).toHaveLength(1);
  });

  it('filters by status in both the list and the count', async () => {
    const { building, inA } = await populatedBuilding();
    const revoked = await entitiesAt(building, 'REVOKED');
    expect(revoked.entityCount).toBe(1);
    expect(revoked.entities.totalCount).toBe(1);
    expect(revoked.entities.edges.map((e: any) => e.node)).toEqual([{ creditCode: inA[1].creditCode, name: inA[1].name, status: 'REVOKED' }]);
    expect((await entitiesAt(building, 'ACTIVE')).entityCount).toBe(4);
    expect((await entitiesAt(building, 'CANCELLED')).entities.edges).toEqual([]);
  });

  it('keeps roll-up counts consistent: community ≥ grid ≥ building ≥ room', async () => {
    const { building, roomA } = await populatedBuilding();
    const [community, factoryGrid, b, r, showcaseRoom, showcaseCommunity] = await entityCounts([
      building.slice(0, 12), FACTORY_GRID, building, roomA, SHOWCASE.roomCode, SHOWCASE.communityCode,
    ]);
    expect(r).toBe(3);
    expect(b).toBe(5);
    expect(factoryGrid).toBeGreaterThanOrEqual(b);
    expect(community).toBeGreaterThanOrEqual(factoryGrid);
    // the seeded showcase community holds at least its showcase room's entities
    expect(showcaseRoom).toBeGreaterThan(0);
    expect(showcaseCommunity).toBeGreaterThanOrEqual(showcaseRoom);
  });

  it('is empty for an address where nothing is registered', async () => {
    const empty = await entitiesAt(roomIn(freshBuildingCode()));
    expect(empty).toMatchObject({ entityCount: 0, entities: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } });
  });
});

describe('the seeded showcase room (水围村28栋1203房)', () => {
  it('has a legal entity operating there, listed at the room and at each level above it', async () => {
    const levels = [SHOWCASE.districtCode, SHOWCASE.subdistrictCode, SHOWCASE.communityCode, SHOWCASE.gridCode, SHOWCASE.buildingCode, SHOWCASE.roomCode];
    const result = await client.entities(
      levels.map((code) => ({ __typename: 'Address', code })),
      '... on Address { code entityCount entities(first: 500) { totalCount edges { node { creditCode registeredAddress { code } businessAddress { code } } } } }',
    );
    expect(result.errors).toBeUndefined();
    const addresses = result.data!._entities;
    const room = addresses.at(-1);
    expect(room.entityCount).toBeGreaterThanOrEqual(1);
    expect(room.entities.totalCount).toBe(room.entityCount);
    expect(room.entities.edges.some((e: any) => e.node.businessAddress?.code === SHOWCASE.roomCode)).toBe(true);
    for (const e of room.entities.edges) {
      expect([e.node.registeredAddress?.code, e.node.businessAddress?.code]).toContain(SHOWCASE.roomCode);
    }
    for (let i = 1; i < levels.length; i++) expect(addresses[i - 1].entityCount, levels[i - 1]).toBeGreaterThanOrEqual(addresses[i].entityCount);
    // A building holds well under a page of 500 entities, so its one page lists the room's.
    const building = addresses.at(-2);
    expect(building.entities.edges).toHaveLength(building.entities.totalCount);
    const inBuilding = new Set(building.entities.edges.map((e: any) => e.node.creditCode));
    for (const e of room.entities.edges) expect(inBuilding.has(e.node.creditCode)).toBe(true);
  });
});

describe('Address.entities pagination', () => {
  const PAGE = `query ($r: [_Any!]!, $first: Int, $after: String, $status: LegalEntityStatus) { _entities(representations: $r) { ... on Address {
    entities(first: $first, after: $after, status: $status) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { creditCode } } }
  } } }`;

  async function page(code: string, first: number | null, after: string | null = null, status: string | null = null) {
    return client.run(PAGE, { r: [{ __typename: 'Address', code }], first, after, status });
  }

  it('pages concatenate to the full list, without duplicates', async () => {
    const { building, all } = await populatedBuilding();
    const seen: string[] = [];
    const hasNext: boolean[] = [];
    let after: string | null = null;
    do {
      const result = await page(building, 2, after);
      expect(result.errors).toBeUndefined();
      const entities = result.data!._entities[0].entities;
      expect(entities.totalCount).toBe(5);
      seen.push(...entities.edges.map((e: any) => e.node.creditCode));
      hasNext.push(entities.pageInfo.hasNextPage);
      expect(entities.pageInfo.endCursor).toBe(entities.edges.at(-1).cursor);
      after = entities.pageInfo.hasNextPage ? entities.pageInfo.endCursor : null;
    } while (after);
    expect(hasNext).toEqual([true, true, false]);
    expect(seen).toEqual([...all].sort(byCreditCode).map((e) => e.creditCode));
    expect(new Set(seen).size).toBe(5);
  });

  it('pages within a status filter', async () => {
    const { building, all } = await populatedBuilding();
    const active = all.filter((e) => e.status === 'ACTIVE').sort(byCreditCode).map((e) => e.creditCode);
    const first = (await page(building, 3, null, 'ACTIVE')).data!._entities[0].entities;
    const second = (await page(building, 3, first.pageInfo.endCursor, 'ACTIVE')).data!._entities[0].entities;
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect([...first.edges, ...second.edges].map((e: any) => e.node.creditCode)).toEqual(active);
  });

  it('first: 0 gives an empty page that says more follow', async () => {
    const { building } = await populatedBuilding();
    const entities = (await page(building, 0)).data!._entities[0].entities;
    expect(entities).toEqual({ totalCount: 5, pageInfo: { hasNextPage: true, endCursor: null }, edges: [] });
  });

  it('defaults to 20 per page', async () => {
    const building = freshBuildingCode();
    for (let i = 0; i < 21; i++) await insertLegalEntity(db, { businessAddressCode: building });
    const entities = (await page(building, null)).data!._entities[0].entities;
    expect(entities.edges).toHaveLength(20);
    expect(entities.pageInfo.hasNextPage).toBe(true);
  });

  it('rejects a malformed cursor with INVALID_CURSOR', async () => {
    const { building } = await populatedBuilding();
    for (const bad of ['not a cursor', encodeCursor(['a', 'b'], 'Address.entities'), Buffer.from('[{}]').toString('base64url')]) {
      const result = await page(building, 2, bad);
      expect(result.errors?.[0].extensions?.code, bad).toBe('INVALID_CURSOR');
    }
  });

  it('rejects a page larger than 5000 with PAGE_SIZE_EXCEEDED', async () => {
    const { building } = await populatedBuilding();
    const result = await page(building, 5001);
    expect(result.errors?.[0].extensions?.code).toBe('PAGE_SIZE_EXCEEDED');
  });
});

describe('_entities contract', () => {
  it('resolves LegalEntity by creditCode; unknown and invalid codes resolve to null', async () => {
    const entity = await insertLegalEntity(db, { registeredAddressCode: freshBuildingCode(), legalRepPersonId: 'person-rep-2' });
    const valid = freshCreditCode();
    const result = await client.entities(
      [
        { __typename: 'LegalEntity', creditCode: entity.creditCode },
        { __typename: 'LegalEntity', creditCode: entity.creditCode.toLowerCase() },
        { __typename: 'LegalEntity', creditCode: valid },
        { __typename: 'LegalEntity', creditCode: valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0') },
        { __typename: 'LegalEntity', creditCode: 'not-a-credit-code' },
        { __typename: 'LegalEntity', creditCode: 91440304 },
        { __typename: 'LegalEntity' },
      ],
      `... on LegalEntity { ${ENTITY_FIELDS} }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([shown(entity), shown(entity), null, null, null, null, null]);
  });

  it('resolves Person by ref to the entities they represent, by name; invalid refs resolve to null', async () => {
    const rep = `person-${freshCreditCode()}`;
    const b = await insertLegalEntity(db, { name: '乙公司', legalRepPersonId: rep });
    const a = await insertLegalEntity(db, { name: '甲公司', legalRepPersonId: rep, status: 'CANCELLED' });
    const result = await client.entities(
      [
        { __typename: 'Person', ref: rep },
        { __typename: 'Person', ref: 'person-who-represents-nothing' },
        { __typename: 'Person', ref: '' },
        { __typename: 'Person', ref: 7 },
        { __typename: 'Person' },
        // the old key no longer resolves here: references go through the people subgraph's ref
        { __typename: 'Person', id: rep },
        { __typename: 'Person', ref: 'a\u0000b' },
      ],
      '... on Person { ref representedEntities { creditCode name legalRepresentativeRef } }',
    );
    expect(result.errors).toBeUndefined();
    const expected = [b, a]
      .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))
      .map((e) => ({ creditCode: e.creditCode, name: e.name, legalRepresentativeRef: rep }));
    expect(result.data!._entities).toEqual([
      { ref: rep, representedEntities: expected },
      // People live in the people subgraph: a ref unknown here simply represents nothing.
      { ref: 'person-who-represents-nothing', representedEntities: [] },
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('resolves Address by code, canonicalizing case and whitespace; invalid codes resolve to null', async () => {
    const room = roomIn(freshBuildingCode(), 'B2301X');
    const entity = await insertLegalEntity(db, { businessAddressCode: room });
    const result = await client.entities(
      [
        { __typename: 'Address', code: room },
        { __typename: 'Address', code: ` ${room.toLowerCase()} ` },
        { __typename: 'Address', code: roomIn(freshBuildingCode()) },
        { __typename: 'Address', code: '4403040040' },
        { __typename: 'Address', code: '4403040040289X00001' },
        { __typename: 'Address', code: null },
        { __typename: 'Address' },
      ],
      '... on Address { code entityCount entities { edges { node { creditCode } } } }',
    );
    expect(result.errors).toBeUndefined();
    const resolved = { code: room, entityCount: 1, entities: { edges: [{ node: { creditCode: entity.creditCode } }] } };
    const [first, second, unknown, ...invalid] = result.data!._entities;
    expect(first).toEqual(resolved);
    expect(second).toEqual(resolved);
    // The buildings subgraph owns the registry: a well-formed code unknown here has no entities.
    expect(unknown).toMatchObject({ entityCount: 0, entities: { edges: [] } });
    expect(invalid).toEqual([null, null, null, null]);
  });
});

describe('batching', () => {
  const SELECTION = `... on Address {
    code entityCount active: entityCount(status: ACTIVE)
    entities(first: 2) { totalCount pageInfo { hasNextPage } edges { cursor node { creditCode name registeredAddress { code } legalRepresentativeRef } } }
  }`;

  async function statementsFor(codes: string[]): Promise<number> {
    const before = await dbQueryCount('entities');
    const result = await client.entities(codes.map((code) => ({ __typename: 'Address', code })), SELECTION);
    const after = await dbQueryCount('entities');
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.every((a: any) => a.entities.edges.length > 0)).toBe(true);
    return after - before;
  }

  it('resolves entities of N addresses in a constant number of statements', async () => {
    const buildings = [];
    for (let i = 0; i < 12; i++) buildings.push((await populatedBuilding()).building);
    const rooms = buildings.map((b) => roomIn(b, '0A0101'));
    const forOne = await statementsFor([buildings[0]]);
    // One page statement and one statement for all the counts (with and without a status).
    expect(forOne).toBe(2);
    expect(await statementsFor(buildings)).toBe(forOne);
    expect(await statementsFor([...buildings, ...rooms])).toBe(forOne);
  });

  it('resolves represented entities of N people in one statement', async () => {
    const reps = Array.from({ length: 10 }, () => `person-${freshCreditCode()}`);
    for (const rep of reps) await insertLegalEntity(db, { legalRepPersonId: rep });
    const before = await dbQueryCount('entities');
    const result = await client.entities(reps.map((ref) => ({ __typename: 'Person', ref })), '... on Person { representedEntities { legalRepresentativeRef } }');
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.map((p: any) => p.representedEntities[0].legalRepresentativeRef)).toEqual(reps);
    expect((await dbQueryCount('entities')) - before).toBe(1);
  });
});

describe('indexes', () => {
  /**
   * EXPLAINs the statements a repository call sends, inside a transaction with
   * `enable_seqscan = off`: the fixture tables are small enough that the planner may rightly
   * prefer a sequential scan, so this checks the indexes *can* serve the range query.
   */
  async function explain(call: (repository: EntitiesRepository) => Promise<unknown>): Promise<string> {
    return (await explainStatements(db, (explaining) => call(createEntitiesRepository(explaining)))).join('\n');
  }

  it('serves Address.entities pages from the registered and business address indexes', async () => {
    const building = freshBuildingCode();
    const plan = await explain((r) => r.entityPages([
      { code: building, status: null, first: 20, after: null },
      { code: FACTORY_GRID, status: 'ACTIVE', first: 20, after: freshCreditCode() },
    ]));
    expect(plan).toContain('legal_entity_business_idx');
    expect(plan).toContain('legal_entity_registered_idx');
    expect(plan).not.toMatch(/Seq Scan on legal_entity/);
  });

  it('serves entityCount from the registered and business address indexes below grid level, from the summary rows above', async () => {
    const plan = await explain((r) => r.entityCounts([{ code: freshBuildingCode(), status: null }, { code: '4403040040280100028', status: 'ACTIVE' }]));
    expect(plan).toContain('legal_entity_business_idx');
    expect(plan).toContain('legal_entity_registered_idx');
    expect(plan).not.toMatch(/Seq Scan on legal_entity/);
    const summary = await explain((r) => r.entityCounts([{ code: FACTORY_GRID, status: null }, { code: '440304004028', status: 'ACTIVE' }, { code: '440304', status: null }]));
    expect(summary).toContain('entity_total_pkey');
    expect(summary).not.toMatch(/legal_entity\b/);
  });
});

describe('community scoping', () => {
  // Two fresh communities of the made-up district: the viewer's own (HOME) and another (AWAY).
  const HOME = freshCommunityCode();
  const AWAY = freshCommunityCode();
  const home = (room: string) => `${HOME}01SCOPE${room}`;
  const away = (room: string) => `${AWAY}01SCOPE${room}`;
  const rep = `test-scoping-rep-${freshCreditCode()}`;
  let confined: Awaited<ReturnType<typeof subgraphClient>>;
  let registeredHome: LegalEntityRow;
  let operatesHome: LegalEntityRow;
  let elsewhere: LegalEntityRow;

  beforeAll(async () => {
    confined = await subgraphClient(entitiesSubgraph, db, { ...SYSTEM, communities: [HOME] });
    registeredHome = await insertLegalEntity(db, { registeredAddressCode: home('000101'), legalRepPersonId: rep });
    // registered elsewhere, operating here: visible, and listed here only
    operatesHome = await insertLegalEntity(db, { registeredAddressCode: away('000102'), businessAddressCode: home('000102') });
    elsewhere = await insertLegalEntity(db, { registeredAddressCode: away('000103'), businessAddressCode: away('000103'), legalRepPersonId: rep });
  });
  afterAll(async () => {
    await confined?.stop();
  });

  const SELECTION = '... on Address { code entityCount entities(first: 500) { totalCount edges { node { creditCode } } } }';
  const listed = (a: any) => a.entities.edges.map((e: any) => e.node.creditCode).sort();

  it('lists and counts an entity where an address of it in scope lies, at any level', async () => {
    const result = await confined.entities([HOME, AWAY, '449900'].map((code) => ({ __typename: 'Address', code })), SELECTION);
    expect(result.errors).toBeUndefined();
    const [atHome, atAway, district] = result.data!._entities;
    const both = [registeredHome.creditCode, operatesHome.creditCode].sort();
    expect(listed(atHome)).toEqual(both);
    expect(atHome.entityCount).toBe(2);
    expect(atHome.entities.totalCount).toBe(2);
    // operatesHome is registered in AWAY, but AWAY is not the viewer's: not listed there
    expect(atAway).toEqual({ code: AWAY, entityCount: 0, entities: { totalCount: 0, edges: [] } });
    // the made-up district holds every test's entities; the viewer sees their community's only
    expect(listed(district)).toEqual(both);
    expect(district.entityCount).toBe(2);

    const unconfined = await client.entities([{ __typename: 'Address', code: AWAY }], SELECTION);
    expect(unconfined.data!._entities[0].entityCount).toBe(2);
  });

  it('resolves an entity only with its registered or business address in scope', async () => {
    const result = await confined.entities(
      [registeredHome, operatesHome, elsewhere].map((e) => ({ __typename: 'LegalEntity', creditCode: e.creditCode })),
      '... on LegalEntity { creditCode }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([{ creditCode: registeredHome.creditCode }, { creditCode: operatesHome.creditCode }, null]);
    const lookup = await confined.run('query ($c: CreditCode!) { legalEntity(creditCode: $c) { creditCode } }', { c: elsewhere.creditCode });
    expect(lookup.data!.legalEntity).toBeNull();
    expect(lookup.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const many = await confined.run('query ($c: [CreditCode!]!) { legalEntities(creditCodes: $c) { creditCode } }', { c: [elsewhere.creditCode, registeredHome.creditCode] });
    expect(many.data!.legalEntities).toEqual([null, { creditCode: registeredHome.creditCode }]);
  });

  it('shows only the represented entities in scope', async () => {
    const query = '... on Person { representedEntities { creditCode } }';
    const scoped = await confined.entities([{ __typename: 'Person', ref: rep }], query);
    expect(scoped.data!._entities).toEqual([{ representedEntities: [{ creditCode: registeredHome.creditCode }] }]);
    const unconfined = await client.entities([{ __typename: 'Person', ref: rep }], query);
    expect(unconfined.data!._entities[0].representedEntities).toHaveLength(2);
  });

  it('keeps both address indexes for confined building and district queries', async () => {
    const plan = await explainStatements(db, async (explaining) => {
      const repository = createEntitiesRepository(explaining, [HOME]);
      await repository.entityPages([{ code: `${HOME}01SCOPE`, status: null, first: 20, after: null }, { code: '449900', status: 'ACTIVE', first: 20, after: null }]);
      await repository.entityCounts([{ code: `${HOME}01SCOPE`, status: null }, { code: '449900', status: null }]);
    });
    // the district key is a statement of its own for pages (isWideSubtree); its count is the
    // summary row of the viewer's one community
    expect(plan).toHaveLength(4);
    expect(plan[2]).toContain('entity_total_pkey');
    for (const p of [plan[0], plan[1], plan[3]]) {
      expect(p).toContain('legal_entity_business_idx');
      expect(p).toContain('legal_entity_registered_idx');
      expect(p).not.toMatch(/Seq Scan on legal_entity/);
    }
  });
});
