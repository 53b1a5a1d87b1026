/** `npm run migrate`: brings every subgraph's schema, and the audit schema, up to date. */
import { SUBGRAPHS } from '../lib/config.ts';
import { openDatabase } from '../lib/db.ts';
import { logger } from '../lib/logger.ts';
import { migrateSubgraph } from '../lib/migrate.ts';
import { migrateAudit } from '../audit/migrate.ts';

for (const subgraph of SUBGRAPHS) {
  const database = openDatabase(subgraph);
  try {
    const applied = await migrateSubgraph(database);
    logger.info({ subgraph, applied }, applied.length ? 'migrated' : 'schema up to date');
  } finally {
    await database.close();
  }
}

// after people: a people.audit_log from before the audit schema is copied into the chain
const audit = openDatabase('audit');
try {
  const applied = await migrateAudit(audit);
  logger.info({ schema: 'audit', applied }, applied.length ? 'migrated' : 'schema up to date');
} finally {
  await audit.close();
}
