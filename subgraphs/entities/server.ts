/**
 * The entities subgraph (legal entities and where they are registered and operate): schema,
 * resolvers and per-request context. Importable by tests without opening a port; index.ts listens.
 */
import type { Viewer } from '../../lib/auth/scopes.ts';
import type { Database } from '../../lib/db.ts';
import { loadSchema } from '../../lib/schema-file.ts';
import { sharedStandardizer } from '../../address/standardizer.ts';
import type { SubgraphDefinition, SubgraphServices } from '../../lib/subgraph-server.ts';
import { createEntityMutations } from './mutations.ts';
import type { EntitiesContext } from './context.ts';
import { createLoaders } from './loaders.ts';
import { createEntitiesRepository } from './repository.ts';
import { resolvers } from './resolvers.ts';

export const entitiesSubgraph: SubgraphDefinition<EntitiesContext> = {
  name: 'entities',
  typeDefs: loadSchema(new URL('./schema.graphql', import.meta.url)),
  resolvers: resolvers as SubgraphDefinition<EntitiesContext>['resolvers'],
  // what the audit log records of each person-level value returned: a legal representative's id
  audited: {
    // a Person reference (its inaccessible key ref: the person id) the people subgraph sent here
    Person: (person: { ref: string }) => ({ personIds: [person.ref] }),
  },
  // free-text addresses of legalEntityRegister and legalEntityMoveBusinessAddress are standardized against the buildings registry
  reads: ['buildings'],
  createContext: (database: Database, viewer: Viewer, services: SubgraphServices = {}) => {
    const repository = createEntitiesRepository(database.knex, viewer.communities);
    const buildings = services.databases?.buildings;
    const mutations = createEntityMutations({
      subgraph: 'entities',
      db: database.knex,
      viewer,
      request: services.request ?? null,
      audit: services.audit,
      standardizer: buildings ? () => sharedStandardizer(buildings) : null,
    });
    return { repository, loaders: createLoaders(repository), mutations, viewer };
  },
};
