import type { QuarantineContext } from '../../importer/quarantine-graphql.ts';
import type { Viewer } from '../../lib/auth/scopes.ts';
import type { ChangeFeed } from '../../lib/change-feed.ts';
import type { Loaders } from './loaders.ts';
import type { CaseMutations } from './mutations.ts';
import type { CaseRepository, CaseRow } from './repository.ts';

/** Per-request context of the cases subgraph. */
export type CasesContext = {
  /** Who the request runs as, verified by the gateway. */
  viewer: Viewer;
  repository: CaseRepository;
  loaders: Loaders;
  /** The writes (mutations.ts), each in a transaction of its own. */
  mutations: CaseMutations;

  /** The stewards' quarantine (importer/quarantine-graphql.ts); null when the subgraph runs without the registry or the audit writer. */
  quarantine: QuarantineContext | null;

  /** Committed changes of cases (lib/change-feed.ts), for subscriptions; unset where none are served. */
  changes?: ChangeFeed<CaseRow>;
  /** Ends with the request or subscription (a subscription's stream stops when it aborts). */
  signal?: AbortSignal;
};
