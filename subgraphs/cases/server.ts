/**
 * The cases subgraph (案件: mediation, litigation, petitions, legal aid tied to an address):
 * schema, resolvers and per-request context. Importable by tests without opening a port;
 * index.ts listens.
 */
import type { Viewer } from '../../lib/auth/scopes.ts';
import type { Database } from '../../lib/db.ts';
import { sharedStandardizer } from '../../address/standardizer.ts';
import { loadSchema } from '../../lib/schema-file.ts';
import { quarantineContext } from '../../importer/quarantine-graphql.ts';
import type { SubgraphDefinition } from '../../lib/subgraph-server.ts';
import type { CasesContext } from './context.ts';
import { createLoaders } from './loaders.ts';
import { createCaseRepository } from './repository.ts';
import { resolvers } from './resolvers.ts';

import type { CasePartyRow } from './repository.ts';

export const casesSubgraph: SubgraphDefinition<CasesContext> = {
  name: 'cases',
  typeDefs: loadSchema(new URL('./schema.graphql', import.meta.url)),
  resolvers: resolvers as SubgraphDefinition<CasesContext>['resolvers'],
  // what the audit log records of each person-level value returned
  audited: {
    CaseParty: (party: CasePartyRow) => ({ personIds: [party.personId] }),
  },
  // the stewards' quarantine links and loads rows against the registry (and teaches its aliases)
  reads: ['buildings'],
  createContext: (database: Database, viewer: Viewer, services = {}) => {
    const repository = createCaseRepository(database.knex, viewer.communities);
    const quarantine = quarantineContext({
      kind: 'cases', database, buildings: services.databases?.buildings, audit: services.audit, viewer, request: services.request ?? null,
      standardizer: services.databases?.buildings ? () => sharedStandardizer(services.databases!.buildings!) : undefined,
    });
    return { repository, loaders: createLoaders(repository), viewer, quarantine };
  },
};
