import type { Viewer } from '../../lib/auth/scopes.ts';
import type { Loaders } from './loaders.ts';
import type { PeopleRepository } from './repository.ts';

/** Per-request context of the people subgraph. */
export type PeopleContext = {
  /** Who the request runs as, verified by the gateway. */
  viewer: Viewer;
  repository: PeopleRepository;
  loaders: Loaders;
};
