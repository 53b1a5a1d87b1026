/**
 * The whole-request deadline and the bound on requests in flight per subgraph (gateway/deadline.ts),
 * met through a second gateway whose subgraph URLs lead to real HTTP stand-ins: one that forwards
 * slowly, one that never answers. Asserted on answers, codes and counts, never on elapsed time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOWCASE } from '../seeds/showcase.ts';
import { startGatewayOver, startStandIn, type SecondGateway, type StandIn } from './support/proxy.ts';
import { adminToken, startTestSystem, type TestSystem } from './support/system.ts';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => {
  await t?.stop();
});

const ROOM = `{ address(code: "${SHOWCASE.roomCode}") { name residentCount } }`;

describe('one deadline per client request', () => {
  const DELAY_MS = 3000;
  const DEADLINE_MS = 5000;
  let slowBuildings: StandIn;
  let slowPeople: StandIn;
  let gateway: SecondGateway;
  beforeAll(async () => {
    // each fetch takes 3 s more than it would: one fits in the 5 s deadline (2 s to spare for
    // the work itself), two one after the other do not, though each alone is well within the
    // 10 s subgraph timeout
    slowBuildings = await startStandIn(t.system.subgraphs.buildings.url, { delayMs: DELAY_MS });
    slowPeople = await startStandIn(t.system.subgraphs.people.url, { delayMs: DELAY_MS });
    gateway = await startGatewayOver(t, { buildings: slowBuildings.url, people: slowPeople.url }, { limits: { requestTimeoutMs: DEADLINE_MS }, subgraphTimeoutMs: 10_000 });
    // warm up the subgraphs, the database and this gateway's query plan, so the work itself is quick
    await t.query(ROOM);
    await gateway.query(ROOM, {}, await adminToken());
  });
  afterAll(async () => {
    await gateway?.stop();
    await slowBuildings?.stop();
    await slowPeople?.stop();
  });

  it('gives the second of two sequential fetches what is left, not a fresh timeout: it is cut off as SUBGRAPH_UNAVAILABLE naming the subgraph', async () => {
    const res = await gateway.query(ROOM, {}, await adminToken());
    // buildings answered within the deadline; people, asked after it, could not
    expect(res.data?.address.name).toBe('1203房');
    expect(res.data?.address.residentCount).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'people' });
    expect(res.errors![0].path?.[0]).toBe('address');
  });

  it('signs the same deadline into every subgraph request of one client request', async () => {
    const before = { buildings: slowBuildings.received.length, people: slowPeople.received.length };
    await gateway.query(ROOM, {}, await adminToken());
    const calls = [...slowBuildings.received.slice(before.buildings), ...slowPeople.received.slice(before.people)].map((b) => b.extensions.call);
    expect(calls.map((c) => c.subgraph).sort()).toEqual(['buildings', 'people']);
    expect(new Set(calls.map((c) => c.deadline)).size).toBe(1);
    // the deadline lies REQUEST_TIMEOUT_MS after the request arrived, i.e. after both signatures' time minus that
    for (const c of calls) expect(c.deadline - c.issuedAt).toBeLessThanOrEqual(DEADLINE_MS);
  });
});

describe('a stalled subgraph', () => {
  const MAX_IN_FLIGHT = 2;
  const CLIENTS = 6;
  let stalled: StandIn;
  let gateway: SecondGateway;
  beforeAll(async () => {
    stalled = await startStandIn(t.system.subgraphs.people.url, { stall: true });
    gateway = await startGatewayOver(t, { people: stalled.url }, { limits: { requestTimeoutMs: 6000, subgraphMaxInFlight: MAX_IN_FLIGHT }, subgraphTimeoutMs: 10_000 });
  });
  afterAll(async () => {
    await gateway?.stop();
    await stalled?.stop();
  });

  it('lets no more than the bound of requests pile up on it; every client gets the rest of its data and SUBGRAPH_UNAVAILABLE naming it', async () => {
    const token = await adminToken();
    // the first requests hold every place in flight to the stalled subgraph...
    const first = Array.from({ length: MAX_IN_FLIGHT }, () => gateway.query(ROOM, {}, token));
    while (stalled.received.length < MAX_IN_FLIGHT) await new Promise((resolve) => setTimeout(resolve, 20));
    // ...so the ones after them are answered without it, while those still wait
    const later = [];
    for (let i = MAX_IN_FLIGHT; i < CLIENTS; i++) later.push(await gateway.query(ROOM, {}, token));
    expect(stalled.open()).toBe(MAX_IN_FLIGHT);
    const answers = [...(await Promise.all(first)), ...later];
    // only the bound reached the stalled subgraph; the others were answered without asking it
    expect(stalled.received).toHaveLength(MAX_IN_FLIGHT);
    for (const res of answers) {
      expect(res.status, JSON.stringify(res)).toBe(200);
      expect(res.data?.address.name).toBe('1203房');
      expect(res.data?.address.residentCount).toBeNull();
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'people' });
    }
    const reasons = answers.map((r) => String(r.errors![0].extensions!.reason));
    expect(reasons.filter((r) => r.includes('in flight'))).toHaveLength(CLIENTS - MAX_IN_FLIGHT);
    expect(reasons.filter((r) => r.includes('deadline'))).toHaveLength(MAX_IN_FLIGHT);
    // the gateway dropped the stalled fetches at the deadline: nothing is left open, and the next request is let through
    await expect.poll(() => stalled.open()).toBe(0);
    const next = await gateway.query(ROOM, {}, token);
    expect(next.errors?.[0].extensions?.reason).toMatch(/deadline/);
    expect(stalled.received).toHaveLength(MAX_IN_FLIGHT + 1);
  });
});
