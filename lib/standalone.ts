/**
 * Runs one subgraph as its own process (production layout): opens its database, migrates,
 * listens on its port and shuts down cleanly on SIGINT/SIGTERM.
 */
import type { BaseContext } from '@apollo/server';
import { createAuditWriter } from '../audit/writer.ts';
import { databaseUrlFor, env, subgraphPort } from './config.ts';
import { openOrExit } from './cli.ts';
import { openDatabase } from './db.ts';
import { logger } from './logger.ts';
import { migrateSubgraph } from './migrate.ts';
import { startSubgraph, type SubgraphDefinition } from './subgraph-server.ts';

export async function runStandalone<TContext extends BaseContext>(def: SubgraphDefinition<TContext>): Promise<void> {
  const upstreamSecret = env().UPSTREAM_HMAC_SECRET;
  if (!upstreamSecret) {
    process.stderr.write(`UPSTREAM_HMAC_SECRET is not set: the ${def.name} subgraph only answers requests the gateway signed with it\n`);
    process.exit(1);
  }
  if (def.audited && Boolean(databaseUrlFor(def.name)) !== Boolean(databaseUrlFor('audit'))) {
    process.stderr.write(`the ${def.name} subgraph and its audit log must both be on PostgreSQL or both embedded: set AUDIT_DATABASE_URL (or DATABASE_URL)\n`);
    process.exit(1);
  }
  const database = openOrExit(() => openDatabase(def.name));
  // person-level reads are appended to the audit schema (AUDIT_DATABASE_URL), migrated by `npm run migrate`
  // (buildings reads nothing personal, but the stewards' alias revocations append audit records)
  const auditDatabase = def.audited || def.name === 'buildings' ? openOrExit(() => openDatabase('audit')) : null;
  const audit = auditDatabase ? createAuditWriter(auditDatabase, { attempts: env().AUDIT_WRITE_ATTEMPTS }) : undefined;
  // other schemas the subgraph's services read (events: the buildings registry), migrated by their own subgraphs
  const related = Object.fromEntries((def.reads ?? []).map((schema) => [schema, openOrExit(() => openDatabase(schema))]));
  await migrateSubgraph(database);
  const running = await startSubgraph(def, database, { port: subgraphPort(def.name), host: env().SUBGRAPH_HOST, upstreamSecret, audit, databases: related });
  logger.info({ subgraph: def.name, url: running.url, database: database.kind }, 'subgraph ready');
  const shutdown = async () => {
    await running.stop();
    await audit?.close();
    await auditDatabase?.close();
    for (const other of Object.values(related)) await other.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
