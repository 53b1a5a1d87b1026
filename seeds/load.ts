/**
 * Loads generated data into the subgraphs' databases with COPY, in bounded chunks: rows are
 * generated and CSV-encoded on a worker thread one community at a time, buffered a few
 * communities at a time and flushed table by table, parents before children, so memory stays
 * flat whatever the scale. Generation overlaps loading; on PostgreSQL the five subgraphs also
 * copy in parallel.
 */
import type { SubgraphName } from '../lib/config.ts';
import { copyCsv, query, type Database } from '../lib/db.ts';
import { csvBatches } from './csv-batches.ts';
import { planOf, TABLES, type AnyTableSpec, type SeedOptions, type TableName } from './generate.ts';

export type { SeedOptions } from './generate.ts';

export type Databases = Record<SubgraphName, Database>;
export type SeedProgress = { table: string; rows: number };

/** Rows buffered before a flush; a chunk of this size is ~10 MB of CSV. */
const FLUSH_ROWS = 60_000;
/** Chunks buffered or being copied at once on PostgreSQL. */
const MAX_INFLIGHT = 3;

/**
 * Generates the dataset described by `options` and loads it into the seeded tables, which should
 * be empty (see resetData). Calls `onProgress` with each table's running row count after every
 * chunk. Returns the number of rows loaded per table (qualified table name → rows).
 * Runs ANALYZE on the loaded tables at the end so the planner sees the new data.
 *
 * The load is recorded in buildings.seed_run: a row before the first COPY, marked completed after
 * the ANALYZE. A load that dies midway (kill -9, power cut) leaves the row incomplete, which
 * seedState reports, so nobody serves a partial dataset as the demo data.
 */
export async function seed(databases: Databases, options: SeedOptions, onProgress?: (p: SeedProgress) => void): Promise<Record<string, number>> {
  planOf(options); // fail on bad options before touching anything
  const [{ id: runId }] = await query<{ id: number }>(databases.buildings.knex,
    `/* seed.startRun */ INSERT INTO buildings.seed_run (options) VALUES (?::jsonb) RETURNING id`, [JSON.stringify(options)]);
  const counts: Record<string, number> = Object.fromEntries(TABLES.map((t) => [t.name, 0]));
  const parallel = Object.values(databases).every((d) => d.kind === 'postgres');
  let pending = emptyBuffers();
  let pendingRows = 0;
  // Each subgraph copies its chunks in order (parents before children); subgraphs do not wait for
  // each other. At most MAX_INFLIGHT chunks are buffered or being copied at any time.
  const tails = new Map<SubgraphName, Promise<void>>();
  const inflight: Promise<void>[] = [];

  const copySubgraph = async (subgraph: SubgraphName, specs: AnyTableSpec[], buffers: Buffers) => {
    for (const spec of specs) {
      const buffer = buffers.get(spec.name)!;
      await copyCsv(databases[subgraph], spec.name, spec.columns, buffer.csv);
      counts[spec.name] += buffer.rows;
      onProgress?.({ table: spec.name, rows: counts[spec.name] });
    }
  };

  const flush = async (buffers: Buffers) => {
    const bySubgraph = new Map<SubgraphName, AnyTableSpec[]>();
    for (const spec of TABLES) {
      if (!buffers.get(spec.name)!.rows) continue;
      const list = bySubgraph.get(spec.subgraph);
      if (list) list.push(spec);
      else bySubgraph.set(spec.subgraph, [spec]);
    }
    if (!parallel) {
      for (const [s, specs] of bySubgraph) await copySubgraph(s, specs, buffers);
      return;
    }
    while (inflight.length >= MAX_INFLIGHT) await inflight.shift();
    const chains = [...bySubgraph].map(([s, specs]) => {
      const chain = (tails.get(s) ?? Promise.resolve()).then(() => copySubgraph(s, specs, buffers));
      tails.set(s, chain);
      return chain;
    });
    const all = Promise.all(chains).then(() => {});
    // a failure surfaces when this chunk is awaited; until then keep it from being "unhandled"
    all.catch(() => {});
    inflight.push(all);
  };

  for await (const batch of csvBatches(options)) {
    for (const spec of TABLES) {
      const rows = batch.rows[spec.name];
      if (!rows) continue;
      const buffer = pending.get(spec.name)!;
      buffer.csv.push(batch.csv[spec.name]!);
      buffer.rows += rows;
      pendingRows += rows;
    }
    if (pendingRows >= FLUSH_ROWS) {
      await flush(pending);
      pending = emptyBuffers();
      pendingRows = 0;
    }
  }
  await flush(pending);
  for (const chunk of inflight) await chunk;
  await analyze(databases);
  await query(databases.buildings.knex,
    `/* seed.completeRun */ UPDATE buildings.seed_run SET completed_at = now(), counts = ?::jsonb WHERE id = ?`, [JSON.stringify(counts), runId]);
  return counts;
}

/**
 * What the seeded tables hold:
 * - 'empty': no registry and no load ever started (safe to seed);
 * - 'complete': the last load finished, or the data came from elsewhere (rows without any load
 *   recorded: a restored dump, say, which is never touched);
 * - 'incomplete': the last load started and never finished; its rows are a partial dataset.
 */
export type SeedState = 'empty' | 'complete' | 'incomplete';

/** The state of the demo data (see SeedState); the buildings schema must be migrated. */
export async function seedState(databases: Pick<Databases, 'buildings'>): Promise<SeedState> {
  const [last] = await query<{ completed: boolean }>(databases.buildings.knex,
    `/* seed.lastRun */ SELECT completed_at IS NOT NULL AS completed FROM buildings.seed_run ORDER BY id DESC LIMIT 1`);
  if (last) return last.completed ? 'complete' : 'incomplete';
  const [row] = await query(databases.buildings.knex, `/* seed.anyAddress */ SELECT 1 FROM buildings.address LIMIT 1`);
  return row ? 'complete' : 'empty';
}

/** True when the demo data (or other data) is loaded and complete. */
export async function isSeeded(databases: Pick<Databases, 'buildings'>): Promise<boolean> {
  return (await seedState(databases)) === 'complete';
}

/** The seeded tables that already hold rows (empty list: safe to seed). */
export async function nonEmptyTables(databases: Databases): Promise<string[]> {
  const out: string[] = [];
  for (const spec of TABLES) {
    const row = await databases[spec.subgraph].knex(spec.name).first(spec.columns[0]);
    if (row !== undefined) out.push(spec.name);
  }
  return out;
}

/**
 * Empties every seeded table (and restarts people.residence ids, so a reload is identical), and
 * forgets the loads recorded in buildings.seed_run: their rows are gone. The events' and cases' history and
 * idempotency keys written by mutations go too, and the address aliases stewards taught (they
 * name registry rows).
 */
export async function resetData(databases: Databases): Promise<void> {
  for (const subgraph of subgraphsOf()) {
    const tables: string[] = TABLES.filter((t) => t.subgraph === subgraph).map((t) => t.name);
    // the stewards' taught aliases name registry rows (a foreign key), so a reset registry takes them along
    if (subgraph === 'buildings') tables.push('buildings.seed_run', 'buildings.address_alias');
    // the field app's history of the events (it references them) and the answers kept for retries go with them
    if (subgraph === 'events') tables.push('events.event_history', 'events.idempotency');
    if (subgraph === 'cases') tables.push('cases.case_history', 'cases.idempotency');
    // so do the entities' status changes (they reference the entities) and the people's and entities' kept answers
    if (subgraph === 'entities') tables.push('entities.status_change', 'entities.idempotency');
    if (subgraph === 'people') tables.push('people.idempotency');
    await databases[subgraph].knex.raw(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY`);
  }
}

async function analyze(databases: Databases): Promise<void> {
  for (const subgraph of subgraphsOf()) {
    const tables = TABLES.filter((t) => t.subgraph === subgraph).map((t) => t.name);
    await databases[subgraph].knex.raw(`ANALYZE ${tables.join(', ')}`);
  }
}

function subgraphsOf(): SubgraphName[] {
  return [...new Set(TABLES.map((t) => t.subgraph))];
}

/** CSV waiting to be copied, per table: one text per community, and their row count. */
type Buffers = Map<TableName, { csv: string[]; rows: number }>;

function emptyBuffers(): Buffers {
  return new Map(TABLES.map((t) => [t.name, { csv: [], rows: 0 }]));
}
