import type { Loaders } from './loaders.ts';
import type { PeopleRepository } from './repository.ts';

/** Per-request context of the people subgraph. */
export type PeopleContext = {
  repository: PeopleRepository;
  loaders: Loaders;
};
