import type { Knex } from 'knex';

/**
 * The standard address registry: one row per address at every level, district to room.
 * Codes use COLLATE "C" so a subtree is a byte-order range served by the primary key.
 * Regular expressions write `{0,1}` for "optional": knex.raw would take a `?` for a bind placeholder.
 */
export async function up(knex: Knex): Promise<void> {
  // Character bigrams of a text: Chinese has no word boundaries and pg_trgm ignores CJK under the
  // C locale, so substring search is served by a GIN index over bigram arrays instead.
  await knex.raw(`
    CREATE FUNCTION buildings.bigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
    $$ SELECT coalesce(array_agg(DISTINCT substr(t, i, 2)), '{}') FROM generate_series(1, length(t) - 1) AS i $$`);
  await knex.raw(`
    CREATE TABLE buildings.address (
      code           text COLLATE "C" PRIMARY KEY,
      level          text NOT NULL CHECK (level IN ('DISTRICT','SUBDISTRICT','COMMUNITY','GRID','BUILDING','ROOM')),
      parent_code    text COLLATE "C" REFERENCES buildings.address (code),
      name           text NOT NULL,
      full_name      text NOT NULL,
      search_text    text NOT NULL,
      search_grams   text[] GENERATED ALWAYS AS (buildings.bigrams(search_text)) STORED,
      road           text,
      door_number    text,
      estate         text,
      building_no    text,
      building_type  text CHECK (building_type IN ('URBAN_VILLAGE','RESIDENTIAL_ESTATE','OFFICE','COMMERCIAL','INDUSTRIAL','PUBLIC')),
      floors_above   integer CHECK (floors_above >= 0),
      floors_below   integer CHECK (floors_below >= 0),
      year_built     integer CHECK (year_built BETWEEN 1900 AND 2100),
      longitude      double precision CHECK (longitude BETWEEN -180 AND 180),
      latitude       double precision CHECK (latitude BETWEEN -90 AND 90),
      aliases        text[] NOT NULL DEFAULT '{}',
      floor          integer,
      unit           text,
      room_no        text,
      room_use       text CHECK (room_use IN ('RESIDENTIAL','OFFICE','SHOP','DORMITORY','STORAGE','PUBLIC_SERVICE','OTHER')),
      area_m2        numeric(10,2) CHECK (area_m2 > 0),
      CONSTRAINT address_code_length CHECK (length(code) = CASE level
        WHEN 'DISTRICT' THEN 6 WHEN 'SUBDISTRICT' THEN 9 WHEN 'COMMUNITY' THEN 12
        WHEN 'GRID' THEN 14 WHEN 'BUILDING' THEN 19 ELSE 25 END),
      CONSTRAINT address_code_chars CHECK (code ~ '^[0-9]{6}([0-9]{3}([0-9]{3}([0-9]{2}([0-9A-Z]{5}([0-9A-Z]{6}){0,1}){0,1}){0,1}){0,1}){0,1}$'),
      CONSTRAINT address_parent_is_prefix CHECK (
        (level = 'DISTRICT' AND parent_code IS NULL) OR (level <> 'DISTRICT' AND left(code, length(parent_code)) = parent_code))
    )`);
  // children(first, after): WHERE parent_code = ? AND code > ? ORDER BY code
  await knex.raw(`CREATE INDEX address_parent_idx ON buildings.address (parent_code, code)`);
  // searchAddresses: substring match on names, full names and aliases
  await knex.raw(`CREATE INDEX address_search_grams_idx ON buildings.address USING gin (search_grams)`);
  // the standardizer resolves estates and door numbers to buildings
  await knex.raw(`CREATE INDEX address_estate_idx ON buildings.address (estate, building_no) WHERE level = 'BUILDING'`);
  await knex.raw(`CREATE INDEX address_road_idx ON buildings.address (road, door_number) WHERE level = 'BUILDING'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TABLE buildings.address`);
  await knex.raw(`DROP FUNCTION buildings.bigrams(text)`);
}
