import type { Loaders } from './loaders.ts';
import type { AddressRepository } from './repository.ts';

/** Per-request context of the buildings subgraph. */
export type BuildingsContext = {
  repository: AddressRepository;
  loaders: Loaders;
};
