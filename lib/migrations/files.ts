/**
 * The migration files on disk: one folder per schema (migrations/<schema>/), knex's format (a
 * module exporting `up(knex)`, `down(knex)` and optionally `config = { transaction: false }`),
 * applied in file-name order. Each file's checksum covers the file and the shared files it imports
 * (migrations/_shared/), so editing a shared body is an edit of every migration that uses it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Knex } from 'knex';
import { SUBGRAPHS, type SchemaName } from '../config.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MIGRATIONS_DIR = path.join(ROOT, 'migrations');
/** Every migration target in the order `up` runs them: the subgraphs, then audit (which reads people), then access. */
export const SCHEMAS: readonly SchemaName[] = [...SUBGRAPHS, 'audit', 'access'];

const MIGRATION_FILE = /^\d{14}_[a-z0-9_]+\.ts$/;

/** One migration file: its name as knex records it (`20261126000000_people.ts`) and its checksum. */
export type MigrationFile = { schema: string; name: string; file: string; sha256: string };

/** A loaded migration module. */
export type MigrationModule = {
  up: (knex: Knex) => Promise<unknown>;
  down?: (knex: Knex) => Promise<unknown>;
  config?: { transaction?: boolean };
};

/** sha256 of the file, then of each shared file it imports (in import order), as one hex digest. */
export function checksumOf(file: string): string {
  const hash = createHash('sha256');
  const text = readFileSync(file);
  hash.update(text);
  for (const match of text.toString('utf8').matchAll(/from\s+['"](\.\.?\/[^'"]+)['"]/g)) {
    const imported = path.resolve(path.dirname(file), match[1]);
    if (existsSync(imported)) hash.update(readFileSync(imported));
  }
  return hash.digest('hex');
}

/** The migration files of one schema's folder, in the order they apply (none when the folder is missing). */
export function listMigrations(schema: string, directory = path.join(MIGRATIONS_DIR, schema)): MigrationFile[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => MIGRATION_FILE.test(name))
    .sort()
    .map((name) => {
      const file = path.join(directory, name);
      return { schema, name, file, sha256: checksumOf(file) };
    });
}

/** Imports a migration module and checks it has an `up` function. */
export async function loadMigration(migration: MigrationFile): Promise<MigrationModule> {
  const loaded = (await import(pathToFileURL(migration.file).href)) as Partial<MigrationModule>;
  if (typeof loaded.up !== 'function') throw new Error(`${migration.schema}/${migration.name} exports no up(knex) function`);
  return loaded as MigrationModule;
}

/** Whether knex's runner would wrap the migration in a transaction (it does unless `config.transaction === false`). */
export function inTransaction(module: MigrationModule): boolean {
  return module.config?.transaction !== false;
}
