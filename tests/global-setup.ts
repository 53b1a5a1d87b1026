/**
 * Builds the shared read-only fixture database once per test run: every subgraph's schema
 * migrated and the `small` seed loaded (which includes the showcase room).
 *
 * - DATABASE_URL set: that PostgreSQL database; the five schemas, `audit` and `access` are dropped and rebuilt.
 * - Otherwise: a PGlite folder under the OS temp dir, provided to tests as `pgliteDir`.
 *
 * Tests that need rows of their own add them through factories with fresh keys and codes, so
 * they never depend on each other's rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { SUBGRAPHS } from '../lib/config.ts';
import { openDatabase, type Database } from '../lib/db.ts';
import { migrateSubgraph } from '../lib/migrate.ts';
import { migrateAudit } from '../audit/migrate.ts';
import { migrateAccess } from '../access/migrate.ts';
import { seed } from '../seeds/load.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDir: string | null;
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  const pgliteDir = url ? null : mkdtempSync(path.join(os.tmpdir(), 'address-graph-test-'));
  const open = (s: (typeof SUBGRAPHS)[number]) => (url ? openDatabase(s, { url }) : openDatabase(s, { url: null, pgliteDir: pgliteDir! }));
  const databases = Object.fromEntries(SUBGRAPHS.map((s) => [s, open(s)])) as Record<(typeof SUBGRAPHS)[number], Database>;
  const audit = url ? openDatabase('audit', { url }) : openDatabase('audit', { url: null, pgliteDir: pgliteDir! });
  const access = url ? openDatabase('access', { url }) : openDatabase('access', { url: null, pgliteDir: pgliteDir! });
  try {
    if (url) {
      for (const s of [...SUBGRAPHS, 'audit', 'access']) await databases.buildings.knex.raw(`DROP SCHEMA IF EXISTS ?? CASCADE`, [s]);
    }
    for (const s of SUBGRAPHS) await migrateSubgraph(databases[s]);
    await migrateAudit(audit);
    await migrateAccess(access);
    await seed(databases, { size: 'small' });
  } finally {
    for (const s of SUBGRAPHS) await databases[s].close();
    await audit.close();
    await access.close();
  }
  project.provide('pgliteDir', pgliteDir);
  return () => {
    if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
  };
}
