import { describe, expect, it } from 'vitest';
import { decodeCursor, toConnection } from './pagination.ts';

const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];

describe('toConnection', () => {
  it('pages: first rows as edges, the extra row only says there is a next page; endCursor is the last edge\'s cursor', () => {
    const c = toConnection(rows, 2, (r) => [r.id], 'Test.list');
    expect(c.edges.map((e) => e.node.id)).toEqual(['a', 'b']);
    expect(c.pageInfo.hasNextPage).toBe(true);
    expect(c.pageInfo.endCursor).toBe(c.edges[1].cursor);
    expect(decodeCursor(c.edges[0].cursor, 1, 'Test.list')).toEqual(['a']);
    expect(decodeCursor(c.pageInfo.endCursor, 1, 'Test.list')).toEqual(['b']);
  });

  it('seals an edge cursor only when it is read, once (a client paging by endCursor pays for one)', () => {
    let sealed = 0;
    const c = toConnection(rows, 3, (r) => (sealed++, [r.id]), 'Test.list');
    expect(sealed).toBe(1); // endCursor
    const first = c.edges[0].cursor;
    expect(c.edges[0].cursor).toBe(first);
    expect(sealed).toBe(2);
    expect(c.pageInfo.hasNextPage).toBe(false);
  });

  it('an empty page has no endCursor', () => {
    expect(toConnection([], 5, (r: { id: string }) => [r.id], 'Test.list').pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});
