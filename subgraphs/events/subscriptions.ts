/**
 * Which committed event changes (lib/change-feed.ts) a subscriber of `eventChanged` receives:
 * under its prefix, of its kinds and severities, and only inside the viewer's communities. The
 * rows come from the feed unscoped, so the community check here is the one that confines them;
 * the payload's fields then resolve through the usual, scoped resolvers and loaders.
 */
import type { Viewer } from '../../lib/auth/scopes.ts';
import type { Change } from '../../lib/change-feed.ts';
import { LEVEL_LENGTH } from '../../lib/address-code.ts';
import type { EventKind, EventRow, EventStatus } from './repository.ts';

export type EventChangeRow = {
  change: 'CREATED' | 'STATUS_CHANGED' | 'UPDATED';
  previousStatus: EventStatus | null;
  status: EventStatus;
  event: EventRow;
};

export type EventChangeArgs = {
  addressPrefix: string;
  kinds?: readonly EventKind[] | null;
  severities?: readonly EventRow['severity'][] | null;
};

/**
 * One view object per committed change, whoever subscribes: every subscriber that accepts a change
 * gets the same payload, so the subgraph server can execute its selection once for all subscribers
 * of the same document and viewer class (lib/subgraph-server.ts) instead of once each.
 */
const views = new WeakMap<Change<EventRow>, EventChangeRow>();

function viewOf(change: Change<EventRow>): EventChangeRow {
  let view = views.get(change);
  if (!view) {
    const { row, op, previousStatus } = change;
    const committed = (change.status ?? row.status) as EventStatus;
    const kind = op === 'CREATED' ? 'CREATED' : previousStatus !== committed ? 'STATUS_CHANGED' : 'UPDATED';
    view = { change: kind, previousStatus: op === 'CREATED' ? null : (previousStatus as EventStatus | null), status: committed, event: row };
    views.set(change, view);
  }
  return view;
}

/** The change as this subscriber sees it, or null when it is not for them. */
export function eventChangeFor(args: EventChangeArgs, viewer: Viewer): (change: Change<EventRow>) => EventChangeRow | null {
  const kinds = args.kinds ? new Set(args.kinds) : null;
  const severities = args.severities ? new Set(args.severities) : null;
  const communities = viewer.communities ? new Set(viewer.communities) : null;
  return (change) => {
    const { row } = change;
    if (!row.addressCode.startsWith(args.addressPrefix)) return null;
    if (communities && !communities.has(row.addressCode.slice(0, LEVEL_LENGTH.COMMUNITY))) return null;
    if (kinds && !kinds.has(row.kind)) return null;
    if (severities && !severities.has(row.severity)) return null;
    return viewOf(change);
  };
}
