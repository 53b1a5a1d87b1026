import type { Viewer } from '../../lib/auth/scopes.ts';
import type { ChangeFeed } from '../../lib/change-feed.ts';
import type { Rule } from '../../monitor/rules.ts';
import type { Loaders } from './loaders.ts';
import type { AlertMutations } from './mutations.ts';
import type { AlertRepository, AlertRow } from './repository.ts';

/** Per-request context of the alerts subgraph. */
export type AlertsContext = {
  /** Who the request runs as, verified by the gateway. */
  viewer: Viewer;
  repository: AlertRepository;
  loaders: Loaders;
  mutations: AlertMutations;
  /** The rules the monitor runs (monitor/rules.json), by id. */
  rules: ReadonlyMap<string, Rule>;
  /** Committed changes of alerts (lib/change-feed.ts), for alertRaised; unset where none are served. */
  changes?: ChangeFeed<AlertRow>;
  /** Ends with the request or subscription (a subscription's stream stops when it aborts). */
  signal?: AbortSignal;
};
