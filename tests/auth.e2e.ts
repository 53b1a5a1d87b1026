/**
 * Identity through the gateway: bearer tokens are verified (and refused with 401 when expired,
 * tampered with or signed by another key), the verified identity reaches the subgraphs, and the
 * subgraphs refuse every request the gateway did not sign — including direct `_entities` calls.
 */
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../lib/auth/dev-keys.ts';
import { signUpstream } from '../lib/auth/upstream.ts';
import { SHOWCASE } from '../seeds/showcase.ts';
import { runCli } from './support/cli.ts';
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
      scopes: ['address:read', 'cases:read', 'entities:read', 'events:read', 'events:write', 'people:read'],
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
    const identity = { sub: 'mallory', roles: ['admin'] };
    const wrongSecret = await post(url, { query, extensions: { identity, 'hmac-signature': signUpstream('x'.repeat(32), { query, variables: null, identity }) } });
    expect(wrongSecret.status).toBe(401);
    // a request signed with the real secret for an anonymous caller is answered...
    const real = signUpstream(t.system.upstreamSecret, { query, variables: null, identity: null });
    const anonymous = await post(url, { query, extensions: { identity: null, 'hmac-signature': real } });
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.data.viewer).toEqual({ subject: null, scopes: [] });
    // ...but not once someone swaps an identity into it
    const swapped = await post(url, { query, extensions: { identity, 'hmac-signature': real } });
    expect(swapped.status).toBe(401);
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
