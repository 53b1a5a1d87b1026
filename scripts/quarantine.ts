/**
 * `npm run quarantine -- <command> ...`: the data stewards' work through the rows an import could
 * not load (importer/quarantine.ts), and the address aliases their fixes teach.
 *
 * The command acts as the named steward `--as NAME` (the audit subject of every record it
 * writes) with the `steward` role's scopes; `--pii` adds people:pii (values unmasked) and
 * `--community C` confines it to communities, as a token's claims would. Whoever runs it holds
 * the database credentials, so these flags are that operator's declaration, and every use is in
 * the audit trail with them.
 *
 * Exit codes: 0 done, 1 refused or failed (the user errors are printed, `CODE field: message`),
 * 2 bad arguments.
 */
import { parseArgs } from 'node:util';
import { migrateAudit } from '../audit/migrate.ts';
import { createAuditWriter } from '../audit/writer.ts';
import { ROLES, type Scope, type Viewer } from '../lib/auth/scopes.ts';
import { openOrExit } from '../lib/cli.ts';
import { openDatabase, type Database } from '../lib/db.ts';
import { logger } from '../lib/logger.ts';
import { migrateSubgraph } from '../lib/migrate.ts';
import { DEPARTMENT_KINDS, type DepartmentKind } from '../importer/formats.ts';
import { createQuarantineService, MAX_PAGE, MAX_RELINK, type QuarantineItem, type Result } from '../importer/quarantine.ts';
import { QUARANTINE_STATUSES, type QuarantineStatus } from '../importer/quarantine-repository.ts';
import { QUARANTINE_REASONS, type QuarantineReason } from '../importer/types.ts';

const USAGE = `usage: npm run quarantine -- <command> [options] --as NAME [--pii] [--community C]... [--json]
  list <kind> [--reason R] [--older-than DAYS] [--file NAME] [--status S] [--first N] [--after ID]
                          quarantined rows, oldest first (no values): id, record, file:line, reason, community, age;
                          --status fixed|dropped lists the rows stewards fixed or dropped (kept, with who and why)
  show <kind> <id>        one row with its values (identity numbers, phones, dates masked without --pii)
  fix <kind> <id> [--code CODE [--column COL]] [--set COL=VALUE]...
                          assign an address code (the text becomes an alias later imports match) and/or
                          correct fields; re-validates and loads the row, or says why it still fails
  relink <kind> [--reason R]... [--id ID]... [--limit N]
                          standardize quarantined rows again (after the registry or the aliases changed) and
                          load those that now link (default reasons OUTSIDE_DISTRICT, AMBIGUOUS, UNLINKED)
  drop <kind> <id> --why TEXT
                          drop a row, with the reason: marked DROPPED (who, when, why) and kept, out of list
  aliases [--all] [--first N] [--after ID]
                          the aliases stewards taught, newest first (--all: revoked ones too)
  revoke <alias-id> --why TEXT
                          revoke an alias: its text is matched (and quarantined) as before
  kind                    ${DEPARTMENT_KINDS.join(' | ')}
  --as NAME               the steward acting (required; the audit subject)
  --pii                   the steward holds people:pii: values are shown unmasked
  --community C           confine to a 12-digit community (repeatable), as a token's communities claim:
                          list, show, fix, relink, aliases and revoke then see only its rows and aliases
  --json                  one JSON object on stdout
  -h, --help              this text
Every command is in the audit trail (npm run audit). Exit codes: 0 done, 1 refused or failed, 2 bad arguments.
`;

function usageError(message: string): never {
  process.stderr.write(`${message}\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      as: { type: 'string' },
      pii: { type: 'boolean', default: false },
      community: { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
      reason: { type: 'string', multiple: true },
      'older-than': { type: 'string' },
      file: { type: 'string' },
      status: { type: 'string' },
      first: { type: 'string' },
      after: { type: 'string' },
      code: { type: 'string' },
      column: { type: 'string' },
      set: { type: 'string', multiple: true },
      id: { type: 'string', multiple: true },
      limit: { type: 'string' },
      why: { type: 'string' },
      all: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
} catch (error) {
  usageError((error as Error).message);
}
const { values: o, positionals } = parsed;
if (o.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const [command, ...rest] = positionals;
const COMMANDS = ['list', 'show', 'fix', 'relink', 'drop', 'aliases', 'revoke'];
if (!command) usageError('a command is required');
if (!COMMANDS.includes(command)) usageError(`unknown command "${command}": one of ${COMMANDS.join(', ')}`);
if (!o.as?.trim()) usageError('--as NAME is required: the steward acting, recorded in the audit trail');

/** Options each command takes (beyond --as, --pii, --community, --json). */
const TAKES: Record<string, string[]> = {
  list: ['reason', 'older-than', 'file', 'status', 'first', 'after'],
  show: [],
  fix: ['code', 'column', 'set'],
  relink: ['reason', 'id', 'limit'],
  drop: ['why'],
  aliases: ['all', 'first', 'after'],
  revoke: ['why'],
};
const given = (['reason', 'older-than', 'file', 'status', 'first', 'after', 'code', 'column', 'set', 'id', 'limit', 'why'] as const).filter((k) => o[k] !== undefined);
if (o.all) given.push('all' as never);
const stray = given.filter((k) => !TAKES[command].includes(k));
if (stray.length) usageError(`${command} takes no ${stray.map((k) => `--${k}`).join(', ')}`);

const communities = o.community ?? [];
for (const c of communities) if (!/^[0-9]{12}$/.test(c)) usageError(`--community must be a 12-digit community code, got "${c}"`);

function integer(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) usageError(`${name} must be an integer from ${min} to ${max}, got "${value}"`);
  return n;
}
function kindAt(i: number): DepartmentKind {
  const kind = rest[i];
  if (!kind) usageError(`${command} needs a kind: one of ${DEPARTMENT_KINDS.join(', ')}`);
  if (!(DEPARTMENT_KINDS as string[]).includes(kind)) usageError(`unknown kind "${kind}": one of ${DEPARTMENT_KINDS.join(', ')}`);
  return kind as DepartmentKind;
}
function idAt(i: number, what: string): number {
  if (rest[i] === undefined) usageError(`${command} needs ${what}`);
  return integer(what, rest[i], 1, Number.MAX_SAFE_INTEGER)!;
}
function reasons(): QuarantineReason[] | undefined {
  for (const r of o.reason ?? []) if (!(QUARANTINE_REASONS as readonly string[]).includes(r.toUpperCase())) usageError(`--reason must be one of ${QUARANTINE_REASONS.join(', ')}, got "${r}"`);
  return o.reason?.map((r) => r.toUpperCase() as QuarantineReason);
}
const positionalCount: Record<string, number> = { list: 1, show: 2, fix: 2, relink: 1, drop: 2, aliases: 0, revoke: 1 };
if (rest.length > positionalCount[command]) usageError(`${command} takes ${positionalCount[command]} argument(s), got ${rest.length}: ${rest.join(' ')}`);
// checked before any database is opened
const kind = command === 'aliases' || command === 'revoke' ? null : kindAt(0);
const id = command === 'show' || command === 'fix' || command === 'drop' ? idAt(1, 'a quarantine id') : command === 'revoke' ? idAt(0, 'an alias id') : null;
const listReasons = reasons();
if (command === 'list' && (listReasons?.length ?? 0) > 1) usageError('list takes one --reason');
const first = integer('--first', o.first, 1, MAX_PAGE);
const after = integer('--after', o.after, 0, Number.MAX_SAFE_INTEGER);
const olderThan = integer('--older-than', o['older-than'], 0, 36_500);
const limit = integer('--limit', o.limit, 1, MAX_RELINK);
const status = o.status?.toUpperCase();
if (status !== undefined && !(QUARANTINE_STATUSES as readonly string[]).includes(status)) usageError(`--status must be one of ${QUARANTINE_STATUSES.join(', ').toLowerCase()}, got "${o.status}"`);
const ids = o.id?.map((v) => integer('--id', v, 1, Number.MAX_SAFE_INTEGER)!);
const fields: Record<string, string> = {};
for (const pair of o.set ?? []) {
  const at = pair.indexOf('=');
  if (at < 1) usageError(`--set takes COLUMN=VALUE, got "${pair}"`);
  fields[pair.slice(0, at).trim()] = pair.slice(at + 1);
}
if ((command === 'drop' || command === 'revoke') && !o.why?.trim()) usageError(`${command} needs --why TEXT: the reason, recorded in the audit trail`);
if (command === 'fix' && o.code === undefined && !o.set?.length) usageError('fix needs --code CODE and/or --set COLUMN=VALUE');
if (o.column !== undefined && o.code === undefined) usageError('--column names the address column --code is for: give --code too');

const scopes = new Set<Scope>(ROLES.steward);
if (o.pii) scopes.add('people:pii');
const viewer: Viewer = { subject: o.as!.trim(), roles: o.pii ? ['steward', 'people:pii'] : ['steward'], scopes, communities: communities.length ? [...new Set(communities)].sort() : null };
const steward = { viewer, client: 'npm run quarantine' };

// ---- output

const day = 86_400_000;
const age = (d: Date) => `${Math.floor((Date.now() - new Date(d).getTime()) / day)}d`;
const line = (i: QuarantineItem) =>
  `${String(i.id).padStart(6)}  ${(i.recordId ?? '-').padEnd(24)} ${`${i.fileName}:${i.line}`.padEnd(28)} ${i.reason.padEnd(16)} ${(i.communityCode ?? '-').padEnd(12)} ${age(i.firstSeen)}${i.purged ? ' (purged)' : ''}`
  + (i.status === 'QUARANTINED' ? '' : `  ${i.status} ${new Date(i.resolvedAt!).toISOString().slice(0, 16)} by ${i.resolvedBy}: ${i.resolution}`);

function report<T>(result: Result<T>, text: (value: T) => string): number {
  if (!result.ok) {
    if (o.json) process.stdout.write(`${JSON.stringify({ ok: false, userErrors: result.errors })}\n`);
    for (const e of result.errors) process.stderr.write(`${e.code}${e.field ? ` ${e.field.join('.')}` : ''}: ${e.message}\n`);
    return 1;
  }
  process.stdout.write(o.json ? `${JSON.stringify({ ok: true, ...(result.value as object) })}\n` : text(result.value));
  return 0;
}

const databases: Database[] = [];
let exitCode = 1;
try {
  const buildings = openOrExit(() => openDatabase('buildings'));
  databases.push(buildings);
  const departments = Object.fromEntries(DEPARTMENT_KINDS.map((k) => [k, openDatabase(k)])) as Record<DepartmentKind, Database>;
  databases.push(...Object.values(departments));
  const auditDb = openDatabase('audit');
  databases.push(auditDb);
  await migrateSubgraph(buildings);
  if (kind) await migrateSubgraph(departments[kind]);
  await migrateAudit(auditDb);
  const audit = createAuditWriter(auditDb);
  const service = createQuarantineService({ databases: { ...departments, buildings }, audit });
  try {
    switch (command) {
      case 'list': {
        const result = await service.list(kind!, { reason: listReasons?.[0] ?? null, community: null, olderThanDays: olderThan, file: o.file, status: (status as QuarantineStatus | undefined) ?? null, first, after }, steward);
        exitCode = report(result, (p) => [
          `${p.total} ${(status ?? 'quarantined').toLowerCase()} ${kind} row${p.total === 1 ? '' : 's'}${viewer.communities ? ` in ${viewer.communities.join(', ')}` : ''}; ${p.items.length} shown${p.next ? `, next page: --after ${p.next}` : ''}`,
          `${'id'.padStart(6)}  ${'record'.padEnd(24)} ${'file:line'.padEnd(28)} ${'reason'.padEnd(16)} ${'community'.padEnd(12)} age`,
          ...p.items.map(line),
        ].join('\n') + '\n');
        break;
      }
      case 'show': {
        exitCode = report(await service.show(kind!, id!, steward), (i) => [
          line(i),
          `detail:  ${i.detail ?? '(purged)'}`,
          `address: ${i.address ?? '-'}`,
          ...Object.entries(i.raw ?? {}).map(([k, v]) => `  ${k.padEnd(22)} ${v}`),
          i.masked ? '(personal data masked: --pii shows it)' : '',
        ].filter(Boolean).join('\n') + '\n');
        break;
      }
      case 'fix': {
        const result = await service.fix(kind!, id!, { code: o.code ?? null, column: o.column ?? null, fields: o.set ? fields : null }, steward);
        exitCode = report(result, (f) => [
          `fixed ${kind} quarantine ${id}: record ${f.recordId} ${f.outcome} at ${f.level.toLowerCase()} (${Object.entries(f.codes).map(([c, v]) => `${c} ${v ?? '-'}`).join(', ')})`,
          f.alias ? `alias ${f.alias.id} "${f.alias.text}" → ${f.alias.code} ${f.alias.fullName}${f.aliasCreated ? ' taught' : ' (already taught)'}` : null,
          `audit record ${f.auditId}`,
        ].filter(Boolean).join('\n') + '\n');
        break;
      }
      case 'relink': {
        const result = await service.relink(kind!, { reasons: listReasons ?? null, ids: ids ?? null, limit }, steward);
        exitCode = report(result, (r) => [
          `relinked ${kind}: ${r.tried} tried, ${r.loaded.length} loaded, ${r.still.length} still quarantined${r.auditId ? ` (audit record ${r.auditId})` : ''}`,
          ...r.loaded.map((l) => `  loaded ${l.id} ${l.recordId}`),
          ...r.still.map((s) => `  still  ${s.id} ${s.recordId} ${s.reason}`),
        ].join('\n') + '\n');
        break;
      }
      case 'drop':
        exitCode = report(await service.drop(kind!, id!, o.why, steward), (d) => `dropped ${kind} quarantine ${id} (${d.item.reason}, record ${d.item.recordId ?? '-'}): kept as DROPPED; ${d.replayed ? 'dropped already with this reason' : `audit record ${d.auditId}`}\n`);
        break;
      case 'aliases':
        exitCode = report(await service.aliases({ includeRevoked: o.all, first, after }, steward), (a) => [
          `${'id'.padStart(6)}  ${'code'.padEnd(25)} ${'by'.padEnd(12)} ${'taught'.padEnd(10)} text`,
          ...a.aliases.map((x) => `${String(x.id).padStart(6)}  ${x.code.padEnd(25)} ${x.createdBy.padEnd(12)} ${new Date(x.createdAt).toISOString().slice(0, 10)} ${x.text}${x.revokedAt ? `  (revoked ${new Date(x.revokedAt).toISOString().slice(0, 10)} by ${x.revokedBy}: ${x.revokeReason})` : ''}`),
          a.next ? `next page: --after ${a.next}` : null,
        ].filter(Boolean).join('\n') + '\n');
        break;
      case 'revoke':
        exitCode = report(await service.revokeAlias(id!, o.why, steward), (r) => `revoked alias ${r.alias.id} "${r.alias.text}" → ${r.alias.code}; audit record ${r.auditId}\n`);
        break;
    }
  } finally {
    await audit.close();
  }
} catch (error) {
  logger.error({ err: error }, 'quarantine command failed');
  process.stderr.write(`quarantine ${command} failed: ${(error as Error).message}\n`);
  exitCode = 1;
} finally {
  for (const d of databases) await d.close();
}
process.exit(exitCode);

