/** `npm run migrate`: brings every subgraph's schema up to date. */
import { SUBGRAPHS } from '../lib/config.ts';
import { openDatabase } from '../lib/db.ts';
import { logger } from '../lib/logger.ts';
import { migrateSubgraph } from '../lib/migrate.ts';

for (const subgraph of SUBGRAPHS) {
  const database = openDatabase(subgraph);
  try {
    const applied = await migrateSubgraph(database);
    logger.info({ subgraph, applied }, applied.length ? 'migrated' : 'schema up to date');
  } finally {
    await database.close();
  }
}
