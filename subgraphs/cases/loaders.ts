import DataLoader from 'dataloader';
import { keyedLoader, MAX_BATCH_SIZE, pagedLoader } from '../../lib/loader.ts';
import { fillTrend, type TrendPoint } from '../../lib/summaries.ts';
import type { CaseEventRow, CaseFilter, CaseHistoryRow, CaseTrendKey, CasePartyRow, CaseRepository, CaseRow, CasesKey } from './repository.ts';
import { summarizeCaseCounts, type CaseStatsSummary } from './stats.ts';

/** Cache key of a filter: two fields asking the same thing of the same address share one load. */
const filterKey = (k: Omit<CaseFilter, 'statuses'> & { statuses?: CaseFilter['statuses'] }) =>
  [k.code, k.statuses?.join(',') ?? '*', k.kinds?.join(',') ?? '*', k.since ?? '', k.filedBefore ?? '',
    k.updatedSince?.toISOString() ?? '', k.updatedBefore?.toISOString() ?? ''].join('|');

/** Groups rows by their case id, one list per requested id, in request order. */
function byCase<R extends { caseId: string }>(ids: readonly string[], rows: readonly R[]): R[][] {
  const map = new Map<string, R[]>();
  for (const row of rows) {
    const list = map.get(row.caseId);
    if (list) list.push(row);
    else map.set(row.caseId, [row]);
  }
  return ids.map((id) => map.get(id) ?? []);
}

/** Per-request loaders of the cases subgraph. Address keys are canonical address codes. */
export function createLoaders(repository: CaseRepository) {
  return {
    case: keyedLoader<string, CaseRow>((ids) => repository.findCasesByIds(ids), (row) => row.id),
    casePage: pagedLoader<CasesKey, CaseRow>(
      (keys) => repository.casePages(keys),
      (k) => `${filterKey(k)}|${k.first}|${k.after?.join('|') ?? ''}`,
    ),
    caseCount: new DataLoader<CaseFilter, number, string>((keys) => repository.caseCounts(keys), {
      maxBatchSize: MAX_BATCH_SIZE,
      cacheKeyFn: filterKey,
    }),
    caseStats: new DataLoader<Omit<CaseFilter, 'statuses'>, CaseStatsSummary, string>(
      async (keys) => (await repository.caseCountsByStatusKindOutcome(keys)).map(summarizeCaseCounts),
      { maxBatchSize: MAX_BATCH_SIZE, cacheKeyFn: filterKey },
    ),
    /** Every bucket of each key's window, zeros included. */
    caseTrend: new DataLoader<CaseTrendKey, TrendPoint[], string>(
      async (keys) => (await repository.caseTrends(keys)).map((rows, i) => fillTrend(keys[i].from, keys[i].to, keys[i].bucket, rows)),
      { maxBatchSize: MAX_BATCH_SIZE, cacheKeyFn: (k) => [k.code, k.kinds?.join(',') ?? '*', k.from, k.to, k.bucket].join('|') },
    ),
    partiesOfCase: new DataLoader<string, CasePartyRow[]>(
      async (ids) => byCase(ids, await repository.partiesOfCases(ids)),
      { maxBatchSize: MAX_BATCH_SIZE },
    ),
    historyOfCase: new DataLoader<string, CaseHistoryRow[]>(
      async (ids) => byCase(ids, await repository.historyOfCases(ids)),
      { maxBatchSize: MAX_BATCH_SIZE },
    ),
    eventsOfCase: new DataLoader<string, CaseEventRow[]>(
      async (ids) => byCase(ids, await repository.eventsOfCases(ids)),
      { maxBatchSize: MAX_BATCH_SIZE },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
