/**
 * Thin resolvers of the people subgraph: they call loaders, nothing else.
 */
import { maskIdNumber, maskPhone, yearOf } from '../../lib/auth/masking.ts';
import { checkAddressCode } from '../../lib/address-code.ts';
import { BULK_PAGE_SIZE, checkFirst, checkWindow, ErrorCode, userError } from '../../lib/errors.ts';
import { decodeCursor, toConnection } from '../../lib/pagination.ts';
import { AddressCode, CreditCode, DateScalar, DateTime } from '../../lib/scalars.ts';
import type { PeopleContext } from './context.ts';
import type { Resolvers } from './generated/resolvers-types.ts';
import type { PeopleKey, PersonRow, ResidenceRow, ResidencesKey, ResidentsKey } from './repository.ts';
import type { PersonLinkMapper } from './schema.mappers.ts';
import { departmentQuarantineResolvers } from '../../importer/quarantine-graphql.ts';
/** The stewards' quarantine of this department (importer/quarantine-graphql.ts, the same service as `npm run quarantine`). */
const quarantine = departmentQuarantineResolvers('people');


/** Most ids one `people` lookup takes. */
const MAX_IDS = 500;

/** Sort key of a resident on a page, which its cursor encodes. */
const residentKey = (r: ResidenceRow) => [r.addressCode, r.personId];

/** The list its cursors belong to. */
const RESIDENTS_FIELD = 'Address.residents';
const PEOPLE_FIELD = 'Address.people';
const RESIDENCES_FIELD = 'Address.residences';

/** Sort keys of Address.people (person id) and Address.residences (address code, residence id). */
const personKey = (p: PersonRow) => [p.id];
const residenceKey = (r: ResidenceRow) => [r.addressCode, Number(r.id)];

/** DateTime arguments arrive parsed as Date (lib/scalars.ts); the generated type also admits a string. */
const instant = (value: Date | string | null | undefined): Date | null =>
  value === null || value === undefined ? null : value instanceof Date ? value : new Date(value);

/** The updatedSince/updatedBefore window of a list, checked. */
function updatedWindow(args: { updatedSince?: Date | string | null; updatedBefore?: Date | string | null }) {
  const window = { updatedSince: instant(args.updatedSince), updatedBefore: instant(args.updatedBefore) };
  checkWindow(window.updatedSince, 'updatedSince', window.updatedBefore, 'updatedBefore');
  return window;
}

/** What the audit log records of a person a field reveals (a people page's endCursor stands for one). */
export const auditedPerson = (person: PersonRow) => ({ personIds: [person.id] });

/**
 * What the audit log records of a residence a field reveals (server.ts audits Residence and
 * ResidentEdge values with it; a residents page's endCursor stands for one).
 */
export const auditedResidence = (r: ResidenceRow) => ({ personIds: [r.personId], addressCodes: [r.addressCode] });

/**
 * An event participant or case party of another subgraph: the same key, and the same person,
 * answered here where community scoping applies. An empty ref (a legal-entity party) is no person.
 */
const personLink = {
  __resolveReference: (reference: { personRef?: unknown }) => (typeof reference.personRef === 'string' ? { personRef: reference.personRef } : null),
  person: (link: PersonLinkMapper, _: unknown, ctx: PeopleContext) => (link.personRef === '' ? null : ctx.loaders.person.load(link.personRef)),
};

/** The person behind a residence; the foreign key guarantees one exists. */
async function personOf(id: string, ctx: PeopleContext): Promise<PersonRow> {
  const row = await ctx.loaders.person.load(id);
  if (!row) throw new Error(`residence refers to missing person ${id}`);
  return row;
}

export const resolvers: Resolvers = {
  AddressCode,
  CreditCode,
  Date: DateScalar,
  DateTime,

  Query: {
    ...(quarantine.Query as NonNullable<Resolvers['Query']>),
    auditRecords: (_, args, ctx) => ctx.auditLog.auditRecords(args),
    person: async (_, { id }, ctx) => {
      const row = await ctx.loaders.person.load(id);
      if (!row) throw userError(`No person has id ${id}`, ErrorCode.NOT_FOUND, { id });
      return row;
    },
    people: async (_, { ids }, ctx) => {
      if (ids.length > MAX_IDS) throw userError(`people takes at most ${MAX_IDS} ids, got ${ids.length}`);
      const rows = await ctx.loaders.person.loadMany(ids);
      return rows.map((r) => (r instanceof Error ? null : r));
    },
  },

  Mutation: {
    ...(quarantine.Mutation as NonNullable<Resolvers['Mutation']>),
    residenceStart: (_, { input }, ctx) => ctx.mutations.residenceStart(input),
    residenceEnd: async (_, { input }, ctx) => {
      const payload = await ctx.mutations.residenceEnd(input);
      // the person who moved out may no longer be the viewer's to find; their own write shows whom it moved
      if (payload.person) ctx.loaders.person.prime(payload.person.id, payload.person);
      return payload;
    },
    personUpdateContact: (_, { input }, ctx) => ctx.mutations.personUpdateContact(input),
  },

  Person: {
    // other subgraphs refer by `ref` (the id, under a key clients cannot select), so scoping applies
    __resolveReference: (reference, ctx) => {
      const id = 'ref' in reference ? reference.ref : reference.id;
      return typeof id === 'string' ? ctx.loaders.person.load(id) : null;
    },
    ref: (person) => person.id,
    // without people:pii the identifiers are masked and dates reduced to years (lib/auth/masking.ts)
    birthDate: (person, _, ctx) => (ctx.viewer.scopes.has('people:pii') ? person.birthDate : null),
    birthYear: (person) => yearOf(person.birthDate),
    idNumber: (person, _, ctx) => (ctx.viewer.scopes.has('people:pii') ? person.idNumber : maskIdNumber(person.idNumber)),
    phone: (person, _, ctx) => (person.phone === null || ctx.viewer.scopes.has('people:pii') ? person.phone : maskPhone(person.phone)),
    residences: async (person, { current }, ctx) => {
      const all = await ctx.loaders.residencesOfPerson.load(person.id);
      return current === null || current === undefined ? all : all.filter((r) => (r.until === null) === current);
    },
  },

  // Event participants, case parties and legal representatives of the other subgraphs are answered
  // here from the person's ref, so community scoping decides whatever a client selects of them
  EventPersonLink: personLink,
  CaseParty: personLink,

  LegalEntity: {
    __resolveReference: (reference) => {
      const ref = (reference as { legalRepresentativeRef?: unknown }).legalRepresentativeRef;
      return typeof reference.creditCode === 'string' ? { creditCode: reference.creditCode, legalRepresentativeRef: typeof ref === 'string' && ref !== '' ? ref : null } : null;
    },
    legalRepresentative: (entity, _, ctx) => (entity.legalRepresentativeRef === null ? null : ctx.loaders.person.load(entity.legalRepresentativeRef)),
  },

  Residence: {
    id: (residence) => String(residence.id),
    person: (residence, _, ctx) => personOf(residence.personId, ctx),
    address: (residence) => ({ code: residence.addressCode }),
    current: (residence) => residence.until === null,
    since: (residence, _, ctx) => (ctx.viewer.scopes.has('people:pii') ? residence.since : null),
    sinceYear: (residence) => yearOf(residence.since),
  },

  Address: {
    // Representations are not parsed by the AddressCode scalar, so canonicalize here.
    __resolveReference: (reference) => {
      const check = checkAddressCode(reference.code);
      return check.ok ? { code: check.code } : null;
    },
    code: (address) => address.code,
    residents: (address, { first, after }): ResidentsKey => {
      const cursor = decodeCursor(after, 2, RESIDENTS_FIELD);
      return {
        code: address.code,
        first: checkFirst(first, 20),
        after: cursor === null ? null : [String(cursor[0]), String(cursor[1])],
      };
    },
    residentCount: (address, _, ctx) => ctx.loaders.residentCount.load(address.code),
    people: (address, args): PeopleKey => {
      const cursor = decodeCursor(args.after, 1, PEOPLE_FIELD);
      if (cursor !== null && typeof cursor[0] !== 'string') {
        throw userError(`"after" is not a cursor of ${PEOPLE_FIELD}: pass a cursor this list returned`, ErrorCode.INVALID_CURSOR);
      }
      return {
        code: address.code,
        ...updatedWindow(args),
        first: checkFirst(args.first, 20, BULK_PAGE_SIZE),
        after: cursor === null ? null : String(cursor[0]),
      };
    },
    residences: (address, args): ResidencesKey => {
      const cursor = decodeCursor(args.after, 2, RESIDENCES_FIELD);
      if (cursor !== null && (typeof cursor[0] !== 'string' || typeof cursor[1] !== 'number' || !Number.isSafeInteger(cursor[1]))) {
        throw userError(`"after" is not a cursor of ${RESIDENCES_FIELD}: pass a cursor this list returned`, ErrorCode.INVALID_CURSOR);
      }
      return {
        code: address.code,
        current: args.current ?? null,
        ...updatedWindow(args),
        first: checkFirst(args.first, 20, BULK_PAGE_SIZE),
        after: cursor === null ? null : [String(cursor[0]), Number(cursor[1])],
      };
    },
  },

  PersonConnection: {
    edges: async (key, _, ctx) => toConnection(await ctx.loaders.people.load(key), key.first, personKey, PEOPLE_FIELD).edges,
    pageInfo: async (key, _, ctx) => {
      const connection = toConnection(await ctx.loaders.people.load(key), key.first, personKey, PEOPLE_FIELD);
      // endCursor stands for the last person on the page: reading it reveals that person
      const last = connection.edges.at(-1)?.node;
      if (last) ctx.audit?.saw(last, auditedPerson);
      return connection.pageInfo;
    },
    totalCount: (key, _, ctx) => ctx.loaders.peopleCount.load(key),
  },

  ResidenceConnection: {
    edges: async (key, _, ctx) => toConnection(await ctx.loaders.residences.load(key), key.first, residenceKey, RESIDENCES_FIELD).edges,
    pageInfo: async (key, _, ctx) => {
      const connection = toConnection(await ctx.loaders.residences.load(key), key.first, residenceKey, RESIDENCES_FIELD);
      // endCursor stands for the last residence on the page: it says where that person lives
      const last = connection.edges.at(-1)?.node;
      if (last) ctx.audit?.saw(last, auditedResidence);
      return connection.pageInfo;
    },
    totalCount: (key, _, ctx) => ctx.loaders.residenceCount.load(key),
  },

  ResidentConnection: {
    edges: async (key, _, ctx) => toConnection(await ctx.loaders.residents.load(key), key.first, residentKey, RESIDENTS_FIELD).edges,
    pageInfo: async (key, _, ctx) => {
      const rows = await ctx.loaders.residents.load(key);
      const connection = toConnection(rows, key.first, residentKey, RESIDENTS_FIELD);
      // endCursor stands for the last resident on the page: reading it reveals that person
      const last = connection.edges.at(-1)?.node;
      if (last) ctx.audit?.saw(last, auditedResidence);
      return connection.pageInfo;
    },
    totalCount: (key, _, ctx) => ctx.loaders.residentCount.load(key.code),
  },

  ResidentEdge: {
    cursor: (edge) => edge.cursor,
    node: (edge, _, ctx) => personOf(edge.node.personId, ctx),
    residence: (edge) => edge.node,
  },
  QuarantinedRow: quarantine.QuarantinedRow as NonNullable<Resolvers['QuarantinedRow']>,
};
