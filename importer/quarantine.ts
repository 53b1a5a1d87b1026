/**
 * The stewards' quarantine: list, show, fix, relink and drop the rows an import could not load,
 * and review or revoke the address aliases fixes teach. Used by `npm run quarantine`
 * (scripts/quarantine.ts); every SQL statement is in importer/quarantine-repository.ts,
 * importer/repository.ts (loading, through the importer's own writeBatch) and address/aliases.ts.
 *
 * - Scope: reading (list, show, aliases) needs `steward:read` or `steward:write`, changing (fix,
 *   relink, drop, revoke) `steward:write`; values that are personal data (identity
 *   number, phone, birth date, the residence's since date, and any identity or mobile number
 *   quoted in a detail, an address or an unparsed line) are masked unless the steward also has
 *   `people:pii`. A steward confined to communities sees and changes only rows whose address
 *   reached one of them (rows that reached no community are outside every confinement), assigns
 *   only codes inside them, and sees and revokes only aliases inside them.
 * - A fix re-validates the corrected row with the importer's rules, links its addresses (the
 *   assigned code for the fixed column, the standardizer behind the aliases for the others) and
 *   loads it with the importer's writeBatch, the quarantine row marked FIXED and the audit record
 *   committed in the same transaction. When a code was assigned to a text, the text becomes an
 *   alias (address/aliases.ts) that later imports match first: taught (and audited) before the
 *   load, in the buildings database, so a crash between the two leaves a taught alias and a
 *   waiting row, and the same fix run again completes (the alias is found with the same code).
 * - A drop marks the row DROPPED (who, when, why); fixed and dropped rows are kept for the audit
 *   and the retention, out of lists unless asked for by status.
 * - The CLI (scripts/quarantine.ts) and the GraphQL fields (importer/quarantine-graphql.ts) both
 *   call this service.
 * - Every show, list, fix, relink, drop and alias revocation appends one audit record (audit/):
 *   who (subject, roles), what (operation name, a purpose line describing the change, the
 *   person ids and address codes involved), when (the record's time).
 */
import { createAliasRepository, aliasKey, withAliases, ALIAS_LEVELS, type AddressAlias, type AliasRepository } from '../address/aliases.ts';
import { createStandardizer } from '../address/standardizer.ts';
import type { Standardizer } from '../address/types.ts';
import { hashOperation, type AuditWriter } from '../audit/writer.ts';
import { checkAddressCode } from '../lib/address-code.ts';
import { maskIdNumber, maskPhone } from '../lib/auth/masking.ts';
import type { Viewer } from '../lib/auth/scopes.ts';
import type { RequestMeta } from '../lib/auth/upstream.ts';
import type { Database, Db } from '../lib/db.ts';
import { serialized } from '../lib/mutations.ts';
import { createCachedLinker, createLinker, type CellLink } from './addresses.ts';
import { DEPARTMENT_FORMATS, type DepartmentKind } from './formats.ts';
import {
  createQuarantineRepository, QUARANTINE_STATUSES, type QuarantineFilter, type QuarantineHistoryEntry, type QuarantineRow, type QuarantineStatus,
} from './quarantine-repository.ts';
import { createImportRepository, registryDistricts, stageValues, type StageRow } from './repository.ts';
import { REQUIRED_ADDRESS } from './run.ts';
import { LINK_LEVELS, QUARANTINE_REASONS, type LinkLevel, type QuarantineReason } from './types.ts';
import { validateRow } from './validate.ts';

/** Who acts: the steward's name (the audit subject) and what they may do. */
export type Steward = {
  viewer: Viewer;
  /** How they reached us (audit client name): 'npm run quarantine', or the GraphQL client's name. */
  client: string;
  /** The gateway-signed request when the steward came through GraphQL (its request id goes in the audit records). */
  request?: RequestMeta | null;
};

/** A business error, as GraphQL payloads carry them: which input, what is wrong, a stable code. */
export type UserError = { field: string[] | null; message: string; code: StewardErrorCode };

export const STEWARD_ERROR_CODES = [
  'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'PURGED', 'INVALID_ADDRESS_CODE', 'ADDRESS_NOT_FOUND', 'OUT_OF_SCOPE',
  'INVALID_ROW', 'MISSING_ADDRESS', 'OUTSIDE_DISTRICT', 'AMBIGUOUS', 'UNLINKED', 'CONFLICT', 'ALIAS_CONFLICT',
  'RESOLVED',
] as const;
export type StewardErrorCode = (typeof STEWARD_ERROR_CODES)[number];

export type Result<T> = { ok: true; value: T } | { ok: false; errors: UserError[] };

const fail = (code: StewardErrorCode, message: string, field: string[] | null = null): { ok: false; errors: UserError[] } =>
  ({ ok: false, errors: [{ field, message, code }] });

/** A quarantined row as a steward sees it (masked unless people:pii). */
export type QuarantineItem = {
  kind: DepartmentKind;
  id: number;
  recordId: string | null;
  fileName: string;
  line: number;
  reason: QuarantineReason;
  communityCode: string | null;
  firstSeen: Date;
  lastSeen: Date;
  purged: boolean;
  status: QuarantineStatus;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  /** A drop's reason or what a fix did (masked like the values without people:pii). */
  resolution: string | null;
  history: QuarantineHistoryEntry[];
  /** Only in show: */
  detail?: string | null;
  address?: string | null;
  raw?: Record<string, string> | null;
  masked?: boolean;
};

export type ListArgs = QuarantineFilter & { first?: number; after?: number | null; withValues?: boolean };
export type ListPage = { items: QuarantineItem[]; total: number; next: number | null };

export type FixInput = {
  /** Address code to assign (community, building or room). */
  code?: string | null;
  /** Which address column the code is for; default the one the detail names, else the kind's first. */
  column?: string | null;
  /** Corrected values by column name. */
  fields?: Readonly<Record<string, string>> | null;
  /** Whether an assigned code teaches the text as an alias (default true). */
  teachAlias?: boolean | null;
};

export type Fixed = {
  item: QuarantineItem;
  /** The record id loaded, and how. */
  recordId: string;
  outcome: 'inserted' | 'updated' | 'unchanged';
  codes: Record<string, string | null>;
  level: LinkLevel;
  /** The alias the fix taught (or found already taught with the same code); null when no code was assigned to a text. */
  alias: AddressAlias | null;
  aliasCreated: boolean;
  auditId: number;
};

export type Relinked = { tried: number; loaded: { id: number; recordId: string }[]; still: { id: number; recordId: string; reason: QuarantineReason }[]; auditId: number | null };

export const MAX_PAGE = 500;
export const MAX_RELINK = 5_000;
export const MAX_REASON_LENGTH = 500;
/** Reasons relink retries by default: the address ones. */
export const ADDRESS_REASONS: readonly QuarantineReason[] = ['OUTSIDE_DISTRICT', 'AMBIGUOUS', 'UNLINKED'];

export type QuarantineServiceOptions = {
  /** The registry's database and the departments' this service works on (a department subgraph: its own). */
  databases: { buildings: Database } & Partial<Record<DepartmentKind, Database>>;
  audit: AuditWriter;
  /** For tests; default createStandardizer(buildings) behind the aliases, built on first need. */
  standardizer?: Standardizer | (() => Promise<Standardizer>);
  /** For tests: runs after a fix taught its alias and before it loads the row (a crash there is injected by throwing). */
  afterAliasTaught?: () => Promise<void> | void;
};

// ---- masking

const ID_NUMBER = /(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])|(?<![0-9])[0-9]{15}(?![0-9])/g;
const MOBILE = /(?<![0-9])1[0-9]{10}(?![0-9])/g;

/** Hides identity and mobile numbers in free text, and any of the given values. */
function maskText(text: string, secrets: readonly string[]): string {
  let s = text;
  for (const secret of secrets) if (secret.length >= 4) s = s.split(secret).join('*'.repeat(secret.length));
  return s.replace(ID_NUMBER, (m) => maskIdNumber(m)).replace(MOBILE, (m) => maskPhone(m));
}

/** A raw record's columns that are personal data, and how each is shown without people:pii. */
const PII_COLUMNS: Record<string, (v: string) => string> = {
  id_number: maskIdNumber,
  phone: maskPhone,
  // the year only, as Person.birthYear and Residence.sinceYear
  birth_date: (v) => (/^\d{4}/.test(v.trim()) ? `${v.trim().slice(0, 4)}-**-**` : '*'.repeat(v.length)),
  since: (v) => (/^\d{4}/.test(v.trim()) ? `${v.trim().slice(0, 4)}-**-**` : '*'.repeat(v.length)),
};

function present(kind: DepartmentKind, row: QuarantineRow, pii: boolean, full: boolean): QuarantineItem {
  const item: QuarantineItem = {
    kind, id: row.id, recordId: row.recordId, fileName: row.fileName, line: row.line, reason: row.reason, communityCode: row.communityCode,
    firstSeen: row.firstSeen, lastSeen: row.lastSeen, purged: row.purgedAt !== null,
    status: row.status, resolvedAt: row.resolvedAt, resolvedBy: row.resolvedBy, resolution: row.resolution, history: row.history,
  };
  if (!pii && row.raw !== null) {
    // a steward's reason may quote what it is about
    const secrets = Object.entries(row.raw).filter(([k, v]) => k in PII_COLUMNS && v.trim() !== '').map(([, v]) => v.trim());
    item.resolution = row.resolution === null ? null : maskText(row.resolution, secrets);
    item.history = row.history.map((h) => ({ ...h, note: h.note === null ? null : maskText(h.note, secrets) }));
  }
  if (!full) return item;
  // jsonb keeps keys in its own order: show them in the file format's
  const order = DEPARTMENT_FORMATS[kind].columns as readonly string[];
  if (row.raw !== null && order.some((c) => c in row.raw!)) {
    row = { ...row, raw: Object.fromEntries([...order.filter((c) => c in row.raw!), ...Object.keys(row.raw).filter((c) => !order.includes(c))].map((c) => [c, row.raw![c]])) };
  }
  if (pii || row.raw === null) return { ...item, detail: row.detail, address: row.address, raw: row.raw, masked: false };
  const secrets = Object.entries(row.raw).filter(([k, v]) => k in PII_COLUMNS && v.trim() !== '').map(([, v]) => v.trim());
  const raw = Object.fromEntries(Object.entries(row.raw).map(([k, v]) => [k, k in PII_COLUMNS && v !== '' ? PII_COLUMNS[k](v) : maskText(v, secrets)]));
  return {
    ...item,
    detail: row.detail === null ? null : maskText(row.detail, secrets),
    address: row.address === null ? null : maskText(row.address, secrets),
    raw,
    masked: true,
  };
}

// ---- the service

/** Rolls a fix's transaction back: the database side refuses the row (CONFLICT), or it was resolved meanwhile. */
class Refused extends Error {
  readonly code: 'CONFLICT' | 'RESOLVED';
  constructor(code: 'CONFLICT' | 'RESOLVED', message: string) {
    super(message);
    this.code = code;
  }
}

export function createQuarantineService(options: QuarantineServiceOptions) {
  const { databases, audit } = options;
  const aliases: AliasRepository = createAliasRepository(databases.buildings.knex);
  const given = options.standardizer;
  let standardizer: Promise<Standardizer> | null = typeof given === 'function' ? null : given ? Promise.resolve(given) : null;
  // a subgraph's shared standardizer (built once per process) behind the aliases
  const standardizerOf = (): Promise<Standardizer> =>
    (standardizer ??= (typeof given === 'function' ? given() : createStandardizer(databases.buildings, { refreshIntervalMs: 60_000 })).then((s) => withAliases(s, aliases)));

  /** The department's database; a service made for one department subgraph has only its own. */
  const databaseOf = (kind: DepartmentKind): Database => {
    const database = databases[kind];
    if (!database) throw new Error(`this quarantine service has no ${kind} database`);
    return database;
  };
  const repositoryOf = (kind: DepartmentKind, db?: Db) => createQuarantineRepository(db ?? databaseOf(kind).knex, kind);

  /** Reading needs steward:read (or steward:write), changing steward:write. */
  const allowed = (s: Steward, need: 'read' | 'write' = 'write'): UserError[] | null =>
    s.viewer.scopes.has('steward:write') || (need === 'read' && s.viewer.scopes.has('steward:read'))
      ? null
      : [{ field: null, message: `the quarantine needs the steward:${need} scope (the steward role)`, code: 'FORBIDDEN' }];
  const inScope = (s: Steward, community: string | null): boolean =>
    s.viewer.communities === null || (community !== null && s.viewer.communities.includes(community));
  const pii = (s: Steward) => s.viewer.scopes.has('people:pii');

  async function record(s: Steward, subgraph: string, operation: string, what: string, personIds: string[], addressCodes: string[]): Promise<number> {
    const appended = await audit.append({
      subject: s.viewer.subject,
      roles: s.viewer.roles,
      subgraph,
      operationName: operation,
      operationHash: hashOperation(`${operation}\n${what}`),
      clientName: s.request?.clientName ?? s.client,
      purpose: what,
      personIds,
      addressCodes,
      requestId: s.request?.requestId ?? null,
    });
    return appended.id;
  }

  /** The row `id` of `kind` when it exists and is in the steward's scope. */
  async function visible(kind: DepartmentKind, id: number, s: Steward, need: 'read' | 'write' = 'write'): Promise<Result<QuarantineRow>> {
    const denied = allowed(s, need);
    if (denied) return { ok: false, errors: denied };
    if (!(kind in DEPARTMENT_FORMATS)) return fail('BAD_USER_INPUT', `unknown kind "${kind}"; one of ${Object.keys(DEPARTMENT_FORMATS).join(', ')}`, ['kind']);
    if (!Number.isSafeInteger(id) || id < 1) return fail('BAD_USER_INPUT', `a quarantine id is a positive integer, got ${id}`, ['id']);
    const row = await repositoryOf(kind).byId(id);
    // out of scope reads like not found: a confined steward learns nothing of other communities
    if (!row || !inScope(s, row.communityCode)) return fail('NOT_FOUND', `no ${kind} quarantine row has id ${id}`, ['id']);
    return { ok: true, value: row };
  }

  function checkFilter(args: ListArgs): UserError[] {
    const errors: UserError[] = [];
    if (args.reason != null && !(QUARANTINE_REASONS as readonly string[]).includes(args.reason)) {
      errors.push({ field: ['reason'], message: `unknown reason "${args.reason}"; one of ${QUARANTINE_REASONS.join(', ')}`, code: 'BAD_USER_INPUT' });
    }
    if (args.community != null && !/^[0-9]{12}$/.test(args.community)) {
      errors.push({ field: ['community'], message: `a community code has 12 digits, got "${args.community}"`, code: 'INVALID_ADDRESS_CODE' });
    }
    if (args.communityPrefix != null && !/^([0-9]{6}|[0-9]{9}|[0-9]{12})$/.test(args.communityPrefix)) {
      errors.push({ field: ['communityCode'], message: `a community code prefix is a district (6 digits), subdistrict (9) or community (12) code, got "${args.communityPrefix}"`, code: 'INVALID_ADDRESS_CODE' });
    }
    if (args.status != null && !(QUARANTINE_STATUSES as readonly string[]).includes(args.status)) {
      errors.push({ field: ['status'], message: `unknown status "${args.status}"; one of ${QUARANTINE_STATUSES.join(', ')}`, code: 'BAD_USER_INPUT' });
    }
    for (const k of ['receivedBefore', 'receivedSince'] as const) {
      const d = args[k];
      if (d != null && !(d instanceof Date && Number.isFinite(d.getTime()))) errors.push({ field: [k], message: `${k} must be a date and time`, code: 'BAD_USER_INPUT' });
    }
    if (args.olderThanDays != null && (!Number.isInteger(args.olderThanDays) || args.olderThanDays < 0)) {
      errors.push({ field: ['olderThanDays'], message: `olderThanDays must be a whole number of days, got ${args.olderThanDays}`, code: 'BAD_USER_INPUT' });
    }
    if (args.first != null && (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_PAGE)) {
      errors.push({ field: ['first'], message: `first must be an integer from 1 to ${MAX_PAGE}, got ${args.first}`, code: 'BAD_USER_INPUT' });
    }
    if (args.after != null && (!Number.isSafeInteger(args.after) || args.after < 0)) {
      errors.push({ field: ['after'], message: `after is the last id of the previous page, got ${args.after}`, code: 'BAD_USER_INPUT' });
    }
    return errors;
  }

  const checkReason = (reason: string | null | undefined): UserError | null => {
    const r = reason?.trim() ?? '';
    if (!r) return { field: ['reason'], message: 'a reason is required', code: 'BAD_USER_INPUT' };
    if (r.length > MAX_REASON_LENGTH) return { field: ['reason'], message: `the reason is longer than ${MAX_REASON_LENGTH} characters`, code: 'BAD_USER_INPUT' };
    return null;
  };

  /**
   * Teaches `key` → `code` (or finds it taught with the same code) and audits a new alias, in one
   * transaction of the buildings database; ALIAS_CONFLICT when another code got there first.
   */
  async function teachAlias(key: string, code: string, s: Steward, why: string): Promise<Result<{ alias: AddressAlias; created: boolean }>> {
    const buildings = databases.buildings;
    const taught = await serialized(buildings.knex, () => buildings.knex.transaction(async (trx) => {
      const added = await createAliasRepository(trx as unknown as Db).add(key, code, s.viewer.subject ?? 'unknown');
      if (added.created) {
        await record(s, 'buildings', 'quarantine.teachAlias', `teach alias #${added.alias.id} "${key}" → ${code} ${added.alias.fullName}: ${why}`, [], [code]);
      }
      return added;
    }));
    if (taught.alias.code !== code) {
      return fail('ALIAS_CONFLICT', `"${key}" is already taught as ${taught.alias.code} (alias ${taught.alias.id} by ${taught.alias.createdBy}): revoke it first`, ['code']);
    }
    return { ok: true, value: taught };
  }

  /** Revokes a live alias and audits it, in one transaction of the buildings database; null when it was revoked meanwhile. */
  async function revoke(alias: AddressAlias, reason: string, s: Steward): Promise<{ alias: AddressAlias; auditId: number } | null> {
    const buildings = databases.buildings;
    return serialized(buildings.knex, () => buildings.knex.transaction(async (trx) => {
      const revoked = await createAliasRepository(trx as unknown as Db).revoke(alias.id, s.viewer.subject ?? 'unknown', reason);
      if (!revoked) return null;
      const auditId = await record(s, 'buildings', 'quarantine.revokeAlias', `revoke alias #${alias.id} "${alias.text}" → ${alias.code}: ${reason}`, [], [alias.code]);
      return { alias: revoked, auditId };
    }));
  }

  /** A fix that still fails: noted in the row's history (the codes, no values) and audited, then answered. */
  async function refused(kind: DepartmentKind, row: QuarantineRow, errors: UserError[], s: Steward): Promise<{ ok: false; errors: UserError[] }> {
    const target = databaseOf(kind);
    const codes = [...new Set(errors.map((e) => e.code))].join(', ');
    await serialized(target.knex, () => target.knex.transaction(async (trx) => {
      await repositoryOf(kind, trx as unknown as Db).noteRefused(row.id, s.viewer.subject ?? 'unknown', codes);
      await record(s, kind, 'quarantine.fixRefused', `fix of ${kind} quarantine #${row.id} (${row.reason}, ${row.fileName} line ${row.line}) refused: ${codes}`,
        kind === 'people' && row.recordId ? [row.recordId] : [], row.communityCode ? [row.communityCode] : []);
    }));
    return { ok: false, errors };
  }

  /** Links every address text of valid rows: one standardizer call for all. */
  async function linkTexts(texts: readonly string[], minLevel: LinkLevel): Promise<CellLink[]> {
    if (!texts.length) return [];
    const linker = createCachedLinker(await standardizerOf(), createLinker(await registryDistricts(databases.buildings), minLevel), 0);
    return linker.linkAll(texts);
  }

  return {
    /** A page of a department's quarantine, oldest first, without values (no personal data but the record id). */
    async list(kind: DepartmentKind, args: ListArgs, s: Steward): Promise<Result<ListPage>> {
      const denied = allowed(s, 'read');
      if (denied) return { ok: false, errors: denied };
      if (!(kind in DEPARTMENT_FORMATS)) return fail('BAD_USER_INPUT', `unknown kind "${kind}"; one of ${Object.keys(DEPARTMENT_FORMATS).join(', ')}`, ['kind']);
      const errors = checkFilter(args);
      if (errors.length) return { ok: false, errors };
      const first = args.first ?? 50;
      const filter: QuarantineFilter = { ...args, communities: s.viewer.communities };
      const repository = repositoryOf(kind);
      const [rows, total] = await Promise.all([repository.list(filter, first + 1, args.after ?? null), repository.count(filter)]);
      const page = rows.slice(0, first);
      const items = page.map((r) => present(kind, r, pii(s), args.withValues ?? false));
      const masked = args.withValues ? (pii(s) ? ' with values' : ' with values (masked)') : '';
      await record(s, kind, 'quarantine.list', `list ${kind} quarantine ${JSON.stringify({ ...args, first })}: ${items.length} of ${total}${masked}`,
        kind === 'people' ? items.flatMap((i) => (i.recordId ? [i.recordId] : [])) : [], []);
      return { ok: true, value: { items, total, next: rows.length > first ? page[page.length - 1].id : null } };
    },

    /** One row with its values (masked unless people:pii). */
    async show(kind: DepartmentKind, id: number, s: Steward): Promise<Result<QuarantineItem>> {
      const found = await visible(kind, id, s, 'read');
      if (!found.ok) return found;
      const item = present(kind, found.value, pii(s), true);
      await record(s, kind, 'quarantine.show', `show ${kind} quarantine #${id}${item.masked ? ' (masked)' : ''}`,
        kind === 'people' && item.recordId ? [item.recordId] : [], item.communityCode ? [item.communityCode] : []);
      return { ok: true, value: item };
    },

    /** Corrects a row (an address code, field values), re-validates and loads it; teaches the alias. */
    async fix(kind: DepartmentKind, id: number, input: FixInput, s: Steward): Promise<Result<Fixed>> {
      const found = await visible(kind, id, s);
      if (!found.ok) return found;
      const row = found.value;
      if (row.status !== 'QUARANTINED') {
        return fail('RESOLVED', `quarantine row ${id} is ${row.status} (${row.resolvedAt?.toISOString()} by ${row.resolvedBy}): ${row.resolution}`, ['id']);
      }
      if (row.purgedAt !== null || row.raw === null) {
        return fail('PURGED', `quarantine row ${id} was purged after the retention (its values are erased): import the record again`, ['id']);
      }
      const format = DEPARTMENT_FORMATS[kind];
      const columns = format.columns as readonly string[];
      const addressColumns = format.addressColumns as readonly string[];
      const errors: UserError[] = [];
      for (const name of Object.keys(input.fields ?? {})) {
        if (!columns.includes(name)) errors.push({ field: ['fields', name], message: `${kind} has no column "${name}"; one of ${columns.join(', ')}`, code: 'BAD_USER_INPUT' });
      }
      let column: string | null = null;
      let assigned: { code: string; level: LinkLevel; fullName: string } | null = null;
      if (input.code != null) {
        const fromDetail = /^(\w+) "/.exec(row.detail ?? '')?.[1];
        column = input.column ?? (fromDetail && addressColumns.includes(fromDetail) ? fromDetail : addressColumns[0]);
        if (!addressColumns.includes(column)) {
          errors.push({ field: ['column'], message: `"${column}" is not an address column of ${kind}; one of ${addressColumns.join(', ')}`, code: 'BAD_USER_INPUT' });
        }
        const check = checkAddressCode(input.code);
        if (!check.ok) errors.push({ field: ['code'], message: check.message, code: 'INVALID_ADDRESS_CODE' });
        else if (!(ALIAS_LEVELS as readonly string[]).includes(check.level)) {
          errors.push({ field: ['code'], message: `${check.code} is a ${check.level.toLowerCase()} code; assign a community, building or room code`, code: 'INVALID_ADDRESS_CODE' });
        } else {
          const target = await aliases.target(check.code);
          if (!target) errors.push({ field: ['code'], message: `no address in the registry has the code ${check.code}`, code: 'ADDRESS_NOT_FOUND' });
          else if (!inScope(s, check.code.slice(0, 12))) {
            errors.push({ field: ['code'], message: `${check.code} is outside your communities (${s.viewer.communities!.join(', ')})`, code: 'OUT_OF_SCOPE' });
          } else assigned = { code: check.code, level: check.level as LinkLevel, fullName: target.fullName };
        }
      } else if (input.column != null) {
        errors.push({ field: ['column'], message: 'column names the address column a code is for: give code too', code: 'BAD_USER_INPUT' });
      }
      if (errors.length) return { ok: false, errors };

      // the record as the importer would read it, with the steward's corrections
      const corrected: Record<string, string> = Object.fromEntries(columns.map((c) => [c, input.fields?.[c] ?? row.raw![c] ?? '']));
      const v = validateRow(kind, corrected);
      if (!v.ok) {
        return refused(kind, row, v.problems.map((p) => ({ field: ['fields', p.split(/[ "]/)[0]], message: p, code: 'INVALID_ROW' as const })), s);
      }
      const values = v.values as Record<string, unknown>;
      const texts = addressColumns.map((c) => values[c] as string | null);
      const empty = REQUIRED_ADDRESS[kind].filter((c) => values[c] === null && c !== column);
      if (empty.length) return refused(kind, row, fail('MISSING_ADDRESS', `${empty.join(', ')} is empty: correct it or assign a code`, ['fields', empty[0]]).errors, s);

      const toLink = texts.map((t, i) => (addressColumns[i] === column || t === null ? null : t));
      const links = await linkTexts(toLink.filter((t): t is string => t !== null), row.minLevel);
      let next = 0;
      const codes: (string | null)[] = [];
      let level: LinkLevel = 'ROOM';
      for (let i = 0; i < addressColumns.length; i++) {
        if (addressColumns[i] === column) {
          codes.push(assigned!.code);
          if (LINK_LEVELS.indexOf(assigned!.level) < LINK_LEVELS.indexOf(level)) level = assigned!.level;
          continue;
        }
        if (toLink[i] === null) {
          codes.push(null);
          continue;
        }
        const link = links[next++];
        if (!link.ok) return refused(kind, row, fail(link.reason, `${addressColumns[i]} "${toLink[i]}": ${link.detail}; assign a code for it`, ['code']).errors, s);
        codes.push(link.code);
        if (LINK_LEVELS.indexOf(link.level) < LINK_LEVELS.indexOf(level)) level = link.level;
      }

      // the alias the fix teaches, unless the text is taught another code already
      const text = column === null || input.teachAlias === false ? null : (values[column] as string | null);
      const key = text ? aliasKey(text) : '';
      if (key) {
        const taught = (await aliases.live([key])).get(key);
        if (taught && taught.code !== assigned!.code) {
          return fail('ALIAS_CONFLICT', `"${key}" is already taught as ${taught.code} (alias ${taught.id} by ${taught.createdBy}): revoke it first`, ['code']);
        }
      }

      const stage: StageRow = { line: row.line, id: v.id, values: stageValues(kind, v.values as never, codes), level, address: row.address, raw: corrected };
      const codeOf = Object.fromEntries(addressColumns.map((c, i) => [c, codes[i]]));
      const what = `fix ${kind} quarantine #${id} (${row.reason}, record ${v.id}, ${row.fileName} line ${row.line}): `
        + [assigned ? `${column} → ${assigned.code} ${assigned.fullName}` : null,
          ...Object.keys(input.fields ?? {}).map((c) => `${c} corrected`),
          key ? `alias "${key}" → ${assigned!.code}` : null].filter(Boolean).join('; ');
      const who = s.viewer.subject ?? 'unknown';

      // 1. the alias, first and on its own (the registry's schema, maybe another database): taught
      // and audited in one transaction of the buildings database. A crash after it leaves the row
      // quarantined and the alias taught, which is safe (later imports of the text link) and which
      // the same fix, run again, completes: the alias is found taught with the same code.
      const teach = key ? await teachAlias(key, assigned!.code, s, `taught by fixing ${kind} quarantine #${id}`) : null;
      if (teach && !teach.ok) return teach;
      const taught = teach?.value ?? null;
      await options.afterAliasTaught?.();

      // 2. the row, marked FIXED, loaded and audited in one transaction of its department's database
      const target = databaseOf(kind);
      let loaded: { outcome: Fixed['outcome']; auditId: number };
      try {
        loaded = await serialized(target.knex, () => target.knex.transaction(async (trx) => {
          const tx: Database = { ...target, knex: trx as unknown as Db };
          const marked = await repositoryOf(kind, trx as unknown as Db).resolve([id], 'FIXED', who, what);
          if (!marked.length) throw new Refused('RESOLVED', `quarantine row ${id} was resolved meanwhile`);
          const outcome = await createImportRepository(tx, kind).writeBatch(row.runId, row.fileName, [stage], []);
          // the importer would quarantine it again: roll back and say why
          if (outcome.conflicts.length) throw new Refused('CONFLICT', outcome.conflicts[0].detail);
          // committed before the fix is: a fix without its audit record does not happen
          const auditId = await record(s, kind, 'quarantine.fix', what, kind === 'people' ? [v.id] : [], codes.filter((c): c is string => c !== null));
          return { outcome: outcome.inserted ? 'inserted' as const : outcome.updated ? 'updated' as const : 'unchanged' as const, auditId };
        }));
      } catch (error) {
        if (!(error instanceof Refused)) throw error;
        // the row stays quarantined: an alias this fix taught is taken back (audited), one found taught stays
        if (taught?.created) await revoke(taught.alias, `the fix of ${kind} quarantine #${id} that taught it was refused (${error.code})`, s);
        return fail(error.code, error.message, error.code === 'CONFLICT' ? ['fields'] : ['id']);
      }
      return {
        ok: true,
        value: {
          item: present(kind, (await repositoryOf(kind).byId(id)) ?? row, pii(s), false), recordId: v.id, outcome: loaded.outcome, codes: codeOf, level,
          alias: taught?.alias ?? null, aliasCreated: taught?.created ?? false, auditId: loaded.auditId,
        },
      };
    },

    /**
     * Standardizes quarantined rows again (after the registry or the aliases changed) and loads
     * those that now link; the others get their new reason and detail. Rows of `reasons` (default
     * the address reasons) with a record id and values kept, at most `limit`, oldest first.
     */
    async relink(kind: DepartmentKind, args: QuarantineFilter & { ids?: number[] | null; reasons?: QuarantineReason[] | null; limit?: number }, s: Steward): Promise<Result<Relinked>> {
      const denied = allowed(s);
      if (denied) return { ok: false, errors: denied };
      if (!(kind in DEPARTMENT_FORMATS)) return fail('BAD_USER_INPUT', `unknown kind "${kind}"; one of ${Object.keys(DEPARTMENT_FORMATS).join(', ')}`, ['kind']);
      const errors = checkFilter(args);
      const limit = args.limit ?? 1000;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RELINK) errors.push({ field: ['limit'], message: `limit must be an integer from 1 to ${MAX_RELINK}, got ${limit}`, code: 'BAD_USER_INPUT' });
      if (errors.length) return { ok: false, errors };
      const reasons = args.reasons ?? (args.reason ? [args.reason] : ADDRESS_REASONS);
      const repository = repositoryOf(kind);
      const rows = await repository.relinkable({ ...args, reason: null, reasons, communities: s.viewer.communities }, limit);
      const format = DEPARTMENT_FORMATS[kind];
      const columns = format.columns as readonly string[];
      const addressColumns = format.addressColumns as readonly string[];
      type Candidate = { row: QuarantineRow; id: string; values: Record<string, unknown>; texts: (string | null)[]; raw: Record<string, string> };
      const candidates: Candidate[] = [];
      const still: { id: number; reason: QuarantineReason; detail: string; communityCode: string | null; recordId: string }[] = [];
      for (const row of rows) {
        const raw = Object.fromEntries(columns.map((c) => [c, row.raw![c] ?? '']));
        const v = validateRow(kind, raw);
        if (!v.ok) {
          still.push({ id: row.id, reason: 'INVALID_ROW', detail: v.problems.join('; '), communityCode: row.communityCode, recordId: row.recordId! });
          continue;
        }
        const values = v.values as Record<string, unknown>;
        const empty = REQUIRED_ADDRESS[kind].filter((c) => values[c] === null);
        if (empty.length) {
          still.push({ id: row.id, reason: 'MISSING_ADDRESS', detail: `${empty.join(', ')} is empty`, communityCode: null, recordId: row.recordId! });
          continue;
        }
        candidates.push({ row, id: v.id, values, raw, texts: addressColumns.map((c) => values[c] as string | null) });
      }
      // one standardizer call per minimum level (runs may differ)
      const byLevel = new Map<LinkLevel, Candidate[]>();
      for (const c of candidates) byLevel.set(c.row.minLevel, [...(byLevel.get(c.row.minLevel) ?? []), c]);
      const ready = new Map<number, StageRow[]>();
      const fileOf = new Map<number, string>();
      const loading: Candidate[] = [];
      for (const [minLevel, group] of byLevel) {
        const texts = group.flatMap((c) => c.texts.filter((t): t is string => t !== null));
        const links = await linkTexts(texts, minLevel);
        const linkOf = new Map(texts.map((t, i) => [t, links[i]]));
        for (const c of group) {
          const codes: (string | null)[] = [];
          let level: LinkLevel = 'ROOM';
          let failed: { reason: QuarantineReason; detail: string; community: string | null } | null = null;
          c.texts.forEach((t, i) => {
            if (failed) return;
            if (t === null) return void codes.push(null);
            const link = linkOf.get(t)!;
            if (!link.ok) failed = { reason: link.reason, detail: `${addressColumns[i]} "${t}": ${link.detail}`, community: link.community };
            else {
              codes.push(link.code);
              if (LINK_LEVELS.indexOf(link.level) < LINK_LEVELS.indexOf(level)) level = link.level;
            }
          });
          if (failed) {
            const f = failed as { reason: QuarantineReason; detail: string; community: string | null };
            still.push({ id: c.row.id, reason: f.reason, detail: f.detail, communityCode: f.community, recordId: c.id });
            continue;
          }
          const stage: StageRow = { line: c.row.line, id: c.id, values: stageValues(kind, c.values as never, codes), level, address: c.row.address, raw: c.raw };
          ready.set(c.row.runId, [...(ready.get(c.row.runId) ?? []), stage]);
          fileOf.set(c.row.runId, c.row.fileName);
          loading.push(c);
        }
      }
      const target = databaseOf(kind);
      let auditId: number | null = null;
      const loaded: { id: number; recordId: string }[] = [];
      await serialized(target.knex, () => target.knex.transaction(async (trx) => {
        const tx: Database = { ...target, knex: trx as unknown as Db };
        const importer = createImportRepository(tx, kind);
        const refused = new Set<string>();
        // marked before loading, so the importer's release keeps them; a refused one is quarantined again by writeBatch
        await repositoryOf(kind, trx as unknown as Db).resolve(loading.map((c) => c.row.id), 'FIXED', s.viewer.subject ?? 'unknown', 'relinked: the address links now');
        // per run: a run's lines are unique, so the importer's staging keys hold
        for (const [runId, stageRows] of ready) {
          const outcome = await importer.writeBatch(runId, fileOf.get(runId)!, stageRows, []);
          for (const c of outcome.conflicts) refused.add(c.recordId!);
        }
        for (const c of loading) if (!refused.has(c.id)) loaded.push({ id: c.row.id, recordId: c.id });
        for (const c of loading) if (refused.has(c.id)) still.push({ id: c.row.id, reason: 'CONFLICT', detail: 'conflicts with the database', communityCode: c.row.communityCode, recordId: c.id });
        await repositoryOf(kind, trx as unknown as Db).restate(still.filter((e) => e.reason !== 'CONFLICT'), s.viewer.subject ?? 'unknown');
        if (rows.length) {
          auditId = await record(s, kind, 'quarantine.relink', `relink ${kind} quarantine: ${rows.length} tried, ${loaded.length} loaded (${loaded.map((l) => `#${l.id}`).join(', ')})`,
            kind === 'people' ? loaded.map((l) => l.recordId) : [], []);
        }
      }));
      return { ok: true, value: { tried: rows.length, loaded, still: still.map((e) => ({ id: e.id, recordId: e.recordId, reason: e.reason })), auditId } };
    },

    /**
     * Drops a row, with the steward's reason (audited): it is marked DROPPED with who, when and
     * why, kept for the audit and the retention, and left out of lists unless asked for. Dropping
     * a row the same steward dropped with the same reason answers it again (a retry), without a
     * second audit record.
     */
    async drop(kind: DepartmentKind, id: number, reason: string | null | undefined, s: Steward): Promise<Result<{ item: QuarantineItem; auditId: number | null; replayed: boolean }>> {
      const found = await visible(kind, id, s);
      if (!found.ok) return found;
      const bad = checkReason(reason);
      if (bad) return { ok: false, errors: [bad] };
      const row = found.value;
      const why = reason!.trim();
      const who = s.viewer.subject ?? 'unknown';
      if (row.status === 'DROPPED' && row.resolvedBy === who && row.resolution === why) {
        return { ok: true, value: { item: present(kind, row, pii(s), false), auditId: null, replayed: true } };
      }
      if (row.status !== 'QUARANTINED') {
        return fail('RESOLVED', `quarantine row ${id} is ${row.status} already (${row.resolvedAt?.toISOString()} by ${row.resolvedBy})`, ['id']);
      }
      const target = databaseOf(kind);
      const auditId = await serialized(target.knex, () => target.knex.transaction(async (trx) => {
        const marked = await repositoryOf(kind, trx as unknown as Db).resolve([id], 'DROPPED', who, why);
        if (!marked.length) return null;
        return record(s, kind, 'quarantine.drop', `drop ${kind} quarantine #${id} (${row.reason}, record ${row.recordId ?? '-'}, ${row.fileName} line ${row.line}): ${why}`,
          kind === 'people' && row.recordId ? [row.recordId] : [], row.communityCode ? [row.communityCode] : []);
      }));
      if (auditId === null) return fail('RESOLVED', `quarantine row ${id} was resolved meanwhile`, ['id']);
      const now = (await repositoryOf(kind).byId(id))!;
      return { ok: true, value: { item: present(kind, now, pii(s), false), auditId, replayed: false } };
    },

    /** Aliases newest first (live only unless includeRevoked), within the steward's communities. */
    async aliases(args: { includeRevoked?: boolean; first?: number; after?: number | null }, s: Steward): Promise<Result<{ aliases: AddressAlias[]; next: number | null }>> {
      const denied = allowed(s, 'read');
      if (denied) return { ok: false, errors: denied };
      const first = args.first ?? 50;
      if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) return fail('BAD_USER_INPUT', `first must be an integer from 1 to ${MAX_PAGE}, got ${first}`, ['first']);
      const rows = await aliases.list({ ...args, first: first + 1, communities: s.viewer.communities });
      const page = rows.slice(0, first);
      return { ok: true, value: { aliases: page, next: rows.length > first ? page[page.length - 1].id : null } };
    },

    /** Revokes an alias (later imports of its text are matched, and quarantined, as before), with who and why. */
    async revokeAlias(id: number, reason: string | null | undefined, s: Steward): Promise<Result<{ alias: AddressAlias; auditId: number | null; replayed: boolean }>> {
      const denied = allowed(s);
      if (denied) return { ok: false, errors: denied };
      if (!Number.isSafeInteger(id) || id < 1) return fail('BAD_USER_INPUT', `an alias id is a positive integer, got ${id}`, ['id']);
      const bad = checkReason(reason);
      if (bad) return { ok: false, errors: [bad] };
      const alias = await aliases.byId(id);
      if (!alias || !inScope(s, alias.code.slice(0, 12))) return fail('NOT_FOUND', `no alias has id ${id}`, ['id']);
      // the same revocation again (a retry): answered as it was, nothing new written
      if (alias.revokedAt && alias.revokedBy === (s.viewer.subject ?? 'unknown') && alias.revokeReason === reason!.trim()) {
        return { ok: true, value: { alias, auditId: null, replayed: true } };
      }
      if (alias.revokedAt) return fail('BAD_USER_INPUT', `alias ${id} was revoked already, ${alias.revokedAt.toISOString()} by ${alias.revokedBy}`, ['id']);
      // the revocation and its audit record in one transaction, as a fix
      const done = await revoke(alias, reason!.trim(), s);
      if (!done) return fail('BAD_USER_INPUT', `alias ${id} was revoked meanwhile`, ['id']);
      return { ok: true, value: { ...done, replayed: false } };
    },

    /** One alias by id, when the steward may see it (within their communities). */
    async alias(id: number, s: Steward): Promise<Result<AddressAlias>> {
      const denied = allowed(s, 'read');
      if (denied) return { ok: false, errors: denied };
      const alias = Number.isSafeInteger(id) && id > 0 ? await aliases.byId(id) : null;
      if (!alias || !inScope(s, alias.code.slice(0, 12))) return fail('NOT_FOUND', `no alias has id ${id}`, ['id']);
      return { ok: true, value: alias };
    },
  };
}

export type QuarantineService = ReturnType<typeof createQuarantineService>;
