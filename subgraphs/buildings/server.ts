/**
 * The buildings subgraph (standard address registry): schema, resolvers and per-request context.
 * Importable by tests without opening a port; index.ts listens.
 */
import { sharedStandardizer } from '../../address/standardizer.ts';
import type { Viewer } from '../../lib/auth/scopes.ts';
import type { Database } from '../../lib/db.ts';
import { loadSchema } from '../../lib/schema-file.ts';
import { quarantineContext } from '../../importer/quarantine-graphql.ts';
import type { SubgraphDefinition } from '../../lib/subgraph-server.ts';
import type { BuildingsContext } from './context.ts';
import { createLoaders } from './loaders.ts';
import { createAddressRepository } from './repository.ts';
import { resolvers } from './resolvers.ts';

export const buildingsSubgraph: SubgraphDefinition<BuildingsContext> = {
  name: 'buildings',
  typeDefs: loadSchema(new URL('./schema.graphql', import.meta.url)),
  resolvers: resolvers as SubgraphDefinition<BuildingsContext>['resolvers'],
  createContext: (database: Database, viewer: Viewer, services = {}) => {
    const repository = createAddressRepository(database.knex);
    const quarantine = quarantineContext({ kind: 'buildings', database, buildings: database, audit: services.audit, viewer, request: services.request ?? null });
    return { repository, loaders: createLoaders(repository, database), standardizer: () => sharedStandardizer(database), viewer, quarantine };
  },
};
