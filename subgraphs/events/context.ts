import type { Loaders } from './loaders.ts';
import type { EventRepository } from './repository.ts';

/** Per-request context of the events subgraph. */
export type EventsContext = {
  repository: EventRepository;
  loaders: Loaders;
};
