/**
 * The events subgraph (事件: hazards, disputes, incidents at an address): schema, resolvers and
 * per-request context. Importable by tests without opening a port; index.ts listens.
 */
import type { Viewer } from '../../lib/auth/scopes.ts';
import type { Database } from '../../lib/db.ts';
import { loadSchema } from '../../lib/schema-file.ts';
import { quarantineContext } from '../../importer/quarantine-graphql.ts';
import { sharedStandardizer } from '../../address/standardizer.ts';
import type { SubgraphDefinition, SubgraphServices } from '../../lib/subgraph-server.ts';
import { createEventMutations } from './mutations.ts';
import type { EventsContext } from './context.ts';
import { createLoaders } from './loaders.ts';
import { createEventRepository } from './repository.ts';
import { resolvers } from './resolvers.ts';

import type { EventPersonRow, EventRow } from './repository.ts';

export const eventsSubgraph: SubgraphDefinition<EventsContext> = {
  name: 'events',
  typeDefs: loadSchema(new URL('./schema.graphql', import.meta.url)),
  resolvers: resolvers as SubgraphDefinition<EventsContext>['resolvers'],
  // what the audit log records of each person-level value returned
  audited: {
    EventPersonLink: (link: EventPersonRow) => ({ personIds: [link.personId] }),
  },
  // free-text addresses of eventReport are standardized against the buildings registry
  reads: ['buildings'],
  // committed inserts and updates of events.event (events.change_log), for eventChanged
  changes: {
    schema: 'events',
    load: (database, ids) => createEventRepository(database.knex, null).findEventsByIds(ids),
    id: (row: EventRow) => row.id,
  },
  createContext: (database: Database, viewer: Viewer, services: SubgraphServices = {}) => {
    const repository = createEventRepository(database.knex, viewer.communities);
    const buildings = services.databases?.buildings;
    const mutations = createEventMutations({
      subgraph: 'events',
      db: database.knex,
      viewer,
      request: services.request ?? null,
      audit: services.audit,
      standardizer: buildings ? () => sharedStandardizer(buildings) : null,
    });
    const quarantine = quarantineContext({
      kind: 'events', database, buildings, audit: services.audit, viewer, request: services.request ?? null,
      standardizer: buildings ? () => sharedStandardizer(buildings) : undefined,
    });
    return { repository, loaders: createLoaders(repository), mutations, viewer, quarantine, changes: services.changes };
  },
};
