import DataLoader from 'dataloader';
import { keyedLoader, MAX_BATCH_SIZE, pagedLoader } from '../../lib/loader.ts';
import type { PeopleRepository, PersonRow, ResidenceRow, ResidentsKey } from './repository.ts';

/** Per-request loaders of the people subgraph. Address keys are canonical address codes. */
export function createLoaders(repository: PeopleRepository) {
  return {
    person: keyedLoader<string, PersonRow>((ids) => repository.findPeopleByIds(ids), (row) => row.id),
    /** All residences of a person, newest first; Person.residences filters current/past. */
    residencesOfPerson: new DataLoader<string, ResidenceRow[]>(
      async (ids) => {
        const byPerson = new Map<string, ResidenceRow[]>();
        for (const row of await repository.residencesOfPeople(ids)) {
          const list = byPerson.get(row.personId);
          if (list) list.push(row);
          else byPerson.set(row.personId, [row]);
        }
        return ids.map((id) => byPerson.get(id) ?? []);
      },
      { maxBatchSize: MAX_BATCH_SIZE },
    ),
    residents: pagedLoader<ResidentsKey, ResidenceRow>(
      (keys) => repository.residentPages(keys),
      (k) => `${k.code}|${k.first}|${k.after?.join('|') ?? ''}`,
    ),
    residentCount: new DataLoader<string, number>((codes) => repository.residentCounts(codes), { maxBatchSize: MAX_BATCH_SIZE }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
