/**
 * `npm run layout`: the production layout on one machine. Every subgraph is its own process
 * (`scripts/subgraph.ts <name>`, as `npm run subgraph` runs it), two or more gateway replicas are
 * their own processes (`gateway/index.ts`, as `npm run gateway` runs it, with the same heap budget),
 * and a round-robin TCP balancer on PORT spreads client connections over the replicas that are up.
 * State the replicas share lives outside them: the rate limit in Redis (REDIS_URL), subscriptions'
 * changes in PostgreSQL (a change log per schema, lib/change-feed.ts), idempotency keys and API keys in
 * PostgreSQL, cursors sealed with one secret (CURSOR_SECRET, else derived from UPSTREAM_HMAC_SECRET).
 *
 * Order: `npm run migrate` (every schema, once), then the subgraphs (each waits for its database),
 * then the replicas, then the balancer; one `layout ready` line lists every process with its pid
 * and URL. A process that exits is logged (`layout process exited`) and not restarted: the
 * balancer stops sending to a dead replica and the others keep serving (a process manager that
 * restarts is the production deployment's job; README "Production layout").
 * SIGINT/SIGTERM: the balancer closes, the replicas drain and stop, then the subgraphs; exit 0.
 * Exit codes: 0 stopped by a signal, 1 failed to start (configuration, a process that did not come up), 2 bad arguments.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { databaseUrlFor, env, SUBGRAPHS, subgraphPort } from '../lib/config.ts';
import { HEAP_BUDGET_FLAG } from '../lib/heap-budget.ts';
import { logger } from '../lib/logger.ts';
import { parseCommandLine } from '../lib/cli.ts';

const USAGE = `usage: npm run layout -- [--replicas N] [--replica-port-base P]
  Runs every subgraph and N gateway replicas as separate processes, behind a round-robin balancer
  on HOST:PORT. Needs PostgreSQL (DATABASE_URL or every <SUBGRAPH>_DATABASE_URL and AUDIT_DATABASE_URL)
  and, when the rate limit is on, Redis (REDIS_URL) for the count the replicas share.
  --replicas N            gateway replicas (default 2, at least 1)
  --replica-port-base P   first replica port (default 4010); replica i listens on P+i at 127.0.0.1
  -h, --help              this text
Exit codes: 0 stopped by a signal, 1 failed to start, 2 bad arguments.
`;

const parsed = parseCommandLine({
    options: {
      replicas: { type: 'string', default: '2' },
      'replica-port-base': { type: 'string', default: '4010' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  }, USAGE);
const replicas = Number(parsed.values.replicas);
const replicaPortBase = Number(parsed.values['replica-port-base']);
if (!Number.isInteger(replicas) || replicas < 1 || replicas > 16) {
  process.stderr.write(`--replicas must be a whole number from 1 to 16, not ${JSON.stringify(parsed.values.replicas)}\n${USAGE}`);
  process.exit(2);
}
if (!Number.isInteger(replicaPortBase) || replicaPortBase < 1 || replicaPortBase + replicas - 1 > 65535) {
  process.stderr.write(`--replica-port-base must be a port from 1 to ${65536 - replicas}, not ${JSON.stringify(parsed.values['replica-port-base'])}\n${USAGE}`);
  process.exit(2);
}

const config = env();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// --- configuration a multi-process layout cannot run without ---------------------------------

const problems: string[] = [];
const embedded = [...SUBGRAPHS, 'audit' as const].filter((s) => !databaseUrlFor(s));
if (embedded.length > 0) {
  problems.push(`${embedded.join(', ')} would use embedded PGlite, which one process at a time may open: set DATABASE_URL (or each <NAME>_DATABASE_URL and AUDIT_DATABASE_URL) to PostgreSQL`);
}
if (config.RATE_LIMIT_PER_MINUTE > 0 && !config.REDIS_URL && replicas > 1) {
  problems.push(`REDIS_URL is not set: ${replicas} replicas counting in their own memory would each allow RATE_LIMIT_PER_MINUTE (${config.RATE_LIMIT_PER_MINUTE}); set REDIS_URL (e.g. redis://127.0.0.1:6379), or RATE_LIMIT_PER_MINUTE=0 to run without a limit`);
}
const replicaPorts = Array.from({ length: replicas }, (_, i) => replicaPortBase + i);
const subgraphPorts = SUBGRAPHS.map((s) => subgraphPort(s));
const clash = replicaPorts.find((p) => p === config.PORT || subgraphPorts.includes(p));
if (clash !== undefined) problems.push(`replica port ${clash} is also the balancer's (PORT) or a subgraph's (SUBGRAPH_PORT_BASE..+5): choose another --replica-port-base`);
if (problems.length > 0) {
  process.stderr.write(`cannot start the layout:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(1);
}
// every process must sign and verify with the same secret (and seal cursors with one key): one per run when unset
const upstreamSecret = config.UPSTREAM_HMAC_SECRET ?? randomBytes(32).toString('base64url');

// --- processes --------------------------------------------------------------------------------

type Managed = { name: string; kind: 'migrate' | 'subgraph' | 'gateway'; url?: string; child: ChildProcess; exited: Promise<number | string> };

const managed: Managed[] = [];
let stopping = false;

/**
 * Starts `script` with `extraEnv`, copying its JSON log lines to this process's stdout and its
 * stderr to ours; `ready` resolves at the first line whose msg is `readyMsg`, rejects if it exits first.
 */
function run(name: string, kind: Managed['kind'], script: string, args: string[], extraEnv: Record<string, string>, nodeFlags: string[] = [], readyMsg?: string): { managed: Managed; ready: Promise<void> } {
  const child = spawn(process.execPath, [...nodeFlags, path.join(root, script), ...args], {
    cwd: root,
    env: { ...process.env, UPSTREAM_HMAC_SECRET: upstreamSecret, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | string>((resolve) => child.on('close', (code, signal) => resolve(code ?? signal ?? -1)));
  const m: Managed = { name, kind, child, exited };
  managed.push(m);
  let resolveReady: () => void = () => {};
  let rejectReady: (e: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  let isReady = false;
  let rest = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (isReady || !readyMsg) return;
    rest += chunk.toString('utf8');
    const lines = rest.split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      try {
        if ((JSON.parse(line) as { msg?: string }).msg === readyMsg) {
          isReady = true;
          resolveReady();
          return;
        }
      } catch {
        // not a log line
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  void exited.then((code) => {
    if (!isReady && readyMsg) rejectReady(new Error(`${name} exited (${code}) before it was ready`));
    if (!stopping && kind !== 'migrate') logger.error({ component: 'layout', process: name, processPid: child.pid, exit: code }, 'layout process exited');
    if (kind === 'gateway') balancer.drop(m);
  });
  if (!readyMsg) resolveReady();
  return { managed: m, ready };
}

// --- the balancer: round robin over the replicas that are up -----------------------------------

const balancer = (() => {
  const up: Managed[] = [];
  let next = 0;
  const server = net.createServer((client) => {
    client.pause();
    const attempt = (tries: number) => {
      if (up.length === 0 || tries >= up.length) {
        client.destroy();
        return;
      }
      const target = up[next++ % up.length]!;
      const upstream = net.connect({ host: '127.0.0.1', port: Number(new URL(target.url!).port) });
      upstream.once('connect', () => {
        upstream.removeAllListeners('error');
        upstream.setNoDelay(true);
        client.pipe(upstream).pipe(client);
        client.resume();
        const close = () => {
          client.destroy();
          upstream.destroy();
        };
        client.on('error', close);
        upstream.on('error', close);
        client.on('close', close);
        upstream.on('close', close);
      });
      // a replica that just died refuses: the connection goes to the next one
      upstream.once('error', () => attempt(tries + 1));
    };
    attempt(0);
  });
  return {
    server,
    add: (m: Managed) => up.push(m),
    drop: (m: Managed) => {
      const i = up.indexOf(m);
      if (i >= 0) up.splice(i, 1);
    },
  };
})();

async function stopAll(code: number): Promise<never> {
  if (stopping) process.exit(1);
  stopping = true;
  logger.info({ component: 'layout' }, 'layout stopping');
  await new Promise<void>((resolve) => balancer.server.close(() => resolve()));
  // replicas first (they drain their requests), then the subgraphs they call
  for (const kind of ['gateway', 'subgraph', 'migrate'] as const) {
    const group = managed.filter((m) => m.kind === kind && m.child.exitCode === null && m.child.signalCode === null);
    for (const m of group) m.child.kill('SIGTERM');
    await Promise.all(group.map((m) => m.exited));
  }
  process.exit(code);
}
process.once('SIGINT', () => void stopAll(0));
process.once('SIGTERM', () => void stopAll(0));

async function start(): Promise<void> {
  const migrate = run('migrate', 'migrate', 'scripts/migrate.ts', [], {});
  const migrated = await migrate.managed.exited;
  if (migrated !== 0) throw new Error(`npm run migrate failed (${migrated})`);

  const subgraphs = SUBGRAPHS.map((s) => {
    const started = run(s, 'subgraph', 'scripts/subgraph.ts', [s], {}, [], 'subgraph ready');
    started.managed.url = `http://127.0.0.1:${subgraphPort(s)}/graphql`;
    return started;
  });
  await Promise.all(subgraphs.map((s) => s.ready));

  const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((s) => [`${s.toUpperCase()}_URL`, `http://127.0.0.1:${subgraphPort(s)}/graphql`]));
  const gateways = replicaPorts.map((port, i) => {
    const started = run(`gateway-${i + 1}`, 'gateway', 'gateway/index.ts', [], { ...subgraphUrls, PORT: String(port), HOST: '127.0.0.1' }, [HEAP_BUDGET_FLAG], 'gateway ready');
    started.managed.url = `http://127.0.0.1:${port}/graphql`;
    return started;
  });
  await Promise.all(gateways.map((g) => g.ready));
  for (const g of gateways) balancer.add(g.managed);

  await new Promise<void>((resolve, reject) => {
    balancer.server.once('error', reject);
    balancer.server.listen(config.PORT, config.HOST, () => {
      balancer.server.off('error', reject);
      resolve();
    });
  });
  const port = (balancer.server.address() as net.AddressInfo).port;
  logger.info(
    {
      component: 'layout',
      url: `http://localhost:${port}/graphql`,
      rateLimitStore: config.REDIS_URL ? 'redis' : 'memory',
      processes: [{ name: 'balancer', pid: process.pid, url: `http://${config.HOST}:${port}/graphql` }, ...managed.filter((m) => m.kind !== 'migrate').map((m) => ({ name: m.name, pid: m.child.pid, url: m.url }))],
    },
    'layout ready',
  );
}

await start().catch(async (err: Error) => {
  process.stderr.write(`cannot start the layout: ${err.message}\n`);
  await stopAll(1);
});
