/**
 * The summary tables (issue 12) equal a full recount of their base tables after the seed, after
 * imports (COPY + upsert, and a re-import that corrects kinds, statuses and addresses), after
 * direct corrections and deletes, and after event mutations. Each recount below is written
 * independently of the migrations' triggers, and runs in one statement with the comparison, so
 * rows other test files add at the same time cannot make it flaky.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../lib/auth/scopes.ts';
import { query, type Database, type Db } from '../lib/db.ts';
import type { DepartmentKind } from '../importer/formats.ts';
import { importFile } from '../importer/run.ts';
import { createEntitiesRepository } from '../subgraphs/entities/repository.ts';
import { createCaseRepository } from '../subgraphs/cases/repository.ts';
import { createEventMutations } from '../subgraphs/events/mutations.ts';
import { createEventRepository } from '../subgraphs/events/repository.ts';
import { createPeopleRepository } from '../subgraphs/people/repository.ts';
import { insertLegalEntity } from './support/entities-factories.ts';
import { explainStatements } from './support/explain.ts';
import { insertResident } from './support/people-factories.ts';
import { openFixture } from './support/databases.ts';
import { caseRow, csvText, entityRow, eventRow, personRow, shuffledColumns, writeCsv, type CsvRow } from './support/import-files.ts';
import { claimTestSubdistrict, insertTestEstate, type TestEstate } from './support/import-registry.ts';

type Dbs = Record<'buildings' | DepartmentKind, Database>;
const db = {} as Dbs;
let dir: string;
let place: TestEstate;
let other: TestEstate;

const GRID_AND_COMMUNITY = `(VALUES (12), (14)) AS l(level)`;

/** Each summary table with the recount of its base table (level, prefix, key columns..., n). */
const RECOUNTS: Record<DepartmentKind, { table: string; keys: string[]; recount: string }[]> = {
  people: [{
    table: 'people.resident_total',
    keys: ['household_type', 'relation'],
    recount: `SELECT l.level, left(r.address_code, l.level) AS prefix, p.household_type, r.relation, count(*) AS n
      FROM people.residence r JOIN people.person p ON p.id = r.person_id CROSS JOIN ${GRID_AND_COMMUNITY}
      WHERE r.until IS NULL GROUP BY 1, 2, 3, 4`,
  }],
  entities: [{
    table: 'entities.entity_total',
    keys: ['kind', 'status'],
    // an entity counts once under a prefix when either of its addresses lies there
    recount: `SELECT l.level, x.prefix, e.kind, e.status, count(DISTINCT e.credit_code) AS n
      FROM entities.legal_entity e CROSS JOIN (VALUES (6), (9), (12), (14)) AS l(level)
      CROSS JOIN LATERAL (VALUES (left(e.registered_address_code, l.level)), (left(e.business_address_code, l.level))) AS x(prefix)
      WHERE x.prefix IS NOT NULL GROUP BY 1, 2, 3, 4`,
  }],
  events: [
    {
      table: 'events.event_total',
      keys: ['kind', 'status'],
      recount: `SELECT l.level, left(e.address_code, l.level) AS prefix, e.kind, e.status, count(*) AS n
        FROM events.event e CROSS JOIN ${GRID_AND_COMMUNITY} GROUP BY 1, 2, 3, 4`,
    },
    {
      table: 'events.event_daily',
      keys: ['day', 'kind', 'status'],
      recount: `SELECT l.level, left(e.address_code, l.level) AS prefix, timezone('UTC', e.reported_at + interval '8 hours')::date AS day, e.kind, e.status, count(*) AS n
        FROM events.event e CROSS JOIN ${GRID_AND_COMMUNITY} GROUP BY 1, 2, 3, 4, 5`,
    },
  ],
  cases: [
    {
      table: 'cases.case_total',
      keys: ['kind', 'status', 'outcome'],
      recount: `SELECT l.level, left(c.address_code, l.level) AS prefix, c.kind, c.status, coalesce(c.outcome, '') AS outcome, count(*) AS n
        FROM cases.legal_case c CROSS JOIN ${GRID_AND_COMMUNITY} GROUP BY 1, 2, 3, 4, 5`,
    },
    {
      table: 'cases.case_daily',
      keys: ['day', 'kind', 'status', 'outcome'],
      recount: `SELECT l.level, left(c.address_code, l.level) AS prefix, c.filed_on AS day, c.kind, c.status, coalesce(c.outcome, '') AS outcome, count(*) AS n
        FROM cases.legal_case c CROSS JOIN ${GRID_AND_COMMUNITY} GROUP BY 1, 2, 3, 4, 5, 6`,
    },
  ],
};

/** Summary rows that differ from the recount (both sides shown), and how many rows were compared. */
async function differences(kind: DepartmentKind): Promise<{ mismatches: Record<string, unknown>[]; compared: number }> {
  let compared = 0;
  const mismatches: Record<string, unknown>[] = [];
  for (const { table, keys, recount } of RECOUNTS[kind]) {
    const using = ['level', 'prefix', ...keys].join(', ');
    const rows = await query<{ compared: number; mismatches: Record<string, unknown>[] | null }>(db[kind].knex, `
      WITH r AS (${recount}),
      -- a key's count is the sum of its shards (events and cases keep one row per key and shard)
      s AS (SELECT ${using}, sum(n) AS n FROM ${table} GROUP BY ${using}),
      j AS (SELECT ${using}, r.n AS recount, s.n AS summary FROM r FULL JOIN s USING (${using}))
      SELECT count(*)::int AS compared,
        json_agg(j) FILTER (WHERE coalesce(j.recount, 0) <> coalesce(j.summary, 0)) AS mismatches FROM j`);
    compared += rows[0].compared;
    mismatches.push(...(rows[0].mismatches ?? []).map((m) => ({ table, ...m })));
  }
  return { mismatches, compared };
}

async function expectExact(): Promise<void> {
  for (const kind of ['people', 'entities', 'events', 'cases'] as const) {
    const { mismatches, compared } = await differences(kind);
    expect(mismatches, kind).toEqual([]);
    expect(compared, kind).toBeGreaterThan(0);
  }
}

function run(kind: DepartmentKind, name: string, rows: readonly CsvRow[]) {
  const file = writeCsv(dir, name, csvText(shuffledColumns(kind), rows));
  return importFile({ kind, file, target: db[kind], buildings: db.buildings, migrate: false });
}

const room = (e: TestEstate, b: number, r: number) => e.roomText(e.buildings[b], e.buildings[b].rooms[r]);

beforeAll(async () => {
  for (const s of ['buildings', 'people', 'entities', 'events', 'cases'] as const) db[s] = openFixture(s);
  place = await insertTestEstate(db.buildings);
  other = await insertTestEstate(db.buildings);
  dir = mkdtempSync(path.join(os.tmpdir(), 'summaries-test-'));
});

afterAll(async () => {
  for (const d of Object.values(db)) await d.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('summaries equal a full recount', () => {
  it('after the seed (the migration backfills, the seed COPY goes through the triggers)', async () => {
    await expectExact();
  });

  let people: CsvRow[];
  let entities: CsvRow[];
  let events: CsvRow[];
  let cases: CsvRow[];

  it('after imports of every kind (COPY into staging, then the upsert)', async () => {
    people = [0, 1, 2, 3].map((i) => personRow(room(place, i % 2, i % 3), { household_type: i % 2 ? 'REGISTERED' : 'MIGRANT', relation: i % 2 ? 'OWNER' : 'TENANT' }));
    entities = [0, 1, 2].map((i) => entityRow(room(place, 0, i), room(i === 2 ? other : place, 1, i), { status: i ? 'ACTIVE' : 'REVOKED' }));
    events = [0, 1, 2, 3, 4].map((i) => eventRow(room(place, i % 2, 0), {
      kind: i % 2 ? 'DISPUTE' : 'FIRE_HAZARD', status: 'REPORTED', resolved_at: '',
      // the last one just after midnight in China Standard Time: still 1 March in UTC, 2 March here
      reported_at: i === 4 ? '2026-03-02T00:30:00+08:00' : `2026-03-0${i + 1}T08:00:00+08:00`,
    }));
    cases = [0, 1, 2].map((i) => caseRow(room(place, 0, i), { filed_on: `2026-01-1${i}` }));
    expect(await run('people', 'people.csv', people)).toMatchObject({ inserted: 4 });
    expect(await run('entities', 'entities.csv', entities)).toMatchObject({ inserted: 3 });
    expect(await run('events', 'events.csv', events)).toMatchObject({ inserted: 5 });
    expect(await run('cases', 'cases.csv', cases)).toMatchObject({ inserted: 3 });
    await expectExact();
  });

  it('after a re-import that corrects kinds, statuses, outcomes and addresses', async () => {
    expect(await run('people', 'people-2.csv', [{ ...people[0], household_type: 'REGISTERED', address: room(other, 0, 0) }, { ...people[1], relation: 'FAMILY' }])).toMatchObject({ updated: 2 });
    expect(await run('entities', 'entities-2.csv', [{ ...entities[0], status: 'ACTIVE', kind: 'INDIVIDUAL_BUSINESS' }, { ...entities[1], business_address: room(other, 0, 1) }])).toMatchObject({ updated: 2 });
    expect(await run('events', 'events-2.csv', [
      { ...events[0], kind: 'SAFETY_HAZARD' },
      { ...events[1], status: 'RESOLVED', resolved_at: '2026-03-05T08:00:00+08:00' },
      { ...events[2], address: room(other, 1, 1) },
    ])).toMatchObject({ updated: 3 });
    expect(await run('cases', 'cases-2.csv', [{ ...cases[0], outcome: 'FAILED' }, { ...cases[1], status: 'FILED', closed_on: '', outcome: '', address: room(other, 0, 0) }])).toMatchObject({ updated: 2 });
    await expectExact();
  });

  it('after direct corrections: kind, status, address, household type, a residence ended', async () => {
    const ids = events.map((e) => e.event_id);
    await db.events.knex.raw(`UPDATE events.event SET kind = 'OTHER' WHERE id = ANY(?::text[])`, [ids.slice(0, 2)]);
    await db.events.knex.raw(`UPDATE events.event SET address_code = ?, reported_at = reported_at - interval '40 days' WHERE id = ?`, [other.buildings[0].code, ids[3]]);
    await db.cases.knex.raw(`UPDATE cases.legal_case SET kind = 'PETITION', filed_on = filed_on - 3 WHERE id = ?`, [cases[2].case_id]);
    await db.people.knex.raw(`UPDATE people.person SET household_type = 'MIGRANT' WHERE id = ANY(?::text[])`, [people.map((p) => p.person_id)]);
    await db.people.knex.raw(`UPDATE people.residence SET until = '2026-06-30' WHERE person_id = ?`, [people[3].person_id]);
    await db.people.knex.raw(`UPDATE people.residence SET address_code = ? WHERE person_id = ?`, [other.buildings[1].code, people[2].person_id]);
    await db.entities.knex.raw(`UPDATE entities.legal_entity SET registered_address_code = NULL WHERE credit_code = ?`, [entities[2].credit_code]);
    await expectExact();
  });

  it('after event mutations: a report and an assignment', async () => {
    const mutations = createEventMutations({ subgraph: 'events', db: db.events.knex, viewer: SYSTEM, request: null, standardizer: null });
    const reported = await mutations.report({ kind: 'FIRE_HAZARD', source: 'APP', severity: 'HIGH', description: '电动车楼道充电', address: { code: place.buildings[0].rooms[0].code } });
    expect(reported.userErrors).toEqual([]);
    await expectExact();
    const assigned = await mutations.assign({ id: reported.event!.id, version: 1, assignee: { unit: '消防站' } });
    expect(assigned.userErrors).toEqual([]);
    await expectExact();
  });

  it('after concurrent reports and assignments into one community (one summary row per key and connection shard)', async () => {
    const mutations = createEventMutations({ subgraph: 'events', db: db.events.knex, viewer: SYSTEM, request: null, standardizer: null });
    const code = place.buildings[1].rooms[0].code;
    const reported = await Promise.all(Array.from({ length: 8 }, (_, i) =>
      mutations.report({ kind: 'DISPUTE', source: 'APP', severity: 'LOW', description: `邻里纠纷 ${i}`, address: { code } })));
    expect(reported.flatMap((r) => r.userErrors)).toEqual([]);
    const assigned = await Promise.all(reported.map((r) => mutations.assign({ id: r.event!.id, version: 1, assignee: { unit: '人民调解委员会' } })));
    expect(assigned.flatMap((r) => r.userErrors)).toEqual([]);
    await expectExact();
    const [{ n, shards }] = await query<{ n: number; shards: number }>(db.events.knex,
      `SELECT sum(n)::int AS n, count(DISTINCT shard)::int AS shards FROM events.event_total WHERE level = 12 AND prefix = ? AND kind = 'DISPUTE' AND status = 'ASSIGNED'`,
      [code.slice(0, 12)]);
    expect(n).toBeGreaterThanOrEqual(8);
    // on PostgreSQL the fixture's pool has several connections, each with a shard of its own
    if (db.events.kind === 'postgres') expect(shards).toBeGreaterThan(1);
  });

  it('after deletes', async () => {
    await db.events.knex.raw(`DELETE FROM events.event WHERE id = ANY(?::text[])`, [events.map((e) => e.event_id)]);
    await db.cases.knex.raw(`DELETE FROM cases.legal_case WHERE id = ANY(?::text[])`, [cases.map((c) => c.case_id)]);
    await db.people.knex.raw(`DELETE FROM people.residence WHERE person_id = ANY(?::text[])`, [people.map((p) => p.person_id).slice(0, 2)]);
    await db.entities.knex.raw(`DELETE FROM entities.legal_entity WHERE credit_code = ?`, [entities[1].credit_code]);
    await expectExact();
  });
});

describe('roll-ups above building level read the summaries and keep exact results', () => {
  // a fresh subdistrict with two communities; grid 01 in each. Claimed in the registry first, as
  // insertTestEstate claims its own, so no other test file's estate lands beneath it
  let subdistrict = '';
  let [a, b] = ['', ''];
  const room = (community: string, r: string) => `${community}01SUMS1${r}`;

  beforeAll(async () => {
    subdistrict = (await claimTestSubdistrict(db.buildings)).code;
    [a, b] = ['501', '502'].map((c) => `${subdistrict}${c}`);
    // e1: registered in A, operating in B (counts once in the subdistrict); e2: A only; e3: B, revoked
    await insertLegalEntity(db.entities, { registeredAddressCode: room(a, '000101'), businessAddressCode: room(b, '000101') });
    await insertLegalEntity(db.entities, { registeredAddressCode: room(a, '000102'), businessAddressCode: room(a, '000102') });
    await insertLegalEntity(db.entities, { registeredAddressCode: null, businessAddressCode: room(b, '000103'), status: 'REVOKED' });
    await insertResident(db.people, room(a, '000101'));
    await insertResident(db.people, room(a, '000102'));
    const { residence } = await insertResident(db.people, room(b, '000101'));
    await db.people.knex.raw(`UPDATE people.residence SET until = '2026-01-01' WHERE id = ?`, [residence.id]);
    await insertResident(db.people, room(b, '000102'));
  });

  it('counts an entity with addresses in two communities once in their subdistrict, for any viewer', async () => {
    const counts = (communities: string[] | null, codes: string[], status: 'ACTIVE' | null = null) =>
      createEntitiesRepository(db.entities.knex, communities).entityCounts(codes.map((code) => ({ code, status })));
    expect(await counts(null, [subdistrict, a, b, `${a}01`, `${b}01`])).toEqual([3, 2, 2, 2, 2]);
    expect(await counts(null, [subdistrict, b], 'ACTIVE')).toEqual([2, 1]);
    // confined: one community (its summary row), two (the base rows, deduplicated), none under the code
    expect(await counts([b], [subdistrict, a, b])).toEqual([2, 0, 2]);
    expect(await counts([a, b], [subdistrict])).toEqual([3]);
    expect(await counts([`${subdistrict}999`], [subdistrict, a])).toEqual([0, 0]);
  });

  it('counts current residents per grid, community and subdistrict, confined viewers their communities only', async () => {
    const counts = (communities: string[] | null, codes: string[]) => createPeopleRepository(db.people.knex, communities).residentCounts(codes);
    expect(await counts(null, [subdistrict, a, b, `${a}01`, room(a, '000101')])).toEqual([3, 2, 1, 2, 1]);
    expect(await counts([b], [subdistrict, a, b])).toEqual([1, 0, 1]);
  });
});

describe('district roll-ups read the summary indexes, not the base tables', () => {
  const DISTRICT = '440304';
  const trend = { code: DISTRICT, kinds: null, from: '2026-08-03', to: '2026-11-01', bucket: 'WEEK' as const };
  const cases: [DepartmentKind, (explaining: Db) => Promise<unknown>, string, RegExp][] = [
    ['people', (x) => createPeopleRepository(x).residentCounts([DISTRICT]), 'resident_total_pkey', /\bresidence\b/],
    ['entities', (x) => createEntitiesRepository(x).entityCounts([{ code: DISTRICT, status: null }]), 'entity_total_pkey', /\blegal_entity\b/],
    ['events', (x) => createEventRepository(x).eventCountsByStatusAndKind([{ code: DISTRICT, since: null }]), 'event_total_pkey', /\bevent\b/],
    ['events', (x) => createEventRepository(x).eventTrends([trend]), 'event_daily_pkey', /\bevent\b/],
    ['cases', (x) => createCaseRepository(x).caseCountsByStatusKindOutcome([{ code: DISTRICT, kinds: null, since: null }]), 'case_total_pkey', /\blegal_case\b/],
    ['cases', (x) => createCaseRepository(x).caseTrends([trend]), 'case_daily_pkey', /\blegal_case\b/],
  ];
  it.each(cases)('%s: %s', async (kind, run, index, base) => {
    const plans = await explainStatements(db[kind], run);
    expect(plans).toHaveLength(1);
    expect(plans[0]).toContain(index);
    expect(plans[0]).not.toMatch(base);
  });
});
