/**
 * Which committed alert changes (lib/change-feed.ts) a subscriber of `alertRaised` receives: the
 * alerts raised (inserted) under its prefix, of its severities and rules, and only inside the
 * viewer's communities. The rows come from the feed unscoped, so the community check here is the
 * one that confines them; the alert's fields then resolve through the usual, scoped resolvers.
 */
import type { Viewer } from '../../lib/auth/scopes.ts';
import type { Change } from '../../lib/change-feed.ts';
import { LEVEL_LENGTH } from '../../lib/address-code.ts';
import type { AlertRow, AlertSeverity } from './repository.ts';

export type AlertRaisedArgs = {
  addressPrefix: string;
  severities?: readonly AlertSeverity[] | null;
  rules?: readonly string[] | null;
};

/** The raised alert as this subscriber sees it, or null when it is not for them (or not a raise). */
export function alertRaisedFor(args: AlertRaisedArgs, viewer: Viewer): (change: Change<AlertRow>) => AlertRow | null {
  const severities = args.severities ? new Set(args.severities) : null;
  const rules = args.rules ? new Set(args.rules) : null;
  const communities = viewer.communities ? new Set(viewer.communities) : null;
  return ({ row, op }) => {
    // acknowledging, closing and refreshed evidence are updates: alertRaised is about new alerts
    if (op !== 'CREATED') return null;
    if (!row.addressCode.startsWith(args.addressPrefix)) return null;
    if (communities && !communities.has(row.addressCode.slice(0, LEVEL_LENGTH.COMMUNITY))) return null;
    if (severities && !severities.has(row.severity)) return null;
    if (rules && !rules.has(row.rule)) return null;
    return row;
  };
}
