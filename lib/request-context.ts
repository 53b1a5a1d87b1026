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
