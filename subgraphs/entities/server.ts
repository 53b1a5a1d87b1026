/**
 * The entities subgraph (legal entities and where they are registered and operate): schema,
 * resolvers and per-request context. Importable by tests without opening a port; index.ts listens.
 */
import type { Viewer } from '../../lib/auth/scopes.ts';
import type { Database } from '../../lib/db.ts';
import { sharedStandardizer } from '../../address/standardizer.ts';
import { loadSchema } from '../../lib/schema-file.ts';
import { quarantineContext } from '../../importer/quarantine-graphql.ts';
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
  // the stewards' quarantine links and loads rows against the registry (and teaches its aliases);
  // free-text addresses of legalEntityRegister and legalEntityMoveBusinessAddress are standardized against it
  reads: ['buildings'],
  createContext: (database: Database, viewer: Viewer, services: SubgraphServices = {}) => {
    const repository = createEntitiesRepository(database.knex, viewer.communities);
    const buildings = services.databases?.buildings;
    const standardizer = buildings ? () => sharedStandardizer(buildings) : null;
    const quarantine = quarantineContext({
      kind: 'entities', database, buildings, audit: services.audit, viewer, request: services.request ?? null,
      standardizer: standardizer ?? undefined,
    });
    const mutations = createEntityMutations({
      subgraph: 'entities',
      db: database.knex,
      viewer,
      request: services.request ?? null,
      audit: services.audit,
      standardizer,
    });
    return { repository, loaders: createLoaders(repository), mutations, viewer, quarantine };
  },
};
