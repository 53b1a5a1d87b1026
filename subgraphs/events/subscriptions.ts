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

/** The change as this subscriber sees it, or null when it is not for them. */
export function eventChangeFor(args: EventChangeArgs, viewer: Viewer): (change: Change<EventRow>) => EventChangeRow | null {
  const kinds = args.kinds ? new Set(args.kinds) : null;
  const severities = args.severities ? new Set(args.severities) : null;
  const communities = viewer.communities ? new Set(viewer.communities) : null;
  return ({ row, op, previousStatus, status }) => {
    if (!row.addressCode.startsWith(args.addressPrefix)) return null;
    if (communities && !communities.has(row.addressCode.slice(0, LEVEL_LENGTH.COMMUNITY))) return null;
    if (kinds && !kinds.has(row.kind)) return null;
    if (severities && !severities.has(row.severity)) return null;
    const committed = (status ?? row.status) as EventStatus;
    const change = op === 'CREATED' ? 'CREATED' : previousStatus !== committed ? 'STATUS_CHANGED' : 'UPDATED';
    return { change, previousStatus: op === 'CREATED' ? null : (previousStatus as EventStatus | null), status: committed, event: row };
  };
}
