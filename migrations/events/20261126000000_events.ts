import type { Knex } from 'knex';

/** Events (事件): hazards, disputes and incidents reported at an address. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE events.event (
      id            text COLLATE "C" PRIMARY KEY,
      kind          text NOT NULL CHECK (kind IN ('SAFETY_HAZARD','FIRE_HAZARD','DISPUTE','ILLEGAL_CONSTRUCTION','PUBLIC_ORDER','ENVIRONMENT','SANITATION','TRAFFIC','OTHER')),
      source        text NOT NULL CHECK (source IN ('GRID_PATROL','HOTLINE_12345','SENSOR','APP','WALK_IN','REFERRAL')),
      severity      text NOT NULL CHECK (severity IN ('LOW','MEDIUM','HIGH','CRITICAL')),
      status        text NOT NULL CHECK (status IN ('REPORTED','ASSIGNED','RESOLVED','CLOSED')),
      reported_at   timestamptz NOT NULL,
      resolved_at   timestamptz,
      description   text NOT NULL,
      address_code  text COLLATE "C" NOT NULL CHECK (address_code ~ '^[0-9]{14}[0-9A-Z]{5}([0-9A-Z]{6}){0,1}$'),
      CHECK (resolved_at IS NULL OR resolved_at >= reported_at)
    )`);
  // Address.events / eventStats: a code range, newest first
  await knex.raw(`CREATE INDEX event_address_idx ON events.event (address_code, reported_at DESC, id DESC)`);
  await knex.raw(`
    CREATE TABLE events.event_person (
      event_id   text COLLATE "C" NOT NULL REFERENCES events.event (id) ON DELETE CASCADE,
      person_id  text COLLATE "C" NOT NULL,
      role       text NOT NULL CHECK (role IN ('REPORTER','INVOLVED','RESPONSIBLE','WITNESS')),
      PRIMARY KEY (event_id, person_id)
    )`);
  await knex.raw(`CREATE INDEX event_person_person_idx ON events.event_person (person_id)`);
  await knex.raw(`
    CREATE TABLE events.event_entity (
      event_id     text COLLATE "C" NOT NULL REFERENCES events.event (id) ON DELETE CASCADE,
      credit_code  text COLLATE "C" NOT NULL,
      role         text NOT NULL CHECK (role IN ('INVOLVED','RESPONSIBLE')),
      PRIMARY KEY (event_id, credit_code)
    )`);
  await knex.raw(`CREATE INDEX event_entity_credit_idx ON events.event_entity (credit_code)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TABLE events.event_entity`);
  await knex.raw(`DROP TABLE events.event_person`);
  await knex.raw(`DROP TABLE events.event`);
}
