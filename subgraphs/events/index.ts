/** Runs the events subgraph alone: `node subgraphs/events/index.ts`. */
import { runStandalone } from '../../lib/standalone.ts';
import { eventsSubgraph } from './server.ts';

await runStandalone(eventsSubgraph);
