/**
 * `importFile`: loads one department CSV into its subgraph's schema.
 *
 * The file is streamed in batches (default 2,000 records). Each batch is
 *   1. split into fields (importer/csv.ts): unusable lines → MALFORMED_CSV;
 *   2. checked for record ids an earlier line already used (first line wins) → DUPLICATE_IN_FILE;
 *   3. validated (importer/validate.ts) → INVALID_ROW, and required addresses → MISSING_ADDRESS;
 *   4. standardized, each distinct address text once, and linked (importer/addresses.ts) →
 *      OUTSIDE_DISTRICT / AMBIGUOUS / UNLINKED;
 *   5. written in one transaction (importer/repository.ts): COPY into a staging table, upsert,
 *      CONFLICT for rows the database would refuse, quarantine for the rest.
 * On PostgreSQL step 1-4 of the next batch overlap step 5 of the current one; at most two
 * batches are in memory, whatever the file size, and the file is read only as fast as batches
 * are written.
 *
 * Nothing is written before the header has been checked: a missing file, an empty file, or
 * unknown/missing columns raise ImportInputError.
 */
import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createAliasRepository, withAliases } from '../address/aliases.ts';
import { createStandardizer } from '../address/standardizer.ts';
import type { Standardizer } from '../address/types.ts';
import { env } from '../lib/config.ts';
import type { Database } from '../lib/db.ts';
import { logger } from '../lib/logger.ts';
import { migrateSubgraph } from '../lib/migrate.ts';
import { isProcessAlive } from '../lib/process.ts';
import { createCachedLinker, createLinker, type CellLink } from './addresses.ts';
import { openCsv, type CsvRecord, type CsvSource } from './csv.ts';
import { DEPARTMENT_FORMATS, type DepartmentKind } from './formats.ts';
import { ReportTally, writeReport, type ImportReport } from './report.ts';
import { createImportRepository, registryDistricts, stageValues, type BatchOutcome, type ImportRepository, type RunFigures, type StageRow } from './repository.ts';
import { ImportInputError, LINK_LEVELS, type LinkLevel, type QuarantineEntry } from './types.ts';
import { usableId, validateRow } from './validate.ts';

export type ImportProgress = { bytesRead: number; totalBytes: number; rowsIn: number; quarantined: number };

export type ImportOptions = {
  kind: DepartmentKind;
  /** The CSV to load. */
  file: string;
  /** The department's subgraph database (people, entities, events or cases). */
  target: Database;
  /** The address registry. */
  buildings: Database;
  /** Defaults to createStandardizer(buildings) behind the stewards' aliases (withAliases). */
  standardizer?: Standardizer;
  /** Coarsest precision an address may be linked at; default COMMUNITY. */
  minLevel?: LinkLevel;
  /** Where to write the JSON report; default `<file>.report.json`. */
  reportPath?: string;
  /** Distinct address texts whose links are remembered across batches (0: none); default 50,000. */
  addressCache?: number;
  /** Records per batch; default 2,000. */
  batchSize?: number;
  /** Brings both schemas up to date first (default true), so a fresh database works. */
  migrate?: boolean;
  /** Called after every batch. */
  onProgress?: (progress: ImportProgress) => void;
  /**
   * Stops the run between batches (SIGINT/SIGTERM in the CLI): what was written stays, the run is
   * marked 'interrupted' with its counters, and importFile rejects with ImportInterruptedError.
   */
  signal?: AbortSignal;
  /** Days quarantined rows keep their raw values (purged at the start of the run); default QUARANTINE_RETENTION_DAYS. */
  quarantineRetentionDays?: number;
};

/** importFile stopped by its signal; `runId` is marked interrupted with the counters it reached. */
export class ImportInterruptedError extends Error {
  readonly runId: number;
  readonly rowsIn: number;
  constructor(runId: number, rowsIn: number) {
    super(`import interrupted after ${rowsIn} rows; run ${runId} is marked interrupted (rows written so far stay; run the file again to finish)`);
    this.name = 'ImportInterruptedError';
    this.runId = runId;
    this.rowsIn = rowsIn;
  }
}

/**
 * Marks the kind's runs on this host whose process is gone (kill -9) as interrupted, and purges
 * quarantined values older than the retention. Every run does both first; so does
 * `npm run import -- --purge-quarantine`. Returns the rows purged.
 */
export async function housekeeping(repository: ImportRepository, retentionDays: number): Promise<number> {
  const dead = (await repository.runningRuns(os.hostname())).filter((r) => r.pid !== null && r.pid !== process.pid && !isProcessAlive(r.pid));
  await repository.markInterrupted(dead.map((r) => r.id));
  return repository.purgeQuarantine(retentionDays);
}

export const DEFAULT_BATCH_SIZE = 2_000;
export const MAX_BATCH_SIZE = 50_000;

/** Which address columns must not be empty: every kind's address, but only an entity's registered one. */
export const REQUIRED_ADDRESS: Record<DepartmentKind, readonly string[]> = {
  people: ['address'],
  entities: ['registered_address'],
  events: ['address'],
  cases: ['address'],
};

/**
 * Checks a header against the kind's format: every column exactly once, in any order, names
 * compared trimmed and case-insensitively. Returns, per format column, its position in the file.
 */
export function checkHeader(kind: DepartmentKind, header: readonly string[], file: string): Map<string, number> {
  const format = DEPARTMENT_FORMATS[kind];
  const expected = format.columns as readonly string[];
  const names = header.map((h) => h.trim().toLowerCase());
  const unknown = names.filter((n) => !expected.includes(n));
  const missing = expected.filter((c) => !names.includes(c));
  const repeated = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
  if (unknown.length || missing.length || repeated.length) {
    const problems = [
      unknown.length ? `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')}` : null,
      missing.length ? `missing column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')}` : null,
      repeated.length ? `repeated column${repeated.length > 1 ? 's' : ''} ${repeated.map((c) => `"${c}"`).join(', ')}` : null,
    ].filter(Boolean);
    throw new ImportInputError(
      `${file}: bad header for ${kind}: ${problems.join('; ')}. Expected the columns ${expected.join(', ')} (in any order).`,
    );
  }
  return new Map(expected.map((c) => [c, names.indexOf(c)]));
}

/** Opens a department CSV and checks its header; throws ImportInputError naming the problem. */
async function openChecked(kind: DepartmentKind, file: string): Promise<{ source: CsvSource; positions: Map<string, number> }> {
  if (!(kind in DEPARTMENT_FORMATS)) throw new ImportInputError(`unknown kind "${kind}"; one of ${Object.keys(DEPARTMENT_FORMATS).join(', ')}`);
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new ImportInputError(error.code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot be read (${error.message})`);
  });
  if (!info.isFile()) throw new ImportInputError(`${file}: not a file`);
  const source = await openCsv(file, info.size).catch((error: Error) => {
    throw new ImportInputError(`${file}: cannot be read (${error.message})`);
  });
  if (!source) throw new ImportInputError(`${file}: the file is empty; a header row is required (${DEPARTMENT_FORMATS[kind].columns.join(',')})`);
  try {
    return { source, positions: checkHeader(kind, source.header, file) };
  } catch (error) {
    source.close();
    throw error;
  }
}

/**
 * Checks that a file exists and has the kind's header, touching no database: the CLI calls it
 * before opening any (an embedded database would create its folder on open).
 */
export async function checkFile(kind: DepartmentKind, file: string): Promise<void> {
  (await openChecked(kind, file)).source.close();
}

/** Imports one department CSV; resolves to the run's report (also written to the report file). */
export async function importFile(options: ImportOptions): Promise<ImportReport> {
  const { kind, file, target, buildings } = options;
  const minLevel = options.minLevel ?? 'COMMUNITY';
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!LINK_LEVELS.includes(minLevel)) throw new ImportInputError(`unknown minimum level "${minLevel}"; one of ${LINK_LEVELS.join(', ')}`);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    throw new ImportInputError(`batch size must be an integer from 1 to ${MAX_BATCH_SIZE}, got ${batchSize}`);
  }
  const { source, positions } = await openChecked(kind, file);
  try {
    if (target.subgraph !== kind) throw new Error(`the target database is the ${target.subgraph} subgraph's, not ${kind}'s`);
    if (options.migrate ?? true) {
      await migrateSubgraph(buildings);
      await migrateSubgraph(target);
    }
    const districts = await registryDistricts(buildings);
    // every row would be quarantined: say so once instead
    if (!districts.length) throw new Error('the address registry (buildings.address) is empty: load it first, e.g. npm run seed');
    // a one-shot run: the registry index is built once and never refreshed
    // stewards' aliases (address/aliases.ts) answer the texts they were taught before any matching
    const standardizer = options.standardizer
      ?? withAliases(await createStandardizer(buildings, { refreshIntervalMs: 0 }), createAliasRepository(buildings.knex));
    const linker = createCachedLinker(standardizer, createLinker(districts, minLevel), options.addressCache);
    return await run({ ...options, minLevel, batchSize }, source, positions, linker);
  } finally {
    source.close();
  }
}

type Linking = ReturnType<typeof createCachedLinker>;

/** A batch after steps 1-4: rows to stage and entries to quarantine. */
type Prepared = { rows: StageRow[]; quarantine: QuarantineEntry[] };

async function run(
  options: ImportOptions & { minLevel: LinkLevel; batchSize: number },
  source: CsvSource,
  positions: Map<string, number>,
  linker: Linking,
): Promise<ImportReport> {
  const { kind, file, target } = options;
  const format = DEPARTMENT_FORMATS[kind];
  const columns = format.columns as readonly string[];
  const addressColumns = format.addressColumns as readonly string[];
  const required = REQUIRED_ADDRESS[kind];
  const fileName = path.basename(file);
  const reportFile = options.reportPath ?? `${file}.report.json`;
  const repository = createImportRepository(target, kind);
  const tally = new ReportTally();
  const started = new Date();
  const purged = await housekeeping(repository, options.quarantineRetentionDays ?? env().QUARANTINE_RETENTION_DAYS);
  const runId = await repository.startRun(fileName, options.minLevel, { pid: process.pid, host: os.hostname() });
  logger.debug({ runId, kind, file, purged }, 'import started');
  const figures = (): RunFigures => ({
    rowsIn: tally.rowsIn, inserted: tally.inserted, updated: tally.updated, unchanged: tally.unchanged,
    linkedRoom: tally.linked.room, linkedBuilding: tally.linked.building, linkedCommunity: tally.linked.community, quarantined: tally.quarantined,
  });

  const rowOf = (fields: string[]): Record<string, string> => Object.fromEntries(columns.map((c) => [c, fields[positions.get(c)!]]));
  const addressOf = (row: Record<string, string>): string | null => {
    const texts = addressColumns.map((c) => (row[c] ?? '').trim()).filter(Boolean);
    return texts.length ? texts.join(' | ') : null;
  };

  /** Steps 1-4 for one batch. */
  const prepare = async (records: CsvRecord[]): Promise<Prepared> => {
    const quarantine: QuarantineEntry[] = [];
    const candidates: { line: number; row: Record<string, string>; id: string | null }[] = [];
    for (const r of records) {
      if (r.fields === null) {
        quarantine.push({ recordId: null, line: r.line, reason: 'MALFORMED_CSV', detail: `line ${r.line} ${r.error}`, address: null, raw: { text: r.text } });
      } else {
        const row = rowOf(r.fields);
        candidates.push({ line: r.line, row, id: usableId(kind, row[format.idColumn]) });
      }
    }

    // duplicates: within the batch by a map, against earlier batches through the database
    const firstInBatch = new Map<string, number>();
    for (const c of candidates) if (c.id !== null && !firstInBatch.has(c.id)) firstInBatch.set(c.id, c.line);
    const earlier = await repository.claimIds(runId, [...firstInBatch.keys()], [...firstInBatch.values()]);
    const unique: typeof candidates = [];
    for (const c of candidates) {
      const first = c.id === null ? undefined : (earlier.get(c.id) ?? (firstInBatch.get(c.id) !== c.line ? firstInBatch.get(c.id) : undefined));
      if (first !== undefined) {
        quarantine.push({
          recordId: null, line: c.line, reason: 'DUPLICATE_IN_FILE',
          detail: `${format.idColumn} "${c.id}" already appears on line ${first}; the first line is the one imported`,
          address: addressOf(c.row), raw: c.row,
        });
      } else unique.push(c);
    }

    // validation and required addresses
    type Valid = { line: number; row: Record<string, string>; id: string; values: Record<string, unknown>; texts: (string | null)[] };
    const valid: Valid[] = [];
    for (const c of unique) {
      const v = validateRow(kind, c.row);
      if (!v.ok) {
        quarantine.push({ recordId: v.id, line: c.line, reason: 'INVALID_ROW', detail: v.problems.join('; '), address: addressOf(c.row), raw: c.row });
        continue;
      }
      const values = v.values as Record<string, unknown>;
      const texts = addressColumns.map((col) => values[col] as string | null);
      const empty = required.filter((col) => values[col] === null);
      if (empty.length) {
        quarantine.push({ recordId: v.id, line: c.line, reason: 'MISSING_ADDRESS', detail: `${empty.join(', ')} is empty`, address: addressOf(c.row), raw: c.row });
        continue;
      }
      valid.push({ line: c.line, row: c.row, id: v.id, values, texts });
    }

    // standardize every distinct text of the batch once, then apply the linking rule per row
    const allTexts = valid.flatMap((v) => v.texts.filter((t): t is string => t !== null));
    const links = await linker.linkAll(allTexts);
    const linkOf = new Map<string, CellLink>(allTexts.map((t, i) => [t, links[i]]));
    const rows: StageRow[] = [];
    for (const v of valid) {
      const codes: (string | null)[] = [];
      let level: LinkLevel = 'ROOM';
      let failure: string | null = null;
      for (let i = 0; i < v.texts.length && failure === null; i++) {
        const text = v.texts[i];
        if (text === null) {
          codes.push(null);
          continue;
        }
        const link = linkOf.get(text)!;
        if (link.ok) {
          codes.push(link.code);
          if (LINK_LEVELS.indexOf(link.level) < LINK_LEVELS.indexOf(level)) level = link.level;
          continue;
        }
        failure = `${addressColumns[i]} "${text}": ${link.detail}`;
        quarantine.push({ recordId: v.id, line: v.line, reason: link.reason, detail: failure, address: addressOf(v.row), raw: v.row, communityCode: link.community });
      }
      if (failure !== null) continue;
      rows.push({
        line: v.line, id: v.id, level, address: addressOf(v.row), raw: v.row,
        values: stageValues(kind, v.values as never, codes),
      });
    }
    tally.rowsIn += records.length;
    return { rows, quarantine };
  };

  /** Step 5, with the figures added to the tally. */
  const write = async (batch: Prepared): Promise<void> => {
    const { outcome, quarantined } = await writeSafely(repository, runId, fileName, batch.rows, batch.quarantine);
    tally.inserted += outcome.inserted;
    tally.updated += outcome.updated;
    tally.unchanged += outcome.unchanged;
    const levelOf = new Map(batch.rows.map((r) => [r.line, r.level]));
    for (const line of outcome.loadedLines) tally.addLinked(levelOf.get(line)!);
    for (const q of quarantined) tally.addQuarantined(q.reason);
    // current counters on the run row: a run killed later shows how far it got
    await repository.updateRun(runId, figures());
    logger.debug({ runId, rowsIn: tally.rowsIn, quarantined: tally.quarantined }, 'import batch written');
    options.onProgress?.({ bytesRead: source.bytesRead(), totalBytes: source.totalBytes, rowsIn: tally.rowsIn, quarantined: tally.quarantined });
  };

  // PGlite is one session: a registry read inside an open batch transaction would join it
  const overlap = target.kind === 'postgres' && options.buildings.kind === 'postgres';
  let writing: Promise<void> | null = null;
  try {
    for await (const records of source.batches(options.batchSize)) {
      if (options.signal?.aborted) break;
      const prepared = await prepare(records);
      if (writing) await writing;
      writing = write(prepared);
      // a failure surfaces when `writing` is awaited; until then keep it from being "unhandled"
      writing.catch(() => {});
      if (!overlap) {
        await writing;
        writing = null;
      }
    }
    if (writing) await writing;
  } catch (error) {
    // let a batch still being written settle before the caller closes the databases
    await writing?.catch(() => {});
    await repository.endRun(runId, 'failed', figures()).catch((e: unknown) => logger.warn({ err: e, runId }, 'could not mark the run failed'));
    throw error;
  }
  if (options.signal?.aborted) {
    await repository.endRun(runId, 'interrupted', figures());
    throw new ImportInterruptedError(runId, tally.rowsIn);
  }

  const finished = new Date();
  const seconds = (finished.getTime() - started.getTime()) / 1000;
  const report: ImportReport = {
    runId,
    kind,
    file,
    fileSha256: source.sha256(),
    minLevel: options.minLevel,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    seconds,
    rowsPerSecond: seconds > 0 ? Math.round(tally.rowsIn / seconds) : tally.rowsIn,
    rowsIn: tally.rowsIn,
    inserted: tally.inserted,
    updated: tally.updated,
    unchanged: tally.unchanged,
    linked: { ...tally.linked },
    quarantined: tally.quarantined,
    quarantinedByReason: { ...tally.byReason },
    addressCells: linker.stats.texts,
    addressesStandardized: linker.stats.standardized,
    reportFile,
  };
  await repository.finishRun(runId, fileName, report.fileSha256, {
    rowsIn: report.rowsIn,
    inserted: report.inserted,
    updated: report.updated,
    unchanged: report.unchanged,
    linkedRoom: report.linked.room,
    linkedBuilding: report.linked.building,
    linkedCommunity: report.linked.community,
    quarantined: report.quarantined,
  }, report);
  await writeReport(report, reportFile);
  logger.debug({ runId, kind, rowsIn: report.rowsIn, inserted: report.inserted, updated: report.updated, quarantined: report.quarantined, seconds }, 'import finished');
  return report;
}

/** The server's message without the SQL text knex prefixes to it ("<sql> - <message>"). */
function databaseMessage(error: unknown): string {
  const message = (error as Error).message;
  const at = message.lastIndexOf(' - ');
  return at >= 0 ? message.slice(at + 3) : message;
}

/** SQLSTATE classes of a row's own fault: 22 data exception, 23 integrity constraint violation. */
function isRowFault(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

/**
 * Writes a batch; when the database rejects a row that validation let through, bisects the
 * batch until the row is alone and quarantines it as INVALID_ROW with the database's message,
 * so one such row costs O(log batch) extra transactions and never the import.
 */
async function writeSafely(
  repository: ImportRepository,
  runId: number,
  fileName: string,
  rows: StageRow[],
  quarantine: QuarantineEntry[],
): Promise<{ outcome: BatchOutcome; quarantined: QuarantineEntry[] }> {
  try {
    const outcome = await repository.writeBatch(runId, fileName, rows, quarantine);
    return { outcome, quarantined: [...quarantine, ...outcome.conflicts] };
  } catch (error) {
    if (!isRowFault(error) || rows.length === 0) throw error;
    if (rows.length === 1) {
      const r = rows[0];
      logger.warn({ line: r.line, err: error }, 'the database rejected a validated row');
      const rejected: QuarantineEntry = {
        recordId: r.id, line: r.line, reason: 'INVALID_ROW', detail: `the database rejected the row: ${databaseMessage(error)}`, address: r.address, raw: r.raw,
      };
      return writeSafely(repository, runId, fileName, [], [...quarantine, rejected]);
    }
    const mid = rows.length >> 1;
    const a = await writeSafely(repository, runId, fileName, rows.slice(0, mid), quarantine);
    const b = await writeSafely(repository, runId, fileName, rows.slice(mid), []);
    return {
      outcome: {
        inserted: a.outcome.inserted + b.outcome.inserted,
        updated: a.outcome.updated + b.outcome.updated,
        unchanged: a.outcome.unchanged + b.outcome.unchanged,
        conflicts: [...a.outcome.conflicts, ...b.outcome.conflicts],
        loadedLines: [...a.outcome.loadedLines, ...b.outcome.loadedLines],
      },
      quarantined: [...a.quarantined, ...b.quarantined],
    };
  }
}
