/**
 * Thin resolvers of the cases subgraph: they call loaders, nothing else.
 */
import { checkAddressCode } from '../../lib/address-code.ts';
import { BULK_PAGE_SIZE, checkFirst, checkWindow, ErrorCode, userError } from '../../lib/errors.ts';
import { decodeCursor, toConnection } from '../../lib/pagination.ts';
import { AddressCode, CreditCode, DateScalar, DateTime } from '../../lib/scalars.ts';
import { checkTrendWindow } from '../../lib/summaries.ts';
import type { Resolvers } from './generated/resolvers-types.ts';
import type { CaseRow, CasesKey } from './repository.ts';
import { departmentQuarantineResolvers } from '../../importer/quarantine-graphql.ts';
/** The stewards' quarantine of this department (importer/quarantine-graphql.ts, the same service as `npm run quarantine`). */
const quarantine = departmentQuarantineResolvers('cases');

import { changeStream } from '../../lib/change-feed.ts';
import { caseChangeFor, type CaseChangeRow } from './subscriptions.ts';

/** Most ids one `cases` lookup takes. */
const MAX_IDS = 500;

/** Sort key of a case on a page, which its cursor encodes: newest filing first, then id. */
const caseKey = (c: CaseRow) => [c.filedOn, c.id];

/** The list its cursors belong to. */
const CASES_FIELD = 'Address.cases';

/** Filter lists in one canonical order, so equal filters share a DataLoader key. */
const canonicalList = <T extends string>(list: readonly T[] | null | undefined): T[] | null =>
  list === null || list === undefined ? null : [...new Set(list)].sort();

/** DateTime arguments arrive parsed as Date (lib/scalars.ts); the generated type also admits a string. */
const instant = (value: Date | string | null | undefined): Date | null =>
  value === null || value === undefined ? null : value instanceof Date ? value : new Date(value);

/** The (filedOn, id) sort key an `after` cursor carries; anything else is INVALID_CURSOR. */
function afterKey(after: string | null | undefined): [string, string] | null {
  const key = decodeCursor(after, 2, CASES_FIELD);
  if (key === null) return null;
  const [filedOn, id] = key;
  if (typeof filedOn !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(filedOn) || typeof id !== 'string') {
    throw userError(`"after" is not a cursor of a cases list: ${JSON.stringify(after).slice(0, 60)}`, ErrorCode.INVALID_CURSOR);
  }
  return [filedOn, id];
}

export const resolvers: Resolvers = {
  AddressCode,
  CreditCode,
  Date: DateScalar,
  DateTime,

  Query: {
    ...(quarantine.Query as NonNullable<Resolvers['Query']>),
    case: async (_, { id }, ctx) => {
      const row = await ctx.loaders.case.load(id);
      if (!row) throw userError(`No case has id ${id}`, ErrorCode.NOT_FOUND, { id });
      return row;
    },
    cases: async (_, { ids }, ctx) => {
      if (ids.length > MAX_IDS) throw userError(`cases takes at most ${MAX_IDS} ids, got ${ids.length}`);
      const rows = await ctx.loaders.case.loadMany(ids);
      return rows.map((r) => (r instanceof Error ? null : r));
    },
  },

  Mutation: {
    ...(quarantine.Mutation as NonNullable<Resolvers['Mutation']>),
    caseOpen: (_, { input }, ctx) => ctx.mutations.open(input),
    caseUpdateStatus: (_, { input }, ctx) => ctx.mutations.updateStatus(input),
    caseClose: (_, { input }, ctx) => ctx.mutations.close(input),
    caseAddParty: (_, { input }, ctx) => ctx.mutations.addParty(input),
  },

  Subscription: {
    caseChanged: {
      subscribe: async (_, args, ctx) => {
        if (!ctx.changes) throw userError('this server delivers no case changes', ErrorCode.NOT_FOUND);
        return changeStream(ctx.changes, caseChangeFor(args, ctx.viewer), { signal: ctx.signal });
      },
      resolve: (change: CaseChangeRow) => change,
    },
  },

  Case: {
    history: (c, _, ctx) => ctx.loaders.historyOfCase.load(c.id),
    __resolveReference: (reference, ctx) => (typeof reference.id === 'string' ? ctx.loaders.case.load(reference.id) : null),
    address: (c) => ({ code: c.addressCode }),
    parties: (c, _, ctx) => ctx.loaders.partiesOfCase.load(c.id),
    relatedEvents: async (c, _, ctx) => (await ctx.loaders.eventsOfCase.load(c.id)).map((link) => ({ id: link.eventId })),
  },

  CaseParty: {
    // the key the people subgraph answers `person` from (with community scoping); a key cannot be
    // null, so a legal entity party has the empty ref, which is nobody
    personRef: (party) => party.personId ?? '',
    entity: (party) => (party.creditCode === null ? null : { creditCode: party.creditCode }),
  },

  Address: {
    // Representations are not parsed by the AddressCode scalar, so canonicalize here.
    __resolveReference: (reference) => {
      const check = checkAddressCode(reference.code);
      return check.ok ? { code: check.code } : null;
    },
    code: (address) => address.code,
    cases: (address, { status, kind, since, filedBefore, updatedSince, updatedBefore, first, after }): CasesKey => {
      const key: CasesKey = {
        code: address.code,
        statuses: canonicalList(status),
        kinds: canonicalList(kind),
        since: since ?? null,
        filedBefore: filedBefore ?? null,
        updatedSince: instant(updatedSince),
        updatedBefore: instant(updatedBefore),
        first: checkFirst(first, 20, BULK_PAGE_SIZE),
        after: afterKey(after),
      };
      checkWindow(key.since, 'since', key.filedBefore, 'filedBefore');
      checkWindow(key.updatedSince, 'updatedSince', key.updatedBefore, 'updatedBefore');
      return key;
    },
    caseStats: (address, { kind, since }, ctx) =>
      ctx.loaders.caseStats.load({ code: address.code, kinds: canonicalList(kind), since: since ?? null }),
    caseTrend: async (address, { kind, from, to, bucket }, ctx) => {
      checkTrendWindow(from, to, bucket);
      return ctx.loaders.caseTrend.load({ code: address.code, kinds: canonicalList(kind), from, to, bucket })
        .then((points) => ({ bucket, points, total: points.reduce((sum, p) => sum + p.count, 0) }));
    },
  },

  CaseConnection: {
    edges: async (key, _, ctx) => toConnection(await ctx.loaders.casePage.load(key), key.first, caseKey, CASES_FIELD).edges,
    pageInfo: async (key, _, ctx) => toConnection(await ctx.loaders.casePage.load(key), key.first, caseKey, CASES_FIELD).pageInfo,
    totalCount: (key, _, ctx) => ctx.loaders.caseCount.load(key),
  },
  QuarantinedRow: quarantine.QuarantinedRow as NonNullable<Resolvers['QuarantinedRow']>,
};
