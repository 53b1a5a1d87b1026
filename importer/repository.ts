/**
 * Every SQL statement of the importer. Writes only the department's own schema (people,
 * entities, events or cases); reads the buildings schema only for the registry's districts.
 *
 * A batch is written in one transaction: its valid rows are COPYed into a TEMP staging table
 * (dropped at commit); staged codes coarser than a consistent code already on record are
 * replaced by it (a link is never coarsened); rows that would break a unique constraint are
 * marked CONFLICT; then one INSERT ... SELECT ... ON CONFLICT (id) DO UPDATE ... WHERE the
 * columns differ upserts the rest, so an unchanged row is not rewritten and `xmax = 0` in
 * RETURNING tells inserted from updated. The batch's quarantine entries are written in the same
 * transaction, so a batch is either wholly recorded or not at all.
 */
import type { Knex } from 'knex';
import { copyCsv, csvLine, query, type Database, type Db } from '../lib/db.ts';
import type { RegistryDistrict } from './addresses.ts';
import type { DepartmentKind } from './formats.ts';
import type { LinkLevel, QuarantineEntry } from './types.ts';
import type { ValuesOf } from './validate.ts';

/** A validated, linked row ready for staging, with what is needed to quarantine it after all. */
export type StageRow = {
  line: number;
  id: string;
  /** Values in the kind's STAGE column order (after line). */
  values: unknown[];
  level: LinkLevel;
  address: string | null;
  raw: Record<string, string>;
};

/** What writing one batch did. */
export type BatchOutcome = {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows the database side turned away (CONFLICT), now in quarantine. */
  conflicts: QuarantineEntry[];
  /** Lines that were loaded (inserted, updated or unchanged). */
  loadedLines: number[];
};

/** Staging columns per kind: `line`, the record id as `id`, then the target's columns. */
type KindSql = {
  stage: readonly (readonly [string, string])[];
  toStage(values: never, codes: readonly (string | null)[]): unknown[];
  /**
   * Never coarsens a link: where the database already holds a finer code inside the staged one
   * (a room of the building or community the text reached), the staged row takes that code.
   * A vague text then leaves a precise link alone instead of overwriting it.
   */
  keepFiner: readonly string[];
  /** Marks staged rows that would contradict the database: sets `conflict` to why. */
  conflicts?: readonly string[];
  upsert: string;
  /** Further statements after the upsert, each returning the ids of records they changed. */
  after?: readonly string[];
};

const changed = (table: string, columns: readonly string[]) =>
  `(${columns.map((c) => `${table}.${c}`).join(', ')}) IS DISTINCT FROM (${columns.map((c) => `excluded.${c}`).join(', ')})`;

function upsertSql(table: string, key: string, columns: readonly string[], select: readonly string[]): string {
  return `
    INSERT INTO ${table} AS t (${[key, ...columns].join(', ')})
    SELECT ${['id', ...select].join(', ')} FROM pg_temp.import_stage WHERE conflict IS NULL
    ORDER BY id
    ON CONFLICT (${key}) DO UPDATE SET ${columns.map((c) => `${c} = excluded.${c}`).join(', ')}
    WHERE ${changed('t', columns)}
    RETURNING t.${key} AS id, (t.xmax = 0) AS inserted`;
}

/**
 * Statements below look rows up per staged row through `CROSS JOIN LATERAL (... OFFSET 0)`: the
 * OFFSET keeps the planner from flattening the subquery, so each staged row is one index probe
 * of the target table, whatever the table's size. As a plain join the planner may hash the
 * whole target table (a sequential scan per batch) when the batch looks big next to it.
 */
const keepFinerCode = (table: string) => `
  UPDATE pg_temp.import_stage s SET address_code = f.code
  FROM (SELECT s2.line, t.address_code AS code FROM pg_temp.import_stage s2
        CROSS JOIN LATERAL (SELECT t.address_code FROM ${table} t WHERE t.id = s2.id OFFSET 0) t
        WHERE length(s2.address_code) < 25 AND t.address_code <> s2.address_code AND starts_with(t.address_code, s2.address_code)) f
  WHERE s.line = f.line`;

const PERSON_COLUMNS = ['name', 'gender', 'birth_date', 'id_number', 'phone', 'household_type'];
const ENTITY_COLUMNS = ['name', 'kind', 'industry', 'status', 'registered_on', 'legal_rep_person_id', 'registered_address_code', 'business_address_code'];
const EVENT_COLUMNS = ['kind', 'source', 'severity', 'status', 'reported_at', 'resolved_at', 'description', 'address_code'];
const CASE_COLUMNS = ['kind', 'status', 'filed_on', 'closed_on', 'outcome', 'summary', 'address_code'];

/**
 * The field app's rule (issue 11), for events, cases, people and entities: once a mutation has
 * changed a record (`field_changed_at`, which the write-side migrations add), a department record
 * that differs from it is not written over it but quarantined as CONFLICT for a steward: the
 * export carries no time of its own to tell which is newer, and the field app's change (an event
 * assigned, a case closed, a person moved out, an entity revoked) is the later knowledge. An
 * identical record is simply unchanged. The record of staged row `s2` is `table`'s row whose
 * `key` is `s2.id`; it differs when one of `columns` does, or `alsoDiffers` holds (SQL over `t`
 * and `s2`). `changedAt` (SQL over `t`) is when the field app last changed it, by default
 * `t.field_changed_at`. `what` names the record in the quarantine's detail ("event").
 */
const fieldChangeConflict = (what: string, rule: { table: string; key?: string; columns: readonly string[]; changedAt?: string; alsoDiffers?: string }) => `
  UPDATE pg_temp.import_stage s SET conflict = '${what} ' || s.id || ' was changed in the field app at ' || f.changed
     || ' (version ' || f.version || '); the import does not overwrite a field change: compare and fix it there'
   FROM (SELECT s2.line, to_char(t.changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS changed, t.version
         FROM pg_temp.import_stage s2
         CROSS JOIN LATERAL (SELECT t.*, ${rule.changedAt ?? 't.field_changed_at'} AS changed_at
                             FROM ${rule.table} t WHERE t.${rule.key ?? 'id'} = s2.id OFFSET 0) t
         WHERE t.changed_at IS NOT NULL
           AND ((${rule.columns.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM (${rule.columns.map((c) => `s2.${c}`).join(', ')})${rule.alsoDiffers ? `
                OR ${rule.alsoDiffers}` : ''})) f
   WHERE s.line = f.line AND s.conflict IS NULL`;

const KINDS: Record<DepartmentKind, KindSql> = {
  people: {
    stage: [['name', 'text'], ['gender', 'text'], ['birth_date', 'date'], ['id_number', 'text'], ['phone', 'text'],
      ['household_type', 'text'], ['relation', 'text'], ['since', 'date'], ['address_code', 'text']],
    toStage: (v: ValuesOf['people'], [code]) => [v.name, v.gender, v.birth_date, v.id_number, v.phone, v.household_type, v.relation, v.since, code],
    keepFiner: [
      // the finest current residence inside the staged code, unless one is at that code already
      `UPDATE pg_temp.import_stage s SET address_code = f.code
       FROM (SELECT s2.line, min(r.address_code) FILTER (WHERE starts_with(r.address_code, s2.address_code)) AS code
             FROM pg_temp.import_stage s2
             CROSS JOIN LATERAL (SELECT r.address_code FROM people.residence r WHERE r.person_id = s2.id AND r.until IS NULL OFFSET 0) r
             WHERE length(s2.address_code) < 25
             GROUP BY s2.line, s2.address_code
             HAVING NOT bool_or(r.address_code = s2.address_code)) f
       WHERE s.line = f.line AND f.code IS NOT NULL`,
    ],
    conflicts: [
      // id_number is UNIQUE: a number held by another person id would abort the whole upsert
      `UPDATE pg_temp.import_stage s SET conflict = 'id_number ' || s.id_number || ' already belongs to person ' || f.holder
       FROM (SELECT s2.line, p.id AS holder FROM pg_temp.import_stage s2
             CROSS JOIN LATERAL (SELECT p.id FROM people.person p WHERE p.id_number = s2.id_number AND p.id <> s2.id OFFSET 0) p) f
       WHERE s.line = f.line`,
      `UPDATE pg_temp.import_stage s SET conflict = 'id_number ' || s.id_number || ' is also given to person ' || f.id || ' on line ' || f.line
       FROM pg_temp.import_stage f
       WHERE f.id_number = s.id_number AND f.line < s.line AND f.id <> s.id AND s.conflict IS NULL`,
      // a person the field app changed (contact details), or moved in or out (a residence it
      // started or ended): the record conflicts when the person's columns differ or it does not
      // state one of their current residences as it stands (address, relation, since)
      fieldChangeConflict('person', {
        table: 'people.person', columns: PERSON_COLUMNS,
        changedAt: 'GREATEST(t.field_changed_at, (SELECT max(r.field_changed_at) FROM people.residence r WHERE r.person_id = t.id))',
        alsoDiffers: `NOT EXISTS (SELECT 1 FROM people.residence r WHERE r.person_id = s2.id AND r.until IS NULL
          AND r.address_code = s2.address_code AND r.relation = s2.relation AND r.since = s2.since)`,
      }),
    ],
    upsert: upsertSql('people.person', 'id', PERSON_COLUMNS, PERSON_COLUMNS),
    after: [
      // the file states where each person lives now: a current residence elsewhere has ended
      `UPDATE people.residence r SET until = GREATEST(r.since, (SELECT s.since FROM pg_temp.import_stage s WHERE s.id = r.person_id))
       WHERE r.id = ANY(ARRAY(
         SELECT moved.id FROM pg_temp.import_stage s
         CROSS JOIN LATERAL (SELECT r2.id FROM people.residence r2
                             WHERE r2.person_id = s.id AND r2.until IS NULL AND r2.address_code <> s.address_code OFFSET 0) moved
         WHERE s.conflict IS NULL))
       RETURNING r.person_id AS id`,
      `INSERT INTO people.residence AS r (person_id, address_code, relation, since)
       SELECT id, address_code, relation, since FROM pg_temp.import_stage WHERE conflict IS NULL ORDER BY id
       ON CONFLICT (person_id, address_code) WHERE until IS NULL
       DO UPDATE SET relation = excluded.relation, since = excluded.since
       WHERE (r.relation, r.since) IS DISTINCT FROM (excluded.relation, excluded.since)
       RETURNING r.person_id AS id`,
    ],
  },
  entities: {
    stage: [['name', 'text'], ['kind', 'text'], ['industry', 'text'], ['status', 'text'], ['registered_on', 'date'],
      ['legal_rep_person_id', 'text'], ['registered_address_code', 'text'], ['business_address_code', 'text']],
    toStage: (v: ValuesOf['entities'], [registered, business]) =>
      [v.name, v.kind, v.industry, v.status, v.registered_on, v.legal_rep_person_id, registered, business],
    keepFiner: [
      `UPDATE pg_temp.import_stage s SET
         registered_address_code = CASE WHEN starts_with(t.registered, s.registered_address_code) THEN t.registered ELSE s.registered_address_code END,
         business_address_code = CASE WHEN starts_with(t.business, s.business_address_code) THEN t.business ELSE s.business_address_code END
       FROM (SELECT s2.line, t.registered_address_code AS registered, t.business_address_code AS business FROM pg_temp.import_stage s2
             CROSS JOIN LATERAL (SELECT t.registered_address_code, t.business_address_code FROM entities.legal_entity t
                                 WHERE t.credit_code = s2.id OFFSET 0) t
             WHERE length(s2.registered_address_code) < 25 OR length(s2.business_address_code) < 25) t
       WHERE s.line = t.line`,
    ],
    conflicts: [fieldChangeConflict('legal entity', { table: 'entities.legal_entity', key: 'credit_code', columns: ENTITY_COLUMNS })],
    upsert: upsertSql('entities.legal_entity', 'credit_code', ENTITY_COLUMNS, ENTITY_COLUMNS),
  },
  events: {
    stage: [['kind', 'text'], ['source', 'text'], ['severity', 'text'], ['status', 'text'], ['reported_at', 'timestamptz'],
      ['resolved_at', 'timestamptz'], ['description', 'text'], ['address_code', 'text']],
    toStage: (v: ValuesOf['events'], [code]) => [v.kind, v.source, v.severity, v.status, v.reported_at, v.resolved_at, v.description, code],
    keepFiner: [keepFinerCode('events.event')],
    conflicts: [fieldChangeConflict('event', { table: 'events.event', columns: EVENT_COLUMNS })],
    upsert: upsertSql('events.event', 'id', EVENT_COLUMNS, EVENT_COLUMNS),
  },
  cases: {
    stage: [['kind', 'text'], ['status', 'text'], ['filed_on', 'date'], ['closed_on', 'date'], ['outcome', 'text'],
      ['summary', 'text'], ['address_code', 'text']],
    toStage: (v: ValuesOf['cases'], [code]) => [v.kind, v.status, v.filed_on, v.closed_on, v.outcome, v.summary, code],
    keepFiner: [keepFinerCode('cases.legal_case')],
    conflicts: [fieldChangeConflict('case', { table: 'cases.legal_case', columns: CASE_COLUMNS })],
    upsert: upsertSql('cases.legal_case', 'id', CASE_COLUMNS, CASE_COLUMNS),
  },
};

const QUARANTINE_STAGE = ['record_id', 'line', 'reason', 'detail', 'address', 'raw', 'community_code'] as const;

/** PostgreSQL text cannot hold NUL; a quarantined line may (it is quarantined for a reason). */
function noNul(s: string): string {
  return s.includes('\0') ? s.replaceAll('\0', '\uFFFD') : s;
}

function quarantineLine(q: QuarantineEntry): string {
  const raw = Object.fromEntries(Object.entries(q.raw).map(([k, v]) => [noNul(k), noNul(v)]));
  return csvLine([q.recordId, q.line, q.reason, noNul(q.detail), q.address === null ? null : noNul(q.address), JSON.stringify(raw), q.communityCode ?? null]);
}

/** The stage values of a validated row, in the kind's staging column order (after line and id). */
export function stageValues<K extends DepartmentKind>(kind: K, values: ValuesOf[K], codes: readonly (string | null)[]): unknown[] {
  return (KINDS[kind].toStage as (v: ValuesOf[K], c: readonly (string | null)[]) => unknown[])(values, codes);
}

/** The districts the registry covers (for telling "outside the district" from "not found"). */
export async function registryDistricts(buildings: Database): Promise<RegistryDistrict[]> {
  return query<RegistryDistrict>(buildings.knex,
    `/* import.registryDistricts */ SELECT code, name, full_name AS "fullName" FROM buildings.address WHERE level = 'DISTRICT' ORDER BY code`);
}

export type RunFigures = {
  rowsIn: number;
  inserted: number;
  updated: number;
  unchanged: number;
  linkedRoom: number;
  linkedBuilding: number;
  linkedCommunity: number;
  quarantined: number;
};

/** The importer's statements against one department schema. */
export function createImportRepository(database: Database, kind: DepartmentKind) {
  const schema = kind;
  const spec = KINDS[kind];
  const db = database.knex;
  const stageColumns = ['line', 'id', ...spec.stage.map(([c]) => c)];

  return {
    /**
     * Records the start of a run (status 'running', with its pid and host); returns its id. Also
     * drops scratch rows of runs that ended or died a day ago.
     */
    async startRun(fileName: string, minLevel: LinkLevel, owner: { pid: number; host: string }): Promise<number> {
      await query(db, `/* import.pruneSeen */
        DELETE FROM ${schema}.import_seen WHERE run_id IN (
          SELECT id FROM ${schema}.import_run WHERE finished_at IS NOT NULL OR started_at < now() - interval '1 day')`);
      const [row] = await query<{ id: number | string }>(db,
        `/* import.startRun */ INSERT INTO ${schema}.import_run (kind, file_name, min_level, status, pid, host) VALUES (?, ?, ?, 'running', ?, ?) RETURNING id`,
        [kind, fileName, minLevel, owner.pid, owner.host]);
      return Number(row.id);
    },

    /** Runs still marked 'running' on a host, with their pids (to find those whose process is gone). */
    async runningRuns(host: string): Promise<{ id: number; pid: number | null }[]> {
      const rows = await query<{ id: number | string; pid: number | null }>(db,
        `/* import.runningRuns */ SELECT id, pid FROM ${schema}.import_run WHERE status = 'running' AND host = ?`, [host]);
      return rows.map((r) => ({ id: Number(r.id), pid: r.pid }));
    },

    /** Marks runs whose process died (kill -9, power cut) as interrupted; their counters stay as last written. */
    async markInterrupted(runIds: readonly number[]): Promise<void> {
      if (!runIds.length) return;
      await query(db, `/* import.markInterrupted */
        UPDATE ${schema}.import_run SET status = 'interrupted', finished_at = updated_at WHERE id = ANY(?::bigint[]) AND status = 'running'`, [runIds]);
    },

    /** Keeps a running run's counters current (after every batch), so a killed run shows how far it got. */
    async updateRun(runId: number, figures: RunFigures): Promise<void> {
      await query(db, `/* import.updateRun */
        UPDATE ${schema}.import_run SET rows_in = ?, inserted = ?, updated = ?, unchanged = ?, linked_room = ?, linked_building = ?,
          linked_community = ?, quarantined = ?, updated_at = now()
        WHERE id = ?`,
        [figures.rowsIn, figures.inserted, figures.updated, figures.unchanged, figures.linkedRoom, figures.linkedBuilding,
          figures.linkedCommunity, figures.quarantined, runId]);
    },

    /** Ends a run that did not complete ('interrupted' by a signal, or 'failed'), with its current counters. */
    async endRun(runId: number, status: 'interrupted' | 'failed', figures: RunFigures): Promise<void> {
      await this.updateRun(runId, figures);
      await query(db, `/* import.endRun */ UPDATE ${schema}.import_run SET status = ?, finished_at = now() WHERE id = ?`, [status, runId]);
      await query(db, `/* import.dropSeen */ DELETE FROM ${schema}.import_seen WHERE run_id = ?`, [runId]);
    },

    /**
     * Erases the personal data of quarantined rows last seen more than `retentionDays` ago: the raw
     * record, the address text and the detail (which may quote an identity number). Reason, line,
     * record id and dates stay, so the count of what was refused and why survives. Returns the
     * number of rows purged.
     */
    async purgeQuarantine(retentionDays: number): Promise<number> {
      const rows = await query<{ id: string }>(db, `/* import.purgeQuarantine */
        UPDATE ${schema}.import_quarantine SET raw = NULL, detail = NULL, address = NULL, purged_at = now()
        WHERE purged_at IS NULL AND last_seen < now() - make_interval(days => ?)
        RETURNING id`, [retentionDays]);
      return rows.length;
    },

    /**
     * Claims record ids for a run, in file order; returns the ids an earlier batch of the run
     * already claimed, with the line that did. Callers pass each id once per batch.
     */
    async claimIds(runId: number, ids: readonly string[], lines: readonly number[]): Promise<Map<string, number>> {
      if (!ids.length) return new Map();
      // the SELECT sees the table as it was before this statement's INSERT: earlier batches only
      const rows = await query<{ id: string; line: number }>(db, `/* import.claimIds */
        WITH input AS (SELECT * FROM unnest(?::text[], ?::int[]) AS i(record_id, line)),
        claim AS (
          INSERT INTO ${schema}.import_seen (run_id, record_id, line)
          SELECT ?, record_id, line FROM input ON CONFLICT DO NOTHING)
        SELECT s.record_id AS id, s.line FROM input i
        JOIN ${schema}.import_seen s ON s.run_id = ? AND s.record_id = i.record_id`,
        [ids, lines, runId, runId]);
      return new Map(rows.map((r) => [r.id, Number(r.line)]));
    },

    /**
     * Writes one batch in one transaction: stages and upserts `rows`, quarantines the rows the
     * database side refuses (CONFLICT) together with `quarantine`, and takes every loaded record
     * out of quarantine. Throws (rolling back) when a statement fails.
     */
    async writeBatch(runId: number, fileName: string, rows: readonly StageRow[], quarantine: readonly QuarantineEntry[]): Promise<BatchOutcome> {
      return db.transaction(async (trx) => {
        const tx: Database = { ...database, knex: trx as unknown as Db };
        const outcome: BatchOutcome = { inserted: 0, updated: 0, unchanged: 0, conflicts: [], loadedLines: [] };
        if (rows.length) {
          await trx.raw(`/* import.stage */
            CREATE TEMP TABLE import_stage (line integer PRIMARY KEY, id text COLLATE "C" NOT NULL UNIQUE,
              ${spec.stage.map(([c, t]) => `${c} ${t}`).join(', ')}, conflict text) ON COMMIT DROP`);
          await copyCsv(tx, 'pg_temp.import_stage', stageColumns, [rows.map((r) => csvLine([r.line, r.id, ...r.values])).join('')]);
          // nothing is finer than a room: a batch of room links has nothing to keep
          if (rows.some((r) => r.level !== 'ROOM')) {
            for (const sql of spec.keepFiner) await trx.raw(`/* import.keepFiner */ ${sql}`);
          }
          for (const sql of spec.conflicts ?? []) await trx.raw(`/* import.conflicts */ ${sql}`);
          if (spec.conflicts) {
            const refused = await query<{ line: number; conflict: string }>(trx as unknown as Db,
              `/* import.refused */ SELECT line, conflict FROM pg_temp.import_stage WHERE conflict IS NOT NULL`);
            const byLine = new Map(rows.map((r) => [r.line, r]));
            for (const { line, conflict } of refused) {
              const r = byLine.get(Number(line))!;
              outcome.conflicts.push({ recordId: r.id, line: r.line, reason: 'CONFLICT', detail: conflict, address: r.address, raw: r.raw });
            }
          }
          const written = await query<{ id: string; inserted: boolean }>(trx as unknown as Db, `/* import.upsert */ ${spec.upsert}`);
          const insertedIds = new Set(written.filter((w) => w.inserted).map((w) => w.id));
          const updatedIds = new Set(written.filter((w) => !w.inserted).map((w) => w.id));
          for (const sql of spec.after ?? []) {
            for (const { id } of await query<{ id: string }>(trx as unknown as Db, `/* import.after */ ${sql}`)) {
              if (!insertedIds.has(id)) updatedIds.add(id);
            }
          }
          const refusedLines = new Set(outcome.conflicts.map((c) => c.line));
          outcome.loadedLines = rows.filter((r) => !refusedLines.has(r.line)).map((r) => r.line);
          outcome.inserted = insertedIds.size;
          outcome.updated = updatedIds.size;
          outcome.unchanged = outcome.loadedLines.length - insertedIds.size - updatedIds.size;
          await trx.raw(`/* import.release */
            DELETE FROM ${schema}.import_quarantine
            WHERE record_id = ANY(ARRAY(SELECT id FROM pg_temp.import_stage WHERE conflict IS NULL)) AND status = 'QUARANTINED'`);
        }
        const entries = [...quarantine, ...outcome.conflicts];
        if (entries.length) await writeQuarantine(trx, tx, runId, fileName, entries);
        return outcome;
      });
    },

    /** Records the run's figures and report, and drops what the run no longer needs. */
    async finishRun(runId: number, fileName: string, sha256: string, figures: RunFigures, report: unknown): Promise<void> {
      // a line-keyed entry this run did not renew is about a line of an older version of the file
      await query(db, `/* import.pruneLines */
        DELETE FROM ${schema}.import_quarantine WHERE file_name = ? AND record_id IS NULL AND run_id <> ? AND status = 'QUARANTINED'`, [fileName, runId]);
      await query(db, `/* import.dropSeen */ DELETE FROM ${schema}.import_seen WHERE run_id = ?`, [runId]);
      await query(db, `/* import.finishRun */
        UPDATE ${schema}.import_run SET status = 'completed', finished_at = now(), updated_at = now(), file_sha256 = ?, rows_in = ?, inserted = ?, updated = ?, unchanged = ?,
          linked_room = ?, linked_building = ?, linked_community = ?, quarantined = ?, report = ?::jsonb
        WHERE id = ?`,
        [sha256, figures.rowsIn, figures.inserted, figures.updated, figures.unchanged, figures.linkedRoom, figures.linkedBuilding,
          figures.linkedCommunity, figures.quarantined, JSON.stringify(report), runId]);
    },
  };

  /** Upserts quarantine entries: by record id when they have one, else by (file, line). */
  async function writeQuarantine(trx: Knex.Transaction, tx: Database, runId: number, fileName: string, entries: readonly QuarantineEntry[]) {
    await trx.raw(`/* import.quarantineStage */
      CREATE TEMP TABLE import_qstage (record_id text COLLATE "C", line integer NOT NULL, reason text NOT NULL,
        detail text NOT NULL, address text, raw jsonb NOT NULL, community_code text) ON COMMIT DROP`);
    await copyCsv(tx, 'pg_temp.import_qstage', QUARANTINE_STAGE, [entries.map(quarantineLine).join('')]);
    const set = `run_id = excluded.run_id, file_name = excluded.file_name, line = excluded.line, reason = excluded.reason,
      detail = excluded.detail, address = excluded.address, raw = excluded.raw, community_code = excluded.community_code,
      last_seen = now(), purged_at = NULL,
      status = 'QUARANTINED', resolved_at = NULL, resolved_by = NULL, resolution = NULL,
      history = CASE WHEN import_quarantine.status = 'QUARANTINED' THEN import_quarantine.history
        ELSE import_quarantine.history || jsonb_build_array(jsonb_build_object('action', 'REQUARANTINED', 'at', now(), 'by', NULL,
          'note', 'was ' || import_quarantine.status || '; quarantined again by import run ' || excluded.run_id || ' (' || excluded.reason || ')')) END`;
    await trx.raw(`/* import.quarantineById */
      INSERT INTO ${schema}.import_quarantine (record_id, run_id, file_name, line, reason, detail, address, raw, community_code)
      SELECT record_id, ?, ?, line, reason, detail, address, raw, community_code FROM pg_temp.import_qstage WHERE record_id IS NOT NULL ORDER BY record_id
      ON CONFLICT (record_id) WHERE record_id IS NOT NULL DO UPDATE SET ${set}`, [runId, fileName]);
    await trx.raw(`/* import.quarantineByLine */
      INSERT INTO ${schema}.import_quarantine (record_id, run_id, file_name, line, reason, detail, address, raw, community_code)
      SELECT NULL, ?, ?, line, reason, detail, address, raw, community_code FROM pg_temp.import_qstage WHERE record_id IS NULL ORDER BY line
      ON CONFLICT (file_name, line) WHERE record_id IS NULL DO UPDATE SET ${set}`, [runId, fileName]);
  }
}

export type ImportRepository = ReturnType<typeof createImportRepository>;
