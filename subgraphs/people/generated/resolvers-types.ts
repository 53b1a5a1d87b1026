import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { QuarantinedRowMapper, QuarantineHistoryEntryMapper, AddressAliasRefMapper, PersonMapper, ResidenceMapper, AddressMapper, ResidentConnectionMapper, ResidentEdgeMapper, PersonConnectionMapper, PersonEdgeMapper, ResidenceConnectionMapper, ResidenceEdgeMapper, AuditRecordMapper, PersonLinkMapper, LegalEntityMapper } from '../schema.mappers.ts';
import type { PeopleContext } from '../context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /**
   * A standard address code (标准地址编码, SZDB/Z 281—2017). Its length gives its level: 6 district,
   * 9 subdistrict, 12 community, 14 grid, 19 building, 25 room. The first 14 characters are digits;
   * building and room parts are digits or uppercase letters (e.g. `44030600960102T0117`). A code's
   * prefix is its ancestor's code. Lowercase input is accepted and upper-cased.
   */
  AddressCode: { input: string; output: string; }
  /**
   * A unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from
   * 0-9 and A-Y without I, O, S, V, Z, ending in a MOD 31 check character.
   */
  CreditCode: { input: string; output: string; }
  /** A calendar date, `YYYY-MM-DD` (China Standard Time). */
  Date: { input: string; output: string; }
  /** An instant in ISO 8601 with an offset, e.g. 2026-11-01T08:30:00+08:00. */
  DateTime: { input: Date | string; output: Date | string; }
  _FieldSet: { input: unknown; output: unknown; }
};

/**
 * An address, as seen by the people subgraph: who lives there.
 * Its fields are nullable so that, if this subgraph is unavailable, a query still returns
 * the other subgraphs' data (with an error) instead of failing whole.
 */
export type Address = {
  __typename?: 'Address';
  /** The standard address code. */
  code: Scalars['AddressCode']['output'];
  /** Distinct people with a current residence at this address or beneath it, by person id (each once, however many such residences they have). Community-scoped and masked as `residents`. */
  people?: Maybe<PersonConnection>;
  /** Residences (current and past unless `current` says otherwise) at this address or beneath it, by address code then residence id. Community-scoped and masked as `residents`. */
  residences?: Maybe<ResidenceConnection>;
  /** Number of current residents of this address and everything beneath it. */
  residentCount?: Maybe<Scalars['Int']['output']>;
  /** Current residents of this address and, above room level, of every address beneath it, ordered by address then person. */
  residents?: Maybe<ResidentConnection>;
};


/**
 * An address, as seen by the people subgraph: who lives there.
 * Its fields are nullable so that, if this subgraph is unavailable, a query still returns
 * the other subgraphs' data (with an error) instead of failing whole.
 */
export type AddressPeopleArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  updatedBefore?: InputMaybe<Scalars['DateTime']['input']>;
  updatedSince?: InputMaybe<Scalars['DateTime']['input']>;
};


/**
 * An address, as seen by the people subgraph: who lives there.
 * Its fields are nullable so that, if this subgraph is unavailable, a query still returns
 * the other subgraphs' data (with an error) instead of failing whole.
 */
export type AddressResidencesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  current?: InputMaybe<Scalars['Boolean']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  updatedBefore?: InputMaybe<Scalars['DateTime']['input']>;
  updatedSince?: InputMaybe<Scalars['DateTime']['input']>;
};


/**
 * An address, as seen by the people subgraph: who lives there.
 * Its fields are nullable so that, if this subgraph is unavailable, a query still returns
 * the other subgraphs' data (with an error) instead of failing whole.
 */
export type AddressResidentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** An address alias a steward taught, answered by the buildings subgraph. */
export type AddressAlias = {
  __typename?: 'AddressAlias';
  /** The alias id. */
  id: Scalars['ID']['output'];
};

/**
 * One request that returned person-level data (people, residences, case parties, event
 * participants): who asked, when, for what, and which people and addresses it returned. The log is
 * append-only; nobody can change or delete a record through the application.
 */
export type AuditRecord = {
  __typename?: 'AuditRecord';
  /** Address codes the request returned with them (residences). */
  addressCodes: Array<Scalars['AddressCode']['output']>;
  /** When the subgraph answered. */
  at: Scalars['DateTime']['output'];
  /** The client's name (graphql-client-name header), when it gave one. */
  clientName?: Maybe<Scalars['String']['output']>;
  /** SHA-256 of the client's operation text. */
  operationHash: Scalars['String']['output'];
  /** The client's operation name, when it gave one. */
  operationName?: Maybe<Scalars['String']['output']>;
  /** Opaque ids of the people the request returned. */
  personIds: Array<Scalars['ID']['output']>;
  /** The purpose the caller declared (x-purpose header), when it gave one. */
  purpose?: Maybe<Scalars['String']['output']>;
  /** The request id (x-request-id header), when given. */
  requestId?: Maybe<Scalars['String']['output']>;
  /** Roles the token carried. */
  roles: Array<Scalars['String']['output']>;
  /** The subgraph that returned the data (people, events or cases). */
  subgraph: Scalars['String']['output'];
  /** The token's subject; null for an anonymous request. */
  subject?: Maybe<Scalars['String']['output']>;
};

/** A page of audit records, newest first. */
export type AuditRecordConnection = {
  __typename?: 'AuditRecordConnection';
  /** The records on this page with their cursors. */
  edges: Array<AuditRecordEdge>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
};

/** One audit record in a page. */
export type AuditRecordEdge = {
  __typename?: 'AuditRecordEdge';
  /** Pass as `after` to get the records following this one. */
  cursor: Scalars['String']['output'];
  /** The record. */
  node: AuditRecord;
};

/**
 * A party to a case (owned by the cases subgraph). The person is answered here, where community
 * scoping applies, so whatever is selected of someone out of scope is null.
 */
export type CaseParty = {
  __typename?: 'CaseParty';
  /** The party when it is a person; null when they live outside the communities the viewer is confined to. */
  person?: Maybe<Person>;
  /** The person party's internal key, as the cases subgraph knows it; empty for a legal entity party. */
  personRef: Scalars['ID']['output'];
};

/**
 * A person's part in an event (owned by the events subgraph). The person is answered here, where
 * community scoping applies, so whatever is selected of someone out of scope is null.
 */
export type EventPersonLink = {
  __typename?: 'EventPersonLink';
  /** The person; null when they live outside the communities the viewer is confined to. */
  person?: Maybe<Person>;
  /** The person's internal key, as the events subgraph knows it. */
  personRef: Scalars['ID']['output'];
};

/** Sex as recorded on the identity card. */
export type Gender =
  /** 女 */
  | 'FEMALE'
  /** 男 */
  | 'MALE';

/** Household registration (户籍) status in Shenzhen. */
export type HouseholdType =
  /** 流动人口 — migrant resident registered elsewhere. */
  | 'MIGRANT'
  /** 深圳户籍 — registered resident of Shenzhen. */
  | 'REGISTERED';

/**
 * A legal entity (owned by the entities subgraph). Its legal representative is answered here, where
 * community scoping applies, so whatever is selected of someone out of scope is null.
 */
export type LegalEntity = {
  __typename?: 'LegalEntity';
  /** Unified social credit code. */
  creditCode: Scalars['CreditCode']['output'];
  /** Legal representative (法定代表人) or operator; null when none is known or they live outside the communities the viewer is confined to. */
  legalRepresentative?: Maybe<Person>;
  /** The representative's internal key, from the entities subgraph. */
  legalRepresentativeRef?: Maybe<Scalars['ID']['output']>;
};

/**
 * Writes of the people subgraph. Each runs in one transaction, is audited before it is answered,
 * takes a `clientMutationId` for safe retries, and (changes) the `version` last seen.
 */
export type Mutation = {
  __typename?: 'Mutation';
  /** Drops a quarantined people row with a reason (steward:write): marked DROPPED and kept. */
  personQuarantineDrop: QuarantineDropPayload;
  /** Fixes a quarantined people row (steward:write): re-validates it, loads it and marks it FIXED, teaching its address text as an alias. */
  personQuarantineFix: QuarantineFixPayload;
  /** Changes a person's contact details (the phone). */
  personUpdateContact: PersonUpdateContactPayload;
  /** Records that a person moved out: sets the residence's `until`. */
  residenceEnd: ResidenceEndPayload;
  /** Records that a person moved in, in the viewer's communities; a current residence of the same kind elsewhere ends that day. */
  residenceStart: ResidenceStartPayload;
};


/**
 * Writes of the people subgraph. Each runs in one transaction, is audited before it is answered,
 * takes a `clientMutationId` for safe retries, and (changes) the `version` last seen.
 */
export type MutationPersonQuarantineDropArgs = {
  input: QuarantineDropInput;
};


/**
 * Writes of the people subgraph. Each runs in one transaction, is audited before it is answered,
 * takes a `clientMutationId` for safe retries, and (changes) the `version` last seen.
 */
export type MutationPersonQuarantineFixArgs = {
  input: QuarantineFixInput;
};


/**
 * Writes of the people subgraph. Each runs in one transaction, is audited before it is answered,
 * takes a `clientMutationId` for safe retries, and (changes) the `version` last seen.
 */
export type MutationPersonUpdateContactArgs = {
  input: PersonUpdateContactInput;
};


/**
 * Writes of the people subgraph. Each runs in one transaction, is audited before it is answered,
 * takes a `clientMutationId` for safe retries, and (changes) the `version` last seen.
 */
export type MutationResidenceEndArgs = {
  input: ResidenceEndInput;
};


/**
 * Writes of the people subgraph. Each runs in one transaction, is audited before it is answered,
 * takes a `clientMutationId` for safe retries, and (changes) the `version` last seen.
 */
export type MutationResidenceStartArgs = {
  input: ResidenceStartInput;
};

/** Forward pagination state of a connection. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last edge of this page; null on an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** True when another page follows this one. */
  hasNextPage: Scalars['Boolean']['output'];
};

/**
 * A resident (自然人). Identified by an opaque id, never by the identity-card number.
 * Event participants, case parties and legal representatives are answered here (from the
 * inaccessible keys `personRef` and `legalRepresentativeRef`), where community scoping applies:
 * someone out of scope is null whatever is selected, even only `id` or `__typename`. The entities
 * subgraph joins `representedEntities` by the inaccessible key `ref`.
 * Without the people:pii scope no combination of the fields served can rebuild a masked one
 * (README, "Masking"): dates are served as years, the identity number is hidden whole.
 */
export type Person = {
  __typename?: 'Person';
  /** Date of birth; null without the people:pii scope, because the full date is eight of the identity number's digits (use birthYear). */
  birthDate?: Maybe<Scalars['Date']['output']>;
  /** Year of birth (from the date of birth), served with people:read. */
  birthYear: Scalars['Int']['output'];
  /** Sex as recorded on the identity card. */
  gender: Gender;
  /** Household registration status. */
  householdType: HouseholdType;
  /** Opaque, permanent identifier of this person in the graph. */
  id: Scalars['ID']['output'];
  /** Citizen identity number (公民身份号码, GB 11643): 18 characters with a valid check character. Without the people:pii scope every character is masked, length kept (******************): with the birth year and gender served, any kept digit would narrow the candidates below 100 000. */
  idNumber: Scalars['String']['output'];
  /** Full name (姓名). */
  name: Scalars['String']['output'];
  /** Mobile phone number; null when none is known. Masked without the people:pii scope, carrier prefix and last four kept (138****5678): the four hidden digits leave 10 000 candidates and no other field carries them. */
  phone?: Maybe<Scalars['String']['output']>;
  /** Internal key other subgraphs refer to this person by; not selectable by clients, so a reference is always resolved (and community-scoped) here. */
  ref: Scalars['ID']['output'];
  /** Where this person lives and has lived, newest first. */
  residences: Array<Residence>;
  /** When this person's record last changed (any of its columns, by an edit or an import), to the millisecond; for incremental refreshes with `updatedSince`. Residences carry their own. */
  updatedAt: Scalars['DateTime']['output'];
  /** The record's version: 1 when created, +1 on every change (a mutation or an import). `personUpdateContact` takes the version last read. */
  version: Scalars['Int']['output'];
};


/**
 * A resident (自然人). Identified by an opaque id, never by the identity-card number.
 * Event participants, case parties and legal representatives are answered here (from the
 * inaccessible keys `personRef` and `legalRepresentativeRef`), where community scoping applies:
 * someone out of scope is null whatever is selected, even only `id` or `__typename`. The entities
 * subgraph joins `representedEntities` by the inaccessible key `ref`.
 * Without the people:pii scope no combination of the fields served can rebuild a masked one
 * (README, "Masking"): dates are served as years, the identity number is hidden whole.
 */
export type PersonResidencesArgs = {
  current?: InputMaybe<Scalars['Boolean']['input']>;
};

/** A page of people. */
export type PersonConnection = {
  __typename?: 'PersonConnection';
  /** The people on this page. */
  edges: Array<PersonEdge>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** How many people the whole list holds. */
  totalCount: Scalars['Int']['output'];
};

/** One person in a page. */
export type PersonEdge = {
  __typename?: 'PersonEdge';
  /** Pass as `after` to get the people following this one. */
  cursor: Scalars['String']['output'];
  /** The person. */
  node: Person;
};

/** Input of `personUpdateContact`. */
export type PersonUpdateContactInput = {
  /** See ResidenceStartInput.clientMutationId. */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** The person. */
  personId: Scalars['ID']['input'];
  /** Mobile phone number: 11 digits starting with 1 (spaces, dashes and a +86 prefix are removed); null or empty clears it. */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** The version the client last saw (Person.version). */
  version: Scalars['Int']['input'];
};

/** Result of `personUpdateContact`. */
export type PersonUpdateContactPayload = {
  __typename?: 'PersonUpdateContactPayload';
  /** The clientMutationId given. */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** The person after the change, masked as the caller's scopes say (the phone in full only with people:pii); null when refused. */
  person?: Maybe<Person>;
  /** True when this is the stored answer of an earlier request with the same clientMutationId. */
  replayed: Scalars['Boolean']['output'];
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** A corrected value. */
export type QuarantineCorrection = {
  /** A column of the department's file format. */
  column: Scalars['String']['input'];
  /** Its corrected value (empty for none). */
  value: Scalars['String']['input'];
};

/** Drops a quarantined row: it is marked DROPPED with who, when and why, and kept. */
export type QuarantineDropInput = {
  /** Client-chosen id, echoed in the payload. A retry of the same drop answers it again. */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** The row's id. */
  id: Scalars['ID']['input'];
  /** Why (recorded on the row and in the audit trail); at most 500 characters. */
  reason: Scalars['String']['input'];
};

/** What a drop did. */
export type QuarantineDropPayload = {
  __typename?: 'QuarantineDropPayload';
  /** The clientMutationId given. */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** True when the row was dropped already by this steward with this reason (a retry): nothing new was written. */
  replayed: Scalars['Boolean']['output'];
  /** The row, now DROPPED; null when refused. */
  row?: Maybe<QuarantinedRow>;
  /** Why it was refused; empty on success. */
  userErrors: Array<QuarantineUserError>;
};

/** Why a steward's request was refused. */
export type QuarantineErrorCode =
  /** No address in the registry has this code. */
  | 'ADDRESS_NOT_FOUND'
  /** The text is taught as another code already: revoke that alias first. */
  | 'ALIAS_CONFLICT'
  /** Another address of the row is still ambiguous: assign a code for it. */
  | 'AMBIGUOUS'
  /** An input value is malformed or missing; `field` names it. */
  | 'BAD_USER_INPUT'
  /** The database refused the corrected row; nothing changed. */
  | 'CONFLICT'
  /** The token lacks steward:write. */
  | 'FORBIDDEN'
  /** The address code is malformed or of a level a row cannot be linked at. */
  | 'INVALID_ADDRESS_CODE'
  /** The corrected row still fails validation; `field` names the column. */
  | 'INVALID_ROW'
  /** A required address is still empty. */
  | 'MISSING_ADDRESS'
  /** No such row or alias, or it lies outside the steward's communities: the two are not told apart. */
  | 'NOT_FOUND'
  /** Another address of the row lies outside the district. */
  | 'OUTSIDE_DISTRICT'
  /** The code lies outside the steward's communities. */
  | 'OUT_OF_SCOPE'
  /** The row's values were erased after the retention: import the record again. */
  | 'PURGED'
  /** The row was fixed or dropped already. */
  | 'RESOLVED'
  /** Another address of the row still does not link: assign a code for it. */
  | 'UNLINKED';

/** Which quarantined rows to list. Every condition given must hold. */
export type QuarantineFilter = {
  /** Only rows whose address reached a community under this code: a district (6 digits), subdistrict (9) or community (12). */
  communityCode?: InputMaybe<Scalars['String']['input']>;
  /** Only rows first received before this instant. */
  olderThan?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only rows quarantined for this reason. */
  reason?: InputMaybe<QuarantineReason>;
  /** Only rows first received at or after this instant. */
  since?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only rows from this import file (its name). */
  source?: InputMaybe<Scalars['String']['input']>;
  /** Only rows in this status (default QUARANTINED: the ones waiting). */
  status?: InputMaybe<QuarantineStatus>;
};

/**
 * Fixes a quarantined row: assign an address code and/or correct values. The row is validated and
 * linked again with the importer's rules and loaded in one transaction with its audit record; when
 * it still fails nothing is loaded and userErrors say why.
 */
export type QuarantineFixInput = {
  /** The community, building or room code to link the row's address at. */
  addressCode?: InputMaybe<Scalars['String']['input']>;
  /** The address column `addressCode` is for; default the one the row's detail names. */
  addressColumn?: InputMaybe<Scalars['String']['input']>;
  /** Client-chosen id, echoed in the payload. */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** Corrected values. */
  corrections?: InputMaybe<Array<QuarantineCorrection>>;
  /** The row's id. */
  id: Scalars['ID']['input'];
  /** Teach the address text as an alias of `addressCode`, so later imports of the same spelling link (default true). */
  teachAlias?: InputMaybe<Scalars['Boolean']['input']>;
};

/** How a fix loaded its record. */
export type QuarantineFixOutcome =
  /** A new record. */
  | 'INSERTED'
  /** An existing record already held these values. */
  | 'UNCHANGED'
  /** An existing record was changed. */
  | 'UPDATED';

/** What a fix did. */
export type QuarantineFixPayload = {
  __typename?: 'QuarantineFixPayload';
  /** The alias the fix taught, or found taught with the same code; null when none. */
  alias?: Maybe<AddressAlias>;
  /** True when this fix taught the alias. */
  aliasCreated: Scalars['Boolean']['output'];
  /** The clientMutationId given. */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** How it was loaded. */
  outcome?: Maybe<QuarantineFixOutcome>;
  /** The id of the record loaded; null when refused. */
  recordId?: Maybe<Scalars['ID']['output']>;
  /** The row, now FIXED; null when refused. */
  row?: Maybe<QuarantinedRow>;
  /** Why it was refused; empty on success. */
  userErrors: Array<QuarantineUserError>;
};

/** What happened to a quarantined row. */
export type QuarantineHistoryAction =
  /** A steward dropped it. */
  | 'DROPPED'
  /** A steward's fix loaded it. */
  | 'FIXED'
  /** A steward's fix still failed (the note gives the error codes). */
  | 'FIX_REFUSED'
  /** A relink standardized it again and it still failed (the note gives the new reason). */
  | 'RELINKED'
  /** An import quarantined the record again after it was fixed or dropped. */
  | 'REQUARANTINED';

/** One step in a quarantined row's history. */
export type QuarantineHistoryEntry = {
  __typename?: 'QuarantineHistoryEntry';
  /** What happened. */
  action: QuarantineHistoryAction;
  /** When. */
  at: Scalars['DateTime']['output'];
  /** The steward; null for an import. */
  by?: Maybe<Scalars['String']['output']>;
  /** The error codes, the drop's reason or the new reason; no values. */
  note?: Maybe<Scalars['String']['output']>;
};

/** Why an import could not load a row. */
export type QuarantineReason =
  /** The address matched several places equally well. */
  | 'AMBIGUOUS'
  /** The database refused the row (a key used by another record). */
  | 'CONFLICT'
  /** The same record id twice in one file. */
  | 'DUPLICATE_IN_FILE'
  /** A value failed the department's validation (a date, an identity number, a code). */
  | 'INVALID_ROW'
  /** A CSV line that could not be read. */
  | 'MALFORMED_CSV'
  /** A required address was empty. */
  | 'MISSING_ADDRESS'
  /** The address lies outside the district. */
  | 'OUTSIDE_DISTRICT'
  /** The address did not reach the run's minimum level. */
  | 'UNLINKED';

/** Where a quarantined row stands. */
export type QuarantineStatus =
  /** Given up by a steward, with a reason; kept for the audit and the retention. */
  | 'DROPPED'
  /** Loaded by a steward's fix (or a relink); kept for the audit. */
  | 'FIXED'
  /** Waiting for a steward. */
  | 'QUARANTINED';

/** A business error of a steward's request. */
export type QuarantineUserError = {
  __typename?: 'QuarantineUserError';
  /** A stable code. */
  code: QuarantineErrorCode;
  /** The input path at fault, e.g. ["input", "addressCode"]; null when the whole request is refused. */
  field?: Maybe<Array<Scalars['String']['output']>>;
  /** What is wrong, in words. */
  message: Scalars['String']['output'];
};

/**
 * A row an import could not load, as a steward sees it: personal data (identity numbers, phones,
 * birth and residence dates, and numbers quoted in free text) masked unless the token has
 * people:pii.
 */
export type QuarantinedRow = {
  __typename?: 'QuarantinedRow';
  /** The address text as received (masked); null after the purge. */
  addressText?: Maybe<Scalars['String']['output']>;
  /** The community its address reached; null when it reached none (such rows are seen only by unconfined stewards). */
  community?: Maybe<Address>;
  /** What was wrong, in words (masked); null after the retention purge. */
  detail?: Maybe<Scalars['String']['output']>;
  /** What stewards and imports did to it, oldest first: the fixes, refused fixes, drops and relinks. */
  history: Array<QuarantineHistoryEntry>;
  /** Opaque id: `<department>:<number>`. */
  id: Scalars['ID']['output'];
  /** When an import or a relink last looked at it. */
  lastSeenAt: Scalars['DateTime']['output'];
  /** Its line in that file. */
  line: Scalars['Int']['output'];
  /** True when personal values were masked (the token has no people:pii). */
  masked: Scalars['Boolean']['output'];
  /** True when the retention erased its values. */
  purged: Scalars['Boolean']['output'];
  /** Why it was not loaded. */
  reason: QuarantineReason;
  /** When an import first quarantined it. */
  receivedAt: Scalars['DateTime']['output'];
  /** The record's own id (person, credit code, event or case id) when it could be read. */
  recordId?: Maybe<Scalars['String']['output']>;
  /** The drop's reason, or what the fix changed. */
  resolution?: Maybe<Scalars['String']['output']>;
  /** When it was fixed or dropped. */
  resolvedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The steward who fixed or dropped it. */
  resolvedBy?: Maybe<Scalars['String']['output']>;
  /** The import file it came from. */
  source: Scalars['String']['output'];
  /** Waiting, fixed or dropped. */
  status: QuarantineStatus;
  /** The raw values by column, in the file format's order (masked); null after the purge. */
  values?: Maybe<Array<QuarantinedValue>>;
};

/** A page of quarantined rows, oldest first. */
export type QuarantinedRowConnection = {
  __typename?: 'QuarantinedRowConnection';
  /** The rows of this page. */
  edges: Array<QuarantinedRowEdge>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** How many rows match the filter. */
  totalCount: Scalars['Int']['output'];
};

/** One quarantined row in a page. */
export type QuarantinedRowEdge = {
  __typename?: 'QuarantinedRowEdge';
  /** Pass as `after` for the rows following this one. */
  cursor: Scalars['String']['output'];
  /** The row. */
  node: QuarantinedRow;
};

/** One column of a quarantined row. */
export type QuarantinedValue = {
  __typename?: 'QuarantinedValue';
  /** The column name of the department's file format. */
  column: Scalars['String']['output'];
  /** The value as received (masked when personal). */
  value: Scalars['String']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** Who looked at person-level data, newest first (needs audit:read). Filters combine. */
  auditRecords: AuditRecordConnection;
  /** Several people by id, in the order asked; null where an id is unknown. At most 500 ids. */
  people: Array<Maybe<Person>>;
  /** One person by id; null and a NOT_FOUND error when unknown. */
  person?: Maybe<Person>;
  /** The people rows imports could not load (steward:read; a confined steward sees only their communities' rows), oldest first. */
  quarantinedPeople?: Maybe<QuarantinedRowConnection>;
  /** One quarantined people row by id, whatever its status; null and NOT_FOUND when unknown or outside the steward's communities. */
  quarantinedPerson?: Maybe<QuarantinedRow>;
};


export type QueryAuditRecordsArgs = {
  addressPrefix?: InputMaybe<Scalars['String']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  personId?: InputMaybe<Scalars['ID']['input']>;
  subject?: InputMaybe<Scalars['String']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryPeopleArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryPersonArgs = {
  id: Scalars['ID']['input'];
};


export type QueryQuarantinedPeopleArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<QuarantineFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryQuarantinedPersonArgs = {
  id: Scalars['ID']['input'];
};

/** A person's residence at an address over a period. */
export type Residence = {
  __typename?: 'Residence';
  /** Where they live (a room, or a building for collective housing). */
  address: Address;
  /** True while they still live there. */
  current: Scalars['Boolean']['output'];
  /** Permanent, unique id of this residence record (one person at one address over one period). */
  id: Scalars['ID']['output'];
  /** The resident. */
  person: Person;
  /** How they live there. */
  relation: ResidenceRelation;
  /** Date they moved in; null without the people:pii scope, because for someone born there it is the date of birth (use sinceYear). */
  since?: Maybe<Scalars['Date']['output']>;
  /** Year they moved in, served with people:read. */
  sinceYear: Scalars['Int']['output'];
  /** Date they moved out; null while they still live there. */
  until?: Maybe<Scalars['Date']['output']>;
  /** When this residence record last changed (moving out sets `until`), to the millisecond; for incremental refreshes with `updatedSince`. */
  updatedAt: Scalars['DateTime']['output'];
  /** The record's version: 1 when created, +1 on every change (a mutation or an import). `residenceEnd` takes the version last read. */
  version: Scalars['Int']['output'];
};

/** A page of residences. */
export type ResidenceConnection = {
  __typename?: 'ResidenceConnection';
  /** The residences on this page. */
  edges: Array<ResidenceEdge>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** How many residences the whole list holds. */
  totalCount: Scalars['Int']['output'];
};

/** One residence in a page. */
export type ResidenceEdge = {
  __typename?: 'ResidenceEdge';
  /** Pass as `after` to get the residences following this one. */
  cursor: Scalars['String']['output'];
  /** The residence. */
  node: Residence;
};

/** Input of `residenceEnd`: a person moves out. */
export type ResidenceEndInput = {
  /** See ResidenceStartInput.clientMutationId. */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** The day they moved out: not in the future, not before the residence began. */
  endedOn: Scalars['Date']['input'];
  /** The residence (Residence.id). */
  residenceId: Scalars['ID']['input'];
  /** The version the client last saw (Residence.version). */
  version: Scalars['Int']['input'];
};

/** Result of `residenceEnd`. */
export type ResidenceEndPayload = {
  __typename?: 'ResidenceEndPayload';
  /** The clientMutationId given. */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** True when this is the stored answer of an earlier request with the same clientMutationId. */
  replayed: Scalars['Boolean']['output'];
  /** The residence, ended; null when refused. Its `person` is shown even when, having moved out, they no longer live in the viewer's communities (and so are no longer found by a query). */
  residence?: Maybe<Residence>;
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** How a person lives at an address. */
export type ResidenceRelation =
  /** 集体户 — collective housing such as a dormitory. */
  | 'COLLECTIVE'
  /** 家属 — family member of the owner or tenant. */
  | 'FAMILY'
  /** 业主 — owns the property. */
  | 'OWNER'
  /** 租户 — rents it. */
  | 'TENANT';

/** Input of `residenceStart`: a person moves in. */
export type ResidenceStartInput = {
  /** Chosen by the client, unique per request it means; a retry with the same id returns the first result instead of writing twice. Remembered for 24 hours. */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** How they live there. A person has at most one current residence of a kind: a current one of this kind elsewhere ends on `startedOn` (a move). */
  kind: ResidenceRelation;
  /** The person (their opaque id). */
  personId: Scalars['ID']['input'];
  /** Where they now live: a room (25 characters); collective housing (COLLECTIVE) may be a building (19). */
  roomCode: Scalars['AddressCode']['input'];
  /** The day they moved in: not in the future, not before their birth. */
  startedOn: Scalars['Date']['input'];
};

/** Result of `residenceStart`. */
export type ResidenceStartPayload = {
  __typename?: 'ResidenceStartPayload';
  /** The clientMutationId given. */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** The person's residence of the same kind elsewhere that this move ended; null when there was none. */
  endedResidence?: Maybe<Residence>;
  /** True when this is the stored answer of an earlier request with the same clientMutationId. */
  replayed: Scalars['Boolean']['output'];
  /** The residence started; null when refused. */
  residence?: Maybe<Residence>;
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** A page of current residents. */
export type ResidentConnection = {
  __typename?: 'ResidentConnection';
  /** The residents on this page. */
  edges: Array<ResidentEdge>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** How many current residents the whole list holds. */
  totalCount: Scalars['Int']['output'];
};

/** One resident in a page, with the residence that puts them there. */
export type ResidentEdge = {
  __typename?: 'ResidentEdge';
  /** Pass as `after` to get the residents following this one. */
  cursor: Scalars['String']['output'];
  /** The resident. */
  node: Person;
  /** The current residence at (or beneath) the address asked about. */
  residence: Residence;
};

/** A business error of a mutation (faults are in the top-level `errors`). */
export type UserError = {
  __typename?: 'UserError';
  /** What is wrong, for a program. */
  code: UserErrorCode;
  /** With STALE_VERSION: the record's version now; null otherwise. */
  currentVersion?: Maybe<Scalars['Int']['output']>;
  /** Path of the input value at fault, from the argument, e.g. `["input", "severity"]`. */
  field: Array<Scalars['String']['output']>;
  /** What is wrong, for a person. */
  message: Scalars['String']['output'];
};

/** Why a mutation did not do what was asked; each code is an outcome a client can act on. */
export type UserErrorCode =
  /** A free-text address could not be placed as finely as the mutation needs (a community or finer for events and cases, a building or room for legal entities); the payload's address lists the candidates. */
  | 'ADDRESS_NOT_PRECISE'
  /** What the mutation would create exists already (a legal entity with this credit code, a current residence of the person at that address). */
  | 'ALREADY_EXISTS'
  /** This `clientMutationId` was already used by the same subject for another operation or another input. */
  | 'IDEMPOTENCY_KEY_REUSED'
  /** A value is malformed, missing or out of range (a credit code's check character); `field` names it. */
  | 'INVALID_INPUT'
  /** The workflow does not allow this step from the record's current state (its status, a residence that has ended); the message says why. */
  | 'INVALID_TRANSITION'
  /** No such record (event, case, person, residence, legal entity), or it lies outside the communities the viewer is confined to (the two are not told apart). */
  | 'NOT_FOUND'
  /** The address (or a residence the change would end) lies outside the communities the viewer is confined to. */
  | 'OUT_OF_SCOPE'
  /** The record changed since the client read it; `currentVersion` is its version now: read it again, then retry. */
  | 'STALE_VERSION';



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  Address: Address;
  CaseParty: CaseParty;
  EventPersonLink: EventPersonLink;
  LegalEntity: LegalEntity;
  Person: Person;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Address:
    ( { __typename: 'Address' }
    & GraphQLRecursivePick<FederationTypes['Address'], {"code":true}> );
  CaseParty:
    ( { __typename: 'CaseParty' }
    & GraphQLRecursivePick<FederationTypes['CaseParty'], {"personRef":true}> );
  EventPersonLink:
    ( { __typename: 'EventPersonLink' }
    & GraphQLRecursivePick<FederationTypes['EventPersonLink'], {"personRef":true}> );
  LegalEntity:
    ( { __typename: 'LegalEntity' }
    & GraphQLRecursivePick<FederationTypes['LegalEntity'], {"creditCode":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['LegalEntity'], {"legalRepresentativeRef":true}> ) );
  Person:
    ( { __typename: 'Person' }
    & ( GraphQLRecursivePick<FederationTypes['Person'], {"id":true}>
        | GraphQLRecursivePick<FederationTypes['Person'], {"ref":true}> ) );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Address: ResolverTypeWrapper<AddressMapper>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  AddressAlias: ResolverTypeWrapper<AddressAliasRefMapper>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AddressCode: ResolverTypeWrapper<Scalars['AddressCode']['output']>;
  AuditRecord: ResolverTypeWrapper<AuditRecordMapper>;
  AuditRecordConnection: ResolverTypeWrapper<Omit<AuditRecordConnection, 'edges'> & { edges: Array<ResolversTypes['AuditRecordEdge']> }>;
  AuditRecordEdge: ResolverTypeWrapper<Omit<AuditRecordEdge, 'node'> & { node: ResolversTypes['AuditRecord'] }>;
  CaseParty: ResolverTypeWrapper<PersonLinkMapper>;
  CreditCode: ResolverTypeWrapper<Scalars['CreditCode']['output']>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  EventPersonLink: ResolverTypeWrapper<PersonLinkMapper>;
  Gender: Gender;
  HouseholdType: HouseholdType;
  LegalEntity: ResolverTypeWrapper<LegalEntityMapper>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Person: ResolverTypeWrapper<PersonMapper>;
  PersonConnection: ResolverTypeWrapper<PersonConnectionMapper>;
  PersonEdge: ResolverTypeWrapper<PersonEdgeMapper>;
  PersonUpdateContactInput: PersonUpdateContactInput;
  PersonUpdateContactPayload: ResolverTypeWrapper<Omit<PersonUpdateContactPayload, 'person'> & { person?: Maybe<ResolversTypes['Person']> }>;
  QuarantineCorrection: QuarantineCorrection;
  QuarantineDropInput: QuarantineDropInput;
  QuarantineDropPayload: ResolverTypeWrapper<Omit<QuarantineDropPayload, 'row'> & { row?: Maybe<ResolversTypes['QuarantinedRow']> }>;
  QuarantineErrorCode: QuarantineErrorCode;
  QuarantineFilter: QuarantineFilter;
  QuarantineFixInput: QuarantineFixInput;
  QuarantineFixOutcome: QuarantineFixOutcome;
  QuarantineFixPayload: ResolverTypeWrapper<Omit<QuarantineFixPayload, 'alias' | 'row'> & { alias?: Maybe<ResolversTypes['AddressAlias']>, row?: Maybe<ResolversTypes['QuarantinedRow']> }>;
  QuarantineHistoryAction: QuarantineHistoryAction;
  QuarantineHistoryEntry: ResolverTypeWrapper<QuarantineHistoryEntryMapper>;
  QuarantineReason: QuarantineReason;
  QuarantineStatus: QuarantineStatus;
  QuarantineUserError: ResolverTypeWrapper<QuarantineUserError>;
  QuarantinedRow: ResolverTypeWrapper<QuarantinedRowMapper>;
  QuarantinedRowConnection: ResolverTypeWrapper<Omit<QuarantinedRowConnection, 'edges'> & { edges: Array<ResolversTypes['QuarantinedRowEdge']> }>;
  QuarantinedRowEdge: ResolverTypeWrapper<Omit<QuarantinedRowEdge, 'node'> & { node: ResolversTypes['QuarantinedRow'] }>;
  QuarantinedValue: ResolverTypeWrapper<QuarantinedValue>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Residence: ResolverTypeWrapper<ResidenceMapper>;
  ResidenceConnection: ResolverTypeWrapper<ResidenceConnectionMapper>;
  ResidenceEdge: ResolverTypeWrapper<ResidenceEdgeMapper>;
  ResidenceEndInput: ResidenceEndInput;
  ResidenceEndPayload: ResolverTypeWrapper<Omit<ResidenceEndPayload, 'residence'> & { residence?: Maybe<ResolversTypes['Residence']> }>;
  ResidenceRelation: ResidenceRelation;
  ResidenceStartInput: ResidenceStartInput;
  ResidenceStartPayload: ResolverTypeWrapper<Omit<ResidenceStartPayload, 'endedResidence' | 'residence'> & { endedResidence?: Maybe<ResolversTypes['Residence']>, residence?: Maybe<ResolversTypes['Residence']> }>;
  ResidentConnection: ResolverTypeWrapper<ResidentConnectionMapper>;
  ResidentEdge: ResolverTypeWrapper<ResidentEdgeMapper>;
  UserError: ResolverTypeWrapper<UserError>;
  UserErrorCode: UserErrorCode;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Address: AddressMapper;
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  Boolean: Scalars['Boolean']['output'];
  AddressAlias: AddressAliasRefMapper;
  ID: Scalars['ID']['output'];
  AddressCode: Scalars['AddressCode']['output'];
  AuditRecord: AuditRecordMapper;
  AuditRecordConnection: Omit<AuditRecordConnection, 'edges'> & { edges: Array<ResolversParentTypes['AuditRecordEdge']> };
  AuditRecordEdge: Omit<AuditRecordEdge, 'node'> & { node: ResolversParentTypes['AuditRecord'] };
  CaseParty: PersonLinkMapper;
  CreditCode: Scalars['CreditCode']['output'];
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  EventPersonLink: PersonLinkMapper;
  LegalEntity: LegalEntityMapper;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Person: PersonMapper;
  PersonConnection: PersonConnectionMapper;
  PersonEdge: PersonEdgeMapper;
  PersonUpdateContactInput: PersonUpdateContactInput;
  PersonUpdateContactPayload: Omit<PersonUpdateContactPayload, 'person'> & { person?: Maybe<ResolversParentTypes['Person']> };
  QuarantineCorrection: QuarantineCorrection;
  QuarantineDropInput: QuarantineDropInput;
  QuarantineDropPayload: Omit<QuarantineDropPayload, 'row'> & { row?: Maybe<ResolversParentTypes['QuarantinedRow']> };
  QuarantineFilter: QuarantineFilter;
  QuarantineFixInput: QuarantineFixInput;
  QuarantineFixPayload: Omit<QuarantineFixPayload, 'alias' | 'row'> & { alias?: Maybe<ResolversParentTypes['AddressAlias']>, row?: Maybe<ResolversParentTypes['QuarantinedRow']> };
  QuarantineHistoryEntry: QuarantineHistoryEntryMapper;
  QuarantineUserError: QuarantineUserError;
  QuarantinedRow: QuarantinedRowMapper;
  QuarantinedRowConnection: Omit<QuarantinedRowConnection, 'edges'> & { edges: Array<ResolversParentTypes['QuarantinedRowEdge']> };
  QuarantinedRowEdge: Omit<QuarantinedRowEdge, 'node'> & { node: ResolversParentTypes['QuarantinedRow'] };
  QuarantinedValue: QuarantinedValue;
  Query: Record<PropertyKey, never>;
  Residence: ResidenceMapper;
  ResidenceConnection: ResidenceConnectionMapper;
  ResidenceEdge: ResidenceEdgeMapper;
  ResidenceEndInput: ResidenceEndInput;
  ResidenceEndPayload: Omit<ResidenceEndPayload, 'residence'> & { residence?: Maybe<ResolversParentTypes['Residence']> };
  ResidenceStartInput: ResidenceStartInput;
  ResidenceStartPayload: Omit<ResidenceStartPayload, 'endedResidence' | 'residence'> & { endedResidence?: Maybe<ResolversParentTypes['Residence']>, residence?: Maybe<ResolversParentTypes['Residence']> };
  ResidentConnection: ResidentConnectionMapper;
  ResidentEdge: ResidentEdgeMapper;
  UserError: UserError;
};

export type AddressResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['Address'] = ResolversParentTypes['Address'], FederationReferenceType extends FederationReferenceTypes['Address'] = FederationReferenceTypes['Address']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Address']> | FederationReferenceType, FederationReferenceType, ContextType>;
  code?: Resolver<ResolversTypes['AddressCode'], ParentType, ContextType>;
  people?: Resolver<Maybe<ResolversTypes['PersonConnection']>, ParentType, ContextType, RequireFields<AddressPeopleArgs, 'first'>>;
  residences?: Resolver<Maybe<ResolversTypes['ResidenceConnection']>, ParentType, ContextType, RequireFields<AddressResidencesArgs, 'first'>>;
  residentCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  residents?: Resolver<Maybe<ResolversTypes['ResidentConnection']>, ParentType, ContextType, RequireFields<AddressResidentsArgs, 'first'>>;
};

export type AddressAliasResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['AddressAlias'] = ResolversParentTypes['AddressAlias']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export interface AddressCodeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['AddressCode'], any> {
  name: 'AddressCode';
}

export type AuditRecordResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['AuditRecord'] = ResolversParentTypes['AuditRecord']> = {
  addressCodes?: Resolver<Array<ResolversTypes['AddressCode']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  clientName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  operationHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  operationName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  personIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  purpose?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  requestId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  subgraph?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  subject?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type AuditRecordConnectionResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['AuditRecordConnection'] = ResolversParentTypes['AuditRecordConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AuditRecordEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type AuditRecordEdgeResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['AuditRecordEdge'] = ResolversParentTypes['AuditRecordEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AuditRecord'], ParentType, ContextType>;
};

export type CasePartyResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['CaseParty'] = ResolversParentTypes['CaseParty'], FederationReferenceType extends FederationReferenceTypes['CaseParty'] = FederationReferenceTypes['CaseParty']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['CaseParty']> | FederationReferenceType, FederationReferenceType, ContextType>;
  person?: Resolver<Maybe<ResolversTypes['Person']>, ParentType, ContextType>;
  personRef?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export interface CreditCodeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['CreditCode'], any> {
  name: 'CreditCode';
}

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type EventPersonLinkResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['EventPersonLink'] = ResolversParentTypes['EventPersonLink'], FederationReferenceType extends FederationReferenceTypes['EventPersonLink'] = FederationReferenceTypes['EventPersonLink']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['EventPersonLink']> | FederationReferenceType, FederationReferenceType, ContextType>;
  person?: Resolver<Maybe<ResolversTypes['Person']>, ParentType, ContextType>;
  personRef?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type LegalEntityResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['LegalEntity'] = ResolversParentTypes['LegalEntity'], FederationReferenceType extends FederationReferenceTypes['LegalEntity'] = FederationReferenceTypes['LegalEntity']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['LegalEntity']> | FederationReferenceType, FederationReferenceType, ContextType>;
  creditCode?: Resolver<ResolversTypes['CreditCode'], ParentType, ContextType>;
  legalRepresentative?: Resolver<Maybe<ResolversTypes['Person']>, ParentType, ContextType>;
};

export type MutationResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  personQuarantineDrop?: Resolver<ResolversTypes['QuarantineDropPayload'], ParentType, ContextType, RequireFields<MutationPersonQuarantineDropArgs, 'input'>>;
  personQuarantineFix?: Resolver<ResolversTypes['QuarantineFixPayload'], ParentType, ContextType, RequireFields<MutationPersonQuarantineFixArgs, 'input'>>;
  personUpdateContact?: Resolver<ResolversTypes['PersonUpdateContactPayload'], ParentType, ContextType, RequireFields<MutationPersonUpdateContactArgs, 'input'>>;
  residenceEnd?: Resolver<ResolversTypes['ResidenceEndPayload'], ParentType, ContextType, RequireFields<MutationResidenceEndArgs, 'input'>>;
  residenceStart?: Resolver<ResolversTypes['ResidenceStartPayload'], ParentType, ContextType, RequireFields<MutationResidenceStartArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PersonResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['Person'] = ResolversParentTypes['Person'], FederationReferenceType extends FederationReferenceTypes['Person'] = FederationReferenceTypes['Person']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Person']> | FederationReferenceType, FederationReferenceType, ContextType>;
  birthDate?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  birthYear?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  gender?: Resolver<ResolversTypes['Gender'], ParentType, ContextType>;
  householdType?: Resolver<ResolversTypes['HouseholdType'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  idNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ref?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  residences?: Resolver<Array<ResolversTypes['Residence']>, ParentType, ContextType, Partial<PersonResidencesArgs>>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type PersonConnectionResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['PersonConnection'] = ResolversParentTypes['PersonConnection']> = {
  edges?: Resolver<Array<ResolversTypes['PersonEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type PersonEdgeResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['PersonEdge'] = ResolversParentTypes['PersonEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Person'], ParentType, ContextType>;
};

export type PersonUpdateContactPayloadResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['PersonUpdateContactPayload'] = ResolversParentTypes['PersonUpdateContactPayload']> = {
  clientMutationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  person?: Resolver<Maybe<ResolversTypes['Person']>, ParentType, ContextType>;
  replayed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type QuarantineDropPayloadResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['QuarantineDropPayload'] = ResolversParentTypes['QuarantineDropPayload']> = {
  clientMutationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  replayed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  row?: Resolver<Maybe<ResolversTypes['QuarantinedRow']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['QuarantineUserError']>, ParentType, ContextType>;
};

export type QuarantineFixPayloadResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['QuarantineFixPayload'] = ResolversParentTypes['QuarantineFixPayload']> = {
  alias?: Resolver<Maybe<ResolversTypes['AddressAlias']>, ParentType, ContextType>;
  aliasCreated?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  clientMutationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  outcome?: Resolver<Maybe<ResolversTypes['QuarantineFixOutcome']>, ParentType, ContextType>;
  recordId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  row?: Resolver<Maybe<ResolversTypes['QuarantinedRow']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['QuarantineUserError']>, ParentType, ContextType>;
};

export type QuarantineHistoryEntryResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['QuarantineHistoryEntry'] = ResolversParentTypes['QuarantineHistoryEntry']> = {
  action?: Resolver<ResolversTypes['QuarantineHistoryAction'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  by?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QuarantineUserErrorResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['QuarantineUserError'] = ResolversParentTypes['QuarantineUserError']> = {
  code?: Resolver<ResolversTypes['QuarantineErrorCode'], ParentType, ContextType>;
  field?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type QuarantinedRowResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['QuarantinedRow'] = ResolversParentTypes['QuarantinedRow']> = {
  addressText?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  community?: Resolver<Maybe<ResolversTypes['Address']>, ParentType, ContextType>;
  detail?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  history?: Resolver<Array<ResolversTypes['QuarantineHistoryEntry']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastSeenAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  line?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  masked?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  purged?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['QuarantineReason'], ParentType, ContextType>;
  receivedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  recordId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  resolution?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  resolvedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  resolvedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['QuarantineStatus'], ParentType, ContextType>;
  values?: Resolver<Maybe<Array<ResolversTypes['QuarantinedValue']>>, ParentType, ContextType>;
};

export type QuarantinedRowConnectionResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['QuarantinedRowConnection'] = ResolversParentTypes['QuarantinedRowConnection']> = {
  edges?: Resolver<Array<ResolversTypes['QuarantinedRowEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type QuarantinedRowEdgeResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['QuarantinedRowEdge'] = ResolversParentTypes['QuarantinedRowEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['QuarantinedRow'], ParentType, ContextType>;
};

export type QuarantinedValueResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['QuarantinedValue'] = ResolversParentTypes['QuarantinedValue']> = {
  column?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  auditRecords?: Resolver<ResolversTypes['AuditRecordConnection'], ParentType, ContextType, RequireFields<QueryAuditRecordsArgs, 'first'>>;
  people?: Resolver<Array<Maybe<ResolversTypes['Person']>>, ParentType, ContextType, RequireFields<QueryPeopleArgs, 'ids'>>;
  person?: Resolver<Maybe<ResolversTypes['Person']>, ParentType, ContextType, RequireFields<QueryPersonArgs, 'id'>>;
  quarantinedPeople?: Resolver<Maybe<ResolversTypes['QuarantinedRowConnection']>, ParentType, ContextType, RequireFields<QueryQuarantinedPeopleArgs, 'first'>>;
  quarantinedPerson?: Resolver<Maybe<ResolversTypes['QuarantinedRow']>, ParentType, ContextType, RequireFields<QueryQuarantinedPersonArgs, 'id'>>;
};

export type ResidenceResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['Residence'] = ResolversParentTypes['Residence']> = {
  address?: Resolver<ResolversTypes['Address'], ParentType, ContextType>;
  current?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  person?: Resolver<ResolversTypes['Person'], ParentType, ContextType>;
  relation?: Resolver<ResolversTypes['ResidenceRelation'], ParentType, ContextType>;
  since?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  sinceYear?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  until?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ResidenceConnectionResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['ResidenceConnection'] = ResolversParentTypes['ResidenceConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ResidenceEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ResidenceEdgeResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['ResidenceEdge'] = ResolversParentTypes['ResidenceEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Residence'], ParentType, ContextType>;
};

export type ResidenceEndPayloadResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['ResidenceEndPayload'] = ResolversParentTypes['ResidenceEndPayload']> = {
  clientMutationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  replayed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  residence?: Resolver<Maybe<ResolversTypes['Residence']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type ResidenceStartPayloadResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['ResidenceStartPayload'] = ResolversParentTypes['ResidenceStartPayload']> = {
  clientMutationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  endedResidence?: Resolver<Maybe<ResolversTypes['Residence']>, ParentType, ContextType>;
  replayed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  residence?: Resolver<Maybe<ResolversTypes['Residence']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type ResidentConnectionResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['ResidentConnection'] = ResolversParentTypes['ResidentConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ResidentEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ResidentEdgeResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['ResidentEdge'] = ResolversParentTypes['ResidentEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Person'], ParentType, ContextType>;
  residence?: Resolver<ResolversTypes['Residence'], ParentType, ContextType>;
};

export type UserErrorResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['UserError'] = ResolversParentTypes['UserError']> = {
  code?: Resolver<ResolversTypes['UserErrorCode'], ParentType, ContextType>;
  currentVersion?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  field?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = PeopleContext> = {
  Address?: AddressResolvers<ContextType>;
  AddressAlias?: AddressAliasResolvers<ContextType>;
  AddressCode?: GraphQLScalarType;
  AuditRecord?: AuditRecordResolvers<ContextType>;
  AuditRecordConnection?: AuditRecordConnectionResolvers<ContextType>;
  AuditRecordEdge?: AuditRecordEdgeResolvers<ContextType>;
  CaseParty?: CasePartyResolvers<ContextType>;
  CreditCode?: GraphQLScalarType;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  EventPersonLink?: EventPersonLinkResolvers<ContextType>;
  LegalEntity?: LegalEntityResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Person?: PersonResolvers<ContextType>;
  PersonConnection?: PersonConnectionResolvers<ContextType>;
  PersonEdge?: PersonEdgeResolvers<ContextType>;
  PersonUpdateContactPayload?: PersonUpdateContactPayloadResolvers<ContextType>;
  QuarantineDropPayload?: QuarantineDropPayloadResolvers<ContextType>;
  QuarantineFixPayload?: QuarantineFixPayloadResolvers<ContextType>;
  QuarantineHistoryEntry?: QuarantineHistoryEntryResolvers<ContextType>;
  QuarantineUserError?: QuarantineUserErrorResolvers<ContextType>;
  QuarantinedRow?: QuarantinedRowResolvers<ContextType>;
  QuarantinedRowConnection?: QuarantinedRowConnectionResolvers<ContextType>;
  QuarantinedRowEdge?: QuarantinedRowEdgeResolvers<ContextType>;
  QuarantinedValue?: QuarantinedValueResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Residence?: ResidenceResolvers<ContextType>;
  ResidenceConnection?: ResidenceConnectionResolvers<ContextType>;
  ResidenceEdge?: ResidenceEdgeResolvers<ContextType>;
  ResidenceEndPayload?: ResidenceEndPayloadResolvers<ContextType>;
  ResidenceStartPayload?: ResidenceStartPayloadResolvers<ContextType>;
  ResidentConnection?: ResidentConnectionResolvers<ContextType>;
  ResidentEdge?: ResidentEdgeResolvers<ContextType>;
  UserError?: UserErrorResolvers<ContextType>;
};

