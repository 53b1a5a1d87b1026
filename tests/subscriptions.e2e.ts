/**
 * Subscriptions through the real gateway with the real `graphql-sse` client (issue 11):
 * eventChanged delivers report -> assign -> resolve -> close under a prefix, filters by kind,
 * never reaches a worker of another community, masks as queries do, and ends when the token
 * expires; caseChanged delivers a case inserted and updated with plain SQL (as the importer
 * writes). Over both transports between gateway and subgraphs (in process, HTTP), and on
 * PostgreSQL across processes: a row committed by another connection reaches a subscriber of a
 * gateway and events subgraph running as their own processes.
 *
 * Rows go to fresh made-up communities (district 449900); the one event with a person lands in
 * the seeded showcase room and is deleted at once.
 */
import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../lib/auth/dev-keys.ts';
import { SHOWCASE } from '../seeds/showcase.ts';
import { deleteCases, insertCases } from './support/cases-factories.ts';
import { deleteEvents, freshBuildingCode, freshCommunityCode, insertEvents } from './support/events-factories.ts';
import { startChild } from './support/process.ts';
import { sendUntilAllReceived, subscribe, type Subscriber } from './support/sse.ts';
import { startTestSystem, type TestSystem } from './support/system.ts';

let t: TestSystem;
const community = freshCommunityCode();
const elsewhere = freshCommunityCode();
let worker: string;
let otherWorker: string;
const createdEvents: string[] = [];
const createdCases: string[] = [];

beforeAll(async () => {
  t = await startTestSystem();
  worker = await signDevToken({ subject: 'subs-worker', roles: ['grid-worker'], communities: [community] });
  otherWorker = await signDevToken({ subject: 'subs-other', roles: ['grid-worker'], communities: [elsewhere] });
});
afterAll(async () => {
  await deleteEvents(t.databases.events, createdEvents);
  await deleteCases(t.databases.cases, createdCases);
  await t?.stop();
});

const EVENT_CHANGED = `subscription Watch($prefix: AddressCode!, $kinds: [EventKind!]) {
  eventChanged(addressPrefix: $prefix, kinds: $kinds) { change previousStatus status event { id kind status version address { code } } } }`;

/**
 * Waits until `subscriber` is live: inserts a probe event at `probeAt` every 300 ms until one
 * arrives (the stream has no "connected" message), then forgets the probes it received.
 */
async function live(subscriber: Subscriber, probeAt: string, field = 'eventChanged'): Promise<void> {
  for (let i = 0; i < 40; i++) {
    const [id] = await insertEvents(t.databases.events, [{ addressCode: probeAt, description: 'probe' }]);
    createdEvents.push(id);
    try {
      await subscriber.received(1, 300);
      break;
    } catch {
      // not yet listening
    }
  }
  await new Promise((r) => setTimeout(r, 300));
  expect(subscriber.results.length, 'the subscription never went live').toBeGreaterThan(0);
  expect(subscriber.results.every((r) => r.data?.[field])).toBe(true);
  subscriber.results.length = 0;
}

async function mutate(name: string, inputType: string, input: Record<string, unknown>, token = worker) {
  const res = await t.query(`mutation ($input: ${inputType}!) { ${name}(input: $input) { event { id version status } userErrors { code message } } }`, { input }, token);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  expect(res.data![name].userErrors).toEqual([]);
  return res.data![name].event as { id: string; version: number };
}

describe('eventChanged', () => {
  it('delivers report -> assign -> resolve -> close under the prefix, each with its change kind', async () => {
    const building = freshBuildingCode(community);
    const s = subscribe(t.gatewayUrl, EVENT_CHANGED, { prefix: community }, worker);
    try {
      await live(s, freshBuildingCode(community));
      const reported = await mutate('eventReport', 'EventReportInput', { kind: 'FIRE_HAZARD', source: 'GRID_PATROL', severity: 'HIGH', description: '消防通道被堵', address: { code: building } });
      createdEvents.push(reported.id);
      const assigned = await mutate('eventAssign', 'EventAssignInput', { id: reported.id, version: reported.version, assignee: { unit: '福田街道消防站' } });
      const resolved = await mutate('eventResolve', 'EventTransitionInput', { id: reported.id, version: assigned.version });
      await mutate('eventClose', 'EventTransitionInput', { id: reported.id, version: resolved.version });
      const got = await s.received(4, 5000);
      expect(got.map((r) => r.errors)).toEqual([undefined, undefined, undefined, undefined]);
      expect(got.map((r) => [r.data.eventChanged.change, r.data.eventChanged.previousStatus, r.data.eventChanged.status])).toEqual([
        ['CREATED', null, 'REPORTED'],
        ['STATUS_CHANGED', 'REPORTED', 'ASSIGNED'],
        ['STATUS_CHANGED', 'ASSIGNED', 'RESOLVED'],
        ['STATUS_CHANGED', 'RESOLVED', 'CLOSED'],
      ]);
      for (const r of got) expect(r.data.eventChanged.event).toMatchObject({ id: reported.id, kind: 'FIRE_HAZARD', address: { code: building } });
    } finally {
      s.close();
    }
  });

  it('delivers only the kinds asked for', async () => {
    const s = subscribe(t.gatewayUrl, EVENT_CHANGED, { prefix: community, kinds: ['FIRE_HAZARD', 'OTHER'] }, worker);
    try {
      await live(s, freshBuildingCode(community));
      const ids = await insertEvents(t.databases.events, [
        { addressCode: freshBuildingCode(community), kind: 'DISPUTE' },
        { addressCode: freshBuildingCode(community), kind: 'FIRE_HAZARD' },
      ]);
      createdEvents.push(...ids);
      const [first] = await s.received(1);
      expect(first.data.eventChanged.event).toMatchObject({ id: ids[1], kind: 'FIRE_HAZARD' });
      await new Promise((r) => setTimeout(r, 500));
      expect(s.results).toHaveLength(1);
    } finally {
      s.close();
    }
  });

  it('never delivers an event of another community to a confined worker, whatever prefix they ask for', async () => {
    // the other worker watches the whole test district, which holds both communities
    const s = subscribe(t.gatewayUrl, EVENT_CHANGED, { prefix: community.slice(0, 6) }, otherWorker);
    try {
      await live(s, freshBuildingCode(elsewhere));
      const [hidden] = await insertEvents(t.databases.events, [{ addressCode: freshBuildingCode(community), kind: 'FIRE_HAZARD' }]);
      const [own] = await insertEvents(t.databases.events, [{ addressCode: freshBuildingCode(elsewhere), kind: 'DISPUTE' }]);
      createdEvents.push(hidden, own);
      const [first] = await s.received(1);
      expect(first.data.eventChanged.event.id).toBe(own);
      await new Promise((r) => setTimeout(r, 500));
      expect(JSON.stringify(s.results)).not.toContain(hidden);
    } finally {
      s.close();
    }
  });

  it('serves an event\'s fields of other subgraphs masked exactly as a query serves them', async () => {
    const showcaseWorker = await signDevToken({ subject: 'subs-showcase', roles: ['grid-worker'], communities: [SHOWCASE.communityCode] });
    // a resident of the showcase room, by the people subgraph's key (what events.event_person holds)
    const resident = await t.databases.people.knex.raw(`SELECT person_id FROM people.residence WHERE address_code = ? AND until IS NULL ORDER BY person_id LIMIT 1`, [SHOWCASE.roomCode]);
    const personId = resident.rows[0].person_id as string;
    const selection = 'id address { fullName } involvedPeople { role person { name idNumber phone } }';
    const s = subscribe(t.gatewayUrl, `subscription ($prefix: AddressCode!) { eventChanged(addressPrefix: $prefix, kinds: [ENVIRONMENT]) { event { ${selection} } } }`, { prefix: SHOWCASE.roomCode }, showcaseWorker);
    const inserted: string[] = [];
    try {
      // the showcase room is shared by other suites: each try is removed once delivered or not
      for (let i = 0; i < 40 && s.results.length === 0; i++) {
        const [id] = await insertEvents(t.databases.events, [{ addressCode: SHOWCASE.roomCode, kind: 'ENVIRONMENT', people: [{ personId, role: 'INVOLVED' }] }]);
        inserted.push(id);
        await s.received(1, 400).catch(() => {});
      }
      const [delivered] = await s.received(1);
      expect(delivered.errors).toBeUndefined();
      const event = delivered.data.eventChanged.event;
      const queried = await t.query(`query ($id: ID!) { event(id: $id) { ${selection} } }`, { id: event.id }, showcaseWorker);
      expect(event).toEqual(queried.data!.event);
      expect(event.address.fullName).toBe(SHOWCASE.roomFullName);
      expect(event.involvedPeople[0].person.idNumber).toContain('*');
    } finally {
      s.close();
      await deleteEvents(t.databases.events, inserted);
    }
  });

  it('shares an event among identical subscribers, yet masks it per viewer and audits each delivery as its own', async () => {
    // two workers of the same class (role, scopes, community) and an admin, on the same document:
    // the subgraph executes the event once per class; each subscriber still gets its own masking
    // and its own audit record
    const [first, second] = await Promise.all(['subs-share-1', 'subs-share-2'].map((subject) => signDevToken({ subject, roles: ['grid-worker'], communities: [SHOWCASE.communityCode] })));
    const admin = await signDevToken({ subject: 'subs-share-admin', roles: ['admin'] });
    const resident = await t.databases.people.knex.raw(`SELECT person_id FROM people.residence WHERE address_code = ? AND until IS NULL ORDER BY person_id LIMIT 1`, [SHOWCASE.roomCode]);
    const personId = resident.rows[0].person_id as string;
    const query = 'subscription ($prefix: AddressCode!) { eventChanged(addressPrefix: $prefix, kinds: [ENVIRONMENT]) { event { id involvedPeople { role person { idNumber } } } } }';
    const subscribers = [first, second, admin].map((token) => subscribe(t.gatewayUrl, query, { prefix: SHOWCASE.roomCode }, token));
    const inserted: string[] = [];
    try {
      // the showcase room is shared by other suites: each try is removed once delivered or not
      inserted.push(...await sendUntilAllReceived(subscribers, async () => (await insertEvents(t.databases.events, [{ addressCode: SHOWCASE.roomCode, kind: 'ENVIRONMENT', people: [{ personId, role: 'INVOLVED' }] }]))[0]));
      const [one, two, all] = await Promise.all(subscribers.map(async (s) => (await s.received(1))[0]));
      for (const d of [one, two, all]) expect(d.errors).toBeUndefined();
      const eventId = one.data.eventChanged.event.id as string;
      expect(two.data.eventChanged.event.id).toBe(eventId);
      expect(all.data.eventChanged.event.id).toBe(eventId);
      const idOf = (d: typeof one) => d.data.eventChanged.event.involvedPeople[0].person.idNumber as string;
      expect(idOf(one)).toMatch(/^\*+$/);
      expect(idOf(two)).toBe(idOf(one));
      expect(idOf(all)).not.toContain('*');
      // every delivery of the person is in the audit log under its own subject
      await t.system.audit.flush();
      const records = await t.auditDatabase.knex.raw(`SELECT DISTINCT subject FROM audit.log WHERE subgraph = 'events' AND ? = ANY(person_ids) AND subject = ANY(?)`, [personId, ['subs-share-1', 'subs-share-2', 'subs-share-admin']]);
      expect(records.rows.map((r: { subject: string }) => r.subject).sort()).toEqual(['subs-share-1', 'subs-share-2', 'subs-share-admin']);
    } finally {
      for (const s of subscribers) s.close();
      await deleteEvents(t.databases.events, inserted);
    }
  });

  it('refuses an expired token at connect time, and ends the stream when a token expires', async () => {
    const expired = await signDevToken({ subject: 'subs-late', roles: ['grid-worker'], communities: [community], issuedAt: Math.floor(Date.now() / 1000) - 7200, expiresIn: '1h' });
    const refused = subscribe(t.gatewayUrl, EVENT_CHANGED, { prefix: community }, expired);
    const outcome = await refused.ended;
    expect(String(outcome.error ?? JSON.stringify(refused.results))).toMatch(/expired|401|TOKEN_EXPIRED/i);

    const shortLived = await signDevToken({ subject: 'subs-short', roles: ['grid-worker'], communities: [community], expiresIn: '6s' });
    const s = subscribe(t.gatewayUrl, EVENT_CHANGED, { prefix: community }, shortLived);
    await live(s, freshBuildingCode(community));
    const end = await Promise.race([s.ended, new Promise((r) => setTimeout(() => r('still open'), 10_000))]);
    expect(end).not.toBe('still open');
    expect(s.results.at(-1)?.errors?.[0]?.extensions?.code).toBe('TOKEN_EXPIRED');
  }, 30_000);
});

describe('caseChanged', () => {
  const CASE_CHANGED = `subscription ($prefix: AddressCode!) { caseChanged(addressPrefix: $prefix) { change previousStatus status case { id kind status } } }`;

  it('refuses a viewer without cases:read at connect time', async () => {
    const s = subscribe(t.gatewayUrl, CASE_CHANGED, { prefix: community }, worker);
    const { error } = await s.ended;
    expect(String(error)).toMatch(/401/);
    expect(s.results).toEqual([]);
  });

  it('delivers a case inserted and then updated by plain SQL (as the importer writes)', async () => {
    const officer = await signDevToken({ subject: 'subs-officer', scopes: ['cases:read'], communities: [community] });
    const s = subscribe(t.gatewayUrl, CASE_CHANGED, { prefix: community }, officer);
    try {
      // no probe for cases' channel: insert until the first arrives
      let id: string | undefined;
      for (let i = 0; i < 40 && s.results.length === 0; i++) {
        [id] = await insertCases(t.databases.cases, [{ addressCode: freshBuildingCode(community) }]);
        createdCases.push(id);
        await s.received(1, 300).catch(() => {});
      }
      await new Promise((r) => setTimeout(r, 300));
      s.results.length = 0;
      await t.databases.cases.knex.raw(`UPDATE cases.legal_case SET status = 'ACCEPTED' WHERE id = ?`, [id!]);
      const [changed] = await s.received(1);
      expect(changed.data.caseChanged).toEqual({ change: 'STATUS_CHANGED', previousStatus: 'FILED', status: 'ACCEPTED', case: { id, kind: 'MEDIATION', status: 'ACCEPTED' } });
    } finally {
      s.close();
    }
  });
});

describe('over HTTP between gateway and subgraphs', () => {
  it('delivers through a gateway that calls its subgraphs over HTTP (Server-Sent Events upstream)', async () => {
    const http = await startTestSystem({ subgraphTransport: 'http' });
    const s = subscribe(http.gatewayUrl, EVENT_CHANGED, { prefix: community }, worker);
    try {
      await live(s, freshBuildingCode(community));
      const [id] = await insertEvents(t.databases.events, [{ addressCode: freshBuildingCode(community), kind: 'TRAFFIC' }]);
      createdEvents.push(id);
      const [got] = await s.received(1);
      expect(got.data.eventChanged).toMatchObject({ change: 'CREATED', event: { id, kind: 'TRAFFIC' } });
    } finally {
      s.close();
      await http.stop();
    }
  }, 60_000);
});

async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: n }, () => new Promise<net.Server>((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  })));
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  return ports;
}

describe.skipIf(!process.env.DATABASE_URL)('across processes (PostgreSQL)', () => {
  it('delivers a row committed by another connection to a subscriber of a gateway and events subgraph in their own processes', async () => {
    const secret = 'a-test-secret-of-at-least-32-characters';
    const [base, gatewayPort] = await freePorts(2);
    const url = process.env.DATABASE_URL!;
    const subgraph = startChild('scripts/subgraph.ts', ['events'], { DATABASE_URL: url, UPSTREAM_HMAC_SECRET: secret, SUBGRAPH_PORT_BASE: String(base - 3) });
    const gateway = startChild('gateway/index.ts', [], {
      DATABASE_URL: url, UPSTREAM_HMAC_SECRET: secret, PORT: String(gatewayPort), HOST: '127.0.0.1',
      EVENTS_URL: `http://127.0.0.1:${base}/graphql`,
    });
    const sql = new pg.Client({ connectionString: url });
    const s: { current?: Subscriber } = {};
    try {
      await subgraph.waitFor('"msg":"subgraph ready"');
      await gateway.waitFor('"msg":"gateway ready"');
      await sql.connect();
      s.current = subscribe(`http://127.0.0.1:${gatewayPort}/graphql`, EVENT_CHANGED, { prefix: community }, worker);
      let id = '';
      for (let i = 0; i < 60 && s.current.results.length === 0; i++) {
        id = `test-ev-xproc-${Date.now()}-${i}`;
        createdEvents.push(id);
        await sql.query(`INSERT INTO events.event (id, kind, source, severity, status, reported_at, description, address_code) VALUES ($1, 'SANITATION', 'HOTLINE_12345', 'LOW', 'REPORTED', now(), 'plain SQL', $2)`, [id, freshBuildingCode(community)]);
        await s.current.received(1, 500).catch(() => {});
      }
      const [got] = await s.current.received(1);
      expect(got.data.eventChanged).toMatchObject({ change: 'CREATED', status: 'REPORTED', event: { id, kind: 'SANITATION' } });
    } finally {
      s.current?.close();
      await sql.end().catch(() => {});
      for (const child of [gateway, subgraph]) {
        if (child.process.exitCode === null) child.process.kill('SIGTERM');
        await child.exited;
      }
    }
  }, 120_000);
});
