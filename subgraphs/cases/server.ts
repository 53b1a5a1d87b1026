/**
 * The cases subgraph (案件: mediation, litigation, petitions, legal aid tied to an address):
 * schema, resolvers and per-request context. Importable by tests without opening a port;
 * index.ts listens.
 */
import type { Viewer } from '../../lib/auth/scopes.ts';
import type { Database } from '../../lib/db.ts';
import { loadSchema } from '../../lib/schema-file.ts';
import { sharedStandardizer } from '../../address/standardizer.ts';
import { quarantineContext } from '../../importer/quarantine-graphql.ts';
import type { SubgraphDefinition, SubgraphServices } from '../../lib/subgraph-server.ts';
import type { CasesContext } from './context.ts';
import { createLoaders } from './loaders.ts';
import { createCaseMutations } from './mutations.ts';
import { createCaseRepository } from './repository.ts';
import { resolvers } from './resolvers.ts';
import type { CasePartyRow, CaseRow } from './repository.ts';

export const casesSubgraph: SubgraphDefinition<CasesContext> = {
  name: 'cases',
  typeDefs: loadSchema(new URL('./schema.graphql', import.meta.url)),
  resolvers: resolvers as SubgraphDefinition<CasesContext>['resolvers'],
  // what the audit log records of each person-level value returned
  audited: {
    CaseParty: (party: CasePartyRow) => ({ personIds: [party.personId] }),
  },
  // committed inserts and updates of cases.legal_case (cases.change_log), for caseChanged
  changes: {
    schema: 'cases',
    load: (database, ids) => createCaseRepository(database.knex, null).findCasesByIds(ids),
    id: (row: CaseRow) => row.id,
  },
  // free-text addresses of caseOpen are standardized against the buildings registry, and the
  // stewards' quarantine links and loads rows against it (and teaches its aliases)
  reads: ['buildings'],
  createContext: (database: Database, viewer: Viewer, services: SubgraphServices = {}) => {
    const repository = createCaseRepository(database.knex, viewer.communities);
    const buildings = services.databases?.buildings;
    const standardizer = buildings ? () => sharedStandardizer(buildings) : null;
    const mutations = createCaseMutations({
      subgraph: 'cases',
      db: database.knex,
      viewer,
      request: services.request ?? null,
      audit: services.audit,
      standardizer,
    });
    const quarantine = quarantineContext({
      kind: 'cases', database, buildings, audit: services.audit, viewer, request: services.request ?? null,
      standardizer: standardizer ?? undefined,
    });
    return { repository, loaders: createLoaders(repository), mutations, viewer, quarantine, changes: services.changes };
  },
};
