/**
 * Thin resolvers of the alerts subgraph: they call loaders or the mutations, nothing else.
 */
import { checkAddressCode } from '../../lib/address-code.ts';
import { checkFirst, ErrorCode, userError } from '../../lib/errors.ts';
import { changeStream } from '../../lib/change-feed.ts';
import { decodeCursor, toConnection } from '../../lib/pagination.ts';
import { AddressCode, DateTime } from '../../lib/scalars.ts';
import type { AlertsContext } from './context.ts';
import type { Resolvers } from './generated/resolvers-types.ts';
import type { AlertRow, AlertsKey } from './repository.ts';
import { alertRaisedFor } from './subscriptions.ts';

const ALERTS_FIELD = 'alerts';
const alertKey = (a: AlertRow) => [a.raisedAtUs, a.id];

const canonicalList = <T extends string>(list: readonly T[] | null | undefined): T[] | null =>
  list === null || list === undefined ? null : [...new Set(list)].sort();

function afterKey(after: string | null | undefined): [string, string] | null {
  const key = decodeCursor(after, 2, ALERTS_FIELD);
  if (key === null) return null;
  const [at, id] = key;
  if (typeof at !== 'string' || typeof id !== 'string') throw userError(`"after" is not a cursor of an alerts list: ${JSON.stringify(after).slice(0, 60)}`, ErrorCode.INVALID_CURSOR);
  return [at, id];
}

export const resolvers: Resolvers = {
  AddressCode,
  DateTime,

  Query: {
    alerts: (_, { filter, first, after }): AlertsKey => ({
      code: filter?.addressPrefix ?? null,
      rules: canonicalList(filter?.rule),
      severities: canonicalList(filter?.severity),
      statuses: canonicalList(filter?.status),
      first: checkFirst(first, 20),
      after: afterKey(after),
    }),
    alert: async (_, { id }, ctx) => {
      const row = await ctx.loaders.alert.load(id);
      if (!row) throw userError(`No alert has id ${id}`, ErrorCode.NOT_FOUND, { id });
      return row;
    },
    alertRules: (_, __, ctx) => [...ctx.rules.values()],
  },

  Mutation: {
    alertAcknowledge: (_, { input }, ctx) => ctx.mutations.acknowledge(input),
    alertClose: (_, { input }, ctx) => ctx.mutations.close(input),
  },

  Subscription: {
    alertRaised: {
      subscribe: async (_, args, ctx) => {
        if (!ctx.changes) throw userError('this server delivers no alerts', ErrorCode.NOT_FOUND);
        return changeStream(ctx.changes, alertRaisedFor(args, ctx.viewer), { signal: ctx.signal });
      },
      resolve: (alert: AlertRow) => alert,
    },
  },

  Alert: {
    __resolveReference: (reference, ctx) => (typeof reference.id === 'string' ? ctx.loaders.alert.load(reference.id) : null),
    // a rule removed from the file still names its alerts: described by its id
    rule: (alert, _, ctx) => ctx.rules.get(alert.rule) ?? { id: alert.rule, descriptionZh: alert.rule, descriptionEn: alert.rule, level: 'ROOM', severity: alert.severity, windowDays: 0, condition: { kind: 'overcrowding', uses: ['RESIDENTIAL'], squareMetersPerResident: 1 } },
    address: (alert) => ({ code: alert.addressCode }),
  },

  AlertEvidence: {
    events: (evidence) => evidence.eventIds.map((id) => ({ id })),
    cases: (evidence) => evidence.caseIds.map((id) => ({ id })),
  },

  Address: {
    __resolveReference: (reference) => {
      const check = checkAddressCode(reference.code);
      return check.ok ? { code: check.code } : null;
    },
    code: (address) => address.code,
    alerts: (address, { status, first, after }): AlertsKey => ({
      code: address.code, rules: null, severities: null, statuses: canonicalList(status), first: checkFirst(first, 20), after: afterKey(after),
    }),
  },

  AlertConnection: {
    edges: async (key, _, ctx) => toConnection(await ctx.loaders.alertPage.load(key), key.first, alertKey, ALERTS_FIELD).edges,
    pageInfo: async (key, _, ctx) => toConnection(await ctx.loaders.alertPage.load(key), key.first, alertKey, ALERTS_FIELD).pageInfo,
    totalCount: (key, _, ctx) => ctx.loaders.alertCount.load(key),
  },
};
