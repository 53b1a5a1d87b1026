import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { QuarantinedRowMapper, QuarantineHistoryEntryMapper, AddressAliasRefMapper, LegalEntityMapper, PersonMapper, AddressMapper, LegalEntityConnectionMapper } from '../schema.mappers.ts';
import type { EntitiesContext } from '../context.ts';
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
  /** An instant in ISO 8601 with offset, e.g. `2026-03-01T09:30:00.000Z`. */
  DateTime: { input: Date | string; output: Date | string; }
  _FieldSet: { input: unknown; output: unknown; }
};

/**
 * An address, as seen by the entities subgraph: who is registered or operates there.
 * Its fields are nullable so that, if this subgraph is unavailable, a query still returns
 * the other subgraphs' data (with an error) instead of failing whole.
 */
export type Address = {
  __typename?: 'Address';
  /** The standard address code. */
  code: Scalars['AddressCode']['output'];
  /** Legal entities whose registered or business address is this address or lies beneath it, by credit code. */
  entities?: Maybe<LegalEntityConnection>;
  /** Number of legal entities registered or operating at or beneath this address. */
  entityCount?: Maybe<Scalars['Int']['output']>;
};


/**
 * An address, as seen by the entities subgraph: who is registered or operates there.
 * Its fields are nullable so that, if this subgraph is unavailable, a query still returns
 * the other subgraphs' data (with an error) instead of failing whole.
 */
export type AddressEntitiesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  kind?: InputMaybe<Array<LegalEntityKind>>;
  status?: InputMaybe<LegalEntityStatus>;
  updatedBefore?: InputMaybe<Scalars['DateTime']['input']>;
  updatedSince?: InputMaybe<Scalars['DateTime']['input']>;
};


/**
 * An address, as seen by the entities subgraph: who is registered or operates there.
 * Its fields are nullable so that, if this subgraph is unavailable, a query still returns
 * the other subgraphs' data (with an error) instead of failing whole.
 */
export type AddressEntityCountArgs = {
  status?: InputMaybe<LegalEntityStatus>;
};

/** An address alias a steward taught, answered by the buildings subgraph. */
export type AddressAlias = {
  __typename?: 'AddressAlias';
  /** The alias id. */
  id: Scalars['ID']['output'];
};

/** An address's level, by the length of its code. */
export type AddressLevel =
  /** 楼栋 — building, 19-character code (grid + 5). */
  | 'BUILDING'
  /** 社区 — community (residents' committee), 12-character code. */
  | 'COMMUNITY'
  /** 区 — district, 6-character code (福田区 = 440304). */
  | 'DISTRICT'
  /** 网格 — basic management grid, 14-character code (community + 2). */
  | 'GRID'
  /** 房屋 — room or unit inside a building, 25-character code (building + 6). */
  | 'ROOM'
  /** 街道 — subdistrict, 9-character code. */
  | 'SUBDISTRICT';

/** A legal entity (法人 or other registered market subject), keyed by its unified social credit code. */
export type LegalEntity = {
  __typename?: 'LegalEntity';
  /** Where it actually operates (经营地址); null when unknown. */
  businessAddress?: Maybe<Address>;
  /** Unified social credit code (统一社会信用代码). */
  creditCode: Scalars['CreditCode']['output'];
  /** Industry (行业) as registered, e.g. 软件和信息技术服务业. */
  industry: Scalars['String']['output'];
  /** Legal form. */
  kind: LegalEntityKind;
  /** The people subgraph's internal key of the legal representative, from which it answers legalRepresentative; not selectable by clients. */
  legalRepresentativeRef?: Maybe<Scalars['ID']['output']>;
  /** Registered name. */
  name: Scalars['String']['output'];
  /** Registered address (注册地址); null when it lies outside the registry. */
  registeredAddress?: Maybe<Address>;
  /** Date of registration. */
  registeredOn: Scalars['Date']['output'];
  /** Registration status. */
  status: LegalEntityStatus;
  /** When this record last changed (any of its columns, by an edit or an import), to the millisecond; for incremental refreshes with `updatedSince`. */
  updatedAt: Scalars['DateTime']['output'];
  /** The record's version: 1 when created, +1 on every change (a mutation or an import). Changes take the version last read. */
  version: Scalars['Int']['output'];
};

/** An address given to a mutation: exactly one of a code and a free text. */
export type LegalEntityAddressInput = {
  /** A standard address code of a building (19 characters) or a room (25). */
  code?: InputMaybe<Scalars['AddressCode']['input']>;
  /** A free-text address (e.g. `福田区福田街道水围村28栋1203`), standardized on the way in; it must reach a building or a room. */
  text?: InputMaybe<Scalars['String']['input']>;
};

/** Result of a change to an existing legal entity. */
export type LegalEntityChangePayload = {
  __typename?: 'LegalEntityChangePayload';
  /** legalEntityMoveBusinessAddress: where the new address landed; null otherwise. */
  address?: Maybe<ReportedAddress>;
  /** The clientMutationId given. */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** The entity after the change; null when refused. */
  legalEntity?: Maybe<LegalEntity>;
  /** True when this is the stored answer of an earlier request with the same clientMutationId. */
  replayed: Scalars['Boolean']['output'];
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** A page of legal entities. */
export type LegalEntityConnection = {
  __typename?: 'LegalEntityConnection';
  /** The entities on this page. */
  edges: Array<LegalEntityEdge>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** How many entities the whole list holds. */
  totalCount: Scalars['Int']['output'];
};

/** One legal entity in a page. */
export type LegalEntityEdge = {
  __typename?: 'LegalEntityEdge';
  /** Pass as `after` to get the entities following this one. */
  cursor: Scalars['String']['output'];
  /** The entity. */
  node: LegalEntity;
};

/** The legal form of an entity. */
export type LegalEntityKind =
  /** 公司 — a company. */
  | 'COMPANY'
  /** 个体工商户 — an individual business. */
  | 'INDIVIDUAL_BUSINESS'
  /** 事业单位 — a public institution. */
  | 'PUBLIC_INSTITUTION'
  /** 社会组织 — a social organization (association, foundation, private non-enterprise unit). */
  | 'SOCIAL_ORGANIZATION';

/** Input of `legalEntityMoveBusinessAddress`. */
export type LegalEntityMoveBusinessAddressInput = {
  /** Where it now operates: a building or room in the viewer's communities. */
  address: LegalEntityAddressInput;
  /** See LegalEntityRegisterInput.clientMutationId. */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** The entity's credit code. */
  creditCode: Scalars['String']['input'];
  /** The version the client last saw (LegalEntity.version). */
  version: Scalars['Int']['input'];
};

/** Input of `legalEntityRegister`. */
export type LegalEntityRegisterInput = {
  /** Where it operates (经营地址): a building or room code, or a free text standardized to one. In the viewer's communities. */
  businessAddress: LegalEntityAddressInput;
  /** Chosen by the client, unique per request it means; a retry with the same id returns the first result instead of writing twice. Remembered for 24 hours. */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** Unified social credit code (18 characters; the GB 32100 check character is verified, lowercase is upper-cased). */
  creditCode: Scalars['String']['input'];
  /** Industry as registered, e.g. 餐饮业 (1 to 200 characters). */
  industry: Scalars['String']['input'];
  /** Legal form. */
  kind: LegalEntityKind;
  /** Registered name (1 to 200 characters). */
  name: Scalars['String']['input'];
  /** Registered address (注册地址), in the viewer's communities; the business address when not given. */
  registeredAddress?: InputMaybe<LegalEntityAddressInput>;
  /** Date of registration: not in the future. */
  registeredOn: Scalars['Date']['input'];
};

/** Result of `legalEntityRegister`. */
export type LegalEntityRegisterPayload = {
  __typename?: 'LegalEntityRegisterPayload';
  /** Where the business address landed (also when refused as not precise enough, with the candidates). */
  businessAddress?: Maybe<ReportedAddress>;
  /** The clientMutationId given. */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** The entity registered (ACTIVE, version 1); null when refused. */
  legalEntity?: Maybe<LegalEntity>;
  /** Where the registered address landed, when one was given. */
  registeredAddress?: Maybe<ReportedAddress>;
  /** True when this is the stored answer of an earlier request with the same clientMutationId. */
  replayed: Scalars['Boolean']['output'];
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** Registration status of an entity. */
export type LegalEntityStatus =
  /** 存续 — active. */
  | 'ACTIVE'
  /** 注销 — deregistered. */
  | 'CANCELLED'
  /** 吊销 — licence revoked. */
  | 'REVOKED';

/** Input of `legalEntityUpdateStatus`. */
export type LegalEntityUpdateStatusInput = {
  /** See LegalEntityRegisterInput.clientMutationId. */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** The entity's credit code. */
  creditCode: Scalars['String']['input'];
  /** Why (the decision's number, a remark; at most 2000 characters), kept with the change. */
  note?: InputMaybe<Scalars['String']['input']>;
  /** The new status: ACTIVE -> REVOKED or CANCELLED; REVOKED -> CANCELLED or (the revocation set aside) ACTIVE; CANCELLED is final. */
  status: LegalEntityStatus;
  /** The version the client last saw (LegalEntity.version). */
  version: Scalars['Int']['input'];
};

/**
 * Writes of the entities subgraph. Each runs in one transaction, is audited before it is answered,
 * takes a `clientMutationId` for safe retries, and (changes) the `version` last seen.
 */
export type Mutation = {
  __typename?: 'Mutation';
  /** Moves where an entity operates (not a CANCELLED one). */
  legalEntityMoveBusinessAddress: LegalEntityChangePayload;
  /** Drops a quarantined legal entity row with a reason (steward:write): marked DROPPED and kept. */
  legalEntityQuarantineDrop: QuarantineDropPayload;
  /** Fixes a quarantined legal entity row (steward:write): re-validates it, loads it and marks it FIXED, teaching its address text as an alias. */
  legalEntityQuarantineFix: QuarantineFixPayload;
  /** Registers a legal entity operating in the viewer's communities; it starts ACTIVE. */
  legalEntityRegister: LegalEntityRegisterPayload;
  /** Changes an entity's status along the workflow; the note is kept with the change. */
  legalEntityUpdateStatus: LegalEntityChangePayload;
};


/**
 * Writes of the entities subgraph. Each runs in one transaction, is audited before it is answered,
 * takes a `clientMutationId` for safe retries, and (changes) the `version` last seen.
 */
export type MutationLegalEntityMoveBusinessAddressArgs = {
  input: LegalEntityMoveBusinessAddressInput;
};


/**
 * Writes of the entities subgraph. Each runs in one transaction, is audited before it is answered,
 * takes a `clientMutationId` for safe retries, and (changes) the `version` last seen.
 */
export type MutationLegalEntityQuarantineDropArgs = {
  input: QuarantineDropInput;
};


/**
 * Writes of the entities subgraph. Each runs in one transaction, is audited before it is answered,
 * takes a `clientMutationId` for safe retries, and (changes) the `version` last seen.
 */
export type MutationLegalEntityQuarantineFixArgs = {
  input: QuarantineFixInput;
};


/**
 * Writes of the entities subgraph. Each runs in one transaction, is audited before it is answered,
 * takes a `clientMutationId` for safe retries, and (changes) the `version` last seen.
 */
export type MutationLegalEntityRegisterArgs = {
  input: LegalEntityRegisterInput;
};


/**
 * Writes of the entities subgraph. Each runs in one transaction, is audited before it is answered,
 * takes a `clientMutationId` for safe retries, and (changes) the `version` last seen.
 */
export type MutationLegalEntityUpdateStatusArgs = {
  input: LegalEntityUpdateStatusInput;
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
 * A person, as seen by the entities subgraph. Keyed by the people subgraph's inaccessible `ref`, so
 * every field a client selects on a legal representative (even `id`) comes from the people subgraph,
 * which applies community scoping.
 */
export type Person = {
  __typename?: 'Person';
  /** The people subgraph's internal key of this person; not selectable by clients. */
  ref: Scalars['ID']['output'];
  /** Legal entities this person represents, by name. */
  representedEntities?: Maybe<Array<LegalEntity>>;
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
  /** Several legal entities by credit code, in the order asked; null where unknown. At most 500. */
  legalEntities: Array<Maybe<LegalEntity>>;
  /** One legal entity by credit code; null and a NOT_FOUND error when unknown. */
  legalEntity?: Maybe<LegalEntity>;
  /** The legal entity rows imports could not load (steward:read; a confined steward sees only their communities' rows), oldest first. */
  quarantinedLegalEntities?: Maybe<QuarantinedRowConnection>;
  /** One quarantined legal entity row by id, whatever its status; null and NOT_FOUND when unknown or outside the steward's communities. */
  quarantinedLegalEntity?: Maybe<QuarantinedRow>;
};


export type QueryLegalEntitiesArgs = {
  creditCodes: Array<Scalars['CreditCode']['input']>;
};


export type QueryLegalEntityArgs = {
  creditCode: Scalars['CreditCode']['input'];
};


export type QueryQuarantinedLegalEntitiesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<QuarantineFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryQuarantinedLegalEntityArgs = {
  id: Scalars['ID']['input'];
};

/** Where an address input landed. */
export type ReportedAddress = {
  __typename?: 'ReportedAddress';
  /** When the text fits several finer addresses: ranked addresses it could be (the input lands above them, or is refused as not precise). */
  candidates: Array<ReportedAddressCandidate>;
  /** The code it was placed at; null when it could not be placed. */
  code?: Maybe<Scalars['AddressCode']['output']>;
  /** How sure the standardizer is of `code`, 0 to 1 (1 for a code given as such). */
  confidence: Scalars['Float']['output'];
  /** Its level; null when it could not be placed. */
  level?: Maybe<AddressLevel>;
};

/** An address a free text could mean. */
export type ReportedAddressCandidate = {
  __typename?: 'ReportedAddressCandidate';
  /** Its code. */
  code: Scalars['AddressCode']['output'];
  /** Its full name. */
  fullName: Scalars['String']['output'];
  /** Its level. */
  level: AddressLevel;
  /** How well it fits, 0 to 1. */
  score: Scalars['Float']['output'];
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
  LegalEntity: LegalEntity;
  Person: Person;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Address:
    ( { __typename: 'Address' }
    & GraphQLRecursivePick<FederationTypes['Address'], {"code":true}> );
  LegalEntity:
    ( { __typename: 'LegalEntity' }
    & GraphQLRecursivePick<FederationTypes['LegalEntity'], {"creditCode":true}> );
  Person:
    ( { __typename: 'Person' }
    & GraphQLRecursivePick<FederationTypes['Person'], {"ref":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Address: ResolverTypeWrapper<AddressMapper>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AddressAlias: ResolverTypeWrapper<AddressAliasRefMapper>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AddressCode: ResolverTypeWrapper<Scalars['AddressCode']['output']>;
  AddressLevel: AddressLevel;
  CreditCode: ResolverTypeWrapper<Scalars['CreditCode']['output']>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  LegalEntity: ResolverTypeWrapper<LegalEntityMapper>;
  LegalEntityAddressInput: LegalEntityAddressInput;
  LegalEntityChangePayload: ResolverTypeWrapper<Omit<LegalEntityChangePayload, 'legalEntity'> & { legalEntity?: Maybe<ResolversTypes['LegalEntity']> }>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  LegalEntityConnection: ResolverTypeWrapper<LegalEntityConnectionMapper>;
  LegalEntityEdge: ResolverTypeWrapper<Omit<LegalEntityEdge, 'node'> & { node: ResolversTypes['LegalEntity'] }>;
  LegalEntityKind: LegalEntityKind;
  LegalEntityMoveBusinessAddressInput: LegalEntityMoveBusinessAddressInput;
  LegalEntityRegisterInput: LegalEntityRegisterInput;
  LegalEntityRegisterPayload: ResolverTypeWrapper<Omit<LegalEntityRegisterPayload, 'legalEntity'> & { legalEntity?: Maybe<ResolversTypes['LegalEntity']> }>;
  LegalEntityStatus: LegalEntityStatus;
  LegalEntityUpdateStatusInput: LegalEntityUpdateStatusInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Person: ResolverTypeWrapper<PersonMapper>;
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
  ReportedAddress: ResolverTypeWrapper<ReportedAddress>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ReportedAddressCandidate: ResolverTypeWrapper<ReportedAddressCandidate>;
  UserError: ResolverTypeWrapper<UserError>;
  UserErrorCode: UserErrorCode;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Address: AddressMapper;
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  AddressAlias: AddressAliasRefMapper;
  ID: Scalars['ID']['output'];
  AddressCode: Scalars['AddressCode']['output'];
  CreditCode: Scalars['CreditCode']['output'];
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  LegalEntity: LegalEntityMapper;
  LegalEntityAddressInput: LegalEntityAddressInput;
  LegalEntityChangePayload: Omit<LegalEntityChangePayload, 'legalEntity'> & { legalEntity?: Maybe<ResolversParentTypes['LegalEntity']> };
  Boolean: Scalars['Boolean']['output'];
  LegalEntityConnection: LegalEntityConnectionMapper;
  LegalEntityEdge: Omit<LegalEntityEdge, 'node'> & { node: ResolversParentTypes['LegalEntity'] };
  LegalEntityMoveBusinessAddressInput: LegalEntityMoveBusinessAddressInput;
  LegalEntityRegisterInput: LegalEntityRegisterInput;
  LegalEntityRegisterPayload: Omit<LegalEntityRegisterPayload, 'legalEntity'> & { legalEntity?: Maybe<ResolversParentTypes['LegalEntity']> };
  LegalEntityUpdateStatusInput: LegalEntityUpdateStatusInput;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Person: PersonMapper;
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
  ReportedAddress: ReportedAddress;
  Float: Scalars['Float']['output'];
  ReportedAddressCandidate: ReportedAddressCandidate;
  UserError: UserError;
};

export type AddressResolvers<ContextType = EntitiesContext, ParentType extends ResolversParentTypes['Address'] = ResolversParentTypes['Address'], FederationReferenceType extends FederationReferenceTypes['Address'] = FederationReferenceTypes['Address']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Address']> | FederationReferenceType, FederationReferenceType, ContextType>;
  code?: Resolver<ResolversTypes['AddressCode'], ParentType, ContextType>;
  entities?: Resolver<Maybe<ResolversTypes['LegalEntityConnection']>, ParentType, ContextType, RequireFields<AddressEntitiesArgs, 'first'>>;
  entityCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType, Partial<AddressEntityCountArgs>>;
};

export type AddressAliasResolvers<ContextType = EntitiesContext, ParentType extends ResolversParentTypes['AddressAlias'] = ResolversParentTypes['AddressAlias']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export interface AddressCodeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['AddressCode'], any> {
  name: 'AddressCode';
}

export interface CreditCodeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['CreditCode'], any> {
  name: 'CreditCode';
}

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type LegalEntityResolvers<ContextType = EntitiesContext, ParentType extends ResolversParentTypes['LegalEntity'] = ResolversParentTypes['LegalEntity'], FederationReferenceType extends FederationReferenceTypes['LegalEntity'] = FederationReferenceTypes['LegalEntity']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['LegalEntity']> | FederationReferenceType, FederationReferenceType, ContextType>;
  businessAddress?: Resolver<Maybe<ResolversTypes['Address']>, ParentType, ContextType>;
  creditCode?: Resolver<ResolversTypes['CreditCode'], ParentType, ContextType>;
  industry?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['LegalEntityKind'], ParentType, ContextType>;
  legalRepresentativeRef?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  registeredAddress?: Resolver<Maybe<ResolversTypes['Address']>, ParentType, ContextType>;
  registeredOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['LegalEntityStatus'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type LegalEntityChangePayloadResolvers<ContextType = EntitiesContext, ParentType extends ResolversParentTypes['LegalEntityChangePayload'] = ResolversParentTypes['LegalEntityChangePayload']> = {
  address?: Resolver<Maybe<ResolversTypes['ReportedAddress']>, ParentType, ContextType>;
  clientMutationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  legalEntity?: Resolver<Maybe<ResolversTypes['LegalEntity']>, ParentType, ContextType>;
  replayed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type LegalEntityConnectionResolvers<ContextType = EntitiesContext, ParentType extends ResolversParentTypes['LegalEntityConnection'] = ResolversParentTypes['LegalEntityConnection']> = {
  edges?: Resolver<Array<ResolversTypes['LegalEntityEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type LegalEntityEdgeResolvers<ContextType = EntitiesContext, ParentType extends ResolversParentTypes['LegalEntityEdge'] = ResolversParentTypes['LegalEntityEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['LegalEntity'], ParentType, ContextType>;
};

export type LegalEntityRegisterPayloadResolvers<ContextType = EntitiesContext, ParentType extends ResolversParentTypes['LegalEntityRegisterPayload'] = ResolversParentTypes['LegalEntityRegisterPayload']> = {
  businessAddress?: Resolver<Maybe<ResolversTypes['ReportedAddress']>, ParentType, ContextType>;
  clientMutationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  legalEntity?: Resolver<Maybe<ResolversTypes['LegalEntity']>, ParentType, ContextType>;
  registeredAddress?: Resolver<Maybe<ResolversTypes['ReportedAddress']>, ParentType, ContextType>;
  replayed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type MutationResolvers<ContextType = EntitiesContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  legalEntityMoveBusinessAddress?: Resolver<ResolversTypes['LegalEntityChangePayload'], ParentType, ContextType, RequireFields<MutationLegalEntityMoveBusinessAddressArgs, 'input'>>;
  legalEntityQuarantineDrop?: Resolver<ResolversTypes['QuarantineDropPayload'], ParentType, ContextType, RequireFields<MutationLegalEntityQuarantineDropArgs, 'input'>>;
  legalEntityQuarantineFix?: Resolver<ResolversTypes['QuarantineFixPayload'], ParentType, ContextType, RequireFields<MutationLegalEntityQuarantineFixArgs, 'input'>>;
  legalEntityRegister?: Resolver<ResolversTypes['LegalEntityRegisterPayload'], ParentType, ContextType, RequireFields<MutationLegalEntityRegisterArgs, 'input'>>;
  legalEntityUpdateStatus?: Resolver<ResolversTypes['LegalEntityChangePayload'], ParentType, ContextType, RequireFields<MutationLegalEntityUpdateStatusArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = EntitiesContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PersonResolvers<ContextType = EntitiesContext, ParentType extends ResolversParentTypes['Person'] = ResolversParentTypes['Person'], FederationReferenceType extends FederationReferenceTypes['Person'] = FederationReferenceTypes['Person']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Person']> | FederationReferenceType, FederationReferenceType, ContextType>;
  ref?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  representedEntities?: Resolver<Maybe<Array<ResolversTypes['LegalEntity']>>, ParentType, ContextType>;
};

export type QuarantineDropPayloadResolvers<ContextType = EntitiesContext, ParentType extends ResolversParentTypes['QuarantineDropPayload'] = ResolversParentTypes['QuarantineDropPayload']> = {
  clientMutationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  replayed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  row?: Resolver<Maybe<ResolversTypes['QuarantinedRow']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['QuarantineUserError']>, ParentType, ContextType>;
};

export type QuarantineFixPayloadResolvers<ContextType = EntitiesContext, ParentType extends ResolversParentTypes['QuarantineFixPayload'] = ResolversParentTypes['QuarantineFixPayload']> = {
  alias?: Resolver<Maybe<ResolversTypes['AddressAlias']>, ParentType, ContextType>;
  aliasCreated?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  clientMutationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  outcome?: Resolver<Maybe<ResolversTypes['QuarantineFixOutcome']>, ParentType, ContextType>;
  recordId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  row?: Resolver<Maybe<ResolversTypes['QuarantinedRow']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['QuarantineUserError']>, ParentType, ContextType>;
};

export type QuarantineHistoryEntryResolvers<ContextType = EntitiesContext, ParentType extends ResolversParentTypes['QuarantineHistoryEntry'] = ResolversParentTypes['QuarantineHistoryEntry']> = {
  action?: Resolver<ResolversTypes['QuarantineHistoryAction'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  by?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QuarantineUserErrorResolvers<ContextType = EntitiesContext, ParentType extends ResolversParentTypes['QuarantineUserError'] = ResolversParentTypes['QuarantineUserError']> = {
  code?: Resolver<ResolversTypes['QuarantineErrorCode'], ParentType, ContextType>;
  field?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type QuarantinedRowResolvers<ContextType = EntitiesContext, ParentType extends ResolversParentTypes['QuarantinedRow'] = ResolversParentTypes['QuarantinedRow']> = {
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

export type QuarantinedRowConnectionResolvers<ContextType = EntitiesContext, ParentType extends ResolversParentTypes['QuarantinedRowConnection'] = ResolversParentTypes['QuarantinedRowConnection']> = {
  edges?: Resolver<Array<ResolversTypes['QuarantinedRowEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type QuarantinedRowEdgeResolvers<ContextType = EntitiesContext, ParentType extends ResolversParentTypes['QuarantinedRowEdge'] = ResolversParentTypes['QuarantinedRowEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['QuarantinedRow'], ParentType, ContextType>;
};

export type QuarantinedValueResolvers<ContextType = EntitiesContext, ParentType extends ResolversParentTypes['QuarantinedValue'] = ResolversParentTypes['QuarantinedValue']> = {
  column?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = EntitiesContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  legalEntities?: Resolver<Array<Maybe<ResolversTypes['LegalEntity']>>, ParentType, ContextType, RequireFields<QueryLegalEntitiesArgs, 'creditCodes'>>;
  legalEntity?: Resolver<Maybe<ResolversTypes['LegalEntity']>, ParentType, ContextType, RequireFields<QueryLegalEntityArgs, 'creditCode'>>;
  quarantinedLegalEntities?: Resolver<Maybe<ResolversTypes['QuarantinedRowConnection']>, ParentType, ContextType, RequireFields<QueryQuarantinedLegalEntitiesArgs, 'first'>>;
  quarantinedLegalEntity?: Resolver<Maybe<ResolversTypes['QuarantinedRow']>, ParentType, ContextType, RequireFields<QueryQuarantinedLegalEntityArgs, 'id'>>;
};

export type ReportedAddressResolvers<ContextType = EntitiesContext, ParentType extends ResolversParentTypes['ReportedAddress'] = ResolversParentTypes['ReportedAddress']> = {
  candidates?: Resolver<Array<ResolversTypes['ReportedAddressCandidate']>, ParentType, ContextType>;
  code?: Resolver<Maybe<ResolversTypes['AddressCode']>, ParentType, ContextType>;
  confidence?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  level?: Resolver<Maybe<ResolversTypes['AddressLevel']>, ParentType, ContextType>;
};

export type ReportedAddressCandidateResolvers<ContextType = EntitiesContext, ParentType extends ResolversParentTypes['ReportedAddressCandidate'] = ResolversParentTypes['ReportedAddressCandidate']> = {
  code?: Resolver<ResolversTypes['AddressCode'], ParentType, ContextType>;
  fullName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['AddressLevel'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type UserErrorResolvers<ContextType = EntitiesContext, ParentType extends ResolversParentTypes['UserError'] = ResolversParentTypes['UserError']> = {
  code?: Resolver<ResolversTypes['UserErrorCode'], ParentType, ContextType>;
  currentVersion?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  field?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = EntitiesContext> = {
  Address?: AddressResolvers<ContextType>;
  AddressAlias?: AddressAliasResolvers<ContextType>;
  AddressCode?: GraphQLScalarType;
  CreditCode?: GraphQLScalarType;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  LegalEntity?: LegalEntityResolvers<ContextType>;
  LegalEntityChangePayload?: LegalEntityChangePayloadResolvers<ContextType>;
  LegalEntityConnection?: LegalEntityConnectionResolvers<ContextType>;
  LegalEntityEdge?: LegalEntityEdgeResolvers<ContextType>;
  LegalEntityRegisterPayload?: LegalEntityRegisterPayloadResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Person?: PersonResolvers<ContextType>;
  QuarantineDropPayload?: QuarantineDropPayloadResolvers<ContextType>;
  QuarantineFixPayload?: QuarantineFixPayloadResolvers<ContextType>;
  QuarantineHistoryEntry?: QuarantineHistoryEntryResolvers<ContextType>;
  QuarantineUserError?: QuarantineUserErrorResolvers<ContextType>;
  QuarantinedRow?: QuarantinedRowResolvers<ContextType>;
  QuarantinedRowConnection?: QuarantinedRowConnectionResolvers<ContextType>;
  QuarantinedRowEdge?: QuarantinedRowEdgeResolvers<ContextType>;
  QuarantinedValue?: QuarantinedValueResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ReportedAddress?: ReportedAddressResolvers<ContextType>;
  ReportedAddressCandidate?: ReportedAddressCandidateResolvers<ContextType>;
  UserError?: UserErrorResolvers<ContextType>;
};

