/**
 * Address.entities as the BI bridge reads it: a whole district by credit code in pages of up to
 * 5000, the kind / updatedSince / updatedBefore filters beside status, updatedAt kept by the
 * trigger, community scoping, and the plan of the district-level walk.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../lib/auth/scopes.ts';
import { createEntitiesRepository, type LegalEntityRow } from '../subgraphs/entities/repository.ts';
import { entitiesSubgraph } from '../subgraphs/entities/server.ts';
import { BRIDGE_DISTRICTS, buildingIn, communityIn, databaseNow, pause, roomIn, windowsAtOnce } from './support/bridge.ts';
import { openFixture } from './support/databases.ts';
import { insertLegalEntity } from './support/entities-factories.ts';
import { explainStatements } from './support/explain.ts';
import { subgraphClient } from './support/subgraph.ts';

const database = openFixture('entities');
let client: Awaited<ReturnType<typeof subgraphClient>>;
let confined: Awaited<ReturnType<typeof subgraphClient>>;

const district = BRIDGE_DISTRICTS.entities;
const community1 = communityIn(`${district}111`);
const community2 = communityIn(`${district}222`);
const room1 = roomIn(buildingIn(community1));
const room2 = roomIn(buildingIn(community2));

const entities: LegalEntityRow[] = [];
let afterInsert: Date;
let touched: string;

beforeAll(async () => {
  client = await subgraphClient(entitiesSubgraph, database);
  confined = await subgraphClient(entitiesSubgraph, database, { ...SYSTEM, communities: [community1] });
  const kinds = ['COMPANY', 'INDIVIDUAL_BUSINESS', 'SOCIAL_ORGANIZATION', 'COMPANY', 'PUBLIC_INSTITUTION', 'COMPANY', 'INDIVIDUAL_BUSINESS'] as const;
  for (const [i, kind] of kinds.entries()) {
    // entity 0 is registered in community 1 and operates in community 2: listed once at district level
    entities.push(await insertLegalEntity(database, {
      kind,
      registeredAddressCode: i % 2 === 0 ? room1 : room2,
      businessAddressCode: i === 0 ? room2 : null,
    }));
  }
  afterInsert = await databaseNow(database.knex);
  await pause(5);
  touched = entities[3].creditCode;
  await database.knex('entities.legal_entity').where({ credit_code: touched }).update({ status: 'REVOKED' });
});

afterAll(async () => {
  await database.knex('entities.legal_entity').whereIn('credit_code', entities.map((e) => e.creditCode)).delete();
  await client?.stop();
  await confined?.stop();
  await database.close();
});

type Page = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { creditCode: string; updatedAt: string } }[] };

async function page(code: string, args: Record<string, unknown>, as = client): Promise<Page> {
  const result = await as.run(
    `query ($r: [_Any!]!, $first: Int, $after: String, $kind: [LegalEntityKind!], $status: LegalEntityStatus, $updatedSince: DateTime, $updatedBefore: DateTime) {
      _entities(representations: $r) { ... on Address {
        entities(first: $first, after: $after, kind: $kind, status: $status, updatedSince: $updatedSince, updatedBefore: $updatedBefore) {
          totalCount pageInfo { hasNextPage endCursor } edges { node { creditCode updatedAt } }
        }
      } } }`,
    { r: [{ __typename: 'Address', code }], first: null, after: null, kind: null, status: null, updatedSince: null, updatedBefore: null, ...args },
  );
  expect(result.errors).toBeUndefined();
  return result.data!._entities[0].entities;
}

async function pageThrough(code: string, first: number, args: Record<string, unknown> = {}, as = client) {
  const codes: string[] = [];
  let after: string | null = null;
  for (let pages = 1; ; pages++) {
    const p: Page = await page(code, { ...args, first, after }, as);
    codes.push(...p.edges.map((e) => e.node.creditCode));
    if (!p.pageInfo.hasNextPage) return { codes, pages, totalCount: p.totalCount };
    after = p.pageInfo.endCursor;
  }
}

const sorted = (codes: string[]) => [...codes].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

describe('Address.entities for the bridge', () => {
  it('pages a district and a community by credit code to the end, an entity at two addresses once', async () => {
    const all = sorted(entities.map((e) => e.creditCode));
    expect((await page(district, { first: 5000 })).edges.map((e) => e.node.creditCode)).toEqual(all);
    const inDistrict = await pageThrough(district, 3);
    expect(inDistrict).toEqual({ codes: all, pages: 3, totalCount: 7 });
    const inCommunity2 = await pageThrough(community2, 2);
    expect(inCommunity2.codes).toEqual(sorted(entities.filter((e, i) => i % 2 === 1 || i === 0).map((e) => e.creditCode)));
    expect(inCommunity2.totalCount).toBe(4);
  });

  it('filters by kind, alone and with status, in the list and the count', async () => {
    const companies = await pageThrough(district, 5000, { kind: ['COMPANY'] });
    expect(companies.codes).toEqual(sorted(entities.filter((e) => e.kind === 'COMPANY').map((e) => e.creditCode)));
    expect(companies.totalCount).toBe(3);
    expect((await pageThrough(district, 5000, { kind: ['COMPANY', 'PUBLIC_INSTITUTION'] })).totalCount).toBe(4);
    expect(await pageThrough(district, 5000, { kind: ['COMPANY'], status: 'REVOKED' })).toEqual({ codes: [touched], pages: 1, totalCount: 1 });
    expect((await pageThrough(room1, 5000, { kind: ['COMPANY'] })).totalCount).toBe(1);
  });

  it('filters by updatedSince and updatedBefore', async () => {
    expect(await pageThrough(district, 5000, { updatedSince: afterInsert.toISOString() })).toEqual({ codes: [touched], pages: 1, totalCount: 1 });
    const before = await pageThrough(district, 2, { updatedBefore: afterInsert.toISOString() });
    expect(before.codes).toEqual(sorted(entities.map((e) => e.creditCode).filter((c) => c !== touched)));
    const bad = await client.run(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Address { entities(updatedSince: "2026-02-01T00:00:00Z", updatedBefore: "2026-02-01T00:00:00Z") { totalCount } } } }`,
      { r: [{ __typename: 'Address', code: district }] },
    );
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0].message).toContain('"updatedBefore"');
  });

  it('bumps updatedAt on a change, not on a no-op update, and keeps entityCount(status) as it was', async () => {
    const creditCode = entities[6].creditCode;
    const updatedAt = async () => ((await client.run(`query ($c: CreditCode!) { legalEntity(creditCode: $c) { updatedAt } }`, { c: creditCode })).data!.legalEntity.updatedAt as string);
    const first = await updatedAt();
    await pause(5);
    await database.knex('entities.legal_entity').where({ credit_code: creditCode }).update({ kind: 'INDIVIDUAL_BUSINESS' });
    expect(await updatedAt()).toBe(first);
    await database.knex('entities.legal_entity').where({ credit_code: creditCode }).update({ industry: '零售业' });
    expect(Date.parse(await updatedAt())).toBeGreaterThan(Date.parse(first));
    const count = await client.run(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Address { entityCount(status: REVOKED) } } }`, { r: [{ __typename: 'Address', code: district }] });
    expect(count.data!._entities[0].entityCount).toBe(1);
  });

  it('shows a confined viewer only entities registered or operating in its communities', async () => {
    const { codes, totalCount } = await pageThrough(district, 2, {}, confined);
    expect(codes).toEqual(sorted(entities.filter((_, i) => i % 2 === 0).map((e) => e.creditCode)));
    expect(totalCount).toBe(4);
  });

  it('walks legal_entity_pkey from the cursor for the district-level page', async () => {
    const [plan] = await explainStatements(database, (explaining) =>
      createEntitiesRepository(explaining).entityPages([{ code: '440304', status: null, first: 10, after: '91440304' }]));
    expect(plan).toContain('legal_entity_pkey');
    expect(plan).not.toMatch(/Sort|Seq Scan/);
    const [count] = await explainStatements(database, (explaining) =>
      createEntitiesRepository(explaining).entityCounts([{ code: '440304', status: null, updatedSince: new Date(Date.now() + 86_400_000) }]));
    expect(count).toContain('legal_entity_updated_idx');
  });
});

describe('rows changed since a watermark, at community level (one batched statement per window)', () => {
  it('answers two windows asked in one request, each by its own', async () => {
    const mark = await databaseNow(database.knex);
    await pause(5);
    const edited = entities[5].creditCode;
    await database.knex('entities.legal_entity').where({ credit_code: edited }).update({ industry: '批发业' });
    const at = await windowsAtOnce(client, 'entities', 'creditCode', community2, mark);
    expect(at.changed).toEqual({ totalCount: 1, edges: [{ node: { creditCode: edited } }] });
    expect(at.all.totalCount).toBe(4);
    expect(at.unchanged.totalCount).toBe(3);
    expect(at.unchanged.edges.map((e) => e.node.creditCode)).not.toContain(edited);
  });

  it('range-scans legal_entity_updated_idx from the watermark', async () => {
    await database.knex.raw('ANALYZE entities.legal_entity');
    const since = new Date(Date.now() + 86_400_000);
    const plans = await explainStatements(database, async (explaining) => {
      const repository = createEntitiesRepository(explaining);
      await repository.entityPages([{ code: community2, status: null, updatedSince: since, first: 500, after: null }]);
      await repository.entityCounts([{ code: community2, status: null, updatedSince: since }]);
    });
    expect(plans).toHaveLength(2);
    for (const plan of plans) expect(plan).toMatch(/legal_entity_updated_idx[\s\S]*Index Cond: \(updated_at >= '/);
  });
});
