import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { QuarantinedRowMapper, QuarantineHistoryEntryMapper, AddressAliasRefMapper, EventMapper, AddressMapper, EventConnectionMapper, EventStatsMapper, EventPersonLinkMapper, EventEntityLinkMapper, EventHistoryEntryMapper, EventChangeMapper } from '../schema.mappers.ts';
import type { EventsContext } from '../context.ts';
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
 * An address, as seen by the events subgraph: what happened there.
 * Its fields are nullable so that, if this subgraph is unavailable, a query still returns
 * the other subgraphs' data (with an error) instead of failing whole.
 */
export type Address = {
  __typename?: 'Address';
  /** The standard address code. */
  code: Scalars['AddressCode']['output'];
  /** Counts of events at and beneath this address, by status and kind. */
  eventStats?: Maybe<EventStats>;
  /** Events reported at and beneath this address per day, week or month (days in China Standard Time), every bucket from the one holding `from` to the one holding `to` listed, zeros included; the first and last buckets count only the days inside the window. Above building level it is read from the daily summaries. */
  eventTrend?: Maybe<EventTrend>;
  /** Events at this address and everything beneath it, newest first. */
  events?: Maybe<EventConnection>;
};


/**
 * An address, as seen by the events subgraph: what happened there.
 * Its fields are nullable so that, if this subgraph is unavailable, a query still returns
 * the other subgraphs' data (with an error) instead of failing whole.
 */
export type AddressEventStatsArgs = {
  since?: InputMaybe<Scalars['DateTime']['input']>;
};


/**
 * An address, as seen by the events subgraph: what happened there.
 * Its fields are nullable so that, if this subgraph is unavailable, a query still returns
 * the other subgraphs' data (with an error) instead of failing whole.
 */
export type AddressEventTrendArgs = {
  bucket?: TrendBucket;
  from: Scalars['Date']['input'];
  kind?: InputMaybe<Array<EventKind>>;
  to: Scalars['Date']['input'];
};


/**
 * An address, as seen by the events subgraph: what happened there.
 * Its fields are nullable so that, if this subgraph is unavailable, a query still returns
 * the other subgraphs' data (with an error) instead of failing whole.
 */
export type AddressEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  kind?: InputMaybe<Array<EventKind>>;
  reportedBefore?: InputMaybe<Scalars['DateTime']['input']>;
  severity?: InputMaybe<Array<EventSeverity>>;
  since?: InputMaybe<Scalars['DateTime']['input']>;
  status?: InputMaybe<Array<EventStatus>>;
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

/** An event (事件) reported at an address: a hazard, a dispute, an incident. */
export type Event = {
  __typename?: 'Event';
  /** Where it happened. */
  address: Address;
  /** The person the event is assigned to (answered by the people subgraph, with its scoping); null otherwise. */
  assignedPerson?: Maybe<EventPersonLink>;
  /** The unit the event is assigned to; null when unassigned or assigned to a person. */
  assignedUnit?: Maybe<Scalars['String']['output']>;
  /** When it was closed; null until then. */
  closedAt?: Maybe<Scalars['DateTime']['output']>;
  /** What was reported, in the reporter's words. */
  description: Scalars['String']['output'];
  /** Every change made to it through the field app, oldest first (imported events start without history). */
  history: Array<EventHistoryEntry>;
  /** Event id. */
  id: Scalars['ID']['output'];
  /** Legal entities taking part, with their roles. */
  involvedEntities: Array<EventEntityLink>;
  /** People taking part, with their roles. */
  involvedPeople: Array<EventPersonLink>;
  /** What kind of event. */
  kind: EventKind;
  /** When it was reported. */
  reportedAt: Scalars['DateTime']['output'];
  /** When it was resolved; null while open. */
  resolvedAt?: Maybe<Scalars['DateTime']['output']>;
  /** How serious it is. */
  severity: EventSeverity;
  /** How it was reported. */
  source: EventSource;
  /** Where it is in its handling. */
  status: EventStatus;
  /** When this record last changed (any of its columns, by an edit or an import), to the millisecond; for incremental refreshes with `updatedSince`. */
  updatedAt: Scalars['DateTime']['output'];
  /** Changes with every write (a mutation or an import that changes the record); pass it to a transition as `version`. */
  version: Scalars['Int']['output'];
};

/** The steps of an event's handling (its state machine: REPORTED -> ASSIGNED -> RESOLVED -> CLOSED, and reopen). */
export type EventAction =
  /** A person or legal entity was added; the status does not change. */
  | 'ADD_PARTICIPANT'
  /** Assigned to a unit or person: REPORTED or ASSIGNED -> ASSIGNED. */
  | 'ASSIGN'
  /** Checked and closed: RESOLVED -> CLOSED. */
  | 'CLOSE'
  /** Reopened: RESOLVED or CLOSED -> ASSIGNED (REPORTED when nobody was ever assigned). */
  | 'REOPEN'
  /** Reported: the event was created, in REPORTED. */
  | 'REPORT'
  /** Resolved by the assignee: ASSIGNED -> RESOLVED. */
  | 'RESOLVE';

/** Input of `eventAddParticipant`. */
export type EventAddParticipantInput = {
  /** See EventReportInput.clientMutationId. */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** The event. */
  id: Scalars['ID']['input'];
  /** Who takes part. */
  participant: EventParticipantInput;
  /** The version the client last saw (Event.version). */
  version: Scalars['Int']['input'];
};

/**
 * Where a reported event lands: an address code, or a free text that is standardized on the way in.
 * Give exactly one of the two.
 */
export type EventAddressInput = {
  /** A standard address code at community level or finer (12, 14, 19 or 25 characters). */
  code?: InputMaybe<Scalars['AddressCode']['input']>;
  /** A free-text address (e.g. `福田区福田街道水围村28栋1203`); the event lands on the deepest level the standardizer is certain of, at least a community. */
  text?: InputMaybe<Scalars['String']['input']>;
};

/** Input of `eventAssign`. */
export type EventAssignInput = {
  /** Whom to assign it to. */
  assignee: EventAssigneeInput;
  /** See EventReportInput.clientMutationId. */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** The event. */
  id: Scalars['ID']['input'];
  /** Why, or what to do (at most 2000 characters). */
  note?: InputMaybe<Scalars['String']['input']>;
  /** The version the client last saw (Event.version). */
  version: Scalars['Int']['input'];
};

/** Whom an event is assigned to: exactly one of `unit` and `personId`. */
export type EventAssigneeInput = {
  /** A person's id (the people subgraph's). */
  personId?: InputMaybe<Scalars['ID']['input']>;
  /** A unit's name, e.g. `福田街道城管执法队` (1 to 200 characters). */
  unit?: InputMaybe<Scalars['String']['input']>;
};

/** One committed change of an event, as `eventChanged` delivers it. */
export type EventChange = {
  __typename?: 'EventChange';
  /** What the change did. */
  change: EventChangeKind;
  /** The event as read after the change (a change committed just after may already show in it); its other fields resolve as in queries, through the gateway. */
  event: Event;
  /** The status before the change; null when the event was created. */
  previousStatus?: Maybe<EventStatus>;
  /** The status the change committed. */
  status: EventStatus;
};

/** What a change delivered to `eventChanged` did to the event. */
export type EventChangeKind =
  /** The event was created: reported through the field app, imported, or inserted otherwise. */
  | 'CREATED'
  /** Its status moved (assigned from REPORTED, resolved, closed, reopened): `previousStatus` -> `status`. */
  | 'STATUS_CHANGED'
  /** Another of its values changed (reassigned, a participant added, an import's correction); the status stayed. */
  | 'UPDATED';

/** Result of a change to an existing event. */
export type EventChangePayload = {
  __typename?: 'EventChangePayload';
  /** The clientMutationId given. */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** The event after the change; null when refused. */
  event?: Maybe<Event>;
  /** True when this is the stored answer of an earlier request with the same clientMutationId. */
  replayed: Scalars['Boolean']['output'];
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** A page of events. */
export type EventConnection = {
  __typename?: 'EventConnection';
  /** The events on this page. */
  edges: Array<EventEdge>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** How many events the whole list holds. */
  totalCount: Scalars['Int']['output'];
};

/** One event in a page. */
export type EventEdge = {
  __typename?: 'EventEdge';
  /** Pass as `after` to get the events following this one. */
  cursor: Scalars['String']['output'];
  /** The event. */
  node: Event;
};

/** A legal entity's part in an event. */
export type EventEntityLink = {
  __typename?: 'EventEntityLink';
  /** The legal entity; null when its addresses lie outside the communities the viewer is confined to. */
  entity?: Maybe<LegalEntity>;
  /** Its role. */
  role: EventRole;
};

/** One change of an event made through a mutation. */
export type EventHistoryEntry = {
  __typename?: 'EventHistoryEntry';
  /** What was done. */
  action: EventAction;
  /** Who made it: the subject of the token. */
  actor: Scalars['String']['output'];
  /** When it was made. */
  at: Scalars['DateTime']['output'];
  /** Status before; null for the report that created the event. */
  fromStatus?: Maybe<EventStatus>;
  /** The note given with the change, if any. */
  note?: Maybe<Scalars['String']['output']>;
  /** Status after. */
  toStatus: EventStatus;
  /** The event's version after the change. */
  version: Scalars['Int']['output'];
};

/** What kind of event (事件) was reported. */
export type EventKind =
  /** 矛盾纠纷 — a dispute between residents, landlords, tenants or businesses. */
  | 'DISPUTE'
  /** 环境 — noise, pollution. */
  | 'ENVIRONMENT'
  /** 消防隐患 — a fire hazard (blocked exits, e-bike charging indoors). */
  | 'FIRE_HAZARD'
  /** 违法建设 — illegal construction. */
  | 'ILLEGAL_CONSTRUCTION'
  /** 其他 — anything else. */
  | 'OTHER'
  /** 治安 — public order. */
  | 'PUBLIC_ORDER'
  /** 安全隐患 — a general safety hazard. */
  | 'SAFETY_HAZARD'
  /** 市容环卫 — sanitation. */
  | 'SANITATION'
  /** 交通 — traffic and parking. */
  | 'TRAFFIC';

/** Number of events of one kind. */
export type EventKindCount = {
  __typename?: 'EventKindCount';
  /** How many events. */
  count: Scalars['Int']['output'];
  /** The kind. */
  kind: EventKind;
};

/** A participant to add: exactly one of `personId` and `creditCode`. */
export type EventParticipantInput = {
  /** A legal entity's credit code. */
  creditCode?: InputMaybe<Scalars['CreditCode']['input']>;
  /** A person's id (the people subgraph's). */
  personId?: InputMaybe<Scalars['ID']['input']>;
  /** Their role; a legal entity is INVOLVED or RESPONSIBLE. */
  role: EventRole;
};

/**
 * A person's part in an event. Its `person` is answered by the people subgraph (which applies
 * community scoping) from the inaccessible key `personRef`, so even `person { __typename }` is null
 * for someone living outside the viewer's communities.
 */
export type EventPersonLink = {
  __typename?: 'EventPersonLink';
  /** The people subgraph's internal key of the person; not selectable by clients. */
  personRef: Scalars['ID']['output'];
  /** Their role. */
  role: EventRole;
};

/** Input of `eventReport`. */
export type EventReportInput = {
  /** Where. */
  address: EventAddressInput;
  /** Chosen by the client, unique per request it means; a retry with the same id returns the first result instead of reporting twice. Remembered for 24 hours. */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** What was found, in the reporter's words (1 to 2000 characters). */
  description: Scalars['String']['input'];
  /** What kind of event. */
  kind: EventKind;
  /** How serious it is. */
  severity: EventSeverity;
  /** How it was reported. */
  source: EventSource;
};

/** Result of `eventReport`. */
export type EventReportPayload = {
  __typename?: 'EventReportPayload';
  /** Where its address landed (also when refused as not precise enough, with the candidates). */
  address?: Maybe<ReportedAddress>;
  /** The clientMutationId given. */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** The event reported; null when refused. */
  event?: Maybe<Event>;
  /** True when this is the stored answer of an earlier request with the same clientMutationId. */
  replayed: Scalars['Boolean']['output'];
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** How a person or entity takes part in an event. */
export type EventRole =
  /** Involved in it. */
  | 'INVOLVED'
  /** Reported the event. */
  | 'REPORTER'
  /** Responsible for the hazard or for fixing it. */
  | 'RESPONSIBLE'
  /** Witnessed it. */
  | 'WITNESS';

/** How serious an event is. */
export type EventSeverity =
  /** Critical: immediate danger. */
  | 'CRITICAL'
  /** High. */
  | 'HIGH'
  /** Low. */
  | 'LOW'
  /** Medium. */
  | 'MEDIUM';

/** How the event reached the district. */
export type EventSource =
  /** APP / 小程序 — reported by a resident in the app. */
  | 'APP'
  /** 网格员巡查 — found by a grid worker on patrol. */
  | 'GRID_PATROL'
  /** 12345 热线 — the city hotline. */
  | 'HOTLINE_12345'
  /** 转办 — referred by another department. */
  | 'REFERRAL'
  /** 物联感知 — an IoT sensor (smoke, water, structure). */
  | 'SENSOR'
  /** 来访 — a walk-in report. */
  | 'WALK_IN';

/** Event counts for an address subtree. */
export type EventStats = {
  __typename?: 'EventStats';
  /** Counts per kind, kinds with at least one event, largest first. */
  byKind: Array<EventKindCount>;
  /** Counts per status, every status listed. */
  byStatus: Array<EventStatusCount>;
  /** Events not yet resolved (REPORTED or ASSIGNED). */
  open: Scalars['Int']['output'];
  /** All events. */
  total: Scalars['Int']['output'];
};

/** Where an event is in its handling. */
export type EventStatus =
  /** 已派遣 — assigned to a department. */
  | 'ASSIGNED'
  /** 已结案 — closed. */
  | 'CLOSED'
  /** 上报 — reported, not yet assigned. */
  | 'REPORTED'
  /** 已处置 — resolved, awaiting closure. */
  | 'RESOLVED';

/** Number of events in one status. */
export type EventStatusCount = {
  __typename?: 'EventStatusCount';
  /** How many events. */
  count: Scalars['Int']['output'];
  /** The status. */
  status: EventStatus;
};

/** Input of `eventResolve`, `eventClose` and `eventReopen`. */
export type EventTransitionInput = {
  /** See EventReportInput.clientMutationId. */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** The event. */
  id: Scalars['ID']['input'];
  /** What was done or found (at most 2000 characters). */
  note?: InputMaybe<Scalars['String']['input']>;
  /** The version the client last saw (Event.version). */
  version: Scalars['Int']['input'];
};

/** Counts of events reported per bucket of a window. */
export type EventTrend = {
  __typename?: 'EventTrend';
  /** Width of the buckets. */
  bucket: TrendBucket;
  /** Every bucket of the window, in order, zeros included. */
  points: Array<EventTrendPoint>;
  /** Events reported in the whole window. */
  total: Scalars['Int']['output'];
};

/** Number of events reported in one bucket of a trend. */
export type EventTrendPoint = {
  __typename?: 'EventTrendPoint';
  /** Events reported in the bucket, within the window. */
  count: Scalars['Int']['output'];
  /** First day of the bucket: the day, the week's Monday or the month's first day (may lie before the window's `from`). */
  start: Scalars['Date']['output'];
};

/** A legal entity, resolved by the entities subgraph. */
export type LegalEntity = {
  __typename?: 'LegalEntity';
  /** Unified social credit code. */
  creditCode: Scalars['CreditCode']['output'];
};

/**
 * Writes of the events subgraph. Each runs in one transaction, is audited before it is answered,
 * takes a `clientMutationId` for safe retries, and (transitions) the `version` last seen.
 */
export type Mutation = {
  __typename?: 'Mutation';
  /** Adds a person or legal entity to an open event (not CLOSED). */
  eventAddParticipant: EventChangePayload;
  /** Assigns an event to a unit or a person: REPORTED or ASSIGNED -> ASSIGNED. */
  eventAssign: EventChangePayload;
  /** Closes a resolved event after checking it: RESOLVED -> CLOSED. */
  eventClose: EventChangePayload;
  /** Drops a quarantined event row with a reason (steward:write): marked DROPPED and kept. */
  eventQuarantineDrop: QuarantineDropPayload;
  /** Fixes a quarantined event row (steward:write): re-validates it, loads it and marks it FIXED, teaching its address text as an alias. */
  eventQuarantineFix: QuarantineFixPayload;
  /** Reopens a resolved or closed event: back to ASSIGNED (REPORTED when it was never assigned). */
  eventReopen: EventChangePayload;
  /** Reports an event in the viewer's communities; it starts REPORTED. */
  eventReport: EventReportPayload;
  /** Marks an event resolved: ASSIGNED -> RESOLVED. */
  eventResolve: EventChangePayload;
};


/**
 * Writes of the events subgraph. Each runs in one transaction, is audited before it is answered,
 * takes a `clientMutationId` for safe retries, and (transitions) the `version` last seen.
 */
export type MutationEventAddParticipantArgs = {
  input: EventAddParticipantInput;
};


/**
 * Writes of the events subgraph. Each runs in one transaction, is audited before it is answered,
 * takes a `clientMutationId` for safe retries, and (transitions) the `version` last seen.
 */
export type MutationEventAssignArgs = {
  input: EventAssignInput;
};


/**
 * Writes of the events subgraph. Each runs in one transaction, is audited before it is answered,
 * takes a `clientMutationId` for safe retries, and (transitions) the `version` last seen.
 */
export type MutationEventCloseArgs = {
  input: EventTransitionInput;
};


/**
 * Writes of the events subgraph. Each runs in one transaction, is audited before it is answered,
 * takes a `clientMutationId` for safe retries, and (transitions) the `version` last seen.
 */
export type MutationEventQuarantineDropArgs = {
  input: QuarantineDropInput;
};


/**
 * Writes of the events subgraph. Each runs in one transaction, is audited before it is answered,
 * takes a `clientMutationId` for safe retries, and (transitions) the `version` last seen.
 */
export type MutationEventQuarantineFixArgs = {
  input: QuarantineFixInput;
};


/**
 * Writes of the events subgraph. Each runs in one transaction, is audited before it is answered,
 * takes a `clientMutationId` for safe retries, and (transitions) the `version` last seen.
 */
export type MutationEventReopenArgs = {
  input: EventTransitionInput;
};


/**
 * Writes of the events subgraph. Each runs in one transaction, is audited before it is answered,
 * takes a `clientMutationId` for safe retries, and (transitions) the `version` last seen.
 */
export type MutationEventReportArgs = {
  input: EventReportInput;
};


/**
 * Writes of the events subgraph. Each runs in one transaction, is audited before it is answered,
 * takes a `clientMutationId` for safe retries, and (transitions) the `version` last seen.
 */
export type MutationEventResolveArgs = {
  input: EventTransitionInput;
};

/** Forward pagination state of a connection. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last edge of this page; null on an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** True when another page follows this one. */
  hasNextPage: Scalars['Boolean']['output'];
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
  /** One event by id; null and a NOT_FOUND error when unknown. */
  event?: Maybe<Event>;
  /** Several events by id, in the order asked; null where unknown. At most 500. */
  events: Array<Maybe<Event>>;
  /** One quarantined event row by id, whatever its status; null and NOT_FOUND when unknown or outside the steward's communities. */
  quarantinedEvent?: Maybe<QuarantinedRow>;
  /** The event rows imports could not load (steward:read; a confined steward sees only their communities' rows), oldest first. */
  quarantinedEvents?: Maybe<QuarantinedRowConnection>;
};


export type QueryEventArgs = {
  id: Scalars['ID']['input'];
};


export type QueryEventsArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryQuarantinedEventArgs = {
  id: Scalars['ID']['input'];
};


export type QueryQuarantinedEventsArgs = {
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

/** Live changes of events, delivered as they commit (GraphQL over SSE through the gateway). */
export type Subscription = {
  __typename?: 'Subscription';
  /**
   * Every event created or changed under `addressPrefix` (any level, district to room), as each
   * change commits, whoever made it (the field app, an import, another process): one `EventChange`
   * per created or changed event. `kinds` and `severities` narrow it (null: all). A viewer confined
   * to communities receives only events inside them, and every field is authorized and masked as
   * in queries. The stream ends, with a TOKEN_EXPIRED error, when the token expires.
   */
  eventChanged: EventChange;
};


/** Live changes of events, delivered as they commit (GraphQL over SSE through the gateway). */
export type SubscriptionEventChangedArgs = {
  addressPrefix: Scalars['AddressCode']['input'];
  kinds?: InputMaybe<Array<EventKind>>;
  severities?: InputMaybe<Array<EventSeverity>>;
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
  Event: Event;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Address:
    ( { __typename: 'Address' }
    & GraphQLRecursivePick<FederationTypes['Address'], {"code":true}> );
  Event:
    ( { __typename: 'Event' }
    & GraphQLRecursivePick<FederationTypes['Event'], {"id":true}> );
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
  Event: ResolverTypeWrapper<EventMapper>;
  EventAction: EventAction;
  EventAddParticipantInput: EventAddParticipantInput;
  EventAddressInput: EventAddressInput;
  EventAssignInput: EventAssignInput;
  EventAssigneeInput: EventAssigneeInput;
  EventChange: ResolverTypeWrapper<EventChangeMapper>;
  EventChangeKind: EventChangeKind;
  EventChangePayload: ResolverTypeWrapper<Omit<EventChangePayload, 'event'> & { event?: Maybe<ResolversTypes['Event']> }>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  EventConnection: ResolverTypeWrapper<EventConnectionMapper>;
  EventEdge: ResolverTypeWrapper<Omit<EventEdge, 'node'> & { node: ResolversTypes['Event'] }>;
  EventEntityLink: ResolverTypeWrapper<EventEntityLinkMapper>;
  EventHistoryEntry: ResolverTypeWrapper<EventHistoryEntryMapper>;
  EventKind: EventKind;
  EventKindCount: ResolverTypeWrapper<EventKindCount>;
  EventParticipantInput: EventParticipantInput;
  EventPersonLink: ResolverTypeWrapper<EventPersonLinkMapper>;
  EventReportInput: EventReportInput;
  EventReportPayload: ResolverTypeWrapper<Omit<EventReportPayload, 'event'> & { event?: Maybe<ResolversTypes['Event']> }>;
  EventRole: EventRole;
  EventSeverity: EventSeverity;
  EventSource: EventSource;
  EventStats: ResolverTypeWrapper<EventStatsMapper>;
  EventStatus: EventStatus;
  EventStatusCount: ResolverTypeWrapper<EventStatusCount>;
  EventTransitionInput: EventTransitionInput;
  EventTrend: ResolverTypeWrapper<EventTrend>;
  EventTrendPoint: ResolverTypeWrapper<EventTrendPoint>;
  LegalEntity: ResolverTypeWrapper<LegalEntity>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
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
  CreditCode: Scalars['CreditCode']['output'];
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  Event: EventMapper;
  EventAddParticipantInput: EventAddParticipantInput;
  EventAddressInput: EventAddressInput;
  EventAssignInput: EventAssignInput;
  EventAssigneeInput: EventAssigneeInput;
  EventChange: EventChangeMapper;
  EventChangePayload: Omit<EventChangePayload, 'event'> & { event?: Maybe<ResolversParentTypes['Event']> };
  Boolean: Scalars['Boolean']['output'];
  EventConnection: EventConnectionMapper;
  EventEdge: Omit<EventEdge, 'node'> & { node: ResolversParentTypes['Event'] };
  EventEntityLink: EventEntityLinkMapper;
  EventHistoryEntry: EventHistoryEntryMapper;
  EventKindCount: EventKindCount;
  EventParticipantInput: EventParticipantInput;
  EventPersonLink: EventPersonLinkMapper;
  EventReportInput: EventReportInput;
  EventReportPayload: Omit<EventReportPayload, 'event'> & { event?: Maybe<ResolversParentTypes['Event']> };
  EventStats: EventStatsMapper;
  EventStatusCount: EventStatusCount;
  EventTransitionInput: EventTransitionInput;
  EventTrend: EventTrend;
  EventTrendPoint: EventTrendPoint;
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

export type AddressResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['Address'] = ResolversParentTypes['Address'], FederationReferenceType extends FederationReferenceTypes['Address'] = FederationReferenceTypes['Address']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Address']> | FederationReferenceType, FederationReferenceType, ContextType>;
  code?: Resolver<ResolversTypes['AddressCode'], ParentType, ContextType>;
  eventStats?: Resolver<Maybe<ResolversTypes['EventStats']>, ParentType, ContextType, Partial<AddressEventStatsArgs>>;
  eventTrend?: Resolver<Maybe<ResolversTypes['EventTrend']>, ParentType, ContextType, RequireFields<AddressEventTrendArgs, 'bucket' | 'from' | 'to'>>;
  events?: Resolver<Maybe<ResolversTypes['EventConnection']>, ParentType, ContextType, RequireFields<AddressEventsArgs, 'first'>>;
};

export type AddressAliasResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['AddressAlias'] = ResolversParentTypes['AddressAlias']> = {
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

export type EventResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['Event'] = ResolversParentTypes['Event'], FederationReferenceType extends FederationReferenceTypes['Event'] = FederationReferenceTypes['Event']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Event']> | FederationReferenceType, FederationReferenceType, ContextType>;
  address?: Resolver<ResolversTypes['Address'], ParentType, ContextType>;
  assignedPerson?: Resolver<Maybe<ResolversTypes['EventPersonLink']>, ParentType, ContextType>;
  assignedUnit?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  closedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  history?: Resolver<Array<ResolversTypes['EventHistoryEntry']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  involvedEntities?: Resolver<Array<ResolversTypes['EventEntityLink']>, ParentType, ContextType>;
  involvedPeople?: Resolver<Array<ResolversTypes['EventPersonLink']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['EventKind'], ParentType, ContextType>;
  reportedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  resolvedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  severity?: Resolver<ResolversTypes['EventSeverity'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['EventSource'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['EventStatus'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type EventChangeResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['EventChange'] = ResolversParentTypes['EventChange']> = {
  change?: Resolver<ResolversTypes['EventChangeKind'], ParentType, ContextType>;
  event?: Resolver<ResolversTypes['Event'], ParentType, ContextType>;
  previousStatus?: Resolver<Maybe<ResolversTypes['EventStatus']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['EventStatus'], ParentType, ContextType>;
};

export type EventChangePayloadResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['EventChangePayload'] = ResolversParentTypes['EventChangePayload']> = {
  clientMutationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  event?: Resolver<Maybe<ResolversTypes['Event']>, ParentType, ContextType>;
  replayed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type EventConnectionResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['EventConnection'] = ResolversParentTypes['EventConnection']> = {
  edges?: Resolver<Array<ResolversTypes['EventEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type EventEdgeResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['EventEdge'] = ResolversParentTypes['EventEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Event'], ParentType, ContextType>;
};

export type EventEntityLinkResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['EventEntityLink'] = ResolversParentTypes['EventEntityLink']> = {
  entity?: Resolver<Maybe<ResolversTypes['LegalEntity']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['EventRole'], ParentType, ContextType>;
};

export type EventHistoryEntryResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['EventHistoryEntry'] = ResolversParentTypes['EventHistoryEntry']> = {
  action?: Resolver<ResolversTypes['EventAction'], ParentType, ContextType>;
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  fromStatus?: Resolver<Maybe<ResolversTypes['EventStatus']>, ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  toStatus?: Resolver<ResolversTypes['EventStatus'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type EventKindCountResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['EventKindCount'] = ResolversParentTypes['EventKindCount']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['EventKind'], ParentType, ContextType>;
};

export type EventPersonLinkResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['EventPersonLink'] = ResolversParentTypes['EventPersonLink']> = {
  personRef?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['EventRole'], ParentType, ContextType>;
};

export type EventReportPayloadResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['EventReportPayload'] = ResolversParentTypes['EventReportPayload']> = {
  address?: Resolver<Maybe<ResolversTypes['ReportedAddress']>, ParentType, ContextType>;
  clientMutationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  event?: Resolver<Maybe<ResolversTypes['Event']>, ParentType, ContextType>;
  replayed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type EventStatsResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['EventStats'] = ResolversParentTypes['EventStats']> = {
  byKind?: Resolver<Array<ResolversTypes['EventKindCount']>, ParentType, ContextType>;
  byStatus?: Resolver<Array<ResolversTypes['EventStatusCount']>, ParentType, ContextType>;
  open?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type EventStatusCountResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['EventStatusCount'] = ResolversParentTypes['EventStatusCount']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['EventStatus'], ParentType, ContextType>;
};

export type EventTrendResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['EventTrend'] = ResolversParentTypes['EventTrend']> = {
  bucket?: Resolver<ResolversTypes['TrendBucket'], ParentType, ContextType>;
  points?: Resolver<Array<ResolversTypes['EventTrendPoint']>, ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type EventTrendPointResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['EventTrendPoint'] = ResolversParentTypes['EventTrendPoint']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  start?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
};

export type LegalEntityResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['LegalEntity'] = ResolversParentTypes['LegalEntity']> = {
  creditCode?: Resolver<ResolversTypes['CreditCode'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  eventAddParticipant?: Resolver<ResolversTypes['EventChangePayload'], ParentType, ContextType, RequireFields<MutationEventAddParticipantArgs, 'input'>>;
  eventAssign?: Resolver<ResolversTypes['EventChangePayload'], ParentType, ContextType, RequireFields<MutationEventAssignArgs, 'input'>>;
  eventClose?: Resolver<ResolversTypes['EventChangePayload'], ParentType, ContextType, RequireFields<MutationEventCloseArgs, 'input'>>;
  eventQuarantineDrop?: Resolver<ResolversTypes['QuarantineDropPayload'], ParentType, ContextType, RequireFields<MutationEventQuarantineDropArgs, 'input'>>;
  eventQuarantineFix?: Resolver<ResolversTypes['QuarantineFixPayload'], ParentType, ContextType, RequireFields<MutationEventQuarantineFixArgs, 'input'>>;
  eventReopen?: Resolver<ResolversTypes['EventChangePayload'], ParentType, ContextType, RequireFields<MutationEventReopenArgs, 'input'>>;
  eventReport?: Resolver<ResolversTypes['EventReportPayload'], ParentType, ContextType, RequireFields<MutationEventReportArgs, 'input'>>;
  eventResolve?: Resolver<ResolversTypes['EventChangePayload'], ParentType, ContextType, RequireFields<MutationEventResolveArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QuarantineDropPayloadResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['QuarantineDropPayload'] = ResolversParentTypes['QuarantineDropPayload']> = {
  clientMutationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  replayed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  row?: Resolver<Maybe<ResolversTypes['QuarantinedRow']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['QuarantineUserError']>, ParentType, ContextType>;
};

export type QuarantineFixPayloadResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['QuarantineFixPayload'] = ResolversParentTypes['QuarantineFixPayload']> = {
  alias?: Resolver<Maybe<ResolversTypes['AddressAlias']>, ParentType, ContextType>;
  aliasCreated?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  clientMutationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  outcome?: Resolver<Maybe<ResolversTypes['QuarantineFixOutcome']>, ParentType, ContextType>;
  recordId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  row?: Resolver<Maybe<ResolversTypes['QuarantinedRow']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['QuarantineUserError']>, ParentType, ContextType>;
};

export type QuarantineHistoryEntryResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['QuarantineHistoryEntry'] = ResolversParentTypes['QuarantineHistoryEntry']> = {
  action?: Resolver<ResolversTypes['QuarantineHistoryAction'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  by?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QuarantineUserErrorResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['QuarantineUserError'] = ResolversParentTypes['QuarantineUserError']> = {
  code?: Resolver<ResolversTypes['QuarantineErrorCode'], ParentType, ContextType>;
  field?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type QuarantinedRowResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['QuarantinedRow'] = ResolversParentTypes['QuarantinedRow']> = {
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

export type QuarantinedRowConnectionResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['QuarantinedRowConnection'] = ResolversParentTypes['QuarantinedRowConnection']> = {
  edges?: Resolver<Array<ResolversTypes['QuarantinedRowEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type QuarantinedRowEdgeResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['QuarantinedRowEdge'] = ResolversParentTypes['QuarantinedRowEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['QuarantinedRow'], ParentType, ContextType>;
};

export type QuarantinedValueResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['QuarantinedValue'] = ResolversParentTypes['QuarantinedValue']> = {
  column?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  event?: Resolver<Maybe<ResolversTypes['Event']>, ParentType, ContextType, RequireFields<QueryEventArgs, 'id'>>;
  events?: Resolver<Array<Maybe<ResolversTypes['Event']>>, ParentType, ContextType, RequireFields<QueryEventsArgs, 'ids'>>;
  quarantinedEvent?: Resolver<Maybe<ResolversTypes['QuarantinedRow']>, ParentType, ContextType, RequireFields<QueryQuarantinedEventArgs, 'id'>>;
  quarantinedEvents?: Resolver<Maybe<ResolversTypes['QuarantinedRowConnection']>, ParentType, ContextType, RequireFields<QueryQuarantinedEventsArgs, 'first'>>;
};

export type ReportedAddressResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['ReportedAddress'] = ResolversParentTypes['ReportedAddress']> = {
  candidates?: Resolver<Array<ResolversTypes['ReportedAddressCandidate']>, ParentType, ContextType>;
  code?: Resolver<Maybe<ResolversTypes['AddressCode']>, ParentType, ContextType>;
  confidence?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  level?: Resolver<Maybe<ResolversTypes['AddressLevel']>, ParentType, ContextType>;
};

export type ReportedAddressCandidateResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['ReportedAddressCandidate'] = ResolversParentTypes['ReportedAddressCandidate']> = {
  code?: Resolver<ResolversTypes['AddressCode'], ParentType, ContextType>;
  fullName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['AddressLevel'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  eventChanged?: SubscriptionResolver<ResolversTypes['EventChange'], "eventChanged", ParentType, ContextType, RequireFields<SubscriptionEventChangedArgs, 'addressPrefix'>>;
};

export type UserErrorResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['UserError'] = ResolversParentTypes['UserError']> = {
  code?: Resolver<ResolversTypes['UserErrorCode'], ParentType, ContextType>;
  currentVersion?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  field?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = EventsContext> = {
  Address?: AddressResolvers<ContextType>;
  AddressAlias?: AddressAliasResolvers<ContextType>;
  AddressCode?: GraphQLScalarType;
  CreditCode?: GraphQLScalarType;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Event?: EventResolvers<ContextType>;
  EventChange?: EventChangeResolvers<ContextType>;
  EventChangePayload?: EventChangePayloadResolvers<ContextType>;
  EventConnection?: EventConnectionResolvers<ContextType>;
  EventEdge?: EventEdgeResolvers<ContextType>;
  EventEntityLink?: EventEntityLinkResolvers<ContextType>;
  EventHistoryEntry?: EventHistoryEntryResolvers<ContextType>;
  EventKindCount?: EventKindCountResolvers<ContextType>;
  EventPersonLink?: EventPersonLinkResolvers<ContextType>;
  EventReportPayload?: EventReportPayloadResolvers<ContextType>;
  EventStats?: EventStatsResolvers<ContextType>;
  EventStatusCount?: EventStatusCountResolvers<ContextType>;
  EventTrend?: EventTrendResolvers<ContextType>;
  EventTrendPoint?: EventTrendPointResolvers<ContextType>;
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

