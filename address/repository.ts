/**
 * Every SQL statement of the standardizer. Reads only the `buildings` schema (the registry).
 */
import { query, type Db } from '../lib/db.ts';

/** A division or building as the standardizer's in-memory index holds it. */
export type RegistryRow = {
  code: string;
  level: 'DISTRICT' | 'SUBDISTRICT' | 'COMMUNITY' | 'BUILDING';
  name: string;
  fullName: string;
  road: string | null;
  doorNumber: string | null;
  estate: string | null;
  buildingNo: string | null;
  aliases: string[];
};

/** A room found for a (building, room number) question. */
export type RoomRow = {
  /** Position of the question in the batch, from 0. */
  key: number;
  code: string;
  fullName: string;
  unit: string | null;
  roomNo: string;
  floor: number | null;
};

export function createStandardizerRepository(db: Db) {
  return {
    /**
     * Divisions and buildings: the part of the registry the matcher keeps in memory (rooms stay
     * in the database, about 30 per building).
     */
    async indexRows(): Promise<RegistryRow[]> {
      return query<RegistryRow>(db,
        `/* standardizer.indexRows */
        SELECT code, level, name, full_name AS "fullName", road, door_number AS "doorNumber", estate,
               building_no AS "buildingNo", aliases
        FROM buildings.address WHERE level IN ('DISTRICT', 'SUBDISTRICT', 'COMMUNITY', 'BUILDING')
        ORDER BY code`,
        [],
      );
    },

    /**
     * Rooms with a given number in given buildings, for a whole batch in one statement: an index
     * range over (parent_code, room_no) per question.
     */
    async roomsByNumber(questions: readonly { building: string; room: string }[]): Promise<RoomRow[]> {
      if (questions.length === 0) return [];
      const rows = await query<RoomRow & { key: string | number }>(db,
        `/* standardizer.roomsByNumber */
        SELECT q.i AS key, a.code, a.full_name AS "fullName", a.unit, a.room_no AS "roomNo", a.floor
        FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS q(building, room, i)
        JOIN buildings.address a ON a.parent_code = q.building AND a.room_no = q.room AND a.level = 'ROOM'`,
        [questions.map((q) => q.building), questions.map((q) => q.room)],
      );
      return rows.map((r) => ({ ...r, key: Number(r.key) - 1 }));
    },

    /** A cheap fingerprint of the indexed part of the registry, to tell when to reload it. */
    async indexVersion(): Promise<string> {
      const rows = await query<{ n: number; h: string | null }>(db,
        `/* standardizer.indexVersion */
        SELECT count(*)::int AS n, md5(string_agg(code || coalesce(estate, '') || coalesce(building_no, '') || coalesce(road, '') || coalesce(door_number, '') || array_to_string(aliases, ','), '|' ORDER BY code)) AS h
        FROM buildings.address WHERE level IN ('DISTRICT', 'SUBDISTRICT', 'COMMUNITY', 'BUILDING')`,
        [],
      );
      return `${rows[0].n}:${rows[0].h ?? ''}`;
    },
  };
}

export type StandardizerRepository = ReturnType<typeof createStandardizerRepository>;
