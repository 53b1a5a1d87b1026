/**
 * `npm run import` against the fixture database: every kind of department CSV with good rows
 * (addresses written as a department would, for registry rows the test creates) and every kind
 * of bad row, the quarantine and its reasons, idempotent re-runs, a fixed row leaving
 * quarantine, and the CLI's exit codes, output and report file.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query, type Database } from '../lib/db.ts';
import type { DepartmentKind } from '../importer/formats.ts';
import type { ImportReport } from '../importer/report.ts';
import { importFile, type ImportOptions } from '../importer/run.ts';
import type { QuarantineReason } from '../importer/types.ts';
import { writeDepartmentFiles } from '../seeds/departments.ts';
import { inject } from 'vitest';
import { runCli, type CliResult } from './support/cli.ts';
import { startChild } from './support/process.ts';
import { openFixture } from './support/databases.ts';
import { caseRow, csvText, entityRow, eventRow, freshId, idNumberFor, personRow, shuffledColumns, writeCsv, type CsvRow } from './support/import-files.ts';
import { insertTestEstate, type TestEstate } from './support/import-registry.ts';
import { insertPerson } from './support/people-factories.ts';
import { SYSTEM } from '../lib/auth/scopes.ts';
import { createEventMutations } from '../subgraphs/events/mutations.ts';
import { createCaseMutations } from '../subgraphs/cases/mutations.ts';
import { createPeopleMutations } from '../subgraphs/people/mutations.ts';
import { createEntityMutations } from '../subgraphs/entities/mutations.ts';

const OUTSIDE = '深圳市罗湖区东门街道东门中路1号';
const UNKNOWN = '地址不详';

type Dbs = Record<'buildings' | DepartmentKind, Database>;
const db = {} as Dbs;
let dir: string;
let place: TestEstate;
/** Another estate of the same name in another community: its buildings are ambiguous. */
let twin: TestEstate;

function openAll(): void {
  for (const s of ['buildings', 'people', 'entities', 'events', 'cases'] as const) db[s] = openFixture(s);
}

async function closeAll(): Promise<void> {
  for (const d of Object.values(db)) await d.close();
}

beforeAll(async () => {
  openAll();
  place = await insertTestEstate(db.buildings);
  twin = await insertTestEstate(db.buildings, { estate: place.estate });
  dir = mkdtempSync(path.join(os.tmpdir(), 'import-test-'));
});

afterAll(async () => {
  await closeAll();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const roomText = (b = 0, r = 0) => place.roomText(place.buildings[b], place.buildings[b].rooms[r]);
const roomCode = (b = 0, r = 0) => place.buildings[b].rooms[r].code;
const buildingText = (b = 0) => place.buildingText(place.buildings[b]);

function run(kind: DepartmentKind, file: string, options: Partial<ImportOptions> = {}): Promise<ImportReport> {
  return importFile({ kind, file, target: db[kind], buildings: db.buildings, migrate: false, ...options });
}

type QuarantineRow = { recordId: string | null; line: number; reason: QuarantineReason; detail: string; address: string | null; raw: Record<string, string> };

/** Quarantine rows of a file (by its name) or of given record ids, by line. */
async function quarantine(kind: DepartmentKind, file: string, ids: readonly string[] = []): Promise<QuarantineRow[]> {
  return query<QuarantineRow>(db[kind].knex, `
    SELECT record_id AS "recordId", line, reason, detail, address, raw FROM ${kind}.import_quarantine
    WHERE file_name = ? OR record_id = ANY(?::text[]) ORDER BY line, record_id`, [path.basename(file), ids]);
}

/** Reasons by line, for compact assertions. */
function reasonsByLine(rows: readonly QuarantineRow[]): Record<number, QuarantineReason> {
  return Object.fromEntries(rows.map((r) => [r.line, r.reason]));
}

/** Row count and checksum of people and their residences, for the ids given. */
async function peopleChecksum(ids: readonly string[]): Promise<{ people: number; residences: number; md5: string }> {
  const [row] = await query<{ people: number; residences: number; md5: string }>(db.people.knex, `
    SELECT (SELECT count(*)::int FROM people.person WHERE id = ANY(?::text[])) AS people,
           (SELECT count(*)::int FROM people.residence WHERE person_id = ANY(?::text[])) AS residences,
           md5(coalesce((SELECT string_agg(p::text, '|' ORDER BY p.id) FROM people.person p WHERE p.id = ANY(?::text[])), '')
             || coalesce((SELECT string_agg(r::text, '|' ORDER BY r.id) FROM people.residence r WHERE r.person_id = ANY(?::text[])), '')) AS md5`,
  [ids, ids, ids, ids]);
  return row;
}

describe('people.csv', () => {
  const columns = shuffledColumns('people');
  let existing: Awaited<ReturnType<typeof insertPerson>>;
  let file: string;
  const rows: Record<string, CsvRow> = {};
  let first: ImportReport;

  beforeAll(async () => {
    existing = await insertPerson(db.people);
    rows.room = personRow(roomText(0, 0));
    rows.building = personRow(buildingText(1), { relation: 'owner', gender: 'male' });
    rows.community = personRow(place.communityText(), { phone: '' });
    rows.badDate = personRow(roomText(0, 1), { birth_date: '1990-13-01' });
    rows.badEnum = personRow(roomText(0, 1), { gender: 'X' });
    rows.badId = personRow(roomText(0, 1), { id_number: '440304199001011234' });
    rows.empty = personRow('');
    rows.outside = personRow(OUTSIDE);
    rows.unknown = personRow(UNKNOWN);
    rows.conflict = personRow(roomText(1, 0), { id_number: existing.idNumber });
    rows.after = personRow(roomText(1, 1));
    file = writeCsv(dir, 'people-a.csv', csvText(columns, [
      rows.room, //                                           line 2
      rows.building, //                                       3
      rows.community, //                                      4
      rows.badDate, //                                        5
      rows.badEnum, //                                        6
      rows.badId, //                                          7
      'too,few,fields', //                                    8
      rows.empty, //                                          9
      rows.outside, //                                        10
      { ...rows.room, name: '另一个名字' }, //                 11: same person_id as line 2
      rows.unknown, //                                        12
      rows.conflict, //                                       13
      `${rows.after.person_id},"unclosed,quote`, //          14
      rows.after, //                                          15
    ]));
    first = await run('people', file);
  });

  it('loads the good rows and reports every figure', () => {
    expect(first).toMatchObject({
      kind: 'people',
      rowsIn: 14,
      inserted: 4,
      updated: 0,
      unchanged: 0,
      linked: { room: 2, building: 1, community: 1 },
      quarantined: 10,
      quarantinedByReason: {
        MALFORMED_CSV: 2, DUPLICATE_IN_FILE: 1, INVALID_ROW: 3, MISSING_ADDRESS: 1, OUTSIDE_DISTRICT: 1, AMBIGUOUS: 0, UNLINKED: 1, CONFLICT: 1,
      },
    });
    expect(first.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    const report = JSON.parse(readFileSync(`${file}.report.json`, 'utf8'));
    expect(report).toEqual(first);
  });

  it('writes each person with the current residence at the linked code, whatever its level', async () => {
    const ids = [rows.room, rows.building, rows.community, rows.after].map((r) => r.person_id);
    const people = await query<{ id: string; gender: string; phone: string | null; idNumber: string }>(db.people.knex,
      'SELECT id, gender, phone, id_number AS "idNumber" FROM people.person WHERE id = ANY(?::text[]) ORDER BY id', [ids]);
    expect(people).toHaveLength(4);
    expect(people.find((p) => p.id === rows.building.person_id)!.gender).toBe('MALE');
    expect(people.find((p) => p.id === rows.community.person_id)!.phone).toBeNull();
    const residences = await query<{ personId: string; addressCode: string; relation: string; since: string; until: string | null }>(db.people.knex,
      `SELECT person_id AS "personId", address_code AS "addressCode", relation, since, until FROM people.residence WHERE person_id = ANY(?::text[])`, [ids]);
    const at = Object.fromEntries(residences.map((r) => [r.personId, r]));
    expect(at[rows.room.person_id]).toMatchObject({ addressCode: roomCode(0, 0), relation: 'TENANT', since: '2021-05-01', until: null });
    expect(at[rows.building.person_id]).toMatchObject({ addressCode: place.buildings[1].code, relation: 'OWNER' });
    expect(at[rows.community.person_id]).toMatchObject({ addressCode: place.community.code });
    expect(at[rows.after.person_id]).toMatchObject({ addressCode: roomCode(1, 1) });
  });

  it('quarantines every bad row once, with a reason naming the problem', async () => {
    const q = await quarantine('people', file);
    expect(reasonsByLine(q)).toEqual({
      5: 'INVALID_ROW', 6: 'INVALID_ROW', 7: 'INVALID_ROW', 8: 'MALFORMED_CSV', 9: 'MISSING_ADDRESS', 10: 'OUTSIDE_DISTRICT',
      11: 'DUPLICATE_IN_FILE', 12: 'UNLINKED', 13: 'CONFLICT', 14: 'MALFORMED_CSV',
    });
    const byLine = Object.fromEntries(q.map((r) => [r.line, r]));
    expect(byLine[5]).toMatchObject({ recordId: rows.badDate.person_id, address: roomText(0, 1) });
    expect(byLine[5].detail).toContain('birth_date "1990-13-01" is not a date');
    expect(byLine[5].raw).toMatchObject({ person_id: rows.badDate.person_id, birth_date: '1990-13-01' });
    expect(byLine[6].detail).toContain('gender "X" is not one of MALE, FEMALE');
    expect(byLine[7].detail).toMatch(/^id_number "440304199001011234" is not a valid identity number.*check character/);
    expect(byLine[8]).toMatchObject({ recordId: null, raw: { text: 'too,few,fields' } });
    expect(byLine[8].detail).toBe('line 8 has 3 fields, the header has 10');
    expect(byLine[9].detail).toBe('address is empty');
    expect(byLine[10].detail).toContain('罗湖区');
    // the first line with an id wins; the later one is kept by line, its id left to the first
    expect(byLine[11]).toMatchObject({ recordId: null });
    expect(byLine[11].detail).toContain(`person_id "${rows.room.person_id}" already appears on line 2`);
    expect(byLine[12].detail).toContain(UNKNOWN);
    expect(byLine[13]).toMatchObject({ recordId: rows.conflict.person_id });
    expect(byLine[13].detail).toBe(`id_number ${existing.idNumber} already belongs to person ${existing.id}`);
    expect(byLine[14].detail).toBe('line 14 has a quote that is never closed');
  });

  it('changes nothing when the same file is imported again', async () => {
    const ids = Object.values(rows).map((r) => r.person_id);
    const before = await peopleChecksum(ids);
    const quarantinedBefore = await quarantine('people', file, ids);
    const again = await run('people', file);
    expect(again).toMatchObject({ rowsIn: 14, inserted: 0, updated: 0, unchanged: 4, quarantined: 10 });
    expect(again.linked).toEqual(first.linked);
    expect(again.quarantinedByReason).toEqual(first.quarantinedByReason);
    expect(again.runId).toBeGreaterThan(first.runId);
    expect(await peopleChecksum(ids)).toEqual(before);
    const quarantinedAfter = await quarantine('people', file, ids);
    expect(quarantinedAfter.map(({ line, reason, detail }) => ({ line, reason, detail })))
      .toEqual(quarantinedBefore.map(({ line, reason, detail }) => ({ line, reason, detail })));
  });

  it('takes a fixed row out of quarantine, moves a person who moved, and keeps a finer address', async () => {
    const fixed: CsvRow = { ...rows.badDate, birth_date: '1990-12-01', id_number: idNumberFor('1990-12-01') };
    const moved: CsvRow = { ...rows.room, address: roomText(0, 2), since: '2025-01-01' };
    // only the community this time: the building already on record lies in it and stays
    const vaguer: CsvRow = { ...rows.building, address: place.communityText() };
    writeCsv(dir, 'people-a.csv', csvText(columns, [moved, vaguer, rows.community, fixed, rows.badEnum]));
    const report = await run('people', file);
    expect(report).toMatchObject({ rowsIn: 5, inserted: 1, updated: 1, unchanged: 2, quarantined: 1 });
    const q = await quarantine('people', file, [fixed.person_id]);
    expect(q.map((r) => r.recordId)).not.toContain(fixed.person_id);
    // id-keyed entries of rows that are not in the file any more stay; line-keyed ones of the old file go
    expect(reasonsByLine(q)).toEqual({ 6: 'INVALID_ROW', 7: 'INVALID_ROW', 9: 'MISSING_ADDRESS', 10: 'OUTSIDE_DISTRICT', 12: 'UNLINKED', 13: 'CONFLICT' });
    const residences = await query<{ addressCode: string; since: string; until: string | null }>(db.people.knex,
      'SELECT address_code AS "addressCode", since, until FROM people.residence WHERE person_id = ? ORDER BY since', [rows.room.person_id]);
    expect(residences).toEqual([
      { addressCode: roomCode(0, 0), since: '2021-05-01', until: '2025-01-01' },
      { addressCode: roomCode(0, 2), since: '2025-01-01', until: null },
    ]);
    const [person] = await query<{ birthDate: string }>(db.people.knex, 'SELECT birth_date AS "birthDate" FROM people.person WHERE id = ?', [fixed.person_id]);
    expect(person.birthDate).toBe('1990-12-01');
    const kept = await query<{ addressCode: string; until: string | null }>(db.people.knex,
      'SELECT address_code AS "addressCode", until FROM people.residence WHERE person_id = ?', [rows.building.person_id]);
    expect(kept).toEqual([{ addressCode: place.buildings[1].code, until: null }]);
  });
});

describe('people.csv: one identity number, two person ids', () => {
  it('loads the first and quarantines the second as CONFLICT naming the first', async () => {
    const first = personRow(roomText(1, 2));
    const second = personRow(roomText(1, 2), { id_number: first.id_number });
    const file = writeCsv(dir, 'people-b.csv', csvText(shuffledColumns('people'), [first, second]));
    expect(await run('people', file)).toMatchObject({ inserted: 1, quarantinedByReason: { CONFLICT: 1 } });
    const [q] = await quarantine('people', file);
    expect(q).toMatchObject({ recordId: second.person_id, line: 3, reason: 'CONFLICT' });
    expect(q.detail).toBe(`id_number ${first.id_number} is also given to person ${first.person_id} on line 2`);
  });
});

describe('entities.csv', () => {
  it('links both addresses, reports the coarser, and lets the business address be empty', async () => {
    const both = entityRow(roomText(0, 0), buildingText(1), { legal_rep_person_id: 'p-0001' });
    const registeredOnly = entityRow(roomText(1, 0), '');
    const noRegistered = entityRow('', roomText(1, 0));
    const badCode = entityRow(roomText(0, 0), '', { credit_code: '91440304MA5DXXXXXI' });
    const outsideBusiness = entityRow(roomText(0, 0), OUTSIDE);
    const badStatus = entityRow(roomText(0, 0), '', { status: 'DORMANT', registered_on: '2019-02-30' });
    const file = writeCsv(dir, 'entities-a.csv', csvText(shuffledColumns('entities'), [both, registeredOnly, noRegistered, badCode, outsideBusiness, badStatus]));
    const report = await run('entities', file);
    expect(report).toMatchObject({
      rowsIn: 6, inserted: 2, linked: { room: 1, building: 1, community: 0 }, quarantined: 4,
      quarantinedByReason: { INVALID_ROW: 2, MISSING_ADDRESS: 1, OUTSIDE_DISTRICT: 1 },
    });
    const saved = await query<Record<string, string | null>>(db.entities.knex, `
      SELECT credit_code, registered_address_code, business_address_code, legal_rep_person_id FROM entities.legal_entity
      WHERE credit_code = ANY(?::text[]) ORDER BY credit_code`, [[both.credit_code, registeredOnly.credit_code]]);
    expect(saved).toEqual([
      { credit_code: both.credit_code, registered_address_code: roomCode(0, 0), business_address_code: place.buildings[1].code, legal_rep_person_id: 'p-0001' },
      { credit_code: registeredOnly.credit_code, registered_address_code: roomCode(1, 0), business_address_code: null, legal_rep_person_id: null },
    ].sort((a, b) => (a.credit_code < b.credit_code ? -1 : 1)));
    const q = Object.fromEntries((await quarantine('entities', file)).map((r) => [r.line, r]));
    expect(q[4]).toMatchObject({ reason: 'MISSING_ADDRESS', recordId: noRegistered.credit_code, detail: 'registered_address is empty' });
    // an id that fails its own check is no id: the entry is keyed by line
    expect(q[5]).toMatchObject({ reason: 'INVALID_ROW', recordId: null });
    expect(q[5].detail).toContain('credit_code "91440304MA5DXXXXXI" is not a valid unified social credit code');
    expect(q[6]).toMatchObject({ reason: 'OUTSIDE_DISTRICT', recordId: outsideBusiness.credit_code });
    expect(q[6].detail).toMatch(/^business_address "深圳市罗湖区/);
    expect(q[7].detail).toBe('status "DORMANT" is not one of ACTIVE, REVOKED, CANCELLED; registered_on "2019-02-30" is not a date (YYYY-MM-DD)');

    const again = await run('entities', file);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, quarantined: 4 });
  });
});

describe('the field app\'s changes win over a later import (people and entities)', () => {
  it('quarantines a person\'s record as CONFLICT once the field app moved them or changed their phone', async () => {
    const row = personRow(roomText(0, 2));
    const columns = shuffledColumns('people');
    const file = writeCsv(dir, 'people-field.csv', csvText(columns, [row]));
    expect(await run('people', file)).toMatchObject({ inserted: 1 });
    const mutations = createPeopleMutations({ subgraph: 'people', db: db.people.knex, viewer: SYSTEM, request: null });
    // the grid worker records the move to another room of the estate
    const moved = await mutations.residenceStart({ personId: row.person_id, roomCode: roomCode(1, 2), kind: 'TENANT', startedOn: '2025-08-01' });
    expect(moved.userErrors).toEqual([]);
    expect(moved.endedResidence).toMatchObject({ addressCode: roomCode(0, 2), until: '2025-08-01' });

    // the department's older export still has them in the first room: it does not move them back
    expect(await run('people', file)).toMatchObject({ rowsIn: 1, updated: 0, quarantinedByReason: { CONFLICT: 1 } });
    const [q] = await quarantine('people', file);
    expect(q).toMatchObject({ recordId: row.person_id, reason: 'CONFLICT' });
    expect(q.detail).toMatch(new RegExp(`^person ${row.person_id} was changed in the field app at .+Z \\(version 1\\); the import does not overwrite a field change`));
    const current = await query<{ addressCode: string }>(db.people.knex,
      'SELECT address_code AS "addressCode" FROM people.residence WHERE person_id = ? AND until IS NULL', [row.person_id]);
    expect(current).toEqual([{ addressCode: roomCode(1, 2) }]);

    // a record that states what the field app recorded is simply unchanged
    writeCsv(dir, 'people-field.csv', csvText(columns, [{ ...row, address: roomText(1, 2), since: '2025-08-01' }]));
    expect(await run('people', file)).toMatchObject({ rowsIn: 1, unchanged: 1, quarantined: 0 });

    // a phone changed in the field: the export's old phone does not overwrite it
    const updated = await mutations.personUpdateContact({ personId: row.person_id, version: 1, phone: '13911112222' });
    expect(updated.person).toMatchObject({ phone: '13911112222', version: 2 });
    expect(await run('people', file)).toMatchObject({ rowsIn: 1, updated: 0, quarantinedByReason: { CONFLICT: 1 } });
    const [kept] = await query<{ phone: string }>(db.people.knex, 'SELECT phone FROM people.person WHERE id = ?', [row.person_id]);
    expect(kept.phone).toBe('13911112222');
  });

  it('quarantines a legal entity\'s record as CONFLICT once the field app changed its status', async () => {
    const row = entityRow(roomText(0, 2), roomText(0, 2));
    const columns = shuffledColumns('entities');
    const file = writeCsv(dir, 'entities-field.csv', csvText(columns, [row]));
    expect(await run('entities', file)).toMatchObject({ inserted: 1 });
    const mutations = createEntityMutations({ subgraph: 'entities', db: db.entities.knex, viewer: SYSTEM, request: null, standardizer: null });
    const revoked = await mutations.updateStatus({ creditCode: row.credit_code, version: 1, status: 'REVOKED', note: '深市监罚〔2026〕1号' });
    expect(revoked.legalEntity).toMatchObject({ status: 'REVOKED', version: 2 });

    expect(await run('entities', file)).toMatchObject({ rowsIn: 1, updated: 0, quarantinedByReason: { CONFLICT: 1 } });
    const [q] = await quarantine('entities', file);
    expect(q).toMatchObject({ recordId: row.credit_code, reason: 'CONFLICT' });
    expect(q.detail).toMatch(new RegExp(`^legal entity ${row.credit_code} was changed in the field app at .+Z \\(version 2\\)`));
    const [kept] = await query<{ status: string; version: number }>(db.entities.knex, 'SELECT status, version FROM entities.legal_entity WHERE credit_code = ?', [row.credit_code]);
    expect(kept).toEqual({ status: 'REVOKED', version: 2 });

    writeCsv(dir, 'entities-field.csv', csvText(columns, [{ ...row, status: 'REVOKED' }]));
    expect(await run('entities', file)).toMatchObject({ rowsIn: 1, unchanged: 1, quarantined: 0 });
  });

  it('bumps the version of an entity an import changes, so a client holding the old one is refused', async () => {
    const row = entityRow(roomText(1, 2), '');
    const columns = shuffledColumns('entities');
    const file = writeCsv(dir, 'entities-version.csv', csvText(columns, [row]));
    await run('entities', file);
    writeCsv(dir, 'entities-version.csv', csvText(columns, [{ ...row, name: '改名科技有限公司' }]));
    expect(await run('entities', file)).toMatchObject({ updated: 1 });
    const mutations = createEntityMutations({ subgraph: 'entities', db: db.entities.knex, viewer: SYSTEM, request: null, standardizer: null });
    const stale = await mutations.updateStatus({ creditCode: row.credit_code, version: 1, status: 'CANCELLED' });
    expect(stale.userErrors).toMatchObject([{ code: 'STALE_VERSION', currentVersion: 2 }]);
  });
});

describe('events.csv', () => {
  it('loads events, quarantines bad times and ambiguous addresses, and upserts changes', async () => {
    const room = eventRow(roomText(0, 0));
    const community = eventRow(place.communityText(), { status: 'reported', resolved_at: '' });
    const ambiguous = eventRow(`${place.estate}1栋`);
    const backwards = eventRow(roomText(0, 1), { reported_at: '2026-03-05 10:00', resolved_at: '2026-03-04 10:00' });
    const badTime = eventRow(roomText(0, 1), { reported_at: 'yesterday' });
    const columns = shuffledColumns('events');
    const file = writeCsv(dir, 'events-a.csv', csvText(columns, [room, community, ambiguous, backwards, badTime]));
    const report = await run('events', file);
    expect(report).toMatchObject({
      rowsIn: 5, inserted: 2, linked: { room: 1, building: 0, community: 1 }, quarantinedByReason: { AMBIGUOUS: 1, INVALID_ROW: 2 },
    });
    const q = Object.fromEntries((await quarantine('events', file)).map((r) => [r.line, r]));
    expect(q[4].reason).toBe('AMBIGUOUS');
    expect(q[4].detail).toContain(place.estate);
    expect(q[5].detail).toBe('resolved_at "2026-03-04 10:00" is before reported_at "2026-03-05T10:00:00+08:00"');
    expect(q[6].detail).toMatch(/^reported_at "yesterday" is not a date-time/);
    const [saved] = await query<{ reportedAt: Date; status: string; addressCode: string }>(db.events.knex,
      'SELECT reported_at AS "reportedAt", status, address_code AS "addressCode" FROM events.event WHERE id = ?', [community.event_id]);
    expect(saved).toMatchObject({ status: 'REPORTED', addressCode: place.community.code });
    expect(new Date(saved.reportedAt).toISOString()).toBe('2026-03-01T00:00:00.000Z');

    // one changed field updates that row only; a vaguer address (the room's building) keeps the room
    writeCsv(dir, 'events-a.csv', csvText(columns, [{ ...room, severity: 'CRITICAL', address: buildingText(0) }, community]));
    expect(await run('events', file)).toMatchObject({ rowsIn: 2, inserted: 0, updated: 1, unchanged: 1, quarantined: 0 });
    const [changed] = await query<{ severity: string; addressCode: string }>(db.events.knex,
      'SELECT severity, address_code AS "addressCode" FROM events.event WHERE id = ?', [room.event_id]);
    expect(changed).toEqual({ severity: 'CRITICAL', addressCode: roomCode(0, 0) });
  });

  it('does not overwrite an event the field app changed: a differing record is quarantined as CONFLICT', async () => {
    const row = eventRow(roomText(1, 0), { status: 'REPORTED', resolved_at: '' });
    const columns = shuffledColumns('events');
    const file = writeCsv(dir, 'events-field.csv', csvText(columns, [row]));
    expect(await run('events', file)).toMatchObject({ inserted: 1 });
    // the field app assigns it (the mutation itself, run as a worker with no confinement)
    const mutations = createEventMutations({ subgraph: 'events', db: db.events.knex, viewer: SYSTEM, request: null, standardizer: null });
    const assigned = await mutations.assign({ id: row.event_id, version: 1, assignee: { unit: '城管执法队' } });
    expect(assigned.event).toMatchObject({ status: 'ASSIGNED', version: 2 });

    // the department's older export says REPORTED and LOW: it does not undo the field's step
    writeCsv(dir, 'events-field.csv', csvText(columns, [{ ...row, severity: 'LOW' }]));
    expect(await run('events', file)).toMatchObject({ rowsIn: 1, updated: 0, quarantinedByReason: { CONFLICT: 1 } });
    const [q] = await quarantine('events', file);
    expect(q).toMatchObject({ recordId: row.event_id, reason: 'CONFLICT' });
    expect(q.detail).toMatch(new RegExp(`^event ${row.event_id} was changed in the field app at .+Z \\(version 2\\); the import does not overwrite a field change`));
    const [kept] = await query<{ status: string; severity: string; version: number }>(db.events.knex,
      'SELECT status, severity, version FROM events.event WHERE id = ?', [row.event_id]);
    expect(kept).toEqual({ status: 'ASSIGNED', severity: row.severity, version: 2 });

    // a record that agrees with the field app is simply unchanged
    writeCsv(dir, 'events-field.csv', csvText(columns, [{ ...row, status: 'ASSIGNED' }]));
    expect(await run('events', file)).toMatchObject({ rowsIn: 1, unchanged: 1, quarantined: 0 });
  });

  it('bumps the version of an event an import changes, so a client holding the old one is refused', async () => {
    const row = eventRow(roomText(1, 1));
    const columns = shuffledColumns('events');
    const file = writeCsv(dir, 'events-version.csv', csvText(columns, [row]));
    await run('events', file);
    writeCsv(dir, 'events-version.csv', csvText(columns, [{ ...row, severity: 'CRITICAL' }]));
    expect(await run('events', file)).toMatchObject({ updated: 1 });
    const mutations = createEventMutations({ subgraph: 'events', db: db.events.knex, viewer: SYSTEM, request: null, standardizer: null });
    const stale = await mutations.assign({ id: row.event_id, version: 1, assignee: { unit: 'U' } });
    expect(stale.userErrors).toMatchObject([{ code: 'STALE_VERSION', currentVersion: 2 }]);
  });

  it('quarantines community-level addresses as UNLINKED when --min-level is building', async () => {
    const community = eventRow(place.communityText());
    const building = eventRow(buildingText(0));
    const file = writeCsv(dir, 'events-b.csv', csvText(shuffledColumns('events'), [community, building]));
    const report = await run('events', file, { minLevel: 'BUILDING' });
    expect(report).toMatchObject({ minLevel: 'BUILDING', inserted: 1, linked: { building: 1, community: 0 }, quarantinedByReason: { UNLINKED: 1 } });
    const [q] = await quarantine('events', file);
    expect(q).toMatchObject({ recordId: community.event_id, reason: 'UNLINKED' });
    expect(q.detail).toContain(`reached COMMUNITY ${place.community.code}, needs BUILDING or finer`);
  });

  it('keeps every line after an unclosed quote, and a quoted field may span lines', async () => {
    const ids = [freshId('e'), freshId('e'), freshId('e')];
    const columns = ['event_id', 'kind', 'source', 'severity', 'status', 'reported_at', 'resolved_at', 'description', 'address'];
    const line = (id: string, description: string) => `${id},OTHER,APP,LOW,REPORTED,2026-03-01T08:00:00+08:00,,${description},${roomText(1, 2)}`;
    const file = writeCsv(dir, 'events-c.csv', [
      columns.join(','),
      line(ids[0], '"broken'),
      line(ids[1], '"spans\ntwo lines, ""quoted"""'),
      line(ids[2], 'plain'),
    ].join('\r\n'));
    const report = await run('events', file);
    expect(report).toMatchObject({ rowsIn: 3, inserted: 2, quarantinedByReason: { MALFORMED_CSV: 1 } });
    const [q] = await quarantine('events', file);
    expect(q).toMatchObject({ line: 2, reason: 'MALFORMED_CSV', detail: 'line 2 has a quote that is never closed' });
    const saved = await query<{ id: string; description: string }>(db.events.knex,
      'SELECT id, description FROM events.event WHERE id = ANY(?::text[]) ORDER BY description', [ids]);
    // the quoted field keeps its line break (as \n, whatever the file's line endings)
    expect(saved.map((s) => s.description)).toEqual(['plain', 'spans\ntwo lines, "quoted"']);
  });
});

describe('line endings: LF, CRLF and bare CR', () => {
  const columns = ['event_id', 'kind', 'source', 'severity', 'status', 'reported_at', 'resolved_at', 'description', 'address'];
  const endings = { LF: '\n', CRLF: '\r\n', CR: '\r' } as const;

  it('import the same rows and quarantine the same lines, whatever the ending', async () => {
    const ids = Array.from({ length: 16 }, () => freshId('eol'));
    const line = (id: string, description: string) => `${id},OTHER,APP,LOW,REPORTED,2026-03-01T08:00:00+08:00,,${description},${roomText(1, 2)}`;
    const lines = [columns.join(','), ...ids.map((id, i) => line(id, i === 3 ? '"spans\ntwo lines"' : i === 7 ? '"unclosed' : `row ${i}`))];
    const outcomes = [];
    for (const [name, eol] of Object.entries(endings)) {
      // a quoted field's own line break takes the file's ending too
      const file = writeCsv(dir, `events-eol-${name}.csv`, lines.map((l) => l.replaceAll('\n', eol)).join(eol) + eol);
      const report = await run('events', file, { batchSize: 5 });
      outcomes.push({ name, rowsIn: report.rowsIn, loaded: report.inserted + report.updated + report.unchanged, quarantined: report.quarantinedByReason,
        lines: (await quarantine('events', file)).map((q) => [q.line, q.reason]) });
    }
    expect(outcomes[0]).toMatchObject({ rowsIn: 16, loaded: 15, lines: [[10, 'MALFORMED_CSV']] });
    for (const o of outcomes.slice(1)) expect({ ...o, name: outcomes[0].name }, o.name).toEqual(outcomes[0]);
    const saved = await query<{ description: string }>(db.events.knex, 'SELECT description FROM events.event WHERE id = ?', [ids[3]]);
    expect(saved[0].description).toBe('spans\ntwo lines');
  });

  it('frame the same records when an ending straddles the read chunks', async () => {
    const { openCsv } = await import('../importer/csv.ts');
    // ~700 KB: several 256 KB reads, so some CR / CRLF fall on a chunk's edge
    const rows = Array.from({ length: 12_000 }, (_, i) => `id${i},${'x'.repeat(i % 97)},last`);
    const framed: Record<string, { records: number; widths: number[]; lastLine: number }> = {};
    for (const [name, eol] of Object.entries(endings)) {
      const text = ['a,b,c', ...rows].join(eol) + eol;
      const file = writeCsv(dir, `chunks-${name}.csv`, text);
      const source = (await openCsv(file, Buffer.byteLength(text)))!;
      let records = 0;
      const widths = new Set<number>();
      let lastLine = 0;
      for await (const batch of source.batches(1000)) {
        for (const r of batch) {
          records++;
          widths.add(r.fields?.length ?? -1);
          lastLine = r.line;
        }
      }
      framed[name] = { records, widths: [...widths], lastLine };
    }
    expect(framed.LF).toEqual({ records: 12_000, widths: [3], lastLine: 12_001 });
    expect(framed.CRLF).toEqual(framed.LF);
    expect(framed.CR).toEqual(framed.LF);
  });
});

describe('cases.csv', () => {
  it('checks the closing rules before loading', async () => {
    const closed = caseRow(roomText(0, 0));
    const open = caseRow(buildingText(0), { status: 'in_progress', closed_on: '', outcome: '' });
    const closedWithoutDate = caseRow(roomText(0, 0), { closed_on: '' });
    const outcomeWhileOpen = caseRow(roomText(0, 0), { status: 'FILED', closed_on: '', outcome: 'MEDIATED' });
    const closedBeforeFiled = caseRow(roomText(0, 0), { closed_on: '2025-12-31' });
    const file = writeCsv(dir, 'cases-a.csv', csvText(shuffledColumns('cases'), [closed, open, closedWithoutDate, outcomeWhileOpen, closedBeforeFiled, closed]));
    const report = await run('cases', file);
    expect(report).toMatchObject({ rowsIn: 6, inserted: 2, linked: { room: 1, building: 1 }, quarantinedByReason: { INVALID_ROW: 3, DUPLICATE_IN_FILE: 1 } });
    const q = (await quarantine('cases', file)).map((r) => r.detail);
    expect(q).toEqual([
      'closed_on is required when status is CLOSED',
      'outcome "MEDIATED" must be empty when status is FILED',
      'closed_on "2025-12-31" is before filed_on "2026-01-10"',
      `case_id "${closed.case_id}" already appears on line 2; the first line is the one imported`,
    ]);
    const saved = await query<{ status: string; outcome: string | null }>(db.cases.knex,
      'SELECT status, outcome FROM cases.legal_case WHERE id = ?', [open.case_id]);
    expect(saved).toEqual([{ status: 'IN_PROGRESS', outcome: null }]);
  });

  it('does not overwrite a case the field app changed: a differing record is quarantined as CONFLICT', async () => {
    const row = caseRow(roomText(1, 0), { status: 'FILED', closed_on: '', outcome: '' });
    const columns = shuffledColumns('cases');
    const file = writeCsv(dir, 'cases-field.csv', csvText(columns, [row]));
    expect(await run('cases', file)).toMatchObject({ inserted: 1 });
    // the field app accepts it (the mutation itself, run with no confinement)
    const mutations = createCaseMutations({ subgraph: 'cases', db: db.cases.knex, viewer: SYSTEM, request: null, standardizer: null });
    const accepted = await mutations.updateStatus({ id: row.case_id, version: 1, status: 'ACCEPTED', note: '已受理' });
    expect(accepted.case).toMatchObject({ status: 'ACCEPTED', version: 2 });

    // the department's older export says FILED with another summary: it does not undo the field's step
    writeCsv(dir, 'cases-field.csv', csvText(columns, [{ ...row, summary: '邻里纠纷(旧)' }]));
    expect(await run('cases', file)).toMatchObject({ rowsIn: 1, updated: 0, quarantinedByReason: { CONFLICT: 1 } });
    const [q] = await quarantine('cases', file);
    expect(q).toMatchObject({ recordId: row.case_id, reason: 'CONFLICT' });
    expect(q.detail).toMatch(new RegExp(`^case ${row.case_id} was changed in the field app at .+Z \\(version 2\\); the import does not overwrite a field change`));
    const [kept] = await query<{ status: string; summary: string; version: number }>(db.cases.knex,
      'SELECT status, summary, version FROM cases.legal_case WHERE id = ?', [row.case_id]);
    expect(kept).toEqual({ status: 'ACCEPTED', summary: row.summary, version: 2 });

    // a record that agrees with the field app is simply unchanged, and leaves the quarantine
    writeCsv(dir, 'cases-field.csv', csvText(columns, [{ ...row, status: 'ACCEPTED' }]));
    expect(await run('cases', file)).toMatchObject({ rowsIn: 1, unchanged: 1, quarantined: 0 });
    expect(await quarantine('cases', file)).toEqual([]);
  });

  it('bumps the version of a case an import changes, so a client holding the old one is refused', async () => {
    const row = caseRow(roomText(1, 1), { status: 'ACCEPTED', closed_on: '', outcome: '' });
    const columns = shuffledColumns('cases');
    const file = writeCsv(dir, 'cases-version.csv', csvText(columns, [row]));
    await run('cases', file);
    writeCsv(dir, 'cases-version.csv', csvText(columns, [{ ...row, summary: '补充材料后的摘要' }]));
    expect(await run('cases', file)).toMatchObject({ updated: 1 });
    const mutations = createCaseMutations({ subgraph: 'cases', db: db.cases.knex, viewer: SYSTEM, request: null, standardizer: null });
    const stale = await mutations.updateStatus({ id: row.case_id, version: 1, status: 'IN_PROGRESS' });
    expect(stale.userErrors).toMatchObject([{ code: 'STALE_VERSION', currentVersion: 2 }]);
  });
});

describe('the seed generator\'s department files (messy text for the fixture\'s own records)', () => {
  // People are left out: their file holds one current residence per person, and importing it
  // would close the fixture's other current residences, which other test files count.
  it.each(['events', 'cases', 'entities'] as const)('%s.csv imports into the seeded database without changing a row', async (kind) => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'departments-'));
    try {
      const counts = await writeDepartmentFiles({ size: 'small' }, out);
      const report = await run(kind, path.join(out, `${kind}.csv`), { reportPath: path.join(out, 'report.json') });
      expect(report.rowsIn).toBe(counts[kind]);
      expect(report.inserted).toBe(0);
      expect(report.updated).toBe(0);
      expect(report.quarantinedByReason).toMatchObject({ MALFORMED_CSV: 0, INVALID_ROW: 0, DUPLICATE_IN_FILE: 0, CONFLICT: 0 });
      expect(report.unchanged / report.rowsIn).toBeGreaterThan(0.95);
      expect(report.unchanged + report.quarantined).toBe(report.rowsIn);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

type RunRow = { status: string; rowsIn: number; inserted: number; quarantined: number; finished: boolean };

async function runOf(kind: DepartmentKind, fileName: string): Promise<RunRow[]> {
  return query<RunRow>(db[kind].knex, `
    SELECT status, rows_in AS "rowsIn", inserted, quarantined, finished_at IS NOT NULL AS finished
    FROM ${kind}.import_run WHERE file_name = ? ORDER BY id`, [fileName]);
}

describe('import runs that do not complete', () => {
  /** A file long enough to be stopped midway: many small batches of distinct events. */
  function longFile(name: string): string {
    const rows = Array.from({ length: 6000 }, (_, i) => eventRow(roomText(i % 2, i % 3), { description: `${name} ${i}` }));
    return writeCsv(dir, name, csvText(shuffledColumns('events'), rows));
  }

  /** Starts the import CLI on `file`, in batches of 100, and resolves once three batches are written. */
  async function startImport(file: string) {
    // PGlite is one process's database: hand it over to the child (taken back by the caller)
    await closeAll();
    const env: Record<string, string> = { LOG_LEVEL: 'debug', ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : { PGLITE_DIR: inject('pgliteDir')! }) };
    const child = startChild('scripts/import.ts', ['events', file, '--batch-size', '100', '--report', `${file}.json`], env);
    await child.waitFor(/("msg":"import batch written"[^\n]*\n[^]*){3}/);
    return child;
  }

  it('kill -9 leaves the run running with its current counters; the next run marks it interrupted', async () => {
    const file = longFile('events-killed.csv');
    const child = await startImport(file);
    child.process.kill('SIGKILL');
    expect(await child.exited).toBe('SIGKILL');
    openAll();
    const [killed] = await runOf('events', path.basename(file));
    expect(killed).toMatchObject({ status: 'running', finished: false });
    expect(killed.rowsIn).toBeGreaterThanOrEqual(300);
    expect(killed.rowsIn).toBeLessThan(6000);
    expect(killed.inserted).toBeGreaterThanOrEqual(300);
    // any later run of the kind on this host sees the pid is gone
    await run('events', writeCsv(dir, 'events-after-kill.csv', csvText(shuffledColumns('events'), [eventRow(roomText(0, 0))])));
    const [after] = await runOf('events', path.basename(file));
    expect(after).toMatchObject({ status: 'interrupted', finished: true, rowsIn: killed.rowsIn, inserted: killed.inserted });
  }, 120_000);

  it('SIGINT stops after the current batch: exit 130, the run marked interrupted with its counters', async () => {
    const file = longFile('events-interrupted.csv');
    const child = await startImport(file);
    child.process.kill('SIGINT');
    const code = await child.exited;
    openAll();
    expect(code).toBe(130);
    expect(child.stderr()).toMatch(/import interrupted after \d+ rows; run \d+ is marked interrupted/);
    const [stopped] = await runOf('events', path.basename(file));
    expect(stopped).toMatchObject({ status: 'interrupted', finished: true });
    expect(stopped.rowsIn).toBeGreaterThanOrEqual(300);
    expect(stopped.rowsIn).toBeLessThan(6000);
    // what was written before the signal stays, and the counters say how much
    const [{ n }] = await query<{ n: number }>(db.events.knex, `SELECT count(*)::int AS n FROM events.event WHERE starts_with(description, ?)`, ['events-interrupted.csv ']);
    expect(n).toBe(stopped.inserted);
  }, 120_000);

  it('a completed run says so', async () => {
    const file = writeCsv(dir, 'events-completed.csv', csvText(shuffledColumns('events'), [eventRow(roomText(0, 0))]));
    await run('events', file);
    expect(await runOf('events', path.basename(file))).toEqual([{ status: 'completed', rowsIn: 1, inserted: 1, quarantined: 0, finished: true }]);
  });
});

describe('quarantine retention', () => {
  type Held = { reason: string; raw: unknown; detail: string | null; address: string | null; purged: boolean };
  const held = async (file: string): Promise<Held[]> => query<Held>(db.people.knex, `
    SELECT reason, raw, detail, address, purged_at IS NOT NULL AS purged FROM people.import_quarantine WHERE file_name = ? ORDER BY line`, [path.basename(file)]);
  const age = (file: string, days: number) => query(db.people.knex,
    `UPDATE people.import_quarantine SET last_seen = now() - make_interval(days => ?) WHERE file_name = ?`, [days, path.basename(file)]);

  it('erases raw record, address and detail of rows older than the retention at every run, keeping the reason', async () => {
    const bad = personRow(roomText(0, 1), { birth_date: '1990-13-01' });
    const old = writeCsv(dir, 'people-retention-old.csv', csvText(shuffledColumns('people'), [bad]));
    const recent = writeCsv(dir, 'people-retention-new.csv', csvText(shuffledColumns('people'), [personRow(OUTSIDE)]));
    await run('people', old);
    await run('people', recent);
    expect((await held(old))[0]).toMatchObject({ reason: 'INVALID_ROW', purged: false, raw: { id_number: bad.id_number } });
    await age(old, 31);
    await age(recent, 29);
    // any run purges, of any file of the kind
    await run('people', writeCsv(dir, 'people-retention-other.csv', csvText(shuffledColumns('people'), [])), { quarantineRetentionDays: 30 });
    expect(await held(old)).toEqual([{ reason: 'INVALID_ROW', raw: null, detail: null, address: null, purged: true }]);
    expect((await held(recent))[0]).toMatchObject({ reason: 'OUTSIDE_DISTRICT', purged: false });
    expect(JSON.stringify(await held(recent))).toContain(OUTSIDE);
    // the same bad row again: quarantined again, with its values, for another retention period
    await run('people', old);
    expect((await held(old))[0]).toMatchObject({ reason: 'INVALID_ROW', purged: false, raw: { id_number: bad.id_number } });
  });

  it('npm run import -- --purge-quarantine purges every department with the configured retention', async () => {
    const file = writeCsv(dir, 'people-retention-cli.csv', csvText(shuffledColumns('people'), [personRow(UNKNOWN)]));
    await run('people', file);
    await age(file, 8);
    await closeAll();
    let result: CliResult;
    try {
      result = await runCli('scripts/import.ts', ['--purge-quarantine'], { env: { QUARANTINE_RETENTION_DAYS: '7' } });
    } finally {
      openAll();
    }
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^purged quarantined rows last seen more than 7 days ago: people [1-9]\d*, entities \d+, events \d+, cases \d+\n$/);
    expect(await held(file)).toEqual([{ reason: 'UNLINKED', raw: null, detail: null, address: null, purged: true }]);
    const wrong = await runCli('scripts/import.ts', ['--purge-quarantine', 'people']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--purge-quarantine takes no other arguments, got people');
  });
});

describe('npm run import (the CLI)', () => {
  const cli = (args: string[]) => runCli('scripts/import.ts', args);

  it('imports a file: exit 0, a summary on stdout and the JSON report where asked', async () => {
    const good = eventRow(roomText(1, 0));
    const file = writeCsv(dir, 'events-cli.csv', csvText(shuffledColumns('events'), [good, eventRow(OUTSIDE), eventRow(buildingText(1), { severity: 'SEVERE' })]));
    const reportPath = path.join(dir, 'cli-report.json');
    // PGlite is one process's database: hand it over to the child and take it back after
    await closeAll();
    let result: CliResult;
    try {
      result = await cli(['events', file, '--report', reportPath, '--min-level', 'room']);
    } finally {
      openAll();
    }
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/rows in\s+3\n/);
    expect(result.stdout).toMatch(/inserted\s+1\s+33\.3%/);
    expect(result.stdout).toMatch(/linked at room\s+1\s+33\.3%/);
    expect(result.stdout).toMatch(/OUTSIDE_DISTRICT\s+1/);
    expect(result.stdout).toMatch(/INVALID_ROW\s+1/);
    expect(result.stdout).toContain(reportPath);
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as ImportReport;
    expect(report).toMatchObject({ kind: 'events', minLevel: 'ROOM', rowsIn: 3, inserted: 1, quarantined: 2, linked: { room: 1 } });
    const [run] = await query<{ rowsIn: number; report: { runId: number } }>(db.events.knex,
      'SELECT rows_in AS "rowsIn", report FROM events.import_run WHERE id = ?', [report.runId]);
    expect(run).toMatchObject({ rowsIn: 3, report: { runId: report.runId } });
    expect(existsSync(`${file}.report.json`)).toBe(false);
  });

  it('exits 2 naming the columns when the header is wrong, before writing anything', async () => {
    const columns = shuffledColumns('events').filter((c) => c !== 'severity').concat('colour');
    const file = writeCsv(dir, 'events-bad-header.csv', csvText(columns, [eventRow(roomText(0, 0))]));
    const result = await cli(['events', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown column "colour"');
    expect(result.stderr).toContain('missing column "severity"');
    expect(result.stdout).toBe('');
    const runs = await query(db.events.knex, 'SELECT id FROM events.import_run WHERE file_name = ?', [path.basename(file)]);
    expect(runs).toEqual([]);
    expect(existsSync(`${file}.report.json`)).toBe(false);
  });

  it('exits 2 with the problem named for bad arguments, 0 with usage for --help', async () => {
    const file = writeCsv(dir, 'events-args.csv', csvText(shuffledColumns('events'), []));
    const cases: [string[], string][] = [
      [[], 'expected a kind and a file'],
      [['animals', file], 'unknown kind "animals"'],
      [['events', path.join(dir, 'missing.csv')], 'missing.csv: no such file'],
      [['events', file, '--min-level', 'floor'], '--min-level must be community, building or room, got "floor"'],
      [['events', file, '--frobnicate'], "Unknown option '--frobnicate'"],
      [['events', writeCsv(dir, 'empty.csv', '')], 'the file is empty'],
    ];
    for (const [args, message] of cases) {
      const result = await cli(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toContain(message);
    }
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('usage: npm run import -- <kind> <file.csv>');
  });
});
