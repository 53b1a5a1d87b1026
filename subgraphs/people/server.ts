/**
 * The people subgraph (residents and where they live): schema, resolvers and per-request
 * context. Importable by tests without opening a port; index.ts listens.
 */
import { createAuditRepository } from '../../audit/repository.ts';
import type { Viewer } from '../../lib/auth/scopes.ts';
import type { Database } from '../../lib/db.ts';
import { sharedStandardizer } from '../../address/standardizer.ts';
import { loadSchema } from '../../lib/schema-file.ts';
import { quarantineContext } from '../../importer/quarantine-graphql.ts';
import type { SubgraphDefinition } from '../../lib/subgraph-server.ts';
import type { PeopleContext } from './context.ts';
import { createLoaders } from './loaders.ts';
import { createPeopleMutations } from './mutations.ts';
import { createPeopleRepository } from './repository.ts';
import { auditedPerson, auditedResidence, resolvers } from './resolvers.ts';

import type { PersonRow } from './repository.ts';
import type { AuditRecordMapper, PersonEdgeMapper, ResidenceEdgeMapper, ResidentEdgeMapper } from './schema.mappers.ts';

export const peopleSubgraph: SubgraphDefinition<PeopleContext> = {
  name: 'people',
  typeDefs: loadSchema(new URL('./schema.graphql', import.meta.url)),
  resolvers: resolvers as SubgraphDefinition<PeopleContext>['resolvers'],
  // what the audit log records of each person-level value returned
  audited: {
    Person: auditedPerson,
    Residence: auditedResidence,
    // a resident list says where each person lives, whichever fields are selected
    ResidentEdge: (edge: ResidentEdgeMapper) => auditedResidence(edge.node),
    // so do the edges of Address.people and Address.residences (a cursor alone names its row)
    PersonEdge: (edge: PersonEdgeMapper) => auditedPerson(edge.node),
    ResidenceEdge: (edge: ResidenceEdgeMapper) => auditedResidence(edge.node),
    // a participant's or party's link reveals its person only through `person`, audited as a
    // Person when community scoping lets it through (null, and unrecorded, when it does not)
    EventPersonLink: () => ({}),
    CaseParty: () => ({}),
    // reading the log reveals whom the records name: auditors' reads are audited too
    AuditRecord: (record: AuditRecordMapper) => ({ personIds: record.personIds, addressCodes: record.addressCodes }),
  },
  // the stewards' quarantine links and loads rows against the registry (and teaches its aliases)
  reads: ['buildings'],
  createContext: (database: Database, viewer: Viewer, services = {}) => {
    const repository = createPeopleRepository(database.knex, viewer.communities);
    // the audit schema's database (AUDIT_DATABASE_URL); in-process tests without a writer share the fixture database
    const auditDb = services?.audit?.db ?? database.knex;
    const quarantine = quarantineContext({
      kind: 'people', database, buildings: services.databases?.buildings, audit: services.audit, viewer, request: services.request ?? null,
      standardizer: services.databases?.buildings ? () => sharedStandardizer(services.databases!.buildings!) : undefined,
    });
    const mutations = createPeopleMutations({ subgraph: 'people', db: database.knex, viewer, request: services?.request ?? null, audit: services?.audit });
    return { repository, loaders: createLoaders(repository), mutations, viewer, auditLog: createAuditRepository(auditDb, viewer.communities), quarantine };
  },
};
