import type { QuarantineContext } from '../../importer/quarantine-graphql.ts';
import type { Viewer } from '../../lib/auth/scopes.ts';
import type { Loaders } from './loaders.ts';
import type { EntityMutations } from './mutations.ts';
import type { EntitiesRepository } from './repository.ts';

/** Per-request context of the entities subgraph. */
export type EntitiesContext = {
  /** Who the request runs as, verified by the gateway. */
  viewer: Viewer;
  repository: EntitiesRepository;
  loaders: Loaders;
  /** The stewards' quarantine (importer/quarantine-graphql.ts); null when the subgraph runs without the registry or the audit writer. */
  quarantine: QuarantineContext | null;
  /** The writes (mutations.ts), each in a transaction of its own. */
  mutations: EntityMutations;
};
