import type { QuarantineContext } from '../../importer/quarantine-graphql.ts';
import type { AuditRepository } from '../../audit/repository.ts';
import type { Viewer } from '../../lib/auth/scopes.ts';
import type { AuditCollector } from '../../lib/subgraph-server.ts';
import type { Loaders } from './loaders.ts';
import type { PeopleMutations } from './mutations.ts';
import type { PeopleRepository } from './repository.ts';

/** Per-request context of the people subgraph. */
export type PeopleContext = {
  /** Who the request runs as, verified by the gateway. */
  viewer: Viewer;
  /** Reads of the audit log (audit.log), confined to the viewer's communities. */
  auditLog: AuditRepository;
  repository: PeopleRepository;
  /** What this request revealed, for the audit log (set by the subgraph server on every request through the gateway). */
  audit?: AuditCollector;
  loaders: Loaders;
  /** The stewards' quarantine (importer/quarantine-graphql.ts); null when the subgraph runs without the registry or the audit writer. */
  quarantine: QuarantineContext | null;
  /** The writes (mutations.ts), each in a transaction of its own. */
  mutations: PeopleMutations;
};
