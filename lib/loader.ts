/**
 * DataLoader helpers: one loader per request per key kind, batch results in key order.
 */
import DataLoader from 'dataloader';

/** Keeps each batch well under PostgreSQL's 65,535 bind parameters and plan-friendly sizes. */
export const MAX_BATCH_SIZE = 1000;

/**
 * False for text PostgreSQL cannot hold (a NUL character): such a key matches no row, and sent
 * along with others it would fail the whole batch, nulling the valid keys beside it.
 */
export function isStorableText(value: unknown): boolean {
  return typeof value !== 'string' || !value.includes('\0');
}

/**
 * A loader whose batch function returns rows in any order; results are matched back by key.
 * Keys that cannot be stored (isStorableText) answer null without reaching the database.
 */
export function keyedLoader<K, V, C = K>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOfRow: (row: V) => C,
  cacheKeyFn?: (key: K) => C,
): DataLoader<K, V | null, C> {
  return new DataLoader<K, V | null, C>(
    async (keys) => {
      const storable = keys.filter(isStorableText);
      const rows = storable.length === 0 ? [] : await fetch(storable);
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
