/**
 * `npm run bench:summaries -- [--scale N] [--iterations N] [--database-url URL]`: roll-up latency
 * at district, subdistrict and community level (issue 12), before and after the summaries, in
 * the same run on the same data:
 *
 *   base     the statement main sent before the summaries (count the base rows of the range),
 *            its values bound as scalars so the planner sees the range
 *   summary  the repository's statement now (sum the summary rows), through the real repository
 *
 * for residentCount, entityCount, eventStats and caseStats. Every pair must give the same
 * answer for every code, or the run fails. Latency is per statement, one at a time, on one
 * connection: median, p95 and p99 in ms. Writes bench/results/summaries-<date>-<commit>.json and
 * .md; records the load average, as the figures mean little on a loaded machine.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nextPrefix } from '../lib/address-code.ts';
import { openDatabase, query, type Database } from '../lib/db.ts';
import type { SubgraphName } from '../lib/config.ts';
import { createCaseRepository } from '../subgraphs/cases/repository.ts';
import { createEntitiesRepository } from '../subgraphs/entities/repository.ts';
import { createEventRepository } from '../subgraphs/events/repository.ts';
import { createPeopleRepository } from '../subgraphs/people/repository.ts';
import { prepareDataset } from './database.ts';
import { DEFAULT_DATABASE_URL, redactUrl } from './options.ts';
import { commitLabel, measuredCommit, resultPath } from './report.ts';
import { parseCommandLine } from '../lib/cli.ts';

const USAGE = `usage: npm run bench:summaries -- [--scale N] [--iterations N] [--database-url URL]
  --scale N          seed scale of the bench database (default 28, about the real district)
  --iterations N     timed runs per statement and code (default 50)
  --database-url URL the bench database (default ${DEFAULT_DATABASE_URL}); created, migrated, seeded when needed
`;

const parsed = parseCommandLine({
    options: {
      scale: { type: 'string', default: '28' },
      iterations: { type: 'string', default: '50' },
      'database-url': { type: 'string', default: DEFAULT_DATABASE_URL },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  }, USAGE);
const scale = Number(parsed.values.scale);
const iterations = Number(parsed.values.iterations);
for (const [name, value] of [['--scale', scale], ['--iterations', iterations]] as const) {
  if (!Number.isFinite(value) || value <= 0) {
    process.stderr.write(`${name}: expected a positive number, got ${String(value)}\n${USAGE}`);
    process.exit(2);
  }
}
const url = parsed.values['database-url']!;
const log = (line: string) => process.stderr.write(`[bench:summaries] ${line}\n`);

type Pair = { field: string; subgraph: SubgraphName; base: (db: Database, code: string) => Promise<unknown>; summary: (db: Database, code: string) => Promise<unknown> };

const range = (code: string) => [code, nextPrefix(code)];
/** Sorted "key=n" lines, so answers of both shapes compare. */
const counted = (rows: Record<string, unknown>[]) => rows.map((r) => Object.values(r).map((v) => v ?? '').join('|')).sort();

const PAIRS: Pair[] = [
  {
    field: 'residentCount',
    subgraph: 'people',
    base: async (db, code) => (await query<{ n: number }>(db.knex,
      `/* bench.residentCountBase */ SELECT count(*)::int AS n FROM people.residence r WHERE r.until IS NULL AND r.address_code >= ? AND r.address_code < ?`,
      range(code)))[0].n,
    summary: async (db, code) => (await createPeopleRepository(db.knex).residentCounts([code]))[0],
  },
  {
    field: 'entityCount',
    subgraph: 'entities',
    base: async (db, code) => (await query<{ n: number }>(db.knex,
      `/* bench.entityCountBase */ SELECT count(*)::int AS n FROM entities.legal_entity e
      WHERE (e.registered_address_code >= ? AND e.registered_address_code < ?) OR (e.business_address_code >= ? AND e.business_address_code < ?)`,
      [...range(code), ...range(code)]))[0].n,
    summary: async (db, code) => (await createEntitiesRepository(db.knex).entityCounts([{ code, status: null }]))[0],
  },
  {
    field: 'eventStats',
    subgraph: 'events',
    base: async (db, code) => counted(await query(db.knex,
      `/* bench.eventStatsBase */ SELECT e.status, e.kind, count(*)::int AS n FROM events.event e
      WHERE e.address_code >= ? AND e.address_code < ? GROUP BY e.status, e.kind`, range(code))),
    summary: async (db, code) => counted((await createEventRepository(db.knex).eventCountsByStatusAndKind([{ code, since: null }]))[0]),
  },
  {
    field: 'caseStats',
    subgraph: 'cases',
    base: async (db, code) => counted(await query(db.knex,
      `/* bench.caseStatsBase */ SELECT c.status, c.kind, c.outcome, count(*)::int AS n FROM cases.legal_case c
      WHERE c.address_code >= ? AND c.address_code < ? GROUP BY c.status, c.kind, c.outcome`, range(code))),
    summary: async (db, code) => counted((await createCaseRepository(db.knex).caseCountsByStatusKindOutcome([{ code, kinds: null, since: null }]))[0]),
  },
];

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Times `run` over `codes`, `iterations` times each (after one warm-up each); ms quantiles. */
async function time(codes: readonly string[], run: (code: string) => Promise<unknown>) {
  for (const code of codes) await run(code);
  const ms: number[] = [];
  for (let i = 0; i < iterations; i++) {
    for (const code of codes) {
      const t = process.hrtime.bigint();
      await run(code);
      ms.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }
  ms.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { samples: ms.length, median: round(quantile(ms, 0.5)), p95: round(quantile(ms, 0.95)), p99: round(quantile(ms, 0.99)) };
}

const loadBefore = os.loadavg();
const started = Date.now();
const dataset = await prepareDataset(url, scale, false, log);
const prepSeconds = Math.round((Date.now() - started) / 1000);
const dbs = Object.fromEntries((['buildings', 'people', 'entities', 'events', 'cases'] as const).map((s) => [s, openDatabase(s, { url, poolMax: 1 })])) as Record<SubgraphName, Database>;
try {
  const codesOf = async (level: string, n: number) => (await query<{ code: string }>(dbs.buildings.knex,
    `SELECT code FROM buildings.address WHERE level = ? ORDER BY md5(code) LIMIT ?`, [level, n])).map((r) => r.code);
  const levels = { DISTRICT: await codesOf('DISTRICT', 1), SUBDISTRICT: await codesOf('SUBDISTRICT', 10), COMMUNITY: await codesOf('COMMUNITY', 20) };
  const rows: Record<string, unknown>[] = [];
  for (const pair of PAIRS) {
    const db = dbs[pair.subgraph];
    for (const [level, codes] of Object.entries(levels)) {
      for (const code of codes) {
        const [a, b] = [await pair.base(db, code), await pair.summary(db, code)];
        if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`${pair.field} at ${code}: base ${JSON.stringify(a)} but summary ${JSON.stringify(b)}`);
      }
      const base = await time(codes, (code) => pair.base(db, code));
      const summary = await time(codes, (code) => pair.summary(db, code));
      rows.push({ field: pair.field, level, codes: codes.length, base, summary });
      log(`${pair.field} ${level}: base median ${base.median} ms, summary median ${summary.median} ms`);
    }
  }
  const commit = measuredCommit() ?? 'unknown';
  const result = {
    date: new Date().toISOString(), commit, scale, iterations, database: redactUrl(url), prepSeconds,
    dataset, loadAverage: { before: loadBefore, after: os.loadavg() }, cpus: os.cpus().length, rows,
  };
  const fmt = (t: { median: number; p95: number; p99: number }) => `${t.median} / ${t.p95} / ${t.p99}`;
  const md = [
    `# Roll-ups before and after the summaries (${result.date.slice(0, 10)}, ${commit.slice(0, 7)}, scale ${scale})`,
    '',
    `Load average ${loadBefore.map((x) => x.toFixed(2)).join(' ')} before, ${result.loadAverage.after.map((x) => x.toFixed(2)).join(' ')} after, ${result.cpus} CPUs; data prepared in ${prepSeconds} s.`,
    `Rows: ${Object.entries(dataset.rowCounts).map(([t, n]) => `${t} ${n}`).join(', ')}.`,
    'Answers of both statements equal for every code. ms per statement, median / p95 / p99:',
    '',
    '| field | level | codes | base rows | summaries |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.field} | ${r.level} | ${r.codes} | ${fmt(r.base as never)} | ${fmt(r.summary as never)} |`),
    '',
  ].join('\n');
  const base = resultPath(['summaries', result.date.slice(0, 10), commitLabel(commit)]);
  writeFileSync(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(`${base}.md`, md);
  process.stdout.write(md);
} finally {
  for (const d of Object.values(dbs)) await d.close();
}
