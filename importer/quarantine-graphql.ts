/**
 * The stewards' quarantine over GraphQL: the resolvers each department subgraph (people,
 * entities, events, cases) mounts for its own rows, and the buildings subgraph's for the aliases.
 * They are thin: every rule (scopes, community confinement, masking, validation, loading, the
 * alias, the audit records) is the quarantine service's (importer/quarantine.ts), which
 * `npm run quarantine` calls too.
 *
 * Each department serves its own root fields (`quarantinedEvents`, `eventQuarantineFix`, ...):
 * a fix loads the row in its department's transaction, so it runs in the subgraph that owns the
 * schema. The row types are shareable and identical in the four schemas.
 */
import { GraphQLError } from 'graphql';
import type { AddressAlias } from '../address/aliases.ts';
import type { Viewer } from '../lib/auth/scopes.ts';
import type { RequestMeta } from '../lib/auth/upstream.ts';
import type { Database } from '../lib/db.ts';
import { ErrorCode, userError } from '../lib/errors.ts';
import { decodeCursor, encodeCursor } from '../lib/pagination.ts';
import type { AuditWriter } from '../audit/writer.ts';
import type { Standardizer } from '../address/types.ts';
import type { DepartmentKind } from './formats.ts';
import { createQuarantineService, MAX_PAGE, type QuarantineItem, type QuarantineService, type Steward, type UserError } from './quarantine.ts';
import type { QuarantineStatus } from './quarantine-repository.ts';
import type { QuarantineReason } from './types.ts';

/** What the quarantine resolvers need of a request's context. */
export type QuarantineContext = { service: QuarantineService; steward: Steward };

/** The per-request quarantine context of a subgraph: its own database, the registry's, the audit writer. */
export function quarantineContext(options: {
  kind: DepartmentKind | 'buildings';
  database: Database;
  buildings: Database | undefined;
  audit: AuditWriter | undefined;
  viewer: Viewer;
  request: RequestMeta | null;
  standardizer?: () => Promise<Standardizer>;
}): QuarantineContext | null {
  const buildings = options.kind === 'buildings' ? options.database : options.buildings;
  // a subgraph started without the registry or the audit writer serves no quarantine (its fields fail as internal errors)
  if (!buildings || !options.audit) return null;
  const databases = options.kind === 'buildings' ? { buildings } : { buildings, [options.kind]: options.database };
  return {
    service: createQuarantineService({ databases, audit: options.audit, standardizer: options.standardizer }),
    steward: { viewer: options.viewer, client: 'graphql', request: options.request },
  };
}

/** GraphQL names of a department's quarantine fields. */
const FIELDS: Record<DepartmentKind, { list: string; one: string; fix: string; drop: string }> = {
  people: { list: 'quarantinedPeople', one: 'quarantinedPerson', fix: 'personQuarantineFix', drop: 'personQuarantineDrop' },
  entities: { list: 'quarantinedLegalEntities', one: 'quarantinedLegalEntity', fix: 'legalEntityQuarantineFix', drop: 'legalEntityQuarantineDrop' },
  events: { list: 'quarantinedEvents', one: 'quarantinedEvent', fix: 'eventQuarantineFix', drop: 'eventQuarantineDrop' },
  cases: { list: 'quarantinedCases', one: 'quarantinedCase', fix: 'caseQuarantineFix', drop: 'caseQuarantineDrop' },
};

/** The service's field names → the GraphQL input's. */
const INPUT_FIELD: Record<string, string> = { code: 'addressCode', column: 'addressColumn', fields: 'corrections' };

/** Service user errors as GraphQL userErrors, their field a path from the argument (`["input", "addressCode"]`). */
const asInputErrors = (errors: readonly UserError[]): UserError[] =>
  errors.map((e) => ({ ...e, field: e.field === null ? null : ['input', INPUT_FIELD[e.field[0]] ?? e.field[0], ...e.field.slice(1)] }));

/** A query's refusal as a GraphQL error naming the argument. */
function queryError(errors: readonly UserError[], argument: string): GraphQLError {
  const e = errors[0];
  if (e.code === 'FORBIDDEN') return new GraphQLError(e.message, { extensions: { code: 'FORBIDDEN' } });
  if (e.code === 'NOT_FOUND') return userError(e.message, ErrorCode.NOT_FOUND);
  const path = e.field?.join('.') ?? argument;
  return userError(`${argument === 'filter' && e.field?.[0] !== 'first' && e.field?.[0] !== 'after' ? `filter.${path}` : path}: ${e.message}`,
    e.code === 'INVALID_ADDRESS_CODE' ? ErrorCode.INVALID_ADDRESS_CODE : ErrorCode.BAD_USER_INPUT, { argument: e.field?.[0] ?? argument });
}

/** `<kind>:<n>` → n, or null when the id is not one of this department's rows. */
export function rowNumber(kind: DepartmentKind, id: string): number | null {
  const m = /^([a-z]+):([1-9][0-9]{0,15})$/.exec(id);
  return m && m[1] === kind && Number.isSafeInteger(Number(m[2])) ? Number(m[2]) : null;
}

const instant = (value: Date | string | null | undefined): Date | null =>
  value === null || value === undefined ? null : value instanceof Date ? value : new Date(value);

type FilterArg = {
  source?: string | null; reason?: QuarantineReason | null; communityCode?: string | null;
  olderThan?: Date | string | null; since?: Date | string | null; status?: QuarantineStatus | null;
};
type FixArg = {
  id: string; addressCode?: string | null; addressColumn?: string | null;
  corrections?: { column: string; value: string }[] | null; teachAlias?: boolean | null; clientMutationId?: string | null;
};
type DropArg = { id: string; reason: string; clientMutationId?: string | null };
type Ctx = { quarantine: QuarantineContext | null };

const quarantineOf = (context: Ctx): QuarantineContext => {
  if (!context.quarantine) throw new Error('the quarantine needs the buildings database and the audit writer');
  return context.quarantine;
};

/** The Query and Mutation fields and the row type of a department's quarantine. */
export function departmentQuarantineResolvers(kind: DepartmentKind) {
  const names = FIELDS[kind];
  const field = `Query.${names.list}`;
  const notFound = (id: string) => ({ field: ['input', 'id'], message: `no ${kind} quarantine row has id ${JSON.stringify(id)}`, code: 'NOT_FOUND' as const });
  return {
    Query: {
      async [names.list](_: unknown, args: { filter?: FilterArg | null; first?: number | null; after?: string | null }, context: Ctx) {
        const { service, steward } = quarantineOf(context);
        const first = args.first ?? 50;
        if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
          throw userError(`first must be from 1 to ${MAX_PAGE}, got ${first}`, first > MAX_PAGE ? ErrorCode.PAGE_SIZE_EXCEEDED : ErrorCode.BAD_USER_INPUT, { argument: 'first' });
        }
        const key = decodeCursor(args.after, 1, field);
        const f = args.filter ?? {};
        const page = await service.list(kind, {
          file: f.source ?? null, reason: f.reason ?? null, communityPrefix: f.communityCode ?? null,
          receivedBefore: instant(f.olderThan), receivedSince: instant(f.since), status: f.status ?? 'QUARANTINED',
          first, after: key === null ? null : Number(key[0]), withValues: true,
        }, steward);
        if (!page.ok) throw queryError(page.errors, 'filter');
        const edges = page.value.items.map((node) => ({ cursor: encodeCursor([node.id], field), node }));
        return { edges, pageInfo: { hasNextPage: page.value.next !== null, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: page.value.total };
      },
      async [names.one](_: unknown, args: { id: string }, context: Ctx) {
        const { service, steward } = quarantineOf(context);
        const n = rowNumber(kind, args.id);
        if (n === null) throw userError(`no ${kind} quarantine row has id ${JSON.stringify(args.id)}`, ErrorCode.NOT_FOUND);
        const shown = await service.show(kind, n, steward);
        if (!shown.ok) throw queryError(shown.errors, 'id');
        return shown.value;
      },
    },
    Mutation: {
      async [names.fix](_: unknown, { input }: { input: FixArg }, context: Ctx) {
        const { service, steward } = quarantineOf(context);
        const echo = { clientMutationId: input.clientMutationId ?? null };
        const refuse = (userErrors: UserError[]) => ({ row: null, recordId: null, outcome: null, alias: null, aliasCreated: false, userErrors, ...echo });
        const n = rowNumber(kind, input.id);
        if (n === null) return refuse([notFound(input.id)]);
        const corrections: Record<string, string> = {};
        for (const c of input.corrections ?? []) corrections[c.column] = c.value;
        const fixed = await service.fix(kind, n, {
          code: input.addressCode ?? null, column: input.addressColumn ?? null,
          fields: input.corrections?.length ? corrections : null, teachAlias: input.teachAlias ?? true,
        }, steward);
        if (!fixed.ok) return refuse(asInputErrors(fixed.errors));
        const f = fixed.value;
        return {
          row: f.item, recordId: f.recordId, outcome: f.outcome.toUpperCase(), alias: f.alias ? { id: String(f.alias.id) } : null,
          aliasCreated: f.aliasCreated, userErrors: [], ...echo,
        };
      },
      async [names.drop](_: unknown, { input }: { input: DropArg }, context: Ctx) {
        const { service, steward } = quarantineOf(context);
        const echo = { clientMutationId: input.clientMutationId ?? null };
        const n = rowNumber(kind, input.id);
        if (n === null) return { row: null, replayed: false, userErrors: [notFound(input.id)], ...echo };
        const dropped = await service.drop(kind, n, input.reason, steward);
        if (!dropped.ok) return { row: null, replayed: false, userErrors: asInputErrors(dropped.errors), ...echo };
        return { row: dropped.value.item, replayed: dropped.value.replayed, userErrors: [], ...echo };
      },
    },
    QuarantinedRow: {
      id: (row: QuarantineItem) => `${row.kind}:${row.id}`,
      source: (row: QuarantineItem) => row.fileName,
      receivedAt: (row: QuarantineItem) => row.firstSeen,
      lastSeenAt: (row: QuarantineItem) => row.lastSeen,
      community: (row: QuarantineItem) => (row.communityCode ? { code: row.communityCode } : null),
      addressText: (row: QuarantineItem) => row.address ?? null,
      values: (row: QuarantineItem) => (row.raw ? Object.entries(row.raw).map(([column, value]) => ({ column, value })) : null),
      masked: (row: QuarantineItem) => row.masked ?? false,
      detail: (row: QuarantineItem) => row.detail ?? null,
    },
  };
}

/** The buildings subgraph's alias fields: the list, the revocation and the entity. */
export function aliasResolvers() {
  const field = 'Query.addressAliases';
  return {
    Query: {
      async addressAliases(_: unknown, args: { includeRevoked?: boolean | null; first?: number | null; after?: string | null }, context: Ctx) {
        const { service, steward } = quarantineOf(context);
        const first = args.first ?? 50;
        const key = decodeCursor(args.after, 1, field);
        const page = await service.aliases({ includeRevoked: args.includeRevoked ?? false, first, after: key === null ? null : Number(key[0]) }, steward);
        if (!page.ok) throw queryError(page.errors, 'first');
        const edges = page.value.aliases.map((node) => ({ cursor: encodeCursor([node.id], field), node }));
        return { edges, pageInfo: { hasNextPage: page.value.next !== null, endCursor: edges.at(-1)?.cursor ?? null } };
      },
    },
    Mutation: {
      async addressAliasRevoke(_: unknown, { input }: { input: DropArg }, context: Ctx) {
        const { service, steward } = quarantineOf(context);
        const echo = { clientMutationId: input.clientMutationId ?? null };
        const id = /^[1-9][0-9]{0,15}$/.test(input.id) ? Number(input.id) : null;
        if (id === null) return { alias: null, replayed: false, userErrors: [{ field: ['input', 'id'], message: `no alias has id ${JSON.stringify(input.id)}`, code: 'NOT_FOUND' }], ...echo };
        const revoked = await service.revokeAlias(id, input.reason, steward);
        if (!revoked.ok) return { alias: null, replayed: false, userErrors: asInputErrors(revoked.errors), ...echo };
        return { alias: revoked.value.alias, replayed: revoked.value.replayed, userErrors: [], ...echo };
      },
    },
    AddressAlias: {
      /** A fix's payload names an alias by id: answered when the steward may see it, else null. */
      async __resolveReference(ref: { id: string }, context: Ctx): Promise<AddressAlias | null> {
        const { service, steward } = quarantineOf(context);
        const found = await service.alias(Number(ref.id), steward);
        return found.ok ? found.value : null;
      },
      id: (alias: AddressAlias) => String(alias.id),
      address: (alias: AddressAlias) => ({ code: alias.code }),
    },
  };
}
