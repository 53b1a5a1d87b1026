/**
 * The people write side through the real gateway with real tokens (issue 11): a grid worker
 * records people moving in and out and updates a phone number; at most one current residence of
 * a kind (a new one of the same kind ends the old one: a move), refused steps, retries with a
 * clientMutationId, stale versions, community scoping of writes, the masking of the payload, the
 * audit trail, and what queries see afterwards.
 *
 * Rows go to fresh made-up communities (district 449900), so no other suite's counts move.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../lib/auth/dev-keys.ts';
import { query } from '../lib/db.ts';
import { databaseNow } from './support/bridge.ts';
import { freshBuildingCode, freshCommunityCode, roomCode } from './support/events-factories.ts';
import { insertPerson, insertResidence } from './support/people-factories.ts';
import { startTestSystem, type TestSystem } from './support/system.ts';

let t: TestSystem;
const community = freshCommunityCode();
const elsewhere = freshCommunityCode();
let worker: string;
let piiWorker: string;

beforeAll(async () => {
  t = await startTestSystem();
  worker = await signDevToken({ subject: 'people-worker', roles: ['grid-worker'], communities: [community] });
  piiWorker = await signDevToken({ subject: 'people-officer', scopes: ['people:read', 'people:pii', 'people:write'], communities: [community] });
});
afterAll(async () => {
  await t?.stop();
});

const room = (c = community) => roomCode(freshBuildingCode(c), '000101');
const RESIDENCE = 'id version current since sinceYear until relation updatedAt address { code } person { id }';
const ERRORS = 'userErrors { field message code currentVersion } clientMutationId replayed';

async function mutate(name: 'residenceStart' | 'residenceEnd' | 'personUpdateContact', input: Record<string, unknown>, token = worker) {
  const selection = name === 'residenceStart' ? `residence { ${RESIDENCE} } endedResidence { ${RESIDENCE} }`
    : name === 'residenceEnd' ? `residence { ${RESIDENCE} }` : 'person { id phone version updatedAt }';
  const type = { residenceStart: 'ResidenceStartInput', residenceEnd: 'ResidenceEndInput', personUpdateContact: 'PersonUpdateContactInput' }[name];
  const res = await t.query(`mutation ($input: ${type}!) { ${name}(input: $input) { ${selection} ${ERRORS} } }`, { input }, token);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data![name];
}

/** A person living (currently, as a TENANT) in a fresh room of `c`. */
async function resident(c = community) {
  const person = await insertPerson(t.databases.people, { birthDate: '1990-05-01' });
  const residence = await insertResidence(t.databases.people, { personId: person.id, addressCode: room(c), relation: 'TENANT', since: '2020-01-01' });
  return { person, residence };
}

describe('residenceStart and residenceEnd', () => {
  it('moves a person: the new residence starts, the current one of the same kind ends that day, both audited', async () => {
    const { person, residence } = await resident();
    const to = room();
    const before = await databaseNow(t.databases.people.knex);
    const r = await mutate('residenceStart', { personId: person.id, roomCode: to, kind: 'TENANT', startedOn: '2025-03-01' });
    expect(r.userErrors).toEqual([]);
    expect(r.residence).toMatchObject({ version: 1, current: true, relation: 'TENANT', until: null, sinceYear: 2025, address: { code: to }, person: { id: person.id } });
    // grid workers have no people:pii: the day is masked to its year
    expect(r.residence.since).toBeNull();
    expect(r.endedResidence).toMatchObject({ id: String(residence.id), version: 2, current: false, until: '2025-03-01', address: { code: residence.addressCode } });
    expect(new Date(r.endedResidence.updatedAt).getTime()).toBeGreaterThanOrEqual(before.getTime() - 1);

    const seen = await t.query(`query ($id: ID!) { person(id: $id) { residences(current: true) { address { code } } } }`, { id: person.id }, worker);
    expect(seen.data!.person.residences).toEqual([{ address: { code: to } }]);

    const [audit] = await query<{ subject: string; subgraph: string; personIds: string[]; addressCodes: string[]; operationName: string }>(t.auditDatabase.knex,
      `SELECT subject, subgraph, person_ids AS "personIds", address_codes AS "addressCodes", operation_name AS "operationName" FROM audit.log
       WHERE subgraph = 'people' AND ? = ANY(person_ids) AND operation_name = 'residenceStart' ORDER BY id DESC LIMIT 1`, [person.id]);
    expect(audit).toMatchObject({ subject: 'people-worker', personIds: [person.id] });
    expect([...audit.addressCodes].sort()).toEqual([to, residence.addressCode].sort());
  });

  it('keeps a current residence of another kind, and refuses a second current one at the same address', async () => {
    const { person, residence } = await resident();
    const dorm = freshBuildingCode(community);
    const r = await mutate('residenceStart', { personId: person.id, roomCode: dorm, kind: 'COLLECTIVE', startedOn: '2024-09-01' });
    expect(r.userErrors).toEqual([]);
    expect(r.endedResidence).toBeNull();
    const current = await query<{ n: number }>(t.databases.people.knex, 'SELECT count(*)::int AS n FROM people.residence WHERE person_id = ? AND until IS NULL', [person.id]);
    expect(current[0].n).toBe(2);

    const again = await mutate('residenceStart', { personId: person.id, roomCode: residence.addressCode, kind: 'FAMILY', startedOn: '2024-10-01' });
    expect(again.residence).toBeNull();
    expect(again.userErrors).toMatchObject([{ field: ['input', 'roomCode'], code: 'ALREADY_EXISTS' }]);
  });

  it('ends a residence, then refuses to end it again, and refuses a stale version', async () => {
    const { person, residence } = await resident();
    const stale = await mutate('residenceEnd', { residenceId: String(residence.id), version: 2, endedOn: '2025-01-31' });
    expect(stale.userErrors).toEqual([{ field: ['input', 'version'], code: 'STALE_VERSION', currentVersion: 1, message: expect.stringContaining('version 1') }]);
    const ended = await mutate('residenceEnd', { residenceId: String(residence.id), version: 1, endedOn: '2025-01-31' });
    expect(ended.userErrors).toEqual([]);
    expect(ended.residence).toMatchObject({ version: 2, current: false, until: '2025-01-31' });
    // the person lives nowhere now: nobody's current resident, not even here
    const { data } = await t.query(`query ($id: ID!) { person(id: $id) { residences { current } } }`, { id: person.id });
    expect(data!.person.residences).toEqual([{ current: false }]);
    // the worker no longer finds someone who lives nowhere in their communities, as by query
    const gone = await mutate('residenceEnd', { residenceId: String(residence.id), version: 2, endedOn: '2025-02-01' });
    expect(gone.userErrors).toMatchObject([{ field: ['input', 'residenceId'], code: 'NOT_FOUND' }]);
    // an unconfined officer does, and cannot end it twice
    const officer = await signDevToken({ subject: 'people-district', scopes: ['people:read', 'people:write'] });
    const twice = await mutate('residenceEnd', { residenceId: String(residence.id), version: 2, endedOn: '2025-02-01' }, officer);
    expect(twice.userErrors).toMatchObject([{ field: ['input', 'residenceId'], code: 'INVALID_TRANSITION' }]);
    expect(twice.userErrors[0].message).toContain('already ended');
  });

  it('names the field of each invalid value', async () => {
    const { person, residence } = await resident();
    const r = await mutate('residenceStart', { personId: person.id, roomCode: freshBuildingCode(community), kind: 'OWNER', startedOn: '2999-01-01' });
    expect(r.userErrors.map((e: any) => [e.field, e.code])).toEqual([[['input', 'roomCode'], 'INVALID_INPUT'], [['input', 'startedOn'], 'INVALID_INPUT']]);
    const born = await mutate('residenceStart', { personId: person.id, roomCode: room(), kind: 'OWNER', startedOn: '1980-01-01' });
    expect(born.userErrors).toMatchObject([{ field: ['input', 'startedOn'], code: 'INVALID_INPUT', message: expect.stringContaining('born') }]);
    const early = await mutate('residenceEnd', { residenceId: String(residence.id), version: 1, endedOn: '2019-12-31' });
    expect(early.userErrors).toMatchObject([{ field: ['input', 'endedOn'], code: 'INVALID_INPUT' }]);
    const badId = await mutate('residenceEnd', { residenceId: 'r-1', version: 1, endedOn: '2024-01-01' });
    expect(badId.userErrors).toMatchObject([{ field: ['input', 'residenceId'], code: 'INVALID_INPUT' }]);
    // a malformed room code is the scalar's own error, naming it
    const res = await t.query(`mutation ($input: ResidenceStartInput!) { residenceStart(input: $input) { userErrors { code } } }`,
      { input: { personId: person.id, roomCode: 'not-a-code', kind: 'OWNER', startedOn: '2024-01-01' } }, worker);
    expect(res.errors?.[0]?.message).toMatch(/roomCode|AddressCode/);
  });
});

describe('personUpdateContact', () => {
  it('validates the phone, bumps the version and masks the payload as the caller\'s scopes say', async () => {
    const { person } = await resident();
    const bad = await mutate('personUpdateContact', { personId: person.id, version: 1, phone: '12345' });
    expect(bad.userErrors).toMatchObject([{ field: ['input', 'phone'], code: 'INVALID_INPUT' }]);
    expect(bad.userErrors[0].message).not.toContain('12345');

    const before = await databaseNow(t.databases.people.knex);
    const r = await mutate('personUpdateContact', { personId: person.id, version: 1, phone: '+86 139-1234-5678' });
    expect(r.userErrors).toEqual([]);
    // a writer without people:pii does not read back what was written
    expect(r.person).toMatchObject({ id: person.id, phone: '139****5678', version: 2 });
    expect(new Date(r.person.updatedAt).getTime()).toBeGreaterThanOrEqual(before.getTime() - 1);
    const [row] = await query<{ phone: string }>(t.databases.people.knex, 'SELECT phone FROM people.person WHERE id = ?', [person.id]);
    expect(row.phone).toBe('13912345678');

    const officer = await mutate('personUpdateContact', { personId: person.id, version: 2, phone: '13800001111' }, piiWorker);
    expect(officer.person).toMatchObject({ phone: '13800001111', version: 3 });

    const stale = await mutate('personUpdateContact', { personId: person.id, version: 2, phone: null });
    expect(stale.userErrors).toMatchObject([{ code: 'STALE_VERSION', currentVersion: 3 }]);
    const cleared = await mutate('personUpdateContact', { personId: person.id, version: 3, phone: null });
    expect(cleared.person).toMatchObject({ phone: null, version: 4 });

    const audits = await query<{ n: number }>(t.auditDatabase.knex,
      `SELECT count(*)::int AS n FROM audit.log WHERE subgraph = 'people' AND operation_name = 'personUpdateContact' AND ? = ANY(person_ids)`, [person.id]);
    expect(audits[0].n).toBeGreaterThanOrEqual(3);
  });
});

describe('idempotent retries', () => {
  it('returns the first result for a retry and refuses the key for another input', async () => {
    const { person, residence } = await resident();
    const input = { personId: person.id, roomCode: room(), kind: 'TENANT', startedOn: '2025-06-01', clientMutationId: `pe-${Date.now()}` };
    const [a, b] = await Promise.all([mutate('residenceStart', input), mutate('residenceStart', input)]);
    expect(a.residence.id).toBe(b.residence.id);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    const replay = [a, b].find((p) => p.replayed);
    expect(replay.endedResidence).toMatchObject({ id: String(residence.id), current: false });
    const n = await query<{ n: number }>(t.databases.people.knex, 'SELECT count(*)::int AS n FROM people.residence WHERE person_id = ?', [person.id]);
    expect(n[0].n).toBe(2);
    const reused = await mutate('residenceStart', { ...input, startedOn: '2025-06-02' });
    expect(reused.userErrors).toMatchObject([{ field: ['input', 'clientMutationId'], code: 'IDEMPOTENCY_KEY_REUSED' }]);

    const key = `pc-${Date.now()}`;
    const first = await mutate('personUpdateContact', { personId: person.id, version: 1, phone: '13700001234', clientMutationId: key });
    const retry = await mutate('personUpdateContact', { personId: person.id, version: 1, phone: '13700001234', clientMutationId: key });
    expect(first.person.version).toBe(2);
    expect(retry).toMatchObject({ replayed: true, userErrors: [], person: { version: 2 } });
  });
});

describe('scoping of writes', () => {
  it('answers a person or residence of another community exactly like an unknown id, and refuses to move anyone there', async () => {
    const theirs = await resident(elsewhere);
    const foreign = await mutate('personUpdateContact', { personId: theirs.person.id, version: 1, phone: '13500000000' });
    const unknown = await mutate('personUpdateContact', { personId: 'no-such-person', version: 1, phone: '13500000000' });
    expect(foreign.userErrors).toEqual([{ field: ['input', 'personId'], code: 'NOT_FOUND', currentVersion: null, message: `No person has id ${theirs.person.id}` }]);
    expect(unknown.userErrors[0].code).toBe('NOT_FOUND');
    const stale = await mutate('personUpdateContact', { personId: theirs.person.id, version: 9, phone: '13500000000' });
    expect(stale.userErrors[0].code).toBe('NOT_FOUND');
    const end = await mutate('residenceEnd', { residenceId: String(theirs.residence.id), version: 1, endedOn: '2025-01-01' });
    expect(end.userErrors).toEqual([{ field: ['input', 'residenceId'], code: 'NOT_FOUND', currentVersion: null, message: `No residence has id ${theirs.residence.id}` }]);
    const move = await mutate('residenceStart', { personId: theirs.person.id, roomCode: room(), kind: 'OWNER', startedOn: '2025-01-01' });
    expect(move.userErrors).toMatchObject([{ field: ['input', 'personId'], code: 'NOT_FOUND' }]);
    const [row] = await query<{ version: number; phone: string }>(t.databases.people.knex, 'SELECT version, phone FROM people.person WHERE id = ?', [theirs.person.id]);
    expect(row).toEqual({ version: 1, phone: theirs.person.phone });

    const mine = await resident();
    const there = await mutate('residenceStart', { personId: mine.person.id, roomCode: room(elsewhere), kind: 'OWNER', startedOn: '2025-01-01' });
    expect(there.userErrors).toMatchObject([{ field: ['input', 'roomCode'], code: 'OUT_OF_SCOPE' }]);
  });

  it('moves in someone who lives nowhere now, and does not end a residence elsewhere', async () => {
    const newcomer = await insertPerson(t.databases.people, { birthDate: '1995-01-01' });
    const r = await mutate('residenceStart', { personId: newcomer.id, roomCode: room(), kind: 'TENANT', startedOn: '2025-05-01' });
    expect(r.userErrors).toEqual([]);
    expect(r.residence.person.id).toBe(newcomer.id);

    // a person living here as an owner and elsewhere as a tenant: a move of the tenancy would end a stay elsewhere
    const { person } = await resident(elsewhere);
    await insertResidence(t.databases.people, { personId: person.id, addressCode: room(), relation: 'OWNER', since: '2021-01-01' });
    const refused = await mutate('residenceStart', { personId: person.id, roomCode: room(), kind: 'TENANT', startedOn: '2025-01-01' });
    expect(refused.userErrors).toMatchObject([{ field: ['input', 'personId'], code: 'OUT_OF_SCOPE' }]);
  });

  it('refuses a token without people:write', async () => {
    const { person } = await resident();
    const reader = await signDevToken({ subject: 'people-reader', roles: ['case-officer'] });
    const res = await t.query(`mutation ($input: PersonUpdateContactInput!) { personUpdateContact(input: $input) { person { id } } }`,
      { input: { personId: person.id, version: 1, phone: '13600000000' } }, reader);
    expect(res.data?.personUpdateContact ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toMatch(/UNAUTHORIZED_FIELD_OR_TYPE|FORBIDDEN/);
    const [row] = await query<{ version: number }>(t.databases.people.knex, 'SELECT version FROM people.person WHERE id = ?', [person.id]);
    expect(row.version).toBe(1);
  });
});
