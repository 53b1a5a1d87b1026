/**
 * The API key store (access/store.ts) on the fixture's access schema: what is stored (a hash,
 * never the key), checked requests, revokes answered as data, last use noted at most once a
 * minute, and every statement by the primary key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkApiKeyRequest, createApiKeyStore, parseExpiry, type ApiKeyStore } from '../access/store.ts';
import { parseApiKey, hashSecret } from '../access/keys.ts';
import { query, type Database } from '../lib/db.ts';
import { grantAccessRole } from '../access/migrate.ts';
import { openFixture } from './support/databases.ts';
import { explainStatements } from './support/explain.ts';

let access: Database;
let store: ApiKeyStore;
beforeAll(() => {
  access = openFixture('access');
  store = createApiKeyStore(access.knex);
});
afterAll(async () => {
  await access?.close();
});

describe('creating a key', () => {
  it('stores the hash of its secret, never the key, and returns the key once', async () => {
    const { key, apiKey } = await store.create({ name: ' nightly refresh ', scopes: ['events:read', 'cases:read', 'events:read'], communities: ['440304004028', '440304005040'], createdBy: 'ops' });
    const { id, secret } = parseApiKey(key)!;
    expect(apiKey).toMatchObject({ id, name: 'nightly refresh', scopes: ['cases:read', 'events:read'], communities: ['440304004028', '440304005040'], createdBy: 'ops', expiresAt: null, revokedAt: null, lastUsedAt: null });
    const [row] = await query<Record<string, unknown>>(access.knex, 'SELECT * FROM access.api_keys WHERE id = ?', [id]);
    expect(row.key_hash).toBe(hashSecret(secret));
    expect(JSON.stringify(row)).not.toContain(secret);
    expect((await store.list()).find((k) => k.id === id)).toEqual(apiKey);
  });

  it('refuses unknown scopes, codes that are not communities, no scope and a past expiry, naming each', () => {
    const base = { name: 'x', scopes: ['events:read'] };
    expect(checkApiKeyRequest({ ...base, scopes: ['events:read', 'root'] })).toEqual({ ok: false, message: expect.stringContaining('unknown scope "root"') });
    expect(checkApiKeyRequest({ ...base, scopes: [] })).toEqual({ ok: false, message: expect.stringContaining('at least one scope') });
    expect(checkApiKeyRequest({ ...base, communities: ['44030400402801'] })).toEqual({ ok: false, message: expect.stringContaining('is a grid code; a community code has 12 digits') });
    expect(checkApiKeyRequest({ ...base, name: '  ' })).toEqual({ ok: false, message: expect.stringContaining('needs a name') });
    expect(checkApiKeyRequest({ ...base, expiresAt: new Date(Date.now() - 1000) })).toEqual({ ok: false, message: expect.stringContaining('already passed') });
    expect(checkApiKeyRequest({ ...base, communities: [] })).toMatchObject({ ok: true, value: { communities: null } });
  });

  it('reads --expires as days or as the last valid day', () => {
    const now = new Date('2026-12-01T10:00:00Z');
    expect(parseExpiry('90d', now).toISOString()).toBe('2027-03-01T10:00:00.000Z');
    expect(parseExpiry('2027-06-30', now).toISOString()).toBe('2027-07-01T00:00:00.000Z');
    expect(() => parseExpiry('2027-02-30', now)).toThrow('--expires must be a number of days');
    expect(() => parseExpiry('0d', now)).toThrow('give 1 to 3650 days');
  });
});

describe('revoking and using a key', () => {
  it('answers an unknown or already revoked key as data', async () => {
    const { apiKey } = await store.create({ name: 'revoke me', scopes: ['address:read'] });
    expect(await store.revoke(apiKey.id)).toMatchObject({ type: 'revoked', apiKey: { id: apiKey.id, revokedAt: expect.any(Date) } });
    expect(await store.revoke(apiKey.id)).toMatchObject({ type: 'error', code: 'ALREADY_REVOKED' });
    expect(await store.revoke('ffffffffffff')).toMatchObject({ type: 'error', code: 'NOT_FOUND' });
  });

  it('notes the last use at most once per interval', async () => {
    const { apiKey } = await store.create({ name: 'touch me', scopes: ['address:read'] });
    await store.touch(apiKey.id, 60);
    const first = (await store.find(apiKey.id))!.lastUsedAt;
    expect(first).toEqual(expect.any(Date));
    await store.touch(apiKey.id, 60);
    expect((await store.find(apiKey.id))!.lastUsedAt).toEqual(first);
    await query(access.knex, `UPDATE access.api_keys SET last_used_at = last_used_at - interval '61 seconds' WHERE id = ?`, [apiKey.id]);
    const aged = (await store.find(apiKey.id))!.lastUsedAt!;
    await store.touch(apiKey.id, 60);
    expect((await store.find(apiKey.id))!.lastUsedAt!.getTime()).toBeGreaterThan(aged.getTime() + 60_000);
  });

  it('finds, revokes and touches by the primary key', async () => {
    const plans = await explainStatements(access, async (db) => {
      const explaining = createApiKeyStore(db);
      await explaining.find('0123456789ab');
      await explaining.revoke('0123456789ab');
      await explaining.touch('0123456789ab');
    });
    expect(plans).toHaveLength(4); // find; revoke's update and its look at why nothing changed; touch
    for (const plan of plans) expect(plan).toMatch(/Index Scan using api_keys_pkey/);
  });
});

describe('the migration grants the services\' role', () => {
  it('reading keys and noting their use, nothing else', async () => {
    const db = access.knex;
    const role = `ag_access_app_${Math.random().toString(36).slice(2, 10)}`;
    // roles are cluster-wide: created here, dropped below whatever happens
    await db.raw(`CREATE ROLE ${role} NOLOGIN`);
    try {
      expect(await grantAccessRole(db, role)).toBe(true);
      const [p] = await query<Record<string, boolean>>(db, `SELECT
        has_table_privilege(?, 'access.api_keys', 'SELECT') AS "select",
        has_column_privilege(?, 'access.api_keys', 'last_used_at', 'UPDATE') AS touch,
        has_column_privilege(?, 'access.api_keys', 'revoked_at', 'UPDATE') AS revoke,
        has_table_privilege(?, 'access.api_keys', 'INSERT') AS "insert",
        has_table_privilege(?, 'access.api_keys', 'DELETE') AS "delete"`, [role, role, role, role, role]);
      expect(p).toEqual({ select: true, touch: true, revoke: false, insert: false, delete: false });
      expect(await grantAccessRole(db, `${role}_missing`)).toBe(false);
    } finally {
      await db.raw(`DROP OWNED BY ${role}`);
      await db.raw(`DROP ROLE ${role}`);
    }
  });
});
