import type { Loaders } from './loaders.ts';
import type { EntitiesRepository } from './repository.ts';

/** Per-request context of the entities subgraph. */
export type EntitiesContext = {
  repository: EntitiesRepository;
  loaders: Loaders;
};
