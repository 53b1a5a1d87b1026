import { describe, expect, it } from 'vitest';
import { bucketStart, bucketStarts, fillTrend, localDay, sinceSplit } from './summaries.ts';

describe('trend buckets', () => {
  it('starts a week on Monday and a month on the 1st', () => {
    expect(bucketStart('2031-03-09', 'WEEK')).toBe('2031-03-03'); // Sunday
    expect(bucketStart('2031-03-10', 'WEEK')).toBe('2031-03-10'); // Monday
    expect(bucketStart('2031-03-31', 'MONTH')).toBe('2031-03-01');
    expect(bucketStarts('2030-11-20', '2031-02-01', 'MONTH')).toEqual(['2030-11-01', '2030-12-01', '2031-01-01', '2031-02-01']);
    expect(bucketStarts('2028-02-28', '2028-03-01', 'DAY')).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
  });

  it('fills the buckets without counts with zeros', () => {
    expect(fillTrend('2031-03-01', '2031-03-20', 'WEEK', [{ start: '2031-03-10', count: 2 }])).toEqual([
      { start: '2031-02-24', count: 0 }, { start: '2031-03-03', count: 0 }, { start: '2031-03-10', count: 2 }, { start: '2031-03-17', count: 0 },
    ]);
  });
});

describe('local days (China Standard Time)', () => {
  it('puts an instant after 16:00 UTC on the next day', () => {
    expect(localDay(new Date('2031-03-03T16:30:00Z'))).toBe('2031-03-04');
    expect(localDay(new Date('2031-03-03T15:59:59Z'))).toBe('2031-03-03');
  });

  it('splits a since into the partial day and the whole days after it', () => {
    expect(sinceSplit(new Date('2031-03-03T11:00:00+08:00'))).toEqual({ firstDay: '2031-03-04', boundary: new Date('2031-03-04T00:00:00+08:00') });
    const midnight = new Date('2031-03-04T00:00:00+08:00');
    expect(sinceSplit(midnight)).toEqual({ firstDay: '2031-03-04', boundary: midnight });
  });
});
