/**
 * Thin resolvers of the buildings subgraph: they call loaders or the repository, nothing else.
 */
import { ancestorCodes, checkAddressCode, LEVEL_LENGTH, parentCode } from '../../lib/address-code.ts';
import { BULK_PAGE_SIZE, checkFirst, ErrorCode, userError } from '../../lib/errors.ts';
import { decodeCursor, toConnection } from '../../lib/pagination.ts';
import { AddressCode, DateTime } from '../../lib/scalars.ts';
import type { BuildingsContext } from './context.ts';
import type { Resolvers } from './generated/resolvers-types.ts';
import type { AddressMapper } from './schema.mappers.ts';
import type { AddressRow, ChildrenKey, SubtreeKey } from './repository.ts';
import { aliasResolvers } from '../../importer/quarantine-graphql.ts';
/** The stewards' aliases (importer/quarantine-graphql.ts, the same service as `npm run quarantine`). */
const quarantine = aliasResolvers();


const MAX_CODES = 500;
/** standardizeAddresses takes at most this many texts, each at most MAX_TEXT_LENGTH characters. */
const MAX_TEXTS = 500;
const MAX_TEXT_LENGTH = 500;

/** The list its cursors belong to. */
const CHILDREN_FIELD = 'Address.children';
const SUBTREE_FIELD = 'Query.addressesUnder';

/** The rows of one page of an AddressConnection, children or subtree, with the list its cursors belong to. */
async function pageOf(key: ChildrenKey | SubtreeKey, ctx: BuildingsContext) {
  return 'root' in key
    ? { rows: await (key.updatedSince ? ctx.loaders.changedSubtree : ctx.loaders.subtree).load(key), field: SUBTREE_FIELD }
    : { rows: await ctx.loaders.children.load(key), field: CHILDREN_FIELD };
}

function checkTexts(texts: readonly string[]): void {
  if (texts.length > MAX_TEXTS) throw userError(`standardizeAddresses takes at most ${MAX_TEXTS} texts, got ${texts.length}`);
  texts.forEach((t, i) => {
    if (t.length > MAX_TEXT_LENGTH) throw userError(`text ${i + 1} is ${t.length} characters long; an address is at most ${MAX_TEXT_LENGTH}`);
  });
}

/** The full row behind an Address value, loading it when only `{ code }` is known. */
async function rowOf(parent: AddressMapper, ctx: BuildingsContext): Promise<AddressRow> {
  if ('level' in parent) return parent;
  const row = await ctx.loaders.address.load(parent.code);
  if (!row) throw userError(`No address has code ${parent.code}`, ErrorCode.ADDRESS_NOT_FOUND, { addressCode: parent.code });
  return row;
}

export const resolvers: Resolvers = {
  AddressCode,
  DateTime,

  Mutation: quarantine.Mutation as NonNullable<Resolvers['Mutation']>,
  Query: {
    ...(quarantine.Query as NonNullable<Resolvers['Query']>),
    address: async (_, { code }, ctx) => {
      const row = await ctx.loaders.address.load(code);
      if (!row) throw userError(`No address has code ${code}`, ErrorCode.ADDRESS_NOT_FOUND, { addressCode: code });
      return row;
    },
    addresses: (_, { codes }, ctx) => {
      if (codes.length > MAX_CODES) throw userError(`addresses takes at most ${MAX_CODES} codes, got ${codes.length}`);
      return ctx.loaders.address.loadMany(codes).then((rows) => rows.map((r) => (r instanceof Error ? null : r)));
    },
    searchAddresses: (_, { query, first, level }, ctx) => {
      const text = query.normalize('NFKC').replace(/\s+/g, '');
      if (text.length < 2) throw userError('searchAddresses needs a query of at least 2 characters');
      const n = first ?? 20;
      if (n < 1 || n > 100) throw userError(`"first" must be between 1 and 100, got ${n}`);
      return ctx.repository.search(text, n, level ?? null);
    },
    viewer: (_, __, ctx) => ctx.viewer,
    addressesUnder: async (_, { code, levels, updatedSince, first, after }, ctx): Promise<SubtreeKey> => {
      const [afterCode] = decodeCursor(after, 1, SUBTREE_FIELD) ?? [null];
      const key: SubtreeKey = {
        root: code,
        levels: levels === null || levels === undefined ? null : [...new Set(levels)].sort(),
        first: checkFirst(first, 100, BULK_PAGE_SIZE),
        after: afterCode === null ? null : String(afterCode),
        updatedSince: updatedSince ? new Date(updatedSince as Date | string).toISOString() : null,
      };
      if (!(await ctx.loaders.address.load(code))) {
        throw userError(`No address has code ${code}`, ErrorCode.ADDRESS_NOT_FOUND, { addressCode: code });
      }
      return key;
    },
    standardizeAddress: async (_, { text }, ctx) => {
      if (text.length > MAX_TEXT_LENGTH) throw userError(`the text is ${text.length} characters long; an address is at most ${MAX_TEXT_LENGTH}`);
      const [match] = await (await ctx.standardizer()).standardize([text]);
      return match;
    },
    standardizeAddresses: async (_, { texts }, ctx) => {
      checkTexts(texts);
      return (await ctx.standardizer()).standardize(texts);
    },
  },

  Viewer: {
    roles: (viewer) => [...viewer.roles],
    scopes: (viewer) => [...viewer.scopes].sort(),
    communities: (viewer) => (viewer.communities ? [...viewer.communities] : null),
  },

  AddressMatch: {
    input: (match) => match.text,
    address: (match, _, ctx) => (match.code ? ctx.loaders.address.load(match.code) : null),
  },

  AddressCandidate: {
    address: async (candidate, _, ctx) => rowOf({ code: candidate.code }, ctx),
  },

  Address: {
    __resolveReference: (reference, ctx) => {
      const check = checkAddressCode(reference.code);
      return check.ok ? ctx.loaders.address.load(check.code) : null;
    },
    code: (parent) => parent.code,
    level: async (parent, _, ctx) => (await rowOf(parent, ctx)).level,
    name: async (parent, _, ctx) => (await rowOf(parent, ctx)).name,
    fullName: async (parent, _, ctx) => (await rowOf(parent, ctx)).fullName,
    updatedAt: async (parent, _, ctx) => (await rowOf(parent, ctx)).updatedAt,
    parent: (parent, _, ctx) => {
      const code = parentCode(parent.code);
      return code ? ctx.loaders.address.load(code) : null;
    },
    ancestors: async (parent, _, ctx) => {
      const rows = await ctx.loaders.address.loadMany(ancestorCodes(parent.code));
      return rows.filter((r): r is AddressRow => r !== null && !(r instanceof Error));
    },
    ancestor: async (parent, { level }, ctx) => {
      const length = LEVEL_LENGTH[level];
      if (length > parent.code.length) return null;
      if (length === parent.code.length) return rowOf(parent, ctx);
      return ctx.loaders.address.load(parent.code.slice(0, length));
    },
    children: (parent, { first, after }) => {
      const [afterCode] = decodeCursor(after, 1, CHILDREN_FIELD) ?? [null];
      return { parentCode: parent.code, first: checkFirst(first, 50), after: afterCode === null ? null : String(afterCode) };
    },
    building: async (parent, _, ctx) => {
      if (parent.code.length === LEVEL_LENGTH.BUILDING) return rowOf(parent, ctx);
      if (parent.code.length === LEVEL_LENGTH.ROOM) return ctx.loaders.address.load(parent.code.slice(0, LEVEL_LENGTH.BUILDING));
      return null;
    },
    room: async (parent, _, ctx) => (parent.code.length === LEVEL_LENGTH.ROOM ? rowOf(parent, ctx) : null),
    area: (parent, _, ctx) => (parent.code.length >= LEVEL_LENGTH.BUILDING ? null : ctx.loaders.area.load(parent.code)),
  },

  AddressConnection: {
    edges: async (key, _, ctx) => {
      const { rows, field } = await pageOf(key, ctx);
      return toConnection(rows, key.first, (r) => [r.code], field).edges;
    },
    pageInfo: async (key, _, ctx) => {
      const { rows, field } = await pageOf(key, ctx);
      return toConnection(rows, key.first, (r) => [r.code], field).pageInfo;
    },
    totalCount: (key, _, ctx) => ('root' in key
      ? (key.updatedSince ? ctx.loaders.changedSubtreeCount : ctx.loaders.subtreeCount).load(key)
      : ctx.loaders.childCount.load(key.parentCode)),
  },

  BuildingInfo: {
    address: (row) => row,
    designation: (row) => row.buildingNo,
    type: (row) => row.buildingType,
    floorsAboveGround: (row) => row.floorsAbove,
    floorsBelowGround: (row) => row.floorsBelow,
    location: (row) => (row.longitude === null || row.latitude === null ? null : { longitude: row.longitude, latitude: row.latitude }),
  },

  RoomInfo: {
    number: (row) => row.roomNo,
    use: (row) => row.roomUse,
    areaSquareMeters: (row) => row.areaM2,
  },
  AddressAlias: quarantine.AddressAlias as NonNullable<Resolvers['AddressAlias']>,
};
