/**
 * Typed factories for the people subgraph's tables. Every call inserts rows with fresh random
 * keys under a fresh made-up building, so exact-count assertions never see another test's rows.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { idCardCheckChar } from '../../lib/check-digits.ts';
import type { Database } from '../../lib/db.ts';
import type { PersonRow, ResidenceRow } from '../../subgraphs/people/repository.ts';

/**
 * A grid under a made-up district (449900) that the seed never uses: factory rows must not change
 * the seeded roll-ups other tests (and the end-to-end suite, running in parallel) assert.
 */
export const FACTORY_GRID = '44990000000199';

const CODE_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function randomChars(n: number, charset = CODE_CHARS): string {
  let out = '';
  for (let i = 0; i < n; i++) out += charset[randomInt(charset.length)];
  return out;
}

function randomDigits(n: number): string {
  return randomChars(n, '0123456789');
}

/** A made-up building code (19 characters) under FACTORY_GRID that no other test uses. */
export function freshBuildingCode(): string {
  return FACTORY_GRID + randomChars(5);
}

/** A room code (25 characters) in `building`; a fresh random room part unless one is given. */
export function roomIn(building: string, room: string = randomChars(6)): string {
  return building + room;
}

/** A valid citizen identity number for a birth date, with a random region and sequence. */
function idNumberFor(birthDate: string): string {
  const body = '44' + randomDigits(4) + birthDate.replaceAll('-', '') + randomDigits(3);
  return body + idCardCheckChar(body);
}

const PERSON_COLUMNS = [
  'id', 'name', 'gender', 'birth_date AS birthDate', 'id_number AS idNumber', 'phone', 'household_type AS householdType',
  'updated_at AS updatedAt', 'version',
];

/** Inserts a person; unspecified fields get fresh random values. */
export async function insertPerson(db: Database, overrides: Partial<Omit<PersonRow, 'updatedAt' | 'version'>> = {}): Promise<PersonRow> {
  const birthDate = overrides.birthDate ?? `19${randomInt(50, 100)}-${String(randomInt(1, 13)).padStart(2, '0')}-${String(randomInt(1, 29)).padStart(2, '0')}`;
  const person: Omit<PersonRow, 'updatedAt' | 'version'> = {
    id: `test-${randomUUID()}`,
    name: `测试${randomChars(4)}`,
    gender: randomInt(2) === 0 ? 'MALE' : 'FEMALE',
    idNumber: idNumberFor(birthDate),
    phone: `13${randomDigits(9)}`,
    householdType: 'MIGRANT',
    ...overrides,
    birthDate,
  };
  const [row] = await db.knex('people.person')
    .insert({
      id: person.id,
      name: person.name,
      gender: person.gender,
      birth_date: person.birthDate,
      id_number: person.idNumber,
      phone: person.phone,
      household_type: person.householdType,
    })
    .returning(PERSON_COLUMNS);
  return row as PersonRow;
}

export type ResidenceInput = {
  personId: string;
  addressCode: string;
  relation?: ResidenceRow['relation'];
  since?: string;
  until?: string | null;
};

/** Inserts a residence (current unless `until` is given). */
export async function insertResidence(db: Database, input: ResidenceInput): Promise<ResidenceRow> {
  const [row] = await db.knex('people.residence')
    .insert({
      person_id: input.personId,
      address_code: input.addressCode,
      relation: input.relation ?? 'TENANT',
      since: input.since ?? '2020-01-01',
      until: input.until ?? null,
    })
    .returning(['id', 'person_id AS personId', 'address_code AS addressCode', 'relation', 'since', 'until', 'updated_at AS updatedAt', 'version']);
  return { ...(row as ResidenceRow), id: Number((row as ResidenceRow).id) };
}

/** Inserts a new person currently living at `addressCode`. */
export async function insertResident(
  db: Database,
  addressCode: string,
  overrides: Partial<Omit<PersonRow, 'updatedAt' | 'version'>> = {},
): Promise<{ person: PersonRow; residence: ResidenceRow }> {
  const person = await insertPerson(db, overrides);
  const residence = await insertResidence(db, { personId: person.id, addressCode });
  return { person, residence };
}
