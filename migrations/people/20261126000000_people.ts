import type { Knex } from 'knex';

/** Residents and where they live. address_code refers to buildings.address by value only. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE people.person (
      id              text COLLATE "C" PRIMARY KEY,
      name            text NOT NULL CHECK (name <> ''),
      gender          text NOT NULL CHECK (gender IN ('MALE','FEMALE')),
      birth_date      date NOT NULL,
      id_number       text NOT NULL UNIQUE CHECK (id_number ~ '^[0-9]{17}[0-9X]$'),
      phone           text CHECK (phone ~ '^1[0-9]{10}$'),
      household_type  text NOT NULL CHECK (household_type IN ('REGISTERED','MIGRANT'))
    )`);
  await knex.raw(`
    CREATE TABLE people.residence (
      id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      person_id     text COLLATE "C" NOT NULL REFERENCES people.person (id),
      address_code  text COLLATE "C" NOT NULL CHECK (address_code ~ '^[0-9]{14}[0-9A-Z]{5}([0-9A-Z]{6}){0,1}$'),
      relation      text NOT NULL CHECK (relation IN ('OWNER','TENANT','FAMILY','COLLECTIVE')),
      since         date NOT NULL,
      until         date,
      CHECK (until IS NULL OR until >= since)
    )`);
  // Address.residents / residentCount: current residents in a code range, ordered by (address_code, person_id)
  await knex.raw(`CREATE INDEX residence_current_idx ON people.residence (address_code, person_id) WHERE until IS NULL`);
  await knex.raw(`CREATE UNIQUE INDEX residence_one_current_per_address ON people.residence (person_id, address_code) WHERE until IS NULL`);
  // Person.residences
  await knex.raw(`CREATE INDEX residence_person_idx ON people.residence (person_id, since)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TABLE people.residence`);
  await knex.raw(`DROP TABLE people.person`);
}
