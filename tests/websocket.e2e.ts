/**
 * GraphQL over WebSocket through the real gateway with the real `graphql-ws` client (issue 11,
 * "and WebSocket if the gateway offers it"): a field worker reports and assigns over the socket
 * and sees both on eventChanged over the same socket; a worker of another community never receives
 * the event; a query answers masked exactly as over HTTP; a bad or expired token is refused at
 * connect time with its code in the close reason, and a socket is closed when its token expires.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { signDevToken } from '../lib/auth/dev-keys.ts';
import { SHOWCASE } from '../seeds/showcase.ts';
import { deleteEvents, freshBuildingCode, freshCommunityCode, insertEvents } from './support/events-factories.ts';
import { startTestSystem, type TestSystem } from './support/system.ts';

type Result = { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };

let t: TestSystem;
let wsUrl: string;
const community = freshCommunityCode();
const elsewhere = freshCommunityCode();
const created: string[] = [];
const clients: Client[] = [];

beforeAll(async () => {
  t = await startTestSystem();
  wsUrl = t.gatewayUrl.replace(/^http/, 'ws');
});
afterAll(async () => {
  for (const c of clients) await c.dispose();
  await deleteEvents(t.databases.events, created);
  await t?.stop();
});

/** A graphql-ws client as the bearer of `token`; `closed` resolves with the first close event. */
function connect(token: string | null) {
  let closedWith!: (event: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (closedWith = resolve));
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    on: { closed: (event) => closedWith({ code: (event as WebSocket.CloseEvent).code, reason: String((event as WebSocket.CloseEvent).reason) }) },
    onNonLazyError: () => {},
  });
  clients.push(client);
  return { client, closed };
}

/** One query or mutation over the socket. */
async function run(client: Client, query: string, variables: Record<string, unknown> = {}): Promise<Result> {
  const results: Result[] = [];
  for await (const r of client.iterate({ query, variables })) results.push(r as Result);
  expect(results).toHaveLength(1);
  return results[0];
}

/** A subscription over the socket, collecting what arrives. */
function watch(client: Client, query: string, variables: Record<string, unknown>) {
  const results: Result[] = [];
  const iterator = client.iterate({ query, variables });
  const ended = (async () => {
    try {
      for await (const r of iterator) results.push(r as Result);
      return {};
    } catch (error) {
      return { error };
    }
  })();
  const received = async (n: number, timeoutMs = 5000) => {
    const end = Date.now() + timeoutMs;
    while (results.length < n) {
      if (Date.now() > end) throw new Error(`${results.length} of ${n} results: ${JSON.stringify(results)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return results.slice();
  };
  return { results, ended, received, stop: () => iterator.return?.() };
}

const EVENT_CHANGED = `subscription ($prefix: AddressCode!) { eventChanged(addressPrefix: $prefix) { change status event { id status version } } }`;

/** Inserts probe events until the subscription delivers one (it sends no "connected" message). */
async function live(s: ReturnType<typeof watch>, at: string): Promise<void> {
  for (let i = 0; i < 40 && s.results.length === 0; i++) {
    const [id] = await insertEvents(t.databases.events, [{ addressCode: at, description: 'probe' }]);
    created.push(id);
    await s.received(1, 300).catch(() => {});
  }
  expect(s.results.length, 'the subscription never went live').toBeGreaterThan(0);
  await new Promise((r) => setTimeout(r, 300));
  s.results.length = 0;
}

describe('GraphQL over WebSocket', () => {
  it('reports and assigns over the socket, and the same socket\'s subscription sees both; another community sees neither', async () => {
    const worker = await signDevToken({ subject: 'ws-worker', roles: ['grid-worker'], communities: [community] });
    const outsider = await signDevToken({ subject: 'ws-outsider', roles: ['grid-worker'], communities: [elsewhere] });
    const { client } = connect(worker);
    const other = connect(outsider).client;
    const mine = watch(client, EVENT_CHANGED, { prefix: community });
    const theirs = watch(other, EVENT_CHANGED, { prefix: elsewhere });
    try {
      await live(mine, freshBuildingCode(community));
      await live(theirs, freshBuildingCode(elsewhere));
      const reported = await run(client, `mutation ($input: EventReportInput!) { eventReport(input: $input) { event { id version status } userErrors { code message } } }`, {
        input: { kind: 'FIRE_HAZARD', source: 'GRID_PATROL', severity: 'HIGH', description: '消防通道被堵 (ws)', address: { code: freshBuildingCode(community) } },
      });
      expect(reported.errors).toBeUndefined();
      expect(reported.data.eventReport.userErrors).toEqual([]);
      const event = reported.data.eventReport.event;
      created.push(event.id);
      const assigned = await run(client, `mutation ($input: EventAssignInput!) { eventAssign(input: $input) { event { status version } userErrors { code } } }`, {
        input: { id: event.id, version: event.version, assignee: { unit: '水围社区工作站' } },
      });
      expect(assigned.data.eventAssign).toEqual({ event: { status: 'ASSIGNED', version: event.version + 1 }, userErrors: [] });
      const seen = await mine.received(2);
      expect(seen.map((r) => [r.data.eventChanged.change, r.data.eventChanged.status, r.data.eventChanged.event.id])).toEqual([
        ['CREATED', 'REPORTED', event.id],
        ['STATUS_CHANGED', 'ASSIGNED', event.id],
      ]);
      await new Promise((r) => setTimeout(r, 500));
      expect(JSON.stringify(theirs.results)).not.toContain(event.id);
    } finally {
      mine.stop();
      theirs.stop();
    }
  });

  it('answers a query masked exactly as over HTTP, and refuses what the token may not read with the same code', async () => {
    const worker = await signDevToken({ subject: 'ws-showcase', roles: ['grid-worker'], communities: [SHOWCASE.communityCode] });
    const query = `query ($code: AddressCode!) { address(code: $code) { fullName residents(first: 2) { edges { node { name idNumber phone } } } } }`;
    const { client } = connect(worker);
    const overSocket = await run(client, query, { code: SHOWCASE.roomCode });
    const overHttp = await t.query(query, { code: SHOWCASE.roomCode }, worker);
    expect(overSocket.errors).toBeUndefined();
    expect(overSocket.data).toEqual(overHttp.data);
    expect(JSON.stringify(overSocket.data)).toContain('*');
    // a mutation without the scope: the gateway's refusal, as over HTTP
    const reader = await signDevToken({ subject: 'ws-reader', scopes: ['address:read'] });
    const refused = await run(connect(reader).client, `mutation { eventClose(input: { id: "x", version: 1 }) { userErrors { code } } }`);
    const overHttpRefused = await t.query(`mutation { eventClose(input: { id: "x", version: 1 }) { userErrors { code } } }`, {}, reader);
    expect(refused.errors?.[0]?.extensions?.code).toBe(overHttpRefused.errors?.[0]?.extensions?.code);
    expect(refused.errors?.[0]?.extensions?.code).toBeTruthy();
  });

  it('refuses a bad or expired token at connect time, naming the code, and closes a socket when its token expires', async () => {
    const bad = connect('not-a-token');
    expect(await bad.closed).toMatchObject({ code: 4403, reason: expect.stringMatching(/^INVALID_TOKEN: /) });
    const expired = await signDevToken({ subject: 'ws-late', roles: ['grid-worker'], communities: [community], issuedAt: Math.floor(Date.now() / 1000) - 7200, expiresIn: '1h' });
    expect(await connect(expired).closed).toMatchObject({ code: 4403, reason: expect.stringMatching(/^TOKEN_EXPIRED: /) });

    const shortLived = await signDevToken({ subject: 'ws-short', roles: ['grid-worker'], communities: [community], expiresIn: '4s' });
    const { client, closed } = connect(shortLived);
    const s = watch(client, EVENT_CHANGED, { prefix: community });
    await live(s, freshBuildingCode(community));
    const end = await Promise.race([closed, new Promise((r) => setTimeout(() => r('still open'), 10_000))]);
    expect(end).toMatchObject({ code: 4403, reason: expect.stringMatching(/^TOKEN_EXPIRED: /) });
  }, 30_000);
});
