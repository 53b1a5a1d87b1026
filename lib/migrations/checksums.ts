/**
 * The committed checksum file, migrations/checksums.json: one sha256 per migration (files.ts,
 * checksumOf), a chain per schema and a chained total, so a reviewer sees in one line of a diff
 * that history changed, and a test fails when a migration is edited without the file being
 * regenerated (`npm run db -- checksums --write`).
 *
 * `accepted` lists edits of applied migrations made on purpose, each with the hash it had before
 * and why: a database that recorded that older hash is not reported as edited.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { listMigrations, MIGRATIONS_DIR, SCHEMAS } from './files.ts';

export const CHECKSUM_FILE = path.join(MIGRATIONS_DIR, 'checksums.json');

/** An applied migration edited on purpose: `sha256` is a hash it had before, `why` says why. */
export type AcceptedEdit = { migration: string; sha256: string; why: string };

export type ChecksumManifest = {
  about: string;
  schemas: Record<string, { migrations: Record<string, string>; chain: string }>;
  total: string;
  accepted: AcceptedEdit[];
};

const ABOUT =
  'Written by `npm run db -- checksums --write`; checked by tests/db.test.ts. sha256 of each migration file and the shared files it imports; ' +
  'chain = sha256 over "<previous chain>\\n<name> <sha256>" in apply order from the empty string; total = the same over the schemas\' chains.';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Chains `name sha256` lines: each link hashes the previous one, so dropping or reordering a line changes the end. */
export function chain(lines: readonly string[]): string {
  return lines.reduce((previous, line) => sha256(`${previous}\n${line}`), '');
}

/** The manifest the files on disk give now (keeping the committed `accepted` list). */
export function computeManifest(accepted: AcceptedEdit[] = readManifest()?.accepted ?? []): ChecksumManifest {
  const schemas: ChecksumManifest['schemas'] = {};
  for (const schema of SCHEMAS) {
    const files = listMigrations(schema);
    schemas[schema] = {
      migrations: Object.fromEntries(files.map((f) => [f.name, f.sha256])),
      chain: chain(files.map((f) => `${f.name} ${f.sha256}`)),
    };
  }
  return { about: ABOUT, schemas, total: chain(SCHEMAS.map((s) => `${s} ${schemas[s].chain}`)), accepted };
}

/** The committed manifest, or null when there is none. */
export function readManifest(): ChecksumManifest | null {
  if (!existsSync(CHECKSUM_FILE)) return null;
  return JSON.parse(readFileSync(CHECKSUM_FILE, 'utf8')) as ChecksumManifest;
}

export function writeManifest(manifest: ChecksumManifest = computeManifest()): void {
  writeFileSync(CHECKSUM_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** A difference between the files on disk and the committed manifest. */
export type ManifestProblem = { migration: string; problem: 'edited' | 'added' | 'removed'; committed?: string; actual?: string };

/** Every migration whose file differs from, is missing from, or is new to the committed manifest. */
export function compareManifest(committed: ChecksumManifest | null, actual: ChecksumManifest = computeManifest()): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  for (const schema of SCHEMAS) {
    const was = committed?.schemas[schema]?.migrations ?? {};
    const now = actual.schemas[schema].migrations;
    for (const [name, sha] of Object.entries(now)) {
      if (!(name in was)) problems.push({ migration: `${schema}/${name}`, problem: 'added', actual: sha });
      else if (was[name] !== sha) problems.push({ migration: `${schema}/${name}`, problem: 'edited', committed: was[name], actual: sha });
    }
    for (const [name, sha] of Object.entries(was)) if (!(name in now)) problems.push({ migration: `${schema}/${name}`, problem: 'removed', committed: sha });
  }
  return problems;
}
