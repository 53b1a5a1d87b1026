/**
 * The events write side through the real gateway with real tokens (issue 11): a grid worker
 * reports, an officer assigns, the worker resolves and closes; every refused step, retries with a
 * clientMutationId, stale versions, community scoping of writes, free text landing on the
 * deepest certain level, the audit trail and the history, and what queries and the bridge's
 * incremental refresh (Address.events(updatedSince)) see afterwards.
 *
 * Code-addressed reports go to fresh made-up communities (district 449900) so no other suite's
 * counts move; the free-text report lands in the seeded showcase and is deleted at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../lib/auth/dev-keys.ts';
import { query } from '../lib/db.ts';
import { SHOWCASE } from '../seeds/showcase.ts';
import { databaseNow } from './support/bridge.ts';
import { deleteEvents, freshBuildingCode, freshCommunityCode, freshCreditCode, insertEvents } from './support/events-factories.ts';
import { startTestSystem, type TestSystem } from './support/system.ts';

let t: TestSystem;
const community = freshCommunityCode();
const elsewhere = freshCommunityCode();
let worker: string;
let reader: string;
let created: string[] = [];

beforeAll(async () => {
  t = await startTestSystem();
  worker = await signDevToken({ subject: 'write-worker', roles: ['grid-worker'], communities: [community] });
  reader = await signDevToken({ subject: 'write-reader', roles: ['analyst'] });
});
afterAll(async () => {
  await deleteEvents(t.databases.events, created);
  await t?.stop();
});

const EVENT = 'id status version assignedUnit resolvedAt closedAt updatedAt address { code } history { actor action fromStatus toStatus note version }';
const ERRORS = 'userErrors { field message code currentVersion } clientMutationId replayed';

async function report(input: Record<string, unknown>, token = worker) {
  const res = await t.query(`mutation ($input: EventReportInput!) { eventReport(input: $input) {
    event { ${EVENT} } address { code level confidence candidates { code level } } ${ERRORS} } }`, { input }, token);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  const payload = res.data!.eventReport;
  if (payload.event) created.push(payload.event.id);
  return payload;
}

type Step = 'eventAssign' | 'eventResolve' | 'eventClose' | 'eventReopen' | 'eventAddParticipant';
const INPUT_TYPE: Record<Step, string> = {
  eventAssign: 'EventAssignInput', eventResolve: 'EventTransitionInput', eventClose: 'EventTransitionInput',
  eventReopen: 'EventTransitionInput', eventAddParticipant: 'EventAddParticipantInput',
};

async function step(name: Step, input: Record<string, unknown>, token = worker) {
  const res = await t.query(`mutation ($input: ${INPUT_TYPE[name]}!) { ${name}(input: $input) { event { ${EVENT} } ${ERRORS} } }`, { input }, token);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data![name];
}

const base = (code: string) => ({ kind: 'FIRE_HAZARD', source: 'GRID_PATROL', severity: 'HIGH', description: '消防通道被电动车堵塞', address: { code } });

describe('report -> assign -> resolve -> close', () => {
  it('walks the workflow, keeps the history, moves version and updatedAt, and audits every write', async () => {
    const building = freshBuildingCode(community);
    const before = await databaseNow(t.databases.events.knex);
    const r = await report(base(building));
    expect(r.userErrors).toEqual([]);
    expect(r.address).toEqual({ code: building, level: 'BUILDING', confidence: 1, candidates: [] });
    expect(r.event).toMatchObject({ status: 'REPORTED', version: 1, address: { code: building } });
    const id = r.event.id;

    const a = await step('eventAssign', { id, version: 1, assignee: { unit: '福田街道消防站' }, note: '请今日处理' });
    expect(a.userErrors).toEqual([]);
    expect(a.event).toMatchObject({ status: 'ASSIGNED', version: 2, assignedUnit: '福田街道消防站' });
    const s = await step('eventResolve', { id, version: 2, note: '已清理' });
    expect(s.event).toMatchObject({ status: 'RESOLVED', version: 3 });
    expect(s.event.resolvedAt).not.toBeNull();
    const c = await step('eventClose', { id, version: 3 });
    expect(c.event).toMatchObject({ status: 'CLOSED', version: 4 });
    expect(c.event.closedAt).not.toBeNull();
    expect(new Date(c.event.updatedAt).getTime()).toBeGreaterThanOrEqual(before.getTime() - 1);

    expect(c.event.history).toEqual([
      { actor: 'write-worker', action: 'REPORT', fromStatus: null, toStatus: 'REPORTED', note: null, version: 1 },
      { actor: 'write-worker', action: 'ASSIGN', fromStatus: 'REPORTED', toStatus: 'ASSIGNED', note: '请今日处理', version: 2 },
      { actor: 'write-worker', action: 'RESOLVE', fromStatus: 'ASSIGNED', toStatus: 'RESOLVED', note: '已清理', version: 3 },
      { actor: 'write-worker', action: 'CLOSE', fromStatus: 'RESOLVED', toStatus: 'CLOSED', note: null, version: 4 },
    ]);

    // every write has its audit record, and each history row names it
    const history = await query<{ auditId: number }>(t.databases.events.knex,
      `SELECT audit_id AS "auditId" FROM events.event_history WHERE event_id = ? ORDER BY id`, [id]);
    const audit = await query<{ id: number; subject: string; subgraph: string; addressCodes: string[] }>(t.auditDatabase.knex,
      `SELECT id, subject, subgraph, address_codes AS "addressCodes" FROM audit.log WHERE id = ANY(?::bigint[]) ORDER BY id`,
      [history.map((h) => h.auditId)]);
    expect(audit).toHaveLength(4);
    for (const row of audit) expect(row).toMatchObject({ subject: 'write-worker', subgraph: 'events', addressCodes: [building] });

    // visible at once to queries (the bridge's updatedSince refresh: see the free-text test, at a registry address)
    const seen = await t.query(`query ($ids: [ID!]!) { events(ids: $ids) { id status version } }`, { ids: [id] }, reader);
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.events).toEqual([{ id, status: 'CLOSED', version: 4 }]);
  });

  it('reopens to ASSIGNED, and to REPORTED an event nobody was ever assigned (an import)', async () => {
    const [imported] = await insertEvents(t.databases.events, [{ addressCode: freshBuildingCode(community), status: 'RESOLVED' }]);
    created.push(imported);
    const r = await step('eventReopen', { id: imported, version: 1, note: '复查未整改' });
    expect(r.event).toMatchObject({ status: 'REPORTED', version: 2, resolvedAt: null });
    expect(r.event.history).toEqual([{ actor: 'write-worker', action: 'REOPEN', fromStatus: 'RESOLVED', toStatus: 'REPORTED', note: '复查未整改', version: 2 }]);

    const { event } = await report(base(freshBuildingCode(community)));
    await step('eventAssign', { id: event.id, version: 1, assignee: { personId: 'some-person' } });
    await step('eventResolve', { id: event.id, version: 2 });
    const again = await step('eventReopen', { id: event.id, version: 3 });
    expect(again.event).toMatchObject({ status: 'ASSIGNED', version: 4, resolvedAt: null });
  });
});

describe('refusals', () => {
  it('refuses each illegal transition naming from and to, writing nothing', async () => {
    const { event } = await report(base(freshBuildingCode(community)));
    const cases: [Step, string][] = [['eventResolve', 'REPORTED -> RESOLVED'], ['eventClose', 'REPORTED -> CLOSED'], ['eventReopen', 'REPORTED -> ASSIGNED']];
    for (const [name, fromTo] of cases) {
      const r = await step(name, { id: event.id, version: 1 });
      expect(r.event).toBeNull();
      expect(r.userErrors).toHaveLength(1);
      expect(r.userErrors[0]).toMatchObject({ code: 'INVALID_TRANSITION', field: ['input', 'id'] });
      expect(r.userErrors[0].message).toContain(fromTo.split(' -> ')[0]);
    }
    await step('eventAssign', { id: event.id, version: 1, assignee: { unit: 'U' } });
    await step('eventResolve', { id: event.id, version: 2 });
    await step('eventClose', { id: event.id, version: 3 });
    for (const [name, input] of [['eventResolve', {}], ['eventClose', {}], ['eventAssign', { assignee: { unit: 'U' } }], ['eventAddParticipant', { participant: { personId: 'p', role: 'WITNESS' } }]] as const) {
      const r = await step(name, { id: event.id, version: 4, ...input });
      expect(r.userErrors[0], name).toMatchObject({ code: 'INVALID_TRANSITION' });
      expect(r.userErrors[0].message, name).toContain('CLOSED');
    }
    const after = await t.query(`query ($id: ID!) { event(id: $id) { version history { action } } }`, { id: event.id });
    expect(after.data!.event).toEqual({ version: 4, history: [{ action: 'REPORT' }, { action: 'ASSIGN' }, { action: 'RESOLVE' }, { action: 'CLOSE' }] });
  });

  it('refuses a stale version with the current one, never losing an update', async () => {
    const { event } = await report(base(freshBuildingCode(community)));
    const [first, second] = await Promise.all([
      step('eventAssign', { id: event.id, version: 1, assignee: { unit: 'A' } }),
      step('eventAssign', { id: event.id, version: 1, assignee: { unit: 'B' } }),
    ]);
    const winners = [first, second].filter((r) => r.event);
    const losers = [first, second].filter((r) => !r.event);
    expect(winners).toHaveLength(1);
    expect(losers[0].userErrors).toEqual([{ field: ['input', 'version'], code: 'STALE_VERSION', currentVersion: 2, message: expect.stringContaining('version 2') }]);
    const now = await t.query(`query ($id: ID!) { event(id: $id) { version assignedUnit } }`, { id: event.id });
    expect(now.data!.event).toEqual({ version: 2, assignedUnit: winners[0].event.assignedUnit });
  });

  it('names the field of each invalid value', async () => {
    const r = await report({ ...base(freshBuildingCode(community)), description: '  ', address: { code: freshBuildingCode(community), text: '水围村' } });
    expect(r.userErrors.map((e: any) => [e.field, e.code])).toEqual([
      [['input', 'description'], 'INVALID_INPUT'],
      [['input', 'address'], 'INVALID_INPUT'],
    ]);
    const district = await report({ ...base('440304'), address: { code: '440304' } });
    expect(district.userErrors).toMatchObject([{ field: ['input', 'address', 'code'], code: 'INVALID_INPUT' }]);
    const { event } = await report(base(freshBuildingCode(community)));
    const a = await step('eventAssign', { id: event.id, version: 1, assignee: { unit: 'X', personId: 'p' } });
    expect(a.userErrors).toMatchObject([{ field: ['input', 'assignee'], code: 'INVALID_INPUT' }]);
    const p = await step('eventAddParticipant', { id: event.id, version: 1, participant: { creditCode: freshCreditCode(), role: 'WITNESS' } });
    expect(p.userErrors.map((e: any) => e.field)).toContainEqual(['input', 'participant', 'role']);
  });
});

describe('long texts', () => {
  it('takes a description and a note of 2000 characters (the schema\'s limit, not the gateway\'s 256 for arguments), and refuses 2001 with an error naming the field', async () => {
    const long = '楼道堆放杂物'.repeat(400).slice(0, 2000);
    const { event, userErrors } = await report({ ...base(freshBuildingCode(community)), description: long });
    expect(userErrors).toEqual([]);
    const stored = await t.query(`query ($id: ID!) { event(id: $id) { description } }`, { id: event.id });
    expect(stored.data!.event.description).toBe(long);
    const assigned = await step('eventAssign', { id: event.id, version: 1, assignee: { unit: '福田街道城管执法队' }, note: long });
    expect(assigned.userErrors).toEqual([]);
    // past the limit the gateway's argument check refuses it before the subgraph runs, naming the field
    const tooLong = await t.query(`mutation ($input: EventReportInput!) { eventReport(input: $input) { event { id } } }`, { input: { ...base(freshBuildingCode(community)), description: `${long}。` } }, worker);
    expect(tooLong.errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', argument: 'input.description', maxLength: 2000 } }]);
  });
});

describe('idempotent retries', () => {
  it('returns the first result for a retry, and refuses the key for another input', async () => {
    const input = { ...base(freshBuildingCode(community)), clientMutationId: `k-${Date.now()}` };
    const [a, b] = await Promise.all([report(input), report(input)]);
    expect(a.event.id).toBe(b.event.id);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    const count = await query<{ n: number }>(t.databases.events.knex, `SELECT count(*)::int AS n FROM events.event WHERE address_code = ?`, [input.address.code]);
    expect(count[0].n).toBe(1);
    const c = await report(input);
    expect(c).toMatchObject({ replayed: true, event: { id: a.event.id }, clientMutationId: input.clientMutationId });

    const reused = await report({ ...input, severity: 'LOW' });
    expect(reused.event).toBeNull();
    expect(reused.userErrors).toMatchObject([{ field: ['input', 'clientMutationId'], code: 'IDEMPOTENCY_KEY_REUSED' }]);

    const key = `t-${Date.now()}`;
    const first = await step('eventAssign', { id: a.event.id, version: 1, assignee: { unit: 'U' }, clientMutationId: key });
    const retry = await step('eventAssign', { id: a.event.id, version: 1, assignee: { unit: 'U' }, clientMutationId: key });
    expect(first.event.version).toBe(2);
    expect(retry).toMatchObject({ replayed: true, userErrors: [], event: { version: 2 } });
    expect(retry.event.history.filter((h: any) => h.action === 'ASSIGN')).toHaveLength(1);
  });

  it('takes the key from an Idempotency-Key header when the input has no clientMutationId', async () => {
    const input = base(freshBuildingCode(community));
    const send = async () => {
      const res = await fetch(t.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${worker}`, 'idempotency-key': `hdr-${input.address.code}` },
        body: JSON.stringify({ query: 'mutation ($input: EventReportInput!) { eventReport(input: $input) { event { id } replayed userErrors { code } } }', variables: { input } }),
      });
      return ((await res.json()) as any).data.eventReport;
    };
    const first = await send();
    const retry = await send();
    created.push(first.event.id);
    expect(first).toMatchObject({ replayed: false, userErrors: [] });
    expect(retry).toMatchObject({ replayed: true, event: { id: first.event.id } });
  });

  it('keys are per subject: another worker with the same key reports afresh', async () => {
    const other = await signDevToken({ subject: 'write-worker-2', roles: ['grid-worker'], communities: [community] });
    const input = { ...base(freshBuildingCode(community)), clientMutationId: `shared-${Date.now()}` };
    const a = await report(input);
    const b = await report(input, other);
    expect(b.replayed).toBe(false);
    expect(b.event.id).not.toBe(a.event.id);
  });
});

describe('scoping of writes', () => {
  it('answers an event of another community exactly like an unknown id, and refuses to report there', async () => {
    const [theirs] = await insertEvents(t.databases.events, [{ addressCode: freshBuildingCode(elsewhere) }]);
    created.push(theirs);
    const foreign = await step('eventAssign', { id: theirs, version: 1, assignee: { unit: 'U' } });
    const unknown = await step('eventAssign', { id: 'ev-no-such-event', version: 1, assignee: { unit: 'U' } });
    expect(foreign.userErrors).toEqual([{ field: ['input', 'id'], code: 'NOT_FOUND', currentVersion: null, message: `No event has id ${theirs}` }]);
    expect(unknown.userErrors[0].code).toBe('NOT_FOUND');
    // a stale version must not tell it apart either
    const stale = await step('eventAssign', { id: theirs, version: 7, assignee: { unit: 'U' } });
    expect(stale.userErrors[0].code).toBe('NOT_FOUND');
    const [row] = await query<{ version: number }>(t.databases.events.knex, 'SELECT version FROM events.event WHERE id = ?', [theirs]);
    expect(row.version).toBe(1);

    const there = await report(base(freshBuildingCode(elsewhere)));
    expect(there.event).toBeNull();
    expect(there.userErrors).toMatchObject([{ field: ['input', 'address'], code: 'OUT_OF_SCOPE' }]);
  });

  it('refuses a token without events:write', async () => {
    const res = await t.query(`mutation ($input: EventReportInput!) { eventReport(input: $input) { event { id } } }`, { input: base(freshBuildingCode(community)) }, reader);
    expect(res.data?.eventReport ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toMatch(/UNAUTHORIZED_FIELD_OR_TYPE|FORBIDDEN/);
    const n = await query<{ n: number }>(t.databases.events.knex, `SELECT count(*)::int AS n FROM events.event WHERE reported_by = 'write-reader'`);
    expect(n[0].n).toBe(0);
  });
});

describe('free-text addresses', () => {
  const showcaseWorker = () => signDevToken({ subject: 'write-showcase', roles: ['grid-worker'], communities: [SHOWCASE.communityCode] });

  it('lands on the room when the text is certain of it, and the bridge\'s incremental refresh sees it', async () => {
    const before = await databaseNow(t.databases.events.knex);
    const r = await report({ ...base(''), address: { text: '福田区福田街道水围社区水围村28栋1203' } }, await showcaseWorker());
    try {
      expect(r.userErrors).toEqual([]);
      expect(r.address).toMatchObject({ code: SHOWCASE.roomCode, level: 'ROOM' });
      expect(r.address.confidence).toBeGreaterThan(0.8);
      expect(r.event.address.code).toBe(SHOWCASE.roomCode);
      // what the bridge's Events set reads for an incremental refresh: Address.events(updatedSince)
      const list = `query ($code: AddressCode!, $since: DateTime) { address(code: $code) { events(updatedSince: $since, first: 100) { edges { node { id status version updatedAt } } } } }`;
      const fresh = await t.query(list, { code: SHOWCASE.subdistrictCode, since: before.toISOString() }, reader);
      expect(fresh.errors).toBeUndefined();
      expect(fresh.data!.address.events.edges.map((e: any) => e.node.id)).toContain(r.event.id);
      const cut = await databaseNow(t.databases.events.knex);
      await step('eventAssign', { id: r.event.id, version: 1, assignee: { unit: '水围社区工作站' } }, await showcaseWorker());
      const moved = await t.query(list, { code: SHOWCASE.subdistrictCode, since: cut.toISOString() }, reader);
      const node = moved.data!.address.events.edges.map((e: any) => e.node).find((n: any) => n.id === r.event.id);
      expect(node).toMatchObject({ status: 'ASSIGNED', version: 2 });
      expect(new Date(node.updatedAt).getTime()).toBeGreaterThanOrEqual(cut.getTime() - 1);
    } finally {
      await deleteEvents(t.databases.events, [r.event?.id].filter(Boolean));
    }
  });

  it('lands on the community with candidates when the building is not written', async () => {
    const r = await report({ ...base(''), address: { text: '福田区福田街道水围社区水围村' } }, await showcaseWorker());
    try {
      expect(r.address).toMatchObject({ code: SHOWCASE.communityCode, level: 'COMMUNITY' });
      expect(r.address.candidates.length).toBeGreaterThan(1);
      expect(r.event.address.code).toBe(SHOWCASE.communityCode);
    } finally {
      await deleteEvents(t.databases.events, [r.event?.id].filter(Boolean));
    }
  });

  it('refuses a text that reaches no community, saying how far it got', async () => {
    const r = await report({ ...base(''), address: { text: '福田区' } }, await showcaseWorker());
    expect(r.event).toBeNull();
    expect(r.userErrors).toMatchObject([{ field: ['input', 'address', 'text'], code: 'ADDRESS_NOT_PRECISE' }]);
  });

  it('refuses a text that lands outside the worker\'s communities', async () => {
    const r = await report({ ...base(''), address: { text: '福田区福田街道水围社区水围村28栋1203' } });
    expect(r.event).toBeNull();
    expect(r.userErrors).toMatchObject([{ field: ['input', 'address'], code: 'OUT_OF_SCOPE' }]);
    expect(r.address.code).toBe(SHOWCASE.roomCode);
  });
});
