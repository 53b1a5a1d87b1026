/**
 * What the database layer needs to know about the request it serves, without every repository
 * passing it along: the request's AbortSignal, which fires when the gateway or the client goes
 * away before the answer is sent. lib/db.ts query() cancels the running statement on it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export type RequestScope = { signal: AbortSignal };

const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` (and everything it starts) as part of a request with this signal. */
export function runInRequest<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** The signal of the request the caller runs in; undefined outside a request (migrations, CLIs). */
export function requestSignal(): AbortSignal | undefined {
  return storage.getStore()?.signal;
}

/**
 * A signal that fires when `source` does or after `ms` (calling `onTimeout` first), and `done()`, which the caller must call
 * when its work ends: it clears the timer and the listener at once. `AbortSignal.timeout` and
 * `AbortSignal.any` do neither: their timer lives until it fires (the whole deadline, seconds) and
 * holds the async context it was made in, and both link the signals by WeakRefs, which V8's young
 * collector treats as strong. Every request's objects then survived the young collections and were
 * copied into the old generation (5 MB per collection, 17 ms pauses that every request in flight
 * waited through, under the write benchmark).
 */
export function deadlineSignal(source: AbortSignal | undefined, ms: number, onTimeout?: () => void): { signal: AbortSignal; done(): void } {
  const controller = new AbortController();
  const onAbort = () => controller.abort(source!.reason);
  const timer = setTimeout(() => {
    onTimeout?.();
    controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
  }, ms);
  if (source?.aborted) controller.abort(source.reason);
  else source?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    done() {
      clearTimeout(timer);
      source?.removeEventListener('abort', onAbort);
    },
  };
}
