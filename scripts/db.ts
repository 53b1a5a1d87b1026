/**
 * `npm run db -- <command> [--subgraph NAME] [--json]`: the data steward's migration tool over
 * lib/migrations/ (see the README, "For data stewards: migrations").
 * Exit codes: 0 done and clean, 1 a problem found or a run failed, 2 bad arguments.
 */
import { parseArgs } from 'node:util';
import { openOrExit } from '../lib/cli.ts';
import { env, type SchemaName } from '../lib/config.ts';
import { openDatabase, type Database } from '../lib/db.ts';
import { compareManifest, computeManifest, readManifest, writeManifest, CHECKSUM_FILE } from '../lib/migrations/checksums.ts';
import { checkDrift, type DriftResult } from '../lib/migrations/drift.ts';
import { SCHEMAS } from '../lib/migrations/files.ts';
import { lintMigrations, type LintFinding } from '../lib/migrations/lint.ts';
import { planMigrations, planScript, type PlannedMigration } from '../lib/migrations/plan.ts';
import { down, MigrationHistoryError, MigrationLockedError, status, up, type SchemaStatus } from '../lib/migrations/runner.ts';
import { grantAuditRole } from '../audit/migrate.ts';
import { grantAccessRole } from '../access/migrate.ts';

const USAGE = `usage: npm run db -- <command> [--subgraph NAME] [--json]
  status             per schema: applied and pending migrations, and whether each applied file still matches
  plan               the SQL \`up\` would run, per pending migration, with its lint findings; changes nothing
  up                 apply the pending migrations (advisory lock per schema, lock_timeout, statement_timeout)
  down [--to NAME]   revert the newest migration, or every one applied after NAME; needs --subgraph
  verify [--no-drift] applied files against their recorded checksums, files against migrations/checksums.json,
                     and (PostgreSQL) the live schema against a fresh apply (pg_dump --schema-only)
  lint [--all]       squawk over the planned SQL of the pending migrations (--all: of every migration, from empty)
  checksums [--write] the checksum manifest the files give now (--write: into migrations/checksums.json)
options:
  --subgraph NAME    one schema: ${SCHEMAS.join(', ')} (default: all, in this order)
  --json             one JSON object on stdout instead of text
  -h, --help         this text
exit status: 0 clean, 1 a problem found or a run failed, 2 bad arguments
`;

function usage(problem?: string): never {
  if (problem) process.stderr.write(`${problem}\n${USAGE}`);
  else process.stdout.write(USAGE);
  process.exit(problem ? 2 : 0);
}

const COMMANDS = ['status', 'plan', 'up', 'down', 'verify', 'lint', 'checksums'] as const;
type Command = (typeof COMMANDS)[number];

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    strict: true,
    options: {
      subgraph: { type: 'string' },
      json: { type: 'boolean', default: false },
      to: { type: 'string' },
      all: { type: 'boolean', default: false },
      write: { type: 'boolean', default: false },
      'no-drift': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (err) {
  usage((err as Error).message);
}
const { values, positionals } = parsed;
if (values.help) usage();
if (positionals.length === 0) usage('a command is required');
if (positionals.length > 1 || !COMMANDS.includes(positionals[0] as Command)) usage(`unknown command: ${positionals.join(' ')}`);
const command = positionals[0] as Command;
if (values.subgraph !== undefined && !SCHEMAS.includes(values.subgraph as SchemaName)) usage(`--subgraph must be one of ${SCHEMAS.join(', ')}, got ${JSON.stringify(values.subgraph)}`);
if (values.to !== undefined && command !== 'down') usage('--to is an option of down');
if (command === 'down' && values.subgraph === undefined) usage('down needs --subgraph NAME: it reverts one schema at a time');
if (values.all && command !== 'lint') usage('--all is an option of lint');
if (values.write && command !== 'checksums') usage('--write is an option of checksums');
if (values['no-drift'] && command !== 'verify') usage('--no-drift is an option of verify');

const schemas: SchemaName[] = values.subgraph ? [values.subgraph as SchemaName] : [...SCHEMAS];
const json = values.json;
const config = env();
const settings = { lockTimeoutMs: config.MIGRATE_LOCK_TIMEOUT_MS, statementTimeoutMs: config.MIGRATE_STATEMENT_TIMEOUT_MS };
const out = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
const rel = (file: string) => file.replace(`${process.cwd()}/`, '');

/** Opens every chosen schema's database (one line and exit 1 when the embedded one is held), runs `fn`, closes them. */
async function withDatabases<T>(fn: (databases: Map<SchemaName, Database>) => Promise<T>): Promise<T> {
  const databases = new Map<SchemaName, Database>();
  try {
    for (const s of schemas) databases.set(s, openOrExit(() => openDatabase(s)));
    return await fn(databases);
  } finally {
    for (const d of databases.values()) await d.close();
  }
}

function printStatus(s: SchemaStatus): void {
  const problems = s.problems.length ? `${s.problems.length} problem${s.problems.length > 1 ? 's' : ''}` : 'ok';
  out(`${s.schema}: ${s.applied.length} applied, ${s.pending.length} pending, ${problems}`);
  for (const a of s.applied) out(`  applied  ${a.name}  batch ${a.batch}  ${a.appliedAt}  ${a.state}${a.recorded === 'applied' ? '' : ` (${a.recorded})`}`);
  for (const p of s.pending) out(`  pending  ${p}`);
  for (const p of s.problems) out(`  PROBLEM  ${p.migration}: ${p.problem}: ${p.detail}`);
  for (const n of s.notes) out(`  note     ${n}`);
}

function printFinding(f: LintFinding): void {
  const where = f.statement ? ` (statement ${f.statement}: ${(f.sql ?? '').replace(/\s+/g, ' ').slice(0, 80)})` : '';
  out(`  ${f.excepted ? 'excepted' : 'LINT'}  ${f.rule}${where}: ${f.message}${f.help ? ` ${f.help}` : ''}${f.excepted ? ` [${f.excepted}]` : ''}`);
}

async function plannedFor(databases: Map<SchemaName, Database>): Promise<{ statuses: SchemaStatus[]; planned: PlannedMigration[] }> {
  const statuses: SchemaStatus[] = [];
  for (const s of schemas) statuses.push(await status(databases.get(s)!));
  const planned = await planMigrations(statuses.map((s) => ({ schema: s.schema, applied: s.applied.filter((a) => a.state !== 'missing').map((a) => a.name) })));
  return { statuses, planned };
}

async function main(): Promise<number> {
  switch (command) {
    case 'status': {
      const statuses = await withDatabases(async (dbs) => Promise.all(schemas.map((s) => status(dbs.get(s)!))));
      if (json) out(JSON.stringify({ schemas: statuses }));
      else statuses.forEach(printStatus);
      return statuses.some((s) => s.problems.length) ? 1 : 0;
    }
    case 'plan': {
      const { statuses, planned } = await withDatabases(plannedFor);
      const { findings, failures } = await lintMigrations(planned, settings);
      if (json) {
        out(JSON.stringify({ migrations: planned.map((m) => ({ ...m, sql: planScript(m, settings), lint: findings.filter((f) => f.migration === `${m.schema}/${m.name}`) })), problems: statuses.flatMap((s) => s.problems), lintFailures: failures }));
      } else {
        if (!planned.length) out('nothing to apply: every schema is up to date');
        for (const m of planned) {
          out(`== ${m.schema}/${m.name} (${m.transaction ? 'in one transaction' : 'outside a transaction: config.transaction = false'})`);
          out(planScript(m, settings));
          findings.filter((f) => f.migration === `${m.schema}/${m.name}`).forEach(printFinding);
        }
        for (const p of statuses.flatMap((s) => s.problems)) out(`PROBLEM ${p.migration}: ${p.problem}: ${p.detail} (up will refuse to run)`);
        if (planned.length) out(`${planned.length} migration${planned.length > 1 ? 's' : ''} to apply, ${failures} lint failure${failures === 1 ? '' : 's'}`);
      }
      return failures || statuses.some((s) => s.problems.length) ? 1 : 0;
    }
    case 'up': {
      const results = await withDatabases(async (dbs) => {
        const done = [];
        for (const s of schemas) {
          const database = dbs.get(s)!;
          const started = performance.now();
          const result = await up(database, {
            listener: { after: (file, ms) => !json && out(`${s}: applied ${file.name} in ${Math.round(ms)} ms`) },
          });
          if (s === 'audit') await grantAuditRole(database.knex, config.AUDIT_APP_ROLE);
          if (s === 'access') await grantAccessRole(database.knex, config.AUDIT_APP_ROLE);
          done.push({ ...result, ms: Math.round(performance.now() - started) });
          if (!json) out(`${s}: ${result.applied.length ? `${result.applied.length} applied` : 'up to date'}${result.adopted ? `, ${result.adopted} adopted from knex's history` : ''}`);
        }
        return done;
      });
      if (json) out(JSON.stringify({ schemas: results }));
      return 0;
    }
    case 'down': {
      const result = await withDatabases(async (dbs) =>
        down(dbs.get(schemas[0])!, { to: values.to, listener: { after: (file, ms) => !json && out(`${schemas[0]}: reverted ${file.name} in ${Math.round(ms)} ms`) } }),
      );
      if (json) out(JSON.stringify(result));
      else if (!result.reverted.length) out(`${result.schema}: nothing to revert`);
      return 0;
    }
    case 'verify': {
      const committed = readManifest();
      const manifest = compareManifest(committed);
      const report = await withDatabases(async (dbs) => {
        const rows: { status: SchemaStatus; drift: DriftResult | null }[] = [];
        for (const s of schemas) {
          const st = await status(dbs.get(s)!);
          const drift = values['no-drift'] ? null : await checkDrift(dbs.get(s)!, st.applied.filter((a) => a.state !== 'missing').map((a) => a.name));
          rows.push({ status: st, drift });
        }
        return rows;
      });
      const chosen = manifest.filter((p) => schemas.some((s) => p.migration.startsWith(`${s}/`)));
      const drifted = report.filter((r) => r.drift?.checked && r.drift.differences.length);
      const bad = chosen.length + report.reduce((n, r) => n + r.status.problems.length, 0) + drifted.length;
      if (json) {
        out(JSON.stringify({ ok: bad === 0, checksumFile: { file: rel(CHECKSUM_FILE), committed: committed !== null, problems: chosen }, schemas: report.map((r) => ({ schema: r.status.schema, problems: r.status.problems, notes: r.status.notes, drift: r.drift })) }));
      } else {
        out(chosen.length ? `${rel(CHECKSUM_FILE)}: ${chosen.length} difference(s) from the files (npm run db -- checksums --write, after review)` : `${rel(CHECKSUM_FILE)}: matches the files`);
        for (const p of chosen) out(`  PROBLEM  ${p.migration}: ${p.problem}${p.committed ? ` (committed ${p.committed.slice(0, 12)})` : ''}${p.actual ? ` (file ${p.actual.slice(0, 12)})` : ''}`);
        for (const { status: st, drift } of report) {
          const applied = st.applied.length;
          out(`${st.schema}: ${st.problems.length ? `${st.problems.length} problem(s)` : `${applied} applied migration${applied === 1 ? '' : 's'} match their checksums`}`);
          for (const p of st.problems) out(`  PROBLEM  ${p.migration}: ${p.problem}: ${p.detail}`);
          for (const n of st.notes) out(`  note     ${n}`);
          if (drift && !drift.checked) out(`  drift    not checked: ${drift.reason}`);
          else if (drift) {
            out(drift.differences.length ? `  DRIFT    ${drift.differences.length} difference(s) from a fresh apply:` : '  drift    none: the live schema is what a fresh apply gives');
            for (const d of drift.differences) {
              out(`    ${d.difference}  ${d.object}`);
              if (d.lines) {
                for (const l of d.lines.live) out(`      live only:  ${l}`);
                for (const l of d.lines.fresh) out(`      fresh only: ${l}`);
              } else {
                if (d.live !== undefined) out(`      live:  ${d.live.replace(/\s+/g, ' ').slice(0, 300)}`);
                if (d.fresh !== undefined) out(`      fresh: ${d.fresh.replace(/\s+/g, ' ').slice(0, 300)}`);
              }
            }
          }
        }
      }
      return bad ? 1 : 0;
    }
    case 'lint': {
      const planned = values.all
        ? await planMigrations(schemas.map((schema) => ({ schema, applied: [] })))
        : (await withDatabases(plannedFor)).planned;
      const { findings, failures } = await lintMigrations(planned, settings);
      if (json) out(JSON.stringify({ migrations: planned.length, findings, failures }));
      else {
        for (const m of planned) {
          const mine = findings.filter((f) => f.migration === `${m.schema}/${m.name}`);
          if (!mine.length) continue;
          out(`${m.schema}/${m.name}`);
          mine.forEach(printFinding);
        }
        out(`${planned.length} migration${planned.length === 1 ? '' : 's'} linted: ${findings.length - failures} excepted finding(s), ${failures} failure(s)`);
      }
      return failures ? 1 : 0;
    }
    case 'checksums': {
      const manifest = computeManifest();
      if (values.write) writeManifest(manifest);
      if (json) out(JSON.stringify(manifest));
      else {
        for (const s of SCHEMAS) out(`${s}  chain ${manifest.schemas[s].chain}  (${Object.keys(manifest.schemas[s].migrations).length} migrations)`);
        out(`total ${manifest.total}${values.write ? `  written to ${rel(CHECKSUM_FILE)}` : ''}`);
      }
      return 0;
    }
  }
}

let code: number;
try {
  code = await main();
} catch (error) {
  const known = error instanceof MigrationHistoryError || error instanceof MigrationLockedError;
  const message = (error as Error).message;
  if (json) out(JSON.stringify({ ok: false, error: message, ...(error instanceof MigrationHistoryError ? { problems: error.problems } : {}) }));
  process.stderr.write(`npm run db -- ${command}: ${known ? '' : 'failed: '}${message}\n`);
  code = 1;
}
process.exit(code);
