/**
 * The stewards' quarantine (importer/quarantine.ts, `npm run quarantine`) on the fixture database:
 * an import quarantines rows; a steward lists and shows them (masked without people:pii), fixes one
 * by assigning a code (the row loads, the spelling becomes an alias and the next import of it is
 * not quarantined), corrects a field, drops one with a reason, revokes the alias (the spelling is
 * quarantined again), relinks after an alias; scope refusal, community confinement, bad input and
 * the audit records. Last, the CLI as a steward runs it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAliasRepository } from '../address/aliases.ts';
import { createAuditWriter, type AuditWriter } from '../audit/writer.ts';
import { ROLES, type Scope, type Viewer } from '../lib/auth/scopes.ts';
import { query, type Database } from '../lib/db.ts';
import type { DepartmentKind } from '../importer/formats.ts';
import { createQuarantineService, type QuarantineService, type Steward } from '../importer/quarantine.ts';
import { importFile } from '../importer/run.ts';
import type { LinkLevel } from '../importer/types.ts';
import { runCli } from './support/cli.ts';
import { openFixture } from './support/databases.ts';
import { csvText, eventRow, personRow, shuffledColumns, writeCsv, type CsvRow } from './support/import-files.ts';
import { insertTestEstate, type TestEstate } from './support/import-registry.ts';

type Dbs = Record<'buildings' | 'audit' | DepartmentKind, Database>;
const db = {} as Dbs;
let audit: AuditWriter;
let service: QuarantineService;
let dir: string;
let place: TestEstate;
let other: TestEstate;
let files = 0;

function openAll(): void {
  for (const s of ['buildings', 'audit', 'people', 'entities', 'events', 'cases'] as const) db[s] = openFixture(s);
  audit = createAuditWriter(db.audit);
  service = createQuarantineService({ databases: db, audit });
}

async function closeAll(): Promise<void> {
  await audit.close();
  for (const d of Object.values(db)) await d.close();
}

beforeAll(async () => {
  openAll();
  place = await insertTestEstate(db.buildings);
  other = await insertTestEstate(db.buildings);
  dir = mkdtempSync(path.join(os.tmpdir(), 'quarantine-test-'));
});

afterAll(async () => {
  await closeAll();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A steward named `name` with the steward role, and more scopes or communities when asked. */
function steward(name: string, options: { pii?: boolean; communities?: string[]; scopes?: Scope[] } = {}): Steward {
  const scopes = new Set<Scope>(options.scopes ?? ROLES.steward);
  if (options.pii) scopes.add('people:pii');
  const viewer: Viewer = { subject: name, roles: ['steward'], scopes, communities: options.communities ?? null };
  return { viewer, client: 'quarantine.test' };
}

async function importRows(kind: DepartmentKind, rows: CsvRow[], minLevel: LinkLevel = 'BUILDING') {
  const file = writeCsv(dir, `${kind}-${++files}.csv`, csvText(shuffledColumns(kind), rows));
  const report = await importFile({ kind, file, target: db[kind], buildings: db.buildings, migrate: false, minLevel });
  return { file: path.basename(file), report };
}

/** The waiting (QUARANTINED) quarantine row of a record id, or undefined. */
async function held(kind: DepartmentKind, recordId: string) {
  const [row] = await query<{ id: number; reason: string; community: string | null }>(db[kind].knex,
    `SELECT id::int, reason, community_code AS community FROM ${kind}.import_quarantine WHERE record_id = ? AND status = 'QUARANTINED'`, [recordId]);
  return row;
}

/** The quarantine row of a record id whatever its status, with who resolved it. */
async function kept(kind: DepartmentKind, recordId: string) {
  const [row] = await query<{ id: number; status: string; resolved_by: string | null; resolution: string | null; resolved_at: Date | null; history: { action: string; by: string | null; note: string | null }[] }>(
    db[kind].knex, `SELECT id::int, status, resolved_by, resolution, resolved_at, history FROM ${kind}.import_quarantine WHERE record_id = ?`, [recordId]);
  return row;
}

async function auditRecord(id: number) {
  const [row] = await query<{ subject: string; subgraph: string; operation_name: string; purpose: string; person_ids: string[]; address_codes: string[] }>(
    db.audit.knex, `SELECT subject, subgraph, operation_name, purpose, person_ids, address_codes FROM audit.log WHERE id = ?`, [id]);
  return row;
}

/** A clerk's name for a place the registry does not know, inside the estate's community. */
const nickname = (p: TestEstate, n: string) => `${p.communityText()}${n}大院后排`;

describe('a clerk spelling quarantined, fixed with a code, and taught', () => {
  const spelling = `老${Date.now() % 100000}号`;
  let first: CsvRow;
  let quarantineId: number;

  beforeAll(async () => {
    first = eventRow(nickname(place, spelling));
    const { report } = await importRows('events', [first, eventRow(place.roomText(place.buildings[0], place.buildings[0].rooms[0]))]);
    expect(report.quarantined).toBe(1);
    const row = await held('events', first.event_id);
    quarantineId = row.id;
  });

  it('lists the row by reason, community and file, oldest first, without values', async () => {
    const row = await held('events', first.event_id);
    expect(row).toMatchObject({ reason: 'UNLINKED', community: place.community.code });
    const page = await service.list('events', { reason: 'UNLINKED', community: place.community.code }, steward('li.wei'));
    expect(page.ok).toBe(true);
    if (!page.ok) return;
    expect(page.value.total).toBe(1);
    expect(page.value.items).toEqual([expect.objectContaining({ id: quarantineId, recordId: first.event_id, reason: 'UNLINKED', communityCode: place.community.code })]);
    expect(page.value.items[0]).not.toHaveProperty('raw');
    const none = await service.list('events', { reason: 'AMBIGUOUS', community: place.community.code }, steward('li.wei'));
    expect(none.ok && none.value.total).toBe(0);
  });

  it('refuses a bad code, an unknown code, an unknown id and an unknown column, naming each', async () => {
    const s = steward('li.wei');
    expect(await service.fix('events', quarantineId, { code: '44030400' }, s)).toMatchObject({ ok: false, errors: [{ code: 'INVALID_ADDRESS_CODE', field: ['code'] }] });
    expect(await service.fix('events', quarantineId, { code: `${place.buildings[0].code.slice(0, 14)}99999` }, s))
      .toMatchObject({ ok: false, errors: [{ code: 'ADDRESS_NOT_FOUND', field: ['code'] }] });
    expect(await service.fix('events', 987654321, { code: place.buildings[0].code }, s)).toMatchObject({ ok: false, errors: [{ code: 'NOT_FOUND', field: ['id'] }] });
    expect(await service.fix('events', quarantineId, { fields: { colour: 'red' } }, s)).toMatchObject({ ok: false, errors: [{ code: 'BAD_USER_INPUT', field: ['fields', 'colour'] }] });
    expect(await service.fix('events', quarantineId, { code: place.buildings[0].code, fields: { severity: 'HUGE' } }, s))
      .toMatchObject({ ok: false, errors: [{ code: 'INVALID_ROW', field: ['fields', 'severity'] }] });
    // nothing changed
    expect(await held('events', first.event_id)).toMatchObject({ id: quarantineId });
  });

  it('refuses a steward without steward:write, and hides other communities from a confined one', async () => {
    const analyst = steward('analyst', { scopes: [...ROLES.analyst] });
    expect(await service.list('events', {}, analyst)).toMatchObject({ ok: false, errors: [{ code: 'FORBIDDEN' }] });
    expect(await service.fix('events', quarantineId, { code: place.buildings[0].code }, analyst)).toMatchObject({ ok: false, errors: [{ code: 'FORBIDDEN' }] });
    const confined = steward('wang.fang', { communities: [other.community.code] });
    const page = await service.list('events', { file: null }, confined);
    expect(page.ok && page.value.items.some((i) => i.id === quarantineId)).toBe(false);
    expect(await service.show('events', quarantineId, confined)).toMatchObject({ ok: false, errors: [{ code: 'NOT_FOUND' }] });
    expect(await service.fix('events', quarantineId, { code: other.buildings[0].code }, confined)).toMatchObject({ ok: false, errors: [{ code: 'NOT_FOUND' }] });
    // confined to the row's community, but assigning a code of another
    const own = steward('zhao.min', { communities: [place.community.code] });
    expect(await service.fix('events', quarantineId, { code: other.buildings[0].code }, own)).toMatchObject({ ok: false, errors: [{ code: 'OUT_OF_SCOPE', field: ['code'] }] });
  });

  it('fix loads the row at the code, leaves the quarantine, teaches the alias and writes the audit record', async () => {
    const code = place.buildings[1].code;
    const fixed = await service.fix('events', quarantineId, { code }, steward('li.wei', { communities: [place.community.code] }));
    expect(fixed).toMatchObject({ ok: true, value: { recordId: first.event_id, outcome: 'inserted', level: 'BUILDING', codes: { address: code }, aliasCreated: true } });
    if (!fixed.ok) return;
    const [event] = await query<{ address_code: string }>(db.events.knex, `SELECT address_code FROM events.event WHERE id = ?`, [first.event_id]);
    expect(event.address_code).toBe(code);
    expect(await held('events', first.event_id)).toBeUndefined();
    expect(await kept('events', first.event_id)).toMatchObject({ id: quarantineId, status: 'FIXED', resolved_by: 'li.wei', resolution: expect.stringContaining(`address → ${code}`) });
    expect(fixed.value.alias).toMatchObject({ code, createdBy: 'li.wei', revokedAt: null, text: `${place.communityText()}${spelling}大院后排` });
    expect(await auditRecord(fixed.value.auditId)).toMatchObject({
      subject: 'li.wei', subgraph: 'events', operation_name: 'quarantine.fix', address_codes: [code],
      purpose: expect.stringContaining(`address → ${code}`),
    });
    // fixing it again: it was fixed
    expect(await service.fix('events', quarantineId, { code }, steward('li.wei'))).toMatchObject({ ok: false, errors: [{ code: 'RESOLVED' }] });
  });

  it('the next import of the same spelling (spaced differently) is linked, not quarantined', async () => {
    const again = eventRow(`${place.subdistrict.name} ${place.community.name}  ${spelling}大院 后排`);
    const { report } = await importRows('events', [again]);
    expect(report).toMatchObject({ quarantined: 0, inserted: 1 });
    const [event] = await query<{ address_code: string }>(db.events.knex, `SELECT address_code FROM events.event WHERE id = ?`, [again.event_id]);
    expect(event.address_code).toBe(place.buildings[1].code);
  });

  it('the alias is listed; revoking it (who, why) quarantines the spelling again', async () => {
    const s = steward('li.wei');
    const listed = await service.aliases({}, s);
    expect(listed.ok).toBe(true);
    if (!listed.ok) return;
    const alias = listed.value.aliases.find((a) => a.text.includes(spelling))!;
    expect(alias).toMatchObject({ code: place.buildings[1].code, createdBy: 'li.wei' });
    // a confined steward of another community does not see it
    const elsewhere = await service.aliases({}, steward('wang.fang', { communities: [other.community.code] }));
    expect(elsewhere.ok && elsewhere.value.aliases.some((a) => a.id === alias.id)).toBe(false);
    expect(await service.revokeAlias(alias.id, '  ', s)).toMatchObject({ ok: false, errors: [{ code: 'BAD_USER_INPUT', field: ['reason'] }] });
    const revoked = await service.revokeAlias(alias.id, 'the clerk meant building 1', steward('chen.jie'));
    expect(revoked).toMatchObject({ ok: true, value: { alias: { revokedBy: 'chen.jie', revokeReason: 'the clerk meant building 1' } } });
    if (!revoked.ok) return;
    expect(await auditRecord(revoked.value.auditId!)).toMatchObject({ subject: 'chen.jie', operation_name: 'quarantine.revokeAlias', address_codes: [place.buildings[1].code] });
    const live = await service.aliases({}, s);
    expect(live.ok && live.value.aliases.some((a) => a.id === alias.id)).toBe(false);
    const all = await service.aliases({ includeRevoked: true }, s);
    expect(all.ok && all.value.aliases.some((a) => a.id === alias.id)).toBe(true);

    const third = eventRow(nickname(place, spelling));
    const { report } = await importRows('events', [third]);
    expect(report.quarantined).toBe(1);
    expect(await held('events', third.event_id)).toMatchObject({ reason: 'UNLINKED' });
  });
});

describe('a fix and the alias it teaches survive a crash between them', () => {
  it('the alias is taught first: a crash before the load leaves the row quarantined, and the same fix run again loads it with the alias taught once', async () => {
    const spelling = `断${Date.now() % 100000}号`;
    const r = eventRow(nickname(place, spelling));
    await importRows('events', [r]);
    const { id } = await held('events', r.event_id);
    const code = place.buildings[0].code;
    const crashing = createQuarantineService({ databases: db, audit, afterAliasTaught: () => { throw new Error('injected crash'); } });
    await expect(crashing.fix('events', id, { code }, steward('li.wei'))).rejects.toThrow('injected crash');
    // the alias is there (safe: the next import of the text links), the row still waits
    const key = `${place.communityText()}${spelling}大院后排`;
    const taught = (await createAliasRepository(db.buildings.knex).live([key])).get(key);
    expect(taught).toMatchObject({ code, createdBy: 'li.wei' });
    expect(await held('events', r.event_id)).toMatchObject({ id });
    const [teachRecord] = await query<{ n: number }>(db.audit.knex,
      `SELECT count(*)::int AS n FROM audit.log WHERE operation_name = 'quarantine.teachAlias' AND purpose LIKE ?`, [`%#${taught!.id} %`]);
    expect(teachRecord.n).toBe(1);
    // rerun: completes, the same alias
    const again = await service.fix('events', id, { code }, steward('li.wei'));
    expect(again).toMatchObject({ ok: true, value: { outcome: 'inserted', aliasCreated: false, alias: { id: taught!.id, code } } });
    expect(await held('events', r.event_id)).toBeUndefined();
    const [event] = await query<{ address_code: string }>(db.events.knex, `SELECT address_code FROM events.event WHERE id = ?`, [r.event_id]);
    expect(event.address_code).toBe(code);
  });

  it('a fix the database refuses (CONFLICT) takes back the alias it had taught, audited', async () => {
    const holder = personRow(place.roomText(place.buildings[0], place.buildings[0].rooms[0]));
    const spelling = `冲${Date.now() % 100000}号`;
    const twin = personRow(nickname(place, spelling), { id_number: holder.id_number });
    await importRows('people', [holder]);
    await importRows('people', [twin]);
    const { id } = await held('people', twin.person_id);
    const refused = await service.fix('people', id, { code: place.buildings[0].rooms[0].code }, steward('li.wei', { pii: true }));
    expect(refused).toMatchObject({ ok: false, errors: [{ code: 'CONFLICT', message: expect.stringContaining(`already belongs to person ${holder.person_id}`) }] });
    expect(await held('people', twin.person_id)).toMatchObject({ id });
    const key = `${place.communityText()}${spelling}大院后排`;
    expect((await createAliasRepository(db.buildings.knex).live([key])).size).toBe(0);
    const [revoked] = await query<{ revoked_by: string; revoke_reason: string }>(db.buildings.knex,
      `SELECT revoked_by, revoke_reason FROM buildings.address_alias WHERE text = ?`, [key]);
    expect(revoked).toMatchObject({ revoked_by: 'li.wei', revoke_reason: expect.stringContaining('was refused (CONFLICT)') });
  });

  it('a fix that still fails teaches nothing, and the refusal is in the row history and the audit trail', async () => {
    const spelling = `拒${Date.now() % 100000}号`;
    const r = eventRow(nickname(place, spelling));
    await importRows('events', [r]);
    const { id } = await held('events', r.event_id);
    const refused = await service.fix('events', id, { code: place.buildings[0].code, fields: { severity: 'HUGE' } }, steward('li.wei'));
    expect(refused).toMatchObject({ ok: false, errors: [{ code: 'INVALID_ROW' }] });
    const key = `${place.communityText()}${spelling}大院后排`;
    expect((await createAliasRepository(db.buildings.knex).live([key])).size).toBe(0);
    expect(await kept('events', r.event_id)).toMatchObject({ status: 'QUARANTINED', history: [{ action: 'FIX_REFUSED', by: 'li.wei', note: 'INVALID_ROW' }] });
  });
});

describe('show masks personal data without people:pii', () => {
  let row: CsvRow;
  let id: number;

  beforeAll(async () => {
    row = personRow(nickname(place, `张${Date.now() % 1000}`), { id_number: '', phone: '13912345678' });
    // an empty id_number: INVALID_ROW; a real one on a second row that fails its address
    const good = personRow(nickname(place, `李${Date.now() % 1000}`), { phone: '13912345678' });
    await importRows('people', [row, good]);
    row = good;
    id = (await held('people', good.person_id)).id;
  });

  it('masks identity number, phone and dates in values and detail; people:pii shows them; both audited', async () => {
    const masked = await service.show('people', id, steward('li.wei'));
    expect(masked.ok).toBe(true);
    if (!masked.ok) return;
    expect(masked.value.masked).toBe(true);
    expect(masked.value.raw).toMatchObject({ id_number: '*'.repeat(18), phone: '139****5678', birth_date: '1988-**-**', since: '2021-**-**', name: row.name });
    expect(JSON.stringify(masked.value)).not.toContain(row.id_number);
    expect(JSON.stringify(masked.value)).not.toContain('13912345678');
    const full = await service.show('people', id, steward('li.wei', { pii: true }));
    expect(full).toMatchObject({ ok: true, value: { masked: false, raw: { id_number: row.id_number, phone: '13912345678', birth_date: '1988-04-12' } } });
    const [record] = await query<{ n: number }>(db.audit.knex,
      `SELECT count(*)::int AS n FROM audit.log WHERE operation_name = 'quarantine.show' AND person_ids @> ARRAY[?::text]`, [row.person_id]);
    expect(record.n).toBe(2);
  });

  it('a field correction re-runs validation: a bad one is named, a good one with a code loads the person', async () => {
    const s = steward('li.wei', { pii: true });
    expect(await service.fix('people', id, { code: place.buildings[0].rooms[0].code, fields: { birth_date: '1988-02-30' } }, s))
      .toMatchObject({ ok: false, errors: [{ code: 'INVALID_ROW', field: ['fields', 'birth_date'] }] });
    const fixed = await service.fix('people', id, { code: place.buildings[0].rooms[0].code, fields: { name: '李四' } }, s);
    expect(fixed).toMatchObject({ ok: true, value: { outcome: 'inserted', level: 'ROOM' } });
    const [person] = await query<{ name: string; address_code: string }>(db.people.knex,
      `SELECT p.name, r.address_code FROM people.person p JOIN people.residence r ON r.person_id = p.id AND r.until IS NULL WHERE p.id = ?`, [row.person_id]);
    expect(person).toEqual({ name: '李四', address_code: place.buildings[0].rooms[0].code });
    if (fixed.ok) expect(await auditRecord(fixed.value.auditId)).toMatchObject({ person_ids: [row.person_id], purpose: expect.stringContaining('name corrected') });
  });
});

describe('drop and relink', () => {
  it('drop needs a reason, removes the row, and is audited', async () => {
    const r = eventRow(nickname(place, `丢${Date.now() % 1000}`));
    await importRows('events', [r]);
    const { id } = await held('events', r.event_id);
    expect(await service.drop('events', id, '', steward('li.wei'))).toMatchObject({ ok: false, errors: [{ code: 'BAD_USER_INPUT', field: ['reason'] }] });
    expect(await held('events', r.event_id)).toBeDefined();
    const dropped = await service.drop('events', id, 'duplicate of a hotline report', steward('li.wei'));
    expect(dropped).toMatchObject({ ok: true, value: { item: { status: 'DROPPED', resolvedBy: 'li.wei', resolution: 'duplicate of a hotline report' }, replayed: false } });
    expect(await held('events', r.event_id)).toBeUndefined();
    if (dropped.ok) expect(await auditRecord(dropped.value.auditId!)).toMatchObject({ operation_name: 'quarantine.drop', purpose: expect.stringContaining('duplicate of a hotline report') });
    // the same drop again (a retry) answers the same, once audited; another reason is refused
    expect(await service.drop('events', id, 'duplicate of a hotline report', steward('li.wei'))).toMatchObject({ ok: true, value: { replayed: true, auditId: null } });
    expect(await service.drop('events', id, 'again', steward('li.wei'))).toMatchObject({ ok: false, errors: [{ code: 'RESOLVED', field: ['id'] }] });
  });

  it('a dropped row is kept (who, when, why), left out of the list unless asked for, and cannot be fixed', async () => {
    const r = eventRow(nickname(place, `留${Date.now() % 1000}`));
    await importRows('events', [r]);
    const { id } = await held('events', r.event_id);
    const s = steward('li.wei');
    const dropped = await service.drop('events', id, 'test call from the hotline', s);
    expect(dropped.ok).toBe(true);
    expect(await kept('events', r.event_id)).toMatchObject({
      id, status: 'DROPPED', resolved_by: 'li.wei', resolution: 'test call from the hotline', resolved_at: expect.any(Date),
      history: [{ action: 'DROPPED', by: 'li.wei', note: 'test call from the hotline' }],
    });
    const waiting = await service.list('events', { first: 500, community: place.community.code }, s);
    expect(waiting.ok && waiting.value.items.some((i) => i.id === id)).toBe(false);
    const gone = await service.list('events', { first: 500, community: place.community.code, status: 'DROPPED' }, s);
    expect(gone.ok && gone.value.items.find((i) => i.id === id)).toMatchObject({ status: 'DROPPED', resolvedBy: 'li.wei' });
    expect(await service.show('events', id, s)).toMatchObject({ ok: true, value: { status: 'DROPPED' } });
    expect(await service.fix('events', id, { code: place.buildings[0].code }, s)).toMatchObject({ ok: false, errors: [{ code: 'RESOLVED' }] });
    // the clerk sends it again: quarantined again, the drop in its history
    await importRows('events', [r]);
    expect(await kept('events', r.event_id)).toMatchObject({
      id, status: 'QUARANTINED', resolved_by: null,
      history: [{ action: 'DROPPED' }, { action: 'REQUARANTINED', by: null, note: expect.stringContaining('was DROPPED') }],
    });
  });

  it('relink loads the rows an alias taught since, and restates the others', async () => {
    const taught = `${Date.now() % 1000}号仓`;
    const a = eventRow(nickname(place, taught));
    const b = eventRow(nickname(place, `${taught}旁`));
    await importRows('events', [a, b]);
    const ids = [(await held('events', a.event_id)).id, (await held('events', b.event_id)).id];
    await createAliasRepository(db.buildings.knex).add(`${place.communityText()}${taught}大院后排`, place.buildings[0].code, 'li.wei');
    const result = await service.relink('events', { ids }, steward('li.wei'));
    expect(result).toMatchObject({ ok: true, value: { tried: 2, loaded: [{ id: ids[0], recordId: a.event_id }], still: [{ id: ids[1], reason: 'UNLINKED' }] } });
    expect(await held('events', a.event_id)).toBeUndefined();
    expect(await held('events', b.event_id)).toBeDefined();
    if (result.ok) expect(await auditRecord(result.value.auditId!)).toMatchObject({ operation_name: 'quarantine.relink' });
  });
});

describe('npm run quarantine', () => {
  it('lists, shows masked, fixes and refuses bad input with exit codes', async () => {
    const r = eventRow(nickname(place, `命令${Date.now() % 1000}`));
    const r2 = eventRow(nickname(place, `命令${Date.now() % 1000}乙`));
    await importRows('events', [r, r2]);
    const { id } = await held('events', r.event_id);
    const other = (await held('events', r2.event_id)).id;
    await closeAll();
    try {
      const list = await runCli('scripts/quarantine.ts', ['list', 'events', '--reason', 'unlinked', '--as', 'li.wei', '--json', '--first', '500']);
      expect(list.code).toBe(0);
      expect(JSON.parse(list.stdout).items.some((i: { id: number }) => i.id === id)).toBe(true);
      const show = await runCli('scripts/quarantine.ts', ['show', 'events', String(id), '--as', 'li.wei']);
      expect(show).toMatchObject({ code: 0, stdout: expect.stringContaining('UNLINKED') });
      expect((await runCli('scripts/quarantine.ts', ['show', 'events', String(id)])).code).toBe(2);
      const bad = await runCli('scripts/quarantine.ts', ['fix', 'events', String(id), '--code', 'nope', '--as', 'li.wei']);
      expect(bad).toMatchObject({ code: 1, stderr: expect.stringContaining('INVALID_ADDRESS_CODE code:') });
      const fixed = await runCli('scripts/quarantine.ts', ['fix', 'events', String(id), '--code', place.buildings[0].code, '--as', 'li.wei']);
      expect(fixed).toMatchObject({ code: 0, stdout: expect.stringContaining(`record ${r.event_id} inserted at building`) });
      const drop = await runCli('scripts/quarantine.ts', ['drop', 'events', '1', '--as', 'li.wei']);
      expect(drop).toMatchObject({ code: 2, stderr: expect.stringContaining('--why') });
      const dropped = await runCli('scripts/quarantine.ts', ['drop', 'events', String(other), '--why', 'a test row', '--as', 'li.wei']);
      expect(dropped).toMatchObject({ code: 0, stdout: expect.stringContaining('kept as DROPPED') });
      const listed = await runCli('scripts/quarantine.ts', ['list', 'events', '--status', 'dropped', '--as', 'li.wei', '--first', '500']);
      expect(listed).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`\\b${other}\\b.*DROPPED .* by li\\.wei: a test row`)) });
      expect((await runCli('scripts/quarantine.ts', ['list', 'events', '--status', 'gone', '--as', 'li.wei'])).code).toBe(2);
    } finally {
      openAll();
    }
    // each run opens the databases (on PGlite: loads the folder) and migrates first: eight runs
  }, 420_000);
});
