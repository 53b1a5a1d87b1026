/**
 * The summary tables (issue 12; migrations/_shared/summaries-20261205.ts) from the readers' side:
 * which level of summary rows answers a roll-up, and the buckets of a trend. Shared by the
 * people, entities, events and cases repositories and resolvers.
 */
import { LEVEL_LENGTH } from './address-code.ts';
import { ErrorCode, userError } from './errors.ts';

/**
 * The level of the summary rows that answer a roll-up at `code`: grid rows for a grid; community
 * rows (summed over the range) for a community, a subdistrict or the district; null for a
 * building or a room, which read their base rows.
 */
export function summaryLevel(code: string): 12 | 14 | null {
  if (code.length > LEVEL_LENGTH.GRID) return null;
  return code.length === LEVEL_LENGTH.GRID ? 14 : 12;
}

export type TrendBucket = 'DAY' | 'WEEK' | 'MONTH';

/** One bucket of a trend: its first day (YYYY-MM-DD) and its count. */
export type TrendPoint = { start: string; count: number };

/** Most buckets one trend answers (about 10 years of days). */
export const MAX_TREND_BUCKETS = 3700;

const DAY_MS = 86_400_000;
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The first day of the bucket holding `day`: itself, its week's Monday, or its month's 1st. */
export function bucketStart(day: string, bucket: TrendBucket): string {
  if (bucket === 'DAY') return day;
  if (bucket === 'MONTH') return `${day.slice(0, 8)}01`;
  const ms = dayMs(day);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0
  return toDay(ms - weekday * DAY_MS);
}

/** The first days of every bucket from the one holding `from` to the one holding `to`, in order. */
export function bucketStarts(from: string, to: string, bucket: TrendBucket): string[] {
  const out: string[] = [];
  let start = bucketStart(from, bucket);
  while (start <= to && out.length <= MAX_TREND_BUCKETS) {
    out.push(start);
    if (bucket === 'MONTH') {
      const [y, m] = [Number(start.slice(0, 4)), Number(start.slice(5, 7))];
      start = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    } else {
      start = toDay(dayMs(start) + (bucket === 'DAY' ? 1 : 7) * DAY_MS);
    }
  }
  return out;
}

/** Checks a trend's window (from <= to, at most MAX_TREND_BUCKETS buckets), naming the argument at fault. */
export function checkTrendWindow(from: string, to: string, bucket: TrendBucket): void {
  if (from > to) throw userError(`"to" (${to}) is before "from" (${from})`, ErrorCode.BAD_USER_INPUT, { argument: 'to' });
  if (bucketStarts(from, to, bucket).length > MAX_TREND_BUCKETS) {
    throw userError(`"from".."to" spans more than ${MAX_TREND_BUCKETS} ${bucket} buckets; use a wider bucket or a shorter window`, ErrorCode.BAD_USER_INPUT, { argument: 'from' });
  }
}

/** Every bucket of the window with its count from `rows` (start -> count), zero where none. */
export function fillTrend(from: string, to: string, bucket: TrendBucket, rows: readonly TrendPoint[]): TrendPoint[] {
  const counts = new Map(rows.map((r) => [r.start, r.count]));
  return bucketStarts(from, to, bucket).map((start) => ({ start, count: counts.get(start) ?? 0 }));
}

/** The instant a day (YYYY-MM-DD) begins in China Standard Time (UTC+8, the summaries' day). */
export const localMidnight = (day: string): Date => new Date(`${day}T00:00:00+08:00`);

/** The day (YYYY-MM-DD, China Standard Time) an instant falls on. */
export const localDay = (instant: Date): string => new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * How a count "from `since`" splits into whole summary days and base rows: the first whole day
 * at or after `since` (its local midnight is `boundary`), and the instants [since, boundary) of
 * the partial day before it, empty when `since` is a local midnight.
 */
export function sinceSplit(since: Date): { firstDay: string; boundary: Date } {
  const day = localDay(since);
  const midnight = localMidnight(day);
  return midnight.getTime() === since.getTime() ? { firstDay: day, boundary: since } : { firstDay: nextDay(day), boundary: localMidnight(nextDay(day)) };
}

/** The day after `day`. */
export const nextDay = (day: string): string => toDay(dayMs(day) + DAY_MS);

/**
 * Rows of a batched statement over a subset of the keys (`at[j]` is the index in all `n` keys of
 * the statement's j-th key; `key` the 1-based ordinal) as one list per key of all `n`.
 */
export function perKey<R>(n: number, rows: readonly (R & { key: string | number })[], at: readonly number[]): R[][] {
  const out: R[][] = Array.from({ length: n }, () => []);
  for (const { key, ...row } of rows) out[at[Number(key) - 1]].push(row as unknown as R);
  return out;
}
