/** Runs the entities subgraph alone: `node subgraphs/entities/index.ts`. */
import { runStandalone } from '../../lib/standalone.ts';
import { entitiesSubgraph } from './server.ts';

await runStandalone(entitiesSubgraph);
