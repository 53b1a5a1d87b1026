/**
 * `npm run seed -- [--size small|demo] [--scale N] [--seed TEXT] [--reset]`
 * `npm run seed -- --departments DIR [--size small|demo] [--scale N] [--seed TEXT] [--styles SHARES]`
 *
 * Migrates every subgraph's schema, then loads generated data. Refuses to load into tables that
 * already hold rows unless --reset is given (which empties them first). Prints rows per table
 * and the load rate. With --departments it touches no database: it writes the department CSV
 * files `npm run import` reads, plus labels.csv, into DIR and prints rows per file.
 * Exit codes: 0 done, 1 failed or refused (also when the embedded database is in use), 2 bad arguments.
 */
import { parseArgs } from 'node:util';
import { logger } from '../lib/logger.ts';
import { DEPARTMENT_FILES, writeDepartmentFiles } from './departments.ts';
import { MAX_SCALE, planOf, type SeedOptions } from './generate.ts';
import { CLERK_STYLES, parseStyleShares, type MessyOptions } from './messy.ts';

const USAGE = `usage: node seeds/cli.ts [--size small|demo] [--scale N] [--seed TEXT] [--reset]
       node seeds/cli.ts --departments DIR [--size small|demo] [--scale N] [--seed TEXT] [--styles SHARES]
  --size small|demo  predefined size (default demo)
  --scale N          demo size times N (0 < N <= ${MAX_SCALE}; about 28 is the real district)
  --seed TEXT        generator seed (default "futian"); the same options give the same data
  --reset            empty the seeded tables first instead of refusing to load into them
  --departments DIR  write the department CSV files (people, entities, events, cases) with messy
                     address text and labels.csv with each address's true code into DIR
                     (created if missing); no database is opened
  --styles SHARES    with --departments: the chance per clerks' style that a messy text is
                     written in it, e.g. unit_room=0.2,note=0 (others keep their default), or
                     none; styles: ${CLERK_STYLES.join(', ')}
`;

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function parseOptions(): { options: SeedOptions; reset: boolean; departments: string | undefined; messy: MessyOptions } {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        size: { type: 'string' },
        scale: { type: 'string' },
        seed: { type: 'string' },
        reset: { type: 'boolean', default: false },
        departments: { type: 'string' },
        styles: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: false,
      strict: true,
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`, 2);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  if (values.size !== undefined && values.scale !== undefined) fail(`give --size or --scale, not both\n${USAGE}`, 2);
  if (values.departments !== undefined && values.reset) fail(`--reset empties database tables; --departments writes files only\n${USAGE}`, 2);
  if (values.departments !== undefined && values.departments.trim() === '') fail(`--departments needs a directory\n${USAGE}`, 2);
  if (values.styles !== undefined && values.departments === undefined) fail(`--styles shapes department files; give --departments DIR\n${USAGE}`, 2);
  const messy: MessyOptions = {};
  if (values.styles !== undefined) {
    try {
      messy.styles = parseStyleShares(values.styles);
    } catch (error) {
      fail(`--styles: ${(error as Error).message}\n${USAGE}`, 2);
    }
  }
  let options: SeedOptions;
  if (values.scale !== undefined) {
    const scale = Number(values.scale);
    if (!/^\s*[0-9.]+\s*$/.test(values.scale) || !Number.isFinite(scale)) fail(`--scale must be a number, got "${values.scale}"\n${USAGE}`, 2);
    options = { scale };
  } else {
    const size = values.size ?? 'demo';
    if (size !== 'small' && size !== 'demo') fail(`--size must be small or demo, got "${size}"\n${USAGE}`, 2);
    options = { size };
  }
  if (values.seed !== undefined) options.seed = values.seed;
  try {
    planOf(options);
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`, 2);
  }
  return { options, reset: values.reset, departments: values.departments, messy };
}

/** Writes the department files into `dir`; returns the exit code. */
async function writeDepartments(options: SeedOptions, dir: string, messy: MessyOptions): Promise<number> {
  try {
    const started = performance.now();
    let lastLog = 0;
    const counts = await writeDepartmentFiles(options, dir, ({ community, rows }) => {
      const now = performance.now();
      if (now - lastLog > 2000) {
        lastLog = now;
        logger.info({ community, rows }, 'writing');
      }
    }, messy);
    const seconds = (performance.now() - started) / 1000;
    const entries = Object.entries(counts).map(([k, n]) => [DEPARTMENT_FILES[k as keyof typeof counts], n] as const);
    const width = Math.max(...entries.map(([f]) => f.length));
    const lines = entries.map(([f, n]) => `  ${f.padEnd(width)}  ${String(n).padStart(10)}`);
    process.stdout.write(`wrote ${JSON.stringify(options)} department files to ${dir}\n${lines.join('\n')}\n  in ${seconds.toFixed(1)} s\n`);
    return 0;
  } catch (error) {
    logger.error({ err: error }, 'writing department files failed');
    return 1;
  }
}

/** Migrates, then loads the generated data into the subgraphs' databases; returns the exit code. */
async function seedDatabases(options: SeedOptions, reset: boolean): Promise<number> {
  // loaded here so that --departments never loads a database driver, let alone connects
  const { SUBGRAPHS } = await import('../lib/config.ts');
  const { migrateSubgraph } = await import('../lib/migrate.ts');
  const { nonEmptyTables, resetData, seed, seedState } = await import('./load.ts');

  const { openSubgraphDatabasesOrExit } = await import('../lib/cli.ts');
  const databases = openSubgraphDatabasesOrExit();
  let exitCode = 0;
  try {
    for (const s of SUBGRAPHS) await migrateSubgraph(databases[s]);
    if (reset) {
      await resetData(databases);
      logger.info('seeded tables emptied');
    } else {
      const busy = await nonEmptyTables(databases);
      if (busy.length) {
        const interrupted = (await seedState(databases)) === 'incomplete' ? ' The last load was interrupted: its data is partial.' : '';
        process.stderr.write(`refusing to seed: ${busy.join(', ')} already ${busy.length === 1 ? 'has' : 'have'} rows.${interrupted} Run again with --reset to replace them.\n`);
        exitCode = 1;
      }
    }
    if (exitCode === 0) {
      const started = performance.now();
      let lastLog = 0;
      const counts = await seed(databases, options, ({ table, rows }) => {
        const now = performance.now();
        if (now - lastLog > 2000) {
          lastLog = now;
          logger.info({ table, rows }, 'loading');
        }
      });
      const seconds = (performance.now() - started) / 1000;
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      const width = Math.max(...Object.keys(counts).map((t) => t.length));
      const lines = Object.entries(counts).map(([t, n]) => `  ${t.padEnd(width)}  ${String(n).padStart(10)}`);
      process.stdout.write(
        `seeded ${JSON.stringify(options)} into ${databases.buildings.kind}\n${lines.join('\n')}\n` +
          `  ${'total'.padEnd(width)}  ${String(total).padStart(10)}  in ${seconds.toFixed(1)} s (${Math.round(total / seconds)} rows/s)\n`,
      );
    }
  } catch (error) {
    logger.error({ err: error }, 'seeding failed');
    exitCode = 1;
  } finally {
    for (const s of SUBGRAPHS) await databases[s].close();
  }
  return exitCode;
}

const { options, reset, departments, messy } = parseOptions();
process.exit(departments !== undefined ? await writeDepartments(options, departments, messy) : await seedDatabases(options, reset));
