import { describe, expect, it } from 'vitest';
import { summarizeCaseCounts } from './stats.ts';

describe('case stats', () => {
  it('lists every status, counts open ones and ranks kinds and outcomes largest first', () => {
    const stats = summarizeCaseCounts([
      { status: 'FILED', kind: 'PETITION', outcome: null, n: 1 },
      { status: 'IN_PROGRESS', kind: 'MEDIATION', outcome: null, n: 2 },
      { status: 'CLOSED', kind: 'MEDIATION', outcome: 'MEDIATED', n: 5 },
      { status: 'CLOSED', kind: 'MEDIATION', outcome: 'FAILED', n: 2 },
      { status: 'CLOSED', kind: 'LITIGATION', outcome: 'JUDGED', n: 2 },
      { status: 'CLOSED', kind: 'LITIGATION', outcome: null, n: 1 },
    ]);
    expect(stats.total).toBe(13);
    expect(stats.open).toBe(3);
    expect(stats.byStatus).toEqual([
      { status: 'FILED', count: 1 },
      { status: 'ACCEPTED', count: 0 },
      { status: 'IN_PROGRESS', count: 2 },
      { status: 'CLOSED', count: 10 },
    ]);
    expect(stats.byKind).toEqual([
      { kind: 'MEDIATION', count: 9 },
      { kind: 'LITIGATION', count: 3 },
      { kind: 'PETITION', count: 1 },
    ]);
    // JUDGED and FAILED tie at 2: schema order breaks the tie. A closed case without an outcome is not counted.
    expect(stats.byOutcome).toEqual([
      { outcome: 'MEDIATED', count: 5 },
      { outcome: 'JUDGED', count: 2 },
      { outcome: 'FAILED', count: 2 },
    ]);
  });

  it('gives zeros, not gaps, for an address without cases', () => {
    const stats = summarizeCaseCounts([]);
    expect(stats).toMatchObject({ total: 0, open: 0, byKind: [], byOutcome: [] });
    expect(stats.byStatus.map((s) => s.count)).toEqual([0, 0, 0, 0]);
  });
});
