/** Runs the buildings subgraph alone: `node subgraphs/buildings/index.ts`. */
import { runStandalone } from '../../lib/standalone.ts';
import { buildingsSubgraph } from './server.ts';

await runStandalone(buildingsSubgraph);
