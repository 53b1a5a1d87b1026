/**
 * The gateway and a subgraph as their own processes (`npm run gateway`, `npm run subgraph`), as
 * production runs them: what they log for refused tokens, where a subgraph listens, and what a
 * gateway or `npm run layout` configured for a shared Redis says when it cannot have one (the
 * layout itself runs in tests/layout.e2e.ts).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { signDevClaims, signDevToken } from '../lib/auth/dev-keys.ts';
import { runChild, startChild } from './support/process.ts';

const SECRET = 'a-test-secret-of-at-least-32-characters';

type Child = { process: ChildProcess; lines: () => Record<string, any>[]; ready: Promise<Record<string, any>>; stop(): Promise<void> };

/**
 * Starts `script` (tests/support/process.ts, with the suite's DATABASE_URL when it has one) with
 * `env` added; `ready` resolves with the first JSON log line whose msg is `readyMsg`.
 */
function start(script: string, args: string[], env: Record<string, string>, readyMsg: string): Child {
  const child = startChild(script, args, process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL, ...env } : env);
  const lines = () => child.stdout().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, any>);
  return {
    process: child.process,
    lines,
    ready: child.waitFor(`"msg":"${readyMsg}"`).then(() => lines().find((l) => l.msg === readyMsg)!),
    stop: async () => {
      if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGTERM');
      await child.exited;
    },
  };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Whether a TCP connection to host:port is accepted. */
function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('npm run gateway', () => {
  it('logs each refused token as one line without a stack, below warn', async () => {
    const gateway = start('gateway/index.ts', [], { UPSTREAM_HMAC_SECRET: SECRET, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'debug', NODE_ENV: 'development' }, 'gateway ready');
    try {
      const { url } = await gateway.ready;
      const good = await signDevToken({ subject: 'x', scopes: ['address:read'] });
      const [header, , signature] = good.split('.');
      const tampered = `${header}.${Buffer.from(JSON.stringify({ sub: 'x', roles: ['admin'], exp: 4102444800 })).toString('base64url')}.${signature}`;
      const expired = await signDevToken({ subject: 'x', issuedAt: Math.floor(Date.now() / 1000) - 7200, expiresIn: '1h' });
      const eternal = await signDevClaims({ sub: 'x', iss: 'address-graph-dev', aud: 'address-graph' });
      const refused = [tampered, expired, eternal, 'not-a-jwt'];
      const before = gateway.lines().length;
      for (const token of refused) {
        const res = await fetch(url.replace('localhost', '127.0.0.1'), {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: '{ __typename }' }),
        });
        expect([400, 401]).toContain(res.status);
        expect(((await res.json()) as any).errors[0].extensions.code).toBeTruthy();
      }
      await gateway.stop();
      const logged = gateway.lines().slice(before);
      // one line per refused token, at debug (20), naming the code, with no stack anywhere
      expect(logged).toHaveLength(refused.length);
      for (const line of logged) {
        expect(line.level).toBe(20);
        expect(line.code).toMatch(/^(INVALID_TOKEN|TOKEN_EXPIRED|TOKEN_EXPIRY_REQUIRED)$/);
        expect(JSON.stringify(line)).not.toMatch(/stack|\n\s+at /);
      }
    } finally {
      await gateway.stop();
    }
  });
});

/**
 * The local addresses sockets listen on at `port`, from the kernel's tables (/proc/net/tcp and
 * tcp6), as dotted IPv4 or '::'-style text: reading them sends nothing over any network.
 */
function listeningAddresses(port: number): string[] {
  const found = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== '0A') continue; // 0A: LISTEN
      const [hex, portHex] = local.split(':');
      if (parseInt(portHex, 16) !== port) continue;
      if (hex.length === 8) found.add(hex.match(/../g)!.reverse().map((b) => parseInt(b, 16)).join('.'));
      else found.add(/^0+$/.test(hex) ? '::' : hex === '00000000000000000000000001000000' ? '::1' : `tcp6:${hex}`);
    }
  }
  return [...found].sort();
}

describe('npm run subgraph', () => {
  it('binds to 127.0.0.1 unless SUBGRAPH_HOST says otherwise, whatever HOST is', async () => {
    const port = await freePort();
    const pgliteDir = process.env.DATABASE_URL ? null : mkdtempSync(path.join(os.tmpdir(), 'standalone-subgraph-'));
    const env: Record<string, string> = { UPSTREAM_HMAC_SECRET: SECRET, SUBGRAPH_PORT_BASE: String(port), HOST: '0.0.0.0', LOG_LEVEL: 'info' };
    if (pgliteDir) env.PGLITE_DIR = pgliteDir;
    const subgraph = start('scripts/subgraph.ts', ['buildings'], env, 'subgraph ready');
    try {
      await subgraph.ready;
      expect(await connects('127.0.0.1', port)).toBe(true);
      // what the kernel says the port listens on (no traffic to any other address): loopback only
      expect(listeningAddresses(port)).toEqual(['127.0.0.1']);
    } finally {
      await subgraph.stop();
      if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('a gateway or layout configured for shared state it cannot have', () => {
  it('npm run gateway refuses to start when REDIS_URL does not answer, saying what to do', async () => {
    const port = await freePort(); // nothing listens there
    const r = await runChild('gateway/index.ts', [], { UPSTREAM_HMAC_SECRET: SECRET, PORT: '0', HOST: '127.0.0.1', REDIS_URL: `redis://:pw@127.0.0.1:${port}` });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`cannot start the gateway: cannot reach Redis at redis://:***@127.0.0.1:${port}: ECONNREFUSED`);
    expect(r.stderr).toContain('unset REDIS_URL to count in this process');
    expect(r.stderr).not.toContain('pw@');
    expect(r.stdout).not.toContain('gateway ready');
  }, 60_000);

  it('npm run layout refuses embedded PGlite and replicas without Redis, listing both', async () => {
    const r = await runChild('scripts/layout.ts', [], { RATE_LIMIT_PER_MINUTE: '600' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot start the layout:');
    expect(r.stderr).toContain('would use embedded PGlite, which one process at a time may open');
    // (the child inherits this shell's environment: a REDIS_URL set there answers the second point)
    if (!process.env.REDIS_URL) expect(r.stderr).toContain('REDIS_URL is not set: 2 replicas counting in their own memory would each allow RATE_LIMIT_PER_MINUTE (600)');
  }, 60_000);

  it('npm run layout refuses a bad replica count (exit 2)', async () => {
    const r = await runChild('scripts/layout.ts', ['--replicas', 'two'], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--replicas must be a whole number from 1 to 16, not "two"');
  }, 60_000);
});
