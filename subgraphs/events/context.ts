import type { QuarantineContext } from '../../importer/quarantine-graphql.ts';
import type { Viewer } from '../../lib/auth/scopes.ts';
import type { ChangeFeed } from '../../lib/change-feed.ts';
import type { Loaders } from './loaders.ts';
import type { EventMutations } from './mutations.ts';
import type { EventRepository, EventRow } from './repository.ts';

/** Per-request context of the events subgraph. */
export type EventsContext = {
  /** Who the request runs as, verified by the gateway. */
  viewer: Viewer;
  repository: EventRepository;
  loaders: Loaders;
  /** The writes (mutations.ts), each in a transaction of its own. */
  mutations: EventMutations;
  /** The stewards' quarantine (importer/quarantine-graphql.ts); null when the subgraph runs without the registry or the audit writer. */
  quarantine: QuarantineContext | null;

  /** Committed changes of events (lib/change-feed.ts), for subscriptions; unset where none are served. */
  changes?: ChangeFeed<EventRow>;
  /** Ends with the request or subscription (a subscription's stream stops when it aborts). */
  signal?: AbortSignal;
};
