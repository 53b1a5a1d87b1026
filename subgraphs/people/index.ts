/** Runs the people subgraph alone: `node subgraphs/people/index.ts`. */
import { runStandalone } from '../../lib/standalone.ts';
import { peopleSubgraph } from './server.ts';

await runStandalone(peopleSubgraph);
