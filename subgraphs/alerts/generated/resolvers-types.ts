import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { AlertMapper, AlertRuleMapper, AlertEvidenceMapper, AlertConnectionMapper, AddressMapper } from '../schema.mappers.ts';
import type { AlertsContext } from '../context.ts';
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
  /** An instant in ISO 8601 with offset, e.g. `2026-03-01T09:30:00.000Z`. */
  DateTime: { input: Date | string; output: Date | string; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** A building, room or other address (owned by the buildings subgraph). Here: its alerts. */
export type Address = {
  __typename?: 'Address';
  /** Alerts raised at this address and everything beneath it, newest first. */
  alerts?: Maybe<AlertConnection>;
  /** The standard address code. */
  code: Scalars['AddressCode']['output'];
};


/** A building, room or other address (owned by the buildings subgraph). Here: its alerts. */
export type AddressAlertsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<Array<AlertStatus>>;
};

/** An early-warning alert: a rule's condition found holding at an address. */
export type Alert = {
  __typename?: 'Alert';
  /** When it was acknowledged. */
  acknowledgedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who acknowledged it (the token's subject); null while OPEN. */
  acknowledgedBy?: Maybe<Scalars['String']['output']>;
  /** Where the condition holds. */
  address: Address;
  /** When it was closed. */
  closedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who closed it: a token's subject, or `monitor` when the condition cleared. */
  closedBy?: Maybe<Scalars['String']['output']>;
  /** What triggered it, as last observed. */
  evidence: AlertEvidence;
  /** Opaque id. */
  id: Scalars['ID']['output'];
  /** When the monitor raised it. */
  raisedAt: Scalars['DateTime']['output'];
  /** The rule that raised it. */
  rule: AlertRule;
  /** How urgent it is (the rule's severity when raised). */
  severity: AlertSeverity;
  /** Where the alert stands. */
  status: AlertStatus;
  /** Optimistic-concurrency version: give it to alertAcknowledge and alertClose. */
  version: Scalars['Int']['output'];
};

/** The outcome of alertAcknowledge or alertClose. */
export type AlertChangePayload = {
  __typename?: 'AlertChangePayload';
  /** The alert after the step; null when refused. */
  alert?: Maybe<Alert>;
  /** The input's clientMutationId. */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** True when this answers a retry of an earlier request with the same clientMutationId. */
  replayed: Scalars['Boolean']['output'];
  /** Why it was refused; empty on success. */
  userErrors: Array<AlertUserError>;
};

/** A page of alerts. */
export type AlertConnection = {
  __typename?: 'AlertConnection';
  /** The alerts on this page. */
  edges: Array<AlertEdge>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** How many alerts the whole list holds. */
  totalCount: Scalars['Int']['output'];
};

/** One measured figure of an alert's evidence, e.g. `openHazards: 4` or `residents: 9`. */
export type AlertCount = {
  __typename?: 'AlertCount';
  /** What was counted (camelCase), e.g. `openHazards`, `residents`, `limit`, `thisWeek`. */
  name: Scalars['String']['output'];
  /** The figure. */
  value: Scalars['Float']['output'];
};

/** One alert on a page. */
export type AlertEdge = {
  __typename?: 'AlertEdge';
  /** Cursor of this alert, for `after`. */
  cursor: Scalars['String']['output'];
  /** The alert. */
  node: Alert;
};

/**
 * What triggered an alert: counts and the ids of the events and cases it counted, never personal
 * data. Events and cases are answered by their own subgraphs, so a viewer sees of them what their
 * scopes and communities allow.
 */
export type AlertEvidence = {
  __typename?: 'AlertEvidence';
  /** The cases the condition counted (at most 50). */
  cases: Array<Case>;
  /** The figures the condition compared. */
  counts: Array<AlertCount>;
  /** The events the condition counted (at most 50). */
  events: Array<Event>;
  /** When the monitor last found the condition holding. */
  observedAt: Scalars['DateTime']['output'];
  /** One sentence in English saying what was found. */
  summary: Scalars['String']['output'];
};

/** Which alerts a list holds; every part given must match. */
export type AlertFilter = {
  /** Only alerts at this address or beneath it. */
  addressPrefix?: InputMaybe<Scalars['AddressCode']['input']>;
  /** Only alerts of these rules (ids). */
  rule?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Only alerts of these severities. */
  severity?: InputMaybe<Array<AlertSeverity>>;
  /** Only alerts in these statuses; all when null. */
  status?: InputMaybe<Array<AlertStatus>>;
};

/** The level of the address a rule watches. */
export type AlertLevel =
  /** A building (19 characters). */
  | 'BUILDING'
  /** A community (12 characters). */
  | 'COMMUNITY'
  /** A grid (14 characters). */
  | 'GRID'
  /** A room (25 characters). */
  | 'ROOM';

/** An early-warning rule (monitor/rules.json): what it watches and when it raises an alert. */
export type AlertRule = {
  __typename?: 'AlertRule';
  /** What it watches, in English. */
  descriptionEn: Scalars['String']['output'];
  /** What it watches, in Chinese. */
  descriptionZh: Scalars['String']['output'];
  /** Stable id, e.g. `building-open-hazards`. */
  id: Scalars['ID']['output'];
  /** The level of the addresses it raises alerts at. */
  level: AlertLevel;
  /** The severity of the alerts it raises. */
  severity: AlertSeverity;
  /** The window the condition looks back over, in days (0: the current state, no window). */
  windowDays: Scalars['Int']['output'];
};

/** How urgent an alert is (the rule's severity). */
export type AlertSeverity =
  /** Act now. */
  | 'CRITICAL'
  /** Look into it today. */
  | 'HIGH'
  /** Worth a look at the next round. */
  | 'LOW'
  /** Look into it this week. */
  | 'MEDIUM';

/**
 * Where an alert stands: OPEN -> ACKNOWLEDGED -> CLOSED. The monitor closes an alert itself when its
 * condition clears.
 */
export type AlertStatus =
  /** Someone has taken it up (`acknowledgedBy`). */
  | 'ACKNOWLEDGED'
  /** Closed by a person, or by the monitor when the condition cleared (`closedBy` is `monitor`). */
  | 'CLOSED'
  /** Raised by the monitor, nobody has taken it up yet. */
  | 'OPEN';

/** A step of an alert's workflow. */
export type AlertTransitionInput = {
  /** Makes a retry safe: the same id with the same input answers the first result again. */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** The alert's id. */
  id: Scalars['ID']['input'];
  /** The version the client read (`Alert.version`). */
  version: Scalars['Int']['input'];
};

/** A business error of an alert mutation (the top-level `errors` are for faults). */
export type AlertUserError = {
  __typename?: 'AlertUserError';
  /** What is wrong, for a program. */
  code: AlertUserErrorCode;
  /** With STALE_VERSION: the alert's version now; null otherwise. */
  currentVersion?: Maybe<Scalars['Int']['output']>;
  /** Path of the input value at fault, from the argument, e.g. `["input", "version"]`. */
  field: Array<Scalars['String']['output']>;
  /** What is wrong, for a person. */
  message: Scalars['String']['output'];
};

/** What an alert mutation's user error is about. */
export type AlertUserErrorCode =
  /** Not used by alert mutations (shared with the other subgraphs' codes): a free-text address could not be placed. */
  | 'ADDRESS_NOT_PRECISE'
  /** Not used by alert mutations (shared with the other subgraphs' codes): the record already exists. */
  | 'ALREADY_EXISTS'
  /** This `clientMutationId` was already used by the same subject for another operation or another input. */
  | 'IDEMPOTENCY_KEY_REUSED'
  /** A value is malformed, missing or out of range; `field` names it. */
  | 'INVALID_INPUT'
  /** The workflow does not allow this step from the alert's current status; the message names from and to. */
  | 'INVALID_TRANSITION'
  /** No alert has this id, or it lies outside the communities the viewer is confined to (the two are not told apart). */
  | 'NOT_FOUND'
  /** Not used by alert mutations (shared with the other subgraphs' codes): an address outside the viewer's communities. */
  | 'OUT_OF_SCOPE'
  /** The alert changed since the client read it; `currentVersion` is its version now: read it again, then retry. */
  | 'STALE_VERSION';

/** A case of the cases subgraph, by id (its fields are answered there, with its scopes). */
export type Case = {
  __typename?: 'Case';
  /** Case id. */
  id: Scalars['ID']['output'];
};

/** An event of the events subgraph, by id (its fields are answered there, with its scopes). */
export type Event = {
  __typename?: 'Event';
  /** Event id. */
  id: Scalars['ID']['output'];
};

/** The alert workflow's steps a person takes (the monitor raises and auto-closes alerts itself). */
export type Mutation = {
  __typename?: 'Mutation';
  /** Takes an alert up: OPEN -> ACKNOWLEDGED. */
  alertAcknowledge: AlertChangePayload;
  /** Closes an alert: OPEN or ACKNOWLEDGED -> CLOSED. While its condition still holds the monitor does not raise it again. */
  alertClose: AlertChangePayload;
};


/** The alert workflow's steps a person takes (the monitor raises and auto-closes alerts itself). */
export type MutationAlertAcknowledgeArgs = {
  input: AlertTransitionInput;
};


/** The alert workflow's steps a person takes (the monitor raises and auto-closes alerts itself). */
export type MutationAlertCloseArgs = {
  input: AlertTransitionInput;
};

/** Where a page ends. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last edge of this page; null on an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** True when another page follows this one. */
  hasNextPage: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** One alert by id; null and a NOT_FOUND error when unknown or outside the viewer's communities. */
  alert?: Maybe<Alert>;
  /** The early-warning rules the monitor runs. */
  alertRules: Array<AlertRule>;
  /** Alerts in the viewer's communities, newest first, filtered. */
  alerts: AlertConnection;
};


export type QueryAlertArgs = {
  id: Scalars['ID']['input'];
};


export type QueryAlertsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AlertFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** Live alerts, delivered as the monitor raises them (GraphQL over SSE through the gateway). */
export type Subscription = {
  __typename?: 'Subscription';
  /**
   * Every alert raised under `addressPrefix` (any level, district to room), as its insert commits,
   * whichever process ran the monitor. `severities` and `rules` narrow it (null: all). A viewer
   * confined to communities receives only alerts inside them, and the evidence resolves as in
   * queries. Acknowledging, closing and refreshed evidence are not deliveries: only new alerts are.
   * The stream ends, with a TOKEN_EXPIRED error, when the token expires.
   */
  alertRaised: Alert;
};


/** Live alerts, delivered as the monitor raises them (GraphQL over SSE through the gateway). */
export type SubscriptionAlertRaisedArgs = {
  addressPrefix: Scalars['AddressCode']['input'];
  rules?: InputMaybe<Array<Scalars['ID']['input']>>;
  severities?: InputMaybe<Array<AlertSeverity>>;
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
  Alert: Alert;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Address:
    ( { __typename: 'Address' }
    & GraphQLRecursivePick<FederationTypes['Address'], {"code":true}> );
  Alert:
    ( { __typename: 'Alert' }
    & GraphQLRecursivePick<FederationTypes['Alert'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Address: ResolverTypeWrapper<AddressMapper>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AddressCode: ResolverTypeWrapper<Scalars['AddressCode']['output']>;
  Alert: ResolverTypeWrapper<AlertMapper>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AlertChangePayload: ResolverTypeWrapper<Omit<AlertChangePayload, 'alert'> & { alert?: Maybe<ResolversTypes['Alert']> }>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  AlertConnection: ResolverTypeWrapper<AlertConnectionMapper>;
  AlertCount: ResolverTypeWrapper<AlertCount>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  AlertEdge: ResolverTypeWrapper<Omit<AlertEdge, 'node'> & { node: ResolversTypes['Alert'] }>;
  AlertEvidence: ResolverTypeWrapper<AlertEvidenceMapper>;
  AlertFilter: AlertFilter;
  AlertLevel: AlertLevel;
  AlertRule: ResolverTypeWrapper<AlertRuleMapper>;
  AlertSeverity: AlertSeverity;
  AlertStatus: AlertStatus;
  AlertTransitionInput: AlertTransitionInput;
  AlertUserError: ResolverTypeWrapper<AlertUserError>;
  AlertUserErrorCode: AlertUserErrorCode;
  Case: ResolverTypeWrapper<Case>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Event: ResolverTypeWrapper<Event>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Address: AddressMapper;
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  AddressCode: Scalars['AddressCode']['output'];
  Alert: AlertMapper;
  ID: Scalars['ID']['output'];
  AlertChangePayload: Omit<AlertChangePayload, 'alert'> & { alert?: Maybe<ResolversParentTypes['Alert']> };
  Boolean: Scalars['Boolean']['output'];
  AlertConnection: AlertConnectionMapper;
  AlertCount: AlertCount;
  Float: Scalars['Float']['output'];
  AlertEdge: Omit<AlertEdge, 'node'> & { node: ResolversParentTypes['Alert'] };
  AlertEvidence: AlertEvidenceMapper;
  AlertFilter: AlertFilter;
  AlertRule: AlertRuleMapper;
  AlertTransitionInput: AlertTransitionInput;
  AlertUserError: AlertUserError;
  Case: Case;
  DateTime: Scalars['DateTime']['output'];
  Event: Event;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  Subscription: Record<PropertyKey, never>;
};

export type AddressResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['Address'] = ResolversParentTypes['Address'], FederationReferenceType extends FederationReferenceTypes['Address'] = FederationReferenceTypes['Address']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Address']> | FederationReferenceType, FederationReferenceType, ContextType>;
  alerts?: Resolver<Maybe<ResolversTypes['AlertConnection']>, ParentType, ContextType, RequireFields<AddressAlertsArgs, 'first'>>;
  code?: Resolver<ResolversTypes['AddressCode'], ParentType, ContextType>;
};

export interface AddressCodeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['AddressCode'], any> {
  name: 'AddressCode';
}

export type AlertResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['Alert'] = ResolversParentTypes['Alert'], FederationReferenceType extends FederationReferenceTypes['Alert'] = FederationReferenceTypes['Alert']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Alert']> | FederationReferenceType, FederationReferenceType, ContextType>;
  acknowledgedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  acknowledgedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  address?: Resolver<ResolversTypes['Address'], ParentType, ContextType>;
  closedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  closedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  evidence?: Resolver<ResolversTypes['AlertEvidence'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  raisedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  rule?: Resolver<ResolversTypes['AlertRule'], ParentType, ContextType>;
  severity?: Resolver<ResolversTypes['AlertSeverity'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['AlertStatus'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AlertChangePayloadResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['AlertChangePayload'] = ResolversParentTypes['AlertChangePayload']> = {
  alert?: Resolver<Maybe<ResolversTypes['Alert']>, ParentType, ContextType>;
  clientMutationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  replayed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['AlertUserError']>, ParentType, ContextType>;
};

export type AlertConnectionResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['AlertConnection'] = ResolversParentTypes['AlertConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AlertEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AlertCountResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['AlertCount'] = ResolversParentTypes['AlertCount']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type AlertEdgeResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['AlertEdge'] = ResolversParentTypes['AlertEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Alert'], ParentType, ContextType>;
};

export type AlertEvidenceResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['AlertEvidence'] = ResolversParentTypes['AlertEvidence']> = {
  cases?: Resolver<Array<ResolversTypes['Case']>, ParentType, ContextType>;
  counts?: Resolver<Array<ResolversTypes['AlertCount']>, ParentType, ContextType>;
  events?: Resolver<Array<ResolversTypes['Event']>, ParentType, ContextType>;
  observedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AlertRuleResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['AlertRule'] = ResolversParentTypes['AlertRule']> = {
  descriptionEn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  descriptionZh?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['AlertLevel'], ParentType, ContextType>;
  severity?: Resolver<ResolversTypes['AlertSeverity'], ParentType, ContextType>;
  windowDays?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AlertUserErrorResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['AlertUserError'] = ResolversParentTypes['AlertUserError']> = {
  code?: Resolver<ResolversTypes['AlertUserErrorCode'], ParentType, ContextType>;
  currentVersion?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  field?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CaseResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['Case'] = ResolversParentTypes['Case']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type EventResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['Event'] = ResolversParentTypes['Event']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  alertAcknowledge?: Resolver<ResolversTypes['AlertChangePayload'], ParentType, ContextType, RequireFields<MutationAlertAcknowledgeArgs, 'input'>>;
  alertClose?: Resolver<ResolversTypes['AlertChangePayload'], ParentType, ContextType, RequireFields<MutationAlertCloseArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  alert?: Resolver<Maybe<ResolversTypes['Alert']>, ParentType, ContextType, RequireFields<QueryAlertArgs, 'id'>>;
  alertRules?: Resolver<Array<ResolversTypes['AlertRule']>, ParentType, ContextType>;
  alerts?: Resolver<ResolversTypes['AlertConnection'], ParentType, ContextType, RequireFields<QueryAlertsArgs, 'first'>>;
};

export type SubscriptionResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  alertRaised?: SubscriptionResolver<ResolversTypes['Alert'], "alertRaised", ParentType, ContextType, RequireFields<SubscriptionAlertRaisedArgs, 'addressPrefix'>>;
};

export type Resolvers<ContextType = AlertsContext> = {
  Address?: AddressResolvers<ContextType>;
  AddressCode?: GraphQLScalarType;
  Alert?: AlertResolvers<ContextType>;
  AlertChangePayload?: AlertChangePayloadResolvers<ContextType>;
  AlertConnection?: AlertConnectionResolvers<ContextType>;
  AlertCount?: AlertCountResolvers<ContextType>;
  AlertEdge?: AlertEdgeResolvers<ContextType>;
  AlertEvidence?: AlertEvidenceResolvers<ContextType>;
  AlertRule?: AlertRuleResolvers<ContextType>;
  AlertUserError?: AlertUserErrorResolvers<ContextType>;
  Case?: CaseResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Event?: EventResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
};

