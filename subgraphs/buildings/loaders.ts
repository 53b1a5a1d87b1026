import DataLoader from 'dataloader';
import { keyedLoader, MAX_BATCH_SIZE, pagedLoader } from '../../lib/loader.ts';
import type { GeoPoint } from './area.ts';
import type { AddressRepository, AddressRow, ChildrenKey, SubtreeFilter, SubtreeKey } from './repository.ts';

const subtreeKey = (k: SubtreeFilter) => `${k.root}|${k.levels?.join(',') ?? '*'}|${k.updatedSince ?? ''}`;

/** Per-request loaders of the buildings subgraph. Keys are canonical address codes. */
export function createLoaders(repository: AddressRepository) {
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
    /** The located building points beneath each root code (schematic areas). */
    buildingPoints: new DataLoader<string, GeoPoint[]>(
      async (roots) => {
        const grouped: GeoPoint[][] = roots.map(() => []);
        for (const row of await repository.buildingPoints(roots)) grouped[row.key].push({ longitude: row.longitude, latitude: row.latitude });
        return grouped;
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
