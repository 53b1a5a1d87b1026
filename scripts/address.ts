/**
 * `npm run address -- parse|match [--batch N]`
 *
 * Reads one address per line on stdin and writes one JSON object per line on stdout, in input
 * order, streaming (a million lines pass in bounded memory):
 *   parse  {"text", "normalized", "components", "unparsed"}             no database needed
 *   match  the same plus {"code", "level", "confidence", "reasons", "candidates"}
 * `match` reads the registry of the buildings database (BUILDINGS_DATABASE_URL / DATABASE_URL, or
 * the embedded PGlite folder, which must not be open in another process such as `npm start`).
 * Exit codes: 0 done, 1 failed, 2 bad arguments.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { parseAddress } from '../address/parse.ts';
import { createStandardizer } from '../address/standardizer.ts';
import type { AddressMatch, ParsedAddress } from '../address/types.ts';
import { openOrExit } from '../lib/cli.ts';
import { openDatabase } from '../lib/db.ts';
import { logger } from '../lib/logger.ts';

const USAGE = `usage: npm run address -- parse|match [--batch N] < addresses.txt > results.jsonl
  parse       split each line into components (no database)
  match       parse and link each line to a standard address code (reads the buildings registry)
  --batch N   lines per registry round trip for match (default 2000, 1 to 20000)
`;

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

let parsed;
try {
  parsed = parseArgs({ options: { batch: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`, 2);
}
if (parsed.values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const [command, ...extra] = parsed.positionals;
if (command !== 'parse' && command !== 'match') fail(`${command ? `unknown command "${command}"` : 'no command given'}\n${USAGE}`, 2);
if (extra.length) fail(`unexpected arguments: ${extra.join(' ')}\n${USAGE}`, 2);
const batchSize = parsed.values.batch === undefined ? 2000 : Number(parsed.values.batch);
if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 20_000) fail(`--batch must be an integer from 1 to 20000, got "${parsed.values.batch}"\n${USAGE}`, 2);

/** Writes, waiting for the pipe to drain so a slow reader holds back stdin instead of filling memory. */
async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}

function parseLine(p: ParsedAddress) {
  return { text: p.text, normalized: p.normalized, components: p.components, unparsed: p.unparsed };
}

function matchLine(m: AddressMatch) {
  return { ...parseLine(m), code: m.code, level: m.level, confidence: m.confidence, reasons: m.reasons, candidates: m.candidates };
}

/** Created only when ready to consume: lines read before the loop starts would be lost. */
const readLines = () => createInterface({ input: process.stdin, crlfDelay: Infinity });
let exitCode = 0;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // the reader went away (e.g. `| head`): stop quietly
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

if (command === 'parse') {
  let out = '';
  for await (const line of readLines()) {
    out += `${JSON.stringify(parseLine(parseAddress(line)))}\n`;
    if (out.length > 65_536) {
      await write(out);
      out = '';
    }
  }
  await write(out);
} else {
  const database = openOrExit(() => openDatabase('buildings'));
  try {
    const standardizer = await createStandardizer(database);
    let batch: string[] = [];
    const flush = async () => {
      const results = await standardizer.standardize(batch);
      batch = [];
      await write(results.map((m) => `${JSON.stringify(matchLine(m))}\n`).join(''));
    };
    for await (const line of readLines()) {
      batch.push(line);
      if (batch.length >= batchSize) await flush();
    }
    if (batch.length) await flush();
  } catch (error) {
    logger.error({ err: error }, 'address match failed');
    exitCode = 1;
  } finally {
    await database.close();
  }
}
process.exit(exitCode);
