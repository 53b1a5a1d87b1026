/**
 * Every SQL statement of the alerts subgraph and of the monitor that raises alerts. Reads and
 * writes only the `alerts` schema: addresses, events and cases are known here by their keys, and
 * the monitor learns them through the gateway (monitor/evaluate.ts).
 */
import { subtreeRange } from '../../lib/address-code.ts';
import { query, type Db } from '../../lib/db.ts';
import { inScope } from '../../lib/community-scope.ts';
import { tagRows } from '../../lib/pagination.ts';
import { summaryLevel } from '../../lib/summaries.ts';

export type AlertStatus = 'OPEN' | 'ACKNOWLEDGED' | 'CLOSED';
export type AlertSeverity = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

/** What triggered an alert, as stored: figures and ids, never personal data. */
export type Evidence = {
  summary: string;
  counts: { name: string; value: number }[];
  eventIds: string[];
  caseIds: string[];
  observedAt: string;
};

export type AlertRow = {
  id: string;
  rule: string;
  severity: AlertSeverity;
  addressCode: string;
  status: AlertStatus;
  evidence: Evidence;
  raisedAt: string;
  /** raised_at with microseconds (ISO 8601, UTC), the cursor's sort key. */
  raisedAtUs: string;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  closedBy: string | null;
  closedAt: string | null;
  clearedAt: string | null;
  version: number;
};

const ALERT_COLUMNS = `
  a.id, a.rule, a.severity, a.address_code AS "addressCode", a.status, a.evidence,
  to_char(a.raised_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "raisedAt",
  to_char(a.raised_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "raisedAtUs",
  a.acknowledged_by AS "acknowledgedBy", to_char(a.acknowledged_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "acknowledgedAt",
  a.closed_by AS "closedBy", to_char(a.closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "closedAt",
  to_char(a.cleared_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "clearedAt", a.version`;

/** Which alerts a list or a count covers; null parts do not restrict. */
export type AlertFilter = {
  /** Canonical address code of the subtree; null: every address. */
  code: string | null;
  rules: readonly string[] | null;
  severities: readonly AlertSeverity[] | null;
  statuses: readonly AlertStatus[] | null;
};

/** One page of alerts, newest first; `after` is the (raisedAtUs, id) of the last alert seen. */
export type AlertsKey = AlertFilter & { first: number; after: readonly [string, string] | null };

/** Every code sorts below this (codes are digits and uppercase letters). */
const ALL = { lo: '', hi: '~' };

function filterColumns(keys: readonly AlertFilter[]) {
  const ranges = keys.map((k) => (k.code === null ? ALL : subtreeRange(k.code)));
  return [
    ranges.map((r) => r.lo),
    ranges.map((r) => r.hi),
    keys.map((k) => k.rules?.join(',') ?? null),
    keys.map((k) => k.severities?.join(',') ?? null),
    keys.map((k) => k.statuses?.join(',') ?? null),
  ];
}
const FILTER_UNNEST = `?::text[], ?::text[], ?::text[], ?::text[], ?::text[]`;
const FILTER_KEYS = 'lo, hi, rules, severities, statuses';
const FILTER_WHERE = `
  a.address_code >= k.lo AND a.address_code < k.hi
  AND (k.rules IS NULL OR a.rule = ANY(string_to_array(k.rules, ',')))
  AND (k.severities IS NULL OR a.severity = ANY(string_to_array(k.severities, ',')))
  AND (k.statuses IS NULL OR a.status = ANY(string_to_array(k.statuses, ',')))`;

/**
 * The read statements of one request. With `communities` (a confined viewer) every statement sees
 * only alerts at addresses under those communities.
 */
export function createAlertRepository(db: Db, communities: readonly string[] | null = null) {
  const scope = [communities, communities] as const;
  return {
    /** Alerts by id, in any order; unknown ids (and, when confined, alerts elsewhere) are absent. */
    async findAlertsByIds(ids: readonly string[]): Promise<AlertRow[]> {
      return query<AlertRow>(db,
        `/* alerts.findAlertsByIds */ SELECT ${ALERT_COLUMNS} FROM alerts.alert a WHERE a.id = ANY(?::text[]) AND ${inScope('a.address_code')}`,
        [ids, ...scope]);
    },

    /** One page per key (LIMIT first + 1), newest first: one statement, a LATERAL range scan of alert_address_idx per key. */
    async alertPages(keys: readonly AlertsKey[]): Promise<(AlertRow & { key: number })[]> {
      const rows = await query<AlertRow & { key: string | number }>(db,
        `/* alerts.alertPages */
        SELECT k.i AS key, p.* FROM unnest(${FILTER_UNNEST}, ?::timestamptz[], ?::text[], ?::int[])
          WITH ORDINALITY AS k(${FILTER_KEYS}, after_at, after_id, lim, i)
        CROSS JOIN LATERAL (
          SELECT ${ALERT_COLUMNS} FROM alerts.alert a
          WHERE ${FILTER_WHERE}
            AND (k.after_id IS NULL OR (a.raised_at, a.id) < (k.after_at, k.after_id))
            AND ${inScope('a.address_code')}
          ORDER BY a.raised_at DESC, a.id DESC LIMIT k.lim
        ) p`,
        [...filterColumns(keys), keys.map((k) => k.after?.[0] ?? null), keys.map((k) => k.after?.[1] ?? null), keys.map((k) => k.first + 1), ...scope]);
      return tagRows(rows, (r) => Number(r.key) - 1);
    },

    /**
     * Number of alerts matching each filter, in key order. A community or grid key, or a wider
     * one, sums its rows of alerts.alert_total (the community rows of its range, or the grid's):
     * one statement for all of them. Of the others (a building, a room, every address), the keys
     * asking for live alerts only (OPEN, ACKNOWLEDGED) count in a statement of their own, with
     * the predicate of alert_live_address_idx written out so the planner can use that index (an
     * index-only scan), and the rest in another.
     */
    async alertCounts(keys: readonly AlertFilter[]): Promise<number[]> {
      const counts = keys.map(() => 0);
      const fromSummary = (k: AlertFilter) => k.code !== null && summaryLevel(k.code) !== null;
      const summarized = keys.flatMap((k, i) => (fromSummary(k) ? [i] : []));
      const based = keys.flatMap((k, i) => (fromSummary(k) ? [] : [i]));
      const live = (k: AlertFilter) => !!k.statuses?.length && k.statuses.every((s) => s !== 'CLOSED');
      const groups = [based.filter((i) => live(keys[i])), based.filter((i) => !live(keys[i]))];
      await Promise.all([
        summarized.length > 0 && (async () => {
          const group = summarized.map((i) => keys[i]);
          const rows = await query<{ key: string | number; n: number }>(db,
            `/* alerts.alertSummaryCounts */
            SELECT k.i AS key, (
              SELECT coalesce(sum(s.n), 0) FROM alerts.alert_total s
              WHERE s.level = k.level AND s.prefix >= k.lo AND s.prefix < k.hi
                AND (k.rules IS NULL OR s.rule = ANY(string_to_array(k.rules, ',')))
                AND (k.severities IS NULL OR s.severity = ANY(string_to_array(k.severities, ',')))
                AND (k.statuses IS NULL OR s.status = ANY(string_to_array(k.statuses, ',')))
                AND ${inScope('s.prefix')}
            )::int AS n
            FROM unnest(?::smallint[], ${FILTER_UNNEST}) WITH ORDINALITY AS k(level, ${FILTER_KEYS}, i)`,
            [...scope, group.map((k) => summaryLevel(k.code!)), ...filterColumns(group)]);
          for (const r of rows) counts[summarized[Number(r.key) - 1]] = r.n;
        })(),
        ...groups.map(async (group, g) => {
          if (group.length === 0) return;
          const rows = await query<{ key: string | number; n: number }>(db,
            `/* alerts.alertCounts */
            SELECT k.i AS key, n.n FROM unnest(${FILTER_UNNEST}) WITH ORDINALITY AS k(${FILTER_KEYS}, i)
            CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM alerts.alert a WHERE ${FILTER_WHERE}${g === 0 ? ` AND a.status <> 'CLOSED'` : ''} AND ${inScope('a.address_code')}) n`,
            [...filterColumns(group.map((i) => keys[i])), ...scope]);
          for (const r of rows) counts[group[Number(r.key) - 1]] = r.n;
        }),
      ]);
      return counts;
    },
  };
}
export type AlertRepository = ReturnType<typeof createAlertRepository>;

/** The statements of a mutation (alertAcknowledge, alertClose), inside its transaction. */
export function createAlertWriter(communities: readonly string[] | null) {
  const scope = [communities, communities] as const;
  return {
    /** The alert, locked for the change; null when unknown or outside the viewer's communities. */
    async lockAlert(trx: Db, id: string): Promise<AlertRow | null> {
      const [row] = await query<AlertRow>(trx,
        `/* alerts.lockAlert */ SELECT ${ALERT_COLUMNS} FROM alerts.alert a WHERE a.id = ? AND ${inScope('a.address_code')} FOR UPDATE`,
        [id, ...scope]);
      return row ?? null;
    },
    async findAlert(trx: Db, id: string): Promise<AlertRow | null> {
      const [row] = await query<AlertRow>(trx, `/* alerts.findAlert */ SELECT ${ALERT_COLUMNS} FROM alerts.alert a WHERE a.id = ? AND ${inScope('a.address_code')}`, [id, ...scope]);
      return row ?? null;
    },
    /** Moves the alert to `to` at `version` (optimistic: null when it changed meanwhile). */
    async changeStatus(trx: Db, id: string, version: number, to: 'ACKNOWLEDGED' | 'CLOSED', actor: string): Promise<AlertRow | null> {
      const [row] = await query<AlertRow>(trx,
        `/* alerts.changeStatus */ UPDATE alerts.alert a SET status = ?, version = a.version + 1,
          acknowledged_by = CASE WHEN ? = 'ACKNOWLEDGED' THEN ? ELSE a.acknowledged_by END,
          acknowledged_at = CASE WHEN ? = 'ACKNOWLEDGED' THEN now() ELSE a.acknowledged_at END,
          closed_by = CASE WHEN ? = 'CLOSED' THEN ? ELSE a.closed_by END,
          closed_at = CASE WHEN ? = 'CLOSED' THEN now() ELSE a.closed_at END
        WHERE a.id = ? AND a.version = ?
        RETURNING ${ALERT_COLUMNS}`,
        [to, to, actor, to, to, actor, to, id, version]);
      return row ?? null;
    },
  };
}

/** An alert the monitor knows of for a rule: live (not closed), or closed by a person while the condition held. */
export type TrackedAlert = { id: string; addressCode: string; status: AlertStatus; evidence: Evidence };

/** What the monitor found at one address. */
export type Finding = { addressCode: string; evidence: Evidence };

export type RunRecord = {
  rule: string; scope: string; mode: 'FULL' | 'INCREMENTAL'; startedAt: Date; watermark: Date;
  checked: number; raised: number; updated: number; closed: number; operations: number;
};

/** The monitor's statements (monitor/run.ts): what it tracks, raises, refreshes and closes. */
export function createMonitorStore(db: Db) {
  return {
    /** Alerts of `rule` under `prefix` that the monitor must account for: not closed, or closed by a person with the condition not yet cleared. */
    async tracked(rule: string, prefix: string): Promise<TrackedAlert[]> {
      const { lo, hi } = subtreeRange(prefix);
      return query<TrackedAlert>(db,
        `/* alerts.monitorTracked */ SELECT a.id, a.address_code AS "addressCode", a.status, a.evidence FROM alerts.alert a
        WHERE a.rule = ? AND a.address_code >= ? AND a.address_code < ? AND (a.status <> 'CLOSED' OR a.cleared_at IS NULL AND a.closed_by <> 'monitor')`,
        [rule, lo, hi]);
    },
    /** Raises one alert per finding; a finding whose (rule, address) already has a live alert is skipped (the dedup key). Returns how many were raised. */
    async raise(rule: string, severity: AlertSeverity, findings: readonly Finding[], ids: readonly string[]): Promise<number> {
      if (findings.length === 0) return 0;
      const rows = await query<{ id: string }>(db,
        `/* alerts.monitorRaise */ INSERT INTO alerts.alert (id, rule, severity, address_code, evidence)
        SELECT f.id, ?, ?, f.code, f.evidence::jsonb FROM unnest(?::text[], ?::text[], ?::text[]) AS f(id, code, evidence)
        ON CONFLICT (rule, address_code) WHERE status <> 'CLOSED' DO NOTHING
        RETURNING id`,
        [rule, severity, ids, findings.map((f) => f.addressCode), findings.map((f) => JSON.stringify(f.evidence))]);
      return rows.length;
    },
    /** Replaces the evidence of live alerts whose condition still holds (new counts or ids). */
    async refresh(updates: readonly { id: string; evidence: Evidence }[]): Promise<void> {
      if (updates.length === 0) return;
      await query(db,
        `/* alerts.monitorRefresh */ UPDATE alerts.alert a SET evidence = u.evidence::jsonb, evidence_at = now()
        FROM unnest(?::text[], ?::text[]) AS u(id, evidence) WHERE a.id = u.id AND a.status <> 'CLOSED'`,
        [updates.map((u) => u.id), updates.map((u) => JSON.stringify(u.evidence))]);
    },
    /** The condition of these alerts cleared: live ones are closed by `monitor`, manually closed ones marked cleared. Returns how many were closed. */
    async clear(ids: readonly string[]): Promise<number> {
      if (ids.length === 0) return 0;
      const rows = await query<{ closed: boolean }>(db,
        `/* alerts.monitorClear */ UPDATE alerts.alert a SET
          closed_by = CASE WHEN a.status <> 'CLOSED' THEN 'monitor' ELSE a.closed_by END,
          closed_at = CASE WHEN a.status <> 'CLOSED' THEN now() ELSE a.closed_at END,
          version = CASE WHEN a.status <> 'CLOSED' THEN a.version + 1 ELSE a.version END,
          status = 'CLOSED', cleared_at = now()
        FROM (SELECT id, status <> 'CLOSED' AS was_live FROM alerts.alert WHERE id = ANY(?::text[])) b
        WHERE a.id = b.id
        RETURNING b.was_live AS closed`,
        [ids]);
      return rows.filter((r) => r.closed).length;
    },
    /**
     * The watermark a run starts from, on the database's clock (the clock every updated_at is set
     * by): now(), or the start of the oldest transaction still open on the server if earlier. A row
     * changed by a transaction carries its transaction's start as updated_at (now() is the
     * transaction's time), so a transaction that began before this instant and commits during or
     * after the run has updated_at < now(); taking its start as the watermark makes the next run's
     * `updatedSince` include it. Transactions of this database only: the subgraphs' schemas live
     * in one database (a layout that splits them must look at each one). pg_stat_activity shows other roles' transactions only to
     * superusers and pg_read_all_stats; without them (or on PGlite, one connection per database,
     * nothing to see) it is now().
     */
    async databaseClock(): Promise<Date> {
      try {
        const [row] = await query<{ at: Date }>(db,
          `/* alerts.monitorClock */ SELECT least(now(), (SELECT min(xact_start) FROM pg_stat_activity
            WHERE datname = current_database() AND backend_type = 'client backend' AND xact_start IS NOT NULL)) AS at`);
        return new Date(row.at);
      } catch {
        const [row] = await query<{ at: Date }>(db, `/* alerts.monitorClock */ SELECT now() AS at`);
        return new Date(row.at);
      }
    },
    /** The watermark of the last run of `rule` over `scope`; null before the first. */
    async lastWatermark(rule: string, scope: string): Promise<Date | null> {
      const [row] = await query<{ watermark: Date }>(db,
        `/* alerts.monitorWatermark */ SELECT watermark FROM alerts.monitor_run WHERE rule = ? AND scope = ? ORDER BY id DESC LIMIT 1`, [rule, scope]);
      return row ? new Date(row.watermark) : null;
    },
    async recordRun(r: RunRecord): Promise<void> {
      await query(db,
        `/* alerts.monitorRecordRun */ INSERT INTO alerts.monitor_run (rule, scope, mode, started_at, watermark, checked, raised, updated, closed, operations)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [r.rule, r.scope, r.mode, r.startedAt, r.watermark, r.checked, r.raised, r.updated, r.closed, r.operations]);
    },
  };
}
export type MonitorStore = ReturnType<typeof createMonitorStore>;
