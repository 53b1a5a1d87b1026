/**
 * Runs the gateway alone against subgraphs elsewhere (production layout). Subgraph URLs come
 * from BUILDINGS_URL, PEOPLE_URL, ENTITIES_URL, EVENTS_URL and CASES_URL (default: localhost
 * on SUBGRAPH_PORT_BASE..+4).
 */
import { env, SUBGRAPHS, subgraphUrl } from '../lib/config.ts';
import { logger } from '../lib/logger.ts';
import { readSupergraph } from './compose.ts';
import { startGateway } from './server.ts';

const config = env();
const gateway = await startGateway(
  {
    supergraphSdl: readSupergraph(),
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((s) => [s, subgraphUrl(s)])),
    subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
    production: config.NODE_ENV === 'production',
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
