import DataLoader from 'dataloader';
import { keyedLoader, MAX_BATCH_SIZE, pagedLoader } from '../../lib/loader.ts';
import { fillTrend, type TrendPoint } from '../../lib/summaries.ts';
import type { EventEntityRow, EventFilter, EventTrendKey, EventHistoryRow, EventPersonRow, EventRepository, EventRow, EventsKey } from './repository.ts';
import { summarizeEventCounts, type EventStatsSummary } from './stats.ts';

/** Cache key of a filter: two fields asking the same thing of the same address share one load. */
const filterKey = (k: EventFilter) =>
  [k.code, k.statuses?.join(',') ?? '*', k.kinds?.join(',') ?? '*', k.severities?.join(',') ?? '*', ...[k.since, k.reportedBefore, k.updatedSince, k.updatedBefore].map((d) => d?.toISOString() ?? '')].join('|');

/** Groups rows by their event id, one list per requested id, in request order. */
function byEvent<R extends { eventId: string }>(ids: readonly string[], rows: readonly R[]): R[][] {
  const map = new Map<string, R[]>();
  for (const row of rows) {
    const list = map.get(row.eventId);
    if (list) list.push(row);
    else map.set(row.eventId, [row]);
  }
  return ids.map((id) => map.get(id) ?? []);
}

/** Per-request loaders of the events subgraph. Address keys are canonical address codes. */
export function createLoaders(repository: EventRepository) {
  return {
    event: keyedLoader<string, EventRow>((ids) => repository.findEventsByIds(ids), (row) => row.id),
    eventPage: pagedLoader<EventsKey, EventRow>(
      (keys) => repository.eventPages(keys),
      (k) => `${filterKey(k)}|${k.first}|${k.after?.join('|') ?? ''}`,
    ),
    eventCount: new DataLoader<EventFilter, number, string>((keys) => repository.eventCounts(keys), {
      maxBatchSize: MAX_BATCH_SIZE,
      cacheKeyFn: filterKey,
    }),
    eventStats: new DataLoader<{ code: string; since: Date | null }, EventStatsSummary, string>(
      async (keys) => (await repository.eventCountsByStatusAndKind(keys)).map(summarizeEventCounts),
      { maxBatchSize: MAX_BATCH_SIZE, cacheKeyFn: (k) => `${k.code}|${k.since?.toISOString() ?? ''}` },
    ),
    /** Every bucket of each key's window, zeros included. */
    eventTrend: new DataLoader<EventTrendKey, TrendPoint[], string>(
      async (keys) => (await repository.eventTrends(keys)).map((rows, i) => fillTrend(keys[i].from, keys[i].to, keys[i].bucket, rows)),
      { maxBatchSize: MAX_BATCH_SIZE, cacheKeyFn: (k) => [k.code, k.kinds?.join(',') ?? '*', k.from, k.to, k.bucket].join('|') },
    ),
    peopleOfEvent: new DataLoader<string, EventPersonRow[]>(
      async (ids) => byEvent(ids, await repository.peopleOfEvents(ids)),
      { maxBatchSize: MAX_BATCH_SIZE },
    ),
    historyOfEvent: new DataLoader<string, EventHistoryRow[]>(
      async (ids) => byEvent(ids, await repository.historyOfEvents(ids)),
      { maxBatchSize: MAX_BATCH_SIZE },
    ),
    entitiesOfEvent: new DataLoader<string, EventEntityRow[]>(
      async (ids) => byEvent(ids, await repository.entitiesOfEvents(ids)),
      { maxBatchSize: MAX_BATCH_SIZE },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
