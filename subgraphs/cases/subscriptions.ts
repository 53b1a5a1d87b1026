/**
 * Which committed case changes (lib/change-feed.ts) a subscriber of `caseChanged` receives:
 * under its prefix, of its kinds and committed statuses, and only inside the viewer's
 * communities. The rows come from the feed unscoped, so the community check here is the one
 * that confines them; the payload's fields then resolve through the usual, scoped resolvers.
 */
import type { Viewer } from '../../lib/auth/scopes.ts';
import type { Change } from '../../lib/change-feed.ts';
import { LEVEL_LENGTH } from '../../lib/address-code.ts';
import type { CaseKind, CaseRow, CaseStatus } from './repository.ts';

export type CaseChangeRow = {
  change: 'CREATED' | 'STATUS_CHANGED' | 'UPDATED';
  previousStatus: CaseStatus | null;
  status: CaseStatus;
  case: CaseRow;
};

export type CaseChangeArgs = {
  addressPrefix: string;
  kinds?: readonly CaseKind[] | null;
  statuses?: readonly CaseStatus[] | null;
};

/**
 * One view object per committed change, whoever subscribes: every subscriber that accepts a change
 * gets the same payload, so the subgraph server can execute its selection once for all subscribers
 * of the same document and viewer class (lib/subgraph-server.ts) instead of once each.
 */
const views = new WeakMap<Change<CaseRow>, CaseChangeRow>();

function viewOf(change: Change<CaseRow>): CaseChangeRow {
  let view = views.get(change);
  if (!view) {
    const { row, op, previousStatus } = change;
    const committed = (change.status ?? row.status) as CaseStatus;
    const kind = op === 'CREATED' ? 'CREATED' : previousStatus !== committed ? 'STATUS_CHANGED' : 'UPDATED';
    view = { change: kind, previousStatus: op === 'CREATED' ? null : (previousStatus as CaseStatus | null), status: committed, case: row };
    views.set(change, view);
  }
  return view;
}

/** The change as this subscriber sees it, or null when it is not for them. */
export function caseChangeFor(args: CaseChangeArgs, viewer: Viewer): (change: Change<CaseRow>) => CaseChangeRow | null {
  const kinds = args.kinds ? new Set(args.kinds) : null;
  const statuses = args.statuses ? new Set(args.statuses) : null;
  const communities = viewer.communities ? new Set(viewer.communities) : null;
  return (change) => {
    const { row, status } = change;
    if (!row.addressCode.startsWith(args.addressPrefix)) return null;
    if (communities && !communities.has(row.addressCode.slice(0, LEVEL_LENGTH.COMMUNITY))) return null;
    if (kinds && !kinds.has(row.kind)) return null;
    const committed = (status ?? row.status) as CaseStatus;
    if (statuses && !statuses.has(committed)) return null;
    return viewOf(change);
  };
}
