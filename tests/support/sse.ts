/**
 * A subscriber through the gateway with the real `graphql-sse` client (distinct connections
 * mode, as a browser or the field app would use it): collects every result of one subscription
 * and waits for the ones a test expects.
 */
import { createClient } from 'graphql-sse';

export type Delivery = { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };

export type Subscriber = {
  /** Every result received so far, in order. */
  results: Delivery[];
  /** Resolves once at least `n` results arrived (rejects after `timeoutMs`, naming what did arrive). */
  received(n: number, timeoutMs?: number): Promise<Delivery[]>;
  /** Resolves when the server ends the stream (or it fails); `error` is the client's failure, if any. */
  ended: Promise<{ error?: unknown }>;
  /** Closes the stream from the client's side. */
  close(): void;
};

/** Subscribes to `query` at `url` as the bearer of `token` (none: anonymous), with `headers` besides. */
export function subscribe(url: string, query: string, variables: Record<string, unknown>, token?: string, headers: Record<string, string> = {}): Subscriber {
  const client = createClient({ url, retryAttempts: 0, headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  const results: Delivery[] = [];
  const waiters = new Set<() => void>();
  let finished = false;
  const iterator = client.iterate({ query, variables });
  const ended = (async () => {
    try {
      for await (const result of iterator) {
        results.push(result as Delivery);
        for (const w of waiters) w();
      }
      return {};
    } catch (error) {
      return { error };
    } finally {
      finished = true;
      for (const w of waiters) w();
      client.dispose();
    }
  })();
  return {
    results,
    ended,
    received(n, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (results.length >= n) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(results.slice());
          } else if (finished) {
            waiters.delete(check);
            clearTimeout(timer);
            reject(new Error(`the stream ended after ${results.length} of ${n} results: ${JSON.stringify(results)}`));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${results.length} of ${n} results within ${timeoutMs} ms: ${JSON.stringify(results)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close() {
      void iterator.return?.();
      client.dispose();
    },
  };
}

/**
 * Commits changes with `send` (one per call, returning its id) until every subscriber has received
 * a result of the latest one (at most `tries` changes, `waitMs` apart; what arrived before it is
 * forgotten), and returns the ids sent. For shared fixtures such as the showcase room, where a
 * test cannot know when its subscribers went live: each change sent is the caller's to remove.
 */
export async function sendUntilAllReceived(subscribers: Subscriber[], send: () => Promise<string>, tries = 40, waitMs = 600): Promise<string[]> {
  const sent: string[] = [];
  for (let i = 0; i < tries && (i === 0 || subscribers.some((s) => s.results.length === 0)); i++) {
    for (const s of subscribers) s.results.length = 0;
    sent.push(await send());
    await Promise.all(subscribers.map((s) => s.received(1, waitMs).catch(() => {})));
  }
  return sent;
}
