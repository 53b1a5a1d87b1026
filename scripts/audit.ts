/**
 * `npm run audit -- verify [--json] [--from ID] [--anchor ID:HASH]...`: recomputes the audit chain
 * (audit/verify.ts) on the audit database (AUDIT_DATABASE_URL, else DATABASE_URL, else PGlite).
 *
 * Exit 0 and "N records, chain intact, head <id> <hash>" when every link holds; exit 1 and the
 * first broken or missing link (id, what is wrong) otherwise; exit 2 on bad arguments. Note the
 * printed head somewhere the database owner cannot write, and pass it back as --anchor later: a
 * chain rewritten from the start is then caught too.
 */
import { parseArgs } from 'node:util';
import { openOrExit } from '../lib/cli.ts';
import { openDatabase } from '../lib/db.ts';
import { parseAnchor, verifyChain, type Anchor } from '../audit/verify.ts';

const USAGE = `usage: npm run audit -- verify [--json] [--from ID] [--anchor ID:HASH]...
  verify           recompute every record's hash and link; report the first broken or missing one
  --json           print the result as one JSON object
  --from ID        start at record ID (its link to ID-1 is still checked)
  --anchor ID:HASH a head printed by an earlier verify: record ID must still carry HASH (repeatable)
exit status: 0 chain intact, 1 broken or missing link, 2 bad arguments
`;

function usage(problem?: string): never {
  process.stderr.write(`${problem ? `${problem}\n` : ''}${USAGE}`);
  process.exit(problem ? 2 : 0);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean', default: false },
      from: { type: 'string' },
      anchor: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (err) {
  usage((err as Error).message);
}
const { values, positionals } = parsed;
if (values.help) usage();
if (positionals.length !== 1 || positionals[0] !== 'verify') usage(positionals.length ? `unknown command: ${positionals.join(' ')}` : 'a command is required');
const from = values.from === undefined ? 1 : Number(values.from);
if (!(/^\d+$/.test(values.from ?? '1') && Number.isSafeInteger(from) && from >= 1)) usage(`--from must be a positive integer, got ${JSON.stringify(values.from)}`);
const anchors: Anchor[] = [];
for (const text of values.anchor ?? []) {
  const anchor = parseAnchor(text);
  if (!anchor) usage(`--anchor must be ID:HASH (HASH: 64 hex digits), got ${JSON.stringify(text)}`);
  anchors.push(anchor);
}

const database = openOrExit(() => openDatabase('audit'));
let code = 0;
try {
  const result = await verifyChain(database.knex, { from, anchors });
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else if (result.ok) process.stdout.write(`${result.records} records, chain intact, head ${result.head.id} ${result.head.hash}\n`);
  else process.stdout.write(`chain broken at record ${result.id}: ${result.problem} (${result.records} records verified before it)\n`);
  code = result.ok ? 0 : 1;
} catch (err) {
  process.stderr.write(`cannot verify the audit chain: ${(err as Error).message}\n`);
  code = 1;
} finally {
  await database.close();
}
process.exit(code);
