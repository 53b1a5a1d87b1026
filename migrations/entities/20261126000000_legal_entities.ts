import type { Knex } from 'knex';

/** Legal entities (法人) keyed by unified social credit code. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE entities.legal_entity (
      credit_code              text COLLATE "C" PRIMARY KEY CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
      name                     text NOT NULL CHECK (name <> ''),
      kind                     text NOT NULL CHECK (kind IN ('COMPANY','INDIVIDUAL_BUSINESS','SOCIAL_ORGANIZATION','PUBLIC_INSTITUTION')),
      industry                 text NOT NULL,
      status                   text NOT NULL CHECK (status IN ('ACTIVE','REVOKED','CANCELLED')),
      registered_on            date NOT NULL,
      registered_address_code  text COLLATE "C" CHECK (registered_address_code ~ '^[0-9]{14}[0-9A-Z]{5}([0-9A-Z]{6}){0,1}$'),
      business_address_code    text COLLATE "C" CHECK (business_address_code ~ '^[0-9]{14}[0-9A-Z]{5}([0-9A-Z]{6}){0,1}$'),
      legal_rep_person_id      text COLLATE "C"
    )`);
  // Address.entities / entityCount: entities registered or operating in a code range
  await knex.raw(`CREATE INDEX legal_entity_business_idx ON entities.legal_entity (business_address_code, credit_code)`);
  await knex.raw(`CREATE INDEX legal_entity_registered_idx ON entities.legal_entity (registered_address_code, credit_code)`);
  // Person.representedEntities
  await knex.raw(`CREATE INDEX legal_entity_rep_idx ON entities.legal_entity (legal_rep_person_id)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TABLE entities.legal_entity`);
}
