/**
 * API keys at the gateway, for clients that cannot fetch a fresh JWT (a BI tool refreshing
 * unattended). A key (`agk_<id>_<secret>`, access/keys.ts) may come three ways:
 *
 *   authorization: Bearer agk_...                 like a token
 *   api_key: agk_...                              a header of its own
 *   authorization: Basic base64(<any user>:agk_...)  HTTP Basic, the key as password (Power BI, Excel)
 *
 * A verified key becomes the claims a token would carry (sub `apikey:<id>`, its scopes and
 * communities, a short exp, plus `api_key_id` and `api_key_name`), so scopes, community scoping,
 * masking and the audit trail treat it exactly like a token. Refusals: malformed, unknown or a
 * wrong secret 401 INVALID_API_KEY; revoked 401 API_KEY_REVOKED; expired 401 API_KEY_EXPIRED;
 * the access database unreachable 503 API_KEYS_UNAVAILABLE (never served as anonymous).
 *
 * Rows are cached for CACHE_TTL_MS (a revoke takes effect within it); `last_used_at` is written
 * at most once a minute per key.
 */
import { parse as parseBasic } from 'basic-auth';
import type { JWTPayload } from 'jose';
import { looksLikeApiKey, parseApiKey, secretMatches } from '../access/keys.ts';
import type { ApiKeyCredential, ApiKeyStore } from '../access/store.ts';
import { checkClaims } from '../lib/auth/scopes.ts';
import { ERROR_CODES, type KnownErrorCode } from '../lib/error-codes.ts';
import { logger } from '../lib/logger.ts';

export type ApiKeyRefusal = { status: 400 | 401 | 503; code: KnownErrorCode; message: string };

/** How long a key's row is trusted before it is read again: the longest a revoke waits. */
const CACHE_TTL_MS = 1_000;
const CACHE_MAX = 1_000;
/** Lifetime of the claims a key becomes (the subgraphs require an exp). */
const CLAIMS_TTL_SECONDS = 300;
/** `last_used_at` is noted at most this often per key. */
const TOUCH_INTERVAL_SECONDS = 60;

const refuse = (status: ApiKeyRefusal['status'], code: KnownErrorCode, message: string): ApiKeyRefusal => ({ status, code, message });

/**
 * The API key a request presents, a refusal when it presents one wrongly, or null when it presents
 * none (then a bearer JWT, or nothing, is for the token check). Basic always means a key.
 */
export function presentedApiKey(authorization: string | null, apiKeyHeader: string | null): { key: string } | ApiKeyRefusal | null {
  const auth = authorization?.trim() || null;
  if (apiKeyHeader !== null) {
    if (auth) return refuse(400, ERROR_CODES.INVALID_API_KEY, 'send one credential: an authorization header or an api_key header, not both');
    return { key: apiKeyHeader.trim() };
  }
  if (!auth) return null;
  if (/^Basic\s/i.test(auth)) {
    const credentials = parseBasic(auth);
    if (!credentials) return refuse(400, ERROR_CODES.INVALID_API_KEY, 'the authorization header is not "Basic <base64 of user:password>"');
    if (!looksLikeApiKey(credentials.pass)) return refuse(401, ERROR_CODES.INVALID_API_KEY, 'HTTP Basic is accepted only with an API key (agk_...) as the password; any user name will do');
    return { key: credentials.pass };
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(auth);
  return bearer && looksLikeApiKey(bearer[1]) ? { key: bearer[1] } : null;
}

export type ApiKeyVerifier = (key: string) => Promise<{ payload: JWTPayload } | ApiKeyRefusal>;

/**
 * Checks presented keys against `store` (undefined: this gateway has no access database and
 * refuses every key with a message saying so).
 */
export function apiKeyVerifier(store: ApiKeyStore | undefined, options: { cacheTtlMs?: number } = {}): ApiKeyVerifier {
  const ttl = options.cacheTtlMs ?? CACHE_TTL_MS;
  const cache = new Map<string, { row: ApiKeyCredential | null; at: number }>();
  const touched = new Map<string, number>();

  async function row(id: string): Promise<ApiKeyCredential | null> {
    const cached = cache.get(id);
    if (cached && Date.now() - cached.at < ttl) return cached.row;
    const fresh = await store!.find(id);
    cache.delete(id);
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(id, { row: fresh, at: Date.now() });
    return fresh;
  }

  function noteUse(id: string): void {
    const now = Date.now();
    if (now - (touched.get(id) ?? 0) < TOUCH_INTERVAL_SECONDS * 1000) return;
    touched.set(id, now);
    if (touched.size > CACHE_MAX * 10) touched.clear();
    store!.touch(id, TOUCH_INTERVAL_SECONDS).catch((err: unknown) => logger.warn({ component: 'gateway', err, apiKeyId: id }, 'could not note the use of an API key'));
  }

  return async (key) => {
    if (!store) {
      return refuse(401, ERROR_CODES.INVALID_API_KEY, 'this gateway accepts no API keys (it runs without the access database); send a bearer token');
    }
    const parsed = parseApiKey(key);
    if (!parsed) return refuse(401, ERROR_CODES.INVALID_API_KEY, 'this is not an API key of this graph (agk_<id>_<secret>)');
    let found: ApiKeyCredential | null;
    try {
      found = await row(parsed.id);
    } catch (err) {
      logger.error({ component: 'gateway', err }, 'API keys cannot be checked: the access database failed');
      return refuse(503, ERROR_CODES.API_KEYS_UNAVAILABLE, 'API keys cannot be checked at the moment; try again');
    }
    // the same answer for an unknown id and a wrong secret; a key's state only to its holder
    if (!found || !secretMatches(parsed.secret, found.keyHash)) return refuse(401, ERROR_CODES.INVALID_API_KEY, 'the API key is not valid (unknown id or wrong secret)');
    if (found.revokedAt) return refuse(401, ERROR_CODES.API_KEY_REVOKED, `the API key ${found.id} was revoked at ${found.revokedAt.toISOString()}`);
    const now = Date.now();
    if (found.expiresAt && found.expiresAt.getTime() <= now) return refuse(401, ERROR_CODES.API_KEY_EXPIRED, `the API key ${found.id} expired at ${found.expiresAt.toISOString()}`);
    const iat = Math.floor(now / 1000);
    const exp = Math.min(iat + CLAIMS_TTL_SECONDS, found.expiresAt ? Math.ceil(found.expiresAt.getTime() / 1000) : Infinity);
    const payload: JWTPayload = {
      sub: `apikey:${found.id}`,
      scopes: [...found.scopes],
      ...(found.communities ? { communities: [...found.communities] } : {}),
      iat,
      exp,
      api_key_id: found.id,
      api_key_name: found.name,
    };
    const claims = checkClaims(payload);
    if (!claims.ok) return refuse(401, ERROR_CODES.INVALID_API_KEY, `the API key ${found.id} is stored with a bad value: ${claims.message}`);
    noteUse(found.id);
    return { payload };
  };
}
