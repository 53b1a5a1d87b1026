/**
 * Opens the fixture database prepared by tests/global-setup.ts, one Database per subgraph.
 */
import { inject } from 'vitest';
import { SUBGRAPHS, type SchemaName, type SubgraphName } from '../../lib/config.ts';
import { openDatabase, type Database } from '../../lib/db.ts';

export type Databases = Record<SubgraphName, Database>;

/** The fixture database of one subgraph, or of the audit schema (PostgreSQL when DATABASE_URL is set, else PGlite). */
export function openFixture(subgraph: SchemaName): Database {
  const url = process.env.DATABASE_URL;
  if (url) return openDatabase(subgraph, { url, poolMax: 4 });
  return openDatabase(subgraph, { url: null, pgliteDir: inject('pgliteDir')! });
}

/** The fixture databases of every subgraph. */
export function openFixtures(): Databases {
  return Object.fromEntries(SUBGRAPHS.map((s) => [s, openFixture(s)])) as Databases;
}

export async function closeAll(databases: Databases): Promise<void> {
  for (const db of Object.values(databases)) await db.close();
}
