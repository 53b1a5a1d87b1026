import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { CaseMapper, CasePartyMapper, AddressMapper, CaseConnectionMapper, CaseStatsMapper } from '../schema.mappers.ts';
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

/** A case (案件): mediation, litigation, petition, legal aid, arbitration or financial dispute, tied to an address. */
export type Case = {
  __typename?: 'Case';
  /** The address the case concerns. */
  address: Address;
  /** Date it was closed; null while open. */
  closedOn?: Maybe<Scalars['Date']['output']>;
  /** Date it was filed. */
  filedOn: Scalars['Date']['output'];
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

export type Query = {
  __typename?: 'Query';
  /** One case by id; null and a NOT_FOUND error when unknown. */
  case?: Maybe<Case>;
  /** Several cases by id, in the order asked; null where unknown. At most 500. */
  cases: Array<Maybe<Case>>;
};


export type QueryCaseArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCasesArgs = {
  ids: Array<Scalars['ID']['input']>;
};

/** Width of the buckets of a trend. */
export type TrendBucket =
  /** One calendar day (China Standard Time). */
  | 'DAY'
  /** One calendar month. */
  | 'MONTH'
  /** One week, Monday to Sunday. */
  | 'WEEK';



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
  AddressCode: ResolverTypeWrapper<Scalars['AddressCode']['output']>;
  Case: ResolverTypeWrapper<CaseMapper>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  CaseConnection: ResolverTypeWrapper<CaseConnectionMapper>;
  CaseEdge: ResolverTypeWrapper<Omit<CaseEdge, 'node'> & { node: ResolversTypes['Case'] }>;
  CaseKind: CaseKind;
  CaseKindCount: ResolverTypeWrapper<CaseKindCount>;
  CaseOutcome: CaseOutcome;
  CaseOutcomeCount: ResolverTypeWrapper<CaseOutcomeCount>;
  CaseParty: ResolverTypeWrapper<CasePartyMapper>;
  CaseStats: ResolverTypeWrapper<CaseStatsMapper>;
  CaseStatus: CaseStatus;
  CaseStatusCount: ResolverTypeWrapper<CaseStatusCount>;
  CaseTrend: ResolverTypeWrapper<CaseTrend>;
  CaseTrendPoint: ResolverTypeWrapper<CaseTrendPoint>;
  CreditCode: ResolverTypeWrapper<Scalars['CreditCode']['output']>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Event: ResolverTypeWrapper<Event>;
  LegalEntity: ResolverTypeWrapper<LegalEntity>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  PartyRole: PartyRole;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TrendBucket: TrendBucket;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Address: AddressMapper;
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  AddressCode: Scalars['AddressCode']['output'];
  Case: CaseMapper;
  ID: Scalars['ID']['output'];
  CaseConnection: CaseConnectionMapper;
  CaseEdge: Omit<CaseEdge, 'node'> & { node: ResolversParentTypes['Case'] };
  CaseKindCount: CaseKindCount;
  CaseOutcomeCount: CaseOutcomeCount;
  CaseParty: CasePartyMapper;
  CaseStats: CaseStatsMapper;
  CaseStatusCount: CaseStatusCount;
  CaseTrend: CaseTrend;
  CaseTrendPoint: CaseTrendPoint;
  CreditCode: Scalars['CreditCode']['output'];
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  Event: Event;
  LegalEntity: LegalEntity;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Query: Record<PropertyKey, never>;
};

export type AddressResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['Address'] = ResolversParentTypes['Address'], FederationReferenceType extends FederationReferenceTypes['Address'] = FederationReferenceTypes['Address']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Address']> | FederationReferenceType, FederationReferenceType, ContextType>;
  caseStats?: Resolver<Maybe<ResolversTypes['CaseStats']>, ParentType, ContextType, Partial<AddressCaseStatsArgs>>;
  caseTrend?: Resolver<Maybe<ResolversTypes['CaseTrend']>, ParentType, ContextType, RequireFields<AddressCaseTrendArgs, 'bucket' | 'from' | 'to'>>;
  cases?: Resolver<Maybe<ResolversTypes['CaseConnection']>, ParentType, ContextType, RequireFields<AddressCasesArgs, 'first'>>;
  code?: Resolver<ResolversTypes['AddressCode'], ParentType, ContextType>;
};

export interface AddressCodeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['AddressCode'], any> {
  name: 'AddressCode';
}

export type CaseResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['Case'] = ResolversParentTypes['Case'], FederationReferenceType extends FederationReferenceTypes['Case'] = FederationReferenceTypes['Case']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Case']> | FederationReferenceType, FederationReferenceType, ContextType>;
  address?: Resolver<ResolversTypes['Address'], ParentType, ContextType>;
  closedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  filedOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['CaseKind'], ParentType, ContextType>;
  outcome?: Resolver<Maybe<ResolversTypes['CaseOutcome']>, ParentType, ContextType>;
  parties?: Resolver<Array<ResolversTypes['CaseParty']>, ParentType, ContextType>;
  relatedEvents?: Resolver<Array<Maybe<ResolversTypes['Event']>>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CaseStatus'], ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
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

export type CaseKindCountResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['CaseKindCount'] = ResolversParentTypes['CaseKindCount']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['CaseKind'], ParentType, ContextType>;
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

export type PageInfoResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = CasesContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  case?: Resolver<Maybe<ResolversTypes['Case']>, ParentType, ContextType, RequireFields<QueryCaseArgs, 'id'>>;
  cases?: Resolver<Array<Maybe<ResolversTypes['Case']>>, ParentType, ContextType, RequireFields<QueryCasesArgs, 'ids'>>;
};

export type Resolvers<ContextType = CasesContext> = {
  Address?: AddressResolvers<ContextType>;
  AddressCode?: GraphQLScalarType;
  Case?: CaseResolvers<ContextType>;
  CaseConnection?: CaseConnectionResolvers<ContextType>;
  CaseEdge?: CaseEdgeResolvers<ContextType>;
  CaseKindCount?: CaseKindCountResolvers<ContextType>;
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
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
};

