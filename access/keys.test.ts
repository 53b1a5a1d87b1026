import { describe, expect, it } from 'vitest';
import { hashSecret, looksLikeApiKey, newApiKey, parseApiKey, secretMatches } from './keys.ts';

describe('API key format', () => {
  it('makes agk_<12 hex>_<43+ base64url> keys whose secret matches the stored hash, and only it', () => {
    const { id, key, keyHash } = newApiKey();
    expect(key).toMatch(/^agk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const parsed = parseApiKey(key)!;
    expect(parsed.id).toBe(id);
    expect(keyHash).toBe(hashSecret(parsed.secret));
    expect(keyHash).not.toContain(parsed.secret);
    expect(secretMatches(parsed.secret, keyHash)).toBe(true);
    expect(secretMatches(`${parsed.secret.slice(0, -1)}${parsed.secret.endsWith('A') ? 'B' : 'A'}`, keyHash)).toBe(false);
    expect(newApiKey().key).not.toBe(key);
  });

  it('refuses what is not a key', () => {
    for (const text of ['', 'agk_', 'agk_123_abc', 'agk_ABCDEF012345_' + 'a'.repeat(43), 'eyJhbGciOi.x.y', `agk_0123456789ab_${'a'.repeat(42)}`]) {
      expect(parseApiKey(text), text).toBeNull();
    }
    expect(looksLikeApiKey('agk_whatever')).toBe(true);
    expect(looksLikeApiKey('eyJhbGciOi')).toBe(false);
  });
});
