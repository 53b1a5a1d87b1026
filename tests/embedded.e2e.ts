/**
 * The embedded database under the way people really run it, with real child processes on a
 * PGlite folder of their own (whatever DATABASE_URL the suite runs with): a second process while
 * `npm start` holds the folder, Ctrl-C and SIGTERM, a first-run seed killed midway, a stale lock,
 * and a port that is already taken.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import pg from 'pg';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPHS, type SubgraphName } from '../lib/config.ts';
import { openDatabase, pgliteLockFile, query, type Database } from '../lib/db.ts';
import { TABLES } from '../seeds/generate.ts';
import { SHOWCASE } from '../seeds/showcase.ts';
import { DEPARTMENT_FORMATS } from '../importer/formats.ts';
import { budgetedHeapLimitMb, runChild, startChild, startScript, type Child } from './support/process.ts';

const base = mkdtempSync(path.join(os.tmpdir(), 'embedded-e2e-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** The environment of `npm start` on its own folder, on free ports. */
const startEnv = (dir: string, extra: Record<string, string> = {}) => ({
  PGLITE_DIR: dir, SEED: 'small', PORT: '0', SUBGRAPH_PORT_BASE: '0', HOST: '127.0.0.1',
  DEV_JWT_KEY_FILE: path.join(base, 'dev-jwt-key.json'), ...extra,
});

const start = (dir: string, extra: Record<string, string> = {}) => startScript('start', [], startEnv(dir, extra));

async function ready(child: Child): Promise<string> {
  await child.waitFor('Gateway ready at');
  return /Gateway ready at (\S+)/.exec(child.stdout())![1];
}

/** The showcase room's name through the gateway, anonymously (the registry is public). */
async function roomName(url: string): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ address(code: "${SHOWCASE.roomCode}") { fullName } }` }),
  });
  return ((await res.json()) as { data?: { address?: { fullName?: string } } }).data?.address?.fullName;
}

/** Row counts per seeded table, read in this process once nobody else holds the folder. */
async function countRows(dir: string): Promise<Record<string, number>> {
  const databases = Object.fromEntries(SUBGRAPHS.map((s) => [s, openDatabase(s, { url: null, pgliteDir: dir })])) as Record<SubgraphName, Database>;
  try {
    const counts: Record<string, number> = {};
    for (const t of TABLES) counts[t.name] = (await query<{ n: number }>(databases[t.subgraph].knex, `SELECT count(*)::int AS n FROM ${t.name}`))[0].n;
    return counts;
  } finally {
    for (const s of SUBGRAPHS) await databases[s].close();
  }
}

/** The counts `npm start` logged after loading the demo data. */
function loggedCounts(child: Child): Record<string, number> {
  const line = child.stdout().split('\n').find((l) => l.includes('"demo data loaded"'));
  return (JSON.parse(line!) as { counts: Record<string, number> }).counts;
}

/** A pid that no process has any more. */
async function deadPid(): Promise<number> {
  const child = startChild('scripts/migrate.ts', ['--help'], {});
  await child.exited;
  return child.pid;
}

let cleanCounts: Record<string, number>;

describe('one process at a time on the embedded database', () => {
  const dir = path.join(base, 'held');
  let holder: Child;
  let url: string;

  beforeAll(async () => {
    holder = start(dir);
    url = await ready(holder);
    cleanCounts = loggedCounts(holder);
  }, 180_000);

  afterAll(async () => {
    if (holder.process.exitCode === null) holder.process.kill('SIGKILL');
  });

  it('runs under the heap budget npm start gives it (lib/heap-budget.ts), and says so', () => {
    const budgeted = budgetedHeapLimitMb();
    expect(holder.stdout()).toContain(`V8 heap limit ${budgeted} MB`);
  });

  it('refuses a second npm start in one line naming the holder, and touches nothing', async () => {
    const lockBefore = readFileSync(pgliteLockFile(dir), 'utf8');
    const second = await runChild('scripts/start.ts', [], startEnv(dir));
    expect(second.code).toBe(1);
    const lines = second.stderr.trim().split('\n');
    expect(lines, second.stderr).toHaveLength(1);
    expect(lines[0]).toContain(`in use by process ${holder.pid} (node scripts/start.ts`);
    expect(lines[0]).toContain('stop it first');
    expect(second.stdout).not.toContain('Gateway ready');
    expect(readFileSync(pgliteLockFile(dir), 'utf8')).toBe(lockBefore);
    expect(await roomName(url)).toBe(SHOWCASE.roomFullName);
  }, 60_000);

  it('refuses every steward command the same way: seed, import, address match, explain, migrate, db, audit verify', async () => {
    const csv = path.join(base, 'events.csv');
    writeFileSync(csv, `${DEPARTMENT_FORMATS.events.columns.join(',')}\n`);
    const commands: [string, string[]][] = [
      ['seeds/cli.ts', ['--size', 'small']],
      ['scripts/import.ts', ['events', csv]],
      ['scripts/address.ts', ['match']],
      ['scripts/explain.ts', []],
      ['scripts/migrate.ts', []],
      ['scripts/db.ts', ['status']],
      ['scripts/audit.ts', ['verify']],
    ];
    for (const [script, args] of commands) {
      const result = await runChild(script, args, { PGLITE_DIR: dir, LOG_LEVEL: 'warn' });
      expect(result.code, script).toBe(1);
      expect(result.stderr.trim().split('\n'), `${script}: ${result.stderr}`).toHaveLength(1);
      expect(result.stderr, script).toContain(`in use by process ${holder.pid}`);
      expect(result.stdout, script).toBe('');
    }
    expect(await roomName(url)).toBe(SHOWCASE.roomFullName);
  }, 120_000);

  it('closes the database on Ctrl-C (SIGINT): exit 0, no lock left, and the data opens again', async () => {
    // one Ctrl-C under `npm start` arrives twice: from the terminal (the whole process group) and
    // forwarded by npm; it is one request to stop, not a second one to stop at once
    holder.process.kill('SIGINT');
    holder.process.kill('SIGINT');
    expect(await holder.exited).toBe(0);
    expect(existsSync(pgliteLockFile(dir))).toBe(false);
    expect(existsSync(path.join(dir, 'postmaster.pid'))).toBe(false);
    expect(await countRows(dir)).toEqual(cleanCounts);
  }, 60_000);

  it('restarts on the same data without reloading it, and closes on SIGTERM too', async () => {
    const again = start(dir);
    const againUrl = await ready(again);
    expect(again.stdout()).not.toContain('loading demo data');
    expect(again.stderr()).not.toContain('Aborted');
    expect(await roomName(againUrl)).toBe(SHOWCASE.roomFullName);
    again.process.kill('SIGTERM');
    expect(await again.exited).toBe(0);
    expect(again.stderr()).toBe('');
    expect(existsSync(pgliteLockFile(dir))).toBe(false);
    expect(await countRows(dir)).toEqual(cleanCounts);
  }, 120_000);

  it('takes over a lock left by a process that is gone, with a note', async () => {
    const pid = await deadPid();
    writeFileSync(pgliteLockFile(dir), JSON.stringify({ pid, command: 'node scripts/start.ts', startedAt: '2026-12-01T00:00:00.000Z' }));
    const result = await runChild('scripts/migrate.ts', [], { PGLITE_DIR: dir, LOG_LEVEL: 'warn' });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`note: taking over ${pgliteLockFile(dir)}, left by process ${pid}`);
    expect(existsSync(pgliteLockFile(dir))).toBe(false);
  }, 60_000);
});

describe('a first-run seed killed midway', () => {
  const dir = path.join(base, 'killed-seed');

  it('is detected on the next start, reloaded with a message, and then complete', async () => {
    const seeding = startChild('seeds/cli.ts', ['--size', 'small'], { PGLITE_DIR: dir, LOG_LEVEL: 'info' });
    // the seed logs its progress after a table's chunk is in; kill -9 it then
    await seeding.waitFor('"msg":"loading"');
    seeding.process.kill('SIGKILL');
    expect(await seeding.exited).toBe('SIGKILL');
    const partial = await countRows(dir);
    expect(Object.values(partial).some((n) => n > 0)).toBe(true);
    const refused = await runChild('seeds/cli.ts', ['--size', 'small'], { PGLITE_DIR: dir, LOG_LEVEL: 'warn' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('The last load was interrupted: its data is partial. Run again with --reset to replace them.');

    const restarted = start(dir);
    await ready(restarted);
    expect(restarted.stdout()).toContain('the demo data load was interrupted; reloading');
    restarted.process.kill('SIGTERM');
    expect(await restarted.exited).toBe(0);
    // a whole small load, nothing left of the partial one (its rows would have broken the COPY)
    const loaded = loggedCounts(restarted);
    expect(Object.keys(loaded).sort()).toEqual(TABLES.map((t) => t.name).sort());
    expect(TABLES.some((t) => partial[t.name] < loaded[t.name])).toBe(true);
    expect(await countRows(dir)).toEqual(loaded);
  }, 180_000);
});

// the same on PostgreSQL, in a scratch database next to the suite's
const serverUrl = process.env.DATABASE_URL;
describe.skipIf(!serverUrl)('a first-run seed killed midway, on PostgreSQL', () => {
  const scratch = serverUrl ? new URL(serverUrl) : null;
  const admin = serverUrl ? new URL(serverUrl) : null;
  let name = '';
  const psql = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin!.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    name = `${scratch!.pathname.slice(1)}_seedkill`;
    scratch!.pathname = `/${name}`;
    admin!.pathname = '/postgres';
    await psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await psql(`CREATE DATABASE ${name}`);
  });

  afterAll(async () => {
    if (name) await psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('is detected on the next start, reloaded with a message, and then complete', async () => {
    const url = scratch!.toString();
    // the demo size takes seconds on PostgreSQL, long enough to be killed while loading
    const seeding = startChild('seeds/cli.ts', ['--size', 'demo'], { DATABASE_URL: url, LOG_LEVEL: 'info' });
    await seeding.waitFor('"msg":"loading"');
    seeding.process.kill('SIGKILL');
    expect(await seeding.exited).toBe('SIGKILL');

    const restarted = startScript('start', [], { ...startEnv(path.join(base, 'unused')), DATABASE_URL: url });
    await ready(restarted);
    expect(restarted.stdout()).toContain('the demo data load was interrupted; reloading');
    restarted.process.kill('SIGTERM');
    expect(await restarted.exited).toBe(0);
    const databases = Object.fromEntries(SUBGRAPHS.map((s) => [s, openDatabase(s, { url, poolMax: 1 })])) as Record<SubgraphName, Database>;
    try {
      for (const t of TABLES) {
        const [{ n }] = await query<{ n: number }>(databases[t.subgraph].knex, `SELECT count(*)::int AS n FROM ${t.name}`);
        expect(n, t.name).toBe(loggedCounts(restarted)[t.name]);
      }
    } finally {
      for (const s of SUBGRAPHS) await databases[s].close();
    }
  }, 180_000);
});

describe('a port already in use', () => {
  let blocker: net.Server;
  let port: number;

  beforeAll(async () => {
    blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    port = (blocker.address() as net.AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => blocker.close(resolve));
  });

  it.each([
    ['PORT', (p: number) => ({ PORT: String(p) }), 'PORT'],
    ['SUBGRAPH_PORT_BASE', (p: number) => ({ SUBGRAPH_PORT_BASE: String(p - 1) }), 'SUBGRAPH_PORT_BASE'],
  ])('%s: one line naming the port and the variable, exit 1, database untouched', async (_name, envOf, variable) => {
    const dir = path.join(base, `port-${variable}`);
    const result = await runChild('scripts/start.ts', [], startEnv(dir, envOf(port)));
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toContain(`port ${port}`);
    expect(lines[0]).toContain(variable);
    expect(existsSync(pgliteLockFile(dir))).toBe(false);
    expect(existsSync(dir)).toBe(false);
  }, 60_000);
});
