/**
 * Made-up address codes for the tests of the lists the BI bridge pages through: each test file
 * takes a district of its own that no real district and no other test uses, so a district-level
 * list (the bridge's case) holds exactly the rows that file inserts.
 */
import { randomBytes } from 'node:crypto';

const digits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join('');
const alnum = (n: number) => Array.from(randomBytes(n), (b) => '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'[b % 36]).join('');

/**
 * Districts reserved for these tests, one per file: 4499xx like the other tests' made-up district
 * 449900 (the standardizer tests look only below '4499'), yet none under it.
 */
export const BRIDGE_DISTRICTS = {
  events: '449951',
  cases: '449952',
  entities: '449953',
  people: '449954',
  e2e: '449955',
} as const;

/** A fresh community under `subdistrict` (9 digits). */
export const communityIn = (subdistrict: string) => subdistrict + digits(3);
/** A fresh building under `community`, in grid 01. */
export const buildingIn = (community: string) => `${community}01${alnum(5)}`;
/** A fresh room in `building`. */
export const roomIn = (building: string) => building + alnum(6);

/** The instant as PostgreSQL sees it now, rounded up to the next millisecond (what a DateTime argument can say). */
export async function databaseNow(knex: { raw(sql: string): Promise<{ rows: { t: Date }[] }> }): Promise<Date> {
  const { rows } = await knex.raw('SELECT clock_timestamp() AS t');
  return new Date(rows[0].t.getTime() + 1);
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type ListAt = { totalCount: number; edges: { node: Record<string, string> }[] };

/**
 * Asks `field` of the address `code` three times in one request: changed since `mark`
 * (`updatedSince`), unchanged since (`updatedBefore`) and all, listing `id` of each node. The
 * three land in one loader batch with three windows, as a client refreshing incrementally beside
 * a full read would send them.
 */
export async function windowsAtOnce(
  client: { run(query: string, variables: Record<string, unknown>): Promise<{ data?: any; errors?: readonly unknown[] }> },
  field: string, id: string, code: string, mark: Date,
): Promise<{ changed: ListAt; unchanged: ListAt; all: { totalCount: number } }> {
  const result = await client.run(
    `query ($r: [_Any!]!, $mark: DateTime!) { _entities(representations: $r) { ... on Address {
      changed: ${field}(updatedSince: $mark) { totalCount edges { node { ${id} } } }
      unchanged: ${field}(updatedBefore: $mark) { totalCount edges { node { ${id} } } }
      all: ${field} { totalCount }
    } } }`,
    { r: [{ __typename: 'Address', code }], mark: mark.toISOString() },
  );
  if (result.errors) throw new Error(`${field} at ${code}: ${JSON.stringify(result.errors)}`);
  return result.data._entities[0];
}
