import type { Knex } from 'knex';

/** Cases (案件): mediation, litigation, petitions, legal aid, tied to an address. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE cases.legal_case (
      id            text COLLATE "C" PRIMARY KEY,
      kind          text NOT NULL CHECK (kind IN ('MEDIATION','LITIGATION','PETITION','LEGAL_AID','ARBITRATION','FINANCIAL')),
      status        text NOT NULL CHECK (status IN ('FILED','ACCEPTED','IN_PROGRESS','CLOSED')),
      filed_on      date NOT NULL,
      closed_on     date,
      outcome       text CHECK (outcome IN ('MEDIATED','WITHDRAWN','JUDGED','REFERRED','REJECTED','FAILED')),
      summary       text NOT NULL,
      address_code  text COLLATE "C" NOT NULL CHECK (address_code ~ '^[0-9]{14}[0-9A-Z]{5}([0-9A-Z]{6}){0,1}$'),
      CHECK (closed_on IS NULL OR closed_on >= filed_on),
      CHECK ((status = 'CLOSED') = (closed_on IS NOT NULL)),
      CHECK (outcome IS NULL OR status = 'CLOSED')
    )`);
  // Address.cases / caseStats: a code range, newest first
  await knex.raw(`CREATE INDEX legal_case_address_idx ON cases.legal_case (address_code, filed_on DESC, id DESC)`);
  await knex.raw(`
    CREATE TABLE cases.case_party (
      case_id      text COLLATE "C" NOT NULL REFERENCES cases.legal_case (id) ON DELETE CASCADE,
      party_no     smallint NOT NULL,
      role         text NOT NULL CHECK (role IN ('APPLICANT','RESPONDENT','THIRD_PARTY')),
      person_id    text COLLATE "C",
      credit_code  text COLLATE "C",
      PRIMARY KEY (case_id, party_no),
      CHECK ((person_id IS NULL) <> (credit_code IS NULL))
    )`);
  await knex.raw(`CREATE INDEX case_party_person_idx ON cases.case_party (person_id) WHERE person_id IS NOT NULL`);
  await knex.raw(`CREATE INDEX case_party_credit_idx ON cases.case_party (credit_code) WHERE credit_code IS NOT NULL`);
  await knex.raw(`
    CREATE TABLE cases.case_event (
      case_id   text COLLATE "C" NOT NULL REFERENCES cases.legal_case (id) ON DELETE CASCADE,
      event_id  text COLLATE "C" NOT NULL,
      PRIMARY KEY (case_id, event_id)
    )`);
  await knex.raw(`CREATE INDEX case_event_event_idx ON cases.case_event (event_id)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TABLE cases.case_event`);
  await knex.raw(`DROP TABLE cases.case_party`);
  await knex.raw(`DROP TABLE cases.legal_case`);
}
