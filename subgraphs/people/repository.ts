/**
 * Every SQL statement of the people subgraph. Reads only the `people` schema: addresses are
 * known here by code alone.
 */
import { query, type Db } from '../../lib/db.ts';
import { inScope, isWideSubtree, scopeCondition, scopedRange } from '../../lib/community-scope.ts';
import { and, raw, sql, windowCondition, windowGroups } from '../../lib/sql.ts';
import { tagRows } from '../../lib/pagination.ts';
import { summaryLevel } from '../../lib/summaries.ts';

export type PersonRow = {
  id: string;
  name: string;
  gender: 'MALE' | 'FEMALE';
  /** 'YYYY-MM-DD' (lib/db.ts keeps dates as strings). */
  birthDate: string;
  idNumber: string;
  phone: string | null;
  householdType: 'REGISTERED' | 'MIGRANT';
  /** When the row last changed (a trigger keeps it). */
  updatedAt: Date;
  /** +1 on every change (mutations, and a trigger for any other update). */
  version: number;
};

export type ResidenceRow = {
  id: number;
  personId: string;
  addressCode: string;
  relation: 'OWNER' | 'TENANT' | 'FAMILY' | 'COLLECTIVE';
  since: string;
  until: string | null;
  /** When the row last changed (a trigger keeps it). */
  updatedAt: Date;
  /** +1 on every change (mutations, and a trigger for any other update). */
  version: number;
};

/** One column list for every person query, snake_case aliased to the row type. */
const PERSON_COLUMNS = `
  p.id, p.name, p.gender, p.birth_date AS "birthDate", p.id_number AS "idNumber", p.phone,
  p.household_type AS "householdType", p.updated_at AS "updatedAt", p.version`;

/** One column list for every residence query. */
const RESIDENCE_COLUMNS = `
  r.id, r.person_id AS "personId", r.address_code AS "addressCode", r.relation, r.since, r.until,
  r.updated_at AS "updatedAt", r.version`;

/**
 * One page of current residents at or beneath an address. `after` is the sort key
 * (address code, person id) of the last resident of the previous page.
 */
export type ResidentsKey = { code: string; first: number; after: readonly [string, string] | null };

/** Distinct people with a current residence at or beneath an address, optionally changed in a window. */
export type PeopleFilter = { code: string; updatedSince: Date | null; updatedBefore: Date | null };
/** One page of them by person id; `after` is the last person id seen. */
export type PeopleKey = PeopleFilter & { first: number; after: string | null };

/** Residences at or beneath an address: current (true), past (false) or all (null), optionally changed in a window. */
export type ResidencesFilter = { code: string; current: boolean | null; updatedSince: Date | null; updatedBefore: Date | null };
/** One page of them by (address code, residence id); `after` is that key of the last residence seen. */
export type ResidencesKey = ResidencesFilter & { first: number; after: readonly [string, number] | null };

const PEOPLE_UNNEST = '?::text[], ?::text[]';
const RESIDENCES_UNNEST = '?::text[], ?::text[], ?::boolean[]';

/**
 * The statements of one request. With `communities` (a confined viewer, 12-digit community
 * codes) every statement sees only rows under those communities: residences at their addresses
 * and people with a current residence there. null means unconfined.
 */
export function createPeopleRepository(db: Db, communities: readonly string[] | null = null) {
  const scope = [communities, communities] as const;
  /** The keys below subdistrict level (one batched statement each window), grouped by updated window. */
  const narrowByWindow = (keys: readonly PeopleFilter[]) => windowGroups(keys, keys.flatMap((k, i) => (isWideSubtree(k.code) ? [] : [i])));
  const rangeColumns = (keys: readonly { code: string }[]) => {
    const ranges = keys.map((k) => scopedRange(k.code, communities));
    return [ranges.map((r) => r.lo), ranges.map((r) => r.hi)];
  };
  /**
   * "p lives (currently) at an address in [lo, hi) in scope", over residence_current_idx: the
   * batched people statements' WHERE; the group's updated window (windowGroups) is bound after it.
   */
  const LIVES_UNDER = `p.id IN (SELECT r.person_id FROM people.residence r
    WHERE r.until IS NULL AND r.address_code >= k.lo AND r.address_code < k.hi AND ${inScope('r.address_code')})`;
  /**
   * A residence is listed when it is in the key's range and scope and, for a confined viewer, its
   * person is visible (currently lives in one of the viewer's communities), as Residence.person
   * must answer: a past residence here of someone now living elsewhere is not the viewer's to see.
   * The batch's updated window is bound after it, one statement per window (windowGroups).
   */
  const RESIDENCES_WHERE = `r.address_code >= k.lo AND r.address_code < k.hi
    AND (k.current IS NULL OR (r.until IS NULL) = k.current)
    AND ${inScope('r.address_code')}
    AND (?::text[] IS NULL OR EXISTS (SELECT 1 FROM people.residence c
      WHERE c.person_id = r.person_id AND c.until IS NULL AND left(c.address_code, 12) = ANY(?::text[])))`;

  /** The wide-key form of LIVES_UNDER and the window, values bound in place. */
  function peopleConditions(k: PeopleFilter) {
    const { lo, hi } = scopedRange(k.code, communities);
    return [
      sql`p.id IN (SELECT r.person_id FROM people.residence r WHERE ${and(
        sql`r.until IS NULL AND r.address_code >= ${lo} AND r.address_code < ${hi}`,
        scopeCondition('r.address_code', communities),
      )})`,
      k.updatedSince && sql`p.updated_at >= ${k.updatedSince}::timestamptz`,
      k.updatedBefore && sql`p.updated_at < ${k.updatedBefore}::timestamptz`,
    ];
  }

  return {
    /** People by id, in any order; unknown ids (and, when confined, people living elsewhere) are simply absent. */
    async findPeopleByIds(ids: readonly string[]): Promise<PersonRow[]> {
      return query<PersonRow>(db,
        `/* people.findPeopleByIds */ SELECT ${PERSON_COLUMNS} FROM people.person p WHERE p.id = ANY(?::text[])
          AND (?::text[] IS NULL OR EXISTS (
            SELECT 1 FROM people.residence r
            WHERE r.person_id = p.id AND r.until IS NULL AND left(r.address_code, 12) = ANY(?::text[])
          ))`,
        [ids, ...scope],
      );
    },

    /**
     * Every residence (current and past) of each person, newest first (residence_person_idx);
     * when confined, only those at addresses in scope.
     */
    async residencesOfPeople(personIds: readonly string[]): Promise<ResidenceRow[]> {
      return query<ResidenceRow>(db,
        `/* people.residencesOfPeople */
        SELECT ${RESIDENCE_COLUMNS} FROM people.residence r
        WHERE r.person_id = ANY(?::text[]) AND ${inScope('r.address_code')}
        ORDER BY r.person_id, r.since DESC, r.id DESC`,
        [personIds, ...scope],
      );
    },

    /**
     * One page of current residences for each address in one statement: a LATERAL range scan of
     * residence_current_idx per address over [code, nextPrefix(code)) in (address_code, person_id)
     * order, starting at the cursor's address, LIMIT first + 1 to tell whether a next page exists.
     */
    async residentPages(keys: readonly ResidentsKey[]): Promise<(ResidenceRow & { key: number })[]> {
      const ranges = keys.map((k) => scopedRange(k.code, communities));
      const rows = await query<ResidenceRow & { key: string | number }>(db,
        `/* people.residentPages */
        SELECT k.i AS key, c.* FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int[])
          WITH ORDINALITY AS k(lo, hi, after_code, after_person, lim, i)
        CROSS JOIN LATERAL (
          SELECT ${RESIDENCE_COLUMNS} FROM people.residence r
          WHERE r.until IS NULL AND r.address_code >= k.lo AND r.address_code < k.hi
            -- a plain bound the index scan can start from; the row comparison below is a filter
            AND r.address_code >= coalesce(k.after_code, k.lo)
            AND (k.after_code IS NULL OR (r.address_code, r.person_id) > (k.after_code, k.after_person))
            AND ${inScope('r.address_code')}
          ORDER BY r.address_code, r.person_id LIMIT k.lim
        ) c`,
        [
          ranges.map((r) => r.lo),
          ranges.map((r) => r.hi),
          keys.map((k) => k.after?.[0] ?? null),
          keys.map((k) => k.after?.[1] ?? null),
          keys.map((k) => k.first + 1),
          ...scope,
        ],
      );
      return tagRows(rows, (r) => Number(r.key) - 1);
    },

    /**
     * One page of distinct people living (currently) at or beneath each address, by person id,
     * LIMIT first + 1. Keys below subdistrict level share one statement (their residents found
     * over residence_current_idx, then sorted); a district or subdistrict key gets a statement of
     * its own with its values bound in place, so the planner can walk person_pkey from the cursor
     * and probe residence_one_current_per_address per person instead.
     */
    async peoplePages(keys: readonly PeopleKey[]): Promise<(PersonRow & { key: number })[]> {
      const wide = keys.flatMap((k, i) => (isWideSubtree(k.code) ? [i] : []));
      const narrowGroups = narrowByWindow(keys);
      const pages = await Promise.all([
        ...narrowGroups.map(async (group) => {
          const groupKeys = group.map((i) => keys[i]);
          const window = windowCondition('p.updated_at', groupKeys[0]);
          const rows = await query<PersonRow & { key: string | number }>(db,
            `/* people.peoplePages */
            SELECT k.i AS key, c.* FROM unnest(${PEOPLE_UNNEST}, ?::text[], ?::int[])
              WITH ORDINALITY AS k(lo, hi, after, lim, i)
            CROSS JOIN LATERAL (
              SELECT ${PERSON_COLUMNS} FROM people.person p
              WHERE ${LIVES_UNDER} AND (k.after IS NULL OR p.id > k.after) AND ${window.text}
              ORDER BY p.id LIMIT k.lim
            ) c`,
            [...rangeColumns(groupKeys), groupKeys.map((k) => k.after), groupKeys.map((k) => k.first + 1), ...scope, ...window.values],
          );
          return tagRows(rows, (r) => group[Number(r.key) - 1]);
        }),
        ...wide.map(async (i) => {
          const k = keys[i];
          const statement = sql`/* people.peoplePageWide */
            SELECT ${raw(PERSON_COLUMNS)} FROM people.person p
            WHERE ${and(...peopleConditions(k), k.after !== null && sql`p.id > ${k.after}::text`)}
            ORDER BY p.id LIMIT ${k.first + 1}::int`;
          return tagRows(await query<PersonRow>(db, statement.text, statement.values), i);
        }),
      ]);
      return pages.flat();
    },

    /** Number of distinct people living (currently) at or beneath each address, in key order. */
    async peopleCounts(keys: readonly PeopleFilter[]): Promise<number[]> {
      const counts = keys.map(() => 0);
      const wide = keys.flatMap((k, i) => (isWideSubtree(k.code) ? [i] : []));
      await Promise.all([
        ...narrowByWindow(keys).map(async (group) => {
          const groupKeys = group.map((i) => keys[i]);
          const window = windowCondition('p.updated_at', groupKeys[0]);
          const rows = await query<{ key: string | number; n: number }>(db,
            `/* people.peopleCounts */
            SELECT k.i AS key, c.n FROM unnest(${PEOPLE_UNNEST}) WITH ORDINALITY AS k(lo, hi, i)
            CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM people.person p WHERE ${LIVES_UNDER} AND ${window.text}) c`,
            [...rangeColumns(groupKeys), ...scope, ...window.values],
          );
          for (const row of rows) counts[group[Number(row.key) - 1]] = row.n;
        }),
        ...wide.map(async (i) => {
          const statement = sql`/* people.peopleCountWide */
            SELECT count(*)::int AS n FROM people.person p WHERE ${and(...peopleConditions(keys[i]))}`;
          counts[i] = (await query<{ n: number }>(db, statement.text, statement.values))[0]?.n ?? 0;
        }),
      ]);
      return counts;
    },

    /**
     * One page of residences at or beneath each address in one statement: a LATERAL range scan of
     * residence_address_idx per address in (address_code, id) order from the cursor, LIMIT first + 1.
     */
    async residencePages(keys: readonly ResidencesKey[]): Promise<(ResidenceRow & { key: number })[]> {
      const pages = await Promise.all(windowGroups(keys).map(async (group) => {
        const groupKeys = group.map((i) => keys[i]);
        const window = windowCondition('r.updated_at', groupKeys[0]);
        const rows = await query<ResidenceRow & { key: string | number }>(db,
          `/* people.residencePages */
          SELECT k.i AS key, c.* FROM unnest(${RESIDENCES_UNNEST}, ?::text[], ?::bigint[], ?::int[])
            WITH ORDINALITY AS k(lo, hi, current, after_code, after_id, lim, i)
          CROSS JOIN LATERAL (
            SELECT ${RESIDENCE_COLUMNS} FROM people.residence r
            WHERE ${RESIDENCES_WHERE}
              -- a plain bound the index scan can start from; the row comparison below is a filter
              AND r.address_code >= coalesce(k.after_code, k.lo)
              AND (k.after_code IS NULL OR (r.address_code, r.id) > (k.after_code, k.after_id))
              AND ${window.text}
            ORDER BY r.address_code, r.id LIMIT k.lim
          ) c`,
          [
            ...rangeColumns(groupKeys),
            groupKeys.map((k) => k.current),
            groupKeys.map((k) => k.after?.[0] ?? null),
            groupKeys.map((k) => k.after?.[1] ?? null),
            groupKeys.map((k) => k.first + 1),
            ...scope,
            ...scope,
            ...window.values,
          ],
        );
        return tagRows(rows, (r) => group[Number(r.key) - 1]);
      }));
      return pages.flat();
    },

    /** Number of residences matching each filter, in key order. */
    async residenceCounts(keys: readonly ResidencesFilter[]): Promise<number[]> {
      const counts = keys.map(() => 0);
      await Promise.all(windowGroups(keys).map(async (group) => {
        const groupKeys = group.map((i) => keys[i]);
        const window = windowCondition('r.updated_at', groupKeys[0]);
        const rows = await query<{ key: string | number; n: number }>(db,
          `/* people.residenceCounts */
          SELECT k.i AS key, c.n FROM unnest(${RESIDENCES_UNNEST}) WITH ORDINALITY AS k(lo, hi, current, i)
          CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM people.residence r WHERE ${RESIDENCES_WHERE} AND ${window.text}) c`,
          [...rangeColumns(groupKeys), groupKeys.map((k) => k.current), ...scope, ...scope, ...window.values],
        );
        for (const row of rows) counts[group[Number(row.key) - 1]] = row.n;
      }));
      return counts;
    },

    /**
     * Number of current residents at or beneath each address (in scope), in the order of `codes`.
     * Grid to district codes sum their summary rows (people.resident_total: the grid's, or the
     * community rows of the range); buildings and rooms count their residences. One statement
     * each way, whatever the number of codes.
     */
    async residentCounts(codes: readonly string[]): Promise<number[]> {
      const counts = codes.map(() => 0);
      const summarized = codes.flatMap((c, i) => (summaryLevel(c) !== null ? [i] : []));
      const based = codes.flatMap((c, i) => (summaryLevel(c) !== null ? [] : [i]));
      const ranges = (ix: readonly number[]) => ix.map((i) => scopedRange(codes[i], communities));
      await Promise.all([
        summarized.length > 0 && (async () => {
          const r = ranges(summarized);
          const rows = await query<{ key: string | number; n: number }>(db,
            `/* people.residentSummaryCounts */
            SELECT k.i AS key, (
              SELECT coalesce(sum(s.n), 0) FROM people.resident_total s
              WHERE s.level = k.level AND s.prefix >= k.lo AND s.prefix < k.hi AND ${inScope('s.prefix')}
            )::int AS n
            FROM unnest(?::smallint[], ?::text[], ?::text[]) WITH ORDINALITY AS k(level, lo, hi, i)`,
            [...scope, summarized.map((i) => summaryLevel(codes[i])), r.map((x) => x.lo), r.map((x) => x.hi)],
          );
          for (const row of rows) counts[summarized[Number(row.key) - 1]] = row.n;
        })(),
        based.length > 0 && (async () => {
          const r = ranges(based);
          const rows = await query<{ key: string | number; n: number }>(db,
            `/* people.residentCounts */
            SELECT k.i AS key, (
              SELECT count(*) FROM people.residence r
              WHERE r.until IS NULL AND r.address_code >= k.lo AND r.address_code < k.hi
                AND ${inScope('r.address_code')}
            )::int AS n
            FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS k(lo, hi, i)`,
            [...scope, r.map((x) => x.lo), r.map((x) => x.hi)],
          );
          for (const row of rows) counts[based[Number(row.key) - 1]] = row.n;
        })(),
      ]);
      return counts;
    },
  };
}

export type PeopleRepository = ReturnType<typeof createPeopleRepository>;

/** A residence the field app starts. */
export type NewResidence = { personId: string; addressCode: string; relation: ResidenceRow['relation']; since: string };

/**
 * The writes of the people subgraph, each inside the caller's transaction (`trx`). With
 * `communities` (a confined viewer) a person is found only while they live (currently) in one of
 * them, and a residence only when it lies there and its person is found: exactly like an unknown id.
 */
export function createPeopleWriter(communities: readonly string[] | null) {
  const scope = [communities, communities] as const;
  const PERSON_VISIBLE = `(?::text[] IS NULL OR EXISTS (SELECT 1 FROM people.residence c
    WHERE c.person_id = p.id AND c.until IS NULL AND left(c.address_code, 12) = ANY(?::text[])))`;
  const RESIDENCE_VISIBLE = `${inScope('r.address_code')} AND (?::text[] IS NULL OR EXISTS (SELECT 1 FROM people.residence c
    WHERE c.person_id = r.person_id AND c.until IS NULL AND left(c.address_code, 12) = ANY(?::text[])))`;
  return {
    /**
     * The person locked for a change (FOR UPDATE), or null when unknown or out of the viewer's
     * scope. `orHomeless`: a confined viewer also finds a person with no current residence at
     * all (someone moving in: they live nowhere else the viewer could learn of).
     */
    async lockPerson(trx: Db, id: string, orHomeless = false): Promise<PersonRow | null> {
      const homeless = orHomeless ? ' OR NOT EXISTS (SELECT 1 FROM people.residence h WHERE h.person_id = p.id AND h.until IS NULL)' : '';
      const [row] = await query<PersonRow>(trx,
        `/* people.lockPerson */ SELECT ${PERSON_COLUMNS} FROM people.person p WHERE p.id = ? AND (${PERSON_VISIBLE}${homeless}) FOR UPDATE OF p`,
        [id, ...scope]);
      return row ?? null;
    },

    /** The person as it is now, read in the transaction (in scope only), or null. */
    async findPerson(trx: Db, id: string): Promise<PersonRow | null> {
      const [row] = await query<PersonRow>(trx,
        `/* people.findPerson */ SELECT ${PERSON_COLUMNS} FROM people.person p WHERE p.id = ? AND ${PERSON_VISIBLE}`, [id, ...scope]);
      return row ?? null;
    },

    /**
     * The person a residence the viewer just ended (or ends again on a retry) belongs to, unscoped:
     * a confined viewer no longer finds someone who moved out of their communities, yet the
     * payload of their own write shows whom it moved out. Only residenceEnd's payloads use it.
     */
    async personOfOwnWrite(trx: Db, id: string): Promise<PersonRow | null> {
      const [row] = await query<PersonRow>(trx, `/* people.personOfOwnWrite */ SELECT ${PERSON_COLUMNS} FROM people.person p WHERE p.id = ?`, [id]);
      return row ?? null;
    },

    /** The residence of a write's payload (address in scope; its person may have moved out). */
    async residenceOfOwnWrite(trx: Db, id: number): Promise<ResidenceRow | null> {
      const [row] = await query<ResidenceRow>(trx,
        `/* people.residenceOfOwnWrite */ SELECT ${RESIDENCE_COLUMNS} FROM people.residence r WHERE r.id = ? AND ${inScope('r.address_code')}`,
        [id, ...scope]);
      return row ?? null;
    },

    /** Sets the contact details if the person is still at `version`; null when the version moved. */
    async updateContact(trx: Db, id: string, version: number, contact: { phone: string | null }): Promise<PersonRow | null> {
      const [row] = await query<PersonRow>(trx,
        `/* people.updateContact */ UPDATE people.person AS p SET phone = ?, version = p.version + 1, field_changed_at = now()
        WHERE p.id = ? AND p.version = ?::int RETURNING ${PERSON_COLUMNS}`,
        [contact.phone, id, version]);
      return row ?? null;
    },

    /** Every current residence of a person, wherever it is (the caller decides what the viewer may touch), locked. */
    async lockCurrentResidences(trx: Db, personId: string): Promise<ResidenceRow[]> {
      return query<ResidenceRow>(trx,
        `/* people.lockCurrentResidences */ SELECT ${RESIDENCE_COLUMNS} FROM people.residence r
        WHERE r.person_id = ? AND r.until IS NULL ORDER BY r.id FOR UPDATE`, [personId]);
    },

    /** The residence locked for a change, or null when unknown or out of the viewer's scope. */
    async lockResidence(trx: Db, id: number): Promise<ResidenceRow | null> {
      const [row] = await query<ResidenceRow>(trx,
        `/* people.lockResidence */ SELECT ${RESIDENCE_COLUMNS} FROM people.residence r WHERE r.id = ? AND ${RESIDENCE_VISIBLE} FOR UPDATE OF r`,
        [id, ...scope, ...scope]);
      return row ?? null;
    },

    /** The residence as it is now, read in the transaction (in scope only), or null. */
    async findResidence(trx: Db, id: number): Promise<ResidenceRow | null> {
      const [row] = await query<ResidenceRow>(trx,
        `/* people.findResidence */ SELECT ${RESIDENCE_COLUMNS} FROM people.residence r WHERE r.id = ? AND ${RESIDENCE_VISIBLE}`,
        [id, ...scope, ...scope]);
      return row ?? null;
    },

    /** Inserts a current residence started in the field app (version 1). */
    async insertResidence(trx: Db, r: NewResidence): Promise<ResidenceRow> {
      const [row] = await query<ResidenceRow>(trx,
        `/* people.insertResidence */ INSERT INTO people.residence AS r (person_id, address_code, relation, since, field_changed_at)
        VALUES (?, ?, ?, ?::date, now()) RETURNING ${RESIDENCE_COLUMNS}`,
        [r.personId, r.addressCode, r.relation, r.since]);
      return row;
    },

    /**
     * Ends a current residence on `until` (never before it began) if it is still at `version`;
     * null when the version moved.
     */
    async endResidence(trx: Db, id: number, version: number, until: string): Promise<ResidenceRow | null> {
      const [row] = await query<ResidenceRow>(trx,
        `/* people.endResidence */ UPDATE people.residence AS r SET until = GREATEST(r.since, ?::date), version = r.version + 1, field_changed_at = now()
        WHERE r.id = ? AND r.version = ?::int AND r.until IS NULL RETURNING ${RESIDENCE_COLUMNS}`,
        [until, id, version]);
      return row ?? null;
    },
  };
}

export type PeopleWriter = ReturnType<typeof createPeopleWriter>;
