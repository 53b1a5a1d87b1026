/**
 * Folds per-(status, kind) event counts of an address subtree into the EventStats shape.
 * Pure, so the SQL stays one GROUP BY and the rules below are unit-tested.
 */
import type { EventCountRow, EventKind, EventStatus } from './repository.ts';

export const EVENT_STATUSES: readonly EventStatus[] = ['REPORTED', 'ASSIGNED', 'RESOLVED', 'CLOSED'];
/** Statuses of events not yet resolved. */
export const OPEN_EVENT_STATUSES: readonly EventStatus[] = ['REPORTED', 'ASSIGNED'];
const EVENT_KINDS: readonly EventKind[] = [
  'SAFETY_HAZARD', 'FIRE_HAZARD', 'DISPUTE', 'ILLEGAL_CONSTRUCTION', 'PUBLIC_ORDER',
  'ENVIRONMENT', 'SANITATION', 'TRAFFIC', 'OTHER',
];

export type EventStatsSummary = {
  total: number;
  open: number;
  /** Every status, in workflow order, zero included. */
  byStatus: { status: EventStatus; count: number }[];
  /** Kinds with at least one event, largest first (ties in schema order). */
  byKind: { kind: EventKind; count: number }[];
};

export function summarizeEventCounts(rows: readonly EventCountRow[]): EventStatsSummary {
  const byStatus = new Map<EventStatus, number>(EVENT_STATUSES.map((s) => [s, 0]));
  const byKind = new Map<EventKind, number>();
  let total = 0;
  for (const row of rows) {
    total += row.n;
    byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + row.n);
    byKind.set(row.kind, (byKind.get(row.kind) ?? 0) + row.n);
  }
  return {
    total,
    open: OPEN_EVENT_STATUSES.reduce((sum, s) => sum + (byStatus.get(s) ?? 0), 0),
    byStatus: EVENT_STATUSES.map((status) => ({ status, count: byStatus.get(status) ?? 0 })),
    byKind: [...byKind]
      .map(([kind, count]) => ({ kind, count }))
      .sort((a, b) => b.count - a.count || EVENT_KINDS.indexOf(a.kind) - EVENT_KINDS.indexOf(b.kind)),
  };
}
