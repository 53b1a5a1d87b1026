/**
 * DataLoader helpers: one loader per request per key kind, batch results in key order.
 */
import DataLoader from 'dataloader';

/** Keeps each batch well under PostgreSQL's 65,535 bind parameters and plan-friendly sizes. */
export const MAX_BATCH_SIZE = 1000;

/** A loader whose batch function returns rows in any order; results are matched back by key. */
export function keyedLoader<K, V, C = K>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOfRow: (row: V) => C,
  cacheKeyFn?: (key: K) => C,
): DataLoader<K, V | null, C> {
  return new DataLoader<K, V | null, C>(
    async (keys) => {
      const rows = await fetch(keys);
      const byKey = new Map<C, V>();
      for (const row of rows) byKey.set(keyOfRow(row), row);
      return keys.map((k) => byKey.get(cacheKeyFn ? cacheKeyFn(k) : (k as unknown as C)) ?? null);
    },
    { maxBatchSize: MAX_BATCH_SIZE, cacheKeyFn },
  );
}

/**
 * A loader for keys that each carry their own arguments (a page of one address's rows): the
 * batch function gets every key and returns rows tagged with the index of their key.
 */
export function pagedLoader<K, V>(
  fetch: (keys: readonly K[]) => Promise<(V & { key: number })[]>,
  cacheKeyFn: (key: K) => string,
): DataLoader<K, V[], string> {
  return new DataLoader<K, V[], string>(
    async (keys) => {
      const rows = await fetch(keys);
      const out: V[][] = keys.map(() => []);
      for (const row of rows) out[row.key].push(row);
      return out;
    },
    { maxBatchSize: MAX_BATCH_SIZE, cacheKeyFn },
  );
}
