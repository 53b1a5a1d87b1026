/**
 * The subscription hub (gateway/subscription-hub.ts) through the gateway with the real
 * `graphql-sse` client: identical subscribers share one execution (the gateway's own gauges say
 * how many), another viewer class gets its own; each subscriber's delivery is still audited under
 * its own subject, roles, client and purpose, for every subgraph that revealed someone, and never
 * under the hub's; one subscriber leaving or its token expiring ends only its own stream; and
 * while the audit log cannot be written no subscriber gets the data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../lib/auth/dev-keys.ts';
import { SHOWCASE } from '../seeds/showcase.ts';
import { deleteEvents, freshBuildingCode, freshCommunityCode, insertEvents } from './support/events-factories.ts';
import { scratchAuditSystem, withAuditAppendGone } from './support/scratch-audit.ts';
import { sendUntilAllReceived, subscribe, type Subscriber } from './support/sse.ts';
import { startTestSystem, type TestSystem } from './support/system.ts';

let t: TestSystem;
const community = freshCommunityCode();
const created: string[] = [];

beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => {
  await deleteEvents(t.databases.events, created);
  await t?.stop();
});

const WATCH = 'subscription ($prefix: AddressCode!) { eventChanged(addressPrefix: $prefix) { change event { id kind } } }';

/** A gauge of the gateway's /metrics. */
async function gauge(system: TestSystem, name: string): Promise<number> {
  const text = await (await fetch(`${system.baseUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

/** Inserts probes at `at` until every subscriber has received one, then forgets what they received. */
async function allLive(system: TestSystem, subscribers: Subscriber[], at: string): Promise<void> {
  created.push(...await sendUntilAllReceived(subscribers, async () => (await insertEvents(system.databases.events, [{ addressCode: at, description: 'probe' }]))[0], 40, 300));
  await new Promise((r) => setTimeout(r, 300));
  for (const s of subscribers) {
    expect(s.results.length, 'a subscription never went live').toBeGreaterThan(0);
    s.results.length = 0;
  }
}

describe('the subscription hub', () => {
  it('runs identical subscribers on one execution and another viewer class on its own, each receiving every event', async () => {
    const hubsBefore = await gauge(t, 'gateway_subscription_hubs');
    const membersBefore = await gauge(t, 'gateway_subscription_hub_members');
    const workers = await Promise.all(['hub-w1', 'hub-w2', 'hub-w3'].map((subject) => signDevToken({ subject, roles: ['grid-worker'], communities: [community] })));
    const admin = await signDevToken({ subject: 'hub-admin', roles: ['admin'] });
    const subscribers = [...workers, admin].map((token) => subscribe(t.gatewayUrl, WATCH, { prefix: community }, token));
    try {
      await allLive(t, subscribers, freshBuildingCode(community));
      expect(await gauge(t, 'gateway_subscription_hubs')).toBe(hubsBefore + 2);
      expect(await gauge(t, 'gateway_subscription_hub_members')).toBe(membersBefore + 4);
      const ids = await insertEvents(t.databases.events, [
        { addressCode: freshBuildingCode(community), kind: 'FIRE_HAZARD' },
        { addressCode: freshBuildingCode(community), kind: 'DISPUTE' },
      ]);
      created.push(...ids);
      for (const s of subscribers) {
        const got = await s.received(2);
        expect(got.map((r) => r.errors)).toEqual([undefined, undefined]);
        expect(got.map((r) => r.data.eventChanged.event.id).sort()).toEqual([...ids].sort());
      }
    } finally {
      for (const s of subscribers) s.close();
    }
    // the last member leaving closes its hub
    await expect.poll(() => gauge(t, 'gateway_subscription_hubs'), { timeout: 5000 }).toBe(hubsBefore);
    await expect.poll(() => gauge(t, 'gateway_subscription_hub_members'), { timeout: 5000 }).toBe(membersBefore);
  });

  it('audits each subscriber\'s delivery under its own subject, client and purpose, for every subgraph that revealed someone', async () => {
    const resident = await t.databases.people.knex.raw(`SELECT person_id FROM people.residence WHERE address_code = ? AND until IS NULL ORDER BY person_id LIMIT 1`, [SHOWCASE.roomCode]);
    const personId = resident.rows[0].person_id as string;
    const subjects = ['hub-audit-1', 'hub-audit-2'];
    const tokens = await Promise.all(subjects.map((subject) => signDevToken({ subject, roles: ['grid-worker'], communities: [SHOWCASE.communityCode] })));
    const query = 'subscription HubAudit($prefix: AddressCode!) { eventChanged(addressPrefix: $prefix, kinds: [ENVIRONMENT]) { event { id involvedPeople { role person { name idNumber } } } } }';
    const subscribers = tokens.map((token, i) => subscribe(t.gatewayUrl, query, { prefix: SHOWCASE.roomCode }, token, {
      'graphql-client-name': `field-app-${i + 1}`,
      'x-purpose': encodeURIComponent(`巡查 ${i + 1}`),
    }));
    const inserted: string[] = [];
    try {
      // the showcase room is shared by other suites: each try is removed once delivered or not
      inserted.push(...await sendUntilAllReceived(subscribers, async () => (await insertEvents(t.databases.events, [{ addressCode: SHOWCASE.roomCode, kind: 'ENVIRONMENT', people: [{ personId, role: 'INVOLVED' }] }]))[0]));
      const deliveries = await Promise.all(subscribers.map(async (s) => (await s.received(1))[0]));
      for (const d of deliveries) {
        expect(d.errors).toBeUndefined();
        expect(d.data.eventChanged.event.involvedPeople[0].person.idNumber).toMatch(/\*/);
      }
      await t.system.audit.flush();
      const records = await t.auditDatabase.knex.raw(
        `SELECT subject, subgraph, client_name, purpose, operation_name, roles FROM audit.log WHERE ? = ANY(person_ids) AND (subject = ANY(?) OR subject = 'gateway:subscription-hub') ORDER BY subject, subgraph`,
        [personId, subjects],
      );
      const seen = new Set(records.rows.map((r: { subject: string; subgraph: string; client_name: string; purpose: string }) => `${r.subject} ${r.subgraph} ${r.client_name} ${r.purpose}`));
      expect([...seen].sort()).toEqual([
        'hub-audit-1 events field-app-1 巡查 1',
        'hub-audit-1 people field-app-1 巡查 1',
        'hub-audit-2 events field-app-2 巡查 2',
        'hub-audit-2 people field-app-2 巡查 2',
      ]);
      for (const r of records.rows as { operation_name: string; roles: string[] }[]) {
        expect(r.operation_name).toBe('HubAudit');
        expect(r.roles).toEqual(['grid-worker']);
      }
    } finally {
      for (const s of subscribers) s.close();
      await deleteEvents(t.databases.events, inserted);
    }
  });

  it('ends only the stream of a subscriber whose token expires or who leaves; the others go on', async () => {
    const [staying, leaving] = await Promise.all(['hub-stay', 'hub-leave'].map((subject) => signDevToken({ subject, roles: ['grid-worker'], communities: [community] })));
    const shortLived = await signDevToken({ subject: 'hub-short', roles: ['grid-worker'], communities: [community], expiresIn: '5s' });
    const [stay, leave, expire] = [staying, leaving, shortLived].map((token) => subscribe(t.gatewayUrl, WATCH, { prefix: community }, token));
    try {
      await allLive(t, [stay, leave, expire], freshBuildingCode(community));
      leave.close();
      const end = await Promise.race([expire.ended, new Promise((r) => setTimeout(() => r('still open'), 10_000))]);
      expect(end).not.toBe('still open');
      expect(expire.results.at(-1)?.errors?.[0]?.extensions?.code).toBe('TOKEN_EXPIRED');
      // the one left still receives
      const [id] = await insertEvents(t.databases.events, [{ addressCode: freshBuildingCode(community), kind: 'OTHER' }]);
      created.push(id);
      const got = await stay.received(1);
      expect(got.map((r) => r.data?.eventChanged?.event?.id)).toContain(id);
      expect(expire.results.some((r) => r.data?.eventChanged?.event?.id === id)).toBe(false);
    } finally {
      for (const s of [stay, leave, expire]) s.close();
    }
  }, 30_000);
});

describe('the subscription hub while the audit log cannot be written', () => {
  const broken = scratchAuditSystem();

  it('hands no subscriber the data, each an AUDIT_UNAVAILABLE error, and the data again once it can', async () => {
    const resident = await broken.system.databases.people.knex.raw(`SELECT person_id FROM people.residence WHERE address_code = ? AND until IS NULL ORDER BY person_id LIMIT 1`, [SHOWCASE.roomCode]);
    const personId = resident.rows[0].person_id as string;
    const tokens = await Promise.all(['hub-closed-1', 'hub-closed-2'].map((subject) => signDevToken({ subject, roles: ['grid-worker'], communities: [SHOWCASE.communityCode] })));
    const query = 'subscription ($prefix: AddressCode!) { eventChanged(addressPrefix: $prefix, kinds: [ENVIRONMENT]) { event { id involvedPeople { person { name } } } } }';
    const subscribers = tokens.map((token) => subscribe(broken.system.gatewayUrl, query, { prefix: SHOWCASE.roomCode }, token));
    const inserted: string[] = [];
    const deliverOne = async () => {
      inserted.push(...await sendUntilAllReceived(subscribers, async () => (await insertEvents(broken.system.databases.events, [{ addressCode: SHOWCASE.roomCode, kind: 'ENVIRONMENT', people: [{ personId, role: 'INVOLVED' }] }]))[0]));
      return Promise.all(subscribers.map(async (s) => (await s.received(1)).at(-1)!));
    };
    try {
      for (const d of await deliverOne()) expect(d.errors).toBeUndefined();
      await withAuditAppendGone(broken.scratch, async () => {
        for (const d of await deliverOne()) {
          expect(d.data?.eventChanged ?? null).toBeNull();
          expect(JSON.stringify(d)).not.toMatch(/"name"/);
          expect(d.errors?.map((e) => e.extensions?.code)).toEqual(['AUDIT_UNAVAILABLE']);
        }
      });
      for (const d of await deliverOne()) {
        expect(d.errors).toBeUndefined();
        expect(d.data.eventChanged.event.involvedPeople[0].person.name).toBeTruthy();
      }
    } finally {
      for (const s of subscribers) s.close();
      await deleteEvents(broken.system.databases.events, inserted);
    }
  }, 60_000);
});
