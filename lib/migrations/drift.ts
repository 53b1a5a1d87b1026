/**
 * Drift: the live schema compared with what a fresh apply of the same migrations produces. On
 * PostgreSQL both are dumped with `pg_dump --schema-only --no-owner --no-privileges --schema=S`:
 * the fresh one from a scratch database created beside the target (`<db>_drift_<pid>`, dropped
 * afterwards; the migration role needs CREATEDB), holding only the migrations the target has
 * applied. Objects are compared by pg_dump's own name and type; differences are listed.
 *
 * knex's `knex_migrations_lock` (left by `npm run migrate` before this runner) is not compared.
 * PGlite has no pg_dump: drift there is reported as not checked.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { openDatabase, type Database } from '../db.ts';
import { up, type RunOptions } from './runner.ts';

const run = promisify(execFile);

export type DriftDifference = {
  object: string;
  difference: 'only-live' | 'only-fresh' | 'differs';
  live?: string;
  fresh?: string;
  /** For `differs`: the lines of pg_dump's text found on one side only (a column, a constraint). */
  lines?: { live: string[]; fresh: string[] };
};

function lineDiff(live: string, fresh: string): { live: string[]; fresh: string[] } {
  const a = live.split('\n').map((l) => l.trim().replace(/,$/, ''));
  const b = fresh.split('\n').map((l) => l.trim().replace(/,$/, ''));
  return { live: a.filter((l) => !b.includes(l)), fresh: b.filter((l) => !a.includes(l)) };
}
export type DriftResult = { schema: string; checked: true; differences: DriftDifference[] } | { schema: string; checked: false; reason: string };

/** pg_dump's objects of one schema, keyed by their header ("<type> <name>"). */
export function dumpObjects(dump: string): Map<string, string> {
  const objects = new Map<string, string>();
  let key: string | null = null;
  let body: string[] = [];
  const flush = () => {
    if (key !== null) {
      const text = body.join('\n').trim();
      if (text) objects.set(objects.has(key) ? `${key} #${objects.size}` : key, text);
    }
    body = [];
  };
  for (const line of dump.split('\n')) {
    const header = /^-- Name: (.+?); Type: (.+?); Schema: /.exec(line);
    if (header) {
      flush();
      key = `${header[2]} ${header[1]}`;
      continue;
    }
    if (line.startsWith('--') || line.startsWith('\\') || /^SET |^SELECT pg_catalog\.set_config/.test(line)) continue;
    body.push(line);
  }
  flush();
  return objects;
}

const IGNORED = /knex_migrations_lock/;

export function compareDumps(live: Map<string, string>, fresh: Map<string, string>): DriftDifference[] {
  const differences: DriftDifference[] = [];
  for (const [object, text] of live) {
    if (IGNORED.test(object)) continue;
    const other = fresh.get(object);
    if (other === undefined) differences.push({ object, difference: 'only-live', live: text });
    else if (other !== text) differences.push({ object, difference: 'differs', live: text, fresh: other, lines: lineDiff(text, other) });
  }
  for (const [object, text] of fresh) if (!IGNORED.test(object) && !live.has(object)) differences.push({ object, difference: 'only-fresh', fresh: text });
  return differences;
}

async function pgDump(url: string, schema: string): Promise<string> {
  const { stdout } = await run('pg_dump', ['--schema-only', '--no-owner', '--no-privileges', `--schema=${schema}`, `--dbname=${url}`], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** Compares the live schema with a fresh apply of the migrations it has applied (PostgreSQL only). */
export async function checkDrift(database: Database, applied: readonly string[], options: RunOptions = {}): Promise<DriftResult> {
  const schema = options.schema ?? database.subgraph;
  if (database.kind !== 'postgres' || !database.url) return { schema, checked: false, reason: 'embedded PGlite has no pg_dump; drift is checked on PostgreSQL' };
  const target = new URL(database.url);
  const scratchName = `${decodeURIComponent(target.pathname.slice(1)) || 'postgres'}_drift_${process.pid}_${schema}`.slice(0, 63);
  const scratchUrl = new URL(database.url);
  scratchUrl.pathname = `/${scratchName}`;
  try {
    await database.knex.raw(`CREATE DATABASE ??`, [scratchName]);
  } catch (error) {
    return { schema, checked: false, reason: `cannot create the scratch database ${scratchName} for a fresh apply (the role needs CREATEDB): ${(error as Error).message}` };
  }
  try {
    const scratch = openDatabase(database.subgraph, { url: scratchUrl.toString(), poolMax: 1 });
    try {
      await up(scratch, { ...options, only: new Set(applied) });
    } finally {
      await scratch.close();
    }
    const [live, fresh] = await Promise.all([pgDump(database.url, schema), pgDump(scratchUrl.toString(), schema)]);
    return { schema, checked: true, differences: compareDumps(dumpObjects(live), dumpObjects(fresh)) };
  } finally {
    await database.knex.raw(`DROP DATABASE IF EXISTS ?? WITH (FORCE)`, [scratchName]);
  }
}
