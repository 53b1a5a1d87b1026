/**
 * `npm run migrate`: brings every subgraph's schema, the audit schema and the API keys' (access) up to date.
 * Exit codes: 0 up to date, 1 failed (or the embedded database is in use), 2 bad arguments.
 */
import { parseArgs } from 'node:util';
import { openOrExit } from '../lib/cli.ts';
import { SUBGRAPHS } from '../lib/config.ts';
import { openDatabase } from '../lib/db.ts';
import { logger } from '../lib/logger.ts';
import { migrateSubgraph } from '../lib/migrate.ts';
import { migrateAudit } from '../audit/migrate.ts';
import { migrateAccess } from '../access/migrate.ts';

const USAGE = `usage: npm run migrate
  Applies every subgraph's pending migrations (migrations/<subgraph>/) to DATABASE_URL /
  <SUBGRAPH>_DATABASE_URL (unset: embedded PGlite in PGLITE_DIR). Takes no arguments.
  -h, --help    this text
Exit codes: 0 up to date, 1 failed, 2 bad arguments.
`;

let parsed;
try {
  parsed = parseArgs({ options: { help: { type: 'boolean', short: 'h', default: false } }, strict: true, allowPositionals: false });
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (parsed.values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

for (const subgraph of SUBGRAPHS) {
  const database = openOrExit(() => openDatabase(subgraph));
  try {
    const applied = await migrateSubgraph(database);
    logger.info({ subgraph, applied }, applied.length ? 'migrated' : 'schema up to date');
  } finally {
    await database.close();
  }
}

// after people: a people.audit_log from before the audit schema is copied into the chain
const audit = openOrExit(() => openDatabase('audit'));
try {
  const applied = await migrateAudit(audit);
  logger.info({ schema: 'audit', applied }, applied.length ? 'migrated' : 'schema up to date');
} finally {
  await audit.close();
}

// the API keys, beside the audit trail (AUDIT_DATABASE_URL)
const access = openOrExit(() => openDatabase('access'));
try {
  const applied = await migrateAccess(access);
  logger.info({ schema: 'access', applied }, applied.length ? 'migrated' : 'schema up to date');
} finally {
  await access.close();
}
