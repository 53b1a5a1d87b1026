import DataLoader from 'dataloader';
import { keyedLoader, MAX_BATCH_SIZE, pagedLoader } from '../../lib/loader.ts';
import type { EntitiesKey, EntitiesRepository, EntityCountKey, LegalEntityRow } from './repository.ts';

/** Cache key of a filter: two fields asking the same thing of the same address share one load. */
const filterKey = (k: EntityCountKey) =>
  [k.code, k.status ?? '', k.kinds?.join(',') ?? '*', k.updatedSince?.toISOString() ?? '', k.updatedBefore?.toISOString() ?? ''].join('|');

/** Per-request loaders of the entities subgraph. Address keys are canonical address codes. */
export function createLoaders(repository: EntitiesRepository) {
  return {
    legalEntity: keyedLoader<string, LegalEntityRow>((codes) => repository.findByCreditCodes(codes), (row) => row.creditCode),
    representedBy: new DataLoader<string, LegalEntityRow[]>(
      async (personIds) => {
        const byPerson = new Map<string, LegalEntityRow[]>();
        for (const row of await repository.representedBy(personIds)) {
          const id = row.legalRepPersonId!;
          const list = byPerson.get(id);
          if (list) list.push(row);
          else byPerson.set(id, [row]);
        }
        return personIds.map((id) => byPerson.get(id) ?? []);
      },
      { maxBatchSize: MAX_BATCH_SIZE },
    ),
    entities: pagedLoader<EntitiesKey, LegalEntityRow>(
      (keys) => repository.entityPages(keys),
      (k) => `${filterKey(k)}|${k.first}|${k.after ?? ''}`,
    ),
    entityCount: new DataLoader<EntityCountKey, number, string>((keys) => repository.entityCounts(keys), {
      maxBatchSize: MAX_BATCH_SIZE,
      cacheKeyFn: filterKey,
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
