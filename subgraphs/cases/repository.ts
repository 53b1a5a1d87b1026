/**
 * Every SQL statement of the cases subgraph. Reads only the `cases` schema: addresses, people,
 * legal entities and events are known here by their keys alone.
 */
import { query, type Db } from '../../lib/db.ts';
import { inScope, isWideSubtree, scopeCondition, scopedRange } from '../../lib/community-scope.ts';
import { and, isoInstant, raw, sql, windowCondition, windowGroups } from '../../lib/sql.ts';
import { tagRows } from '../../lib/pagination.ts';
import { perKey, summaryLevel, type TrendBucket, type TrendPoint } from '../../lib/summaries.ts';

export type CaseKind = 'MEDIATION' | 'LITIGATION' | 'PETITION' | 'LEGAL_AID' | 'ARBITRATION' | 'FINANCIAL';
export type CaseStatus = 'FILED' | 'ACCEPTED' | 'IN_PROGRESS' | 'CLOSED';
export type CaseOutcome = 'MEDIATED' | 'WITHDRAWN' | 'JUDGED' | 'REFERRED' | 'REJECTED' | 'FAILED';

export type CaseRow = {
  id: string;
  kind: CaseKind;
  status: CaseStatus;
  /** 'YYYY-MM-DD' (lib/db.ts keeps dates as strings). */
  filedOn: string;
  closedOn: string | null;
  outcome: CaseOutcome | null;
  summary: string;
  addressCode: string;
  /** When the row last changed (a trigger keeps it), ISO 8601 in UTC (isoInstant in lib/sql.ts). */
  updatedAt: string;
  /** +1 on every change (mutations, and a trigger for any other update). */
  version: number;
};

/** One party of a case: exactly one of personId and creditCode is set. */
export type CasePartyRow = {
  caseId: string;
  partyNo: number;
  role: 'APPLICANT' | 'RESPONDENT' | 'THIRD_PARTY';
  personId: string | null;
  creditCode: string | null;
};

export type CaseEventRow = { caseId: string; eventId: string };

export type PartyRole = CasePartyRow['role'];

export type CaseAction = 'OPEN' | 'ACCEPT' | 'START' | 'CLOSE' | 'REOPEN' | 'ADD_PARTY';

/** One change made through a mutation (cases.case_history). */
export type CaseHistoryRow = {
  caseId: string;
  at: Date;
  actor: string;
  action: CaseAction;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus;
  /** The outcome a CLOSE gave; null for every other action. */
  outcome: CaseOutcome | null;
  note: string | null;
  version: number;
};

/** One column list for every case query, snake_case aliased to the row type. */
const CASE_COLUMNS = `
  c.id, c.kind, c.status, c.filed_on AS "filedOn", c.closed_on AS "closedOn", c.outcome, c.summary,
  c.address_code AS "addressCode", ${isoInstant('c.updated_at')} AS "updatedAt", c.version`;

/** Which cases of an address subtree a list or a count covers; null means no restriction. */
export type CaseFilter = {
  /** Canonical address code; the subtree is [code, nextPrefix(code)). */
  code: string;
  statuses: readonly CaseStatus[] | null;
  kinds: readonly CaseKind[] | null;
  /** Only cases filed on or after this date, 'YYYY-MM-DD'. */
  since: string | null;
  /** Only cases filed before this date, 'YYYY-MM-DD' (absent: no restriction, like null). */
  filedBefore?: string | null;
  /** Only cases whose row changed at or after this instant. */
  updatedSince?: Date | null;
  /** Only cases whose row last changed before this instant. */
  updatedBefore?: Date | null;
};

/** One page of an address's cases, newest first; `after` is the (filedOn, id) of the last case seen. */
export type CasesKey = CaseFilter & { first: number; after: readonly [string, string] | null };

/** Number of cases of an address subtree in one (status, kind, outcome) group. */
export type CaseCountRow = { status: CaseStatus; kind: CaseKind; outcome: CaseOutcome | null; n: number };

/** Cases of an address subtree filed per bucket of days, `from` to `to` included. */
export type CaseTrendKey = { code: string; kinds: readonly CaseKind[] | null; from: string; to: string; bucket: TrendBucket };

/**
 * The per-key columns every subtree statement unnests: the code range and the filters. Lists
 * travel as comma-joined text (unnest cannot carry an array per key) and are split in SQL, so a
 * batch is one statement whatever filters its keys carry.
 */
function filterColumns(keys: readonly CaseFilter[], communities: readonly string[] | null) {
  const ranges = keys.map((k) => scopedRange(k.code, communities));
  return [
    ranges.map((r) => r.lo),
    ranges.map((r) => r.hi),
    keys.map((k) => k.statuses?.join(',') ?? null),
    keys.map((k) => k.kinds?.join(',') ?? null),
    keys.map((k) => k.since),
    keys.map((k) => k.filedBefore ?? null),
  ];
}

const FILTER_UNNEST = `?::text[], ?::text[], ?::text[], ?::text[], ?::date[], ?::date[]`;
const FILTER_KEYS = 'lo, hi, statuses, kinds, since, filed_before';
/** The batched statements' WHERE; the batch's updated window is bound after it, one statement per window (windowGroups). */
const FILTER_WHERE = `
  c.address_code >= k.lo AND c.address_code < k.hi
  AND (k.statuses IS NULL OR c.status = ANY(string_to_array(k.statuses, ',')))
  AND (k.kinds IS NULL OR c.kind = ANY(string_to_array(k.kinds, ',')))
  AND (k.since IS NULL OR c.filed_on >= k.since)
  AND (k.filed_before IS NULL OR c.filed_on < k.filed_before)`;

/** The filter of one key as conditions with its values bound in place (the single-key statements). */
function filterConditions(k: CaseFilter, communities: readonly string[] | null) {
  const range = scopedRange(k.code, communities);
  return [
    sql`c.address_code >= ${range.lo} AND c.address_code < ${range.hi}`,
    k.statuses && sql`c.status = ANY(${k.statuses}::text[])`,
    k.kinds && sql`c.kind = ANY(${k.kinds}::text[])`,
    k.since && sql`c.filed_on >= ${k.since}::date`,
    k.filedBefore && sql`c.filed_on < ${k.filedBefore}::date`,
    k.updatedSince && sql`c.updated_at >= ${k.updatedSince}::timestamptz`,
    k.updatedBefore && sql`c.updated_at < ${k.updatedBefore}::timestamptz`,
    scopeCondition('c.address_code', communities),
  ];
}

/** "The case `caseId` names is visible": parties and related events only through visible cases. */
const caseInScope = (caseId: string) => `(?::text[] IS NULL OR EXISTS (
  SELECT 1 FROM cases.legal_case c WHERE c.id = ${caseId} AND left(c.address_code, 12) = ANY(?::text[])))`;

/**
 * The statements of one request. With `communities` (a confined viewer, 12-digit community
 * codes) every statement sees only cases at addresses under those communities, and the parties
 * and events of those cases only. null means unconfined.
 */
export function createCaseRepository(db: Db, communities: readonly string[] | null = null) {
  const scope = [communities, communities] as const;

  /** One statement for keys sharing an updated window (windowGroups). */
  async function narrowPages(keys: readonly CasesKey[]): Promise<(CaseRow & { key: number })[]> {
    const window = windowCondition('c.updated_at', keys[0]);
    const rows = await query<CaseRow & { key: string | number }>(db,
      `/* cases.casePages */
      SELECT k.i AS key, p.* FROM unnest(${FILTER_UNNEST}, ?::date[], ?::text[], ?::int[])
        WITH ORDINALITY AS k(${FILTER_KEYS}, after_on, after_id, lim, i)
      CROSS JOIN LATERAL (
        SELECT ${CASE_COLUMNS} FROM cases.legal_case c
        WHERE ${FILTER_WHERE}
          AND (k.after_id IS NULL OR (c.filed_on, c.id) < (k.after_on, k.after_id))
          AND ${inScope('c.address_code')}
          AND ${window.text}
        ORDER BY c.filed_on DESC, c.id DESC LIMIT k.lim
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

  async function widePage(k: CasesKey): Promise<CaseRow[]> {
    const after = k.after && sql`(c.filed_on, c.id) < (${k.after[0]}::date, ${k.after[1]}::text)`;
    const statement = sql`/* cases.casePageWide */
      SELECT ${raw(CASE_COLUMNS)} FROM cases.legal_case c
      WHERE ${and(...filterConditions(k, communities), after)}
      ORDER BY c.filed_on DESC, c.id DESC LIMIT ${k.first + 1}::int`;
    return query<CaseRow>(db, statement.text, statement.values);
  }

  return {
    /** Cases by id, in any order; unknown ids (and, when confined, cases elsewhere) are simply absent. */
    async findCasesByIds(ids: readonly string[]): Promise<CaseRow[]> {
      return query<CaseRow>(db,
        `/* cases.findCasesByIds */ SELECT ${CASE_COLUMNS} FROM cases.legal_case c
        WHERE c.id = ANY(?::text[]) AND ${inScope('c.address_code')}`,
        [ids, ...scope],
      );
    },

    /**
     * One page of cases for each key, newest filing first, LIMIT first + 1 to tell whether a next
     * page exists. Keys below subdistrict level share one statement: a LATERAL range scan of
     * legal_case_address_idx per key over its subtree. A district or subdistrict key gets a
     * statement of its own with its values bound in place, so the planner sees how wide the range
     * is and walks legal_case_filed_idx from the cursor (a page reads its own rows only).
     */
    async casePages(keys: readonly CasesKey[]): Promise<(CaseRow & { key: number })[]> {
      const narrow = windowGroups(keys, keys.flatMap((k, i) => (isWideSubtree(k.code) ? [] : [i])));
      const wide = keys.flatMap((k, i) => (isWideSubtree(k.code) ? [i] : []));
      const pages = await Promise.all([
        ...narrow.map((group) => narrowPages(group.map((i) => keys[i])).then((rows) => tagRows(rows, (r) => group[r.key]))),
        ...wide.map((i) => widePage(keys[i]).then((rows) => tagRows(rows, i))),
      ]);
      return pages.flat();
    },

    /**
     * Number of cases matching each filter, in the order of `keys`: one LATERAL count for the keys
     * below subdistrict level, one statement with bound values for each wider key (as casePages).
     */
    async caseCounts(keys: readonly CaseFilter[]): Promise<number[]> {
      const counts = keys.map(() => 0);
      const narrow = windowGroups(keys, keys.flatMap((k, i) => (isWideSubtree(k.code) ? [] : [i])));
      const wide = keys.flatMap((k, i) => (isWideSubtree(k.code) ? [i] : []));
      await Promise.all([
        ...narrow.map(async (group) => {
          const window = windowCondition('c.updated_at', keys[group[0]]);
          const rows = await query<{ key: string | number; n: number }>(db,
            `/* cases.caseCounts */
            SELECT k.i AS key, n.n FROM unnest(${FILTER_UNNEST})
              WITH ORDINALITY AS k(${FILTER_KEYS}, i)
            CROSS JOIN LATERAL (
              SELECT count(*)::int AS n FROM cases.legal_case c WHERE ${FILTER_WHERE} AND ${inScope('c.address_code')} AND ${window.text}
            ) n`,
            [...filterColumns(group.map((i) => keys[i]), communities), ...scope, ...window.values],
          );
          for (const row of rows) counts[group[Number(row.key) - 1]] = row.n;
        }),
        ...wide.map(async (i) => {
          const statement = sql`/* cases.caseCountWide */
            SELECT count(*)::int AS n FROM cases.legal_case c WHERE ${and(...filterConditions(keys[i], communities))}`;
          counts[i] = (await query<{ n: number }>(db, statement.text, statement.values))[0]?.n ?? 0;
        }),
      ]);
      return counts;
    },

    /**
     * Case counts per (status, kind, outcome) of each address subtree, in the order of `keys`. A
     * grid, community, subdistrict or district key reads the summary rows (cases.case_total, or
     * cases.case_daily from `since`: the grid's rows, or the community rows of the range) in one
     * statement; buildings, rooms and keys with other filters count their base rows.
     */
    async caseCountsByStatusKindOutcome(keys: readonly Omit<CaseFilter, 'statuses'>[]): Promise<CaseCountRow[][]> {
      const fromSummary = (k: Omit<CaseFilter, 'statuses'>) =>
        summaryLevel(k.code) !== null && !k.filedBefore && !k.updatedSince && !k.updatedBefore;
      const summarized = keys.flatMap((k, i) => (fromSummary(k) ? [i] : []));
      const based = keys.flatMap((k, i) => (fromSummary(k) ? [] : [i]));
      const out: CaseCountRow[][] = keys.map(() => []);
      const kinds = (ix: readonly number[]) => ix.map((i) => keys[i].kinds?.join(',') ?? null);
      await Promise.all([
        summarized.length > 0 && (async () => {
          const ranges = summarized.map((i) => scopedRange(keys[i].code, communities));
          // one statement: the totals for keys without `since`, the day rows from `since` for the others
          const rows = await query<CaseCountRow & { key: string | number }>(db,
            `/* cases.caseSummaryCounts */
            SELECT k.i AS key, g.status, g.kind, nullif(g.outcome, '') AS outcome, g.n
            FROM unnest(?::smallint[], ?::text[], ?::text[], ?::text[], ?::date[]) WITH ORDINALITY AS k(level, lo, hi, kinds, since, i)
            CROSS JOIN LATERAL (
              SELECT s.status, s.kind, s.outcome, sum(s.n)::int AS n FROM cases.case_total s
              WHERE k.since IS NULL AND s.level = k.level AND s.prefix >= k.lo AND s.prefix < k.hi
                AND (k.kinds IS NULL OR s.kind = ANY(string_to_array(k.kinds, ','))) AND ${inScope('s.prefix')}
              GROUP BY s.status, s.kind, s.outcome HAVING sum(s.n) > 0
              UNION ALL
              SELECT d.status, d.kind, d.outcome, sum(d.n)::int AS n FROM cases.case_daily d
              WHERE k.since IS NOT NULL AND d.level = k.level AND d.prefix >= k.lo AND d.prefix < k.hi AND d.day >= k.since
                AND (k.kinds IS NULL OR d.kind = ANY(string_to_array(k.kinds, ','))) AND ${inScope('d.prefix')}
              GROUP BY d.status, d.kind, d.outcome HAVING sum(d.n) > 0
            ) g`,
            [summarized.map((i) => summaryLevel(keys[i].code)), ranges.map((r) => r.lo), ranges.map((r) => r.hi), kinds(summarized),
              summarized.map((i) => keys[i].since), ...scope, ...scope],
          );
          perKey<CaseCountRow>(keys.length, rows, summarized).forEach((list, i) => list.length && (out[i] = list));
        })(),
        based.length > 0 && (async () => {
          const ranges = based.map((i) => scopedRange(keys[i].code, communities));
          const rows = await query<CaseCountRow & { key: string | number }>(db,
            `/* cases.caseCountsByStatusKindOutcome */
            SELECT k.i AS key, g.status, g.kind, g.outcome, g.n FROM unnest(?::text[], ?::text[], ?::text[], ?::date[])
              WITH ORDINALITY AS k(lo, hi, kinds, since, i)
            CROSS JOIN LATERAL (
              SELECT c.status, c.kind, c.outcome, count(*)::int AS n FROM cases.legal_case c
              WHERE c.address_code >= k.lo AND c.address_code < k.hi
                AND (k.kinds IS NULL OR c.kind = ANY(string_to_array(k.kinds, ',')))
                AND (k.since IS NULL OR c.filed_on >= k.since)
                AND ${inScope('c.address_code')}
              GROUP BY c.status, c.kind, c.outcome
            ) g`,
            [ranges.map((r) => r.lo), ranges.map((r) => r.hi), kinds(based), based.map((i) => keys[i].since), ...scope],
          );
          perKey<CaseCountRow>(keys.length, rows, based).forEach((list, i) => list.length && (out[i] = list));
        })(),
      ]);
      return out;
    },

    /**
     * Cases filed per bucket of each key's window, in the order of `keys` (only buckets with
     * cases; lib/summaries.ts fillTrend adds the empty ones). Grid to district keys read the day
     * rows of cases.case_daily and truncate them to weeks or months in SQL; buildings and rooms
     * group their base rows.
     */
    async caseTrends(keys: readonly CaseTrendKey[]): Promise<TrendPoint[][]> {
      const summarized = keys.flatMap((k, i) => (summaryLevel(k.code) !== null ? [i] : []));
      const based = keys.flatMap((k, i) => (summaryLevel(k.code) !== null ? [] : [i]));
      const out: TrendPoint[][] = keys.map(() => []);
      const columns = (ix: readonly number[]) => {
        const ranges = ix.map((i) => scopedRange(keys[i].code, communities));
        return [ranges.map((r) => r.lo), ranges.map((r) => r.hi), ix.map((i) => keys[i].kinds?.join(',') ?? null),
          ix.map((i) => keys[i].from), ix.map((i) => keys[i].to), ix.map((i) => keys[i].bucket)];
      };
      await Promise.all([
        summarized.length > 0 && (async () => {
          const rows = await query<TrendPoint & { key: string | number }>(db,
            `/* cases.caseTrendSummary */
            SELECT k.i AS key, g.start, g.count FROM unnest(?::smallint[], ?::text[], ?::text[], ?::text[], ?::date[], ?::date[], ?::text[])
              WITH ORDINALITY AS k(level, lo, hi, kinds, from_day, to_day, bucket, i)
            CROSS JOIN LATERAL (
              SELECT to_char(date_trunc(k.bucket, d.day::timestamp), 'YYYY-MM-DD') AS start, sum(d.n)::int AS count
              FROM cases.case_daily d
              WHERE d.level = k.level AND d.prefix >= k.lo AND d.prefix < k.hi AND d.day >= k.from_day AND d.day <= k.to_day
                AND (k.kinds IS NULL OR d.kind = ANY(string_to_array(k.kinds, ','))) AND ${inScope('d.prefix')}
              GROUP BY 1 HAVING sum(d.n) > 0
            ) g`,
            [summarized.map((i) => summaryLevel(keys[i].code)), ...columns(summarized), ...scope],
          );
          perKey<TrendPoint>(keys.length, rows, summarized).forEach((list, i) => list.length && (out[i] = list));
        })(),
        based.length > 0 && (async () => {
          const rows = await query<TrendPoint & { key: string | number }>(db,
            `/* cases.caseTrendBase */
            SELECT k.i AS key, g.start, g.count FROM unnest(?::text[], ?::text[], ?::text[], ?::date[], ?::date[], ?::text[])
              WITH ORDINALITY AS k(lo, hi, kinds, from_day, to_day, bucket, i)
            CROSS JOIN LATERAL (
              SELECT to_char(date_trunc(k.bucket, c.filed_on::timestamp), 'YYYY-MM-DD') AS start, count(*)::int AS count
              FROM cases.legal_case c
              WHERE c.address_code >= k.lo AND c.address_code < k.hi AND c.filed_on >= k.from_day AND c.filed_on <= k.to_day
                AND (k.kinds IS NULL OR c.kind = ANY(string_to_array(k.kinds, ','))) AND ${inScope('c.address_code')}
              GROUP BY 1
            ) g`,
            [...columns(based), ...scope],
          );
          perKey<TrendPoint>(keys.length, rows, based).forEach((list, i) => list.length && (out[i] = list));
        })(),
      ]);
      return out;
    },

    /** Parties of each case (visible cases only), by case then party number. */
    async partiesOfCases(caseIds: readonly string[]): Promise<CasePartyRow[]> {
      return query<CasePartyRow>(db,
        `/* cases.partiesOfCases */
        SELECT cp.case_id AS "caseId", cp.party_no AS "partyNo", cp.role, cp.person_id AS "personId",
          cp.credit_code AS "creditCode"
        FROM cases.case_party cp WHERE cp.case_id = ANY(?::text[]) AND ${caseInScope('cp.case_id')}
        ORDER BY cp.case_id, cp.party_no`,
        [caseIds, ...scope],
      );
    },

    /** The history of each case (visible cases only), oldest first. */
    async historyOfCases(caseIds: readonly string[]): Promise<CaseHistoryRow[]> {
      return query<CaseHistoryRow>(db,
        `/* cases.historyOfCases */
        SELECT h.case_id AS "caseId", h.at, h.actor, h.action, h.from_status AS "fromStatus", h.to_status AS "toStatus",
          h.outcome, h.note, h.version
        FROM cases.case_history h
        WHERE h.case_id = ANY(?::text[]) AND ${caseInScope('h.case_id')}
        ORDER BY h.case_id, h.id`,
        [caseIds, ...scope],
      );
    },

    /** Events each case arose from (visible cases only), by case then event id. */
    async eventsOfCases(caseIds: readonly string[]): Promise<CaseEventRow[]> {
      return query<CaseEventRow>(db,
        `/* cases.eventsOfCases */
        SELECT ce.case_id AS "caseId", ce.event_id AS "eventId" FROM cases.case_event ce
        WHERE ce.case_id = ANY(?::text[]) AND ${caseInScope('ce.case_id')}
        ORDER BY ce.case_id, ce.event_id`,
        [caseIds, ...scope],
      );
    },
  };
}

export type CaseRepository = ReturnType<typeof createCaseRepository>;

/** A new case as the field app opens it. */
export type NewCaseRow = {
  id: string;
  kind: CaseKind;
  summary: string;
  addressCode: string;
  addressText: string | null;
  addressConfidence: number | null;
  openedBy: string;
};

/** A party to add: exactly one of personId and creditCode. */
export type NewParty = { role: PartyRole; personId: string | null; creditCode: string | null };

/** The columns a step sets; absent ones keep their value. */
export type CaseChange = {
  status: CaseStatus;
  /** 'today' sets closed_on to the transaction's date in China Standard Time (not before filed_on); null clears it. */
  closedOn?: 'today' | null;
  outcome?: CaseOutcome | null;
};

export type CaseHistoryInsert = Omit<CaseHistoryRow, 'at'> & { requestId: string | null; auditId: number | null };

/** The transaction's date in China Standard Time, as the Date scalar means a date. */
const TODAY = `(now() AT TIME ZONE 'Asia/Shanghai')::date`;

/**
 * The writes of the cases subgraph, each inside the caller's transaction (`trx`). With
 * `communities` (a confined viewer) a case outside them is not found, exactly like an unknown id.
 */
export function createCaseWriter(communities: readonly string[] | null) {
  const scope = [communities, communities] as const;
  return {
    /** Inserts an opened case (FILED today, version 1, changed by the field app now). */
    async insertCase(trx: Db, c: NewCaseRow): Promise<CaseRow> {
      const [row] = await query<CaseRow>(trx,
        `/* cases.insertCase */ INSERT INTO cases.legal_case AS c (id, kind, status, filed_on, summary, address_code,
          address_text, address_confidence, opened_by, field_changed_at)
        VALUES (?, ?, 'FILED', ${TODAY}, ?, ?, ?, ?, ?, now())
        RETURNING ${CASE_COLUMNS}`,
        [c.id, c.kind, c.summary, c.addressCode, c.addressText, c.addressConfidence, c.openedBy]);
      return row;
    },

    /** The case as it is now, read in the transaction (in scope only), or null. */
    async findCase(trx: Db, id: string): Promise<CaseRow | null> {
      const [row] = await query<CaseRow>(trx,
        `/* cases.findCase */ SELECT ${CASE_COLUMNS} FROM cases.legal_case c WHERE c.id = ? AND ${inScope('c.address_code')}`,
        [id, ...scope]);
      return row ?? null;
    },

    /** The case locked for a change (FOR UPDATE), or null when unknown or out of the viewer's scope. */
    async lockCase(trx: Db, id: string): Promise<CaseRow | null> {
      const [row] = await query<CaseRow>(trx,
        `/* cases.lockCase */ SELECT ${CASE_COLUMNS} FROM cases.legal_case c WHERE c.id = ? AND ${inScope('c.address_code')} FOR UPDATE`,
        [id, ...scope]);
      return row ?? null;
    },

    /**
     * Applies a step if the case is still at `version` (the UPDATE itself checks it), bumping the
     * version and marking it changed by the field app; null when the version moved.
     */
    async changeCase(trx: Db, id: string, version: number, change: CaseChange): Promise<CaseRow | null> {
      // never before the filing date (the table's CHECK), should an imported case be filed in the future
      const closedOn = change.closedOn === undefined ? raw('c.closed_on') : change.closedOn === 'today' ? raw(`GREATEST(${TODAY}, c.filed_on)`) : raw('NULL');
      const outcome = change.outcome === undefined ? raw('c.outcome') : change.outcome;
      const statement = sql`/* cases.changeCase */ UPDATE cases.legal_case AS c
        SET status = ${change.status}, closed_on = ${closedOn}, outcome = ${outcome}, version = c.version + 1, field_changed_at = now()
        WHERE c.id = ${id} AND c.version = ${version}::int RETURNING ${raw(CASE_COLUMNS)}`;
      const [row] = await query<CaseRow>(trx, statement.text, statement.values);
      return row ?? null;
    },

    /** The parties of one case, read in the transaction, by party number. */
    async partiesOf(trx: Db, caseId: string): Promise<CasePartyRow[]> {
      return query<CasePartyRow>(trx,
        `/* cases.partiesOf */ SELECT cp.case_id AS "caseId", cp.party_no AS "partyNo", cp.role, cp.person_id AS "personId",
          cp.credit_code AS "creditCode" FROM cases.case_party cp WHERE cp.case_id = ? ORDER BY cp.party_no`,
        [caseId]);
    },

    /** Appends parties after the case's last party number, in the order given (the caller holds the case's lock). */
    async addParties(trx: Db, caseId: string, parties: readonly NewParty[]): Promise<void> {
      if (parties.length === 0) return;
      await query(trx,
        `/* cases.addParties */ INSERT INTO cases.case_party (case_id, party_no, role, person_id, credit_code)
        SELECT ?, coalesce((SELECT max(party_no) FROM cases.case_party WHERE case_id = ?), 0) + p.n, p.role, p.person_id, p.credit_code
        FROM unnest(?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS p(role, person_id, credit_code, n)`,
        [caseId, caseId, parties.map((p) => p.role), parties.map((p) => p.personId), parties.map((p) => p.creditCode)]);
    },

    /** Links the events a case arose from (known here by id only). */
    async addEvents(trx: Db, caseId: string, eventIds: readonly string[]): Promise<void> {
      if (eventIds.length === 0) return;
      await query(trx,
        `/* cases.addEvents */ INSERT INTO cases.case_event (case_id, event_id) SELECT ?, e FROM unnest(?::text[]) AS e
        ON CONFLICT DO NOTHING`,
        [caseId, eventIds]);
    },

    /** Appends a history row. */
    async addHistory(trx: Db, h: CaseHistoryInsert): Promise<void> {
      await query(trx,
        `/* cases.addHistory */ INSERT INTO cases.case_history (case_id, actor, action, from_status, to_status, outcome, note, version, request_id, audit_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [h.caseId, h.actor, h.action, h.fromStatus, h.toStatus, h.outcome, h.note, h.version, h.requestId, h.auditId]);
    },
  };
}

export type CaseWriter = ReturnType<typeof createCaseWriter>;
