/**
 * Folds per-(status, kind, outcome) case counts of an address subtree into the CaseStats shape.
 * Pure, so the SQL stays one GROUP BY and the rules below are unit-tested.
 */
import type { CaseCountRow, CaseKind, CaseOutcome, CaseStatus } from './repository.ts';

export const CASE_STATUSES: readonly CaseStatus[] = ['FILED', 'ACCEPTED', 'IN_PROGRESS', 'CLOSED'];
const CASE_KINDS: readonly CaseKind[] = ['MEDIATION', 'LITIGATION', 'PETITION', 'LEGAL_AID', 'ARBITRATION', 'FINANCIAL'];
const CASE_OUTCOMES: readonly CaseOutcome[] = ['MEDIATED', 'WITHDRAWN', 'JUDGED', 'REFERRED', 'REJECTED', 'FAILED'];

export type CaseStatsSummary = {
  total: number;
  /** Cases not closed. */
  open: number;
  /** Every status, in workflow order, zero included. */
  byStatus: { status: CaseStatus; count: number }[];
  /** Kinds with at least one case, largest first (ties in schema order). */
  byKind: { kind: CaseKind; count: number }[];
  /** Outcomes of closed cases with at least one case, largest first (ties in schema order). */
  byOutcome: { outcome: CaseOutcome; count: number }[];
};

/** Non-zero counts, largest first, ties in the order of `order`. */
function ranked<T extends string>(counts: Map<T, number>, order: readonly T[]): [T, number][] {
  return [...counts].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || order.indexOf(a[0]) - order.indexOf(b[0]));
}

export function summarizeCaseCounts(rows: readonly CaseCountRow[]): CaseStatsSummary {
  const byStatus = new Map<CaseStatus, number>(CASE_STATUSES.map((s) => [s, 0]));
  const byKind = new Map<CaseKind, number>();
  const byOutcome = new Map<CaseOutcome, number>();
  let total = 0;
  for (const row of rows) {
    total += row.n;
    byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + row.n);
    byKind.set(row.kind, (byKind.get(row.kind) ?? 0) + row.n);
    // Only closed cases carry an outcome (a CHECK constraint), and a closed one may lack it.
    if (row.outcome !== null) byOutcome.set(row.outcome, (byOutcome.get(row.outcome) ?? 0) + row.n);
  }
  return {
    total,
    open: total - (byStatus.get('CLOSED') ?? 0),
    byStatus: CASE_STATUSES.map((status) => ({ status, count: byStatus.get(status) ?? 0 })),
    byKind: ranked(byKind, CASE_KINDS).map(([kind, count]) => ({ kind, count })),
    byOutcome: ranked(byOutcome, CASE_OUTCOMES).map(([outcome, count]) => ({ outcome, count })),
  };
}
