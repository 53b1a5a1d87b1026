/**
 * Schematic areas kept between requests. An area is the hull of every located building beneath a
 * code: the district's reads 10,237 building points at scale 10 and hulls them (about 10 ms of
 * CPU), while the registry it is drawn from changes a few times a day. Each entry carries the
 * registry version it was computed at (the newest buildings.address.updated_at, one row of
 * address_updated_idx), so an import or correction that moves, adds or changes a row is seen by the
 * next request; a deleted row moves no updated_at, so entries also expire after AREA_CACHE_SECONDS.
 * Per database and per process, at most MAX_ENTRIES codes (the levels above buildings: a district
 * has a few hundred). The registry is public, so one entry serves every viewer.
 */
import { LRUCache } from 'lru-cache';
import { env } from '../../lib/config.ts';
import type { SchematicArea } from './area.ts';

const MAX_ENTRIES = 5_000;

type Entry = { version: string; area: SchematicArea };
export type AreaCache = LRUCache<string, Entry> | null;

const caches = new WeakMap<object, LRUCache<string, Entry>>();

/** The cache of `db`'s areas; null when AREA_CACHE_SECONDS is 0 (every request hulls afresh). */
export function areaCacheFor(db: object): AreaCache {
  const seconds = env().AREA_CACHE_SECONDS;
  if (seconds === 0) return null;
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new LRUCache<string, Entry>({ max: MAX_ENTRIES, ttl: seconds * 1000 })));
  return cache;
}

/**
 * The areas of `roots` in order: from the cache where computed at `version`, the rest from
 * `compute` (one call for all the misses), stored under `version`.
 */
export async function cachedAreas(cache: AreaCache, version: string, roots: readonly string[], compute: (roots: readonly string[]) => Promise<SchematicArea[]>): Promise<SchematicArea[]> {
  const out: (SchematicArea | undefined)[] = roots.map((r) => {
    const hit = cache?.get(r);
    return hit && hit.version === version ? hit.area : undefined;
  });
  const missing = roots.flatMap((r, i) => (out[i] === undefined ? [i] : []));
  if (missing.length > 0) {
    const computed = await compute(missing.map((i) => roots[i]));
    missing.forEach((i, j) => {
      out[i] = computed[j];
      cache?.set(roots[i], { version, area: computed[j] });
    });
  }
  return out as SchematicArea[];
}
