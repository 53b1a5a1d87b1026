import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { EventMapper, AddressMapper, EventConnectionMapper, EventStatsMapper, EventPersonLinkMapper, EventEntityLinkMapper, EventHistoryEntryMapper } from '../schema.mappers.ts';
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
export type AddressEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  kind?: InputMaybe<Array<EventKind>>;
  reportedBefore?: InputMaybe<Scalars['DateTime']['input']>;
  since?: InputMaybe<Scalars['DateTime']['input']>;
  status?: InputMaybe<Array<EventStatus>>;
  updatedBefore?: InputMaybe<Scalars['DateTime']['input']>;
  updatedSince?: InputMaybe<Scalars['DateTime']['input']>;
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

export type Query = {
  __typename?: 'Query';
  /** One event by id; null and a NOT_FOUND error when unknown. */
  event?: Maybe<Event>;
  /** Several events by id, in the order asked; null where unknown. At most 500. */
  events: Array<Maybe<Event>>;
};


export type QueryEventArgs = {
  id: Scalars['ID']['input'];
};


export type QueryEventsArgs = {
  ids: Array<Scalars['ID']['input']>;
};

/** Where a reported event's address landed. */
export type ReportedAddress = {
  __typename?: 'ReportedAddress';
  /** When the text fits several finer addresses: ranked addresses it could be (the event lands above them). */
  candidates: Array<ReportedAddressCandidate>;
  /** The code the event was placed at; null when it could not be placed. */
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
  /** With STALE_VERSION: the event's version now; null otherwise. */
  currentVersion?: Maybe<Scalars['Int']['output']>;
  /** Path of the input value at fault, from the argument, e.g. `["input", "severity"]`. */
  field: Array<Scalars['String']['output']>;
  /** What is wrong, for a person. */
  message: Scalars['String']['output'];
};

/** Why a mutation did not do what was asked; each code is an outcome a client can act on. */
export type UserErrorCode =
  /** A free-text address could not be placed at community level or finer; `address.candidates` lists what it could be. */
  | 'ADDRESS_NOT_PRECISE'
  /** What the mutation would create exists already (a registered credit code, a current residence at that address); not returned by the events mutations. */
  | 'ALREADY_EXISTS'
  /** This `clientMutationId` was already used by the same subject for another operation or another input. */
  | 'IDEMPOTENCY_KEY_REUSED'
  /** A value is malformed, missing or out of range; `field` names it. */
  | 'INVALID_INPUT'
  /** The workflow does not allow this step from the event's current status; the message names from and to. */
  | 'INVALID_TRANSITION'
  /** No event has this id, or it lies outside the communities the viewer is confined to (the two are not told apart). */
  | 'NOT_FOUND'
  /** The address lies outside the communities the viewer is confined to. */
  | 'OUT_OF_SCOPE'
  /** The event changed since the client read it; `currentVersion` is its version now: read it again, then retry. */
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
  AddressCode: ResolverTypeWrapper<Scalars['AddressCode']['output']>;
  AddressLevel: AddressLevel;
  CreditCode: ResolverTypeWrapper<Scalars['CreditCode']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Event: ResolverTypeWrapper<EventMapper>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  EventAction: EventAction;
  EventAddParticipantInput: EventAddParticipantInput;
  EventAddressInput: EventAddressInput;
  EventAssignInput: EventAssignInput;
  EventAssigneeInput: EventAssigneeInput;
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
  LegalEntity: ResolverTypeWrapper<LegalEntity>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
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
  AddressCode: Scalars['AddressCode']['output'];
  CreditCode: Scalars['CreditCode']['output'];
  DateTime: Scalars['DateTime']['output'];
  Event: EventMapper;
  ID: Scalars['ID']['output'];
  EventAddParticipantInput: EventAddParticipantInput;
  EventAddressInput: EventAddressInput;
  EventAssignInput: EventAssignInput;
  EventAssigneeInput: EventAssigneeInput;
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
  LegalEntity: LegalEntity;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  ReportedAddress: ReportedAddress;
  Float: Scalars['Float']['output'];
  ReportedAddressCandidate: ReportedAddressCandidate;
  UserError: UserError;
};

export type AddressResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['Address'] = ResolversParentTypes['Address'], FederationReferenceType extends FederationReferenceTypes['Address'] = FederationReferenceTypes['Address']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Address']> | FederationReferenceType, FederationReferenceType, ContextType>;
  code?: Resolver<ResolversTypes['AddressCode'], ParentType, ContextType>;
  eventStats?: Resolver<Maybe<ResolversTypes['EventStats']>, ParentType, ContextType, Partial<AddressEventStatsArgs>>;
  events?: Resolver<Maybe<ResolversTypes['EventConnection']>, ParentType, ContextType, RequireFields<AddressEventsArgs, 'first'>>;
};

export interface AddressCodeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['AddressCode'], any> {
  name: 'AddressCode';
}

export interface CreditCodeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['CreditCode'], any> {
  name: 'CreditCode';
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

export type LegalEntityResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['LegalEntity'] = ResolversParentTypes['LegalEntity']> = {
  creditCode?: Resolver<ResolversTypes['CreditCode'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  eventAddParticipant?: Resolver<ResolversTypes['EventChangePayload'], ParentType, ContextType, RequireFields<MutationEventAddParticipantArgs, 'input'>>;
  eventAssign?: Resolver<ResolversTypes['EventChangePayload'], ParentType, ContextType, RequireFields<MutationEventAssignArgs, 'input'>>;
  eventClose?: Resolver<ResolversTypes['EventChangePayload'], ParentType, ContextType, RequireFields<MutationEventCloseArgs, 'input'>>;
  eventReopen?: Resolver<ResolversTypes['EventChangePayload'], ParentType, ContextType, RequireFields<MutationEventReopenArgs, 'input'>>;
  eventReport?: Resolver<ResolversTypes['EventReportPayload'], ParentType, ContextType, RequireFields<MutationEventReportArgs, 'input'>>;
  eventResolve?: Resolver<ResolversTypes['EventChangePayload'], ParentType, ContextType, RequireFields<MutationEventResolveArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  event?: Resolver<Maybe<ResolversTypes['Event']>, ParentType, ContextType, RequireFields<QueryEventArgs, 'id'>>;
  events?: Resolver<Array<Maybe<ResolversTypes['Event']>>, ParentType, ContextType, RequireFields<QueryEventsArgs, 'ids'>>;
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

export type UserErrorResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['UserError'] = ResolversParentTypes['UserError']> = {
  code?: Resolver<ResolversTypes['UserErrorCode'], ParentType, ContextType>;
  currentVersion?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  field?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = EventsContext> = {
  Address?: AddressResolvers<ContextType>;
  AddressCode?: GraphQLScalarType;
  CreditCode?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Event?: EventResolvers<ContextType>;
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
  LegalEntity?: LegalEntityResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ReportedAddress?: ReportedAddressResolvers<ContextType>;
  ReportedAddressCandidate?: ReportedAddressCandidateResolvers<ContextType>;
  UserError?: UserErrorResolvers<ContextType>;
};

