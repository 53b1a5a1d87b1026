/**
 * Identity through the gateway: bearer tokens are verified (and refused with 401 when expired,
 * tampered with or signed by another key), the verified identity reaches the subgraphs, and the
 * subgraphs refuse every request the gateway did not sign — including direct `_entities` calls.
 */
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDevClaims, signDevToken } from '../lib/auth/dev-keys.ts';
import { env } from '../lib/config.ts';
import { startSubgraph, type RunningSubgraph } from '../lib/subgraph-server.ts';
import { signedExtensions } from '../lib/auth/upstream.ts';
import { SHOWCASE } from '../seeds/showcase.ts';
import { runCli } from './support/cli.ts';
import { startGatewayOver, startStandIn, type SecondGateway, type StandIn } from './support/proxy.ts';
import { startTestSystem, type TestSystem } from './support/system.ts';

const VIEWER = '{ viewer { subject roles scopes communities } }';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => {
  await t?.stop();
});

describe('tokens at the gateway', () => {
  it('runs a request as the verified token: subject, roles, scopes and communities', async () => {
    const token = await signDevToken({ subject: 'alice', roles: ['grid-worker'], scopes: ['cases:read'], communities: [SHOWCASE.communityCode] });
    const res = await t.query(VIEWER, {}, token);
    expect(res.status).toBe(200);
    expect(res.data!.viewer).toEqual({
      subject: 'alice',
      roles: ['grid-worker'],
      scopes: ['address:read', 'alerts:read', 'alerts:write', 'cases:read', 'entities:read', 'entities:write', 'events:read', 'events:write', 'people:read', 'people:write'],
      communities: [SHOWCASE.communityCode],
    });
  });

  it('runs a request without a token as anonymous', async () => {
    const res = await t.query(VIEWER, {}, null);
    expect(res.data!.viewer).toEqual({ subject: null, roles: [], scopes: [], communities: null });
  });

  it('refuses an expired, tampered or foreign-signed token with 401', async () => {
    const expired = await signDevToken({ subject: 'bob', roles: ['admin'], issuedAt: Math.floor(Date.now() / 1000) - 7200, expiresIn: '1h' });
    const good = await signDevToken({ subject: 'bob', scopes: ['address:read'] });
    const [header, , signature] = good.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ sub: 'bob', roles: ['admin'], iss: 'address-graph-dev', aud: 'address-graph', exp: 4102444800 })).toString('base64url');
    const tampered = `${header}.${forgedPayload}.${signature}`;
    const { privateKey } = await generateKeyPair('ES256');
    const foreign = await new SignJWT({ roles: ['admin'] }).setProtectedHeader({ alg: 'ES256' }).setSubject('mallory')
      .setIssuer('address-graph-dev').setAudience('address-graph').setExpirationTime('1h').sign(privateKey);
    for (const [name, token] of [['expired', expired], ['tampered', tampered], ['foreign', foreign]]) {
      const res = await t.query(VIEWER, {}, token);
      expect(res.status, name).toBe(401);
      expect(res.data ?? null, name).toBeNull();
    }
    // not a JWT at all: a bad request
    const garbage = await t.query(VIEWER, {}, 'not-a-jwt');
    expect(garbage.status).toBe(400);
    expect(garbage.data ?? null).toBeNull();
  });
});

describe('token expiry, lifetime and claims', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const base = () => ({ iss: 'address-graph-dev', aud: 'address-graph', iat: now() });

  it('refuses a token without exp with 401 TOKEN_EXPIRY_REQUIRED', async () => {
    const res = await t.query(VIEWER, {}, await signDevClaims({ ...base(), sub: 'eternal', roles: ['admin'] }));
    expect(res.status).toBe(401);
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0].extensions?.code).toBe('TOKEN_EXPIRY_REQUIRED');
  });

  it('refuses a token living longer than the cap with 401 TOKEN_LIFETIME_TOO_LONG, however its iat is set', async () => {
    const cap = env().MAX_TOKEN_LIFETIME_SECONDS;
    const long = await signDevClaims({ ...base(), sub: 'long', roles: ['admin'], exp: now() + cap + 3600 });
    // an iat just before exp does not make a far exp short
    const backdated = await signDevClaims({ ...base(), sub: 'long', roles: ['admin'], iat: now() + cap, exp: now() + cap + 60 });
    for (const token of [long, backdated]) {
      const res = await t.query(VIEWER, {}, token);
      expect(res.status).toBe(401);
      expect(res.errors?.[0].extensions?.code).toBe('TOKEN_LIFETIME_TOO_LONG');
    }
    // within the cap it runs
    const fine = await t.query(VIEWER, {}, await signDevClaims({ ...base(), sub: 'fine', roles: ['admin'], exp: now() + cap - 60 }));
    expect(fine.status).toBe(200);
    expect(fine.data!.viewer.subject).toBe('fine');
  });

  it('answers an expired token with TOKEN_EXPIRED and a non-JWT with INVALID_TOKEN', async () => {
    const expired = await t.query(VIEWER, {}, await signDevToken({ subject: 'late', issuedAt: now() - 7200, expiresIn: '1h' }));
    expect(expired.status).toBe(401);
    expect(expired.errors?.[0].extensions?.code).toBe('TOKEN_EXPIRED');
    const garbage = await t.query(VIEWER, {}, 'not-a-jwt');
    expect(garbage.status).toBe(400);
    expect(garbage.errors?.[0].extensions?.code).toBe('INVALID_TOKEN');
    // signed with a key of another type (RSA against the EC dev key): the client's mistake, not an outage
    const { privateKey } = await generateKeyPair('RS256');
    const rsa = await new SignJWT({ roles: ['admin'] }).setProtectedHeader({ alg: 'RS256' }).setSubject('mallory')
      .setIssuer('address-graph-dev').setAudience('address-graph').setIssuedAt().setExpirationTime('1h').sign(privateKey);
    const foreign = await t.query(VIEWER, {}, rsa);
    expect(foreign.status).toBe(401);
    expect(foreign.errors?.[0].extensions?.code).toBe('INVALID_TOKEN');
  });

  it('refuses a correctly signed token with a malformed claim with 401 INVALID_TOKEN_CLAIMS naming it', async () => {
    const exp = now() + 600;
    const cases = [
      ['communities', { sub: 'g', roles: ['grid-worker'], communities: ['abc'] }],
      ['sub', { sub: '', roles: ['admin'] }],
      ['sub', { roles: ['admin'] }],
      ['roles', { sub: 'r', roles: 'admin' }],
      ['scope', { sub: 's', scope: 42 }],
    ] as const;
    for (const [claim, claims] of cases) {
      const res = await t.query(VIEWER, {}, await signDevClaims({ ...base(), exp, ...claims }));
      expect(res.status, claim).toBe(401);
      expect(res.data ?? null, claim).toBeNull();
      expect(res.errors?.[0].extensions?.code, claim).toBe('INVALID_TOKEN_CLAIMS');
      expect(res.errors?.[0].message, claim).toContain(`"${claim}"`);
    }
    // the same shape with valid claims runs
    const valid = await t.query(VIEWER, {}, await signDevClaims({ ...base(), exp, sub: 'g', roles: ['grid-worker'], communities: [SHOWCASE.communityCode] }));
    expect(valid.status).toBe(200);
    expect(valid.data!.viewer).toMatchObject({ subject: 'g', communities: [SHOWCASE.communityCode] });
  });

  it('npm run token caps --expires at the maximum lifetime, so the token it prints is accepted', async () => {
    const out = await runCli('scripts/token.ts', ['--sub', 'patient', '--scope', 'address:read', '--expires', '30d']);
    expect(out.code).toBe(0);
    expect(out.stderr).toContain('MAX_TOKEN_LIFETIME_SECONDS');
    const token = out.stdout.trim();
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { iat: number; exp: number };
    expect(payload.exp - payload.iat).toBe(env().MAX_TOKEN_LIFETIME_SECONDS);
    const res = await t.query(VIEWER, {}, token);
    expect(res.status).toBe(200);
    expect(res.data!.viewer.subject).toBe('patient');
  });
});

describe('a captured gateway-to-subgraph request cannot be replayed', () => {
  const WINDOW_MS = 4000;
  let capture: StandIn;
  let gateway: SecondGateway;
  let strict: RunningSubgraph;
  const replay = (url: string, body: unknown) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
  const sleepUntil = (epochMs: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, epochMs - Date.now())));

  beforeAll(async () => {
    capture = await startStandIn(t.system.subgraphs.buildings.url);
    gateway = await startGatewayOver(t, { buildings: capture.url });
    // a buildings subgraph with a short signature window and no clock skew allowance
    const { buildingsSubgraph } = await import('../subgraphs/buildings/server.ts');
    strict = await startSubgraph(buildingsSubgraph as never, t.databases.buildings, {
      upstreamSecret: t.system.upstreamSecret,
      signatureWindow: { maxAgeMs: WINDOW_MS, clockSkewMs: 0 },
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    await capture?.stop();
    await strict?.stop();
  });

  /** Runs the viewer query through the capturing gateway and answers the request buildings got. */
  async function captured(token: string): Promise<any> {
    const before = capture.received.length;
    const res = await gateway.query(VIEWER, {}, token);
    expect(res.status).toBe(200);
    expect(capture.received.length).toBe(before + 1);
    return capture.received[before];
  }

  it('is accepted by its own subgraph at once, and refused by another subgraph', async () => {
    const body = await captured(await signDevToken({ subject: 'alice', roles: ['admin'] }));
    expect(body.extensions.call).toMatchObject({ subgraph: 'buildings' });
    const again = await replay(strict.url, body);
    expect(again.status).toBe(200);
    expect(again.body.data.viewer.subject).toBe('alice');
    for (const other of ['people', 'entities', 'events', 'cases'] as const) {
      const elsewhere = await replay(t.system.subgraphs[other].url, body);
      expect(elsewhere.status, other).toBe(401);
      expect(elsewhere.body.errors[0].extensions.code, other).toBe('GATEWAY_SIGNATURE_REQUIRED');
      expect(elsewhere.body.data, other).toBeUndefined();
    }
    // claiming another target breaks the signature
    const retargeted = await replay(t.system.subgraphs.people.url, { ...body, extensions: { ...body.extensions, call: { ...body.extensions.call, subgraph: 'people' } } });
    expect(retargeted.status).toBe(401);
  });

  it('is refused once the signature is older than the window (GATEWAY_SIGNATURE_EXPIRED)', async () => {
    const body = await captured(await signDevToken({ subject: 'bob', roles: ['admin'] }));
    await sleepUntil(body.extensions.call.issuedAt + WINDOW_MS + 200);
    const late = await replay(strict.url, body);
    expect(late.status).toBe(401);
    expect(late.body.errors[0].extensions.code).toBe('GATEWAY_SIGNATURE_EXPIRED');
    // moving the time forward breaks the signature
    const refreshed = await replay(strict.url, { ...body, extensions: { ...body.extensions, call: { ...body.extensions.call, issuedAt: Date.now() } } });
    expect(refreshed.status).toBe(401);
    expect(refreshed.body.errors[0].extensions.code).toBe('GATEWAY_SIGNATURE_REQUIRED');
  });

  it('is refused once the token inside has expired (TOKEN_EXPIRED), though the signature is recent', async () => {
    const body = await captured(await signDevToken({ subject: 'carol', roles: ['admin'], expiresIn: '2s' }));
    const exp = body.extensions.identity.exp as number;
    await sleepUntil(exp * 1000 + 100);
    expect(Date.now() - body.extensions.call.issuedAt).toBeLessThan(WINDOW_MS);
    const late = await replay(strict.url, body);
    expect(late.status).toBe(401);
    expect(late.body.errors[0].extensions.code).toBe('TOKEN_EXPIRED');
  });
});

describe('subgraphs answer only the gateway', () => {
  const post = (url: string, body: unknown) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

  it('rejects an unsigned request, including a direct _entities call', async () => {
    const url = t.system.subgraphs.people.url;
    const plain = await post(url, { query: '{ __typename }' });
    expect(plain.status).toBe(401);
    expect(plain.body.errors[0].extensions.code).toBe('GATEWAY_SIGNATURE_REQUIRED');
    const entities = await post(url, {
      query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Address { residentCount } } }',
      variables: { r: [{ __typename: 'Address', code: SHOWCASE.roomCode }] },
    });
    expect(entities.status).toBe(401);
    expect(entities.body.data).toBeUndefined();
  });

  it('rejects a signature made with another secret, and an identity swapped into a signed request', async () => {
    const url = t.system.subgraphs.buildings.url;
    const query = '{ viewer { subject scopes } }';
    const call = () => ({ subgraph: 'buildings', issuedAt: Date.now(), deadline: null });
    const identity = { sub: 'mallory', roles: ['admin'], exp: Math.floor(Date.now() / 1000) + 600 };
    const wrongSecret = await post(url, { query, extensions: signedExtensions('x'.repeat(32), { query, variables: null, identity, call: call() }) });
    expect(wrongSecret.status).toBe(401);
    // a request signed with the real secret for an anonymous caller is answered...
    const real = signedExtensions(t.system.upstreamSecret, { query, variables: null, identity: null, call: call() });
    const anonymous = await post(url, { query, extensions: real });
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.data.viewer).toEqual({ subject: null, scopes: [] });
    // ...but not once someone swaps an identity into it
    const swapped = await post(url, { query, extensions: { ...real, identity } });
    expect(swapped.status).toBe(401);
    expect(swapped.body.errors[0].extensions.code).toBe('GATEWAY_SIGNATURE_REQUIRED');
  });

  it('answers a call signed `audit: gateway` (a shared subscription\'s) with what it revealed instead of a record, and the flag cannot be added afterwards', async () => {
    const url = t.system.subgraphs.people.url;
    const resident = await t.databases.people.knex.raw(`SELECT person_id FROM people.residence WHERE address_code = ? AND until IS NULL ORDER BY person_id LIMIT 1`, [SHOWCASE.roomCode]);
    const personId = resident.rows[0].person_id as string;
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id name } } }';
    const variables = { r: [{ __typename: 'Person', id: personId }] };
    const identity = { sub: 'hub-direct', roles: ['admin'], exp: Math.floor(Date.now() / 1000) + 600 };
    const call = (audit?: 'gateway') => ({ subgraph: 'people', issuedAt: Date.now(), deadline: null, ...(audit ? { audit } : {}) });
    const records = async () => {
      await t.system.audit.flush();
      return Number((await t.auditDatabase.knex.raw(`SELECT count(*) AS n FROM audit.log WHERE subject = 'hub-direct'`)).rows[0].n);
    };
    const before = await records();
    const shared = await post(url, { query, variables, extensions: signedExtensions(t.system.upstreamSecret, { query, variables, identity, call: call('gateway') }) });
    expect(shared.status).toBe(200);
    expect(shared.body.data._entities[0].id).toBe(personId);
    expect(shared.body.extensions.revealed).toEqual({ personIds: [personId], addressCodes: expect.any(Array) });
    expect(await records()).toBe(before);
    // an ordinary call is recorded, and says nothing of what it revealed
    const plain = signedExtensions(t.system.upstreamSecret, { query, variables, identity, call: call() });
    const ordinary = await post(url, { query, variables, extensions: plain });
    expect(ordinary.body.data._entities[0].id).toBe(personId);
    expect(ordinary.body.extensions?.revealed).toBeUndefined();
    expect(await records()).toBe(before + 1);
    // the flag is signed: added to an ordinary call's signature, it is refused
    const tampered = await post(url, { query, variables, extensions: { ...plain, call: { ...(plain.call as object), audit: 'gateway' } } });
    expect(tampered.status).toBe(401);
    expect(tampered.body.errors[0].extensions.code).toBe('GATEWAY_SIGNATURE_REQUIRED');
  });
});

describe('npm run token', () => {
  const token = (args: string[]) => runCli('scripts/token.ts', args);

  it('prints a token the gateway accepts, with the scopes and communities asked for', async () => {
    const out = await token(['--scope', 'people:read', '--scope', 'people:pii', '--community', SHOWCASE.communityCode, '--sub', 'alice']);
    expect(out.code).toBe(0);
    const res = await t.query(VIEWER, {}, out.stdout.trim());
    expect(res.data!.viewer).toEqual({ subject: 'alice', roles: [], scopes: ['people:pii', 'people:read'], communities: [SHOWCASE.communityCode] });
  });

  it('names an unknown scope or a malformed community and exits 2', async () => {
    const scope = await token(['--scope', 'people:everything']);
    expect(scope.code).toBe(2);
    expect(scope.stderr).toContain('unknown scope people:everything');
    const community = await token(['--community', '4403']);
    expect(community.code).toBe(2);
    expect(community.stderr).toContain('a community code has 12 digits, got 4403');
  });

  it('refuses in production', async () => {
    const { code, stderr } = await runCli('scripts/token.ts', [], { env: { NODE_ENV: 'production' } });
    expect(code).toBe(1);
    expect(stderr).toContain('production');
  });
});

describe('ALLOW_ANONYMOUS=false', () => {
  it('refuses requests without a token with 401, and still serves a valid token', async () => {
    const closed = await startTestSystem({ auth: { allowAnonymous: false } });
    try {
      const anonymous = await closed.query(VIEWER, {}, null);
      expect(anonymous.status).toBe(401);
      expect(anonymous.data ?? null).toBeNull();
      const withToken = await closed.query(VIEWER, {}, await signDevToken({ subject: 'carol', scopes: ['address:read'] }));
      expect(withToken.data!.viewer.subject).toBe('carol');
    } finally {
      await closed.stop();
    }
  });
});

describe('a document with several operations', () => {
  const DOCUMENT = `query Registry { address(code: "440304") { name } }
query Audit { auditRecords(first: 1) { edges { node { subject } } } }`;
  const run = async (operationName: string, token: string) => {
    const res = await fetch(t.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: DOCUMENT, operationName }),
    });
    return { status: res.status, ...((await res.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] }) };
  };

  it('runs the operation operationName picks: a fully refused one gets its refusal, not a 500 or the other one\'s data', async () => {
    const reader = await signDevToken({ subject: 'reader', scopes: ['address:read'] });
    // the named operation is the refused one, in either position of the document
    const refused = await run('Audit', reader);
    expect(refused.status).not.toBe(500);
    expect(refused.data?.address).toBeUndefined();
    expect(refused.data?.auditRecords ?? null).toBeNull();
    expect(refused.errors?.[0].extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    // the allowed operation beside it still runs
    const allowed = await run('Registry', reader);
    expect(allowed.status).toBe(200);
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data).toEqual({ address: { name: '福田区' } });
  });

  it('answers a missing or unknown operationName with OPERATION_RESOLUTION_FAILURE, and keeps the fragments the named one uses', async () => {
    const reader = await signDevToken({ subject: 'reader', scopes: ['address:read'] });
    for (const operationName of [undefined, 'Nothing']) {
      const res = await fetch(t.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${reader}` },
        body: JSON.stringify({ query: DOCUMENT, operationName }),
      });
      expect(res.status, String(operationName)).toBe(400);
      expect(((await res.json()) as any).errors[0].extensions.code).toBe('OPERATION_RESOLUTION_FAILURE');
    }
    const withFragment = `fragment Name on Address { name }\n${DOCUMENT.replace('{ name }', '{ ...Name }')}`;
    const res = await fetch(t.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${reader}` },
      body: JSON.stringify({ query: withFragment, operationName: 'Registry' }),
    });
    expect(((await res.json()) as any).data).toEqual({ address: { name: '福田区' } });
  });

  it('does the same with the operations in the other order', async () => {
    const reader = await signDevToken({ subject: 'reader', scopes: ['address:read'] });
    const swapped = `query Audit { auditRecords(first: 1) { edges { node { subject } } } }
query Registry { address(code: "440304") { name } }`;
    const post = (operationName: string) =>
      fetch(t.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization: `Bearer ${reader}` },
        body: JSON.stringify({ query: swapped, operationName }),
      }).then(async (r) => ({ status: r.status, ...((await r.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] }) }));
    const refused = await post('Audit');
    expect(refused.status).not.toBe(500);
    expect(refused.data?.auditRecords ?? null).toBeNull();
    expect(refused.errors?.[0].extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    const allowed = await post('Registry');
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data).toEqual({ address: { name: '福田区' } });
  });
});
