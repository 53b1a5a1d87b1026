/**
 * Every SQL statement on the API keys (schema `access`, in the audit database). Rows are parsed
 * with zod at the boundary; expected failures (an unknown or already revoked key) come back as
 * data. Requests are checked by checkApiKeyRequest before anything is written.
 */
import { z } from 'zod';
import { checkAddressCode } from '../lib/address-code.ts';
import { SCOPES, type Scope } from '../lib/auth/scopes.ts';
import { query, type Db } from '../lib/db.ts';
import { newApiKey } from './keys.ts';

export type ApiKey = {
  id: string;
  name: string;
  /** As stored: a scope later removed from lib/auth/scopes.ts stays listed and grants nothing. */
  scopes: string[];
  /** Community codes the key is confined to; null: not confined. */
  communities: string[] | null;
  createdAt: Date;
  createdBy: string | null;
  /** null: never expires. */
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
};

/** A key as the gateway checks it: with the hash of its secret. */
export type ApiKeyCredential = ApiKey & { keyHash: string };

export type ApiKeyRequest = {
  name: string;
  scopes: readonly string[];
  /** Empty or null: not confined. */
  communities?: readonly string[] | null;
  /** null: never expires. */
  expiresAt?: Date | null;
  createdBy?: string | null;
};

export type CheckedApiKeyRequest = { name: string; scopes: Scope[]; communities: string[] | null; expiresAt: Date | null; createdBy: string | null };

/** The request with its scopes and communities checked, or the first problem, named. */
export function checkApiKeyRequest(request: ApiKeyRequest, now = new Date()): { ok: true; value: CheckedApiKeyRequest } | { ok: false; message: string } {
  const name = request.name.trim();
  if (!name) return { ok: false, message: 'a key needs a name (--name), e.g. "community dashboard"' };
  if (name.length > 200) return { ok: false, message: `the name has ${name.length} characters; at most 200` };
  if (request.scopes.length === 0) return { ok: false, message: `a key needs at least one scope (--scope), of: ${SCOPES.join(', ')}` };
  for (const scope of request.scopes) {
    if (!(SCOPES as readonly string[]).includes(scope)) return { ok: false, message: `unknown scope "${scope}"; the scopes are ${SCOPES.join(', ')}` };
  }
  const communities: string[] = [];
  for (const code of request.communities ?? []) {
    const checked = checkAddressCode(code);
    if (!checked.ok) return { ok: false, message: `--community: ${checked.message}` };
    if (checked.level !== 'COMMUNITY') return { ok: false, message: `--community: "${code}" is a ${checked.level.toLowerCase()} code; a community code has 12 digits` };
    communities.push(checked.code);
  }
  const expiresAt = request.expiresAt ?? null;
  if (expiresAt && expiresAt.getTime() <= now.getTime()) return { ok: false, message: `the expiry ${expiresAt.toISOString()} has already passed` };
  return {
    ok: true,
    value: {
      name,
      scopes: [...new Set(request.scopes as Scope[])].sort(),
      communities: communities.length ? [...new Set(communities)].sort() : null,
      expiresAt,
      createdBy: request.createdBy?.trim() || null,
    },
  };
}

/**
 * When `--expires` ends: `<N>d` days from now, or a date (the key is valid through that day,
 * UTC) or a date-time. Throws naming the problem.
 */
export function parseExpiry(text: string, now = new Date()): Date {
  const days = /^(\d+)d$/.exec(text.trim());
  if (days) {
    const n = Number(days[1]);
    if (n < 1 || n > 3650) throw new Error(`--expires: ${n} days; give 1 to 3650 days`);
    return new Date(now.getTime() + n * 86_400_000);
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(text.trim())) {
    const day = new Date(`${text.trim()}T00:00:00Z`);
    if (!Number.isNaN(day.getTime()) && day.toISOString().startsWith(text.trim())) return new Date(day.getTime() + 86_400_000);
  } else if (/^\d{4}-\d{2}-\d{2}T/.test(text.trim())) {
    const at = new Date(text.trim());
    if (!Number.isNaN(at.getTime())) return at;
  }
  throw new Error(`--expires must be a number of days (90d) or a date (2027-06-30), got "${text}"`);
}

const COLUMNS = `
  k.id, k.name, k.scopes, k.communities, k.created_at AS "createdAt", k.created_by AS "createdBy",
  k.expires_at AS "expiresAt", k.revoked_at AS "revokedAt", k.last_used_at AS "lastUsedAt"`;

const instant = z.preprocess((v) => (typeof v === 'string' ? new Date(v) : v), z.date());
const ApiKeyRow = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  communities: z.array(z.string()).nullable(),
  createdAt: instant,
  createdBy: z.string().nullable(),
  expiresAt: instant.nullable(),
  revokedAt: instant.nullable(),
  lastUsedAt: instant.nullable(),
});
const CredentialRow = ApiKeyRow.extend({ keyHash: z.string() });

export type RevokeResult = { type: 'revoked'; apiKey: ApiKey } | { type: 'error'; code: 'NOT_FOUND' | 'ALREADY_REVOKED'; message: string };

/** The API keys of one access database (`openDatabase('access').knex`). */
export function createApiKeyStore(db: Db) {
  return {
    /** Stores a new key (hashed) and returns it with the key text, which is not kept anywhere. */
    async create(request: ApiKeyRequest): Promise<{ key: string; apiKey: ApiKey }> {
      const checked = checkApiKeyRequest(request);
      if (!checked.ok) throw new Error(checked.message);
      const { id, key, keyHash } = newApiKey();
      const v = checked.value;
      const [row] = await query<unknown>(db,
        `/* access.createApiKey */
        INSERT INTO access.api_keys AS k (id, name, key_hash, scopes, communities, expires_at, created_by)
        VALUES (?, ?, ?, ?::text[], ?::text[], ?::timestamptz, ?)
        RETURNING ${COLUMNS}`,
        [id, v.name, keyHash, v.scopes, v.communities, v.expiresAt, v.createdBy]);
      return { key, apiKey: ApiKeyRow.parse(row) };
    },

    /** Every key, newest first, without secrets or hashes. */
    async list(): Promise<ApiKey[]> {
      const rows = await query<unknown>(db, `/* access.listApiKeys */ SELECT ${COLUMNS} FROM access.api_keys k ORDER BY k.created_at DESC, k.id`);
      return rows.map((r) => ApiKeyRow.parse(r));
    },

    /** One key with its hash, for checking a presented key; null when there is none with this id. */
    async find(id: string): Promise<ApiKeyCredential | null> {
      const [row] = await query<unknown>(db, `/* access.findApiKey */ SELECT ${COLUMNS}, k.key_hash AS "keyHash" FROM access.api_keys k WHERE k.id = ?`, [id]);
      return row ? CredentialRow.parse(row) : null;
    },

    /** Revokes a key from now on; an unknown or already revoked key is answered as such. */
    async revoke(id: string): Promise<RevokeResult> {
      const [row] = await query<unknown>(db,
        `/* access.revokeApiKey */ UPDATE access.api_keys AS k SET revoked_at = now() WHERE k.id = ? AND k.revoked_at IS NULL RETURNING ${COLUMNS}`, [id]);
      if (row) return { type: 'revoked', apiKey: ApiKeyRow.parse(row) };
      const [existing] = await query<{ revokedAt: Date }>(db, `/* access.revokedAt */ SELECT k.revoked_at AS "revokedAt" FROM access.api_keys k WHERE k.id = ?`, [id]);
      return existing
        ? { type: 'error', code: 'ALREADY_REVOKED', message: `API key ${id} was already revoked at ${new Date(existing.revokedAt).toISOString()}` }
        : { type: 'error', code: 'NOT_FOUND', message: `no API key has the id ${JSON.stringify(id)}` };
    },

    /** Notes a use: sets last_used_at unless it was set less than `minIntervalSeconds` ago. */
    async touch(id: string, minIntervalSeconds = 60): Promise<void> {
      await query(db,
        `/* access.touchApiKey */ UPDATE access.api_keys AS k SET last_used_at = now()
        WHERE k.id = ? AND (k.last_used_at IS NULL OR k.last_used_at < now() - make_interval(secs => ?))`,
        [id, minIntervalSeconds]);
    },
  };
}

export type ApiKeyStore = ReturnType<typeof createApiKeyStore>;
