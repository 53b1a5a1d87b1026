/** Runs the cases subgraph alone: `node subgraphs/cases/index.ts`. */
import { runStandalone } from '../../lib/standalone.ts';
import { casesSubgraph } from './server.ts';

await runStandalone(casesSubgraph);
