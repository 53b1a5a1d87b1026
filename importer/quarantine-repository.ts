/**
 * Every SQL statement of the stewards' quarantine commands (importer/quarantine.ts) against one
 * department schema's `import_quarantine`. Loading a fixed row goes through the importer's own
 * writeBatch (importer/repository.ts), so it meets exactly the rules an import meets.
 */
import { query, type Db } from '../lib/db.ts';
import type { DepartmentKind } from './formats.ts';
import type { LinkLevel, QuarantineReason } from './types.ts';

/** One quarantined row as stored (raw values included: mask before showing). */
export type QuarantineRow = {
  id: number;
  recordId: string | null;
  runId: number;
  fileName: string;
  line: number;
  reason: QuarantineReason;
  detail: string | null;
  address: string | null;
  raw: Record<string, string> | null;
  communityCode: string | null;
  firstSeen: Date;
  lastSeen: Date;
  purgedAt: Date | null;
  /** The minimum link level of the run that quarantined it. */
  minLevel: LinkLevel;
  /** QUARANTINED (waiting), FIXED (loaded by a steward's fix or relink) or DROPPED. */
  status: QuarantineStatus;
  /** When, by whom and why (a drop's reason, what a fix did) it left the quarantine; null while QUARANTINED. */
  resolvedAt: Date | null;
  resolvedBy: string | null;
  resolution: string | null;
  /** What stewards and imports did to it, oldest first (no values). */
  history: QuarantineHistoryEntry[];
};

export const QUARANTINE_STATUSES = ['QUARANTINED', 'FIXED', 'DROPPED'] as const;
export type QuarantineStatus = (typeof QUARANTINE_STATUSES)[number];

/** One step of a quarantined row's history, as kept in its `history` jsonb list. */
export type QuarantineHistoryEntry = {
  action: 'FIXED' | 'FIX_REFUSED' | 'DROPPED' | 'RELINKED' | 'REQUARANTINED';
  at: string;
  /** The steward, or null for an import. */
  by: string | null;
  /** What happened, without values: error codes, the new reason, the drop's reason. */
  note: string | null;
};

export type QuarantineFilter = {
  reason?: QuarantineReason | null;
  /** Only rows of this 12-digit community. */
  community?: string | null;
  /** The viewer's confinement: only rows of these communities (null: all). Rows with no community are outside every confinement. */
  communities?: readonly string[] | null;
  /** Only rows first quarantined at least this many days ago. */
  olderThanDays?: number | null;
  /** Only rows from this file name. */
  file?: string | null;
  /** Only rows whose community lies under this code (6, 9 or 12 digits). */
  communityPrefix?: string | null;
  /** Only rows first quarantined before this instant. */
  receivedBefore?: Date | null;
  /** Only rows first quarantined at or after this instant. */
  receivedSince?: Date | null;
  /** Only rows in this status; default QUARANTINED. */
  status?: QuarantineStatus | null;
};

const COLUMNS = `q.id, q.record_id AS "recordId", q.run_id AS "runId", q.file_name AS "fileName", q.line, q.reason, q.detail, q.address, q.raw,
  q.community_code AS "communityCode", q.first_seen AS "firstSeen", q.last_seen AS "lastSeen", q.purged_at AS "purgedAt", r.min_level AS "minLevel",
  q.status, q.resolved_at AS "resolvedAt", q.resolved_by AS "resolvedBy", q.resolution, q.history`;

type Row = Omit<QuarantineRow, 'id' | 'runId'> & { id: number | string; runId: number | string };
const toRow = (r: Row): QuarantineRow => ({ ...r, id: Number(r.id), runId: Number(r.runId) });

/** The smallest string after every string that starts with the digits `prefix`. */
const nextPrefix = (prefix: string): string => `${prefix.slice(0, -1)}${String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)}`;

/** One history entry as a jsonb list of one, for `history || ?::jsonb`. */
const entry = (action: QuarantineHistoryEntry['action'], by: string | null, note: string | null): string =>
  JSON.stringify([{ action, at: new Date().toISOString(), by, note }]);

/** The WHERE of a filter and its bindings, in order. */
function where(f: QuarantineFilter): { sql: string; bindings: (string | number | Date | null | readonly string[])[] } {
  return {
    sql: `(?::text IS NULL OR q.reason = ?::text)
      AND (?::text IS NULL OR q.community_code = ?::text)
      AND (?::text[] IS NULL OR q.community_code = ANY(?::text[]))
      AND (?::int IS NULL OR q.first_seen < now() - make_interval(days => ?::int))
      AND (?::text IS NULL OR q.file_name = ?::text)
      AND (?::text IS NULL OR (q.community_code >= ?::text AND q.community_code < ?::text))
      AND (?::timestamptz IS NULL OR q.first_seen < ?::timestamptz)
      AND (?::timestamptz IS NULL OR q.first_seen >= ?::timestamptz)
      AND q.status = ?::text`,
    bindings: [f.reason ?? null, f.reason ?? null, f.community ?? null, f.community ?? null, f.communities ?? null, f.communities ?? null,
      f.olderThanDays ?? null, f.olderThanDays ?? null, f.file ?? null, f.file ?? null,
      f.communityPrefix ?? null, f.communityPrefix ?? null, f.communityPrefix ? nextPrefix(f.communityPrefix) : null,
      f.receivedBefore ?? null, f.receivedBefore ?? null, f.receivedSince ?? null, f.receivedSince ?? null, f.status ?? 'QUARANTINED'],
  };
}

export function createQuarantineRepository(db: Db, kind: DepartmentKind) {
  const schema = kind;
  return {
    /** A page of rows, oldest first (ids ascending), after the id `after`. */
    async list(filter: QuarantineFilter, first: number, after: number | null): Promise<QuarantineRow[]> {
      const w = where(filter);
      const rows = await query<Row>(db, `/* quarantine.list */
        SELECT ${COLUMNS} FROM ${schema}.import_quarantine q JOIN ${schema}.import_run r ON r.id = q.run_id
        WHERE ${w.sql} AND (?::bigint IS NULL OR q.id > ?::bigint)
        ORDER BY q.id LIMIT ?`, [...w.bindings, after, after, first]);
      return rows.map(toRow);
    },

    /** Rows matching a filter (for the list's total). */
    async count(filter: QuarantineFilter): Promise<number> {
      const w = where(filter);
      const [row] = await query<{ n: number }>(db, `/* quarantine.count */
        SELECT count(*)::int AS n FROM ${schema}.import_quarantine q WHERE ${w.sql}`, w.bindings);
      return row.n;
    },

    async byId(id: number): Promise<QuarantineRow | null> {
      const [row] = await query<Row>(db, `/* quarantine.byId */
        SELECT ${COLUMNS} FROM ${schema}.import_quarantine q JOIN ${schema}.import_run r ON r.id = q.run_id WHERE q.id = ?`, [id]);
      return row ? toRow(row) : null;
    },

    /** Rows relink may retry: a record id, values kept, one of `reasons`; oldest first. */
    async relinkable(filter: QuarantineFilter & { reasons: readonly QuarantineReason[]; ids?: readonly number[] | null }, limit: number): Promise<QuarantineRow[]> {
      const w = where(filter);
      const rows = await query<Row>(db, `/* quarantine.relinkable */
        SELECT ${COLUMNS} FROM ${schema}.import_quarantine q JOIN ${schema}.import_run r ON r.id = q.run_id
        WHERE ${w.sql} AND q.record_id IS NOT NULL AND q.purged_at IS NULL AND q.reason = ANY(?::text[])
          AND (?::bigint[] IS NULL OR q.id = ANY(?::bigint[]))
        ORDER BY q.id LIMIT ?`, [...w.bindings, filter.reasons, filter.ids ?? null, filter.ids ?? null, limit]);
      return rows.map(toRow);
    },

    /**
     * Marks QUARANTINED rows FIXED or DROPPED (kept for the audit and the retention), with who and
     * what; the ids actually marked (a row resolved meanwhile is not). A FIXED row is marked before
     * its record is loaded, in the same transaction, so the importer's release (which deletes the
     * QUARANTINED rows of loaded records) leaves it.
     */
    async resolve(ids: readonly number[], status: 'FIXED' | 'DROPPED', who: string, resolution: string): Promise<number[]> {
      if (!ids.length) return [];
      const rows = await query<{ id: number | string }>(db, `/* quarantine.resolve */
        UPDATE ${schema}.import_quarantine SET status = ?, resolved_at = now(), resolved_by = ?, resolution = ?, history = history || ?::jsonb
        WHERE id = ANY(?::bigint[]) AND status = 'QUARANTINED' RETURNING id`,
      [status, who, resolution, entry(status, who, resolution), ids.map(String)]);
      return rows.map((r) => Number(r.id));
    },

    /** Notes a steward's refused fix in the row's history (the error codes, no values). */
    async noteRefused(id: number, who: string, note: string): Promise<void> {
      await query(db, `/* quarantine.noteRefused */ UPDATE ${schema}.import_quarantine SET history = history || ?::jsonb WHERE id = ?`,
        [entry('FIX_REFUSED', who, note), id]);
    },

    /** Records what a relink found for rows that still fail, in one statement. */
    async restate(entries: readonly { id: number; reason: QuarantineReason; detail: string; communityCode: string | null }[], who: string): Promise<void> {
      if (!entries.length) return;
      await query(db, `/* quarantine.restate */
        UPDATE ${schema}.import_quarantine q SET reason = u.reason, detail = u.detail, community_code = u.community, last_seen = now(),
          history = q.history || jsonb_build_array(jsonb_build_object('action', 'RELINKED', 'at', now(), 'by', ?::text, 'note', 'still ' || u.reason))
        FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[]) AS u(id, reason, detail, community)
        WHERE q.id = u.id`,
      [who, entries.map((e) => String(e.id)), entries.map((e) => e.reason), entries.map((e) => e.detail), entries.map((e) => e.communityCode)]);
    },
  };
}

export type QuarantineRepository = ReturnType<typeof createQuarantineRepository>;
