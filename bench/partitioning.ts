/**
 * `npm run bench:partitioning -- --database-url URL [--rows N]`: what declarative partitioning of
 * the events table by community would change (issue 14, "larger than one machine"), measured on
 * a scratch copy in schema `bench_partition` of the given database (dropped afterwards):
 *
 *   flat         events.event as it is: one table, btree (address_code, reported_at DESC, id DESC)
 *   partitioned  the same rows and index, PARTITION BY RANGE (address_code) with one partition per
 *                community of seeds/futian-divisions.csv ([code, next(code)): the project's own prefix
 *                range), and a DEFAULT partition for codes outside them; its primary key is
 *                (address_code, id), since a partitioned table's unique keys must hold the partition
 *                key, and id has an index of its own for entity references
 *
 * For each statement shape the subgraph sends (a page and a count under a community, a building,
 * a subdistrict, the district; a lookup by id) it records EXPLAIN (ANALYZE, BUFFERS): partitions
 * in the plan, shared buffers touched (hit + read: independent of machine load), rows, and the
 * execution time (load-dependent: the load average is recorded). Also a generic plan of the
 * community page (PREPARE, plan_cache_mode = force_generic_plan) to show pruning at execution
 * time ("Subplans Removed"). Writes bench/results/partitioning-<date>-<commit>.md and .json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { nextPrefix } from '../lib/address-code.ts';
import { commitLabel, measuredCommit, resultPath } from './report.ts';
import { redactUrl } from './options.ts';
import { parseCommandLine } from '../lib/cli.ts';

const USAGE = `usage: npm run bench:partitioning -- --database-url URL [--rows N]
  --database-url URL  a PostgreSQL database to build the scratch schema bench_partition in (required)
  --rows N            synthetic events (default 1000000)
`;
const parsed = parseCommandLine({ options: { 'database-url': { type: 'string' }, rows: { type: 'string', default: '1000000' }, help: { type: 'boolean', short: 'h', default: false } }, strict: true, allowPositionals: false }, USAGE);
const url = parsed.values['database-url'];
const rows = Number(parsed.values.rows);
if (!url || !Number.isInteger(rows) || rows < 1000) {
  process.stderr.write(`--database-url is required and --rows must be a whole number of at least 1000\n${USAGE}`);
  process.exit(2);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const divisions = readFileSync(path.join(root, 'seeds/futian-divisions.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
const communities = divisions.filter((d) => d[0] === 'community').map((d) => d[1]!);
const subdistricts = divisions.filter((d) => d[0] === 'subdistrict').map((d) => d[1]!);

const client = new pg.Client({ connectionString: url, application_name: 'bench:partitioning' });
await client.connect();
const S = 'bench_partition';
const started = Date.now();
const load = os.loadavg();

const COLUMNS = `id text COLLATE "C" NOT NULL, kind text NOT NULL, status text NOT NULL, reported_at timestamptz NOT NULL, description text NOT NULL, address_code text COLLATE "C" NOT NULL`;
await client.query(`DROP SCHEMA IF EXISTS ${S} CASCADE; CREATE SCHEMA ${S}`);
await client.query(`CREATE TABLE ${S}.flat (${COLUMNS}, PRIMARY KEY (id))`);
// a partitioned table's unique keys must contain the partition key: (id) alone cannot be the primary key
await client.query(`CREATE TABLE ${S}.partitioned (${COLUMNS}, PRIMARY KEY (address_code, id)) PARTITION BY RANGE (address_code)`);
for (const [i, c] of communities.entries()) {
  await client.query(`CREATE TABLE ${S}.p_${i} PARTITION OF ${S}.partitioned FOR VALUES FROM ('${c}') TO ('${nextPrefix(c)}')`);
}
await client.query(`CREATE TABLE ${S}.p_default PARTITION OF ${S}.partitioned DEFAULT`);
// synthetic rows: a community drawn with a skew (some communities busier), a building and room in it
await client.query(
  `INSERT INTO ${S}.flat
   SELECT 'ev-' || g, (ARRAY['SAFETY_HAZARD','FIRE_HAZARD','DISPUTE','SANITATION','TRAFFIC'])[1 + g % 5],
          (ARRAY['REPORTED','ASSIGNED','RESOLVED','CLOSED'])[1 + (g / 7) % 4],
          timestamptz '2026-01-01' + (g % 330) * interval '1 day' + (g % 86400) * interval '1 second', 'synthetic',
          c.code || lpad(((g / 3) % 20 + 1)::text, 2, '0') || lpad(((g / 11) % 400)::text, 5, '0') || CASE WHEN g % 3 = 0 THEN '' ELSE lpad(((g / 13) % 300)::text, 6, '0') END
   FROM generate_series(1, $1::int) g
   JOIN LATERAL (SELECT ($2::text[])[1 + floor(power(((g * 2654435761::bigint) % 1000003) / 1000003.0, 1.5) * array_length($2::text[], 1))::int] AS code) c ON true`,
  [rows, communities],
);
await client.query(`INSERT INTO ${S}.partitioned SELECT * FROM ${S}.flat`);
// the entity key (id) needs an index of its own on the partitioned table: its primary key leads with address_code
await client.query(`CREATE INDEX ON ${S}.partitioned (id)`);
for (const t of ['flat', 'partitioned']) {
  await client.query(`CREATE INDEX ON ${S}.${t} (address_code, reported_at DESC, id DESC)`);
  await client.query(`ANALYZE ${S}.${t}`);
}
const loadSeconds = (Date.now() - started) / 1000;

// the busiest community, a building in it, its subdistrict
const busiest = (await client.query<{ c: string; n: string }>(`SELECT left(address_code, 12) AS c, count(*) AS n FROM ${S}.flat GROUP BY 1 ORDER BY 2 DESC LIMIT 1`)).rows[0]!;
const building = (await client.query<{ b: string }>(`SELECT left(address_code, 19) AS b FROM ${S}.flat WHERE address_code >= $1 AND address_code < $2 AND length(address_code) >= 19 LIMIT 1`, [busiest.c, nextPrefix(busiest.c)])).rows[0]!.b;
const subdistrict = busiest.c.slice(0, 9);
const some = (await client.query<{ id: string; address_code: string }>(`SELECT id, address_code FROM ${S}.flat WHERE address_code >= $1 LIMIT 1`, [busiest.c])).rows[0]!;
const someId = some.id;

const range = (p: string) => `address_code >= '${p}' AND address_code < '${nextPrefix(p)}'`;
const SHAPES: { name: string; local: string; sql: (t: string) => string }[] = [
  { name: 'page of 20 under a community', local: 'one partition', sql: (t) => `SELECT id, kind, status, reported_at FROM ${S}.${t} WHERE ${range(busiest.c)} ORDER BY reported_at DESC, id DESC LIMIT 20` },
  { name: 'count by status under a community', local: 'one partition', sql: (t) => `SELECT status, count(*) FROM ${S}.${t} WHERE ${range(busiest.c)} GROUP BY status` },
  { name: 'page of 20 under a building', local: 'one partition', sql: (t) => `SELECT id, kind, status, reported_at FROM ${S}.${t} WHERE ${range(building)} ORDER BY reported_at DESC, id DESC LIMIT 20` },
  { name: 'count under a subdistrict', local: "the subdistrict's communities", sql: (t) => `SELECT count(*) FROM ${S}.${t} WHERE ${range(subdistrict)}` },
  { name: 'count under the district', local: 'every partition (the summaries serve this)', sql: (t) => `SELECT count(*) FROM ${S}.${t} WHERE ${range('440304')}` },
  { name: 'lookup by id (entity reference)', local: 'every partition, one index probe each (index on id)', sql: (t) => `SELECT id, kind, status FROM ${S}.${t} WHERE id = '${someId}'` },
  { name: 'lookup by id and address code', local: 'one partition', sql: (t) => `SELECT id, kind, status FROM ${S}.${t} WHERE id = '${someId}' AND address_code = '${some.address_code}'` },
];

type Plan = { 'Node Type': string; 'Relation Name'?: string; 'Shared Hit Blocks'?: number; 'Shared Read Blocks'?: number; 'Actual Rows'?: number; 'Subplans Removed'?: number; Plans?: Plan[] };
const relations = (p: Plan, out = new Set<string>()): Set<string> => {
  if (p['Relation Name']) out.add(p['Relation Name']);
  for (const c of p.Plans ?? []) relations(c, out);
  return out;
};
const removed = (p: Plan): number => (p['Subplans Removed'] ?? 0) + (p.Plans ?? []).reduce((n, c) => n + removed(c), 0);

async function explain(sql: string) {
  // once to warm the cache, then the measured run
  await client.query(sql);
  const [{ 'QUERY PLAN': [result] }] = (await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`)).rows as [{ 'QUERY PLAN': [{ Plan: Plan; 'Execution Time': number; 'Planning Time': number }] }];
  const plan = result.Plan;
  return {
    /** partitions of the partitioned table in the plan (after pruning) */
    relationsScanned: [...relations(plan)].filter((r) => r.startsWith('p_')).length,
    buffers: (plan['Shared Hit Blocks'] ?? 0) + (plan['Shared Read Blocks'] ?? 0),
    rows: plan['Actual Rows'] ?? 0,
    planningMs: result['Planning Time'],
    executionMs: result['Execution Time'],
    subplansRemoved: removed(plan),
  };
}

const results = [];
for (const shape of SHAPES) {
  const flat = await explain(shape.sql('flat'));
  const partitioned = await explain(shape.sql('partitioned'));
  results.push({ shape: shape.name, local: shape.local, flat, partitioned });
}
// a generic plan (bound parameters, plan cached): pruning happens when it executes
await client.query(`PREPARE community_page(text, text) AS SELECT id, kind, status, reported_at FROM ${S}.partitioned WHERE address_code >= $1 AND address_code < $2 ORDER BY reported_at DESC, id DESC LIMIT 20`);
await client.query(`SET plan_cache_mode = force_generic_plan`);
const generic = await explain(`EXECUTE community_page('${busiest.c}', '${nextPrefix(busiest.c)}')`);
const genericText = (await client.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) EXECUTE community_page('${busiest.c}', '${nextPrefix(busiest.c)}')`)).rows.map((r) => r['QUERY PLAN'] as string);
await client.query(`RESET plan_cache_mode; DEALLOCATE community_page`);
const communityPlanText = (await client.query(`EXPLAIN (COSTS OFF) ${SHAPES[0]!.sql('partitioned')}`)).rows.map((r) => r['QUERY PLAN'] as string);
const server = (await client.query<{ server_version: string }>(`SHOW server_version`)).rows[0]!.server_version;
await client.query(`DROP SCHEMA ${S} CASCADE`);
await client.end();

const commit = measuredCommit();
const date = new Date().toISOString().slice(0, 10);
const base = resultPath(['partitioning', date, commit && commitLabel(commit)]);
const summary = {
  date: new Date().toISOString(), commit, database: redactUrl(url), server, rows, partitions: communities.length + 1, subdistricts: subdistricts.length,
  loadAverage: load, loadAverageAfter: os.loadavg(), cpus: os.cpus().length, loadSeconds,
  community: busiest.c, communityRows: Number(busiest.n), building, subdistrict, results, generic,
};
const fmt = (n: number) => n.toFixed(2);
const md = [
  `# Partitioning events by community: EXPLAIN on a scratch copy (${date})`,
  '',
  `Commit measured: ${commit ?? 'unknown'}. PostgreSQL ${server}. ${rows.toLocaleString('en')} synthetic events over ${communities.length} communities`,
  `(${summary.partitions} partitions: one per community, RANGE on address_code over [code, next(code)), plus DEFAULT);`,
  `the busiest community ${busiest.c} holds ${Number(busiest.n).toLocaleString('en')} rows. Built in ${loadSeconds.toFixed(0)} s.`,
  `Load average ${load.map((l) => l.toFixed(1)).join(' / ')} on ${os.cpus().length} CPUs (shared machine, other sessions running): the milliseconds are not quiet`,
  'measurements; the partitions scanned and the shared buffers touched do not depend on load. Each statement ran once to warm the cache, then under EXPLAIN (ANALYZE, BUFFERS).',
  '',
  '| statement | stays local to | flat: relations / buffers / ms | partitioned: partitions / buffers / ms | rows |',
  '|---|---|---|---|---|',
  ...results.map((r) => `| ${r.shape} | ${r.local} | 1 / ${r.flat.buffers} / ${fmt(r.flat.executionMs)} | ${r.partitioned.relationsScanned} / ${r.partitioned.buffers} / ${fmt(r.partitioned.executionMs)} | ${r.partitioned.rows} |`),
  '',
  `Generic plan of the community page (bound parameters, \`plan_cache_mode = force_generic_plan\`): pruned when it runs, ${generic.subplansRemoved} of ${summary.partitions} subplans removed, ${generic.buffers} buffers.`,
  '',
  '```',
  ...genericText,
  '```',
  '',
  'Custom plan of the same page (literal bounds, as the subgraphs\' one-shot statements get): pruned when planned.',
  '',
  '```',
  ...communityPlanText,
  '```',
  '',
].join('\n');
mkdirSync(path.join(root, 'bench/results'), { recursive: true });
writeFileSync(`${base}.json`, JSON.stringify(summary, null, 2) + '\n');
writeFileSync(`${base}.md`, md);
process.stdout.write(md);
