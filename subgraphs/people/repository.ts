/**
 * Every SQL statement of the people subgraph. Reads only the `people` schema: addresses are
 * known here by code alone.
 */
import { query, type Db } from '../../lib/db.ts';
import { inScope, scopedRange } from '../../lib/community-scope.ts';

export type PersonRow = {
  id: string;
  name: string;
  gender: 'MALE' | 'FEMALE';
  /** 'YYYY-MM-DD' (lib/db.ts keeps dates as strings). */
  birthDate: string;
  idNumber: string;
  phone: string | null;
  householdType: 'REGISTERED' | 'MIGRANT';
};

export type ResidenceRow = {
  id: number;
  personId: string;
  addressCode: string;
  relation: 'OWNER' | 'TENANT' | 'FAMILY' | 'COLLECTIVE';
  since: string;
  until: string | null;
};

/** One column list for every person query, snake_case aliased to the row type. */
const PERSON_COLUMNS = `
  p.id, p.name, p.gender, p.birth_date AS "birthDate", p.id_number AS "idNumber", p.phone,
  p.household_type AS "householdType"`;

/** One column list for every residence query. */
const RESIDENCE_COLUMNS = `
  r.id, r.person_id AS "personId", r.address_code AS "addressCode", r.relation, r.since, r.until`;

/**
 * One page of current residents at or beneath an address. `after` is the sort key
 * (address code, person id) of the last resident of the previous page.
 */
export type ResidentsKey = { code: string; first: number; after: readonly [string, string] | null };

/**
 * The statements of one request. With `communities` (a confined viewer, 12-digit community
 * codes) every statement sees only rows under those communities: residences at their addresses
 * and people with a current residence there. null means unconfined.
 */
export function createPeopleRepository(db: Db, communities: readonly string[] | null = null) {
  const scope = [communities, communities] as const;
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
      return rows.map((r) => ({ ...r, key: Number(r.key) - 1 }));
    },

    /** Number of current residents at or beneath each address (in scope), in the order of `codes`. */
    async residentCounts(codes: readonly string[]): Promise<number[]> {
      const ranges = codes.map((c) => scopedRange(c, communities));
      const rows = await query<{ key: string | number; n: number }>(db,
        `/* people.residentCounts */
        SELECT k.i AS key, (
          SELECT count(*) FROM people.residence r
          WHERE r.until IS NULL AND r.address_code >= k.lo AND r.address_code < k.hi
            AND ${inScope('r.address_code')}
        )::int AS n
        FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS k(lo, hi, i)`,
        [...scope, ranges.map((r) => r.lo), ranges.map((r) => r.hi)],
      );
      const counts = codes.map(() => 0);
      for (const row of rows) counts[Number(row.key) - 1] = row.n;
      return counts;
    },
  };
}

export type PeopleRepository = ReturnType<typeof createPeopleRepository>;
