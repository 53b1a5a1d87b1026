/**
 * Every SQL statement of the entities subgraph. Reads only the `entities` schema: addresses and
 * people are known here by code and id alone.
 */
import { query, type Db } from '../../lib/db.ts';
import { inScope, isWideSubtree, scopeCondition, scopedRange } from '../../lib/community-scope.ts';
import { and, raw, sql, windowCondition, windowGroups, type Fragment } from '../../lib/sql.ts';
import { tagRows } from '../../lib/pagination.ts';
import { summaryLevel } from '../../lib/summaries.ts';

export type LegalEntityKind = 'COMPANY' | 'INDIVIDUAL_BUSINESS' | 'SOCIAL_ORGANIZATION' | 'PUBLIC_INSTITUTION';
export type LegalEntityStatus = 'ACTIVE' | 'REVOKED' | 'CANCELLED';

export type LegalEntityRow = {
  creditCode: string;
  name: string;
  kind: LegalEntityKind;
  industry: string;
  status: LegalEntityStatus;
  /** 'YYYY-MM-DD' (lib/db.ts keeps dates as strings). */
  registeredOn: string;
  registeredAddressCode: string | null;
  businessAddressCode: string | null;
  legalRepPersonId: string | null;
  /** When the row last changed (a trigger keeps it). */
  updatedAt: Date;
  /** +1 on every change (mutations, and a trigger for any other update). */
  version: number;
};

/** One column list for every legal entity query, snake_case aliased to the row type. */
const ENTITY_COLUMNS = `
  e.credit_code AS "creditCode", e.name, e.kind, e.industry, e.status, e.registered_on AS "registeredOn",
  e.registered_address_code AS "registeredAddressCode", e.business_address_code AS "businessAddressCode",
  e.legal_rep_person_id AS "legalRepPersonId", e.updated_at AS "updatedAt", e.version`;

/**
 * "Registered or business address in [lo, hi)" (and, when confined, that address in scope): two
 * index range scans (legal_entity_registered_idx, legal_entity_business_idx) OR-ed into one
 * bitmap, so an entity at both addresses still appears once. Binds the scope four times. The
 * batch's updated window is bound after it, one statement per window (windowGroups).
 */
const IN_RANGE = `
  ((e.registered_address_code >= k.lo AND e.registered_address_code < k.hi AND ${inScope('e.registered_address_code')})
    OR (e.business_address_code >= k.lo AND e.business_address_code < k.hi AND ${inScope('e.business_address_code')}))
  AND (k.status IS NULL OR e.status = k.status)
  AND (k.kinds IS NULL OR e.kind = ANY(string_to_array(k.kinds, ',')))`;

/**
 * "The entity is visible": its registered or business address lies under one of the viewer's
 * communities. Binds the scope three times.
 */
const VISIBLE = `(?::text[] IS NULL
  OR left(e.registered_address_code, 12) = ANY(?::text[]) OR left(e.business_address_code, 12) = ANY(?::text[]))`;

/** The entities at or beneath an address, optionally filtered, to list or count; null or absent means no restriction. */
/**
 * The one entity_total row (level, prefix) that counts a key's entities exactly; 'none' when the
 * viewer sees no entity there; null when only the base rows can say (below grid level, with an
 * `updated` filter, or a confined viewer with several communities under a subdistrict or the
 * district: an entity with addresses in two of them must count once, which a sum of community
 * rows cannot tell).
 */
function entitySummaryRow(k: EntityCountKey, communities: readonly string[] | null): { level: number; prefix: string } | 'none' | null {
  if (summaryLevel(k.code) === null || k.updatedSince || k.updatedBefore) return null;
  const exact = { level: k.code.length, prefix: k.code };
  if (communities === null) return exact;
  if (k.code.length >= 12) return communities.includes(k.code.slice(0, 12)) ? exact : 'none';
  const under = [...new Set(communities)].filter((c) => c.startsWith(k.code));
  if (under.length === 0) return 'none';
  return under.length === 1 ? { level: 12, prefix: under[0] } : null;
}

export type EntityCountKey = {
  code: string;
  status: LegalEntityStatus | null;
  kinds?: readonly LegalEntityKind[] | null;
  /** Only entities whose row changed at or after this instant. */
  updatedSince?: Date | null;
  /** Only entities whose row last changed before this instant. */
  updatedBefore?: Date | null;
};

/** One page of the entities at or beneath an address; `after` is the last credit code seen. */
export type EntitiesKey = EntityCountKey & { first: number; after: string | null };

/** The per-key filter columns of the batched statements, after lo and hi. */
const filterColumns = (keys: readonly EntityCountKey[]) => [
  keys.map((k) => k.status),
  keys.map((k) => k.kinds?.join(',') ?? null),
];
const FILTER_UNNEST = '?::text[], ?::text[]';
const FILTER_KEYS = 'status, kinds';

/** The filter of one key (not its address range) with its values bound in place, for table alias `t`. */
function filterConditions(k: EntityCountKey, t: string): Fragment[] {
  return [
    k.status !== null && sql`${raw(t)}.status = ${k.status}::text`,
    k.kinds && sql`${raw(t)}.kind = ANY(${k.kinds}::text[])`,
    k.updatedSince && sql`${raw(t)}.updated_at >= ${k.updatedSince}::timestamptz`,
    k.updatedBefore && sql`${raw(t)}.updated_at < ${k.updatedBefore}::timestamptz`,
  ].filter((c): c is Fragment => Boolean(c));
}

/**
 * The statements of one request. With `communities` (a confined viewer, 12-digit community
 * codes) every statement sees only entities registered or operating under those communities; an
 * address list matches an entity only by an address that is both in the list's subtree and in
 * scope. null means unconfined.
 */
export function createEntitiesRepository(db: Db, communities: readonly string[] | null = null) {
  const scope = [communities, communities] as const;
  const visible = [communities, communities, communities] as const;

  /** One statement for keys sharing an updated window (windowGroups). */
  async function narrowPages(keys: readonly EntitiesKey[]): Promise<(LegalEntityRow & { key: number })[]> {
    const ranges = keys.map((k) => scopedRange(k.code, communities));
    const window = windowCondition('x.updated_at', keys[0]);
    const branch = (column: string) => `
          SELECT * FROM entities.legal_entity x
          WHERE x.${column} >= k.lo AND x.${column} < k.hi AND ${inScope(`x.${column}`)}
            AND (k.status IS NULL OR x.status = k.status)
            AND (k.kinds IS NULL OR x.kind = ANY(string_to_array(k.kinds, ',')))
            AND (k.after IS NULL OR x.credit_code > k.after)
            AND ${window.text}`;
    const rows = await query<LegalEntityRow & { key: string | number }>(db,
      `/* entities.entityPages */
      SELECT k.i AS key, c.* FROM unnest(?::text[], ?::text[], ${FILTER_UNNEST}, ?::text[], ?::int[])
        WITH ORDINALITY AS k(lo, hi, ${FILTER_KEYS}, after, lim, i)
      CROSS JOIN LATERAL (
        SELECT ${ENTITY_COLUMNS} FROM (${branch('business_address_code')}
          UNION${branch('registered_address_code')}
        ) e
        ORDER BY e.credit_code LIMIT k.lim
      ) c`,
      [
        ranges.map((r) => r.lo),
        ranges.map((r) => r.hi),
        ...filterColumns(keys),
        keys.map((k) => k.after),
        keys.map((k) => k.first + 1),
        ...scope, ...window.values, // business_address_code branch
        ...scope, ...window.values, // registered_address_code branch
      ],
    );
    return tagRows(rows, (r) => Number(r.key) - 1);
  }

  /** "Registered or business address in the key's subtree and in scope", values bound in place. */
  function inSubtree(k: EntityCountKey): Fragment {
    const { lo, hi } = scopedRange(k.code, communities);
    const at = (column: string) => and(sql`e.${raw(column)} >= ${lo} AND e.${raw(column)} < ${hi}`, scopeCondition(`e.${column}`, communities));
    return sql`(${at('registered_address_code')}) OR (${at('business_address_code')})`;
  }

  async function widePage(k: EntitiesKey): Promise<LegalEntityRow[]> {
    const statement = sql`/* entities.entityPageWide */
      SELECT ${raw(ENTITY_COLUMNS)} FROM entities.legal_entity e
      WHERE ${and(inSubtree(k), ...filterConditions(k, 'e'), k.after !== null && sql`e.credit_code > ${k.after}::text`)}
      ORDER BY e.credit_code LIMIT ${k.first + 1}::int`;
    return query<LegalEntityRow>(db, statement.text, statement.values);
  }

  return {
    /** Legal entities by credit code, in any order; unknown codes (and, when confined, entities elsewhere) are simply absent. */
    async findByCreditCodes(creditCodes: readonly string[]): Promise<LegalEntityRow[]> {
      return query<LegalEntityRow>(db,
        `/* entities.findByCreditCodes */ SELECT ${ENTITY_COLUMNS} FROM entities.legal_entity e
        WHERE e.credit_code = ANY(?::text[]) AND ${VISIBLE}`,
        [creditCodes, ...visible],
      );
    },

    /** Entities each person represents (visible ones only), by name (legal_entity_rep_idx). */
    async representedBy(personIds: readonly string[]): Promise<LegalEntityRow[]> {
      return query<LegalEntityRow>(db,
        `/* entities.representedBy */
        SELECT ${ENTITY_COLUMNS} FROM entities.legal_entity e
        WHERE e.legal_rep_person_id = ANY(?::text[]) AND ${VISIBLE}
        ORDER BY e.name, e.credit_code`,
        [personIds, ...visible],
      );
    },

    /**
     * One page of entities for each address, by credit code, LIMIT first + 1 to tell whether a
     * next page exists. Keys below subdistrict level share one statement: per address, the two
     * address indexes are range-scanned separately and UNIONed (an entity at both addresses
     * appears once), then sorted. Written as a UNION on purpose: with `OR` + `ORDER BY credit_code
     * LIMIT`, PostgreSQL walks the primary key in credit-code order and filters, which reads every
     * entity in the district to page one room's (measured with `npm run explain` on the demo
     * data: 41 ms vs < 1 ms). For a district or subdistrict that walk is just right (nearly every
     * entity matches, and a page reads its own rows from the cursor on), so such a key gets the
     * `OR` statement of its own with its values bound in place, and the planner chooses.
     */
    async entityPages(keys: readonly EntitiesKey[]): Promise<(LegalEntityRow & { key: number })[]> {
      const narrow = windowGroups(keys, keys.flatMap((k, i) => (isWideSubtree(k.code) ? [] : [i])));
      const wide = keys.flatMap((k, i) => (isWideSubtree(k.code) ? [i] : []));
      const pages = await Promise.all([
        ...narrow.map((group) => narrowPages(group.map((i) => keys[i])).then((rows) => tagRows(rows, (r) => group[r.key]))),
        ...wide.map((i) => widePage(keys[i]).then((rows) => tagRows(rows, i))),
      ]);
      return pages.flat();
    },

    /**
     * Number of entities at or beneath each address (filtered as its key says), in key order. A
     * grid to district key reads its one summary row (entities.entity_total, entitySummaryRow)
     * in one statement for all; of the others, one statement for the keys below subdistrict
     * level and one with bound values for each wider key.
     */
    async entityCounts(keys: readonly EntityCountKey[]): Promise<number[]> {
      const counts = keys.map(() => 0);
      const rows = keys.map((k) => entitySummaryRow(k, communities));
      const summarized = keys.flatMap((_, i) => (rows[i] !== null && rows[i] !== 'none' ? [i] : []));
      const based = keys.flatMap((_, i) => (rows[i] === null ? [i] : []));
      const narrow = windowGroups(keys, based.filter((i) => !isWideSubtree(keys[i].code)));
      const wide = based.filter((i) => isWideSubtree(keys[i].code));
      const summaryRows = summarized.map((i) => rows[i] as { level: number; prefix: string });
      await Promise.all([
        summarized.length > 0 && query<{ key: string | number; n: number }>(db,
          `/* entities.entitySummaryCounts */
          SELECT k.i AS key, (
            SELECT coalesce(sum(s.n), 0) FROM entities.entity_total s
            WHERE s.level = k.level AND s.prefix = k.prefix
              AND (k.status IS NULL OR s.status = k.status) AND (k.kinds IS NULL OR s.kind = ANY(string_to_array(k.kinds, ',')))
          )::int AS n
          FROM unnest(?::smallint[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS k(level, prefix, status, kinds, i)`,
          [summaryRows.map((r) => r.level), summaryRows.map((r) => r.prefix), summarized.map((i) => keys[i].status),
            summarized.map((i) => keys[i].kinds?.join(',') ?? null)],
        ).then((result) => {
          for (const row of result) counts[summarized[Number(row.key) - 1]] = row.n;
        }),
        ...narrow.map(async (group) => {
          const groupKeys = group.map((i) => keys[i]);
          const ranges = groupKeys.map((k) => scopedRange(k.code, communities));
          const window = windowCondition('e.updated_at', groupKeys[0]);
          const result = await query<{ key: string | number; n: number }>(db,
            `/* entities.entityCounts */
            SELECT k.i AS key, (SELECT count(*) FROM entities.legal_entity e WHERE ${IN_RANGE} AND ${window.text})::int AS n
            FROM unnest(?::text[], ?::text[], ${FILTER_UNNEST}) WITH ORDINALITY AS k(lo, hi, ${FILTER_KEYS}, i)`,
            [...scope, ...scope, ...window.values, ranges.map((r) => r.lo), ranges.map((r) => r.hi), ...filterColumns(groupKeys)],
          );
          for (const row of result) counts[group[Number(row.key) - 1]] = row.n;
        }),
        ...wide.map(async (i) => {
          const statement = sql`/* entities.entityCountWide */
            SELECT count(*)::int AS n FROM entities.legal_entity e WHERE ${and(inSubtree(keys[i]), ...filterConditions(keys[i], 'e'))}`;
          counts[i] = (await query<{ n: number }>(db, statement.text, statement.values))[0]?.n ?? 0;
        }),
      ]);
      return counts;
    },
  };
}

export type EntitiesRepository = ReturnType<typeof createEntitiesRepository>;

/** A legal entity the field app registers. */
export type NewLegalEntity = Omit<LegalEntityRow, 'updatedAt' | 'version' | 'status' | 'legalRepPersonId'>;

/** One status change made through legalEntityUpdateStatus (entities.status_change). */
export type StatusChangeInsert = {
  creditCode: string; actor: string; fromStatus: LegalEntityStatus; toStatus: LegalEntityStatus; note: string | null;
  version: number; requestId: string | null; auditId: number | null;
};

/**
 * The writes of the entities subgraph, each inside the caller's transaction (`trx`). With
 * `communities` (a confined viewer) an entity is found only when its registered or business
 * address lies in one of them, exactly like an unknown credit code.
 */
export function createEntitiesWriter(communities: readonly string[] | null) {
  const visible = [communities, communities, communities] as const;
  return {
    /** Inserts a registered entity (ACTIVE, version 1, changed by the field app now); null when the credit code is taken. */
    async insertEntity(trx: Db, e: NewLegalEntity): Promise<LegalEntityRow | null> {
      const [row] = await query<LegalEntityRow>(trx,
        `/* entities.insertEntity */ INSERT INTO entities.legal_entity AS e (credit_code, name, kind, industry, status, registered_on,
          registered_address_code, business_address_code, field_changed_at)
        VALUES (?, ?, ?, ?, 'ACTIVE', ?::date, ?, ?, now())
        ON CONFLICT (credit_code) DO NOTHING
        RETURNING ${ENTITY_COLUMNS}`,
        [e.creditCode, e.name, e.kind, e.industry, e.registeredOn, e.registeredAddressCode, e.businessAddressCode]);
      return row ?? null;
    },

    /** The entity as it is now, read in the transaction (visible ones only), or null. */
    async findEntity(trx: Db, creditCode: string): Promise<LegalEntityRow | null> {
      const [row] = await query<LegalEntityRow>(trx,
        `/* entities.findEntity */ SELECT ${ENTITY_COLUMNS} FROM entities.legal_entity e WHERE e.credit_code = ? AND ${VISIBLE}`,
        [creditCode, ...visible]);
      return row ?? null;
    },

    /** The entity locked for a change (FOR UPDATE), or null when unknown or not visible. */
    async lockEntity(trx: Db, creditCode: string): Promise<LegalEntityRow | null> {
      const [row] = await query<LegalEntityRow>(trx,
        `/* entities.lockEntity */ SELECT ${ENTITY_COLUMNS} FROM entities.legal_entity e WHERE e.credit_code = ? AND ${VISIBLE} FOR UPDATE`,
        [creditCode, ...visible]);
      return row ?? null;
    },

    /**
     * Sets the status or the business address if the entity is still at `version` (the UPDATE
     * checks it), bumping the version and marking it changed by the field app; null when the version moved.
     */
    async changeEntity(trx: Db, creditCode: string, version: number, change: { status?: LegalEntityStatus; businessAddressCode?: string }): Promise<LegalEntityRow | null> {
      const statement = sql`/* entities.changeEntity */ UPDATE entities.legal_entity AS e SET
          status = ${change.status ?? raw('e.status')},
          business_address_code = ${change.businessAddressCode ?? raw('e.business_address_code')},
          version = e.version + 1, field_changed_at = now()
        WHERE e.credit_code = ${creditCode} AND e.version = ${version}::int RETURNING ${raw(ENTITY_COLUMNS)}`;
      const [row] = await query<LegalEntityRow>(trx, statement.text, statement.values);
      return row ?? null;
    },

    /** Appends a status change. */
    async addStatusChange(trx: Db, c: StatusChangeInsert): Promise<void> {
      await query(trx,
        `/* entities.addStatusChange */ INSERT INTO entities.status_change (credit_code, actor, from_status, to_status, note, version, request_id, audit_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [c.creditCode, c.actor, c.fromStatus, c.toStatus, c.note, c.version, c.requestId, c.auditId]);
    },
  };
}

export type EntitiesWriter = ReturnType<typeof createEntitiesWriter>;
