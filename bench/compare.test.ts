import { describe, expect, it } from 'vitest';
import { differingFacts, firstDifference, sumCounter } from './compare.ts';

describe('firstDifference', () => {
  it('ignores key order but not array order', () => {
    expect(firstDifference({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBeNull();
    expect(firstDifference({ b: [1, 2] }, { b: [2, 1] })).toEqual({ path: '$.b[0]', left: 1, right: 2 });
  });

  it('names a missing key and a length difference', () => {
    expect(firstDifference({ a: { x: 1 } }, { a: {} })).toEqual({ path: '$.a.x', left: 1, right: undefined });
    expect(firstDifference([1], [1, 2])).toEqual({ path: '$.length', left: 1, right: 2 });
  });

  it('tells null from an object', () => {
    expect(firstDifference({ a: null }, { a: {} })?.path).toBe('$.a');
  });
});

describe('differingFacts', () => {
  it('lists unequal and missing numbers', () => {
    expect(differingFacts({ a: 1, b: 2, c: Number.NaN }, { a: 1, b: 3, c: Number.NaN })).toEqual(['b', 'c']);
  });
});

describe('sumCounter', () => {
  it('adds every label set of one counter and nothing else', () => {
    const text = [
      '# HELP db_queries_total SQL statements',
      '# TYPE db_queries_total counter',
      'db_queries_total{subgraph="people"} 12',
      'db_queries_total{subgraph="cases"} 3',
      'db_queries_total_other 100',
      'http_request_duration_seconds_count{service="gateway"} 7',
    ].join('\n');
    expect(sumCounter(text, 'db_queries_total')).toBe(15);
    expect(sumCounter('', 'db_queries_total')).toBe(0);
  });
});
