/**
 * Runs the gateway alone against subgraphs elsewhere (production layout). Subgraph URLs come
 * from BUILDINGS_URL, PEOPLE_URL, ENTITIES_URL, EVENTS_URL and CASES_URL (default: localhost
 * on SUBGRAPH_PORT_BASE..+4).
 */
import { env, SUBGRAPHS, subgraphUrl } from '../lib/config.ts';
import { logger } from '../lib/logger.ts';
import { authOptionsFromConfig } from './auth.ts';
import { readSupergraph } from './compose.ts';
import { startGateway } from './server.ts';

const config = env();
if (!config.UPSTREAM_HMAC_SECRET) {
  process.stderr.write('UPSTREAM_HMAC_SECRET is not set: the gateway signs subgraph requests with it, and each subgraph must be given the same secret\n');
  process.exit(1);
}
const gateway = await startGateway(
  {
    supergraphSdl: readSupergraph(),
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((s) => [s, subgraphUrl(s)])),
    subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
    production: config.NODE_ENV === 'production',
    auth: await authOptionsFromConfig(config.UPSTREAM_HMAC_SECRET),
  },
  { port: config.PORT, host: config.HOST },
);
logger.info({ url: `http://localhost:${gateway.port}/graphql` }, 'gateway ready');
const stop = async () => {
  await gateway.stop();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
