/**
 * The in-process transport (gateway/in-process.ts): with the subgraphs in the gateway's process,
 * the gateway hands them each request without HTTP or JSON. Nothing a client can observe may
 * change with it: the same answers (data, masking, community scoping, errors) as over HTTP, the
 * same audit records, the same refusal of requests the gateway did not sign, and a stopped
 * subgraph is still unavailable, not a fault. The in-process bridge's hand-over of `data` (no
 * JSON between gateway and bridge) gives the rows a bridge over HTTP gives.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../lib/auth/dev-keys.ts';
import { signedExtensions } from '../lib/auth/upstream.ts';
import { httpExecutor } from '../bridge/execute.ts';
import { createBridge } from '../bridge/server.ts';
import { EXAMPLE_QUERY, SHOWCASE_ROOM_CODE } from '../gateway/example-query.ts';
import { SHOWCASE } from '../seeds/showcase.ts';
import { startTestSystem, type TestSystem } from './support/system.ts';

let local: TestSystem;
let http: TestSystem;
let admin: string;
/** A grid worker of 水围社区 without people:pii: masked, and confined to the community. */
let worker: string;
/** A confined worker of another community: the showcase room is out of scope. */
let outsider: string;

beforeAll(async () => {
  [local, http] = await Promise.all([startTestSystem({ subgraphTransport: 'in-process' }), startTestSystem({ subgraphTransport: 'http' })]);
  admin = await signDevToken({ subject: 'in-process-admin', roles: ['admin'] });
  worker = await signDevToken({ subject: 'in-process-worker', roles: ['grid-worker'], scopes: ['cases:read'], communities: [SHOWCASE.communityCode] });
  outsider = await signDevToken({ subject: 'in-process-outsider', roles: ['grid-worker'], communities: ['440304005040'] });
});
afterAll(async () => {
  await Promise.all([local?.stop(), http?.stop()]);
});

/** The room-360° question and a district roll-up with its cross-subgraph joins. */
const QUESTIONS: [string, string][] = [
  ['room 360', EXAMPLE_QUERY],
  [
    'community lists joined across subgraphs',
    `{ address(code: "${SHOWCASE.communityCode}") {
        residentCount eventStats { total open } caseStats { total }
        residents(first: 20) { edges { node { name idNumber phone birthYear } residence { since sinceYear address { code fullName } } } }
        events(first: 20) { edges { node { id kind participants { role person { name idNumber } } address { fullName building { estate } } } } }
        entities(first: 10) { edges { node { name creditCode legalRepresentative { name phone } } } }
      } }`,
  ],
  ['a field that fails validation', `{ address(code: "${SHOWCASE_ROOM_CODE}") { noSuchField } }`],
];

describe('answers in process exactly as over HTTP', () => {
  for (const [name, query] of QUESTIONS) {
    it(`${name}: the same data and errors for an admin, a masked worker and an out-of-scope worker`, async () => {
      for (const token of [admin, worker, outsider]) {
        const [a, b] = await Promise.all([local.query(query, {}, token), http.query(query, {}, token)]);
        expect(a).toEqual(b);
        expect(a.status).toBe(b.status);
      }
    });
  }

  it('really serves data in process: the showcase room with its residents, masked for the worker', async () => {
    const res = await local.query(EXAMPLE_QUERY, {}, worker);
    expect(res.errors).toBeUndefined();
    const address = (res.data as any).address;
    expect(address.code).toBe(SHOWCASE_ROOM_CODE);
    expect(address.residents.edges.length).toBeGreaterThan(0);
    expect(address.residents.edges[0].residence.since).toBeNull();
  });
});

describe('the checks a subgraph makes, in process', () => {
  it('audits an in-process read of people like an HTTP one: a record with the subject, the subgraph and the people read', async () => {
    const subject = `in-process-audit-${Date.now()}`;
    const token = await signDevToken({ subject, roles: ['admin'] });
    const res = await local.query(`{ address(code: "${SHOWCASE_ROOM_CODE}") { residents(first: 5) { edges { node { id name } } } } }`, {}, token);
    const ids = (res.data as any).address.residents.edges.map((e: any) => e.node.id);
    expect(ids.length).toBeGreaterThan(0);
    const rows = await local.auditDatabase.knex('audit.log').where({ subject }).select('subgraph', 'person_ids');
    expect(rows.map((r) => r.subgraph)).toContain('people');
    expect(rows.flatMap((r) => r.person_ids)).toEqual(expect.arrayContaining(ids));
  });

  it('refuses a request the gateway did not sign, or signed for another subgraph, as over HTTP', async () => {
    const query = '{ _service { sdl } }';
    const unsigned = await local.system.subgraphs.people.local.execute({ query });
    expect(unsigned.data).toBeUndefined();
    expect(unsigned.errors?.[0].extensions?.code).toBe('GATEWAY_SIGNATURE_REQUIRED');

    const now = Date.now();
    const forPeople = signedExtensions(local.system.upstreamSecret, { query, variables: undefined, identity: null, request: null, call: { subgraph: 'people', issuedAt: now, deadline: now + 5000 } });
    const ok = await local.system.subgraphs.people.local.execute({ query, extensions: forPeople });
    expect(ok.errors).toBeUndefined();
    expect((ok.data as any)._service.sdl).toContain('type Person');
    const elsewhere = await local.system.subgraphs.events.local.execute({ query, extensions: forPeople });
    expect(elsewhere.errors?.[0]).toMatchObject({ extensions: { code: 'GATEWAY_SIGNATURE_REQUIRED' }, message: expect.stringContaining('signed for the people subgraph') });

    const wrongSecret = signedExtensions('x'.repeat(40), { query, variables: undefined, identity: null, request: null, call: { subgraph: 'people', issuedAt: now, deadline: now + 5000 } });
    const forged = await local.system.subgraphs.people.local.execute({ query, extensions: wrongSecret });
    expect(forged.errors?.[0].extensions?.code).toBe('GATEWAY_SIGNATURE_REQUIRED');
  });
});

describe('the in-process bridge hands data over without JSON', () => {
  let standalone: Server;
  let standaloneUrl: string;
  beforeAll(async () => {
    // a bridge that reaches the same gateway over HTTP, parsing its JSON
    const bridge = createBridge({ executor: httpExecutor(local.gatewayUrl) });
    standalone = createServer((req, res) => bridge.listener(req, res));
    await new Promise<void>((resolve) => standalone.listen(0, '127.0.0.1', resolve));
    standaloneUrl = `http://127.0.0.1:${(standalone.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => standalone.close(() => resolve())));

  for (const path of ['/rest/events?limit=200', '/rest/people?limit=100', '/rest/residences?limit=100', `/rest/addresses?under=${SHOWCASE.communityCode}&limit=300`, '/rest/case-parties?limit=50']) {
    it(`${path}: the same rows as a bridge over HTTP, for an admin and for a masked worker`, async () => {
      for (const token of [admin, worker]) {
        const get = (base: string) => fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
        const [a, b] = await Promise.all([get(local.baseUrl), get(standaloneUrl)]);
        expect(a.status).toBe(200);
        expect(b.status).toBe(200);
        const [ja, jb] = (await Promise.all([a.json(), b.json()])) as { rows: unknown[]; next: string | null }[];
        expect(ja.rows.length).toBeGreaterThan(0);
        expect(ja.rows).toEqual(jb.rows);
      }
    });
  }

  it('a refusal is the same problem both ways (a set the token has no scope for)', async () => {
    const token = await signDevToken({ subject: 'in-process-registry-only', roles: [], scopes: ['address:read'] });
    const get = (base: string) => fetch(`${base}/rest/events?limit=5`, { headers: { authorization: `Bearer ${token}` } });
    const [a, b] = await Promise.all([get(local.baseUrl), get(standaloneUrl)]);
    expect(a.status).toBe(b.status);
    expect(a.status).toBeGreaterThanOrEqual(400);
    expect(await a.json()).toEqual(await b.json());
  });
});
