import { afterEach, describe, expect, it, vi } from 'vitest';
import { devPublicKeyPem, signDevClaims, signDevToken } from '../lib/auth/dev-keys.ts';
import { env } from '../lib/config.ts';
import { requestAuthenticator, untilExpiry, type RequestAuthentication } from './auth.ts';

const bearer = (token: string) => new Headers({ authorization: `Bearer ${token}` });
const codeOf = (result: RequestAuthentication) => ('code' in result ? result.code : 'OK');

async function authenticator(tokenCacheSeconds: number) {
  return requestAuthenticator({ upstreamSecret: 'test', publicKeyPem: await devPublicKeyPem(), issuer: env().JWT_ISSUER, audience: env().JWT_AUDIENCE, tokenCacheSeconds });
}

describe('verified tokens are remembered', () => {
  afterEach(() => vi.restoreAllMocks());

  it('checks the signature of a token once, then trusts the same string again', async () => {
    const verify = vi.spyOn(crypto.subtle, 'verify');
    const check = await authenticator(60);
    const token = await signDevToken({ subject: 'worker-1', roles: ['grid-worker'], communities: ['440304001001'] });
    for (let i = 0; i < 5; i++) expect(codeOf(await check(bearer(token)))).toBe('OK');
    expect(verify).toHaveBeenCalledTimes(1);
    const other = await signDevToken({ subject: 'worker-2', roles: ['grid-worker'], communities: ['440304001001'] });
    expect(codeOf(await check(bearer(other)))).toBe('OK');
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it('checks every time with TOKEN_CACHE_SECONDS=0', async () => {
    const verify = vi.spyOn(crypto.subtle, 'verify');
    const check = await authenticator(0);
    const token = await signDevToken({ subject: 'worker-1', roles: ['grid-worker'], communities: ['440304001001'] });
    for (let i = 0; i < 3; i++) expect(codeOf(await check(bearer(token)))).toBe('OK');
    expect(verify).toHaveBeenCalledTimes(3);
  });

  it('refuses a remembered token once it expires', async () => {
    const check = await authenticator(60);
    const now = Math.floor(Date.now() / 1000);
    const token = await signDevClaims({ sub: 'worker-1', roles: ['grid-worker'], iss: env().JWT_ISSUER, aud: env().JWT_AUDIENCE, iat: now, exp: now + 2 });
    expect(codeOf(await check(bearer(token)))).toBe('OK');
    await new Promise((resolve) => setTimeout(resolve, (now + 2) * 1000 - Date.now() + 50));
    expect(codeOf(await check(bearer(token)))).toBe('TOKEN_EXPIRED');
  });

  it('never remembers a refusal, nor lets a tampered copy of a remembered token through', async () => {
    const check = await authenticator(60);
    const token = await signDevToken({ subject: 'worker-1', roles: ['grid-worker'], communities: ['440304001001'] });
    expect(codeOf(await check(bearer(token)))).toBe('OK');
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), roles: ['admin'] })).toString('base64url');
    for (let i = 0; i < 2; i++) expect(codeOf(await check(bearer(`${header}.${forged}.${signature}`)))).toBe('INVALID_TOKEN');
  });
});

describe('a subscription stream until its token expires', () => {
  /** A source that yields what is pushed, and records whether it was closed. */
  function source() {
    const queue: number[] = [];
    let wake: (() => void) | null = null;
    const state = { closed: false };
    const iterator: AsyncIterableIterator<number> = {
      async next() {
        while (queue.length === 0 && !state.closed) await new Promise<void>((r) => (wake = r));
        return state.closed ? { value: undefined, done: true } : { value: queue.shift()!, done: false };
      },
      async return() {
        state.closed = true;
        wake?.();
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return { iterator, state, push: (n: number) => (queue.push(n), wake?.()) };
  }

  it('passes results through, then answers the reader waiting at the expiry with TOKEN_EXPIRED, ends and closes the source', async () => {
    const s = source();
    const stream = untilExpiry(s.iterator, Date.now() + 150);
    s.push(1);
    expect(await stream.next()).toEqual({ value: 1, done: false });
    const waiting = stream.next();
    const expired = await waiting;
    expect((expired.value as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('TOKEN_EXPIRED');
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    expect(s.state.closed).toBe(true);
  });

  it('ends at once when the reader leaves while it waits, closing the source', async () => {
    const s = source();
    const stream = untilExpiry(s.iterator, Date.now() + 60_000);
    const waiting = stream.next();
    await stream.return!();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(s.state.closed).toBe(true);
  });
});
