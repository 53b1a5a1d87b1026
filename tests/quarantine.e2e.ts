/**
 * The stewards' quarantine through the real gateway with real tokens (issue 13): each department
 * subgraph serves its own quarantined rows (`quarantinedEvents`, `quarantinedPerson`, ...) and
 * their fixes and drops, the buildings subgraph the aliases. Lists with each filter, a row masked
 * without people:pii and shown with it, a fix with a bad code (a userError), a fix that loads the
 * row and teaches the alias (the next import of the spelling is linked, not quarantined), a drop
 * that marks the row and keeps it, an alias revoked, community confinement, a token without the
 * steward scopes refused, and the audit records. Rows are imported into fresh test estates.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../lib/auth/dev-keys.ts';
import { query } from '../lib/db.ts';
import type { DepartmentKind } from '../importer/formats.ts';
import { importFile } from '../importer/run.ts';
import { csvText, eventRow, personRow, shuffledColumns, writeCsv, type CsvRow } from './support/import-files.ts';
import { insertTestEstate, type TestEstate } from './support/import-registry.ts';
import { startTestSystem, type TestSystem } from './support/system.ts';

let t: TestSystem;
let dir: string;
let place: TestEstate;
let other: TestEstate;
let steward: string;
let stewardPii: string;
let confined: string;
let reader: string;
let analyst: string;
let files = 0;
const stamp = Date.now() % 100000;

beforeAll(async () => {
  t = await startTestSystem();
  place = await insertTestEstate(t.databases.buildings);
  other = await insertTestEstate(t.databases.buildings);
  dir = mkdtempSync(path.join(os.tmpdir(), 'quarantine-e2e-'));
  steward = await signDevToken({ subject: 'li.wei', roles: ['steward'] });
  stewardPii = await signDevToken({ subject: 'li.wei', roles: ['steward'], scopes: ['people:pii'] });
  confined = await signDevToken({ subject: 'wang.fang', roles: ['steward'], communities: [other.community.code] });
  reader = await signDevToken({ subject: 'zhao.min', scopes: ['address:read', 'steward:read'] });
  analyst = await signDevToken({ subject: 'analyst', roles: ['analyst'] });
});
afterAll(async () => {
  await t?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function importRows(kind: DepartmentKind, rows: CsvRow[]) {
  const file = writeCsv(dir, `e2e-${kind}-${stamp}-${++files}.csv`, csvText(shuffledColumns(kind), rows));
  const report = await importFile({ kind, file, target: t.databases[kind], buildings: t.databases.buildings, migrate: false, minLevel: 'BUILDING' });
  return { file: path.basename(file), report };
}

/** A clerk's name for a place the registry does not know, inside the estate's community. */
const nickname = (p: TestEstate, n: string) => `${p.communityText()}${n}大院后排`;

const ROW = 'id source line recordId reason detail receivedAt community { code } addressText values { column value } masked status resolvedBy resolution history { action by note }';
const ERRORS = 'userErrors { field message code } clientMutationId';

async function gql(document: string, variables: Record<string, unknown>, token: string) {
  const res = await t.query(document, variables, token);
  return res;
}

async function listEvents(filter: Record<string, unknown>, token = steward, first = 100) {
  const res = await gql(`query ($filter: QuarantineFilter, $first: Int) { quarantinedEvents(filter: $filter, first: $first) {
    totalCount edges { cursor node { ${ROW} } } pageInfo { hasNextPage endCursor } } }`, { filter, first }, token);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.quarantinedEvents as { totalCount: number; edges: { node: Record<string, any> }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

async function fixEvent(input: Record<string, unknown>, token = steward) {
  const res = await gql(`mutation ($input: QuarantineFixInput!) { eventQuarantineFix(input: $input) {
    row { ${ROW} } recordId outcome aliasCreated alias { id text address { code } createdBy revokedAt } ${ERRORS} } }`, { input }, token);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.eventQuarantineFix;
}

async function auditOf(operation: string, subject: string, like: string) {
  return query<{ subject: string; subgraph: string; purpose: string; request_id: string | null; address_codes: string[] }>(t.auditDatabase.knex,
    `SELECT subject, subgraph, purpose, request_id, address_codes FROM audit.log WHERE operation_name = ? AND subject = ? AND purpose LIKE ? ORDER BY id`,
    [operation, subject, `%${like}%`]);
}

describe('quarantined events through the gateway', () => {
  const spelling = `老${stamp}号`;
  let first: CsvRow;
  let second: CsvRow;
  let bad: CsvRow;
  let file: string;
  let id: string;

  beforeAll(async () => {
    first = eventRow(nickname(place, spelling));
    second = eventRow(nickname(place, `${spelling}乙`));
    bad = eventRow(place.roomText(place.buildings[0], place.buildings[0].rooms[0]), { reported_at: '2026-13-40T10:00:00+08:00' });
    const imported = await importRows('events', [first, second, bad]);
    expect(imported.report.quarantined).toBe(3);
    file = imported.file;
  });

  it('lists by source, reason, community prefix, age and status, with masked values and cursors', async () => {
    const all = await listEvents({ source: file });
    expect(all.totalCount).toBe(3);
    expect(all.edges.map((e) => e.node.recordId).sort()).toEqual([first.event_id, second.event_id, bad.event_id].sort());
    const row = all.edges.find((e) => e.node.recordId === first.event_id)!.node;
    id = row.id;
    expect(row).toMatchObject({
      id: expect.stringMatching(/^events:\d+$/), source: file, line: 2, reason: 'UNLINKED', community: { code: place.community.code },
      addressText: nickname(place, spelling), masked: true, status: 'QUARANTINED', history: [],
    });
    expect(row.values).toContainEqual({ column: 'event_id', value: first.event_id });
    expect((await listEvents({ source: file, reason: 'INVALID_ROW' })).edges.map((e) => e.node.recordId)).toEqual([bad.event_id]);
    expect((await listEvents({ source: file, communityCode: place.community.code })).totalCount).toBe(2);
    expect((await listEvents({ source: file, communityCode: place.subdistrict.code })).totalCount).toBe(2);
    expect((await listEvents({ source: file, communityCode: other.community.code })).totalCount).toBe(0);
    expect((await listEvents({ source: file, olderThan: '2000-01-01T00:00:00Z' })).totalCount).toBe(0);
    expect((await listEvents({ source: file, since: '2000-01-01T00:00:00Z' })).totalCount).toBe(3);
    expect((await listEvents({ source: file, status: 'DROPPED' })).totalCount).toBe(0);
    // keyset pages
    const page1 = await listEvents({ source: file }, steward, 2);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const res = await gql(`query ($after: String) { quarantinedEvents(filter: { source: "${file}" }, first: 2, after: $after) { edges { node { recordId } } pageInfo { hasNextPage } } }`,
      { after: page1.pageInfo.endCursor }, steward);
    expect(res.data!.quarantinedEvents.pageInfo).toEqual({ hasNextPage: false });
    const paged = [...page1.edges.map((e) => e.node.recordId), ...res.data!.quarantinedEvents.edges.map((e: any) => e.node.recordId)];
    expect(paged.sort()).toEqual(all.edges.map((e) => e.node.recordId).sort());
    // a bad filter names the field
    const wrong = await gql(`{ quarantinedEvents(filter: { communityCode: "4403" }) { totalCount } }`, {}, steward);
    expect(wrong.errors?.[0]).toMatchObject({ message: expect.stringContaining('communityCode'), extensions: { code: 'INVALID_ADDRESS_CODE' } });
  });

  it('refuses a token without the steward scopes, lets steward:read read but not change', async () => {
    const refused = await gql(`{ quarantinedEvents { totalCount } }`, {}, analyst);
    expect(refused.data?.quarantinedEvents ?? null).toBeNull();
    expect(refused.errors?.[0].extensions?.code).toMatch(/UNAUTHORIZED_FIELD_OR_TYPE|FORBIDDEN/);
    const fix = await gql(`mutation { eventQuarantineFix(input: { id: "${id}", addressCode: "${place.buildings[0].code}" }) { recordId } }`, {}, reader);
    expect(fix.data?.eventQuarantineFix ?? null).toBeNull();
    expect(fix.errors?.[0].extensions?.code).toMatch(/UNAUTHORIZED_FIELD_OR_TYPE|FORBIDDEN/);
    expect((await listEvents({ source: file }, reader)).totalCount).toBe(3);
  });

  it('a steward confined to another community sees none of the rows and cannot fix them', async () => {
    expect((await listEvents({ source: file }, confined)).totalCount).toBe(0);
    const one = await gql(`query ($id: ID!) { quarantinedEvent(id: $id) { id } }`, { id }, confined);
    expect(one.data?.quarantinedEvent ?? null).toBeNull();
    expect(one.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const fixed = await fixEvent({ id, addressCode: other.buildings[0].code }, confined);
    expect(fixed).toMatchObject({ recordId: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'id'] }] });
  });

  it('a fix with a bad or unknown code is a userError naming addressCode, and changes nothing', async () => {
    expect(await fixEvent({ id, addressCode: '44030400402801000099', clientMutationId: 'c1' }))
      .toMatchObject({ row: null, recordId: null, clientMutationId: 'c1', userErrors: [{ code: 'INVALID_ADDRESS_CODE', field: ['input', 'addressCode'] }] });
    expect(await fixEvent({ id, addressCode: `${place.buildings[0].code.slice(0, 14)}99999` }))
      .toMatchObject({ userErrors: [{ code: 'ADDRESS_NOT_FOUND', field: ['input', 'addressCode'] }] });
    expect(await fixEvent({ id: 'people:1', addressCode: place.buildings[0].code })).toMatchObject({ userErrors: [{ code: 'NOT_FOUND', field: ['input', 'id'] }] });
    expect(await fixEvent({ id, corrections: [{ column: 'severity', value: 'HUGE' }], addressCode: place.buildings[0].code }))
      .toMatchObject({ userErrors: [{ code: 'INVALID_ROW', field: ['input', 'corrections', 'severity'] }] });
    const [row] = (await listEvents({ source: file, reason: 'UNLINKED' })).edges.filter((e) => e.node.id === id);
    expect(row.node).toMatchObject({ status: 'QUARANTINED', history: [{ action: 'FIX_REFUSED', by: 'li.wei', note: 'INVALID_ROW' }] });
  });

  it('a fix loads the row, marks it FIXED, teaches the alias (answered by buildings), and the next import of the spelling links', async () => {
    const code = place.buildings[1].code;
    const fixed = await fixEvent({ id, addressCode: code });
    expect(fixed).toMatchObject({
      userErrors: [], recordId: first.event_id, outcome: 'INSERTED', aliasCreated: true,
      row: { id, status: 'FIXED', resolvedBy: 'li.wei', resolution: expect.stringContaining(`address → ${code}`), history: [{ action: 'FIX_REFUSED' }, { action: 'FIXED', by: 'li.wei' }] },
      alias: { text: `${place.communityText()}${spelling}大院后排`, address: { code }, createdBy: 'li.wei', revokedAt: null },
    });
    const [event] = await query<{ address_code: string }>(t.databases.events.knex, `SELECT address_code FROM events.event WHERE id = ?`, [first.event_id]);
    expect(event.address_code).toBe(code);
    expect((await listEvents({ source: file })).edges.map((e) => e.node.recordId)).not.toContain(first.event_id);
    expect((await listEvents({ source: file, status: 'FIXED' })).edges.map((e) => e.node.recordId)).toEqual([first.event_id]);
    // fixing it again: it was fixed
    expect(await fixEvent({ id, addressCode: code })).toMatchObject({ userErrors: [{ code: 'RESOLVED' }] });

    const again = eventRow(`${place.subdistrict.name} ${place.community.name}  ${spelling}大院 后排`);
    const { report } = await importRows('events', [again]);
    expect(report).toMatchObject({ quarantined: 0, inserted: 1 });

    // audited: the alias in buildings, the fix in events
    const [fixRecord] = await auditOf('quarantine.fix', 'li.wei', `record ${first.event_id}`);
    expect(fixRecord).toMatchObject({ subgraph: 'events', address_codes: [code] });
    const [teachRecord] = await auditOf('quarantine.teachAlias', 'li.wei', spelling);
    expect(teachRecord).toMatchObject({ subgraph: 'buildings', address_codes: [code] });
  });

  it('the alias is listed, revoked with who and why (a retry answers the same), and listed as revoked', async () => {
    const live = await gql(`{ addressAliases(first: 500) { edges { node { id text createdBy revokedAt } } } }`, {}, steward);
    expect(live.errors).toBeUndefined();
    const alias = live.data!.addressAliases.edges.map((e: any) => e.node).find((a: any) => a.text.includes(spelling));
    expect(alias).toMatchObject({ createdBy: 'li.wei', revokedAt: null });
    const hidden = await gql(`{ addressAliases(first: 500) { edges { node { id } } } }`, {}, confined);
    expect(hidden.data!.addressAliases.edges.some((e: any) => e.node.id === alias.id)).toBe(false);
    const revoke = (reason: string, token = steward) => gql(`mutation ($input: AddressAliasRevokeInput!) { addressAliasRevoke(input: $input) {
      alias { id revokedAt revokedBy revokeReason } replayed ${ERRORS} } }`, { input: { id: alias.id, reason } }, token);
    expect((await revoke(' ')).data!.addressAliasRevoke).toMatchObject({ alias: null, userErrors: [{ code: 'BAD_USER_INPUT', field: ['input', 'reason'] }] });
    const done = (await revoke('the clerk meant building 1')).data!.addressAliasRevoke;
    expect(done).toMatchObject({ replayed: false, userErrors: [], alias: { id: alias.id, revokedBy: 'li.wei', revokeReason: 'the clerk meant building 1' } });
    expect((await revoke('the clerk meant building 1')).data!.addressAliasRevoke).toMatchObject({ replayed: true, userErrors: [] });
    const all = await gql(`{ addressAliases(includeRevoked: true, first: 500) { edges { node { id revokedBy } } } }`, {}, steward);
    expect(all.data!.addressAliases.edges.map((e: any) => e.node)).toContainEqual({ id: alias.id, revokedBy: 'li.wei' });
    expect(await auditOf('quarantine.revokeAlias', 'li.wei', `#${alias.id} `)).toHaveLength(1);
  });

  it('a drop marks the row DROPPED with who and why, keeps it out of the list, and a retry answers the same', async () => {
    const drop = (input: Record<string, unknown>) => gql(`mutation ($input: QuarantineDropInput!) { eventQuarantineDrop(input: $input) {
      row { ${ROW} } replayed ${ERRORS} } }`, { input }, steward).then((r) => r.data!.eventQuarantineDrop);
    const target = (await listEvents({ source: file, reason: 'UNLINKED' })).edges[0].node;
    expect(target.recordId).toBe(second.event_id);
    expect(await drop({ id: target.id, reason: '' })).toMatchObject({ row: null, userErrors: [{ code: 'BAD_USER_INPUT', field: ['input', 'reason'] }] });
    expect(await drop({ id: target.id, reason: 'duplicate of a hotline report', clientMutationId: 'd1' })).toMatchObject({
      replayed: false, clientMutationId: 'd1', userErrors: [],
      row: { status: 'DROPPED', resolvedBy: 'li.wei', resolution: 'duplicate of a hotline report', history: [{ action: 'DROPPED', by: 'li.wei' }] },
    });
    expect(await drop({ id: target.id, reason: 'duplicate of a hotline report', clientMutationId: 'd1' })).toMatchObject({ replayed: true, row: { status: 'DROPPED' } });
    expect((await listEvents({ source: file })).edges.map((e) => e.node.recordId)).toEqual([bad.event_id]);
    expect((await listEvents({ source: file, status: 'DROPPED' })).edges.map((e) => e.node.recordId)).toEqual([second.event_id]);
    expect(await auditOf('quarantine.drop', 'li.wei', `record ${second.event_id}`)).toHaveLength(1);
  });
});

describe('quarantined people: masked without people:pii', () => {
  let row: CsvRow;
  let id: string;

  beforeAll(async () => {
    row = personRow(nickname(place, `张${stamp}`), { phone: '13912345678' });
    const { report } = await importRows('people', [row]);
    expect(report.quarantined).toBe(1);
    const [held] = await query<{ id: number }>(t.databases.people.knex, `SELECT id::int FROM people.import_quarantine WHERE record_id = ?`, [row.person_id]);
    id = `people:${held.id}`;
  });

  const show = (token: string) => gql(`query ($id: ID!) { quarantinedPerson(id: $id) { id masked values { column value } detail } }`, { id }, token);

  it('masks the identity number, phone and dates for a steward, shows them with people:pii, and audits both reads', async () => {
    const masked = await show(steward);
    expect(masked.errors).toBeUndefined();
    const values = Object.fromEntries(masked.data!.quarantinedPerson.values.map((v: any) => [v.column, v.value]));
    expect(masked.data!.quarantinedPerson.masked).toBe(true);
    expect(values).toMatchObject({ id_number: '*'.repeat(18), phone: '139****5678', birth_date: '1988-**-**', name: row.name });
    expect(JSON.stringify(masked.data)).not.toContain(row.id_number);
    const full = await show(stewardPii);
    const shown = Object.fromEntries(full.data!.quarantinedPerson.values.map((v: any) => [v.column, v.value]));
    expect(full.data!.quarantinedPerson.masked).toBe(false);
    expect(shown).toMatchObject({ id_number: row.id_number, phone: '13912345678' });
    const [n] = await query<{ n: number }>(t.auditDatabase.knex,
      `SELECT count(*)::int AS n FROM audit.log WHERE operation_name = 'quarantine.show' AND person_ids @> ARRAY[?::text]`, [row.person_id]);
    expect(n.n).toBe(2);
  });

  it('fixes the person with a room code and a corrected name through the people subgraph', async () => {
    const res = await gql(`mutation ($input: QuarantineFixInput!) { personQuarantineFix(input: $input) { recordId outcome row { status } ${ERRORS} } }`,
      { input: { id, addressCode: place.buildings[0].rooms[0].code, corrections: [{ column: 'name', value: '李四' }], teachAlias: false } }, stewardPii);
    expect(res.errors).toBeUndefined();
    expect(res.data!.personQuarantineFix).toMatchObject({ recordId: row.person_id, outcome: 'INSERTED', row: { status: 'FIXED' }, userErrors: [] });
    const [person] = await query<{ name: string }>(t.databases.people.knex, `SELECT name FROM people.person WHERE id = ?`, [row.person_id]);
    expect(person.name).toBe('李四');
  });
});

describe('every department serves its own quarantine', () => {
  let file: string;
  beforeAll(async () => {
    ({ file } = await importRows('events', [eventRow(nickname(other, `丙${stamp}`))]));
  });

  it('lists through each subgraph (community names from buildings) and refuses an id of another department', async () => {
    const res = await gql(`{
      quarantinedPeople(first: 1) { totalCount edges { node { id community { code name } } } }
      quarantinedLegalEntities(first: 1) { totalCount }
      quarantinedEvents(first: 1, filter: { source: "${file}" }) { edges { node { id community { name } } } }
      quarantinedCases(first: 1) { totalCount }
    }`, {}, steward);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect(res.data!.quarantinedEvents.edges[0].node.community.name).toBe(other.community.name);
    for (const [name, department] of [['legalEntityQuarantineDrop', 'entities'], ['caseQuarantineDrop', 'cases']] as const) {
      const wrong = await gql(`mutation { ${name}(input: { id: "events:1", reason: "test" }) { row { id } userErrors { field code } } }`, {}, steward);
      expect(wrong.data![name], department).toEqual({ row: null, userErrors: [{ field: ['input', 'id'], code: 'NOT_FOUND' }] });
    }
  });
});
