/**
 * The API key format: `agk_<id>_<secret>`. The id (12 hex digits) is public and names the key in
 * listings and the audit trail (`apikey:<id>`); the secret (32 random bytes, base64url) is shown
 * once at creation and stored only as its SHA-256. A random 256-bit secret needs no slow hash:
 * nobody can guess it, so a fast hash of it is as good as a password hash of a weak one.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const API_KEY_PREFIX = 'agk_';
const FORMAT = /^agk_([0-9a-f]{12})_([A-Za-z0-9_-]{43,})$/;

export type ParsedApiKey = { id: string; secret: string };

/** Whether a credential is meant as an API key (starts with `agk_`), well-formed or not. */
export function looksLikeApiKey(text: string): boolean {
  return text.startsWith(API_KEY_PREFIX);
}

/** The id and secret of a well-formed key; null for anything else. */
export function parseApiKey(text: string): ParsedApiKey | null {
  const m = FORMAT.exec(text.trim());
  return m ? { id: m[1], secret: m[2] } : null;
}

/** Hex SHA-256 of a key's secret: what is stored. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Whether `secret` hashes to `storedHash`, compared in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** A new key: its id, the whole key text (shown once) and the hash to store. */
export function newApiKey(): { id: string; key: string; keyHash: string } {
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, key: `${API_KEY_PREFIX}${id}_${secret}`, keyHash: hashSecret(secret) };
}
