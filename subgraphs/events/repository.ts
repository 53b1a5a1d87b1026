/**
 * Every SQL statement of the events subgraph. Reads only the `events` schema: addresses, people
 * and legal entities are known here by their keys alone.
 */
import { query, type Db } from '../../lib/db.ts';
import { inScope, isWideSubtree, scopeCondition, scopedRange } from '../../lib/community-scope.ts';
import { and, isoInstant, raw, sql, windowCondition, windowGroups } from '../../lib/sql.ts';
import { tagRows } from '../../lib/pagination.ts';
import { OPEN_EVENT_STATUSES } from './stats.ts';
import { localMidnight, nextDay, perKey, sinceSplit, summaryLevel, type TrendBucket, type TrendPoint } from '../../lib/summaries.ts';

export type EventKind =
  | 'SAFETY_HAZARD' | 'FIRE_HAZARD' | 'DISPUTE' | 'ILLEGAL_CONSTRUCTION' | 'PUBLIC_ORDER'
  | 'ENVIRONMENT' | 'SANITATION' | 'TRAFFIC' | 'OTHER';
export type EventStatus = 'REPORTED' | 'ASSIGNED' | 'RESOLVED' | 'CLOSED';
export type EventSeverity = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
export type EventRole = 'REPORTER' | 'INVOLVED' | 'RESPONSIBLE' | 'WITNESS';

export type EventRow = {
  // instants are ISO 8601 text in UTC (isoInstant in lib/sql.ts), passed through by the DateTime scalar
  id: string;
  kind: EventKind;
  source: 'GRID_PATROL' | 'HOTLINE_12345' | 'SENSOR' | 'APP' | 'WALK_IN' | 'REFERRAL';
  severity: EventSeverity;
  status: EventStatus;
  reportedAt: string;
  resolvedAt: string | null;
  description: string;
  addressCode: string;
  /** When the row last changed (a trigger keeps it), ISO 8601 in UTC (isoInstant in lib/sql.ts). */
  updatedAt: string;
  /**
   * reported_at in microseconds since the epoch: the exact sort key a cursor carries (a JS Date
   * keeps only milliseconds, which would skip rows that differ below that).
   */
  reportedAtUs: number;
  /** +1 on every change (mutations, and a trigger for any other update). */
  version: number;
  assignedUnit: string | null;
  assignedPersonId: string | null;
  closedAt: string | null;
};

export type EventAction = 'REPORT' | 'ASSIGN' | 'RESOLVE' | 'CLOSE' | 'REOPEN' | 'ADD_PARTICIPANT';

/** One change made through a mutation (events.event_history). */
export type EventHistoryRow = {
  eventId: string;
  at: Date;
  actor: string;
  action: EventAction;
  fromStatus: EventStatus | null;
  toStatus: EventStatus;
  note: string | null;
  version: number;
};

export type EventPersonRow = { eventId: string; personId: string; role: EventRole };
export type EventEntityRow = { eventId: string; creditCode: string; role: 'INVOLVED' | 'RESPONSIBLE' };

/** One column list for every event query, snake_case aliased to the row type. */
const EVENT_COLUMNS = `
  e.id, e.kind, e.source, e.severity, e.status, ${isoInstant('e.reported_at')} AS "reportedAt",
  ${isoInstant('e.resolved_at')} AS "resolvedAt", e.description, e.address_code AS "addressCode", ${isoInstant('e.updated_at')} AS "updatedAt",
  (extract(epoch FROM e.reported_at) * 1000000)::bigint AS "reportedAtUs",
  e.version, e.assigned_unit AS "assignedUnit", e.assigned_person_id AS "assignedPersonId", ${isoInstant('e.closed_at')} AS "closedAt"`;

/** Which events of an address subtree a list or a count covers; null means no restriction. */
export type EventFilter = {
  /** Canonical address code; the subtree is [code, nextPrefix(code)). */
  code: string;
  statuses: readonly EventStatus[] | null;
  kinds: readonly EventKind[] | null;
  /** Only events of these severities (absent: no restriction, like null). */
  severities?: readonly EventSeverity[] | null;
  /** Only events reported at or after this instant. */
  since: Date | null;
  /** Only events reported before this instant (absent: no restriction, like null). */
  reportedBefore?: Date | null;
  /** Only events whose row changed at or after this instant. */
  updatedSince?: Date | null;
  /** Only events whose row last changed before this instant. */
  updatedBefore?: Date | null;
};

/** One page of an address's events, newest first; `after` is the (reportedAtUs, id) of the last event seen. */
export type EventsKey = EventFilter & { first: number; after: readonly [number, string] | null };

/** Number of events of an address subtree in one (status, kind) group. */
export type EventCountRow = { status: EventStatus; kind: EventKind; n: number };

/** Events of an address subtree per bucket of days (China Standard Time), `from` to `to` included. */
export type EventTrendKey = { code: string; kinds: readonly EventKind[] | null; from: string; to: string; bucket: TrendBucket };

/**
 * The per-key columns every subtree statement unnests: the code range and the filters. Lists
 * travel as comma-joined text (unnest cannot carry an array per key) and are split in SQL, so a
 * batch is one statement whatever filters its keys carry.
 */
function filterColumns(keys: readonly EventFilter[], communities: readonly string[] | null) {
  const ranges = keys.map((k) => scopedRange(k.code, communities));
  return [
    ranges.map((r) => r.lo),
    ranges.map((r) => r.hi),
    keys.map((k) => k.statuses?.join(',') ?? null),
    keys.map((k) => k.kinds?.join(',') ?? null),
    keys.map((k) => k.severities?.join(',') ?? null),
    keys.map((k) => k.since?.toISOString() ?? null),
    keys.map((k) => k.reportedBefore?.toISOString() ?? null),
  ];
}

const FILTER_UNNEST = `?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[]`;
const FILTER_KEYS = 'lo, hi, statuses, kinds, severities, since, reported_before';
/**
 * The WHERE of a batch of filters (one row of `k` per key): the subtree range, then only the
 * conditions some key of the batch sets, so a count of open events by range and time reads
 * nothing but event_open_idx (an index-only scan; a condition on updated_at would fetch every
 * row). The reported_at bounds are index conditions (coalesce, not IS NULL OR). The batch's
 * updated window is bound after it, one statement per window (windowGroups).
 */
function filterWhere(keys: readonly EventFilter[], open = false): string {
  const some = (f: (k: EventFilter) => unknown) => keys.some((k) => f(k) != null);
  // under OPEN_PREDICATE a key asking for every open status needs no test of its own
  const everyOpen = (k: EventFilter) => OPEN_EVENT_STATUSES.every((s) => k.statuses?.includes(s));
  return [
    'e.address_code >= k.lo AND e.address_code < k.hi',
    some((k) => k.statuses) && !(open && keys.every(everyOpen)) && `(k.statuses IS NULL OR e.status = ANY(string_to_array(k.statuses, ',')))`,
    some((k) => k.kinds) && `(k.kinds IS NULL OR e.kind = ANY(string_to_array(k.kinds, ',')))`,
    some((k) => k.severities) && `(k.severities IS NULL OR e.severity = ANY(string_to_array(k.severities, ',')))`,
    some((k) => k.since) && `e.reported_at >= coalesce(k.since, '-infinity')`,
    some((k) => k.reportedBefore) && `e.reported_at < coalesce(k.reported_before, 'infinity')`,
  ].filter(Boolean).join('\n  AND ');
}

/**
 * True when a filter asks for open events only (REPORTED, ASSIGNED: the hazard map's, the rules'):
 * its statements then carry OPEN_PREDICATE, the predicate of the partial index event_open_idx
 * written out, so the planner can prove the index applies (it cannot from `status = ANY(...)` of
 * a value it does not see), and counts read the open rows' index, not every row of the range.
 */
const openOnly = (k: EventFilter) => !!k.statuses?.length && k.statuses.every((s) => OPEN_EVENT_STATUSES.includes(s));
const OPEN_PREDICATE = `e.status IN (${OPEN_EVENT_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/** The filter of one key as conditions with its values bound in place (the single-key statements). */
function filterConditions(k: EventFilter, communities: readonly string[] | null) {
  const range = scopedRange(k.code, communities);
  return [
    sql`e.address_code >= ${range.lo} AND e.address_code < ${range.hi}`,
    openOnly(k) && raw(OPEN_PREDICATE),
    k.statuses && sql`e.status = ANY(${k.statuses}::text[])`,
    k.kinds && sql`e.kind = ANY(${k.kinds}::text[])`,
    k.severities && sql`e.severity = ANY(${k.severities}::text[])`,
    k.since && sql`e.reported_at >= ${k.since}::timestamptz`,
    k.reportedBefore && sql`e.reported_at < ${k.reportedBefore}::timestamptz`,
    k.updatedSince && sql`e.updated_at >= ${k.updatedSince}::timestamptz`,
    k.updatedBefore && sql`e.updated_at < ${k.updatedBefore}::timestamptz`,
    scopeCondition('e.address_code', communities),
  ];
}

/** "The event `eventId` names is visible": links are reachable only through visible events. */
const eventInScope = (eventId: string) => `(?::text[] IS NULL OR EXISTS (
  SELECT 1 FROM events.event e WHERE e.id = ${eventId} AND left(e.address_code, 12) = ANY(?::text[])))`;

/**
 * The statements of one request. With `communities` (a confined viewer, 12-digit community
 * codes) every statement sees only events at addresses under those communities, and the people
 * and entities of those events only. null means unconfined.
 */
export function createEventRepository(db: Db, communities: readonly string[] | null = null) {
  const scope = [communities, communities] as const;

  /** One statement for keys sharing an updated window (windowGroups). */
  async function narrowPages(keys: readonly EventsKey[]): Promise<(EventRow & { key: number })[]> {
    const window = windowCondition('e.updated_at', keys[0]);
    const rows = await query<EventRow & { key: string | number }>(db,
      `/* events.eventPages */
      SELECT k.i AS key, p.* FROM unnest(${FILTER_UNNEST}, ?::bigint[], ?::text[], ?::int[])
        WITH ORDINALITY AS k(${FILTER_KEYS}, after_us, after_id, lim, i)
      CROSS JOIN LATERAL (
        SELECT ${EVENT_COLUMNS} FROM events.event e
        WHERE ${filterWhere(keys)}
          AND (k.after_id IS NULL
            OR (e.reported_at, e.id) < (timestamptz 'epoch' + k.after_us * interval '1 microsecond', k.after_id))
          AND ${inScope('e.address_code')}
          AND ${window.text}
        ORDER BY e.reported_at DESC, e.id DESC LIMIT k.lim
      ) p`,
      [
        ...filterColumns(keys, communities),
        keys.map((k) => k.after?.[0] ?? null),
        keys.map((k) => k.after?.[1] ?? null),
        keys.map((k) => k.first + 1),
        ...scope,
        ...window.values,
      ],
    );
    return tagRows(rows, (r) => Number(r.key) - 1);
  }

  async function widePage(k: EventsKey): Promise<EventRow[]> {
    const after = k.after && sql`(e.reported_at, e.id) < (timestamptz 'epoch' + ${k.after[0]}::bigint * interval '1 microsecond', ${k.after[1]}::text)`;
    const statement = sql`/* events.eventPageWide */
      SELECT ${raw(EVENT_COLUMNS)} FROM events.event e
      WHERE ${and(...filterConditions(k, communities), after)}
      ORDER BY e.reported_at DESC, e.id DESC LIMIT ${k.first + 1}::int`;
    return query<EventRow>(db, statement.text, statement.values);
  }

  return {
    /** Events by id, in any order; unknown ids (and, when confined, events elsewhere) are simply absent. */
    async findEventsByIds(ids: readonly string[]): Promise<EventRow[]> {
      return query<EventRow>(db,
        `/* events.findEventsByIds */ SELECT ${EVENT_COLUMNS} FROM events.event e
        WHERE e.id = ANY(?::text[]) AND ${inScope('e.address_code')}`,
        [ids, ...scope],
      );
    },

    /**
     * One page of events for each key, newest first, LIMIT first + 1 to tell whether a next page
     * exists. Keys below subdistrict level share one statement: a LATERAL range scan of
     * event_address_idx per key over its subtree. A district or subdistrict key gets a statement
     * of its own with its values bound in place, so the planner sees how wide the range is and
     * walks event_reported_idx from the cursor (a page reads its own rows, not the district's).
     */
    async eventPages(keys: readonly EventsKey[]): Promise<(EventRow & { key: number })[]> {
      const narrow = windowGroups(keys, keys.flatMap((k, i) => (isWideSubtree(k.code) ? [] : [i])));
      const wide = keys.flatMap((k, i) => (isWideSubtree(k.code) ? [i] : []));
      const pages = await Promise.all([
        ...narrow.map((group) => narrowPages(group.map((i) => keys[i])).then((rows) => tagRows(rows, (r) => group[r.key]))),
        ...wide.map((i) => widePage(keys[i]).then((rows) => tagRows(rows, i))),
      ]);
      return pages.flat();
    },

    /**
     * Number of events matching each filter, in the order of `keys`: one LATERAL count for the keys
     * below subdistrict level, one statement with bound values for each wider key (as eventPages).
     */
    async eventCounts(keys: readonly EventFilter[]): Promise<number[]> {
      const counts = keys.map(() => 0);
      const narrow = keys.flatMap((k, i) => (isWideSubtree(k.code) ? [] : [i]));
      const wide = keys.flatMap((k, i) => (isWideSubtree(k.code) ? [i] : []));
      // the keys asking for open events only count in statements of their own, over event_open_idx
      const groups = [
        ...windowGroups(keys, narrow.filter((i) => openOnly(keys[i]))).map((group) => ({ group, open: true })),
        ...windowGroups(keys, narrow.filter((i) => !openOnly(keys[i]))).map((group) => ({ group, open: false })),
      ];
      await Promise.all([
        ...groups.map(async ({ group, open }) => {
          const window = windowCondition('e.updated_at', keys[group[0]]);
          const rows = await query<{ key: string | number; n: number }>(db,
            `/* events.eventCounts */
            SELECT k.i AS key, c.n FROM unnest(${FILTER_UNNEST})
              WITH ORDINALITY AS k(${FILTER_KEYS}, i)
            CROSS JOIN LATERAL (
              SELECT count(*)::int AS n FROM events.event e WHERE ${filterWhere(group.map((i) => keys[i]), open)}${open ? ` AND ${OPEN_PREDICATE}` : ''} AND ${inScope('e.address_code')} AND ${window.text}
            ) c`,
            [...filterColumns(group.map((i) => keys[i]), communities), ...scope, ...window.values],
          );
          for (const row of rows) counts[group[Number(row.key) - 1]] = row.n;
        }),
        ...wide.map(async (i) => {
          const statement = sql`/* events.eventCountWide */
            SELECT count(*)::int AS n FROM events.event e WHERE ${and(...filterConditions(keys[i], communities))}`;
          counts[i] = (await query<{ n: number }>(db, statement.text, statement.values))[0]?.n ?? 0;
        }),
      ]);
      return counts;
    },

    /**
     * Event counts per (status, kind) of each address subtree, in the order of `keys`. A grid,
     * community, subdistrict or district key reads the summary rows (the grid's, or the community
     * rows of the range) in one statement for all: events.event_total without `since`; with it,
     * the events.event_daily rows of the whole days from `since` on plus the base rows of the
     * partial day before them (lib/summaries.ts sinceSplit), so the count stays exact to the
     * microsecond. Buildings and rooms count their base rows.
     */
    async eventCountsByStatusAndKind(keys: readonly { code: string; since: Date | null }[]): Promise<EventCountRow[][]> {
      const summarized = keys.flatMap((k, i) => (summaryLevel(k.code) !== null ? [i] : []));
      const based = keys.flatMap((k, i) => (summaryLevel(k.code) !== null ? [] : [i]));
      const out: EventCountRow[][] = keys.map(() => []);
      await Promise.all([
        summarized.length > 0 && (async () => {
          const ranges = summarized.map((i) => scopedRange(keys[i].code, communities));
          const splits = summarized.map((i) => { const since = keys[i].since; return since && { since, ...sinceSplit(since) }; });
          // the day rows and the partial day's base rows only when a key has `since` (so a plain roll-up never plans a base scan)
          const withSince = splits.some((x) => x !== null);
          const sinceBranches = withSince ? `
                UNION ALL
                SELECT d.status, d.kind, d.n FROM events.event_daily d
                WHERE k.since IS NOT NULL AND d.level = k.level AND d.prefix >= k.lo AND d.prefix < k.hi AND d.day >= k.first_day
                  AND ${inScope('d.prefix')}
                UNION ALL
                SELECT e.status, e.kind, 1 FROM events.event e
                WHERE k.since < k.boundary AND e.address_code >= k.lo AND e.address_code < k.hi
                  AND e.reported_at >= k.since AND e.reported_at < k.boundary AND ${inScope('e.address_code')}` : '';
          const rows = await query<EventCountRow & { key: string | number }>(db,
            `/* events.eventSummaryCounts */
            SELECT k.i AS key, g.status, g.kind, g.n FROM unnest(?::smallint[], ?::text[], ?::text[], ?::timestamptz[], ?::date[], ?::timestamptz[])
              WITH ORDINALITY AS k(level, lo, hi, since, first_day, boundary, i)
            CROSS JOIN LATERAL (
              SELECT u.status, u.kind, sum(u.n)::int AS n FROM (
                SELECT s.status, s.kind, s.n FROM events.event_total s
                WHERE k.since IS NULL AND s.level = k.level AND s.prefix >= k.lo AND s.prefix < k.hi AND ${inScope('s.prefix')}${sinceBranches}
              ) u
              GROUP BY u.status, u.kind HAVING sum(u.n) > 0
            ) g`,
            [summarized.map((i) => summaryLevel(keys[i].code)), ranges.map((r) => r.lo), ranges.map((r) => r.hi),
              splits.map((x) => x?.since.toISOString() ?? null), splits.map((x) => x?.firstDay ?? null), splits.map((x) => x?.boundary.toISOString() ?? null),
              ...scope, ...(withSince ? [...scope, ...scope] : [])],
          );
          perKey<EventCountRow>(keys.length, rows, summarized).forEach((list, i) => list.length && (out[i] = list));
        })(),
        based.length > 0 && (async () => {
          const ranges = based.map((i) => scopedRange(keys[i].code, communities));
          const rows = await query<EventCountRow & { key: string | number }>(db,
            `/* events.eventCountsByStatusAndKind */
            SELECT k.i AS key, g.status, g.kind, g.n FROM unnest(?::text[], ?::text[], ?::timestamptz[])
              WITH ORDINALITY AS k(lo, hi, since, i)
            CROSS JOIN LATERAL (
              SELECT e.status, e.kind, count(*)::int AS n FROM events.event e
              WHERE e.address_code >= k.lo AND e.address_code < k.hi AND (k.since IS NULL OR e.reported_at >= k.since)
                AND ${inScope('e.address_code')}
              GROUP BY e.status, e.kind
            ) g`,
            [ranges.map((r) => r.lo), ranges.map((r) => r.hi), based.map((i) => keys[i].since?.toISOString() ?? null), ...scope],
          );
          perKey<EventCountRow>(keys.length, rows, based).forEach((list, i) => list.length && (out[i] = list));
        })(),
      ]);
      return out;
    },

    /**
     * Events reported per bucket of each key's window, in the order of `keys` (only buckets with
     * events; lib/summaries.ts fillTrend adds the empty ones). Grid to district keys read the day
     * rows of events.event_daily (the grid's, or the community rows of the range) and truncate
     * them to weeks or months in SQL; buildings and rooms group their base rows by local day.
     */
    async eventTrends(keys: readonly EventTrendKey[]): Promise<TrendPoint[][]> {
      const summarized = keys.flatMap((k, i) => (summaryLevel(k.code) !== null ? [i] : []));
      const based = keys.flatMap((k, i) => (summaryLevel(k.code) !== null ? [] : [i]));
      const out: TrendPoint[][] = keys.map(() => []);
      const kinds = (ix: readonly number[]) => ix.map((i) => keys[i].kinds?.join(',') ?? null);
      const buckets = (ix: readonly number[]) => ix.map((i) => keys[i].bucket);
      await Promise.all([
        summarized.length > 0 && (async () => {
          const ranges = summarized.map((i) => scopedRange(keys[i].code, communities));
          const rows = await query<TrendPoint & { key: string | number }>(db,
            `/* events.eventTrendSummary */
            SELECT k.i AS key, g.start, g.count FROM unnest(?::smallint[], ?::text[], ?::text[], ?::text[], ?::date[], ?::date[], ?::text[])
              WITH ORDINALITY AS k(level, lo, hi, kinds, from_day, to_day, bucket, i)
            CROSS JOIN LATERAL (
              SELECT to_char(date_trunc(k.bucket, d.day::timestamp), 'YYYY-MM-DD') AS start, sum(d.n)::int AS count
              FROM events.event_daily d
              WHERE d.level = k.level AND d.prefix >= k.lo AND d.prefix < k.hi AND d.day >= k.from_day AND d.day <= k.to_day
                AND (k.kinds IS NULL OR d.kind = ANY(string_to_array(k.kinds, ',')))
                AND ${inScope('d.prefix')}
              GROUP BY 1 HAVING sum(d.n) > 0
            ) g`,
            [summarized.map((i) => summaryLevel(keys[i].code)), ranges.map((r) => r.lo), ranges.map((r) => r.hi), kinds(summarized),
              summarized.map((i) => keys[i].from), summarized.map((i) => keys[i].to), buckets(summarized), ...scope],
          );
          perKey<TrendPoint>(keys.length, rows, summarized).forEach((list, i) => list.length && (out[i] = list));
        })(),
        based.length > 0 && (async () => {
          const ranges = based.map((i) => scopedRange(keys[i].code, communities));
          const rows = await query<TrendPoint & { key: string | number }>(db,
            `/* events.eventTrendBase */
            SELECT k.i AS key, g.start, g.count FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::text[])
              WITH ORDINALITY AS k(lo, hi, kinds, from_at, to_at, bucket, i)
            CROSS JOIN LATERAL (
              SELECT to_char(date_trunc(k.bucket, timezone('UTC', e.reported_at) + interval '8 hours'), 'YYYY-MM-DD') AS start, count(*)::int AS count
              FROM events.event e
              WHERE e.address_code >= k.lo AND e.address_code < k.hi AND e.reported_at >= k.from_at AND e.reported_at < k.to_at
                AND (k.kinds IS NULL OR e.kind = ANY(string_to_array(k.kinds, ',')))
                AND ${inScope('e.address_code')}
              GROUP BY 1
            ) g`,
            [ranges.map((r) => r.lo), ranges.map((r) => r.hi), kinds(based),
              based.map((i) => localMidnight(keys[i].from).toISOString()), based.map((i) => localMidnight(nextDay(keys[i].to)).toISOString()),
              buckets(based), ...scope],
          );
          perKey<TrendPoint>(keys.length, rows, based).forEach((list, i) => list.length && (out[i] = list));
        })(),
      ]);
      return out;
    },

    /** People taking part in each event (visible events only), by event then person id. */
    async peopleOfEvents(eventIds: readonly string[]): Promise<EventPersonRow[]> {
      return query<EventPersonRow>(db,
        `/* events.peopleOfEvents */
        SELECT ep.event_id AS "eventId", ep.person_id AS "personId", ep.role FROM events.event_person ep
        WHERE ep.event_id = ANY(?::text[]) AND ${eventInScope('ep.event_id')}
        ORDER BY ep.event_id, ep.person_id`,
        [eventIds, ...scope],
      );
    },

    /** The history of each event (visible events only), oldest first. */
    async historyOfEvents(eventIds: readonly string[]): Promise<EventHistoryRow[]> {
      return query<EventHistoryRow>(db,
        `/* events.historyOfEvents */
        SELECT h.event_id AS "eventId", h.at, h.actor, h.action, h.from_status AS "fromStatus", h.to_status AS "toStatus", h.note, h.version
        FROM events.event_history h
        WHERE h.event_id = ANY(?::text[]) AND ${eventInScope('h.event_id')}
        ORDER BY h.event_id, h.id`,
        [eventIds, ...scope],
      );
    },

    /** Legal entities taking part in each event (visible events only), by event then credit code. */
    async entitiesOfEvents(eventIds: readonly string[]): Promise<EventEntityRow[]> {
      return query<EventEntityRow>(db,
        `/* events.entitiesOfEvents */
        SELECT ee.event_id AS "eventId", ee.credit_code AS "creditCode", ee.role FROM events.event_entity ee
        WHERE ee.event_id = ANY(?::text[]) AND ${eventInScope('ee.event_id')}
        ORDER BY ee.event_id, ee.credit_code`,
        [eventIds, ...scope],
      );
    },
  };
}

export type EventRepository = ReturnType<typeof createEventRepository>;

/** A new event as the field app reports it. */
export type NewEventRow = {
  id: string;
  kind: EventKind;
  source: EventRow['source'];
  severity: EventRow['severity'];
  description: string;
  addressCode: string;
  addressText: string | null;
  addressConfidence: number | null;
  reportedBy: string;
};

/** The columns a transition sets; absent ones keep their value, null clears. */
export type EventChange = {
  status: EventStatus;
  resolvedAt?: 'now' | null;
  closedAt?: 'now' | null;
  assignedUnit?: string | null;
  assignedPersonId?: string | null;
};

export type HistoryInsert = Omit<EventHistoryRow, 'at'> & { requestId: string | null; auditId: number | null };

/** A timestamp column's new value: the transaction's time, null, or unchanged. */
const stamp = (column: string, value: 'now' | null | undefined) =>
  value === undefined ? raw(column) : value === 'now' ? raw('now()') : raw('NULL');

/**
 * The writes of the events subgraph, each inside the caller's transaction (`trx`), or, for
 * reportEvent, one statement on its own (atomic by itself). With
 * `communities` (a confined viewer) an event outside them is not found, exactly like an unknown id.
 */
export function createEventWriter(communities: readonly string[] | null) {
  const scope = [communities, communities] as const;
  return {
    /**
     * Inserts a reported event and its REPORT history row (naming the audit record) in one
     * statement: atomic without a transaction of its own, one round trip.
     */
    async reportEvent(db: Db, e: NewEventRow, h: { requestId: string | null; auditId: number | null }): Promise<EventRow> {
      const [row] = await query<EventRow>(db,
        `/* events.reportEvent */ WITH e AS (
          INSERT INTO events.event AS e (id, kind, source, severity, status, reported_at, description,
            address_code, address_text, address_confidence, reported_by, field_changed_at)
          VALUES (?, ?, ?, ?, 'REPORTED', now(), ?, ?, ?, ?, ?, now())
          RETURNING ${EVENT_COLUMNS}
        ), h AS (
          INSERT INTO events.event_history (event_id, actor, action, from_status, to_status, note, version, request_id, audit_id)
          SELECT e.id, ?, 'REPORT', NULL, 'REPORTED', NULL, e.version, ?, ?::bigint FROM e
        )
        SELECT * FROM e`,
        [e.id, e.kind, e.source, e.severity, e.description, e.addressCode, e.addressText, e.addressConfidence, e.reportedBy,
          e.reportedBy, h.requestId, h.auditId]);
      return row;
    },

    /**
     * Applies a change if the event is still at `version` (never a lost update: the UPDATE itself
     * checks it), bumping the version and marking it changed by the field app, and appends its
     * history row (with the new version and the audit record) in the same statement. Null when
     * the version moved (nothing written).
     */
    async changeEventWithHistory(trx: Db, id: string, version: number, change: EventChange, h: Omit<HistoryInsert, 'eventId' | 'version'>): Promise<EventRow | null> {
      const set = sql`status = ${change.status}, version = e.version + 1, field_changed_at = now(),
        resolved_at = ${stamp('e.resolved_at', change.resolvedAt)}, closed_at = ${stamp('e.closed_at', change.closedAt)},
        assigned_unit = ${change.assignedUnit === undefined ? raw('e.assigned_unit') : change.assignedUnit},
        assigned_person_id = ${change.assignedPersonId === undefined ? raw('e.assigned_person_id') : change.assignedPersonId}`;
      const statement = sql`/* events.changeEventWithHistory */ WITH e AS (
          UPDATE events.event AS e SET ${set}
          WHERE e.id = ${id} AND e.version = ${version}::int RETURNING ${raw(EVENT_COLUMNS)}
        ), h AS (
          INSERT INTO events.event_history (event_id, actor, action, from_status, to_status, note, version, request_id, audit_id)
          SELECT e.id, ${h.actor}, ${h.action}, ${h.fromStatus}, ${h.toStatus}, ${h.note}, e.version, ${h.requestId}, ${h.auditId}::bigint FROM e
        )
        SELECT * FROM e`;
      const [row] = await query<EventRow>(trx, statement.text, statement.values);
      return row ?? null;
    },

    /** The event as it is now, read in the transaction (in scope only), or null. */
    async findEvent(trx: Db, id: string): Promise<EventRow | null> {
      const [row] = await query<EventRow>(trx,
        `/* events.findEvent */ SELECT ${EVENT_COLUMNS} FROM events.event e WHERE e.id = ? AND ${inScope('e.address_code')}`,
        [id, ...scope]);
      return row ?? null;
    },

    /** The event locked for a change (FOR UPDATE), or null when unknown or out of the viewer's scope. */
    async lockEvent(trx: Db, id: string): Promise<EventRow | null> {
      const [row] = await query<EventRow>(trx,
        `/* events.lockEvent */ SELECT ${EVENT_COLUMNS} FROM events.event e WHERE e.id = ? AND ${inScope('e.address_code')} FOR UPDATE`,
        [id, ...scope]);
      return row ?? null;
    },

    /** Links a person (false when already linked: the role is left as it was). */
    async addPerson(trx: Db, eventId: string, personId: string, role: EventRole): Promise<boolean> {
      const rows = await query(trx,
        `/* events.addPerson */ INSERT INTO events.event_person (event_id, person_id, role) VALUES (?, ?, ?)
        ON CONFLICT (event_id, person_id) DO NOTHING RETURNING event_id`, [eventId, personId, role]);
      return rows.length > 0;
    },

    /** Links a legal entity (false when already linked). */
    async addEntity(trx: Db, eventId: string, creditCode: string, role: 'INVOLVED' | 'RESPONSIBLE'): Promise<boolean> {
      const rows = await query(trx,
        `/* events.addEntity */ INSERT INTO events.event_entity (event_id, credit_code, role) VALUES (?, ?, ?)
        ON CONFLICT (event_id, credit_code) DO NOTHING RETURNING event_id`, [eventId, creditCode, role]);
      return rows.length > 0;
    },
  };
}

export type EventWriter = ReturnType<typeof createEventWriter>;
