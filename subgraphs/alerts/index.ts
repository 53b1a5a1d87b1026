/** Runs the alerts subgraph alone: `node subgraphs/alerts/index.ts`. */
import { runStandalone } from '../../lib/standalone.ts';
import { alertsSubgraph } from './server.ts';

await runStandalone(alertsSubgraph);
