/**
 * API keys through the gateway, as a BI tool refreshing unattended uses them: a key made with
 * `npm run apikey` (or the store) is sent as a bearer token, as an `api_key` header or as the
 * password of HTTP Basic, and then runs exactly like a token with its scopes and communities:
 * scopes enforced, community confinement applied, every read of a person audited under
 * `apikey:<id>`. A revoked, expired or wrong key is refused with its own 401 code; listings
 * never show a secret.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditRepository } from '../audit/repository.ts';
import { createApiKeyStore, type ApiKeyStore } from '../access/store.ts';
import { parseApiKey } from '../access/keys.ts';
import { query } from '../lib/db.ts';
import { SHOWCASE } from '../seeds/showcase.ts';
import { runCli } from './support/cli.ts';
import { openFixture } from './support/databases.ts';
import { startTestSystem, type TestSystem } from './support/system.ts';

/** Another community of the fixture: the showcase room is not under it. */
const OTHER = '440304005040';

let t: TestSystem;
let store: ApiKeyStore;
/** Made with the CLI before the system starts (on PGlite the child needs the database to itself). */
let cliKey: { id: string; key: string; stdout: string };
let cliRevoked: { id: string; key: string };
let listed: { stdout: string; json: any[] };

/** `npm run apikey -- create ...`: the key is the line starting with agk_. */
async function cliCreate(args: string[]) {
  const out = await runCli('scripts/apikey.ts', ['create', ...args]);
  expect(out.stderr).toBe('');
  expect(out.code).toBe(0);
  const key = out.stdout.split('\n').find((l) => l.startsWith('agk_'))!;
  return { id: parseApiKey(key)!.id, key, stdout: out.stdout };
}

beforeAll(async () => {
  cliKey = await cliCreate(['--name', 'community dashboard', '--scope', 'people:read,address:read', '--community', SHOWCASE.communityCode, '--expires', '90d']);
  expect(cliKey.stdout).toContain(`id ${cliKey.id}`);
  cliRevoked = await cliCreate(['--name', 'old dashboard', '--scope', 'events:read']);
  const revoked = await runCli('scripts/apikey.ts', ['revoke', cliRevoked.id]);
  expect(revoked.code).toBe(0);
  expect(revoked.stdout).toContain(`revoked ${cliRevoked.id}`);
  const again = await runCli('scripts/apikey.ts', ['revoke', cliRevoked.id]);
  expect(again.code).toBe(1);
  expect(again.stderr).toContain('already revoked');
  const text = await runCli('scripts/apikey.ts', ['list']);
  const json = await runCli('scripts/apikey.ts', ['list', '--json']);
  expect(json.code).toBe(0);
  listed = { stdout: text.stdout + json.stdout, json: JSON.parse(json.stdout) };
  t = await startTestSystem();
  store = createApiKeyStore(t.accessDatabase.knex);
});
afterAll(async () => {
  await t?.stop();
});

type Answer = { status: number; headers: Headers; body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } };

async function ask(gql: string, headers: Record<string, string>): Promise<Answer> {
  const res = await fetch(t.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: gql }) });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const basic = (key: string, user = 'powerbi') => ({ authorization: `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}` });
const header = (key: string) => ({ api_key: key });

const VIEWER = '{ viewer { subject roles scopes communities } }';
const RESIDENTS = `query Residents { address(code: "${SHOWCASE.roomCode}") { residents(first: 10) { edges { node { id name } } } } }`;

describe('a key made with the store', () => {
  it('is accepted in each of the three forms and runs as apikey:<id> with its scopes and communities', async () => {
    const { key, apiKey } = await store.create({ name: 'tableau', scopes: ['people:read', 'address:read'], communities: [SHOWCASE.communityCode] });
    for (const form of [bearer(key), header(key), basic(key), basic(key, '')]) {
      const res = await ask(VIEWER, form);
      expect(res.body.errors, JSON.stringify(form)).toBeUndefined();
      expect(res.status).toBe(200);
      expect(res.body.data.viewer).toEqual({ subject: `apikey:${apiKey.id}`, roles: [], scopes: ['address:read', 'people:read'], communities: [SHOWCASE.communityCode] });
    }
  });

  it('is refused fields its scopes do not cover: a key without people:read reads no people', async () => {
    const { key } = await store.create({ name: 'analyst cube', scopes: ['address:read', 'events:read'] });
    const res = await ask(RESIDENTS, bearer(key));
    expect(res.body.data?.address?.residents ?? null).toBeNull();
    expect(res.body.errors?.[0].extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
  });

  it('is confined to its communities', async () => {
    const inside = await store.create({ name: 'inside', scopes: ['people:read', 'address:read'], communities: [SHOWCASE.communityCode] });
    const outside = await store.create({ name: 'outside', scopes: ['people:read', 'address:read'], communities: [OTHER] });
    const seen = await ask(RESIDENTS, header(inside.key));
    expect(seen.body.errors).toBeUndefined();
    expect(seen.body.data.address.residents.edges.length).toBeGreaterThanOrEqual(2);
    const hidden = await ask(`{ address(code: "${SHOWCASE.roomCode}") { residentCount residents(first: 10) { edges { node { id } } } } }`, header(outside.key));
    expect(hidden.body.data.address).toEqual({ residentCount: 0, residents: { edges: [] } });
  });

  it('leaves an audit record of every person read, attributed to apikey:<id>', async () => {
    const { key, apiKey } = await store.create({ name: 'audited', scopes: ['people:read', 'address:read'] });
    const res = await ask(RESIDENTS, basic(key));
    expect(res.body.errors).toBeUndefined();
    const ids = res.body.data.address.residents.edges.map((e: any) => e.node.id).sort();
    const records = await createAuditRepository(t.auditDatabase.knex).auditRecords({ subject: `apikey:${apiKey.id}` });
    expect(records.edges).toHaveLength(1);
    expect(records.edges[0].node).toMatchObject({ subject: `apikey:${apiKey.id}`, subgraph: 'people', operationName: 'Residents', addressCodes: [SHOWCASE.roomCode] });
    expect([...records.edges[0].node.personIds].sort()).toEqual(ids);
  });

  it('notes its last use once, not on every request', async () => {
    const { key, apiKey } = await store.create({ name: 'touched', scopes: ['address:read'] });
    expect(apiKey.lastUsedAt).toBeNull();
    await ask(VIEWER, bearer(key));
    await expect.poll(async () => (await store.find(apiKey.id))!.lastUsedAt).not.toBeNull();
    const first = (await store.find(apiKey.id))!.lastUsedAt!;
    for (let i = 0; i < 3; i++) await ask(VIEWER, bearer(key));
    await new Promise((r) => setTimeout(r, 200));
    expect((await store.find(apiKey.id))!.lastUsedAt).toEqual(first);
  });
});

describe('refusals', () => {
  const code = (res: Answer) => res.body.errors?.[0].extensions?.code;

  it('a revoked key: 401 API_KEY_REVOKED, within a couple of seconds of the revoke', async () => {
    const { key, apiKey } = await store.create({ name: 'to revoke', scopes: ['address:read'] });
    expect((await ask(VIEWER, bearer(key))).status).toBe(200);
    expect(await store.revoke(apiKey.id)).toMatchObject({ type: 'revoked' });
    await expect.poll(async () => (await ask(VIEWER, bearer(key))).status, { timeout: 3000, interval: 100 }).toBe(401);
    for (const form of [bearer(key), header(key), basic(key)]) {
      const res = await ask(VIEWER, form);
      expect(res.status).toBe(401);
      expect(code(res)).toBe('API_KEY_REVOKED');
      expect(res.body.data).toBeUndefined();
    }
  });

  it('a key revoked with the CLI: 401 API_KEY_REVOKED', async () => {
    const res = await ask(VIEWER, header(cliRevoked.key));
    expect(res.status).toBe(401);
    expect(code(res)).toBe('API_KEY_REVOKED');
  });

  it('an expired key: 401 API_KEY_EXPIRED', async () => {
    const { key, apiKey } = await store.create({ name: 'short-lived', scopes: ['address:read'], expiresAt: new Date(Date.now() + 60_000) });
    await query(t.accessDatabase.knex, `UPDATE access.api_keys SET expires_at = now() - interval '1 second' WHERE id = ?`, [apiKey.id]);
    const res = await ask(VIEWER, bearer(key));
    expect(res.status).toBe(401);
    expect(code(res)).toBe('API_KEY_EXPIRED');
  });

  it('a wrong secret, an unknown id or a malformed key: 401 INVALID_API_KEY', async () => {
    const { key } = await store.create({ name: 'real', scopes: ['address:read'] });
    const wrongSecret = key.slice(0, -4) + (key.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const unknownId = `agk_000000000000_${key.split('_').slice(2).join('_')}`;
    for (const bad of [wrongSecret, unknownId, 'agk_nonsense']) {
      for (const form of [bearer(bad), header(bad), basic(bad)]) {
        const res = await ask(VIEWER, form);
        expect(res.status, `${bad} ${JSON.stringify(form)}`).toBe(401);
        expect(code(res)).toBe('INVALID_API_KEY');
      }
    }
    // Basic carries only keys: a password that is not one is refused, not served as anonymous
    const password = await ask(VIEWER, basic('hunter2'));
    expect(password.status).toBe(401);
    expect(code(password)).toBe('INVALID_API_KEY');
    expect(password.headers.get('www-authenticate')).toContain('Basic');
  });

  it('two credentials at once: 400 INVALID_API_KEY', async () => {
    const { key } = await store.create({ name: 'twice', scopes: ['address:read'] });
    const res = await ask(VIEWER, { ...bearer(key), ...header(key) });
    expect(res.status).toBe(400);
    expect(code(res)).toBe('INVALID_API_KEY');
  });

  it('a JWT bearer token keeps working', async () => {
    const res = await t.query(VIEWER);
    expect(res.status).toBe(200);
    expect(res.data!.viewer.subject).toBe('test-admin');
  });
});

describe('a key made with the CLI', () => {
  it('works through the gateway with what was asked for', async () => {
    const res = await ask(RESIDENTS, basic(cliKey.key));
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.address.residents.edges.length).toBeGreaterThanOrEqual(2);
    const viewer = await ask(VIEWER, bearer(cliKey.key));
    expect(viewer.body.data.viewer).toEqual({ subject: `apikey:${cliKey.id}`, roles: [], scopes: ['address:read', 'people:read'], communities: [SHOWCASE.communityCode] });
    const row = (await store.find(cliKey.id))!;
    expect(row.name).toBe('community dashboard');
    expect(row.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 89 * 86_400_000);
  });

  it('list shows the keys, with no secret and no hash', async () => {
    const mine = listed.json.find((k) => k.id === cliKey.id);
    expect(mine).toMatchObject({ id: cliKey.id, name: 'community dashboard', scopes: ['address:read', 'people:read'], communities: [SHOWCASE.communityCode], revokedAt: null });
    expect(listed.json.find((k) => k.id === cliRevoked.id).revokedAt).toEqual(expect.any(String));
    expect(listed.stdout).toContain(cliKey.id);
    expect(listed.stdout).toContain('community dashboard');
    for (const k of [cliKey, cliRevoked]) {
      const { secret } = parseApiKey(k.key)!;
      expect(listed.stdout).not.toContain(secret);
      expect(listed.stdout).not.toContain((await store.find(k.id))!.keyHash);
    }
    expect(JSON.stringify(listed.json)).not.toMatch(/hash|secret/i);
  });
});

describe('the access database unreachable', () => {
  it('answers 503 API_KEYS_UNAVAILABLE, never a 500 or anonymous access', async () => {
    const access = openFixture('access');
    const own = createApiKeyStore(access.knex);
    const { key } = await own.create({ name: 'outage', scopes: ['address:read'] });
    const broken = await startTestSystem({ accessDatabase: access });
    try {
      await access.close();
      const res = await fetch(broken.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(key) }, body: JSON.stringify({ query: VIEWER }) });
      expect(res.status).toBe(503);
      expect((await res.json()).errors[0].extensions.code).toBe('API_KEYS_UNAVAILABLE');
    } finally {
      await broken.stop();
    }
  });
});
