/**
 * `npm start`: the whole system in one process. Migrates every subgraph's schema, loads the demo
 * data on first run, starts the five subgraphs and the gateway, and prints where to go.
 * Without DATABASE_URL everything runs on embedded PGlite in PGLITE_DIR (default .data/pglite).
 */
import { env, SUBGRAPHS, type SubgraphName } from '../lib/config.ts';
import { openDatabase, type Database } from '../lib/db.ts';
import { logger } from '../lib/logger.ts';
import { migrateSubgraph } from '../lib/migrate.ts';
import { migrateAudit } from '../audit/migrate.ts';
import { startSystem } from '../lib/system.ts';
import { demoTokens } from '../lib/auth/dev-keys.ts';
import { EXAMPLE_QUERY } from '../gateway/example-query.ts';
import { isSeeded, seed } from '../seeds/load.ts';

const config = env();
const databases = Object.fromEntries(SUBGRAPHS.map((s) => [s, openDatabase(s)])) as Record<SubgraphName, Database>;
const auditDatabase = openDatabase('audit');
const where = databases.buildings.kind === 'pglite' ? `embedded PGlite in ${config.PGLITE_DIR}` : 'PostgreSQL';

for (const s of SUBGRAPHS) await migrateSubgraph(databases[s]);
await migrateAudit(auditDatabase);
if (config.SEED !== 'none' && !(await isSeeded(databases))) {
  logger.info({ size: config.SEED, database: where }, 'first run: loading demo data (this takes a little while once)');
  const started = Date.now();
  const counts = await seed(databases, { size: config.SEED });
  logger.info({ counts, seconds: (Date.now() - started) / 1000 }, 'demo data loaded');
}

const system = await startSystem({
  databases,
  auditDatabase,
  port: config.PORT,
  host: config.HOST,
  subgraphPortBase: config.SUBGRAPH_PORT_BASE,
  subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
  production: config.NODE_ENV === 'production',
});

const url = `http://localhost:${system.gateway.port}/graphql`;
// development only: tokens for the demo roles, signed with the dev key (never in production)
const tokens = config.NODE_ENV === 'production' ? {} : await demoTokens();
const tokenLines = Object.entries(tokens).map(([role, token]) => `  ${role}:\n    ${token}`);
process.stdout.write(
  [
    '',
    `Gateway ready at ${url}`,
    `  database: ${where}`,
    `  subgraphs: ${SUBGRAPHS.map((s) => `${s} ${system.subgraphs[s].url}`).join(', ')}`,
    `  health: http://localhost:${system.gateway.port}/healthz  readiness: /readyz  metrics: /metrics`,
    '',
    'Open the URL in a browser for GraphiQL, or try:',
    '',
    EXAMPLE_QUERY,
    `curl -s ${url} -H 'content-type: application/json' \\`,
    `  -d '{"query":"{ address(code: \\"4403040040280100028001203\\") { fullName residentCount eventStats { open } } }"}'`,
    '',
    ...(tokenLines.length
      ? ['Demo tokens (send as "authorization: Bearer <token>"; npm run token -- --help makes others):', ...tokenLines, '']
      : []),
  ].join('\n'),
);

async function shutdown(): Promise<void> {
  logger.info('shutting down');
  await system.stop();
  for (const db of Object.values(databases)) await db.close();
  await auditDatabase.close();
  process.exit(0);
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
