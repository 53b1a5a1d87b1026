/**
 * Loads the `small` seed into a database of its own (in-memory PGlite; also a scratch PostgreSQL
 * database when DATABASE_URL is set) and checks what arrived: row counts equal what `seed`
 * reported, and every cross-subgraph reference points at a row that exists.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPHS, type SubgraphName } from '../lib/config.ts';
import { openDatabase, type Database } from '../lib/db.ts';
import { migrateSubgraph } from '../lib/migrate.ts';
import { TABLES } from '../seeds/generate.ts';
import { isSeeded, nonEmptyTables, resetData, seed } from '../seeds/load.ts';
import { SHOWCASE } from '../seeds/showcase.ts';

type Databases = Record<SubgraphName, Database>;

async function rows<T>(database: Database, sql: string, bindings: unknown[] = []): Promise<T[]> {
  const result = await database.knex.raw(sql, bindings as never[]);
  return result.rows as T[];
}

async function column(database: Database, sql: string): Promise<Set<string>> {
  return new Set((await rows<{ v: string }>(database, sql)).map((r) => r.v));
}

function describeTarget(name: string, open: () => Promise<{ databases: Databases; cleanup: () => Promise<void> }>) {
  describe(`seeding small into ${name}`, () => {
    let databases: Databases;
    let cleanup: () => Promise<void>;
    let counts: Record<string, number>;
    const progress: { table: string; rows: number }[] = [];

    beforeAll(async () => {
      ({ databases, cleanup } = await open());
      for (const s of SUBGRAPHS) await migrateSubgraph(databases[s]);
      expect(await isSeeded(databases)).toBe(false);
      counts = await seed(databases, { size: 'small' }, (p) => progress.push(p));
    });

    afterAll(async () => {
      await cleanup?.();
    });

    it('loads every table, with the counts seed() reported', async () => {
      expect(await isSeeded(databases)).toBe(true);
      expect(Object.keys(counts).sort()).toEqual(TABLES.map((t) => t.name).sort());
      for (const t of TABLES) {
        const [{ n }] = await rows<{ n: number }>(databases[t.subgraph], `SELECT count(*)::int AS n FROM ${t.name}`);
        expect(n, t.name).toBe(counts[t.name]);
        expect(n, t.name).toBeGreaterThan(0);
        expect(progress.filter((p) => p.table === t.name).at(-1)?.rows).toBe(n);
      }
    });

    it('keeps cross-subgraph references intact', async () => {
      const addresses = await column(databases.buildings, 'SELECT code AS v FROM buildings.address');
      const people = await column(databases.people, 'SELECT id AS v FROM people.person');
      const entities = await column(databases.entities, 'SELECT credit_code AS v FROM entities.legal_entity');
      const events = await column(databases.events, 'SELECT id AS v FROM events.event');
      const missing = (values: Set<string>, universe: Set<string>) => [...values].filter((v) => !universe.has(v));

      expect(missing(await column(databases.people, 'SELECT DISTINCT address_code AS v FROM people.residence'), addresses)).toEqual([]);
      expect(missing(await column(databases.entities, 'SELECT DISTINCT business_address_code AS v FROM entities.legal_entity WHERE business_address_code IS NOT NULL'), addresses)).toEqual([]);
      expect(missing(await column(databases.entities, 'SELECT DISTINCT legal_rep_person_id AS v FROM entities.legal_entity WHERE legal_rep_person_id IS NOT NULL'), people)).toEqual([]);
      expect(missing(await column(databases.events, 'SELECT DISTINCT address_code AS v FROM events.event'), addresses)).toEqual([]);
      expect(missing(await column(databases.events, 'SELECT DISTINCT person_id AS v FROM events.event_person'), people)).toEqual([]);
      expect(missing(await column(databases.events, 'SELECT DISTINCT credit_code AS v FROM events.event_entity'), entities)).toEqual([]);
      expect(missing(await column(databases.cases, 'SELECT DISTINCT address_code AS v FROM cases.legal_case'), addresses)).toEqual([]);
      expect(missing(await column(databases.cases, 'SELECT DISTINCT person_id AS v FROM cases.case_party WHERE person_id IS NOT NULL'), people)).toEqual([]);
      expect(missing(await column(databases.cases, 'SELECT DISTINCT credit_code AS v FROM cases.case_party WHERE credit_code IS NOT NULL'), entities)).toEqual([]);
      expect(missing(await column(databases.cases, 'SELECT DISTINCT event_id AS v FROM cases.case_event'), events)).toEqual([]);
    });

    it('gives every person exactly one current residence', async () => {
      const [{ n }] = await rows<{ n: number }>(databases.people, `
        SELECT count(*)::int AS n FROM people.person p
        WHERE (SELECT count(*) FROM people.residence r WHERE r.person_id = p.id AND r.until IS NULL) <> 1`);
      expect(n).toBe(0);
    });

    it('holds the showcase room with residents, an entity, an event and a case', async () => {
      const [room] = await rows<{ full_name: string }>(databases.buildings, 'SELECT full_name FROM buildings.address WHERE code = ?', [SHOWCASE.roomCode]);
      expect(room.full_name).toBe(SHOWCASE.roomFullName);
      const count = async (database: Database, sql: string) => (await rows<{ n: number }>(database, sql, [SHOWCASE.roomCode]))[0].n;
      expect(await count(databases.people, 'SELECT count(*)::int AS n FROM people.residence WHERE address_code = ? AND until IS NULL')).toBeGreaterThanOrEqual(2);
      expect(await count(databases.entities, 'SELECT count(*)::int AS n FROM entities.legal_entity WHERE business_address_code = ?')).toBeGreaterThanOrEqual(1);
      expect(await count(databases.events, 'SELECT count(*)::int AS n FROM events.event WHERE address_code = ?')).toBeGreaterThanOrEqual(1);
      expect(await count(databases.cases, `SELECT count(*)::int AS n FROM cases.legal_case c JOIN cases.case_event e ON e.case_id = c.id WHERE c.address_code = ?`)).toBeGreaterThanOrEqual(1);
    });

    it('empties every seeded table on reset and reloads identically', async () => {
      const before = await rows<{ id: string; person_id: string }>(databases.people, 'SELECT id::text AS id, person_id FROM people.residence ORDER BY id LIMIT 50');
      await resetData(databases);
      expect(await nonEmptyTables(databases)).toEqual([]);
      expect(await isSeeded(databases)).toBe(false);
      expect(await seed(databases, { size: 'small' })).toEqual(counts);
      const after = await rows<{ id: string; person_id: string }>(databases.people, 'SELECT id::text AS id, person_id FROM people.residence ORDER BY id LIMIT 50');
      expect(after).toEqual(before);
    });
  });
}

describeTarget('in-memory PGlite', async () => {
  const dir = `memory://seedtest-${randomBytes(4).toString('hex')}`;
  const databases = Object.fromEntries(SUBGRAPHS.map((s) => [s, openDatabase(s, { url: null, pgliteDir: dir })])) as Databases;
  return {
    databases,
    cleanup: async () => {
      for (const s of SUBGRAPHS) await databases[s].close();
    },
  };
});

const serverUrl = process.env.DATABASE_URL;
if (serverUrl) {
  describeTarget('a scratch PostgreSQL database', async () => {
    const admin = new URL(serverUrl);
    admin.pathname = '/postgres';
    const name = `seedtest_${randomBytes(6).toString('hex')}`;
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    const scratch = new URL(serverUrl);
    scratch.pathname = `/${name}`;
    const databases = Object.fromEntries(SUBGRAPHS.map((s) => [s, openDatabase(s, { url: scratch.toString(), poolMax: 2 })])) as Databases;
    return {
      databases,
      cleanup: async () => {
        for (const s of SUBGRAPHS) await databases[s].close();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      },
    };
  });
}
