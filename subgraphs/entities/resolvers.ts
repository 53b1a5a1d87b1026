/**
 * Thin resolvers of the entities subgraph: they call loaders, nothing else.
 */
import { checkAddressCode } from '../../lib/address-code.ts';
import { checkCreditCode } from '../../lib/check-digits.ts';
import { BULK_PAGE_SIZE, checkFirst, checkWindow, ErrorCode, userError } from '../../lib/errors.ts';
import { isStorableText } from '../../lib/loader.ts';
import { decodeCursor, toConnection } from '../../lib/pagination.ts';
import { AddressCode, CreditCode, DateScalar, DateTime } from '../../lib/scalars.ts';
import type { Resolvers } from './generated/resolvers-types.ts';
import type { EntitiesKey, LegalEntityRow } from './repository.ts';
import { departmentQuarantineResolvers } from '../../importer/quarantine-graphql.ts';
/** The stewards' quarantine of this department (importer/quarantine-graphql.ts, the same service as `npm run quarantine`). */
const quarantine = departmentQuarantineResolvers('entities');


/** Most credit codes one `legalEntities` lookup takes. */
const MAX_CODES = 500;

/** Sort key of an entity on a page, which its cursor encodes. */
const entityKey = (r: LegalEntityRow) => [r.creditCode];

/** DateTime arguments arrive parsed as Date (lib/scalars.ts); the generated type also admits a string. */
const instant = (value: Date | string | null | undefined): Date | null =>
  value === null || value === undefined ? null : value instanceof Date ? value : new Date(value);

/** The list its cursors belong to. */
const ENTITIES_FIELD = 'Address.entities';

export const resolvers: Resolvers = {
  AddressCode,
  CreditCode,
  Date: DateScalar,
  DateTime,

  Query: {
    ...(quarantine.Query as NonNullable<Resolvers['Query']>),
    legalEntity: async (_, { creditCode }, ctx) => {
      const row = await ctx.loaders.legalEntity.load(creditCode);
      if (!row) throw userError(`No legal entity has credit code ${creditCode}`, ErrorCode.NOT_FOUND, { creditCode });
      return row;
    },
    legalEntities: async (_, { creditCodes }, ctx) => {
      if (creditCodes.length > MAX_CODES) {
        throw userError(`legalEntities takes at most ${MAX_CODES} credit codes, got ${creditCodes.length}`);
      }
      const rows = await ctx.loaders.legalEntity.loadMany(creditCodes);
      return rows.map((r) => (r instanceof Error ? null : r));
    },
  },

  Mutation: {
    ...(quarantine.Mutation as NonNullable<Resolvers['Mutation']>),
    legalEntityRegister: (_, { input }, ctx) => ctx.mutations.register(input),
    legalEntityUpdateStatus: (_, { input }, ctx) => ctx.mutations.updateStatus(input),
    legalEntityMoveBusinessAddress: (_, { input }, ctx) => ctx.mutations.moveBusinessAddress(input),
  },

  LegalEntity: {
    // Representations are not parsed by the CreditCode scalar: validate and canonicalize here.
    __resolveReference: (reference, ctx) => {
      const check = typeof reference.creditCode === 'string' ? checkCreditCode(reference.creditCode) : null;
      return check?.ok ? ctx.loaders.legalEntity.load(check.value) : null;
    },
    registeredAddress: (entity) => (entity.registeredAddressCode === null ? null : { code: entity.registeredAddressCode }),
    businessAddress: (entity) => (entity.businessAddressCode === null ? null : { code: entity.businessAddressCode }),
    // the people subgraph answers legalRepresentative from it (with community scoping)
    legalRepresentativeRef: (entity) => entity.legalRepPersonId,
  },

  Person: {
    // People live in the people subgraph; any non-empty ref is a person who may represent entities.
    __resolveReference: (reference) => (typeof reference.ref === 'string' && reference.ref !== '' && isStorableText(reference.ref) ? { ref: reference.ref } : null),
    representedEntities: (person, _, ctx) => ctx.loaders.representedBy.load(person.ref),
  },

  Address: {
    // Representations are not parsed by the AddressCode scalar, so canonicalize here.
    __resolveReference: (reference) => {
      const check = checkAddressCode(reference.code);
      return check.ok ? { code: check.code } : null;
    },
    code: (address) => address.code,
    entities: (address, { status, kind, updatedSince, updatedBefore, first, after }): EntitiesKey => {
      const cursor = decodeCursor(after, 1, ENTITIES_FIELD);
      const key: EntitiesKey = {
        code: address.code,
        status: status ?? null,
        kinds: kind === null || kind === undefined ? null : [...new Set(kind)].sort(),
        updatedSince: instant(updatedSince),
        updatedBefore: instant(updatedBefore),
        first: checkFirst(first, 20, BULK_PAGE_SIZE),
        after: cursor === null ? null : String(cursor[0]),
      };
      checkWindow(key.updatedSince, 'updatedSince', key.updatedBefore, 'updatedBefore');
      return key;
    },
    entityCount: (address, { status }, ctx) => ctx.loaders.entityCount.load({ code: address.code, status: status ?? null }),
  },

  LegalEntityConnection: {
    edges: async (key, _, ctx) => toConnection(await ctx.loaders.entities.load(key), key.first, entityKey, ENTITIES_FIELD).edges,
    pageInfo: async (key, _, ctx) => toConnection(await ctx.loaders.entities.load(key), key.first, entityKey, ENTITIES_FIELD).pageInfo,
    totalCount: (key, _, ctx) => ctx.loaders.entityCount.load(key),
  },
  QuarantinedRow: quarantine.QuarantinedRow as NonNullable<Resolvers['QuarantinedRow']>,
};
