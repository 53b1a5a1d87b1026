/**
 * The people subgraph (residents and where they live): schema, resolvers and per-request
 * context. Importable by tests without opening a port; index.ts listens.
 */
import type { Viewer } from '../../lib/auth/scopes.ts';
import type { Database } from '../../lib/db.ts';
import { loadSchema } from '../../lib/schema-file.ts';
import type { SubgraphDefinition } from '../../lib/subgraph-server.ts';
import type { PeopleContext } from './context.ts';
import { createLoaders } from './loaders.ts';
import { createPeopleRepository } from './repository.ts';
import { resolvers } from './resolvers.ts';

export const peopleSubgraph: SubgraphDefinition<PeopleContext> = {
  name: 'people',
  typeDefs: loadSchema(new URL('./schema.graphql', import.meta.url)),
  resolvers: resolvers as SubgraphDefinition<PeopleContext>['resolvers'],
  createContext: (database: Database, viewer: Viewer) => {
    const repository = createPeopleRepository(database.knex, viewer.communities);
    return { repository, loaders: createLoaders(repository), viewer };
  },
};
