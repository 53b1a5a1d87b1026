/**
 * Address.cases as the BI bridge reads it: a whole district newest filing first in pages of up to
 * 5000, filedBefore / updatedSince / updatedBefore, updatedAt kept by the trigger, the parties it
 * flattens (role with a person key or an entity), community scoping, and the district-level index.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../lib/auth/scopes.ts';
import { createCaseRepository } from '../subgraphs/cases/repository.ts';
import { casesSubgraph } from '../subgraphs/cases/server.ts';
import { BRIDGE_DISTRICTS, buildingIn, communityIn, databaseNow, pause, roomIn, windowsAtOnce } from './support/bridge.ts';
import { deleteCases, freshCreditCode, insertCases } from './support/cases-factories.ts';
import { openFixture } from './support/databases.ts';
import { explainStatements } from './support/explain.ts';
import { subgraphClient } from './support/subgraph.ts';

const database = openFixture('cases');
let client: Awaited<ReturnType<typeof subgraphClient>>;
let confined: Awaited<ReturnType<typeof subgraphClient>>;

const district = BRIDGE_DISTRICTS.cases;
const community1 = communityIn(`${district}111`);
const community2 = communityIn(`${district}222`);
const room1 = roomIn(buildingIn(community1));
const room2 = roomIn(buildingIn(community2));
const creditCode = freshCreditCode();

const FILED = ['2026-01-01', '2026-01-02', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08'];
const inserted: { id: string; filedOn: string; code: string }[] = [];
let afterInsert: Date;
let touched: string;

const newestFirst = (a: { filedOn: string; id: string }, b: { filedOn: string; id: string }) =>
  a.filedOn !== b.filedOn ? (a.filedOn < b.filedOn ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;

beforeAll(async () => {
  client = await subgraphClient(casesSubgraph, database);
  confined = await subgraphClient(casesSubgraph, database, { ...SYSTEM, communities: [community1] });
  const cases = FILED.map((filedOn, i) => ({
    addressCode: i % 3 === 2 ? room2 : room1,
    filedOn,
    parties: i === 0 ? [{ role: 'APPLICANT' as const, personId: 'bridge-person-1' }, { role: 'RESPONDENT' as const, creditCode }] : [],
  }));
  const ids = await insertCases(database, cases);
  ids.forEach((id, i) => inserted.push({ id, filedOn: FILED[i], code: cases[i].addressCode }));
  afterInsert = await databaseNow(database.knex);
  await pause(5);
  touched = ids[4];
  await database.knex('cases.legal_case').where({ id: touched }).update({ summary: 'edited for the bridge test' });
});

afterAll(async () => {
  await deleteCases(database, inserted.map((c) => c.id));
  await client?.stop();
  await confined?.stop();
  await database.close();
});

type Page = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string } }[] };

async function page(code: string, args: Record<string, unknown>, as = client): Promise<Page> {
  const result = await as.run(
    `query ($r: [_Any!]!, $first: Int, $after: String, $since: Date, $filedBefore: Date, $updatedSince: DateTime, $updatedBefore: DateTime) {
      _entities(representations: $r) { ... on Address {
        cases(first: $first, after: $after, since: $since, filedBefore: $filedBefore, updatedSince: $updatedSince, updatedBefore: $updatedBefore) {
          totalCount pageInfo { hasNextPage endCursor } edges { node { id } }
        }
      } } }`,
    { r: [{ __typename: 'Address', code }], first: null, after: null, since: null, filedBefore: null, updatedSince: null, updatedBefore: null, ...args },
  );
  expect(result.errors).toBeUndefined();
  return result.data!._entities[0].cases;
}

async function pageThrough(code: string, first: number, args: Record<string, unknown> = {}, as = client) {
  const ids: string[] = [];
  let after: string | null = null;
  for (let pages = 1; ; pages++) {
    const p: Page = await page(code, { ...args, first, after }, as);
    ids.push(...p.edges.map((e) => e.node.id));
    if (!p.pageInfo.hasNextPage) return { ids, pages, totalCount: p.totalCount };
    after = p.pageInfo.endCursor;
  }
}

describe('Address.cases for the bridge', () => {
  it('pages a district, a subdistrict and a community newest filing first to the end, nothing twice or missing', async () => {
    const all = [...inserted].sort(newestFirst);
    expect((await page(district, { first: 5000 })).edges.map((e) => e.node.id)).toEqual(all.map((c) => c.id));
    for (const [code, expected] of [[district, all], [community1.slice(0, 9), all.filter((c) => c.code === room1)], [community2, all.filter((c) => c.code === room2)]] as const) {
      const { ids, pages, totalCount } = await pageThrough(code, 2);
      expect(ids, code).toEqual(expected.map((c) => c.id));
      expect(pages).toBe(Math.ceil(expected.length / 2));
      expect(totalCount).toBe(expected.length);
    }
  });

  it('filters by filedBefore (with since) and by updatedSince / updatedBefore', async () => {
    const before = await pageThrough(district, 5000, { filedBefore: '2026-01-04' });
    expect(before.totalCount).toBe(4);
    expect(before.ids.sort()).toEqual(inserted.filter((c) => c.filedOn < '2026-01-04').map((c) => c.id).sort());
    expect((await pageThrough(district, 5000, { since: '2026-01-02', filedBefore: '2026-01-04' })).totalCount).toBe(3);
    const since = await pageThrough(district, 5000, { updatedSince: afterInsert.toISOString() });
    expect(since.ids).toEqual([touched]);
    expect(since.totalCount).toBe(1);
    expect((await pageThrough(district, 3, { updatedBefore: afterInsert.toISOString() })).ids).toHaveLength(8);
  });

  it('refuses filedBefore not after since, and updatedBefore not after updatedSince', async () => {
    const bad = await client.run(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Address { cases(since: "2026-02-01", filedBefore: "2026-01-01") { totalCount } } } }`,
      { r: [{ __typename: 'Address', code: district }] },
    );
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0].message).toContain('"filedBefore"');
    const badWindow = await client.run(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Address { cases(updatedSince: "2026-02-01T00:00:00Z", updatedBefore: "2026-01-01T00:00:00Z") { totalCount } } } }`,
      { r: [{ __typename: 'Address', code: district }] },
    );
    expect(badWindow.errors?.[0].message).toContain('"updatedBefore"');
  });

  it('bumps updatedAt when a case changes, not on a no-op update', async () => {
    const id = inserted[8].id;
    const updatedAt = async () => ((await client.run(`query ($id: ID!) { case(id: $id) { updatedAt } }`, { id })).data!.case.updatedAt as string);
    const first = await updatedAt();
    await pause(5);
    await database.knex('cases.legal_case').where({ id }).update({ summary: 'test case' });
    expect(await updatedAt()).toBe(first);
    await database.knex('cases.legal_case').where({ id }).update({ status: 'ACCEPTED' });
    expect(Date.parse(await updatedAt())).toBeGreaterThan(Date.parse(first));
  });

  it('carries each party with its role and a person key or an entity', async () => {
    const result = await client.run(`query ($id: ID!) { case(id: $id) { parties { role entity { creditCode } } } }`, { id: inserted[0].id });
    expect(result.data!.case.parties).toEqual([{ role: 'APPLICANT', entity: null }, { role: 'RESPONDENT', entity: { creditCode } }]);
  });

  it('shows a confined viewer only its communities at district level', async () => {
    const { ids, totalCount } = await pageThrough(district, 2, {}, confined);
    const expected = inserted.filter((c) => c.code === room1).sort(newestFirst).map((c) => c.id);
    expect(ids).toEqual(expected);
    expect(totalCount).toBe(expected.length);
  });

  it('walks legal_case_filed_idx for the district-level page without sorting', async () => {
    for (const after of [null, ['2026-01-05', 'zzz'] as [string, string]]) {
      const [plan] = await explainStatements(database, (explaining) =>
        createCaseRepository(explaining).casePages([{ code: '440304', statuses: null, kinds: null, since: null, first: 10, after }]));
      expect(plan).toContain('legal_case_filed_idx');
      expect(plan).not.toMatch(/Sort|Seq Scan/);
    }
    const [count] = await explainStatements(database, (explaining) =>
      createCaseRepository(explaining).caseCounts([{ code: '440304', statuses: null, kinds: null, since: null, updatedSince: new Date(Date.now() + 86_400_000) }]));
    expect(count).toContain('legal_case_updated_idx');
  });
});

describe('rows changed since a watermark, at community level (one batched statement per window)', () => {
  it('answers two windows asked in one request, each by its own', async () => {
    const mark = await databaseNow(database.knex);
    await pause(5);
    const edited = inserted[5];
    await database.knex('cases.legal_case').where({ id: edited.id }).update({ summary: 'edited after the watermark' });
    const at = await windowsAtOnce(client, 'cases', 'id', community2, mark);
    expect(at.changed).toEqual({ totalCount: 1, edges: [{ node: { id: edited.id } }] });
    expect(at.all.totalCount).toBe(inserted.filter((c) => c.code === room2).length);
    expect(at.unchanged.totalCount).toBe(at.all.totalCount - 1);
    expect(at.unchanged.edges.map((e) => e.node.id)).not.toContain(edited.id);
  });

  it('range-scans legal_case_updated_idx from the watermark', async () => {
    await database.knex.raw('ANALYZE cases.legal_case');
    const since = new Date(Date.now() + 86_400_000);
    const plans = await explainStatements(database, async (explaining) => {
      const repository = createCaseRepository(explaining);
      await repository.casePages([{ code: community2, statuses: null, kinds: null, since: null, updatedSince: since, first: 500, after: null }]);
      await repository.caseCounts([{ code: community2, statuses: null, kinds: null, since: null, updatedSince: since }]);
    });
    expect(plans).toHaveLength(2);
    for (const plan of plans) expect(plan).toMatch(/legal_case_updated_idx[\s\S]*Index Cond: \(updated_at >= '/);
  });
});
