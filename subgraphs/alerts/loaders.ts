import DataLoader from 'dataloader';
import { keyedLoader, MAX_BATCH_SIZE, pagedLoader } from '../../lib/loader.ts';
import type { AlertFilter, AlertRepository, AlertRow, AlertsKey } from './repository.ts';

/** Cache key of a filter: two fields asking the same thing share one load. */
const filterKey = (k: AlertFilter) => [k.code ?? '*', k.rules?.join(',') ?? '*', k.severities?.join(',') ?? '*', k.statuses?.join(',') ?? '*'].join('|');

/** Per-request loaders of the alerts subgraph. Address keys are canonical address codes. */
export function createLoaders(repository: AlertRepository) {
  return {
    alert: keyedLoader<string, AlertRow>((ids) => repository.findAlertsByIds(ids), (row) => row.id),
    alertPage: pagedLoader<AlertsKey, AlertRow>((keys) => repository.alertPages(keys), (k) => `${filterKey(k)}|${k.first}|${k.after?.join('|') ?? ''}`),
    alertCount: new DataLoader<AlertFilter, number, string>((keys) => repository.alertCounts(keys), { maxBatchSize: MAX_BATCH_SIZE, cacheKeyFn: filterKey }),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
