import { describe, expect, it } from 'vitest';
import { deadlineSignal } from './request-context.ts';

describe('deadlineSignal', () => {
  it('fires with a TimeoutError after its time, calling onTimeout first', async () => {
    let called = false;
    const { signal } = deadlineSignal(undefined, 20, () => (called = true));
    await new Promise((r) => signal.addEventListener('abort', r, { once: true }));
    expect(called).toBe(true);
    expect((signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('fires with the source\'s reason when the source aborts first, and at once for a source already aborted', () => {
    const source = new AbortController();
    const { signal, done } = deadlineSignal(source.signal, 60_000);
    source.abort(new Error('the client went away'));
    expect(signal.aborted).toBe(true);
    expect((signal.reason as Error).message).toBe('the client went away');
    done();
    expect(deadlineSignal(source.signal, 60_000).signal.aborted).toBe(true);
  });

  it('once done, neither its timer nor its source aborts it', async () => {
    const source = new AbortController();
    let called = false;
    const { signal, done } = deadlineSignal(source.signal, 10, () => (called = true));
    done();
    source.abort();
    await new Promise((r) => setTimeout(r, 40));
    expect(signal.aborted).toBe(false);
    expect(called).toBe(false);
  });
});
