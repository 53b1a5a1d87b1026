/**
 * `npm run monitor -- run [--json] [--full] [--rule ID]... [--scope CODE] [--gateway URL]`: one run
 * of the early-warning rules (monitor/rules.json) through the graph, reconciling the alerts.
 *
 * Without --gateway it starts the system in this process (the subgraphs and a gateway on free
 * ports, no schedule) over the configured database and runs through that gateway; with --gateway
 * it sends its operations over HTTP to a running gateway (`npm start` holds an embedded PGlite
 * database alone, so then use --gateway http://localhost:4000/graphql with PostgreSQL, or let
 * the schedule run inside it: MONITOR_INTERVAL_SECONDS). Exit 0 after a run, 1 when it failed, 2 bad arguments.
 */
import { parseArgs } from 'node:util';
import { httpExecutor } from '../bridge/execute.ts';
import { migrateAccess } from '../access/migrate.ts';
import { migrateAudit } from '../audit/migrate.ts';
import { openOrExit, openSubgraphDatabasesOrExit } from '../lib/cli.ts';
import { env, SUBGRAPHS } from '../lib/config.ts';
import { openDatabase, type Database } from '../lib/db.ts';
import { migrateSubgraph } from '../lib/migrate.ts';
import { startSystem, type RunningSystem } from '../lib/system.ts';
import { runMonitor, type MonitorRun } from '../monitor/run.ts';
import { loadRules } from '../monitor/rules.ts';

const USAGE = `usage: npm run monitor -- run [--json] [--full] [--rule ID]... [--scope CODE] [--gateway URL]
  run             evaluate the rules once and raise, refresh or close their alerts
  --json          the run's summary as one JSON object on stdout
  --full          evaluate every rule in full (ignore the last run's watermark)
  --rule ID       only this rule (repeatable)
  --scope CODE    watch beneath this district, subdistrict or community (default MONITOR_SCOPE, ${env().MONITOR_SCOPE})
  --gateway URL   run the operations through this running gateway over HTTP (default: a gateway started in this process)
  -h, --help      this text
exit status: 0 the run finished, 1 it failed, 2 bad arguments
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
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      full: { type: 'boolean', default: false },
      rule: { type: 'string', multiple: true },
      scope: { type: 'string' },
      gateway: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (err) {
  usage((err as Error).message);
}
const { values, positionals } = parsed;
if (values.help) usage();
if (positionals.length !== 1 || positionals[0] !== 'run') usage(positionals.length ? `unknown command ${JSON.stringify(positionals.join(' '))}` : 'a command is required: run');
if (values.scope !== undefined && !/^[0-9]{6}([0-9]{3}){0,2}$/.test(values.scope)) usage(`--scope must be a 6, 9 or 12-digit division code, got ${JSON.stringify(values.scope)}`);
if (values.gateway !== undefined && !URL.canParse(values.gateway)) usage(`--gateway must be a URL, got ${JSON.stringify(values.gateway)}`);
let rules;
try {
  rules = loadRules(env().MONITOR_RULES_FILE);
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
}
const unknown = (values.rule ?? []).filter((id) => !rules.some((r) => r.id === id));
if (unknown.length) usage(`unknown rule ${unknown.join(', ')}; rules are ${rules.map((r) => r.id).join(', ')}`);

function text(run: MonitorRun): string {
  const lines = [`monitor run over ${run.scope} at ${run.startedAt}`];
  for (const r of run.rules) {
    lines.push(`  ${r.rule.padEnd(24)} ${r.mode.padEnd(11)} checked ${String(r.checked).padStart(5)}  found ${String(r.found).padStart(4)}  raised ${String(r.raised).padStart(4)}  updated ${String(r.updated).padStart(4)}  closed ${String(r.closed).padStart(4)}  ${r.operations} operations, ${r.ms} ms`);
  }
  return `${lines.join('\n')}\n`;
}

let system: RunningSystem | null = null;
let databases: Record<string, Database> = {};
let exitCode = 0;
try {
  let executor;
  let alerts: Database;
  if (values.gateway) {
    alerts = openOrExit(() => openDatabase('alerts'));
    databases = { alerts };
    await migrateSubgraph(alerts);
    executor = httpExecutor(values.gateway);
  } else {
    const subgraphs = openSubgraphDatabasesOrExit();
    const auditDatabase = openDatabase('audit');
    const accessDatabase = openDatabase('access');
    databases = { ...subgraphs, audit: auditDatabase, access: accessDatabase };
    for (const s of SUBGRAPHS) await migrateSubgraph(subgraphs[s]);
    await migrateAudit(auditDatabase);
    await migrateAccess(accessDatabase);
    system = await startSystem({ databases: subgraphs, auditDatabase, accessDatabase, port: 0, subgraphPortBase: 0, monitorIntervalSeconds: 0 });
    executor = system.gateway.executor;
    alerts = subgraphs.alerts;
  }
  const run = await runMonitor({ executor, database: alerts, rules, scope: values.scope, only: values.rule, full: values.full });
  process.stdout.write(values.json ? `${JSON.stringify(run)}\n` : text(run));
} catch (err) {
  process.stderr.write(`monitor run failed: ${(err as Error).message}\n`);
  exitCode = 1;
} finally {
  await system?.stop();
  for (const d of Object.values(databases)) await d.close();
}
process.exit(exitCode);
