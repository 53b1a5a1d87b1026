import DataLoader from 'dataloader';
import { keyedLoader, MAX_BATCH_SIZE, pagedLoader } from '../../lib/loader.ts';
import type { PeopleFilter, PeopleKey, PeopleRepository, PersonRow, ResidenceRow, ResidencesFilter, ResidencesKey, ResidentsKey } from './repository.ts';

const windowKey = (k: { updatedSince: Date | null; updatedBefore: Date | null }) =>
  `${k.updatedSince?.toISOString() ?? ''}|${k.updatedBefore?.toISOString() ?? ''}`;
const peopleKey = (k: PeopleFilter) => `${k.code}|${windowKey(k)}`;
const residencesKey = (k: ResidencesFilter) => `${k.code}|${k.current ?? '*'}|${windowKey(k)}`;

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
    people: pagedLoader<PeopleKey, PersonRow>(
      (keys) => repository.peoplePages(keys),
      (k) => `${peopleKey(k)}|${k.first}|${k.after ?? ''}`,
    ),
    peopleCount: new DataLoader<PeopleFilter, number, string>((keys) => repository.peopleCounts(keys), {
      maxBatchSize: MAX_BATCH_SIZE,
      cacheKeyFn: peopleKey,
    }),
    residences: pagedLoader<ResidencesKey, ResidenceRow>(
      (keys) => repository.residencePages(keys),
      (k) => `${residencesKey(k)}|${k.first}|${k.after?.join('|') ?? ''}`,
    ),
    residenceCount: new DataLoader<ResidencesFilter, number, string>((keys) => repository.residenceCounts(keys), {
      maxBatchSize: MAX_BATCH_SIZE,
      cacheKeyFn: residencesKey,
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
