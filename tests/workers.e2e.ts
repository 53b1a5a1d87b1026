/**
 * `WORKERS=2 npm start` (lib/workers.ts): the whole system twice on one port, as a user runs it.
 * Checked as a client and an operator would: both workers answer (new connections go round
 * robin), /metrics on either worker counts the requests of both, the rate limit is one count in
 * Redis however the requests are spread, a killed worker is replaced while the other keeps
 * serving, Ctrl-C stops every process; and the configurations that cannot work (embedded PGlite,
 * no Redis with the limit on) are refused with a line that says what to do.
 */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../lib/auth/dev-keys.ts';
import { connectRedis } from '../lib/redis.ts';
import { runChild, startScript, type Child } from './support/process.ts';

const DATABASE_URL = process.env.DATABASE_URL;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RATE = 40;

/** One POST on a connection of its own (no keep-alive), so the cluster hands it to the next worker. */
function post(port: number, path: string, body: unknown, token?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), ...(token ? { authorization: `Bearer ${token}` } : {}) } }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

function get(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve(text));
    }).on('error', reject);
  });
}

/** The gateway's count of answered /graphql requests in a /metrics text (summed over statuses). */
function graphqlRequests(text: string): number {
  return text.split('\n')
    .filter((l) => l.startsWith('http_request_duration_seconds_count{') && l.includes('service="gateway"') && l.includes('route="/graphql"'))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

describe('WORKERS=2 npm start refuses what cannot work', () => {
  it('refuses the embedded PGlite, and a rate limit without Redis, saying what to do', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'workers-pglite-'));
    try {
      const result = await runChild('scripts/start.ts', [], { WORKERS: '2', PGLITE_DIR: dir, SEED: 'none', PORT: '0', SUBGRAPH_PORT_BASE: '0', HOST: '127.0.0.1' });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('WORKERS=2 needs PostgreSQL (DATABASE_URL)');
      // (the child inherits this shell's environment: a REDIS_URL set there answers the second point)
      if (!process.env.REDIS_URL) expect(result.stderr).toContain('WORKERS=2 needs REDIS_URL');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe.skipIf(!DATABASE_URL)('WORKERS=2 npm start (PostgreSQL, Redis)', () => {
  let system: Child;
  let port: number;
  let token: string;
  const prefix = `test-workers-${randomUUID().slice(0, 8)}:`;

  beforeAll(async () => {
    const probe = await connectRedis(REDIS_URL, { timeoutMs: 2000 });
    await probe.close();
    // SEED=none: the fixture database is migrated and loaded by the test setup, and shared
    system = startScript('start', [], { WORKERS: '2', DATABASE_URL: DATABASE_URL!, REDIS_URL, REDIS_KEY_PREFIX: prefix, RATE_LIMIT_PER_MINUTE: String(RATE), SEED: 'none', PORT: '0', SUBGRAPH_PORT_BASE: '0', HOST: '127.0.0.1' });
    await system.waitFor('Gateway ready at', 180_000);
    port = Number(/Gateway ready at http:\/\/localhost:(\d+)\//.exec(system.stdout())![1]);
    token = await signDevToken({ subject: `workers-${randomUUID()}`, roles: ['admin'] });
  }, 240_000);

  afterAll(async () => {
    if (system && system.process.exitCode === null) {
      system.process.kill('SIGTERM');
      await system.exited;
    }
    const redis = await connectRedis(REDIS_URL).catch(() => null);
    if (redis) {
      const keys = (await redis.command(['KEYS', `${prefix}*`])) as string[];
      if (keys.length) await redis.command(['DEL', ...keys]);
      await redis.close();
    }
  });

  it('says how many workers serve, with their pids', () => {
    const line = /2 workers \(pids (\d+), (\d+)\), rate limit in Redis/.exec(system.stdout());
    expect(line).not.toBeNull();
    expect(line![1]).not.toBe(line![2]);
  });

  it('answers on both workers, and /metrics on either counts the requests of both', async () => {
    const before = graphqlRequests(await get(port, '/metrics'));
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(port, '/graphql', { query: '{ address(code: "440304") { name } }' }, token)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(answers.map((a) => JSON.parse(a.text).data.address.name)).toEqual(Array(10).fill('福田区'));
    // ten requests on ten connections: five to each worker; a worker's own count would show five
    const after = graphqlRequests(await get(port, '/metrics'));
    expect(after - before).toBe(10);
    const second = graphqlRequests(await get(port, '/metrics'));
    expect(second).toBe(after);
  });

  it('counts the rate limit once in Redis, whichever worker a request reaches', async () => {
    const limited = await signDevToken({ subject: `workers-limited-${randomUUID()}`, roles: ['admin'] });
    const statuses: number[] = [];
    for (let i = 0; i < RATE + 4; i++) statuses.push((await post(port, '/graphql', { query: '{ __typename }' }, limited)).status);
    expect(statuses).toEqual([...Array(RATE).fill(200), ...Array(4).fill(429)]);
  });

  it('replaces a worker that dies, while the other keeps serving', async () => {
    const [, first] = /2 workers \(pids (\d+), (\d+)\)/.exec(system.stdout())!;
    process.kill(Number(first), 'SIGKILL');
    // once the primary knows (a connection handed to the worker as it died is lost with it), the
    // survivor answers every new connection
    await system.waitFor(new RegExp(`"worker":1,"workerPid":${first},"code":null,"signal":"SIGKILL","msg":"worker exited"`), 30_000);
    const during = await Promise.all(Array.from({ length: 4 }, () => post(port, '/graphql', { query: '{ __typename }' }, token)));
    expect(during.map((a) => a.status)).toEqual(Array(4).fill(200));
    await system.waitFor(/"msg":"worker exited"[\s\S]*"worker":1,"workerPid":\d+,"port":\d+,"msg":"worker ready"/, 120_000);
    const after = await Promise.all(Array.from({ length: 6 }, () => post(port, '/graphql', { query: '{ __typename }' }, token)));
    expect(after.map((a) => a.status)).toEqual(Array(6).fill(200));
  }, 180_000);

  it('stops every process on SIGINT, exit 0', async () => {
    const pids = [...system.stdout().matchAll(/"workerPid":(\d+),"port"/g)].map((m) => Number(m[1]));
    system.process.kill('SIGINT');
    expect(await system.exited).toBe(0);
    const alive = pids.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(alive).toEqual([]);
  }, 60_000);
});
