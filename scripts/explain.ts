/**
 * `npm run explain -- [--code CODE]...`: shows how PostgreSQL executes the statements the
 * resolvers send, on the data actually loaded. Each repository method runs once through a
 * database handle that prefixes EXPLAIN (ANALYZE, BUFFERS), at each level of the showcase
 * address (room, building, community, district) unless codes are given. Above building level the
 * counts and trends read the summary tables (events.event_total and the like), below it the base rows. Prints a markdown table:
 * statement, code level, the index(es) the plan uses, whether any table was read sequentially,
 * and the execution time.
 * Exit codes: 0 printed, 1 failed (or the embedded database is in use), 2 bad arguments.
 */
import { parseArgs } from 'node:util';
import { checkAddressCode } from '../lib/address-code.ts';
import { openSubgraphDatabasesOrExit } from '../lib/cli.ts';
import type { SubgraphName } from '../lib/config.ts';
import type { Database, Db } from '../lib/db.ts';
import { createAddressRepository } from '../subgraphs/buildings/repository.ts';
import { createPeopleRepository } from '../subgraphs/people/repository.ts';
import { createEntitiesRepository } from '../subgraphs/entities/repository.ts';
import { createEventRepository } from '../subgraphs/events/repository.ts';
import { createCaseRepository } from '../subgraphs/cases/repository.ts';
import { SHOWCASE } from '../seeds/showcase.ts';

const USAGE = `usage: npm run -s explain -- [--code CODE]...
  --code CODE   an address code to explain the statements at, repeatable (6, 9, 12, 14, 19 or 25
                characters); default: the showcase room, its building, community and district
  -h, --help    this text
Reads the databases of DATABASE_URL / <SUBGRAPH>_DATABASE_URL (unset: embedded PGlite in PGLITE_DIR).
Exit codes: 0 printed, 1 failed, 2 bad arguments.
`;

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

let parsed;
try {
  parsed = parseArgs({ options: { code: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h', default: false } }, strict: true, allowPositionals: false });
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`, 2);
}
if (parsed.values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const codes = (parsed.values.code ?? [SHOWCASE.roomCode, SHOWCASE.buildingCode, SHOWCASE.communityCode, SHOWCASE.districtCode]).map((code) => {
  const check = checkAddressCode(code);
  if (!check.ok) fail(`--code: ${check.message}\n${USAGE}`, 2);
  return check;
});

type Row = { statement: string; level: string; indexes: string; seqScan: string; ms: string };
const rows: Row[] = [];

/** A Db whose raw() explains the statement instead of running it, recording the plan. */
function explaining(database: Database, statement: string, level: string): Db {
  return {
    raw: async (sql: string, bindings: unknown[]) => {
      const result = await database.knex.raw(`EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) ${sql}`, bindings as never);
      const plan = result.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
      const indexes = [...new Set([...plan.matchAll(/(?:Index(?: Only)? Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\w+)/g)].map((m) => m[1]))];
      const seq = [...new Set([...plan.matchAll(/Seq Scan on (\w+)/g)].map((m) => m[1]))];
      rows.push({
        statement,
        level,
        indexes: indexes.join(', ') || '—',
        seqScan: seq.length ? seq.join(', ') : 'none',
        ms: plan.match(/Execution Time: ([\d.]+) ms/)?.[1] ?? '?',
      });
      return { rows: [] };
    },
  } as unknown as Db;
}

const databases = openSubgraphDatabasesOrExit();
try {
  for (const { code, level } of codes) {
    const db = (s: SubgraphName, statement: string) => explaining(databases[s], statement, level);
    await createAddressRepository(db('buildings', 'buildings.childrenPages')).childrenPages([{ parentCode: code, first: 50, after: null }]);
    await createAddressRepository(db('buildings', 'buildings.childCounts')).childCounts([code]);
    await createPeopleRepository(db('people', 'people.residentPages')).residentPages([{ code, first: 20, after: null }]);
    await createPeopleRepository(db('people', 'people.residentCounts')).residentCounts([code]);
    await createEntitiesRepository(db('entities', 'entities.entityPages')).entityPages([{ code, status: null, first: 20, after: null }]);
    await createEntitiesRepository(db('entities', 'entities.entityCounts')).entityCounts([{ code, status: null }]);
    const filter = { code, statuses: null, kinds: null, since: null };
    await createEventRepository(db('events', 'events.eventPages')).eventPages([{ ...filter, first: 20, after: null }]);
    await createEventRepository(db('events', 'events.eventCountsByStatusAndKind')).eventCountsByStatusAndKind([{ code, since: null }]);
    await createCaseRepository(db('cases', 'cases.casePages')).casePages([{ ...filter, first: 20, after: null }]);
    await createCaseRepository(db('cases', 'cases.caseCountsByStatusKindOutcome')).caseCountsByStatusKindOutcome([{ code, kinds: ['MEDIATION'], since: null }]);
    // trends over the last 90 days of the seed (it ends on 2026-11-01), by week
    const trend = { code, kinds: null, from: '2026-08-03', to: '2026-11-01', bucket: 'WEEK' as const };
    await createEventRepository(db('events', 'events.eventTrends')).eventTrends([trend]);
    await createCaseRepository(db('cases', 'cases.caseTrends')).caseTrends([trend]);
  }
} finally {
  for (const d of Object.values(databases)) await d.close();
}

process.stdout.write('| statement | level | index used | seq scan | ms |\n|---|---|---|---|---|\n');
for (const r of rows) process.stdout.write(`| ${r.statement} | ${r.level} | ${r.indexes} | ${r.seqScan} | ${r.ms} |\n`);
