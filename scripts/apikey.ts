/**
 * `npm run apikey -- create|list|revoke`: API keys for unattended clients (BI refreshes), stored
 * hashed in the access schema (AUDIT_DATABASE_URL, else DATABASE_URL, else embedded PGlite).
 * Arguments are checked before any database is opened.
 * Exit codes: 0 done, 1 failed (unknown or already revoked key, database in use), 2 bad arguments.
 */
import { parseArgs } from 'node:util';
import { openOrExit } from '../lib/cli.ts';
import { SCOPES } from '../lib/auth/scopes.ts';
import { openDatabase } from '../lib/db.ts';
import { checkApiKeyRequest, createApiKeyStore, parseExpiry, type ApiKey } from '../access/store.ts';

const USAGE = `usage: npm run apikey -- create --name NAME --scope S[,S...] [--community CODE]... [--expires 90d|2027-06-30] [--created-by WHO]
       npm run apikey -- list [--json]
       npm run apikey -- revoke <id>
  create       makes a key and prints it ONCE (with its id); only its hash is stored
    --name       what the key is for, e.g. "community dashboard"
    --scope      scopes, comma-separated or repeated: ${SCOPES.join(', ')}
    --community  confine the key to a 12-digit community code, repeatable (none: not confined)
    --expires    a number of days (90d) or the last day it is valid (2027-06-30, UTC); none: never
    --created-by who made it (noted with the key)
  list         every key: id, name, scopes, communities, dates (never a secret); --json for JSON
  revoke <id>  refuses the key from now on (within a couple of seconds at every gateway)
Send a key as "authorization: Bearer <key>", as an "api_key: <key>" header, or as the password
of HTTP Basic (any user name).
Exit codes: 0 done, 1 failed, 2 bad arguments.
`;

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      name: { type: 'string' },
      scope: { type: 'string', multiple: true, default: [] },
      community: { type: 'string', multiple: true, default: [] },
      expires: { type: 'string' },
      'created-by': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: true,
  });
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`, 2);
}
const { values, positionals } = parsed;
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const [command, ...rest] = positionals;
const only = (allowed: readonly string[]) => {
  const given = (['name', 'scope', 'community', 'expires', 'created-by', 'json'] as const).filter((o) => {
    const v = values[o];
    return Array.isArray(v) ? v.length > 0 : v !== undefined && v !== false;
  });
  const wrong = given.find((o) => !allowed.includes(o));
  if (wrong) fail(`${command} takes no --${wrong}\n${USAGE}`, 2);
};

if (command === 'create') {
  only(['name', 'scope', 'community', 'expires', 'created-by']);
  if (rest.length) fail(`create takes no arguments besides its options, got ${rest.join(' ')}\n${USAGE}`, 2);
  if (values.name === undefined) fail(`create needs --name\n${USAGE}`, 2);
  let expiresAt: Date | null = null;
  try {
    if (values.expires !== undefined) expiresAt = parseExpiry(values.expires);
  } catch (error) {
    fail((error as Error).message, 2);
  }
  const request = {
    name: values.name,
    scopes: values.scope.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean),
    communities: values.community.flatMap((c) => c.split(',')).map((c) => c.trim()).filter(Boolean),
    expiresAt,
    createdBy: values['created-by'] ?? null,
  };
  const checked = checkApiKeyRequest(request);
  if (!checked.ok) fail(checked.message, 2);
  const { key, apiKey } = await withStore((store) => store.create(request));
  process.stdout.write(
    `${key}\n` +
      `id ${apiKey.id}  name ${JSON.stringify(apiKey.name)}  scopes ${apiKey.scopes.join(',')}  communities ${apiKey.communities?.join(',') ?? 'all'}  expires ${apiKey.expiresAt?.toISOString() ?? 'never'}\n` +
      'This is the only time the key is shown: store it now (only its hash is kept).\n',
  );
} else if (command === 'list') {
  only(['json']);
  if (rest.length) fail(`list takes no arguments, got ${rest.join(' ')}\n${USAGE}`, 2);
  const keys = await withStore((store) => store.list());
  process.stdout.write(values.json ? `${JSON.stringify(keys, null, 2)}\n` : table(keys));
} else if (command === 'revoke') {
  only([]);
  if (rest.length !== 1) fail(`revoke takes one key id, got ${rest.length}\n${USAGE}`, 2);
  const id = rest[0].startsWith('agk_') ? rest[0].split('_')[1] : rest[0];
  if (!/^[0-9a-f]{12}$/.test(id)) fail(`"${rest[0]}" is not a key id (12 hex digits, as list shows)`, 2);
  const result = await withStore((store) => store.revoke(id));
  if (result.type === 'error') fail(result.message, 1);
  process.stdout.write(`revoked ${id} (${JSON.stringify(result.apiKey.name)}) at ${result.apiKey.revokedAt!.toISOString()}\n`);
} else {
  fail(`${command === undefined ? 'a command is required' : `unknown command "${command}"`}: create, list or revoke\n${USAGE}`, 2);
}

async function withStore<T>(run: (store: ReturnType<typeof createApiKeyStore>) => Promise<T>): Promise<T> {
  const database = openOrExit(() => openDatabase('access', { poolMax: 1 }));
  try {
    return await run(createApiKeyStore(database.knex));
  } catch (error) {
    const missing = (error as { code?: string }).code === '42P01';
    fail(missing ? 'the access schema does not exist yet: run npm run migrate first' : `failed: ${(error as Error).message}`, 1);
  } finally {
    await database.close();
  }
}

function table(keys: ApiKey[]): string {
  if (!keys.length) return 'no API keys\n';
  const day = (d: Date | null, none: string) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') : none);
  const rows = keys.map((k) => [
    k.id, k.name, k.scopes.join(','), k.communities?.join(',') ?? 'all', day(k.createdAt, ''), day(k.expiresAt, 'never'),
    k.revokedAt ? `revoked ${day(k.revokedAt, '')}` : 'active', day(k.lastUsedAt, 'never'),
  ]);
  const head = ['id', 'name', 'scopes', 'communities', 'created', 'expires', 'state', 'last used'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [head, ...rows].map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n') + '\n';
}
