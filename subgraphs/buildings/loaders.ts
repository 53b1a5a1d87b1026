import DataLoader from 'dataloader';
import { keyedLoader, MAX_BATCH_SIZE, pagedLoader } from '../../lib/loader.ts';
import { schematicArea, type GeoPoint, type SchematicArea } from './area.ts';
import { areaCacheFor, cachedAreas } from './area-cache.ts';
import type { AddressRepository, AddressRow, ChildrenKey, SubtreeFilter, SubtreeKey } from './repository.ts';

const subtreeKey = (k: SubtreeFilter) => `${k.root}|${k.levels?.join(',') ?? '*'}|${k.updatedSince ?? ''}`;

/**
 * Per-request loaders of the buildings subgraph. Keys are canonical address codes. `areaCacheKey`
 * names the database whose areas are kept between requests (the subgraph passes its Database).
 */
export function createLoaders(repository: AddressRepository, areaCacheKey: object) {
  return {
    address: keyedLoader<string, AddressRow>((codes) => repository.findByCodes(codes), (row) => row.code),
    children: pagedLoader<ChildrenKey, AddressRow>(
      (keys) => repository.childrenPages(keys),
      (k) => `${k.parentCode}|${k.first}|${k.after ?? ''}`,
    ),
    subtree: pagedLoader<SubtreeKey, AddressRow>(
      (keys) => repository.subtreePages(keys),
      (k) => `${subtreeKey(k)}|${k.first}|${k.after ?? ''}`,
    ),
    /** Pages of a subtree's rows changed since `updatedSince` (addressesUnder(updatedSince:)). */
    changedSubtree: pagedLoader<SubtreeKey, AddressRow>(
      (keys) => repository.changedSubtreePages(keys),
      (k) => `${subtreeKey(k)}|${k.first}|${k.after ?? ''}`,
    ),
    changedSubtreeCount: new DataLoader<SubtreeFilter, number, string>((keys) => repository.changedSubtreeCounts(keys), {
      maxBatchSize: MAX_BATCH_SIZE,
      cacheKeyFn: subtreeKey,
    }),
    subtreeCount: new DataLoader<SubtreeFilter, number, string>((keys) => repository.subtreeCounts(keys), {
      maxBatchSize: MAX_BATCH_SIZE,
      cacheKeyFn: subtreeKey,
    }),
    /**
     * The schematic area beneath each root code: from the process's area cache when the registry
     * has not changed since it was computed (one statement, the version), else from the located
     * building points (one more for all the misses).
     */
    area: new DataLoader<string, SchematicArea>(
      async (roots) => {
        const cache = areaCacheFor(areaCacheKey);
        const version = cache ? await repository.registryVersion() : '';
        return cachedAreas(cache, version, roots, async (missing) => {
          const grouped: GeoPoint[][] = missing.map(() => []);
          for (const row of await repository.buildingPoints(missing)) grouped[row.key].push({ longitude: row.longitude, latitude: row.latitude });
          return grouped.map(schematicArea);
        });
      },
      { maxBatchSize: MAX_BATCH_SIZE },
    ),
    childCount: new DataLoader<string, number>(
      async (codes) => {
        const counts = await repository.childCounts(codes);
        return codes.map((c) => counts.get(c) ?? 0);
      },
      { maxBatchSize: MAX_BATCH_SIZE },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
