import { describe, expect, it } from 'vitest';
import { changeStream, parseEntry, type ChangeFeed, type ChangeListener } from './change-feed.ts';

/** A feed the test pushes changes into by hand. */
function manualFeed<Row>() {
  const listeners = new Set<ChangeListener<Row>>();
  const feed: ChangeFeed<Row> = {
    subscribe: async (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => listeners.clear(),
  };
  return { feed, listeners, push: (rows: Row[]) => listeners.forEach((l) => l(rows.map((row) => ({ row, op: 'CREATED' as const, previousStatus: null, status: 'REPORTED' })))) };
}

describe('parseEntry', () => {
  it('reads the ids and statuses of an insert and of an update', () => {
    expect(parseEntry('I', [['ev-1', null, 'REPORTED'], ['ev-2', null, 'ASSIGNED']])).toEqual([
      { id: 'ev-1', op: 'CREATED', previousStatus: null, status: 'REPORTED' },
      { id: 'ev-2', op: 'CREATED', previousStatus: null, status: 'ASSIGNED' },
    ]);
    expect(parseEntry('U', '[["ev-1","REPORTED","ASSIGNED"]]')).toEqual([{ id: 'ev-1', op: 'UPDATED', previousStatus: 'REPORTED', status: 'ASSIGNED' }]);
  });

  it('drops a payload it does not understand instead of failing', () => {
    expect(parseEntry('I', 'not json')).toEqual([]);
    expect(parseEntry('D', [])).toEqual([]);
    expect(parseEntry('I', [[42], 'x'])).toEqual([]);
  });
});

describe('changeStream', () => {
  it('yields what the subscriber accepts, in order, and unsubscribes when the reader returns', async () => {
    const { feed, listeners, push } = manualFeed<number>();
    const stream = await changeStream(feed, ({ row }) => (row % 2 === 0 ? row : null));
    push([1, 2, 3, 4]);
    expect(await stream.next()).toEqual({ value: 2, done: false });
    expect(await stream.next()).toEqual({ value: 4, done: false });
    await stream.return!();
    expect(listeners.size).toBe(0);
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });

  it('ends when its signal aborts, and ends a reader that falls too far behind with an error', async () => {
    const { feed, push } = manualFeed<number>();
    const controller = new AbortController();
    const stopped = await changeStream(feed, ({ row }) => row, { signal: controller.signal });
    const pending = stopped.next();
    controller.abort();
    expect(await pending).toEqual({ value: undefined, done: true });

    const slow = await changeStream(feed, ({ row }) => row, { maxQueued: 3 });
    push([1, 2, 3, 4]);
    await expect(slow.next()).rejects.toThrow(/fell more than 3 changes behind/);
  });
});
