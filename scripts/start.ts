/**
 * `npm start`: the whole system in one process. Migrates every subgraph's schema, loads the demo
 * data on first run (and again when a first run was interrupted), starts the five subgraphs and
 * the gateway, and prints where to go.
 * Without DATABASE_URL everything runs on embedded PGlite in PGLITE_DIR (default .data/pglite),
 * which one process at a time may open (lib/db.ts): a second start says who holds it and exits 1.
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

// before the database is opened or seeded: a taken port should not cost a first-run load
await checkPorts(listen).catch(refuse);

const databases = openSubgraphDatabasesOrExit();
// the audit trail's own schema (AUDIT_DATABASE_URL; on PGlite the same embedded instance)
const auditDatabase = openOrExit(() => openDatabase('audit'));
// the API keys the gateway accepts (npm run apikey), beside the audit trail
const accessDatabase = openOrExit(() => openDatabase('access'));
const where = databases.buildings.kind === 'pglite' ? `embedded PGlite in ${config.PGLITE_DIR}` : 'PostgreSQL';

let system: RunningSystem | undefined;
let stopping = false;

/** Stops in order and exits with `code`; a signal while stopping exits at once. */
async function shutdown(code: number, reason: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ reason }, 'shutting down');
  try {
    // the gateway first (no new requests), then the subgraphs (drained), then the audit writer
    await system?.stop();
    for (const db of Object.values(databases)) await db.close();
    await auditDatabase.close();
    await accessDatabase.close();
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

try {
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
  if (stopping) await new Promise(() => {}); // a signal came during the load: shutdown() exits
  system = await startSystem({
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
  });
} catch (error) {
  if (stopping) await new Promise(() => {});
  const taken = (error as NodeJS.ErrnoException | null)?.code === 'EADDRINUSE';
  const message = error instanceof PortInUseError
    ? `cannot start: ${error.message}`
    : taken ? `cannot start: a port was taken while starting (${(error as Error).message}); free it or change PORT / SUBGRAPH_PORT_BASE` : null;
  if (!message) logger.error({ err: error }, 'start failed');
  else process.stderr.write(`${message}\n`);
  await shutdown(1, 'start failed');
}

const url = `http://localhost:${system!.gateway.port}/graphql`;
// development only: tokens for the demo roles, signed with the dev key (never in production)
const tokens = production ? {} : await demoTokens();
const tokenLines = Object.entries(tokens).map(([role, token]) => `  ${role}:\n    ${token}`);
process.stdout.write(
  [
    '',
    `Gateway ready at ${url}`,
    `  database: ${where}; V8 heap limit ${heapLimitMb()} MB`,
    `  subgraphs: ${SUBGRAPHS.map((s) => `${s} ${system!.subgraphs[s].url}`).join(', ')}`,
    `  health: http://localhost:${system!.gateway.port}/healthz  readiness: /readyz  metrics: /metrics`,
    `  BI bridge: http://localhost:${system!.gateway.port}/rest/ (CSV, Excel, JSON; docs /rest/docs/)  OData: http://localhost:${system!.gateway.port}/odata/`,
    `  hazard map: http://localhost:${system!.gateway.port}/map/ ${production ? '(sign in with a token)' : '(pick a demo token in its header)'}`,
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
