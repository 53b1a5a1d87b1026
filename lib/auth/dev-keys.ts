/**
 * The development signing key: an ES256 key pair kept in DEV_JWT_KEY_FILE (git-ignored .data/),
 * created on first use, so `npm start` and `npm run token` agree without any setup. Production
 * verifies tokens from a real identity provider instead (JWT_JWKS_URL or JWT_PUBLIC_KEY_FILE) and
 * refuses this key.
 */
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportJWK, exportSPKI, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { env } from '../config.ts';
import { ROLES, SCOPES, type Role, type Scope } from './scopes.ts';

type KeyFile = { kid: string; privateJwk: JWK; publicJwk: JWK };

let cached: Promise<KeyFile> | undefined;

async function loadOrCreate(file: string): Promise<KeyFile> {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as KeyFile;
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const key: KeyFile = { kid: `dev-${Date.now().toString(36)}`, privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
  mkdirSync(path.dirname(file), { recursive: true });
  // written aside, then linked into place: linking fails if another process got there first,
  // and then everyone uses that process's key
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(key), { mode: 0o600 });
  try {
    linkSync(temporary, file);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return JSON.parse(readFileSync(file, 'utf8')) as KeyFile;
  } finally {
    unlinkSync(temporary);
  }
}

function devKey(): Promise<KeyFile> {
  if (env().NODE_ENV === 'production') throw new Error('the development signing key is refused in production; configure JWT_JWKS_URL or JWT_PUBLIC_KEY_FILE');
  cached ??= loadOrCreate(env().DEV_JWT_KEY_FILE);
  return cached;
}

/** The development public key as PEM (SPKI), for the gateway's verifier. */
export async function devPublicKeyPem(): Promise<string> {
  const key = await devKey();
  return exportSPKI((await importJWK(key.publicJwk, 'ES256')) as CryptoKey);
}

export type TokenRequest = {
  subject: string;
  scopes?: readonly Scope[];
  roles?: readonly Role[];
  communities?: readonly string[];
  /** Lifetime, e.g. '8h' or '15m'; default 8 hours, at most MAX_TOKEN_LIFETIME_SECONDS. */
  expiresIn?: string;
  /** Seconds since the epoch to issue at; defaults to now (tests make expired tokens with it). */
  issuedAt?: number;
};

/** Signs a token with the development key. Throws in production. */
export async function signDevToken(request: TokenRequest): Promise<string> {
  const key = await devKey();
  const unknown = (request.scopes ?? []).filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`unknown scope ${unknown.join(', ')}; scopes are ${SCOPES.join(', ')}`);
  const unknownRoles = (request.roles ?? []).filter((r) => !(r in ROLES));
  if (unknownRoles.length) throw new Error(`unknown role ${unknownRoles.join(', ')}; roles are ${Object.keys(ROLES).join(', ')}`);
  const bad = (request.communities ?? []).filter((c) => !/^[0-9]{12}$/.test(c));
  if (bad.length) throw new Error(`a community code has 12 digits, got ${bad.join(', ')}`);
  const claims: Record<string, unknown> = {};
  if (request.scopes?.length) claims.scope = request.scopes.join(' ');
  if (request.roles?.length) claims.roles = [...request.roles];
  if (request.communities?.length) claims.communities = [...request.communities];
  const now = request.issuedAt ?? Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' })
    .setSubject(request.subject)
    .setIssuer(env().JWT_ISSUER)
    .setAudience(env().JWT_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + tokenLifetimeSeconds(request.expiresIn ?? '8h'))
    .sign(await importJWK(key.privateJwk, 'ES256'));
}

/**
 * Signs exactly these claims with the development key, nothing added (no exp, iss or aud unless
 * given): for tests of how the gateway treats odd tokens. Throws in production.
 */
export async function signDevClaims(claims: Record<string, unknown>): Promise<string> {
  const key = await devKey();
  return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' }).sign(await importJWK(key.privateJwk, 'ES256'));
}

/**
 * A lifetime span ('8h', '30m', '7d') in seconds, capped at MAX_TOKEN_LIFETIME_SECONDS: the
 * gateway refuses longer-lived tokens, so a development token is never made longer.
 */
export function tokenLifetimeSeconds(span: string): number {
  return Math.min(spanSeconds(span), env().MAX_TOKEN_LIFETIME_SECONDS);
}

/** '8h' → 28800; accepts s, m, h, d. */
export function spanSeconds(span: string): number {
  const m = /^(\d+)\s*([smhd])$/.exec(span.trim());
  if (!m) throw new Error(`expiry must look like 30m, 8h or 7d, got "${span}"`);
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2] as 's' | 'm' | 'h' | 'd'];
}

/** Ready-made tokens for the demo roles, printed by `npm start`. */
export async function demoTokens(): Promise<Record<string, string>> {
  return {
    admin: await signDevToken({ subject: 'demo-admin', roles: ['admin'] }),
    'grid-worker (水围社区)': await signDevToken({ subject: 'demo-grid-worker', roles: ['grid-worker'], communities: ['440304004028'] }),
    'case-officer': await signDevToken({ subject: 'demo-case-officer', roles: ['case-officer'] }),
    analyst: await signDevToken({ subject: 'demo-analyst', roles: ['analyst'] }),
    auditor: await signDevToken({ subject: 'demo-auditor', roles: ['auditor'] }),
  };
}
