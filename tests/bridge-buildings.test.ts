/**
 * Query.addressesUnder and Address.ancestor(level), as the BI bridge reads the registry: every
 * address of the district in code order in pages of up to 5000, levels filter, an unknown root,
 * and ancestors of a whole page loaded in one statement. The seeded district 440304 is read-only
 * for every test (made-up registry rows go under 449900), so it is compared with SQL directly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../lib/db.ts';
import { dbQueryCount } from '../lib/metrics.ts';
import { SHOWCASE } from '../seeds/showcase.ts';
import { createAddressRepository } from '../subgraphs/buildings/repository.ts';
import { buildingsSubgraph } from '../subgraphs/buildings/server.ts';
import { openFixture } from './support/databases.ts';
import { explainStatements } from './support/explain.ts';
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

const UNDER = `query ($code: AddressCode!, $levels: [AddressLevel!], $first: Int, $after: String) {
  addressesUnder(code: $code, levels: $levels, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { code level } }
  }
}`;

/** Registry codes at or beneath `code` (of `levels`), in code order, straight from SQL. */
async function registry(code: string, levels: string[] | null = null): Promise<string[]> {
  const rows = await query<{ code: string }>(database.knex,
    `SELECT code FROM buildings.address WHERE left(code, ?) = ? AND (?::text[] IS NULL OR level = ANY(?::text[])) ORDER BY code`,
    [code.length, code, levels, levels]);
  return rows.map((r) => r.code);
}

async function pageThrough(code: string, first: number, levels: string[] | null = null) {
  const codes: string[] = [];
  let after: string | null = null;
  for (let pages = 1; ; pages++) {
    const result = await client.run(UNDER, { code, levels, first, after });
    expect(result.errors).toBeUndefined();
    const list = result.data!.addressesUnder;
    codes.push(...list.edges.map((e: { node: { code: string } }) => e.node.code));
    if (!list.pageInfo.hasNextPage) return { codes, pages, totalCount: list.totalCount as number };
    after = list.pageInfo.endCursor;
  }
}

describe('Query.addressesUnder', () => {
  it('lists the whole district, itself first, in code order: one page of 5000 or pages of 300 alike', async () => {
    const expected = await registry(SHOWCASE.districtCode);
    expect(expected.length).toBeGreaterThan(1000);
    const whole = await pageThrough(SHOWCASE.districtCode, 5000);
    expect(whole).toEqual({ codes: expected, pages: 1, totalCount: expected.length });
    expect(whole.codes[0]).toBe(SHOWCASE.districtCode);
    const paged = await pageThrough(SHOWCASE.districtCode, 300);
    expect(paged.codes).toEqual(expected);
    expect(paged.pages).toBe(Math.ceil(expected.length / 300));
  });

  it('keeps only the levels asked for, in the list and the count', async () => {
    const buildingsAndRooms = await registry(SHOWCASE.communityCode, ['BUILDING', 'ROOM']);
    expect(await pageThrough(SHOWCASE.communityCode, 40, ['ROOM', 'BUILDING'])).toMatchObject({ codes: buildingsAndRooms, totalCount: buildingsAndRooms.length });
    const rooms = await pageThrough(SHOWCASE.buildingCode, 5000, ['ROOM']);
    expect(rooms.codes).toEqual(await registry(SHOWCASE.buildingCode, ['ROOM']));
    expect(rooms.totalCount).toBe(rooms.codes.length);
    expect(rooms.codes).toContain(SHOWCASE.roomCode);
    expect((await pageThrough(SHOWCASE.roomCode, 10)).codes).toEqual([SHOWCASE.roomCode]);
  });

  it('gives null and ADDRESS_NOT_FOUND for an unknown code, and refuses bad pages and foreign cursors', async () => {
    const unknown = await client.run(UNDER, { code: '440304999' });
    expect(unknown.data!.addressesUnder).toBeNull();
    expect(unknown.errors?.[0].extensions?.code).toBe('ADDRESS_NOT_FOUND');
    expect((await client.run(UNDER, { code: SHOWCASE.districtCode, first: 5001 })).errors?.[0].extensions?.code).toBe('PAGE_SIZE_EXCEEDED');
    const children = await client.run(`{ address(code: "${SHOWCASE.districtCode}") { children(first: 1) { pageInfo { endCursor } } } }`);
    const foreign = await client.run(UNDER, { code: SHOWCASE.districtCode, after: children.data!.address.children.pageInfo.endCursor });
    expect(foreign.errors?.[0].extensions?.code).toBe('INVALID_CURSOR');
    const big = await client.run(`{ address(code: "${SHOWCASE.districtCode}") { children(first: 501) { totalCount } } }`);
    expect(big.errors?.[0].extensions?.code).toBe('PAGE_SIZE_EXCEEDED');
  });

  it('scans the primary key in code order from the cursor', async () => {
    const [plan] = await explainStatements(database, (explaining) =>
      createAddressRepository(explaining).subtreePages([{ root: SHOWCASE.districtCode, levels: null, first: 20, after: SHOWCASE.communityCode }]));
    expect(plan).toContain('address_pkey');
    // a Merge Append of the two forms (its "Sort Key" is an order kept, not a sort of rows); the one
    // Sort is the merge of the levels-above-rooms form's per-level ranges (at most first + 1 rows a
    // level; not run when every level is asked for), never of the subtree's rows
    expect(plan).not.toMatch(/Seq Scan/);
    const sorts = plan.split('\n').flatMap((line, i, lines) => (/(^|->\s+)Sort\b/.test(line) ? [lines.slice(i, i + 4).join('\n')] : []));
    for (const sort of sorts) expect(sort).toMatch(/Nested Loop[^\n]*\n\s*->\s+Function Scan on unnest l/);
  });

  it('lists levels above rooms from address_level_code_idx (pages) and address_above_room_idx (counts), never walking the rooms, and agrees with the registry', async () => {
    const [plan] = await explainStatements(database, (explaining) =>
      createAddressRepository(explaining).subtreePages([{ root: SHOWCASE.districtCode, levels: ['COMMUNITY'], first: 200, after: null }]));
    // the page reads the rows of the level asked for, not every row above rooms
    expect(plan).toContain('address_level_code_idx');
    expect(plan).not.toContain('address_above_room_idx');
    const [count] = await explainStatements(database, (explaining) =>
      createAddressRepository(explaining).subtreeCounts([{ root: SHOWCASE.districtCode, levels: ['COMMUNITY', 'GRID'] }]));
    expect(count).toContain('address_above_room_idx');
    for (const levels of [['COMMUNITY'], ['GRID', 'BUILDING'], ['SUBDISTRICT', 'ROOM']]) {
      const expected = await registry(SHOWCASE.districtCode, levels);
      expect(await pageThrough(SHOWCASE.districtCode, 37, levels)).toMatchObject({ codes: expected, totalCount: expected.length });
    }
  });
});

describe('Address.ancestor', () => {
  it('gives the ancestor at each level, itself at its own level, null below it', async () => {
    const result = await client.run(`query ($c: AddressCode!) { address(code: $c) {
      d: ancestor(level: DISTRICT) { code name } s: ancestor(level: SUBDISTRICT) { code } c: ancestor(level: COMMUNITY) { code name }
      g: ancestor(level: GRID) { code } b: ancestor(level: BUILDING) { code } r: ancestor(level: ROOM) { code }
      parent { ancestor(level: ROOM) { code } }
    } }`, { c: SHOWCASE.roomCode });
    expect(result.errors).toBeUndefined();
    expect(result.data!.address).toEqual({
      d: { code: SHOWCASE.districtCode, name: '福田区' },
      s: { code: SHOWCASE.subdistrictCode },
      c: { code: SHOWCASE.communityCode, name: '水围社区' },
      g: { code: SHOWCASE.gridCode },
      b: { code: SHOWCASE.buildingCode },
      r: { code: SHOWCASE.roomCode },
      parent: { ancestor: null },
    });
  });

  it('loads the ancestors of a 5000-row page in as many statements as of a single address', async () => {
    const selection = `query ($code: AddressCode!, $first: Int) { addressesUnder(code: $code, first: $first) {
      edges { node { code ancestor(level: COMMUNITY) { name } b: ancestor(level: BUILDING) { code } } } } }`;
    const statements = async (code: string, first: number) => {
      const before = await dbQueryCount('buildings');
      const result = await client.run(selection, { code, first });
      expect(result.errors).toBeUndefined();
      return { n: (await dbQueryCount('buildings')) - before, rows: result.data!.addressesUnder.edges.length as number };
    };
    const one = await statements(SHOWCASE.roomCode, 1);
    const page = await statements(SHOWCASE.districtCode, 5000);
    expect(one.rows).toBe(1);
    expect(page.rows).toBeGreaterThan(1000);
    expect(page.n).toBe(one.n);
  });
});
