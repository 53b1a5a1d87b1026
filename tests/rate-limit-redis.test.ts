/**
 * The rate limit counted in Redis (gateway/limits.ts createRedisRateLimiter, lib/redis.ts), on the
 * real Redis at REDIS_URL (default redis://127.0.0.1:6379, which CI runs): two stores standing for
 * two gateway replicas share one count; a Redis that cannot be reached is refused at connect with
 * a message naming it; a connection lost later makes a hit fail (the gateway answers 503
 * RATE_LIMIT_UNAVAILABLE, tested through the gateway below) and the next hit after Redis is back
 * counts again. Keys go under a fresh prefix and are deleted afterwards.
 */
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisRateLimiter, LIMIT_CODES } from '../gateway/limits.ts';
import { ERROR_CODES } from '../lib/error-codes.ts';
import { connectRedis, RedisUnavailableError, type RedisClient } from '../lib/redis.ts';
import { startTestSystem } from './support/system.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `ag-test:${randomUUID()}:`;
const opened: RedisClient[] = [];

let reachable = false;
beforeAll(async () => {
  try {
    const probe = await connectRedis(REDIS_URL, { timeoutMs: 1000 });
    await probe.close();
    reachable = true;
  } catch (error) {
    // CI runs Redis: there a missing one is a failure, not a skip
    if (process.env.CI) throw error;
  }
});
afterAll(async () => {
  if (reachable) {
    const cleanup = await connectRedis(REDIS_URL);
    const keys = (await cleanup.command(['KEYS', `${prefix}*`])) as string[];
    if (keys.length > 0) await cleanup.command(['DEL', ...keys]);
    await cleanup.close();
  }
  for (const c of opened) await c.close();
});

async function open(url = REDIS_URL): Promise<RedisClient> {
  const c = await connectRedis(url, { timeoutMs: 1000 });
  opened.push(c);
  return c;
}

/** A TCP relay to Redis on its own port that the test can cut and restore (Redis itself is shared). */
async function relay(): Promise<{ url: string; cut(): Promise<void>; restore(): Promise<void> }> {
  const target = new URL(REDIS_URL);
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  const listen = async () => {
    server = net.createServer((client) => {
      const upstream = net.connect({ host: target.hostname, port: Number(target.port || 6379) });
      sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const end = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
    });
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    port = (server!.address() as net.AddressInfo).port;
  };
  await listen();
  return {
    url: `redis://127.0.0.1:${port}`,
    async cut() {
      const s = server!;
      server = null;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    restore: listen,
  };
}

describe('the rate limit in Redis', () => {
  it('counts N in total for a client whose requests are spread over two replicas', async ({ skip }) => {
    if (!reachable) skip();
    const perMinute = 7;
    // two connections, two limiters: what two gateway processes hold
    const a = createRedisRateLimiter(await open(), perMinute, prefix);
    const b = createRedisRateLimiter(await open(), perMinute, prefix);
    const decisions = [];
    for (let i = 0; i < 2 * perMinute; i++) decisions.push(await (i % 2 === 0 ? a : b).hit('sub:spread'));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(perMinute);
    // the first N are the allowed ones, whichever replica took them
    expect(decisions.map((d) => d.allowed)).toEqual([...Array(perMinute).fill(true), ...Array(perMinute).fill(false)]);
    expect(decisions.map((d) => d.remaining).slice(0, perMinute)).toEqual([6, 5, 4, 3, 2, 1, 0]);
    for (const d of decisions) {
      expect(d.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(d.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
    // another identity has its own window
    expect((await b.hit('sub:other')).allowed).toBe(true);
    // the window is one key per identity, expiring with the window
    const client = await open();
    expect(await client.command(['GET', `${prefix}ratelimit:sub:spread`])).toBe(String(2 * perMinute));
    const ttl = (await client.command(['PTTL', `${prefix}ratelimit:sub:spread`])) as number;
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('refuses to connect to a Redis that does not answer, naming it without its password', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const url = `redis://user:s3cret@127.0.0.1:${port}`;
    const error = await connectRedis(url, { timeoutMs: 1000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedisUnavailableError);
    expect((error as Error).message).toBe(`cannot reach Redis at redis://user:***@127.0.0.1:${port}: ECONNREFUSED`);
  });

  it('fails a hit while the connection is lost and counts again once Redis is back', async ({ skip }) => {
    if (!reachable) skip();
    const r = await relay();
    const limiter = createRedisRateLimiter(await open(r.url), 100, prefix);
    expect((await limiter.hit('sub:flaky')).remaining).toBe(99);
    await r.cut();
    await expect(limiter.hit('sub:flaky')).rejects.toBeInstanceOf(RedisUnavailableError);
    await r.restore();
    // the count kept in Redis survived: this is the second counted request
    expect((await limiter.hit('sub:flaky')).remaining).toBe(98);
  });
});

describe('a gateway whose rate-limit store is unreachable', () => {
  it('answers 503 RATE_LIMIT_UNAVAILABLE with retry-after, not a 500, and serves again once it is back', async ({ skip }) => {
    if (!reachable) skip();
    const r = await relay();
    const client = await open(r.url);
    const t = await startTestSystem({ limits: { rateLimitPerMinute: 50 }, rateLimitStore: { kind: 'redis', client, keyPrefix: prefix } });
    try {
      const ask = () => fetch(t.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
      expect((await ask()).status).toBe(200);
      await r.cut();
      const refused = await ask();
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('5');
      const body = (await refused.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code).toBe(ERROR_CODES.RATE_LIMIT_UNAVAILABLE);
      expect(body.errors[0]!.extensions.code).not.toBe(LIMIT_CODES.rate);
      await r.restore();
      expect((await ask()).status).toBe(200);
    } finally {
      await t.stop();
    }
  });
});
