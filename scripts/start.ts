/**
 * `npm start`: the whole system in one process. Migrates every subgraph's schema, loads the demo
 * data on first run (and again when a first run was interrupted), starts the five subgraphs and
 * the gateway, and prints where to go.
 * Without DATABASE_URL everything runs on embedded PGlite in PGLITE_DIR (default .data/pglite),
 * which one process at a time may open (lib/db.ts): a second start says who holds it and exits 1.
 *
 * With WORKERS=N (2 or more; PostgreSQL only) the primary process migrates and loads the demo data,
 * then forks N workers that each run the whole system on the same port (lib/workers.ts): one per
 * core. The rate limit is then counted in Redis (REDIS_URL, required while the limit is on); with
 * one process it is counted there too when REDIS_URL is set, else in memory.
 *
 * SIGINT (Ctrl-C) and SIGTERM shut down in order: stop accepting, let the subgraphs drain their
 * requests, flush the audit writer, close the databases (which releases the lock), exit 0. A
 * second signal during that exits at once with 1.
 * Exit codes: 0 stopped by a signal, 1 failed (database in use, port in use, bad configuration).
 */
import { env, SUBGRAPHS } from '../lib/config.ts';
import { openOrExit, openSubgraphDatabasesOrExit } from '../lib/cli.ts';
import { openDatabase } from '../lib/db.ts';
import { logger } from '../lib/logger.ts';
import { migrateSubgraph } from '../lib/migrate.ts';
import { migrateAudit } from '../audit/migrate.ts';
import { migrateAccess } from '../access/migrate.ts';
import { checkPorts, PortInUseError, startSystem, type RunningSystem } from '../lib/system.ts';
import { demoTokens, signDevToken } from '../lib/auth/dev-keys.ts';
import { EXAMPLE_QUERY } from '../gateway/example-query.ts';
import { resetData, seed, seedState } from '../seeds/load.ts';
import { heapLimitMb } from '../lib/heap-budget.ts';
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { connectRateLimitStore, type RateLimitStore } from '../gateway/limits.ts';
import { reportReady, serveWorkerMetrics, startWorkers, type RunningWorkers } from '../lib/workers.ts';

const config = env();
const production = config.NODE_ENV === 'production';
const listen = { port: config.PORT, host: config.HOST, subgraphPortBase: config.SUBGRAPH_PORT_BASE };

/** Ends the process with one line on stderr for the failures a user can fix. */
function refuse(error: unknown): never {
  if (error instanceof PortInUseError) {
    process.stderr.write(`cannot start: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

const inWorker = cluster.isWorker;
const primaryOfWorkers = !inWorker && config.WORKERS > 1;
if (inWorker) serveWorkerMetrics();

// before the database is opened or seeded: a taken port should not cost a first-run load (a
// worker shares the primary's listening socket)
if (!inWorker) await checkPorts(listen).catch(refuse);

const databases = openSubgraphDatabasesOrExit();
// the audit trail's own schema (AUDIT_DATABASE_URL; on PGlite the same embedded instance)
const auditDatabase = openOrExit(() => openDatabase('audit'));
// the API keys the gateway accepts (npm run apikey), beside the audit trail
const accessDatabase = openOrExit(() => openDatabase('access'));
const where = databases.buildings.kind === 'pglite' ? `embedded PGlite in ${config.PGLITE_DIR}` : 'PostgreSQL';
if (primaryOfWorkers) {
  const problems = [
    ...(databases.buildings.kind === 'pglite' ? [`WORKERS=${config.WORKERS} needs PostgreSQL (DATABASE_URL): one process at a time can open the embedded PGlite`] : []),
    ...(config.RATE_LIMIT_PER_MINUTE > 0 && !config.REDIS_URL ? [`WORKERS=${config.WORKERS} needs REDIS_URL (e.g. redis://127.0.0.1:6379) for the rate limit the workers share, or RATE_LIMIT_PER_MINUTE=0 to run without a limit`] : []),
  ];
  if (problems.length) {
    process.stderr.write(`cannot start: ${problems.join('; ')}\n`);
    for (const db of [...Object.values(databases), auditDatabase, accessDatabase]) await db.close();
    process.exit(1);
  }
}

let system: RunningSystem | undefined;
let workers: RunningWorkers | undefined;
let rateLimitStore: RateLimitStore | undefined;
/** The primary of several workers closes its databases once the workers take over. */
let databasesClosed = false;

let stopping = false;

/** Stops in order and exits with `code`; a signal while stopping exits at once. */
async function shutdown(code: number, reason: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ reason }, 'shutting down');
  try {
    // the gateway first (no new requests), then the subgraphs (drained), then the audit writer
    await workers?.stop();
    await system?.stop();
    if (rateLimitStore?.kind === 'redis') await rateLimitStore.client.close();
    if (!databasesClosed) for (const db of [...Object.values(databases), auditDatabase, accessDatabase]) await db.close();
  } catch (error) {
    logger.error({ err: error }, 'shutdown failed');
    code = 1;
  }
  process.exit(code);
}

/**
 * One Ctrl-C in a terminal arrives more than once: the terminal signals the whole process group
 * (npm, its shell, this process), and npm forwards what it got to its child as well. Signals within
 * REPEAT_MS of the first are that same request; a signal after that, while still stopping, is a
 * user asking to stop now.
 */
const REPEAT_MS = 2_000;
let firstSignalAt = 0;

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) {
      if (Date.now() - firstSignalAt < REPEAT_MS) return;
      process.stderr.write(`${signal} again: exiting without closing the database\n`);
      process.exit(1);
    }
    firstSignalAt = Date.now();
    void shutdown(0, signal);
  });
}

/** Migrations and the demo data, once: in the one process, or in the primary before it forks. */
async function prepare(): Promise<void> {
  for (const s of SUBGRAPHS) await migrateSubgraph(databases[s]);
  await migrateAudit(auditDatabase);
  await migrateAccess(accessDatabase);
  const state = await seedState(databases);
  if (config.SEED === 'none' && state === 'incomplete') {
    logger.warn({ database: where }, 'the demo data load was interrupted and SEED=none: serving partial data (unset SEED to reload it)');
  }
  if (config.SEED !== 'none') {
    if (state === 'incomplete') {
      logger.warn({ size: config.SEED, database: where }, 'the demo data load was interrupted; reloading');
      await resetData(databases);
    }
    if (state !== 'complete') {
      if (state === 'empty') logger.info({ size: config.SEED, database: where }, 'first run: loading demo data (this takes a little while once)');
      const started = Date.now();
      const counts = await seed(databases, { size: config.SEED });
      logger.info({ counts, seconds: (Date.now() - started) / 1000 }, 'demo data loaded');
    }
  }
}

/** The gateway and the subgraphs in this process (the one process, or a worker). */
async function serve(): Promise<RunningSystem> {
  rateLimitStore = await connectRateLimitStore(config).catch((err: Error) => {
    throw new StartRefused(`${err.message}. REDIS_URL is set, so the rate limit is counted there; start Redis, or unset REDIS_URL to count in this process's memory${config.WORKERS > 1 ? ' (WORKERS=1 only)' : ''}`);
  });
  return startSystem({
    rateLimitStore,
    databases,
    auditDatabase,
    accessDatabase,
    ...listen,
    subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
    production,
    // development only: GraphiQL opens with a demo admin token (never in production)
    graphiqlToken: production ? undefined : () => signDevToken({ subject: 'demo-admin', roles: ['admin'] }),
    // development only: the hazard map's token picker offers the demo roles
    mapDemoTokens: production ? undefined : demoTokens,
    // with several workers the early-warning schedule runs in worker 1 (lib/workers.ts)
    ...(inWorker && process.env.ADDRESS_GRAPH_WORKER !== '1' ? { monitorIntervalSeconds: 0 } : {}),
  });
}

/** A start that cannot go on, with the line that says why. */
class StartRefused extends Error {}

let port = 0;
let subgraphUrls: string[] = [];
try {
  if (!inWorker) await prepare();
  if (stopping) await new Promise(() => {}); // a signal came during the load: shutdown() exits
  if (primaryOfWorkers) {
    // the databases were the primary's for the migrations and the load; the workers open their own
    for (const db of [...Object.values(databases), auditDatabase, accessDatabase]) await db.close();
    databasesClosed = true;
    const upstreamSecret = config.UPSTREAM_HMAC_SECRET ?? randomBytes(32).toString('base64url');
    workers = startWorkers({ count: config.WORKERS, env: () => ({ UPSTREAM_HMAC_SECRET: upstreamSecret }) });
    void workers.failed.then((code) => shutdown(code, 'workers failed'));
    const ready = await workers.ready;
    port = ready.port;
    subgraphUrls = ready.details[0].subgraphs as string[];
  } else {
    system = await serve();
    port = system.gateway.port;
    subgraphUrls = SUBGRAPHS.map((s) => `${s} ${system!.subgraphs[s].url}`);
    if (inWorker) reportReady(port, { subgraphs: subgraphUrls });
  }
} catch (error) {
  if (stopping) await new Promise(() => {});
  const taken = (error as NodeJS.ErrnoException | null)?.code === 'EADDRINUSE';
  const message = error instanceof StartRefused ? `cannot start: ${error.message}` : error instanceof PortInUseError
    ? `cannot start: ${error.message}`
    : taken ? `cannot start: a port was taken while starting (${(error as Error).message}); free it or change PORT / SUBGRAPH_PORT_BASE` : null;
  if (!message) logger.error({ err: error }, 'start failed');
  else process.stderr.write(`${message}\n`);
  await shutdown(1, 'start failed');
}

// a worker serves quietly: the primary prints where to go once every worker is ready
if (inWorker) await new Promise(() => {});
const url = `http://localhost:${port}/graphql`;
// development only: tokens for the demo roles, signed with the dev key (never in production)
const tokens = production ? {} : await demoTokens();
const tokenLines = Object.entries(tokens).map(([role, token]) => `  ${role}:\n    ${token}`);
process.stdout.write(
  [
    '',
    `Gateway ready at ${url}`,
    `  database: ${where}; V8 heap limit ${heapLimitMb()} MB${primaryOfWorkers ? ` per worker; ${config.WORKERS} workers (pids ${workers!.pids().join(', ')}), rate limit in Redis` : ''}`,
    `  subgraphs: ${subgraphUrls.join(', ')}${primaryOfWorkers ? ' (worker 1)' : ''}`,
    `  health: http://localhost:${port}/healthz  readiness: /readyz  metrics: /metrics`,
    `  BI bridge: http://localhost:${port}/rest/ (CSV, Excel, JSON; docs /rest/docs/)  OData: http://localhost:${port}/odata/`,
    `  hazard map: http://localhost:${port}/map/ ${production ? '(sign in with a token)' : '(pick a demo token in its header)'}`,
    '',
    production
      ? 'Send a token from your identity provider as "authorization: Bearer <token>".'
      : 'Open the URL in a browser for GraphiQL (it opens with the demo admin token in its Headers tab), or try:',
    '',
    EXAMPLE_QUERY,
    `curl -s ${url} -H 'content-type: application/json' \\`,
    ...(production ? [] : [`  -H "authorization: Bearer $(npm run -s token -- --role admin)" \\`]),
    `  -d '{"query":"{ address(code: \\"4403040040280100028001203\\") { fullName residentCount eventStats { open } } }"}'`,
    '',
    ...(tokenLines.length
      ? ['Demo tokens (send as "authorization: Bearer <token>"; npm run token -- --help makes others):', ...tokenLines, '']
      : []),
    'Ctrl-C stops the system and closes the database.',
    '',
  ].join('\n'),
);
