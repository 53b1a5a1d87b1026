/**
 * Thin resolvers of the events subgraph: they call loaders, nothing else.
 */
import { checkAddressCode } from '../../lib/address-code.ts';
import { BULK_PAGE_SIZE, checkFirst, checkWindow, ErrorCode, userError } from '../../lib/errors.ts';
import { decodeCursor, toConnection } from '../../lib/pagination.ts';
import { AddressCode, CreditCode, DateScalar, DateTime } from '../../lib/scalars.ts';
import { checkTrendWindow } from '../../lib/summaries.ts';
import type { EventsContext } from './context.ts';
import type { Resolvers } from './generated/resolvers-types.ts';
import type { EventRow, EventsKey } from './repository.ts';
import { departmentQuarantineResolvers } from '../../importer/quarantine-graphql.ts';
/** The stewards' quarantine of this department (importer/quarantine-graphql.ts, the same service as `npm run quarantine`). */
const quarantine = departmentQuarantineResolvers('events');

import { changeStream } from '../../lib/change-feed.ts';
import { eventChangeFor, type EventChangeRow } from './subscriptions.ts';

/** Most ids one `events` lookup takes. */
const MAX_IDS = 500;

/** Sort key of an event on a page, which its cursor encodes: newest first, then id. */
const eventKey = (e: EventRow) => [e.reportedAtUs, e.id];

/** The list its cursors belong to. */
const EVENTS_FIELD = 'Address.events';

/** Filter lists in one canonical order, so equal filters share a DataLoader key. */
const canonicalList = <T extends string>(list: readonly T[] | null | undefined): T[] | null =>
  list === null || list === undefined ? null : [...new Set(list)].sort();

/** DateTime arguments arrive parsed as Date (lib/scalars.ts); the generated type also admits a string. */
const instant = (value: Date | string | null | undefined): Date | null =>
  value === null || value === undefined ? null : value instanceof Date ? value : new Date(value);

/** The (reportedAtUs, id) sort key an `after` cursor carries; anything else is INVALID_CURSOR. */
function afterKey(after: string | null | undefined): [number, string] | null {
  const key = decodeCursor(after, 2, EVENTS_FIELD);
  if (key === null) return null;
  const [us, id] = key;
  if (typeof us !== 'number' || !Number.isSafeInteger(us) || typeof id !== 'string') {
    throw userError(`"after" is not a cursor of an events list: ${JSON.stringify(after).slice(0, 60)}`, ErrorCode.INVALID_CURSOR);
  }
  return [us, id];
}

export const resolvers: Resolvers = {
  AddressCode,
  CreditCode,
  Date: DateScalar,
  DateTime,

  Query: {
    ...(quarantine.Query as NonNullable<Resolvers['Query']>),
    event: async (_, { id }, ctx) => {
      const row = await ctx.loaders.event.load(id);
      if (!row) throw userError(`No event has id ${id}`, ErrorCode.NOT_FOUND, { id });
      return row;
    },
    events: async (_, { ids }, ctx) => {
      if (ids.length > MAX_IDS) throw userError(`events takes at most ${MAX_IDS} ids, got ${ids.length}`);
      const rows = await ctx.loaders.event.loadMany(ids);
      return rows.map((r) => (r instanceof Error ? null : r));
    },
  },

  Mutation: {
    ...(quarantine.Mutation as NonNullable<Resolvers['Mutation']>),
    eventReport: (_, { input }, ctx) => ctx.mutations.report(input),
    eventAssign: (_, { input }, ctx) => ctx.mutations.assign(input),
    eventResolve: (_, { input }, ctx) => ctx.mutations.resolve(input),
    eventClose: (_, { input }, ctx) => ctx.mutations.close(input),
    eventReopen: (_, { input }, ctx) => ctx.mutations.reopen(input),
    eventAddParticipant: (_, { input }, ctx) => ctx.mutations.addParticipant(input),
  },

  Subscription: {
    eventChanged: {
      subscribe: async (_, args, ctx) => {
        if (!ctx.changes) throw userError('this server delivers no event changes', ErrorCode.NOT_FOUND);
        return changeStream(ctx.changes, eventChangeFor(args, ctx.viewer), { signal: ctx.signal });
      },
      resolve: (change: EventChangeRow) => change,
    },
  },

  Event: {
    history: (event, _, ctx) => ctx.loaders.historyOfEvent.load(event.id),
    assignedPerson: (event) => (event.assignedPersonId === null ? null : { eventId: event.id, personId: event.assignedPersonId, role: 'RESPONSIBLE' }),
    __resolveReference: (reference, ctx) => (typeof reference.id === 'string' ? ctx.loaders.event.load(reference.id) : null),
    address: (event) => ({ code: event.addressCode }),
    involvedPeople: (event, _, ctx) => ctx.loaders.peopleOfEvent.load(event.id),
    involvedEntities: (event, _, ctx) => ctx.loaders.entitiesOfEvent.load(event.id),
  },

  EventPersonLink: {
    // the key the people subgraph answers `person` from (with community scoping)
    personRef: (link) => link.personId,
  },

  EventEntityLink: {
    entity: (link) => ({ creditCode: link.creditCode }),
  },

  Address: {
    // Representations are not parsed by the AddressCode scalar, so canonicalize here.
    __resolveReference: (reference) => {
      const check = checkAddressCode(reference.code);
      return check.ok ? { code: check.code } : null;
    },
    code: (address) => address.code,
    events: (address, { status, kind, severity, since, reportedBefore, updatedSince, updatedBefore, first, after }): EventsKey => {
      const key: EventsKey = {
        code: address.code,
        statuses: canonicalList(status),
        kinds: canonicalList(kind),
        severities: canonicalList(severity),
        since: instant(since),
        reportedBefore: instant(reportedBefore),
        updatedSince: instant(updatedSince),
        updatedBefore: instant(updatedBefore),
        first: checkFirst(first, 20, BULK_PAGE_SIZE),
        after: afterKey(after),
      };
      checkWindow(key.since, 'since', key.reportedBefore, 'reportedBefore');
      checkWindow(key.updatedSince, 'updatedSince', key.updatedBefore, 'updatedBefore');
      return key;
    },
    eventStats: (address, { since }, ctx) => ctx.loaders.eventStats.load({ code: address.code, since: instant(since) }),
    eventTrend: async (address, { kind, from, to, bucket }, ctx) => {
      checkTrendWindow(from, to, bucket);
      return ctx.loaders.eventTrend.load({ code: address.code, kinds: canonicalList(kind), from, to, bucket })
        .then((points) => ({ bucket, points, total: points.reduce((sum, p) => sum + p.count, 0) }));
    },
  },

  EventConnection: {
    edges: async (key, _, ctx) => toConnection(await ctx.loaders.eventPage.load(key), key.first, eventKey, EVENTS_FIELD).edges,
    pageInfo: async (key, _, ctx) => toConnection(await ctx.loaders.eventPage.load(key), key.first, eventKey, EVENTS_FIELD).pageInfo,
    totalCount: (key, _, ctx) => ctx.loaders.eventCount.load(key),
  },
  QuarantinedRow: quarantine.QuarantinedRow as NonNullable<Resolvers['QuarantinedRow']>,
};
