/**
 * The buildings subgraph (standard address registry) against the fixture database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbQueryCount } from '../lib/metrics.ts';
import { query as sql } from '../lib/db.ts';
import { bigrams, createAddressRepository } from '../subgraphs/buildings/repository.ts';
import { buildingsSubgraph } from '../subgraphs/buildings/server.ts';
import { SHOWCASE } from '../seeds/showcase.ts';
import { databaseNow, pause } from './support/bridge.ts';
import { openFixture } from './support/databases.ts';
import { explainStatements } from './support/explain.ts';
import { insertTestEstate } from './support/import-registry.ts';
import { subgraphClient } from './support/subgraph.ts';

const database = openFixture('buildings');
let client: Awaited<ReturnType<typeof subgraphClient>>;
beforeAll(async () => {
  client = await subgraphClient(buildingsSubgraph, database);
});
afterAll(async () => {
  await client.stop();
  await database.close();
});

describe('address lookups', () => {
  it('resolves every level of the showcase room with names, full name and parents', async () => {
    const res = await client.run(`query ($c: AddressCode!) {
      address(code: $c) { code level name fullName parent { code level } ancestors { code name }
        room { floor unit number use areaSquareMeters }
        building { address { code } estate designation type floorsAboveGround yearBuilt location { longitude latitude } aliases } }
    }`, { c: SHOWCASE.roomCode.toLowerCase() });
    expect(res.errors).toBeUndefined();
    const a = res.data!.address;
    expect(a).toMatchObject({ code: SHOWCASE.roomCode, level: 'ROOM', name: '1203房' });
    expect(a.fullName).toBe(SHOWCASE.roomFullName);
    expect(a.parent).toEqual({ code: SHOWCASE.buildingCode, level: 'BUILDING' });
    expect(a.ancestors.map((x: any) => x.code)).toEqual([
      SHOWCASE.districtCode, SHOWCASE.subdistrictCode, SHOWCASE.communityCode, SHOWCASE.gridCode, SHOWCASE.buildingCode,
    ]);
    expect(a.ancestors.map((x: any) => x.name).slice(0, 3)).toEqual(['福田区', '福田街道', '水围社区']);
    expect(a.room).toMatchObject({ floor: 12, number: '1203', use: 'RESIDENTIAL' });
    expect(a.room.areaSquareMeters).toBeGreaterThan(0);
    expect(a.building).toMatchObject({ address: { code: SHOWCASE.buildingCode }, estate: '水围村', designation: '28', type: 'URBAN_VILLAGE' });
    expect(a.building.location.longitude).toBeGreaterThan(113.9);
    expect(a.building.location.latitude).toBeLessThan(22.7);
  });

  it('gives building facts on buildings, none above, and room facts only on rooms', async () => {
    const res = await client.run(`{
      b: address(code: "${SHOWCASE.buildingCode}") { level room { number } building { designation } }
      c: address(code: "${SHOWCASE.communityCode}") { level room { number } building { designation } }
    }`);
    expect(res.data).toEqual({
      b: { level: 'BUILDING', room: null, building: { designation: '28' } },
      c: { level: 'COMMUNITY', room: null, building: null },
    });
  });

  it('looks up several codes in order, with null for unknown ones', async () => {
    const res = await client.run(`{ addresses(codes: ["${SHOWCASE.communityCode}", "440304999999", "440304"]) { code name } }`);
    expect(res.data!.addresses).toEqual([{ code: SHOWCASE.communityCode, name: '水围社区' }, null, { code: '440304', name: '福田区' }]);
  });

  it('reports an unknown code as ADDRESS_NOT_FOUND and a malformed one as INVALID_ADDRESS_CODE', async () => {
    const unknown = await client.run(`{ address(code: "440304999999") { code } }`);
    expect(unknown.data!.address).toBeNull();
    expect(unknown.errors![0].extensions!.code).toBe('ADDRESS_NOT_FOUND');
    const bad = await client.run(`query ($c: AddressCode!) { address(code: $c) { code } }`, { c: '4403040040280100028-01203' });
    expect(bad.errors![0].extensions!.code).toBe('INVALID_ADDRESS_CODE');
    expect(bad.errors![0].message).toMatch(/"-" at position 20/);
  });
});

describe('children', () => {
  it('pages through a building\'s rooms in code order, the pages adding up to the whole list', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let page = 0; page < 100; page++) {
      const res = await client.run(`query ($c: AddressCode!, $after: String) {
        address(code: $c) { children(first: 7, after: $after) { totalCount edges { cursor node { code level } } pageInfo { hasNextPage endCursor } } }
      }`, { c: SHOWCASE.buildingCode, after });
      const conn = res.data!.address.children;
      total = conn.totalCount;
      for (const e of conn.edges) {
        expect(e.node.level).toBe('ROOM');
        seen.push(e.node.code);
      }
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen).toEqual([...seen].sort());
    expect(seen).toContain(SHOWCASE.roomCode);
  });

  it('refuses a cursor it did not make and a page above 500', async () => {
    const cursor = await client.run(`{ address(code: "440304") { children(after: "not-a-cursor") { totalCount } } }`);
    expect(cursor.errors![0].extensions!.code).toBe('INVALID_CURSOR');
    const big = await client.run(`{ address(code: "440304") { children(first: 501) { totalCount } } }`);
    expect(big.errors![0].extensions!.code).toBe('PAGE_SIZE_EXCEEDED');
  });
});

describe('search', () => {
  it('finds the showcase building by estate and designation, the building before its rooms', async () => {
    const res = await client.run(`{ searchAddresses(query: "水围村28栋", first: 5) { code level } }`);
    expect(res.data!.searchAddresses[0]).toEqual({ code: SHOWCASE.buildingCode, level: 'BUILDING' });
  });

  it('filters by level and normalizes full-width input', async () => {
    const res = await client.run(`{ searchAddresses(query: "水围村２８栋１２０３", level: ROOM) { code } }`);
    expect(res.data!.searchAddresses.map((a: any) => a.code)).toContain(SHOWCASE.roomCode);
  });

  it('needs at least two characters', async () => {
    const res = await client.run(`{ searchAddresses(query: "水") { code } }`);
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });
});

describe('_entities contract for Address @key(fields: "code")', () => {
  it('resolves representations in order, null for unknown and malformed codes', async () => {
    const res = await client.entities(
      [
        { __typename: 'Address', code: SHOWCASE.roomCode },
        { __typename: 'Address', code: '440304999999' },
        { __typename: 'Address', code: 'garbage' },
        { __typename: 'Address', code: SHOWCASE.communityCode },
      ],
      '... on Address { code level name }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toEqual([
      { code: SHOWCASE.roomCode, level: 'ROOM', name: '1203房' },
      null,
      null,
      { code: SHOWCASE.communityCode, level: 'COMMUNITY', name: '水围社区' },
    ]);
  });

  it('batches: 100 representations with their children cost the same statements as 1', async () => {
    const rooms = await sql<{ code: string }>(database.knex, `SELECT code FROM buildings.address WHERE parent_code = ? ORDER BY code LIMIT 100`, [SHOWCASE.buildingCode]);
    const selection = '... on Address { name fullName parent { name } children(first: 3) { totalCount edges { node { code } } } }';
    const cost = async (codes: string[]) => {
      const before = await dbQueryCount('buildings');
      const res = await client.entities(codes.map((code) => ({ __typename: 'Address', code })), selection);
      expect(res.errors).toBeUndefined();
      return (await dbQueryCount('buildings')) - before;
    };
    const one = await cost([rooms[0].code]);
    const many = await cost(rooms.map((r) => r.code));
    expect(many).toBe(one);
    expect(many).toBeLessThanOrEqual(4);
  });
});

describe('indexes serve the queries the resolvers make (EXPLAIN)', () => {
  // The fixture is small enough that the planner may prefer a sequential scan; disabling seq
  // scans inside a transaction asks whether an index *can* serve the query, which is the point.
  async function plan(statement: string, bindings: (string | number)[]): Promise<string> {
    return database.knex.transaction(async (trx) => {
      await trx.raw('SET LOCAL enable_seqscan = off');
      const res = await trx.raw(`EXPLAIN ${statement}`, bindings);
      return res.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
    });
  }

  it('a subtree (prefix range) is a range scan on the primary key', async () => {
    const p = await plan(`SELECT code FROM buildings.address WHERE code >= ? AND code < ?`, [SHOWCASE.communityCode, '440304004029']);
    expect(p).toMatch(/Index (Only )?Scan using address_pkey/);
  });

  it('children use (parent_code, code)', async () => {
    const p = await plan(`SELECT code FROM buildings.address WHERE parent_code = ? AND code > ? ORDER BY code LIMIT 51`, [SHOWCASE.buildingCode, '']);
    expect(p).toContain('address_parent_idx');
  });

  it('search uses the bigram GIN index', async () => {
    const p = await plan(`SELECT code FROM buildings.address a WHERE a.search_grams @> ?::text[] AND a.search_text LIKE ?`, [`{${bigrams('水围村28栋').join(',')}}`, '%水围村28栋%']);
    expect(p).toContain('address_search_grams_idx');
  });

  it('computes the query bigrams in one pass exactly as buildings.bigrams() indexes them', async () => {
    // the SQL function walks substr(t, i, 2) from the start of a UTF-8 text each time: quadratic
    // in the length, so a search computes them itself; both must agree or matches are lost
    for (const text of ['水围村28栋', '深南大道1006号', 'ab', 'a', '', '𠀋𠀌村村村', 'Ａ座Ｂ座', 'x'.repeat(300) + '水围'.repeat(50)]) {
      const [row] = await sql<{ grams: string[] }>(database.knex, 'SELECT buildings.bigrams(?) AS grams', [text]);
      expect([...bigrams(text)].sort(), text.slice(0, 20)).toEqual([...row.grams].sort());
    }
  });
});

describe('schematic areas for maps (Address.area)', () => {
  /** Whether p lies inside or on the convex polygon `ring` (corners in order, either winding). */
  function inside(ring: { longitude: number; latitude: number }[], p: { longitude: number; latitude: number }): boolean {
    let sign = 0;
    for (let i = 0; i < ring.length; i++) {
      const a = ring[i];
      const b = ring[(i + 1) % ring.length];
      const cross = (b.longitude - a.longitude) * (p.latitude - a.latitude) - (b.latitude - a.latitude) * (p.longitude - a.longitude);
      if (Math.abs(cross) < 1e-12) continue;
      if (sign === 0) sign = Math.sign(cross);
      else if (Math.sign(cross) !== sign) return false;
    }
    return true;
  }

  it('draws a community as the hull of its located buildings: every building inside, counted, centred', async () => {
    const res = await client.run(`query($code: AddressCode!) { address(code: $code) { area { ring { longitude latitude } center { longitude latitude } buildingCount } } }`, { code: SHOWCASE.communityCode });
    expect(res.errors).toBeUndefined();
    const area = (res.data as any).address.area;
    const located = await sql<{ longitude: number; latitude: number }>(database.knex,
      `SELECT longitude, latitude FROM buildings.address WHERE code >= ? AND code < ? AND level = 'BUILDING' AND longitude IS NOT NULL AND latitude IS NOT NULL`,
      [SHOWCASE.communityCode, '440304004029']);
    expect(located.length).toBeGreaterThanOrEqual(3);
    expect(area.buildingCount).toBe(located.length);
    expect(area.ring.length).toBeGreaterThanOrEqual(3);
    expect(area.ring.length).toBeLessThanOrEqual(located.length);
    for (const p of located) expect(inside(area.ring, { longitude: Number(p.longitude), latitude: Number(p.latitude) }), `${p.longitude},${p.latitude}`).toBe(true);
    // every corner is one of the buildings
    for (const corner of area.ring) expect(located.some((p) => Number(p.longitude) === corner.longitude && Number(p.latitude) === corner.latitude)).toBe(true);
    expect(inside(area.ring, area.center)).toBe(true);
  });

  it('has none at building and room level', async () => {
    const res = await client.run(`{ b: address(code: "${SHOWCASE.buildingCode}") { area { buildingCount } } r: address(code: "${SHOWCASE.roomCode}") { area { buildingCount } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ b: { area: null }, r: { area: null } });
  });

  it('batches: the areas of every community of the district cost three statements, and two once kept', async () => {
    const communities = await sql<{ code: string }>(database.knex, `SELECT code FROM buildings.address WHERE level = 'COMMUNITY' ORDER BY code`);
    const cost = async (codes: string[]) => {
      const before = await dbQueryCount('buildings');
      const res = await client.entities(codes.map((code) => ({ __typename: 'Address', code })), '... on Address { area { buildingCount ring { longitude } } }');
      expect(res.errors).toBeUndefined();
      return (await dbQueryCount('buildings')) - before;
    };
    expect(communities.length).toBeGreaterThan(1);
    // the entities' rows, the registry's version, then the points of every community not kept yet in one statement
    expect(await cost(communities.map((c) => c.code))).toBe(3);
    // kept: the rows and the version, no points
    expect(await cost(communities.map((c) => c.code))).toBe(2);
  });

  it('draws a kept area afresh as soon as a registry row changes', async () => {
    const ask = async () => {
      const res = await client.run(`query($code: AddressCode!) { address(code: $code) { area { ring { longitude latitude } buildingCount } } }`, { code: SHOWCASE.communityCode });
      expect(res.errors).toBeUndefined();
      return (res.data as any).address.area as { ring: { longitude: number; latitude: number }[]; buildingCount: number };
    };
    const before = await ask();
    const [moved] = await sql<{ longitude: number; latitude: number }>(database.knex, `SELECT longitude, latitude FROM buildings.address WHERE code = ?`, [SHOWCASE.buildingCode]);
    // the showcase building moves 0.1° east of every other building of its community: a corner
    const east = Math.max(...before.ring.map((p) => p.longitude)) + 0.1;
    await database.knex('buildings.address').where('code', SHOWCASE.buildingCode).update({ longitude: east });
    try {
      const after = await ask();
      expect(after.buildingCount).toBe(before.buildingCount);
      expect(after.ring.some((p) => p.longitude === east)).toBe(true);
    } finally {
      await database.knex('buildings.address').where('code', SHOWCASE.buildingCode).update({ longitude: moved.longitude });
    }
    expect(await ask()).toEqual(before);
  });
});

describe('addressesUnder(updatedSince:): the rows changed since a watermark (the room rules, incremental)', () => {
  it('answers two watermarks asked in one request, each by its own, with the count', async () => {
    const estate = await insertTestEstate(database);
    const [room, other] = estate.buildings[0].rooms;
    const first = await databaseNow(database.knex);
    await pause(5);
    await database.knex('buildings.address').where({ code: room.code }).update({ area_m2: 12 });
    const second = await databaseNow(database.knex);
    await pause(5);
    await database.knex('buildings.address').where({ code: other.code }).update({ area_m2: 30 });
    const result = await client.run(
      `query ($c: AddressCode!, $first: DateTime!, $second: DateTime!) {
        sinceFirst: addressesUnder(code: $c, levels: [ROOM], updatedSince: $first) { totalCount edges { node { code } } }
        sinceSecond: addressesUnder(code: $c, levels: [ROOM], updatedSince: $second) { totalCount edges { node { code } } }
        all: addressesUnder(code: $c, levels: [ROOM]) { totalCount }
      }`,
      { c: estate.community.code, first: first.toISOString(), second: second.toISOString() },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.sinceFirst).toEqual({ totalCount: 2, edges: [{ node: { code: room.code } }, { node: { code: other.code } }] });
    expect(result.data!.sinceSecond).toEqual({ totalCount: 1, edges: [{ node: { code: other.code } }] });
    expect(result.data!.all.totalCount).toBe(6);
  });

  it('range-scans address_updated_idx from the watermark, not address_pkey over the subtree', async () => {
    await database.knex.raw('ANALYZE buildings.address');
    const since = new Date(Date.now() + 86_400_000).toISOString();
    const plans = await explainStatements(database, async (explaining) => {
      const repository = createAddressRepository(explaining);
      await repository.changedSubtreePages([{ root: '440304', levels: ['ROOM'], updatedSince: since, first: 500, after: null }]);
      await repository.changedSubtreeCounts([{ root: '440304', levels: ['ROOM'], updatedSince: since }]);
    });
    expect(plans).toHaveLength(2);
    for (const plan of plans) expect(plan).toMatch(/address_updated_idx[\s\S]*Index Cond: \(\(?updated_at >= '/);
  });
});
