/**
 * Every SQL statement of the buildings subgraph. Reads only the `buildings` schema.
 */
import { query, type Db } from '../../lib/db.ts';
import { nextPrefix } from '../../lib/address-code.ts';
import { tagRows } from '../../lib/pagination.ts';
import { windowCondition, windowGroups } from '../../lib/sql.ts';

export type AddressRow = {
  code: string;
  level: 'DISTRICT' | 'SUBDISTRICT' | 'COMMUNITY' | 'GRID' | 'BUILDING' | 'ROOM';
  parentCode: string | null;
  name: string;
  fullName: string;
  road: string | null;
  doorNumber: string | null;
  estate: string | null;
  buildingNo: string | null;
  buildingType: 'URBAN_VILLAGE' | 'RESIDENTIAL_ESTATE' | 'OFFICE' | 'COMMERCIAL' | 'INDUSTRIAL' | 'PUBLIC' | null;
  floorsAbove: number | null;
  floorsBelow: number | null;
  yearBuilt: number | null;
  longitude: number | null;
  latitude: number | null;
  aliases: string[];
  floor: number | null;
  unit: string | null;
  roomNo: string | null;
  roomUse: 'RESIDENTIAL' | 'OFFICE' | 'SHOP' | 'DORMITORY' | 'STORAGE' | 'PUBLIC_SERVICE' | 'OTHER' | null;
  areaM2: number | null;
  /** When the row last changed (migration 20261217000000_address_updated_at). */
  updatedAt: Date;
};

/** One column list for every address query, snake_case aliased to the row type. */
const ADDRESS_COLUMNS = `
  a.code, a.level, a.parent_code AS "parentCode", a.name, a.full_name AS "fullName",
  a.road, a.door_number AS "doorNumber", a.estate, a.building_no AS "buildingNo",
  a.building_type AS "buildingType", a.floors_above AS "floorsAbove", a.floors_below AS "floorsBelow",
  a.year_built AS "yearBuilt", a.longitude, a.latitude, a.aliases,
  a.floor, a.unit, a.room_no AS "roomNo", a.room_use AS "roomUse", a.area_m2 AS "areaM2", a.updated_at AS "updatedAt"`;

/** The distinct character bigrams of a text, as buildings.bigrams() computes them in SQL, in linear time. */
export function bigrams(text: string): string[] {
  const chars = Array.from(text);
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i] + chars[i + 1]);
  return [...grams];
}

export type ChildrenKey = { parentCode: string; first: number; after: string | null };

/**
 * Whether a subtree key (`k.levels`: comma-separated levels, null for all) asks for rooms. When it
 * does not, its page and count read address_above_room_idx (rooms are 95 % of the registry); each
 * statement holds both forms and this one-time condition per key picks one.
 */
const ROOMS_WANTED = `(k.levels IS NULL OR 'ROOM' = ANY(string_to_array(k.levels, ',')))`;

/** Every address at or beneath `root` (itself included), of some levels only when `levels` is set. */
export type SubtreeFilter = {
  root: string;
  levels: readonly AddressRow['level'][] | null;
  /** Only rows whose updated_at is at or after this instant (ISO); absent or null for all. */
  updatedSince?: string | null;
};
/** One page of them in code order; `after` is the last code seen. */
export type SubtreeKey = SubtreeFilter & { first: number; after: string | null };

export function createAddressRepository(db: Db) {
  return {
    /** Addresses by code, in any order; unknown codes are simply absent. */
    async findByCodes(codes: readonly string[]): Promise<AddressRow[]> {
      const rows = await query<AddressRow>(db,
        `/* buildings.findByCodes */ SELECT ${ADDRESS_COLUMNS} FROM buildings.address a WHERE a.code = ANY(?::text[])`,
        [codes],
      );
      return rows;
    },

    /**
     * One page of children for each parent in one statement: a LATERAL index range scan per
     * parent over (parent_code, code), LIMIT first + 1 to tell whether a next page exists.
     */
    async childrenPages(keys: readonly ChildrenKey[]): Promise<(AddressRow & { key: number })[]> {
      const rows = await query<AddressRow & { key: string | number }>(db,
        `/* buildings.childrenPages */
        SELECT k.i AS key, c.* FROM unnest(?::text[], ?::text[], ?::int[]) WITH ORDINALITY AS k(parent, after, lim, i)
        CROSS JOIN LATERAL (
          SELECT ${ADDRESS_COLUMNS} FROM buildings.address a
          WHERE a.parent_code = k.parent AND (k.after IS NULL OR a.code > k.after)
          ORDER BY a.code LIMIT k.lim
        ) c`,
        [keys.map((k) => k.parentCode), keys.map((k) => k.after), keys.map((k) => k.first + 1)],
      );
      return tagRows(rows, (r) => Number(r.key) - 1);
    },

    /**
     * One page of each subtree in one statement: a LATERAL range scan of the primary key per key
     * from its cursor, in code order, LIMIT first + 1 to tell whether a next page exists.
     */
    async subtreePages(keys: readonly SubtreeKey[]): Promise<(AddressRow & { key: number })[]> {
      const rows = await query<AddressRow & { key: string | number }>(db,
        `/* buildings.subtreePages */
        SELECT k.i AS key, c.* FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int[])
          WITH ORDINALITY AS k(lo, hi, levels, after, lim, i)
        CROSS JOIN LATERAL (
          -- rooms wanted (or every level): a range of the primary key
          (SELECT ${ADDRESS_COLUMNS} FROM buildings.address a
          WHERE ${ROOMS_WANTED} AND a.code >= k.lo AND a.code < k.hi AND a.code > coalesce(k.after, '')
            AND (k.levels IS NULL OR a.level = ANY(string_to_array(k.levels, ',')))
          ORDER BY a.code LIMIT k.lim)
          UNION ALL
          -- only levels above rooms: for each level asked for, a range of address_level_code_idx
          -- (level, code; no room), merged in code order
          (SELECT x.* FROM unnest(string_to_array(k.levels, ',')) AS l(level)
          CROSS JOIN LATERAL (
            SELECT ${ADDRESS_COLUMNS} FROM buildings.address a
            WHERE NOT ${ROOMS_WANTED} AND a.level <> 'ROOM' AND a.level = l.level
              AND a.code >= k.lo AND a.code < k.hi AND a.code > coalesce(k.after, '')
            ORDER BY a.code LIMIT k.lim
          ) x
          ORDER BY x.code LIMIT k.lim)
          ORDER BY code
        ) c`,
        [
          keys.map((k) => k.root),
          keys.map((k) => nextPrefix(k.root)),
          keys.map((k) => k.levels?.join(',') ?? null),
          keys.map((k) => k.after),
          keys.map((k) => k.first + 1),
        ],
      );
      return tagRows(rows, (r) => Number(r.key) - 1);
    },

    /**
     * One page of each subtree's rows changed since `updatedSince`, in code order: a range of
     * address_updated_idx from the watermark (the changed rows are few), then the subtree's code
     * range and levels, sorted by code from the cursor. Keys without `updatedSince` take all rows.
     * One statement per watermark (windowGroups), bound in place: from unnest, the planner could
     * not tell how many rows changed and walked address_pkey over the district's subtree instead
     * (277 ms, 333,884 rows filtered at scale 10; 0.2 ms with the instant bound).
     */
    async changedSubtreePages(keys: readonly SubtreeKey[]): Promise<(AddressRow & { key: number })[]> {
      const pages = await Promise.all(windowGroups(keys).map(async (group) => {
        const groupKeys = group.map((i) => keys[i]);
        const window = windowCondition('a.updated_at', groupKeys[0]);
        const rows = await query<AddressRow & { key: string | number }>(db,
          `/* buildings.changedSubtreePages */
          SELECT k.i AS key, c.* FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int[])
            WITH ORDINALITY AS k(lo, hi, levels, after, lim, i)
          CROSS JOIN LATERAL (
            SELECT ${ADDRESS_COLUMNS} FROM buildings.address a
            WHERE a.code >= k.lo AND a.code < k.hi AND a.code > coalesce(k.after, '')
              AND (k.levels IS NULL OR a.level = ANY(string_to_array(k.levels, ',')))
              AND ${window.text}
            ORDER BY a.code LIMIT k.lim
          ) c`,
          [
            groupKeys.map((k) => k.root),
            groupKeys.map((k) => nextPrefix(k.root)),
            groupKeys.map((k) => k.levels?.join(',') ?? null),
            groupKeys.map((k) => k.after),
            groupKeys.map((k) => k.first + 1),
            ...window.values,
          ],
        );
        return tagRows(rows, (r) => group[Number(r.key) - 1]);
      }));
      return pages.flat();
    },

    /** Number of each subtree's rows (of its levels) changed since `updatedSince`, in key order; one statement per watermark. */
    async changedSubtreeCounts(keys: readonly SubtreeFilter[]): Promise<number[]> {
      const counts = keys.map(() => 0);
      await Promise.all(windowGroups(keys).map(async (group) => {
        const groupKeys = group.map((i) => keys[i]);
        const window = windowCondition('a.updated_at', groupKeys[0]);
        const rows = await query<{ key: string | number; n: number }>(db,
          `/* buildings.changedSubtreeCounts */
          SELECT k.i AS key, (
            SELECT count(*) FROM buildings.address a
            WHERE a.code >= k.lo AND a.code < k.hi
              AND (k.levels IS NULL OR a.level = ANY(string_to_array(k.levels, ',')))
              AND ${window.text}
          )::int AS n
          FROM unnest(?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS k(lo, hi, levels, i)`,
          // the window's values first: its placeholders stand in the select list, before unnest's
          [...window.values, groupKeys.map((k) => k.root), groupKeys.map((k) => nextPrefix(k.root)), groupKeys.map((k) => k.levels?.join(',') ?? null)],
        );
        for (const row of rows) counts[group[Number(row.key) - 1]] = row.n;
      }));
      return counts;
    },

    /** Number of addresses in each subtree (of its levels), in key order: a primary key range count. */
    async subtreeCounts(keys: readonly SubtreeFilter[]): Promise<number[]> {
      const rows = await query<{ key: string | number; n: number }>(db,
        `/* buildings.subtreeCounts */
        SELECT k.i AS key, (
          SELECT count(*) FROM buildings.address a
          WHERE ${ROOMS_WANTED} AND a.code >= k.lo AND a.code < k.hi AND (k.levels IS NULL OR a.level = ANY(string_to_array(k.levels, ',')))
        )::int + (
          SELECT count(*) FROM buildings.address a
          WHERE NOT ${ROOMS_WANTED} AND a.level <> 'ROOM' AND a.code >= k.lo AND a.code < k.hi AND a.level = ANY(string_to_array(k.levels, ','))
        )::int AS n
        FROM unnest(?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS k(lo, hi, levels, i)`,
        [keys.map((k) => k.root), keys.map((k) => nextPrefix(k.root)), keys.map((k) => k.levels?.join(',') ?? null)],
      );
      const counts = keys.map(() => 0);
      for (const row of rows) counts[Number(row.key) - 1] = row.n;
      return counts;
    },

    /**
     * The located buildings beneath each root, in key order: one range of address_building_point_idx
     * per root (the points of a map's schematic areas). LATERAL with OFFSET 0, which keeps the
     * planner from flattening it into a join: as a join (the partial index's row estimate is 10 at
     * scale 10, for 10,237 rows) it read the whole index once and tested every building against
     * every root: 93 communities, 941,804 rows joined and dropped, 140 ms; per root, 4 ms.
     */
    async buildingPoints(roots: readonly string[]): Promise<{ key: number; longitude: number; latitude: number }[]> {
      const rows = await query<{ key: string | number; longitude: number; latitude: number }>(db,
        `/* buildings.buildingPoints */
        SELECT k.i AS key, p.longitude, p.latitude
        FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS k(lo, hi, i)
        CROSS JOIN LATERAL (
          SELECT a.longitude, a.latitude FROM buildings.address a
          WHERE a.code >= k.lo AND a.code < k.hi AND a.level = 'BUILDING' AND a.longitude IS NOT NULL AND a.latitude IS NOT NULL
          OFFSET 0
        ) p`,
        [roots, roots.map((r) => nextPrefix(r))],
      );
      return rows.map((r) => ({ key: Number(r.key) - 1, longitude: Number(r.longitude), latitude: Number(r.latitude) }));
    },

    /**
     * The registry's version for cached areas: its newest updated_at (one row of
     * address_updated_idx, read backwards); '' when empty.
     */
    async registryVersion(): Promise<string> {
      const [row] = await query<{ version: string | null }>(db,
        `/* buildings.registryVersion */ SELECT max(updated_at)::text AS version FROM buildings.address`);
      return row?.version ?? '';
    },

    /** Number of direct children of each parent, keyed by parent code. */
    async childCounts(parentCodes: readonly string[]): Promise<Map<string, number>> {
      const rows = await query<{ parentCode: string; n: number }>(db,
        `/* buildings.childCounts */
        SELECT parent_code AS "parentCode", count(*)::int AS n FROM buildings.address
        WHERE parent_code = ANY(?::text[]) GROUP BY parent_code`,
        [parentCodes],
      );
      return new Map(rows.map((r) => [r.parentCode, r.n]));
    },

    /**
     * Substring search over name, full name and aliases (GIN index over character bigrams, then
     * an exact LIKE recheck), best matches first:
     * exact names, then shortest full names, which are the most general matches.
     */
    async search(text: string, first: number, level: string | null): Promise<AddressRow[]> {
      const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      // the query's bigrams are computed here in one pass and bound as an array: buildings.bigrams()
      // takes substr(t, i, 2) of a UTF-8 text, which walks from the start each time, so its cost
      // grew with the square of the query's length
      const rows = await query<AddressRow>(db,
        `/* buildings.search */
        SELECT ${ADDRESS_COLUMNS} FROM buildings.address a
        WHERE a.search_grams @> ?::text[] AND a.search_text LIKE ? AND (?::text IS NULL OR a.level = ?::text)
        ORDER BY (a.name = ?) DESC, length(a.full_name), a.code
        LIMIT ?`,
        [bigrams(text), pattern, level, level, text, first],
      );
      return rows;
    },

    /** Codes in a subtree (used by tests and tools); a prefix range over the primary key. */
    async countSubtree(code: string): Promise<number> {
      const rows = await query<{ n: number }>(db,
        `/* buildings.countSubtree */ SELECT count(*)::int AS n FROM buildings.address WHERE code >= ? AND code < ?`,
        [code, nextPrefix(code)],
      );
      return rows[0].n;
    },
  };
}

export type AddressRepository = ReturnType<typeof createAddressRepository>;
