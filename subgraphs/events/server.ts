/**
 * The events subgraph (事件: hazards, disputes, incidents at an address): schema, resolvers and
 * per-request context. Importable by tests without opening a port; index.ts listens.
 */
import type { Viewer } from '../../lib/auth/scopes.ts';
import type { Database } from '../../lib/db.ts';
import { loadSchema } from '../../lib/schema-file.ts';
import type { SubgraphDefinition } from '../../lib/subgraph-server.ts';
import type { EventsContext } from './context.ts';
import { createLoaders } from './loaders.ts';
import { createEventRepository } from './repository.ts';
import { resolvers } from './resolvers.ts';

import type { EventPersonRow } from './repository.ts';

export const eventsSubgraph: SubgraphDefinition<EventsContext> = {
  name: 'events',
  typeDefs: loadSchema(new URL('./schema.graphql', import.meta.url)),
  resolvers: resolvers as SubgraphDefinition<EventsContext>['resolvers'],
  // what the audit log records of each person-level value returned
  audited: {
    EventPersonLink: (link: EventPersonRow) => ({ personIds: [link.personId] }),
  },
  createContext: (database: Database, viewer: Viewer) => {
    const repository = createEventRepository(database.knex, viewer.communities);
    return { repository, loaders: createLoaders(repository), viewer };
  },
};
