import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { QuarantinedRowMapper, QuarantineHistoryEntryMapper, AddressAliasRefMapper, CaseMapper, CasePartyMapper, AddressMapper, CaseConnectionMapper, CaseStatsMapper, CaseHistoryEntryMapper, CaseChangeMapper } from '../schema.mappers.ts';
import type { CasesContext } from '../context.ts';
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
 * An address, as seen by the cases subgraph: the cases that concern it.
 * Its fields are nullable so that, if this subgraph is unavailable, a query still returns
 * the other subgraphs' data (with an error) instead of failing whole.
 */
export type Address = {
  __typename?: 'Address';
  /** Counts of cases at and beneath this address, by status, kind and outcome. */
  caseStats?: Maybe<CaseStats>;
  /** Cases filed at and beneath this address per day, week or month, every bucket from the one holding `from` to the one holding `to` listed, zeros included; the first and last buckets count only the days inside the window. Above building level it is read from the daily summaries. */
  caseTrend?: Maybe<CaseTrend>;
  /** Cases at this address and everything beneath it, newest first. */
  cases?: Maybe<CaseConnection>;
  /** The standard address code. */
  code: Scalars['AddressCode']['output'];
};


/**
 * An address, as seen by the cases subgraph: the cases that concern it.
 * Its fields are nullable so that, if this subgraph is unavailable, a query still returns
 * the other subgraphs' data (with an error) instead of failing whole.
 */
export type AddressCaseStatsArgs = {
  kind?: InputMaybe<Array<CaseKind>>;
  since?: InputMaybe<Scalars['Date']['input']>;
};


/**
 * An address, as seen by the cases subgraph: the cases that concern it.
 * Its fields are nullable so that, if this subgraph is unavailable, a query still returns
 * the other subgraphs' data (with an error) instead of failing whole.
 */
export type AddressCaseTrendArgs = {
  bucket?: TrendBucket;
  from: Scalars['Date']['input'];
  kind?: InputMaybe<Array<CaseKind>>;
  to: Scalars['Date']['input'];
};


/**
 * An address, as seen by the cases subgraph: the cases that concern it.
 * Its fields are nullable so that, if this subgraph is unavailable, a query still returns
 * the other subgraphs' data (with an error) instead of failing whole.
 */
export type AddressCasesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filedBefore?: InputMaybe<Scalars['Date']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  kind?: InputMaybe<Array<CaseKind>>;
  since?: InputMaybe<Scalars['Date']['input']>;
  status?: InputMaybe<Array<CaseStatus>>;
  updatedBefore?: InputMaybe<Scalars['DateTime']['input']>;
  updatedSince?: InputMaybe<Scalars['DateTime']['input']>;
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

/** A case (案件): mediation, litigation, petition, legal aid, arbitration or financial dispute, tied to an address. */
export type Case = {
  __typename?: 'Case';
  /** The address the case concerns. */
  address: Address;
  /** Date it was closed; null while open. */
  closedOn?: Maybe<Scalars['Date']['output']>;
  /** Date it was filed. */
  filedOn: Scalars['Date']['output'];
  /** Every change made to it through the field app, oldest first (imported cases start without history). */
  history: Array<CaseHistoryEntry>;
  /** Case id. */
  id: Scalars['ID']['output'];
  /** What kind of case. */
  kind: CaseKind;
  /** How it ended; null while open. */
  outcome?: Maybe<CaseOutcome>;
  /** The parties: people and legal entities, with their roles. */
  parties: Array<CaseParty>;
  /** Events (事件) this case arose from; an item is null when the event lies outside the communities the viewer is confined to. */
  relatedEvents: Array<Maybe<Event>>;
  /** Where it is in its handling. */
  status: CaseStatus;
  /** What the case is about. */
  summary: Scalars['String']['output'];
  /** When this record last changed (any of its columns, by an edit or an import), to the millisecond; for incremental refreshes with `updatedSince`. */
  updatedAt: Scalars['DateTime']['output'];
  /** Changes with every write (a mutation or an import that changes the record); pass it to a change as `version`. */
  version: Scalars['Int']['output'];
};

/**
 * The steps of a case's handling (its state machine: FILED -> ACCEPTED -> IN_PROGRESS -> CLOSED;
 * an open case may be closed from any status, a closed one reopened).
 */
export type CaseAction =
  /** Accepted for handling: FILED -> ACCEPTED. */
  | 'ACCEPT'
  /** A party was added; the status does not change. */
  | 'ADD_PARTY'
  /** Closed with an outcome: FILED, ACCEPTED or IN_PROGRESS -> CLOSED. */
  | 'CLOSE'
  /** Opened: the case was created, in FILED. */
  | 'OPEN'
  /** Reopened: CLOSED -> IN_PROGRESS (its outcome and closing date are cleared; the history keeps them). */
  | 'REOPEN'
  /** Work began (mediation, hearing): ACCEPTED -> IN_PROGRESS. */
  | 'START';

/** Input of `caseAddParty`. */
export type CaseAddPartyInput = {
  /** See CaseOpenInput.clientMutationId. */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** The case. */
  id: Scalars['ID']['input'];
  /** Who joins, and on which side. */
  party: CasePartyInput;
  /** The version the client last saw (Case.version). */
  version: Scalars['Int']['input'];
};

/**
 * Where a written record lands: an address code, or a free text that is standardized on the way in.
 * Give exactly one of the two.
 */
export type CaseAddressInput = {
  /** A standard address code at community level or finer (12, 14, 19 or 25 characters). */
  code?: InputMaybe<Scalars['AddressCode']['input']>;
  /** A free-text address (e.g. `福田区福田街道水围村28栋1203`); the case lands on the deepest level the standardizer is certain of, at least a community. */
  text?: InputMaybe<Scalars['String']['input']>;
};

/** One committed change of a case, as `caseChanged` delivers it. */
export type CaseChange = {
  __typename?: 'CaseChange';
  /** The case as read after the change (a change committed just after may already show in it); its other fields resolve as in queries, through the gateway. */
  case: Case;
  /** What the change did. */
  change: CaseChangeKind;
  /** The status before the change; null when the case was created. */
  previousStatus?: Maybe<CaseStatus>;
  /** The status the change committed. */
  status: CaseStatus;
};

/** What a change delivered to `caseChanged` did to the case. */
export type CaseChangeKind =
  /** The case was opened: through the field app, imported, or inserted otherwise. */
  | 'CREATED'
  /** Its status moved (accepted, in progress, closed): `previousStatus` -> `status`. */
  | 'STATUS_CHANGED'
  /** Another of its values changed (a party added, an import's correction); the status stayed. */
  | 'UPDATED';

/** Result of a change to an existing case. */
export type CaseChangePayload = {
  __typename?: 'CaseChangePayload';
  /** The case after the change; null when refused. */
  case?: Maybe<Case>;
  /** The clientMutationId given. */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** True when this is the stored answer of an earlier request with the same clientMutationId. */
  replayed: Scalars['Boolean']['output'];
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** Input of `caseClose`. */
export type CaseCloseInput = {
  /** See CaseOpenInput.clientMutationId. */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** The case. */
  id: Scalars['ID']['input'];
  /** What was agreed or decided (at most 2000 characters). */
  note?: InputMaybe<Scalars['String']['input']>;
  /** How it ended. */
  outcome: CaseOutcome;
  /** The version the client last saw (Case.version). */
  version: Scalars['Int']['input'];
};

/** A page of cases. */
export type CaseConnection = {
  __typename?: 'CaseConnection';
  /** The cases on this page. */
  edges: Array<CaseEdge>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** How many cases the whole list holds. */
  totalCount: Scalars['Int']['output'];
};

/** One case in a page. */
export type CaseEdge = {
  __typename?: 'CaseEdge';
  /** Pass as `after` to get the cases following this one. */
  cursor: Scalars['String']['output'];
  /** The case. */
  node: Case;
};

/** One change of a case made through a mutation. */
export type CaseHistoryEntry = {
  __typename?: 'CaseHistoryEntry';
  /** What was done. */
  action: CaseAction;
  /** Who made it: the subject of the token. */
  actor: Scalars['String']['output'];
  /** When it was made. */
  at: Scalars['DateTime']['output'];
  /** Status before; null for the opening that created the case. */
  fromStatus?: Maybe<CaseStatus>;
  /** The note given with the change, if any. */
  note?: Maybe<Scalars['String']['output']>;
  /** The outcome the case was closed with (CLOSE only); null otherwise. */
  outcome?: Maybe<CaseOutcome>;
  /** Status after. */
  toStatus: CaseStatus;
  /** The case's version after the change. */
  version: Scalars['Int']['output'];
};

/** What kind of case (案件). */
export type CaseKind =
  /** 仲裁 — arbitration (labour, commercial). */
  | 'ARBITRATION'
  /** 金融纠纷 — a financial dispute (loans, investment fraud). */
  | 'FINANCIAL'
  /** 法律援助 — legal aid. */
  | 'LEGAL_AID'
  /** 诉讼 — litigation before a court. */
  | 'LITIGATION'
  /** 人民调解 — people's mediation. */
  | 'MEDIATION'
  /** 信访 — a petition to the authorities. */
  | 'PETITION';

/** Number of cases of one kind. */
export type CaseKindCount = {
  __typename?: 'CaseKindCount';
  /** How many cases. */
  count: Scalars['Int']['output'];
  /** The kind. */
  kind: CaseKind;
};

/** Input of `caseOpen`. */
export type CaseOpenInput = {
  /** The address the case concerns. */
  address: CaseAddressInput;
  /** Chosen by the client, unique per request it means; a retry with the same id returns the first result instead of opening twice. Remembered for 24 hours. */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** What kind of case. */
  kind: CaseKind;
  /** The parties, 1 to 20 people and legal entities, each once, in the order they are to be listed. */
  parties: Array<CasePartyInput>;
  /** Ids of events (事件) the case arises from, at most 20, each once; checked for form, not looked up. */
  relatedEventIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** What the case is about (1 to 2000 characters); read back as `Case.summary`. */
  summary: Scalars['String']['input'];
};

/** Result of `caseOpen`. */
export type CaseOpenPayload = {
  __typename?: 'CaseOpenPayload';
  /** Where its address landed (also when refused as not precise enough, with the candidates). */
  address?: Maybe<ReportedAddress>;
  /** The case opened; null when refused. */
  case?: Maybe<Case>;
  /** The clientMutationId given. */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** True when this is the stored answer of an earlier request with the same clientMutationId. */
  replayed: Scalars['Boolean']['output'];
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** How a closed case ended. */
export type CaseOutcome =
  /** 调解不成 — mediation failed. */
  | 'FAILED'
  /** 判决 / 裁决 — decided by a court or arbitrator. */
  | 'JUDGED'
  /** 调解成功 — settled by mediation. */
  | 'MEDIATED'
  /** 转办 — referred to another body. */
  | 'REFERRED'
  /** 不予受理 / 驳回 — rejected. */
  | 'REJECTED'
  /** 撤回 — withdrawn by the applicant. */
  | 'WITHDRAWN';

/** Number of closed cases with one outcome. */
export type CaseOutcomeCount = {
  __typename?: 'CaseOutcomeCount';
  /** How many cases. */
  count: Scalars['Int']['output'];
  /** The outcome. */
  outcome: CaseOutcome;
};

/**
 * A party to a case: exactly one of person and entity is set. Its `person` is answered by the people
 * subgraph (which applies community scoping) from the inaccessible key `personRef`, so even
 * `person { __typename }` is null for someone living outside the viewer's communities.
 */
export type CaseParty = {
  __typename?: 'CaseParty';
  /** The party when it is a legal entity. */
  entity?: Maybe<LegalEntity>;
  /** The people subgraph's internal key of the person party; empty for a legal entity party. Not selectable by clients. */
  personRef: Scalars['ID']['output'];
  /** The side this party takes. */
  role: PartyRole;
};

/** A party to a case: exactly one of `personId` and `creditCode`, with the side it takes. */
export type CasePartyInput = {
  /** A legal entity's credit code. */
  creditCode?: InputMaybe<Scalars['CreditCode']['input']>;
  /** A person's id (the people subgraph's); checked for form, not looked up. */
  personId?: InputMaybe<Scalars['ID']['input']>;
  /** The side the party takes. */
  role: PartyRole;
};

/** Case counts for an address subtree. */
export type CaseStats = {
  __typename?: 'CaseStats';
  /** Counts per kind, kinds with at least one case, largest first. */
  byKind: Array<CaseKindCount>;
  /** Counts per outcome of closed cases, largest first. */
  byOutcome: Array<CaseOutcomeCount>;
  /** Counts per status, every status listed. */
  byStatus: Array<CaseStatusCount>;
  /** Cases not yet closed. */
  open: Scalars['Int']['output'];
  /** All cases. */
  total: Scalars['Int']['output'];
};

/** Where a case is in its handling. */
export type CaseStatus =
  /** 已受理 — accepted. */
  | 'ACCEPTED'
  /** 已结案 — closed. */
  | 'CLOSED'
  /** 立案申请 — filed. */
  | 'FILED'
  /** 办理中 — in progress. */
  | 'IN_PROGRESS';

/** Number of cases in one status. */
export type CaseStatusCount = {
  __typename?: 'CaseStatusCount';
  /** How many cases. */
  count: Scalars['Int']['output'];
  /** The status. */
  status: CaseStatus;
};

/** Counts of cases filed per bucket of a window. */
export type CaseTrend = {
  __typename?: 'CaseTrend';
  /** Width of the buckets. */
  bucket: TrendBucket;
  /** Every bucket of the window, in order, zeros included. */
  points: Array<CaseTrendPoint>;
  /** Cases filed in the whole window. */
  total: Scalars['Int']['output'];
};

/** Number of cases filed in one bucket of a trend. */
export type CaseTrendPoint = {
  __typename?: 'CaseTrendPoint';
  /** Cases filed in the bucket, within the window. */
  count: Scalars['Int']['output'];
  /** First day of the bucket: the day, the week's Monday or the month's first day (may lie before the window's `from`). */
  start: Scalars['Date']['output'];
};

/** Input of `caseUpdateStatus`. */
export type CaseUpdateStatusInput = {
  /** See CaseOpenInput.clientMutationId. */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** The case. */
  id: Scalars['ID']['input'];
  /** Why, or what was done (at most 2000 characters). */
  note?: InputMaybe<Scalars['String']['input']>;
  /** The status to move to: ACCEPTED (from FILED) or IN_PROGRESS (from ACCEPTED, or from CLOSED to reopen). A case is closed with `caseClose`. */
  status: CaseStatus;
  /** The version the client last saw (Case.version). */
  version: Scalars['Int']['input'];
};

/** An event, resolved by the events subgraph. */
export type Event = {
  __typename?: 'Event';
  /** Event id. */
  id: Scalars['ID']['output'];
};

/** A legal entity, resolved by the entities subgraph. */
export type LegalEntity = {
  __typename?: 'LegalEntity';
  /** Unified social credit code. */
  creditCode: Scalars['CreditCode']['output'];
};

/**
 * Writes of the cases subgraph. Each runs in one transaction, is audited before it is answered,
 * takes a `clientMutationId` for safe retries, and (changes) the `version` last seen.
 */
export type Mutation = {
  __typename?: 'Mutation';
  /** Adds a person or legal entity as a party to an open case (not CLOSED). */
  caseAddParty: CaseChangePayload;
  /** Closes an open case (FILED, ACCEPTED or IN_PROGRESS) with its outcome; sets `closedOn` to today. */
  caseClose: CaseChangePayload;
  /** Opens a case at an address in the viewer's communities; it starts FILED, filed today (China Standard Time). */
  caseOpen: CaseOpenPayload;
  /** Drops a quarantined case row with a reason (steward:write): marked DROPPED and kept. */
  caseQuarantineDrop: QuarantineDropPayload;
  /** Fixes a quarantined case row (steward:write): re-validates it, loads it and marks it FIXED, teaching its address text as an alias. */
  caseQuarantineFix: QuarantineFixPayload;
  /** Moves a case along its workflow: FILED -> ACCEPTED -> IN_PROGRESS, or reopens a closed case to IN_PROGRESS. */
  caseUpdateStatus: CaseChangePayload;
};


/**
 * Writes of the cases subgraph. Each runs in one transaction, is audited before it is answered,
 * takes a `clientMutationId` for safe retries, and (changes) the `version` last seen.
 */
export type MutationCaseAddPartyArgs = {
  input: CaseAddPartyInput;
};


/**
 * Writes of the cases subgraph. Each runs in one transaction, is audited before it is answered,
 * takes a `clientMutationId` for safe retries, and (changes) the `version` last seen.
 */
export type MutationCaseCloseArgs = {
  input: CaseCloseInput;
};


/**
 * Writes of the cases subgraph. Each runs in one transaction, is audited before it is answered,
 * takes a `clientMutationId` for safe retries, and (changes) the `version` last seen.
 */
export type MutationCaseOpenArgs = {
  input: CaseOpenInput;
};


/**
 * Writes of the cases subgraph. Each runs in one transaction, is audited before it is answered,
 * takes a `clientMutationId` for safe retries, and (changes) the `version` last seen.
 */
export type MutationCaseQuarantineDropArgs = {
  input: QuarantineDropInput;
};


/**
 * Writes of the cases subgraph. Each runs in one transaction, is audited before it is answered,
 * takes a `clientMutationId` for safe retries, and (changes) the `version` last seen.
 */
export type MutationCaseQuarantineFixArgs = {
  input: QuarantineFixInput;
};


/**
 * Writes of the cases subgraph. Each runs in one transaction, is audited before it is answered,
 * takes a `clientMutationId` for safe retries, and (changes) the `version` last seen.
 */
export type MutationCaseUpdateStatusArgs = {
  input: CaseUpdateStatusInput;
};

/** Forward pagination state of a connection. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last edge of this page; null on an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** True when another page follows this one. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** The side a party takes in a case. */
export type PartyRole =
  /** 申请人 / 原告 — the applicant or plaintiff. */
  | 'APPLICANT'
  /** 被申请人 / 被告 — the respondent or defendant. */
  | 'RESPONDENT'
  /** 第三人 — a third party. */
  | 'THIRD_PARTY';

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
  /** One case by id; null and a NOT_FOUND error when unknown. */
  case?: Maybe<Case>;
  /** Several cases by id, in the order asked; null where unknown. At most 500. */
  cases: Array<Maybe<Case>>;
  /** One quarantined case row by id, whatever its status; null and NOT_FOUND when unknown or outside the steward's communities. */
  quarantinedCase?: Maybe<QuarantinedRow>;
  /** The case rows imports could not load (steward:read; a confined steward sees only their communities' rows), oldest first. */
  quarantinedCases?: Maybe<QuarantinedRowConnection>;
};


export type QueryCaseArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCasesArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryQuarantinedCaseArgs = {
  id: Scalars['ID']['input'];
};


export type QueryQuarantinedCasesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<QuarantineFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
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

/** Live changes of cases, delivered as they commit (GraphQL over SSE through the gateway). */
export type Subscription = {
  __typename?: 'Subscription';
  /**
   * Every case opened or changed under `addressPrefix` (any level, district to room), as each
   * change commits, whoever made it (the field app, an import, another process). `kinds` and
   * `statuses` (the status the change committed) narrow it (null: all). A viewer confined to
   * communities receives only cases inside them, and every field is authorized and masked as in
   * queries. The stream ends, with a TOKEN_EXPIRED error, when the token expires.
   */
  caseChanged: CaseChange;
};


/** Live changes of cases, delivered as they commit (GraphQL over SSE through the gateway). */
export type SubscriptionCaseChangedArgs = {
  addressPrefix: Scalars['AddressCode']['input'];
  kinds?: InputMaybe<Array<CaseKind>>;
  statuses?: InputMaybe<Array<CaseStatus>>;
};

/** Width of the buckets of a trend. */
export type TrendBucket =
  /** One calendar day (China Standard Time). */
  | 'DAY'
  /** One calendar month. */
  | 'MONTH'
  /** One week, Monday to Sunday. */
  | 'WEEK';

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
  Case: Case;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Address:
    ( { __typename: 'Address' }
    & GraphQLRecursivePick<FederationTypes['Address'], {"code":true}> );
  Case:
    ( { __typename: 'Case' }
    & GraphQLRecursivePick<FederationTypes['Case'], {"id":true}> );
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
  Case: ResolverTypeWrapper<CaseMapper>;
  CaseAction: CaseAction;
  CaseAddPartyInput: CaseAddPartyInput;
  CaseAddressInput: CaseAddressInput;
  CaseChange: ResolverTypeWrapper<CaseChangeMapper>;
  CaseChangeKind: CaseChangeKind;
  CaseChangePayload: ResolverTypeWrapper<Omit<CaseChangePayload, 'case'> & { case?: Maybe<ResolversTypes['Case']> }>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  CaseCloseInput: CaseCloseInput;
  CaseConnection: ResolverTypeWrapper<CaseConnectionMapper>;
  CaseEdge: ResolverTypeWrapper<Omit<CaseEdge, 'node'> & { node: ResolversTypes['Case'] }>;
  CaseHistoryEntry: ResolverTypeWrapper<CaseHistoryEntryMapper>;
  CaseKind: CaseKind;
  CaseKindCount: ResolverTypeWrapper<CaseKindCount>;
  CaseOpenInput: CaseOpenInput;
  CaseOpenPayload: ResolverTypeWrapper<Omit<CaseOpenPayload, 'case'> & { case?: Maybe<ResolversTypes['Case']> }>;
  CaseOutcome: CaseOutcome;
  CaseOutcomeCount: ResolverTypeWrapper<CaseOutcomeCount>;
  CaseParty: ResolverTypeWrapper<CasePartyMapper>;
  CasePartyInput: CasePartyInput;
  CaseStats: ResolverTypeWrapper<CaseStatsMapper>;
  CaseStatus: CaseStatus;
  CaseStatusCount: ResolverTypeWrapper<CaseStatusCount>;
  CaseTrend: ResolverTypeWrapper<CaseTrend>;
  CaseTrendPoint: ResolverTypeWrapper<CaseTrendPoint>;
  CaseUpdateStatusInput: CaseUpdateStatusInput;
  CreditCode: ResolverTypeWrapper<Scalars['CreditCode']['output']>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Event: ResolverTypeWrapper<Event>;
  LegalEntity: ResolverTypeWrapper<LegalEntity>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PartyRole: PartyRole;
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
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TrendBucket: TrendBucket;
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
  Case: CaseMapper;
  CaseAddPartyInput: CaseAddPartyInput;
  CaseAddressInput: CaseAddressInput;
  CaseChange: CaseChangeMapper;
  CaseChangePayload: Omit<CaseChangePayload, 'case'> & { case?: Maybe<ResolversParentTypes['Case']> };
  Boolean: Scalars['Boolean']['output'];
  CaseCloseInput: CaseCloseInput;
  CaseConnection: CaseConnectionMapper;
  CaseEdge: Omit<CaseEdge, 'node'> & { node: ResolversParentTypes['Case'] };
  CaseHistoryEntry: CaseHistoryEntryMapper;
  CaseKindCount: CaseKindCount;
  CaseOpenInput: CaseOpenInput;
  CaseOpenPayload: Omit<CaseOpenPayload, 'case'> & { case?: Maybe<ResolversParentTypes['Case']> };
  CaseOutcomeCount: CaseOutcomeCount;
  CaseParty: CasePartyMapper;
  CasePartyInput: CasePartyInput;
  CaseStats: CaseStatsMapper;
  CaseStatusCount: CaseStatusCount;
  CaseTrend: CaseTrend;
  CaseTrendPoint: CaseTrendPoint;
  CaseUpdateStatusInput: CaseUpdateStatusInput;
  CreditCode: Scalars['CreditCode']['output'];
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  Event: Event;
  LegalEntity: LegalEntity;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
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
  Subscription: Record<PropertyKey, never>;
  UserError: UserError;
};

export type AddressResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['Address'] = ResolversParentTypes['Address'], FederationReferenceType extends FederationReferenceTypes['Address'] = FederationReferenceTypes['Address']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Address']> | FederationReferenceType, FederationReferenceType, ContextType>;
  caseStats?: Resolver<Maybe<ResolversTypes['CaseStats']>, ParentType, ContextType, Partial<AddressCaseStatsArgs>>;
  caseTrend?: Resolver<Maybe<ResolversTypes['CaseTrend']>, ParentType, ContextType, RequireFields<AddressCaseTrendArgs, 'bucket' | 'from' | 'to'>>;
  cases?: Resolver<Maybe<ResolversTypes['CaseConnection']>, ParentType, ContextType, RequireFields<AddressCasesArgs, 'first'>>;
  code?: Resolver<ResolversTypes['AddressCode'], ParentType, ContextType>;
};

export type AddressAliasResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['AddressAlias'] = ResolversParentTypes['AddressAlias']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export interface AddressCodeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['AddressCode'], any> {
  name: 'AddressCode';
}

export type CaseResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['Case'] = ResolversParentTypes['Case'], FederationReferenceType extends FederationReferenceTypes['Case'] = FederationReferenceTypes['Case']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Case']> | FederationReferenceType, FederationReferenceType, ContextType>;
  address?: Resolver<ResolversTypes['Address'], ParentType, ContextType>;
  closedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  filedOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  history?: Resolver<Array<ResolversTypes['CaseHistoryEntry']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['CaseKind'], ParentType, ContextType>;
  outcome?: Resolver<Maybe<ResolversTypes['CaseOutcome']>, ParentType, ContextType>;
  parties?: Resolver<Array<ResolversTypes['CaseParty']>, ParentType, ContextType>;
  relatedEvents?: Resolver<Array<Maybe<ResolversTypes['Event']>>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CaseStatus'], ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CaseChangeResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['CaseChange'] = ResolversParentTypes['CaseChange']> = {
  case?: Resolver<ResolversTypes['Case'], ParentType, ContextType>;
  change?: Resolver<ResolversTypes['CaseChangeKind'], ParentType, ContextType>;
  previousStatus?: Resolver<Maybe<ResolversTypes['CaseStatus']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CaseStatus'], ParentType, ContextType>;
};

export type CaseChangePayloadResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['CaseChangePayload'] = ResolversParentTypes['CaseChangePayload']> = {
  case?: Resolver<Maybe<ResolversTypes['Case']>, ParentType, ContextType>;
  clientMutationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  replayed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type CaseConnectionResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['CaseConnection'] = ResolversParentTypes['CaseConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CaseEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CaseEdgeResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['CaseEdge'] = ResolversParentTypes['CaseEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Case'], ParentType, ContextType>;
};

export type CaseHistoryEntryResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['CaseHistoryEntry'] = ResolversParentTypes['CaseHistoryEntry']> = {
  action?: Resolver<ResolversTypes['CaseAction'], ParentType, ContextType>;
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  fromStatus?: Resolver<Maybe<ResolversTypes['CaseStatus']>, ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  outcome?: Resolver<Maybe<ResolversTypes['CaseOutcome']>, ParentType, ContextType>;
  toStatus?: Resolver<ResolversTypes['CaseStatus'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CaseKindCountResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['CaseKindCount'] = ResolversParentTypes['CaseKindCount']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['CaseKind'], ParentType, ContextType>;
};

export type CaseOpenPayloadResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['CaseOpenPayload'] = ResolversParentTypes['CaseOpenPayload']> = {
  address?: Resolver<Maybe<ResolversTypes['ReportedAddress']>, ParentType, ContextType>;
  case?: Resolver<Maybe<ResolversTypes['Case']>, ParentType, ContextType>;
  clientMutationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  replayed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type CaseOutcomeCountResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['CaseOutcomeCount'] = ResolversParentTypes['CaseOutcomeCount']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['CaseOutcome'], ParentType, ContextType>;
};

export type CasePartyResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['CaseParty'] = ResolversParentTypes['CaseParty']> = {
  entity?: Resolver<Maybe<ResolversTypes['LegalEntity']>, ParentType, ContextType>;
  personRef?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['PartyRole'], ParentType, ContextType>;
};

export type CaseStatsResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['CaseStats'] = ResolversParentTypes['CaseStats']> = {
  byKind?: Resolver<Array<ResolversTypes['CaseKindCount']>, ParentType, ContextType>;
  byOutcome?: Resolver<Array<ResolversTypes['CaseOutcomeCount']>, ParentType, ContextType>;
  byStatus?: Resolver<Array<ResolversTypes['CaseStatusCount']>, ParentType, ContextType>;
  open?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CaseStatusCountResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['CaseStatusCount'] = ResolversParentTypes['CaseStatusCount']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CaseStatus'], ParentType, ContextType>;
};

export type CaseTrendResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['CaseTrend'] = ResolversParentTypes['CaseTrend']> = {
  bucket?: Resolver<ResolversTypes['TrendBucket'], ParentType, ContextType>;
  points?: Resolver<Array<ResolversTypes['CaseTrendPoint']>, ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CaseTrendPointResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['CaseTrendPoint'] = ResolversParentTypes['CaseTrendPoint']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  start?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
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

export type EventResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['Event'] = ResolversParentTypes['Event']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type LegalEntityResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['LegalEntity'] = ResolversParentTypes['LegalEntity']> = {
  creditCode?: Resolver<ResolversTypes['CreditCode'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  caseAddParty?: Resolver<ResolversTypes['CaseChangePayload'], ParentType, ContextType, RequireFields<MutationCaseAddPartyArgs, 'input'>>;
  caseClose?: Resolver<ResolversTypes['CaseChangePayload'], ParentType, ContextType, RequireFields<MutationCaseCloseArgs, 'input'>>;
  caseOpen?: Resolver<ResolversTypes['CaseOpenPayload'], ParentType, ContextType, RequireFields<MutationCaseOpenArgs, 'input'>>;
  caseQuarantineDrop?: Resolver<ResolversTypes['QuarantineDropPayload'], ParentType, ContextType, RequireFields<MutationCaseQuarantineDropArgs, 'input'>>;
  caseQuarantineFix?: Resolver<ResolversTypes['QuarantineFixPayload'], ParentType, ContextType, RequireFields<MutationCaseQuarantineFixArgs, 'input'>>;
  caseUpdateStatus?: Resolver<ResolversTypes['CaseChangePayload'], ParentType, ContextType, RequireFields<MutationCaseUpdateStatusArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QuarantineDropPayloadResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['QuarantineDropPayload'] = ResolversParentTypes['QuarantineDropPayload']> = {
  clientMutationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  replayed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  row?: Resolver<Maybe<ResolversTypes['QuarantinedRow']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['QuarantineUserError']>, ParentType, ContextType>;
};

export type QuarantineFixPayloadResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['QuarantineFixPayload'] = ResolversParentTypes['QuarantineFixPayload']> = {
  alias?: Resolver<Maybe<ResolversTypes['AddressAlias']>, ParentType, ContextType>;
  aliasCreated?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  clientMutationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  outcome?: Resolver<Maybe<ResolversTypes['QuarantineFixOutcome']>, ParentType, ContextType>;
  recordId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  row?: Resolver<Maybe<ResolversTypes['QuarantinedRow']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['QuarantineUserError']>, ParentType, ContextType>;
};

export type QuarantineHistoryEntryResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['QuarantineHistoryEntry'] = ResolversParentTypes['QuarantineHistoryEntry']> = {
  action?: Resolver<ResolversTypes['QuarantineHistoryAction'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  by?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QuarantineUserErrorResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['QuarantineUserError'] = ResolversParentTypes['QuarantineUserError']> = {
  code?: Resolver<ResolversTypes['QuarantineErrorCode'], ParentType, ContextType>;
  field?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type QuarantinedRowResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['QuarantinedRow'] = ResolversParentTypes['QuarantinedRow']> = {
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

export type QuarantinedRowConnectionResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['QuarantinedRowConnection'] = ResolversParentTypes['QuarantinedRowConnection']> = {
  edges?: Resolver<Array<ResolversTypes['QuarantinedRowEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type QuarantinedRowEdgeResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['QuarantinedRowEdge'] = ResolversParentTypes['QuarantinedRowEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['QuarantinedRow'], ParentType, ContextType>;
};

export type QuarantinedValueResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['QuarantinedValue'] = ResolversParentTypes['QuarantinedValue']> = {
  column?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  case?: Resolver<Maybe<ResolversTypes['Case']>, ParentType, ContextType, RequireFields<QueryCaseArgs, 'id'>>;
  cases?: Resolver<Array<Maybe<ResolversTypes['Case']>>, ParentType, ContextType, RequireFields<QueryCasesArgs, 'ids'>>;
  quarantinedCase?: Resolver<Maybe<ResolversTypes['QuarantinedRow']>, ParentType, ContextType, RequireFields<QueryQuarantinedCaseArgs, 'id'>>;
  quarantinedCases?: Resolver<Maybe<ResolversTypes['QuarantinedRowConnection']>, ParentType, ContextType, RequireFields<QueryQuarantinedCasesArgs, 'first'>>;
};

export type ReportedAddressResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['ReportedAddress'] = ResolversParentTypes['ReportedAddress']> = {
  candidates?: Resolver<Array<ResolversTypes['ReportedAddressCandidate']>, ParentType, ContextType>;
  code?: Resolver<Maybe<ResolversTypes['AddressCode']>, ParentType, ContextType>;
  confidence?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  level?: Resolver<Maybe<ResolversTypes['AddressLevel']>, ParentType, ContextType>;
};

export type ReportedAddressCandidateResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['ReportedAddressCandidate'] = ResolversParentTypes['ReportedAddressCandidate']> = {
  code?: Resolver<ResolversTypes['AddressCode'], ParentType, ContextType>;
  fullName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['AddressLevel'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  caseChanged?: SubscriptionResolver<ResolversTypes['CaseChange'], "caseChanged", ParentType, ContextType, RequireFields<SubscriptionCaseChangedArgs, 'addressPrefix'>>;
};

export type UserErrorResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['UserError'] = ResolversParentTypes['UserError']> = {
  code?: Resolver<ResolversTypes['UserErrorCode'], ParentType, ContextType>;
  currentVersion?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  field?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = CasesContext> = {
  Address?: AddressResolvers<ContextType>;
  AddressAlias?: AddressAliasResolvers<ContextType>;
  AddressCode?: GraphQLScalarType;
  Case?: CaseResolvers<ContextType>;
  CaseChange?: CaseChangeResolvers<ContextType>;
  CaseChangePayload?: CaseChangePayloadResolvers<ContextType>;
  CaseConnection?: CaseConnectionResolvers<ContextType>;
  CaseEdge?: CaseEdgeResolvers<ContextType>;
  CaseHistoryEntry?: CaseHistoryEntryResolvers<ContextType>;
  CaseKindCount?: CaseKindCountResolvers<ContextType>;
  CaseOpenPayload?: CaseOpenPayloadResolvers<ContextType>;
  CaseOutcomeCount?: CaseOutcomeCountResolvers<ContextType>;
  CaseParty?: CasePartyResolvers<ContextType>;
  CaseStats?: CaseStatsResolvers<ContextType>;
  CaseStatusCount?: CaseStatusCountResolvers<ContextType>;
  CaseTrend?: CaseTrendResolvers<ContextType>;
  CaseTrendPoint?: CaseTrendPointResolvers<ContextType>;
  CreditCode?: GraphQLScalarType;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Event?: EventResolvers<ContextType>;
  LegalEntity?: LegalEntityResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
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
  Subscription?: SubscriptionResolvers<ContextType>;
  UserError?: UserErrorResolvers<ContextType>;
};

