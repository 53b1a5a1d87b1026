import { describe, expect, it } from 'vitest';
import { summarizeEventCounts } from './stats.ts';

describe('event stats', () => {
  it('lists every status, counts open ones and ranks kinds largest first', () => {
    const stats = summarizeEventCounts([
      { status: 'REPORTED', kind: 'DISPUTE', n: 2 },
      { status: 'ASSIGNED', kind: 'FIRE_HAZARD', n: 3 },
      { status: 'CLOSED', kind: 'DISPUTE', n: 4 },
      { status: 'CLOSED', kind: 'TRAFFIC', n: 3 },
    ]);
    expect(stats.total).toBe(12);
    expect(stats.open).toBe(5);
    expect(stats.byStatus).toEqual([
      { status: 'REPORTED', count: 2 },
      { status: 'ASSIGNED', count: 3 },
      { status: 'RESOLVED', count: 0 },
      { status: 'CLOSED', count: 7 },
    ]);
    // FIRE_HAZARD and TRAFFIC tie at 3: schema order breaks the tie.
    expect(stats.byKind).toEqual([
      { kind: 'DISPUTE', count: 6 },
      { kind: 'FIRE_HAZARD', count: 3 },
      { kind: 'TRAFFIC', count: 3 },
    ]);
  });

  it('gives zeros, not gaps, for an address without events', () => {
    const stats = summarizeEventCounts([]);
    expect(stats).toMatchObject({ total: 0, open: 0, byKind: [] });
    expect(stats.byStatus.map((s) => s.count)).toEqual([0, 0, 0, 0]);
  });
});
