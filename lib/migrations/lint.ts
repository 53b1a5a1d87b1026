/**
 * `lint`: squawk (squawk-cli, a devDependency whose binary comes in a platform package) over the
 * planned SQL of each migration (plan.ts, planScript: the session's timeouts, BEGIN/COMMIT when
 * it runs in a transaction, then its statements). A finding listed in migrations/lint-exceptions.ts
 * (a rule switched off everywhere, or one migration's rule, each with why) is reported as
 * excepted and does not fail the lint.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './files.ts';
import { planScript, type PlannedMigration } from './plan.ts';
import { EXCLUDED_RULES, MIGRATION_EXCEPTIONS } from '../../migrations/lint-exceptions.ts';

const run = promisify(execFile);
const SQUAWK = path.join(ROOT, 'node_modules', '.bin', 'squawk');

export type LintFinding = {
  migration: string;
  rule: string;
  level: string;
  message: string;
  help: string | null;
  /** The planned statement it is about (1-based, in the plan's order), when squawk points inside one. */
  statement: number | null;
  sql: string | null;
  /** Why it is allowed, when migrations/lint-exceptions.ts lists it; null: a failure. */
  excepted: string | null;
};

type SquawkRow = { file: string; line: number; rule_name: string; level: string; message: string; help: string | null };

/** Lints planned migrations; `failures` are the findings nobody excepted. */
export async function lintMigrations(
  planned: readonly PlannedMigration[],
  settings: { lockTimeoutMs: number; statementTimeoutMs: number },
): Promise<{ findings: LintFinding[]; failures: number }> {
  if (!planned.length) return { findings: [], failures: 0 };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'address-graph-lint-'));
  try {
    // per file: which planned statement starts on which line
    const files = planned.map((migration, index) => {
      const file = path.join(dir, `${String(index).padStart(3, '0')}-${migration.schema}-${migration.name.replace(/\.ts$/, '')}.sql`);
      const script = planScript(migration, settings);
      writeFileSync(file, script);
      const header = 2 + (migration.transaction ? 1 : 0);
      const starts: number[] = [];
      let line = header;
      for (const s of migration.statements) {
        starts.push(line);
        line += s.replace(/;\s*$/, '').split('\n').length;
      }
      return { file, migration, starts };
    });
    let stdout: string;
    try {
      ({ stdout } = await run(SQUAWK, ['--reporter', 'json', '--pg-version', '15', ...files.map((f) => f.file)], { maxBuffer: 64 * 1024 * 1024 }));
    } catch (error) {
      // exit 1 with findings on stdout; anything else (no binary, a parse error) is a failure to lint
      const e = error as { stdout?: string; code?: number | string; stderr?: string };
      if (e.code === 'ENOENT') throw new Error(`squawk is not installed (${SQUAWK}): it comes with the squawk-cli devDependency (npm ci)`);
      if (!e.stdout?.trim().startsWith('[')) throw new Error(`squawk failed: ${e.stderr?.trim() || String(error)}`);
      stdout = e.stdout;
    }
    const rows = JSON.parse(stdout || '[]') as SquawkRow[];
    const byFile = new Map(files.map((f) => [f.file, f]));
    const findings = rows.map((row): LintFinding => {
      const f = byFile.get(row.file);
      const migration = f ? `${f.migration.schema}/${f.migration.name}` : row.file;
      let statement: number | null = null;
      if (f) for (let i = 0; i < f.starts.length; i++) if (row.line >= f.starts[i]) statement = i + 1;
      const excepted =
        EXCLUDED_RULES.find((r) => r.rule === row.rule_name)?.why ??
        MIGRATION_EXCEPTIONS.find((e) => e.migration === migration && e.rules.includes(row.rule_name))?.why ??
        null;
      return {
        migration,
        rule: row.rule_name,
        level: row.level,
        message: row.message,
        help: row.help,
        statement,
        sql: f && statement ? f.migration.statements[statement - 1] : null,
        excepted,
      };
    });
    return { findings, failures: findings.filter((f) => f.excepted === null).length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
