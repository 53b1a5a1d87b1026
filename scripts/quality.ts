/**
 * `npm run quality -- [--json|--csv] [--html FILE] [--subgraph S]... [--community CODE] [--no-record]`:
 * the data-quality report (quality/) over every subgraph's schema, recorded in each schema's
 * history unless limited to communities or --no-record is given.
 *
 * Who ran it: `--as NAME` (a steward's name, or a schedule's account such as `cron`), by default
 * the OS user running the command, so a scheduled run needs no flag. The name and the command line
 * (or `--via LABEL`, e.g. "nightly schedule") are stored with a recorded run, shown by GET /quality,
 * and every run, recorded or not, appends one audit record (subgraph `quality`, operation
 * `npm run quality`) before any output: if the audit log cannot be written the command prints
 * nothing and exits 1, as the page answers 503.
 * Exit codes: 0 no check red, 1 a check failed (red) or could not run, 2 bad arguments.
 */
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { migrateAudit } from '../audit/migrate.ts';
import { createAuditWriter, hashOperation } from '../audit/writer.ts';
import { openOrExit } from '../lib/cli.ts';
import { openDatabase, type Database } from '../lib/db.ts';
import { env, SUBGRAPHS, type SubgraphName } from '../lib/config.ts';
import { qualityHtml } from '../quality/html.ts';
import { qualityCsv, qualityReport, qualityText } from '../quality/report.ts';
import { runQuality } from '../quality/run.ts';
import { CHECKS } from '../quality/checks.ts';
import { checkScopeCode } from '../quality/statement.ts';

/** The subgraphs with checks (the alerts subgraph has none). */
const CHECKED = SUBGRAPHS.filter((s) => CHECKS.some((c) => c.subgraph === s));

const USAGE = `usage: npm run quality -- [--json | --csv] [--html FILE] [--subgraph NAME]... [--community CODE] [--lines] [--no-record] [--as NAME] [--via LABEL]
  (default)          one line per check: status, failing rows of rows looked at, the measure
  --json             the report as one JSON object on stdout
  --csv              one CSV line per check and community on stdout (community * = the whole scope)
  --html FILE        also write the HTML report (inline SVG charts) to FILE
  --subgraph NAME    only this subgraph's checks (repeatable): ${CHECKED.join(', ')}
  --community CODE   only this district (6 digits), subdistrict (9) or community (12); such a run is not recorded
  --lines            text output: also every community line
  --no-record        do not store this run in the history
  --as NAME          who runs it (default: the OS user); audited and shown with the recorded run
  --via LABEL        how it is run, shown with the recorded run (default: the command line), e.g. "nightly schedule"
  -h, --help         this text
exit status: 0 no check red, 1 a check red or not computed, 2 bad arguments
`;

function usage(problem?: string): never {
  if (problem) process.stderr.write(`${problem}\n${USAGE}`);
  else process.stdout.write(USAGE);
  process.exit(problem ? 2 : 0);
}

let parsed;
try {
  parsed = parseArgs({
    strict: true,
    options: {
      json: { type: 'boolean', default: false },
      csv: { type: 'boolean', default: false },
      html: { type: 'string' },
      subgraph: { type: 'string', multiple: true },
      community: { type: 'string' },
      lines: { type: 'boolean', default: false },
      'no-record': { type: 'boolean', default: false },
      as: { type: 'string' },
      via: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (err) {
  usage((err as Error).message);
}
const { values } = parsed;
if (values.help) usage();
if (values.json && values.csv) usage('--json and --csv are exclusive: choose one output on stdout');
if (values.html !== undefined && values.html.trim() === '') usage('--html needs a file name');
for (const s of values.subgraph ?? []) if (!(CHECKED as readonly string[]).includes(s)) usage(`--subgraph must be one of ${CHECKED.join(', ')}, got ${JSON.stringify(s)}`);
if (values.as !== undefined && values.as.trim() === '') usage('--as needs a name: who runs the checks, recorded in the audit trail');
if (values.via !== undefined && values.via.trim() === '') usage('--via needs a label, e.g. "nightly schedule"');
/** The OS user, or null where the platform has none (then --as is required). */
const osUser = (() => {
  try {
    return userInfo().username || null;
  } catch {
    return null;
  }
})();
const runner = values.as?.trim() ?? osUser;
if (!runner) usage('--as NAME is required here: the OS user is unknown, and the run is recorded in the audit trail with who ran it');
const commandLine = ['npm run quality', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
let prefix: string | null = null;
if (values.community !== undefined) {
  const checked = checkScopeCode(values.community);
  if (!checked.ok) usage(`--community: ${checked.message}`);
  prefix = checked.code;
}

// whole-table aggregates: the sessions get the quality timeout, not the request one
const databases = openOrExit(() => Object.fromEntries(SUBGRAPHS.map((s) => [s, openDatabase(s, { statementTimeoutMs: env().QUALITY_STATEMENT_TIMEOUT_MS, poolMax: 2 })])) as Record<SubgraphName, Database>);
const auditDb = openDatabase('audit');
let failed = false;
try {
  await migrateAudit(auditDb);
  const audit = createAuditWriter(auditDb);
  const subgraphs = values.subgraph?.length ? SUBGRAPHS.filter((s) => values.subgraph!.includes(s)) : [...SUBGRAPHS];
  const run = await runQuality(databases, {
    scope: { prefix, communities: null }, subgraphs: subgraphs as SubgraphName[], record: !values['no-record'],
    origin: { recordedBy: runner, command: values.via?.trim() ?? commandLine },
  });
  // audited before any output, as the page's reads are (fail closed)
  try {
    await audit.append({
      subject: runner, roles: ['steward'], subgraph: 'quality', operationName: 'npm run quality', operationHash: hashOperation(commandLine),
      clientName: 'npm run quality', purpose: values.via?.trim() ?? null, personIds: [], addressCodes: prefix ? [prefix] : [], requestId: run.runId,
    });
  } catch (err) {
    process.stderr.write(`The audit log could not be written (${(err as Error).message}), so the report is not shown${run.recorded ? ` (run ${run.runId} was recorded)` : ''}\n`);
    process.exit(1);
  } finally {
    await audit.close();
  }
  const report = qualityReport(run, env().QUALITY_MIN_CELL);
  if (values.html) writeFileSync(values.html, qualityHtml(report));
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else if (values.csv) process.stdout.write(qualityCsv(report));
  else process.stdout.write(qualityText(report, { communities: values.lines }) + (values.html ? `HTML report written to ${values.html}\n` : ''));
  failed = report.summary.fail > 0 || report.summary.error > 0;
} finally {
  for (const d of Object.values(databases)) await d.close();
  await auditDb.close();
}
process.exit(failed ? 1 : 0);
