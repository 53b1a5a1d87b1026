/**
 * The production layout (`npm run layout`, scripts/layout.ts) on this machine, PostgreSQL only:
 * every subgraph its own process (alerts on a PostgreSQL database of its own), two gateway replicas
 * behind the launcher's balancer, the rate limit in Redis (REDIS_URL, default
 * redis://127.0.0.1:6379, which CI runs). Checked as a client would: the same answers from either
 * replica (a cursor from one is honoured by the other), one rate limit for a client however its
 * requests are spread, a mutation through replica A delivered to a subscriber of replica B (the
 * change travels through the events schema's change log in PostgreSQL, not through either gateway), and the layout
 * still serving after one replica is killed.
 *
 * Rows go under a fresh made-up community (district 449900) and are deleted afterwards; Redis keys
 * under a fresh prefix, deleted too; the alerts database is dropped.
 */
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../lib/auth/dev-keys.ts';
import { isProcessAlive } from '../lib/process.ts';
import { connectRedis } from '../lib/redis.ts';
import { SHOWCASE } from '../seeds/showcase.ts';
import { ROOM_360_FIELDS } from '../gateway/example-query.ts';
import { freshBuildingCode, freshCommunityCode } from './support/events-factories.ts';
import { startScript, type Child } from './support/process.ts';
import { subscribe, type Subscriber } from './support/sse.ts';

const DATABASE_URL = process.env.DATABASE_URL;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECRET = 'a-layout-test-secret-of-at-least-32-characters';
const RATE = 12;
const prefix = `ag-test-layout:${randomUUID()}:`;
const community = freshCommunityCode();
const createdEvents: string[] = [];

type Process = { name: string; pid: number; url: string };
let layout: Child;
let processes: Process[] = [];
let alertsDatabase = '';
let sql: pg.Client;

/** Whether `port` is free on 127.0.0.1 now. */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The first of `count` consecutive ports that are free now (random bases in 20000-59999). */
async function freeBlock(count: number, avoid: number[] = []): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 40_000);
    const ports = Array.from({ length: count }, (_, i) => base + i);
    if (ports.some((p) => avoid.includes(p))) continue;
    if ((await Promise.all(ports.map(isFree))).every(Boolean)) return base;
  }
  throw new Error(`no ${count} consecutive free ports`);
}

const byName = (name: string) => {
  const p = processes.find((x) => x.name === name);
  if (!p) throw new Error(`no process ${name} in ${JSON.stringify(processes)}`);
  return p;
};

async function post(url: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}

describe.skipIf(!DATABASE_URL)('npm run layout (PostgreSQL, Redis)', () => {
  beforeAll(async () => {
    // CI runs Redis at 127.0.0.1:6379: without it this suite fails rather than skip
    const probe = await connectRedis(REDIS_URL, { timeoutMs: 2000 });
    await probe.close();

    sql = new pg.Client({ connectionString: DATABASE_URL });
    await sql.connect();
    // the alerts subgraph on a database of its own (it migrates it at start)
    alertsDatabase = `ag_layout_alerts_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    await sql.query(`CREATE DATABASE ${alertsDatabase}`);
    const alertsUrl = new URL(DATABASE_URL!);
    alertsUrl.pathname = `/${alertsDatabase}`;

    const balancerPort = await freeBlock(1);
    const subgraphBase = await freeBlock(6, [balancerPort]);
    const replicaBase = await freeBlock(2, [balancerPort, ...Array.from({ length: 6 }, (_, i) => subgraphBase + i)]);
    layout = startScript('layout', ['--replicas', '2', '--replica-port-base', String(replicaBase)], {
      DATABASE_URL: DATABASE_URL!,
      ALERTS_DATABASE_URL: alertsUrl.toString(),
      REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      UPSTREAM_HMAC_SECRET: SECRET,
      RATE_LIMIT_PER_MINUTE: String(RATE),
      PORT: String(balancerPort),
      HOST: '127.0.0.1',
      SUBGRAPH_PORT_BASE: String(subgraphBase),
      NODE_ENV: 'development',
      MONITOR_INTERVAL_SECONDS: '0',
      LOG_LEVEL: 'info',
    });
    // nine node processes start on a shared two-core machine: give them time
    await layout.waitFor('"msg":"layout ready"', 400_000);
    const line = layout.stdout().split('\n').find((l) => l.includes('"msg":"layout ready"'))!;
    processes = (JSON.parse(line) as { processes: Process[] }).processes;
  }, 420_000);

  afterAll(async () => {
    if (layout && layout.process.exitCode === null && layout.process.signalCode === null) layout.process.kill('SIGTERM');
    await layout?.exited;
    // nothing left behind, even when a test failed midway
    for (const p of processes) if (p.pid !== layout?.pid && isProcessAlive(p.pid)) process.kill(p.pid, 'SIGKILL');
    if (sql) {
      if (createdEvents.length) await sql.query('DELETE FROM events.event WHERE id = ANY($1)', [createdEvents]);
      if (alertsDatabase) await sql.query(`DROP DATABASE IF EXISTS ${alertsDatabase} WITH (FORCE)`);
      await sql.end();
    }
    const redis = await connectRedis(REDIS_URL).catch(() => null);
    if (redis) {
      const keys = (await redis.command(['KEYS', `${prefix}*`])) as string[];
      if (keys.length) await redis.command(['DEL', ...keys]);
      await redis.close();
    }
  }, 120_000);

  it('runs every subgraph and each gateway replica as a process of its own', async () => {
    const names = processes.map((p) => p.name).sort();
    expect(names).toEqual(['alerts', 'balancer', 'buildings', 'cases', 'entities', 'events', 'gateway-1', 'gateway-2', 'people']);
    const pids = processes.map((p) => p.pid);
    expect(new Set(pids).size).toBe(pids.length);
    expect(byName('balancer').pid).toBe(layout.pid);
    for (const p of processes) expect(isProcessAlive(p.pid), p.name).toBe(true);
    // each subgraph answers on its own port, each replica is ready (every subgraph reachable from it)
    for (const s of ['buildings', 'people', 'entities', 'events', 'cases', 'alerts']) {
      const res = await fetch(new URL('/readyz', byName(s).url));
      expect(res.status, s).toBe(200);
    }
    for (const g of ['gateway-1', 'gateway-2']) {
      const res = await fetch(new URL('/readyz', byName(g).url));
      expect(res.status, g).toBe(200);
      expect(((await res.json()) as { subgraphs: unknown[] }).subgraphs).toHaveLength(6);
    }
    // the gateways announced the shared store
    const readyLines = layout.stdout().split('\n').filter((l) => l.includes('"msg":"gateway ready"'));
    expect(readyLines).toHaveLength(2);
    for (const l of readyLines) expect(JSON.parse(l).rateLimitStore).toBe('redis');
  });

  it('gives the same answers from either replica, and a cursor from one is good at the other', async () => {
    const token = await signDevToken({ subject: `layout-reader-${randomUUID()}`, roles: ['admin'] });
    const room = `query { address(code: "${SHOWCASE.roomCode}") {\n${ROOM_360_FIELDS}\n  } }`;
    const [a, b, lb] = await Promise.all([byName('gateway-1'), byName('gateway-2'), byName('balancer')].map((g) => post(g.url, room, {}, token)));
    expect(a.status).toBe(200);
    expect(a.body.errors).toBeUndefined();
    expect(a.body.data.address.fullName).toBe(SHOWCASE.roomFullName);
    expect(a.body.data.address.residentCount).toBeGreaterThan(0);
    expect(b.body).toEqual(a.body);
    expect(lb.body).toEqual(a.body);

    const page = `query ($after: String) { address(code: "${SHOWCASE.buildingCode}") { children(first: 3, after: $after) { edges { node { code } } pageInfo { endCursor hasNextPage } } } }`;
    const first = await post(byName('gateway-1').url, page, {}, token);
    const cursor = first.body.data.address.children.pageInfo.endCursor as string;
    expect(first.body.data.address.children.pageInfo.hasNextPage).toBe(true);
    const nextOnA = await post(byName('gateway-1').url, page, { after: cursor }, token);
    const nextOnB = await post(byName('gateway-2').url, page, { after: cursor }, token);
    expect(nextOnB.body.errors).toBeUndefined();
    expect(nextOnB.body).toEqual(nextOnA.body);
    expect(nextOnB.body.data.address.children.edges[0].node.code > first.body.data.address.children.edges[2].node.code).toBe(true);
  });

  it('holds one rate limit for a client whose requests are spread over both replicas', async () => {
    const token = await signDevToken({ subject: `layout-limited-${randomUUID()}`, scopes: ['address:read'] });
    const urls = [byName('gateway-1').url, byName('gateway-2').url];
    const statuses: number[] = [];
    const codes: unknown[] = [];
    for (let i = 0; i < 2 * RATE; i++) {
      const r = await post(urls[i % 2]!, '{ __typename }', {}, token);
      statuses.push(r.status);
      if (r.status !== 200) codes.push(r.body.errors?.[0]?.extensions?.code);
    }
    // N in total, not N per replica: the first N pass, whichever replica took them
    expect(statuses).toEqual([...Array(RATE).fill(200), ...Array(RATE).fill(429)]);
    expect(new Set(codes)).toEqual(new Set(['RATE_LIMITED']));
    // and through the balancer the same identity is still refused
    expect((await post(byName('balancer').url, '{ __typename }', {}, token)).status).toBe(429);
  });

  it('delivers a mutation made through replica A to a subscriber of replica B', async () => {
    const worker = await signDevToken({ subject: `layout-worker-${randomUUID()}`, roles: ['grid-worker'], communities: [community] });
    const s: { current?: Subscriber } = {};
    try {
      s.current = subscribe(byName('gateway-2').url, `subscription ($prefix: AddressCode!) { eventChanged(addressPrefix: $prefix) { change status event { id kind description address { code } } } }`, { prefix: community }, worker);
      // live once a row committed with plain SQL arrives (the stream has no "connected" message)
      for (let i = 0; i < 60 && s.current.results.length === 0; i++) {
        const id = `test-ev-layout-${Date.now()}-${i}`;
        createdEvents.push(id);
        await sql.query(`INSERT INTO events.event (id, kind, source, severity, status, reported_at, description, address_code) VALUES ($1, 'SANITATION', 'HOTLINE_12345', 'LOW', 'REPORTED', now(), 'probe', $2)`, [id, freshBuildingCode(community)]);
        await s.current.received(1, 500).catch(() => {});
      }
      expect(s.current.results.length, 'the subscription on replica B never went live').toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 300));
      s.current.results.length = 0;

      const building = freshBuildingCode(community);
      const reported = await post(byName('gateway-1').url, `mutation ($input: EventReportInput!) { eventReport(input: $input) { event { id } userErrors { code message } } }`, {
        input: { kind: 'FIRE_HAZARD', source: 'GRID_PATROL', severity: 'HIGH', description: '经A报告，B订阅', address: { code: building } },
      }, worker);
      expect(reported.body.errors, JSON.stringify(reported.body.errors)).toBeUndefined();
      expect(reported.body.data.eventReport.userErrors).toEqual([]);
      const id = reported.body.data.eventReport.event.id as string;
      createdEvents.push(id);
      const [got] = await s.current.received(1, 15_000);
      expect(got!.data.eventChanged).toEqual({ change: 'CREATED', status: 'REPORTED', event: { id, kind: 'FIRE_HAZARD', description: '经A报告，B订阅', address: { code: building } } });
    } finally {
      s.current?.close();
    }
  });

  it('keeps serving when one replica is killed', async () => {
    const token = await signDevToken({ subject: `layout-survivor-${randomUUID()}`, scopes: ['address:read'] });
    const query = `{ address(code: "${SHOWCASE.communityCode}") { code name level } }`;
    const before = await post(byName('balancer').url, query, {}, token);
    expect(before.status).toBe(200);
    const a = byName('gateway-1');
    process.kill(a.pid, 'SIGKILL');
    await layout.waitFor(/"process":"gateway-1"[^\n]*"msg":"layout process exited"/, 30_000);
    expect(isProcessAlive(a.pid)).toBe(false);
    await expect(fetch(a.url, { method: 'POST' })).rejects.toThrow();
    // the other replica, directly and through the balancer (which no longer sends to the dead one)
    const direct = await post(byName('gateway-2').url, query, {}, token);
    expect(direct.status).toBe(200);
    expect(direct.body).toEqual(before.body);
    for (let i = 0; i < 4; i++) {
      const viaBalancer = await post(byName('balancer').url, query, {}, token);
      expect(viaBalancer.status).toBe(200);
      expect(viaBalancer.body).toEqual(before.body);
    }
    // the rest of the layout is untouched
    for (const p of processes.filter((x) => x.name !== 'gateway-1')) expect(isProcessAlive(p.pid), p.name).toBe(true);
  });

  it('stops every process it started on SIGTERM', async () => {
    layout.process.kill('SIGTERM');
    expect(await layout.exited).toBe(0);
    for (const p of processes) expect(isProcessAlive(p.pid), p.name).toBe(false);
  }, 60_000);
});
