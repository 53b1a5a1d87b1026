/** Data-quality statements of the buildings schema (the address registry); they read nothing else. */
import { raw, sql, type Fragment } from '../../lib/sql.ts';
import type { Statement, StatementContext } from '../statement.ts';

/** Registry rows of one level grouped by community: total and those for which `bad` holds. */
const rows = (label: string, level: 'BUILDING' | 'ROOM', bad: string): Statement => (c: StatementContext): Fragment => sql`/* quality.buildings.${raw(label)} */
  SELECT left(a.code, 12) AS community, '' AS segment, count(*) AS total,
         count(*) FILTER (WHERE ${raw(bad)}) AS bad, NULL::float8 AS value
  FROM buildings.address a
  WHERE a.level = ${level} AND ${c.within('a.code')}
  GROUP BY 1 ORDER BY 1`;

export const BUILDINGS_STATEMENTS = {
  buildingLocationMissing: rows('buildingLocationMissing', 'BUILDING', 'a.longitude IS NULL OR a.latitude IS NULL'),
  buildingYearMissing: rows('buildingYearMissing', 'BUILDING', 'a.year_built IS NULL'),
  roomUseMissing: rows('roomUseMissing', 'ROOM', 'a.room_use IS NULL OR a.area_m2 IS NULL'),
  buildingYearRange: rows('buildingYearRange', 'BUILDING', 'a.year_built > extract(year FROM current_date)'),
  /** Shenzhen lies within 113.7-114.7 E, 22.4-22.9 N; a building outside it is misplaced. */
  buildingLocationRange: rows('buildingLocationRange', 'BUILDING', 'NOT (a.longitude BETWEEN 113.7 AND 114.7 AND a.latitude BETWEEN 22.4 AND 22.9)'),
  /** Two rooms of one unit of a building with the same room number (address_room_no_idx serves the probe). */
  roomNumberDuplicate: rows('roomNumberDuplicate', 'ROOM', `EXISTS (SELECT 1 FROM buildings.address d
      WHERE d.level = 'ROOM' AND d.parent_code = a.parent_code AND d.room_no = a.room_no
        AND d.unit IS NOT DISTINCT FROM a.unit AND d.code <> a.code)`),
  roomVolume: rows('roomVolume', 'ROOM', 'false'),
  /** The registry's community codes: reference data the other schemas' address checks are given. */
  knownCommunities: (): Fragment => raw(`/* quality.buildings.knownCommunities */ SELECT code FROM buildings.address WHERE level = 'COMMUNITY' ORDER BY code`),
} satisfies Record<string, Statement>;
