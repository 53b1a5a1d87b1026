/**
 * Runs the gateway alone against subgraphs elsewhere (production layout). Subgraph URLs come
 * from BUILDINGS_URL, PEOPLE_URL, ENTITIES_URL, EVENTS_URL, CASES_URL and ALERTS_URL (default:
 * localhost on SUBGRAPH_PORT_BASE..+5).
 *
 * API keys are checked against the access schema in AUDIT_DATABASE_URL (else DATABASE_URL). With
 * neither set the gateway accepts no API keys (401 INVALID_API_KEY saying so): the embedded PGlite
 * folder is one process's, and in this layout that process is the subgraphs'.
 *
 * The stewards' quality report (GET /quality) reads every subgraph's database: served when each
 * has a PostgreSQL URL (<SUBGRAPH>_DATABASE_URL or DATABASE_URL) and the audit database is set,
 * else /quality answers 404 saying so.
 */
import { databaseUrlFor, env, SUBGRAPHS, subgraphUrl } from '../lib/config.ts';
import { openDatabase } from '../lib/db.ts';
import { heapLimitMb } from '../lib/heap-budget.ts';
import { logger } from '../lib/logger.ts';
import { createApiKeyStore } from '../access/store.ts';
import { createAuditWriter } from '../audit/writer.ts';
import { authOptionsFromConfig } from './auth.ts';
import { connectRateLimitStore } from './limits.ts';
import { readSupergraph } from './compose.ts';
import { startGateway } from './server.ts';

const config = env();
if (!config.UPSTREAM_HMAC_SECRET) {
  process.stderr.write('UPSTREAM_HMAC_SECRET is not set: the gateway signs subgraph requests with it, and each subgraph must be given the same secret\n');
  process.exit(1);
}
const accessUrl = databaseUrlFor('access');
const accessDatabase = accessUrl ? openDatabase('access', { url: accessUrl, poolMax: 2 }) : null;
if (!accessDatabase) logger.warn({ component: 'gateway' }, 'no AUDIT_DATABASE_URL or DATABASE_URL: API keys are not accepted, only bearer tokens');
const qualityUrls = SUBGRAPHS.map((s) => databaseUrlFor(s));
const auditUrl = databaseUrlFor('audit');
const qualityDatabases = qualityUrls.every(Boolean) && auditUrl
  ? Object.fromEntries(SUBGRAPHS.map((s, i) => [s, openDatabase(s, { url: qualityUrls[i]!, poolMax: 2 })])) as Record<(typeof SUBGRAPHS)[number], ReturnType<typeof openDatabase>>
  : null;
// the audit writer: the quality report's reads and the shared subscriptions' records (gateway/subscription-hub.ts)
const auditDatabase = auditUrl ? openDatabase('audit', { url: auditUrl, poolMax: 1 }) : null;
const audit = auditDatabase ? createAuditWriter(auditDatabase, { attempts: config.AUDIT_WRITE_ATTEMPTS }) : null;
// the rate limit is shared through Redis when REDIS_URL is set; unreachable, the gateway does not start
const rateLimitStore = await connectRateLimitStore(config).catch((err: Error) => {
  process.stderr.write(`cannot start the gateway: ${err.message}. REDIS_URL is set, so the rate limit is counted there (shared by every gateway replica); start Redis, or unset REDIS_URL to count in this process's memory\n`);
  process.exit(1);
});
const gateway = await startGateway(
  {
    supergraphSdl: readSupergraph(),
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((s) => [s, subgraphUrl(s)])),
    subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
    production: config.NODE_ENV === 'production',
    rateLimitStore,
    auth: { ...(await authOptionsFromConfig(config.UPSTREAM_HMAC_SECRET)), apiKeys: accessDatabase ? createApiKeyStore(accessDatabase.knex) : undefined },
    ...(qualityDatabases && audit ? { quality: { databases: qualityDatabases, audit } } : {}),
    ...(audit ? { subscriptionAudit: audit } : {}),
  },
  { port: config.PORT, host: config.HOST },
);
logger.info({ url: `http://localhost:${gateway.port}/graphql`, heapLimitMb: heapLimitMb(), rateLimitStore: rateLimitStore.kind }, 'gateway ready');
// the early-warning monitor runs in this process on a schedule, through this gateway (MONITOR_INTERVAL_SECONDS)
const alertsUrl = databaseUrlFor('alerts');
const alertsDatabase = config.MONITOR_INTERVAL_SECONDS > 0 && alertsUrl ? openDatabase('alerts', { url: alertsUrl, poolMax: 2 }) : null;
if (config.MONITOR_INTERVAL_SECONDS > 0 && !alertsDatabase) logger.warn({ component: 'monitor' }, 'MONITOR_INTERVAL_SECONDS is set but no ALERTS_DATABASE_URL or DATABASE_URL: the monitor does not run here');
const monitor = alertsDatabase
  ? (await import('../monitor/run.ts')).scheduleMonitor({ executor: gateway.executor, database: alertsDatabase, intervalSeconds: config.MONITOR_INTERVAL_SECONDS })
  : null;
const stop = async () => {
  await monitor?.stop();
  await alertsDatabase?.close();
  await gateway.stop();
  if (rateLimitStore.kind === 'redis') await rateLimitStore.client.close();
  await accessDatabase?.close();
  await audit?.close();
  await auditDatabase?.close();
  for (const d of Object.values(qualityDatabases ?? {})) await d.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
