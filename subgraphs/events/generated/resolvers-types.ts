import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { EventMapper, AddressMapper, EventConnectionMapper, EventStatsMapper, EventPersonLinkMapper, EventEntityLinkMapper } from '../schema.mappers.ts';
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

/** An event (事件) reported at an address: a hazard, a dispute, an incident. */
export type Event = {
  __typename?: 'Event';
  /** Where it happened. */
  address: Address;
  /** What was reported, in the reporter's words. */
  description: Scalars['String']['output'];
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

/** A legal entity, resolved by the entities subgraph. */
export type LegalEntity = {
  __typename?: 'LegalEntity';
  /** Unified social credit code. */
  creditCode: Scalars['CreditCode']['output'];
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
  CreditCode: ResolverTypeWrapper<Scalars['CreditCode']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Event: ResolverTypeWrapper<EventMapper>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  EventConnection: ResolverTypeWrapper<EventConnectionMapper>;
  EventEdge: ResolverTypeWrapper<Omit<EventEdge, 'node'> & { node: ResolversTypes['Event'] }>;
  EventEntityLink: ResolverTypeWrapper<EventEntityLinkMapper>;
  EventKind: EventKind;
  EventKindCount: ResolverTypeWrapper<EventKindCount>;
  EventPersonLink: ResolverTypeWrapper<EventPersonLinkMapper>;
  EventRole: EventRole;
  EventSeverity: EventSeverity;
  EventSource: EventSource;
  EventStats: ResolverTypeWrapper<EventStatsMapper>;
  EventStatus: EventStatus;
  EventStatusCount: ResolverTypeWrapper<EventStatusCount>;
  LegalEntity: ResolverTypeWrapper<LegalEntity>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
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
  EventConnection: EventConnectionMapper;
  EventEdge: Omit<EventEdge, 'node'> & { node: ResolversParentTypes['Event'] };
  EventEntityLink: EventEntityLinkMapper;
  EventKindCount: EventKindCount;
  EventPersonLink: EventPersonLinkMapper;
  EventStats: EventStatsMapper;
  EventStatusCount: EventStatusCount;
  LegalEntity: LegalEntity;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Query: Record<PropertyKey, never>;
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
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
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

export type EventKindCountResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['EventKindCount'] = ResolversParentTypes['EventKindCount']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['EventKind'], ParentType, ContextType>;
};

export type EventPersonLinkResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['EventPersonLink'] = ResolversParentTypes['EventPersonLink']> = {
  personRef?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['EventRole'], ParentType, ContextType>;
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

export type PageInfoResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = EventsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  event?: Resolver<Maybe<ResolversTypes['Event']>, ParentType, ContextType, RequireFields<QueryEventArgs, 'id'>>;
  events?: Resolver<Array<Maybe<ResolversTypes['Event']>>, ParentType, ContextType, RequireFields<QueryEventsArgs, 'ids'>>;
};

export type Resolvers<ContextType = EventsContext> = {
  Address?: AddressResolvers<ContextType>;
  AddressCode?: GraphQLScalarType;
  CreditCode?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Event?: EventResolvers<ContextType>;
  EventConnection?: EventConnectionResolvers<ContextType>;
  EventEdge?: EventEdgeResolvers<ContextType>;
  EventEntityLink?: EventEntityLinkResolvers<ContextType>;
  EventKindCount?: EventKindCountResolvers<ContextType>;
  EventPersonLink?: EventPersonLinkResolvers<ContextType>;
  EventStats?: EventStatsResolvers<ContextType>;
  EventStatusCount?: EventStatusCountResolvers<ContextType>;
  LegalEntity?: LegalEntityResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
};

