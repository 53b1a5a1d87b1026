import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { AddressAliasMapper, AddressMapper, BuildingInfoMapper, RoomInfoMapper, AddressConnectionMapper, AddressMatchMapper, AddressCandidateMapper, MatchReasonMapper, ViewerMapper } from '../schema.mappers.ts';
import type { BuildingsContext } from '../context.ts';
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
  /** An instant (ISO 8601 with offset), e.g. 2026-11-30T10:40:00.000Z. */
  DateTime: { input: Date | string; output: Date | string; }
  _FieldSet: { input: unknown; output: unknown; }
};

/**
 * An address at any level of the standard address hierarchy, from the district down to a single
 * room. Other subgraphs attach residents, legal entities, events and cases to it by its code.
 */
export type Address = {
  __typename?: 'Address';
  /** The address above (or at) this one at `level`: itself when it is of that level, null when `level` is deeper than this address. */
  ancestor?: Maybe<Address>;
  /** Every address above this one, district first. */
  ancestors: Array<Address>;
  /** A schematic area around the located buildings beneath this address (their convex hull), for maps: there is no official boundary data for subdistricts, communities and grids, so this is a drawing aid, not a boundary. Null at building and room level. */
  area?: Maybe<SchematicArea>;
  /** Building facts: this building's own, or for a room those of the building it is in; null above building level. */
  building?: Maybe<BuildingInfo>;
  /** The addresses one level down, in code order. */
  children: AddressConnection;
  /** The standard address code; permanent and unique. */
  code: Scalars['AddressCode']['output'];
  /** 地址全称: province, city, district, subdistrict, community, road and door number, estate or village, building, unit and room. */
  fullName: Scalars['String']['output'];
  /** The level of this address, given by the length of its code. */
  level: AddressLevel;
  /** The short name at this level, e.g. 福田街道, 水围社区, 28栋, 1203房. */
  name: Scalars['String']['output'];
  /** The address one level up; null for the district. */
  parent?: Maybe<Address>;
  /** Room facts; null unless this address is a room. */
  room?: Maybe<RoomInfo>;
  /** When this address's registry row last changed (its use, area or any other column, by a registry load or a later write), to the millisecond; for incremental readers with `addressesUnder(updatedSince:)`. */
  updatedAt: Scalars['DateTime']['output'];
};


/**
 * An address at any level of the standard address hierarchy, from the district down to a single
 * room. Other subgraphs attach residents, legal entities, events and cases to it by its code.
 */
export type AddressAncestorArgs = {
  level: AddressLevel;
};


/**
 * An address at any level of the standard address hierarchy, from the district down to a single
 * room. Other subgraphs attach residents, legal entities, events and cases to it by its code.
 */
export type AddressChildrenArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/**
 * An address alias: a spelling the standardizer could not link, normalized (NFKC, simplified
 * characters, no spaces or punctuation), and the registry address a steward's quarantine fix
 * assigned to it. Later imports link the spelling to it. Never deleted: a revoked alias stays, with
 * who and why. Reached only through `addressAliases` (steward:read) and a fix's payload
 * (steward:write); resolving one by key answers null unless the viewer has a steward scope and the
 * alias lies in their communities.
 */
export type AddressAlias = {
  __typename?: 'AddressAlias';
  /** The address the text stands for. */
  address: Address;
  /** When. */
  createdAt: Scalars['DateTime']['output'];
  /** The steward who taught it. */
  createdBy: Scalars['String']['output'];
  /** The alias id. */
  id: Scalars['ID']['output'];
  /** Why it was revoked. */
  revokeReason?: Maybe<Scalars['String']['output']>;
  /** When it was revoked; null while live. */
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The steward who revoked it. */
  revokedBy?: Maybe<Scalars['String']['output']>;
  /** The normalized text. */
  text: Scalars['String']['output'];
};

/** A page of address aliases, newest first. */
export type AddressAliasConnection = {
  __typename?: 'AddressAliasConnection';
  /** The aliases of this page. */
  edges: Array<AddressAliasEdge>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
};

/** One alias in a page. */
export type AddressAliasEdge = {
  __typename?: 'AddressAliasEdge';
  /** Pass as `after` for the aliases following this one. */
  cursor: Scalars['String']['output'];
  /** The alias. */
  node: AddressAlias;
};

/** Revokes an alias: later imports of its text are matched, and quarantined, as before. */
export type AddressAliasRevokeInput = {
  /** Client-chosen id, echoed in the payload. A retry of the same revocation answers it again. */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** The alias id. */
  id: Scalars['ID']['input'];
  /** Why (kept on the alias and in the audit trail); at most 500 characters. */
  reason: Scalars['String']['input'];
};

/** What a revocation did. */
export type AddressAliasRevokePayload = {
  __typename?: 'AddressAliasRevokePayload';
  /** The alias, now revoked; null when refused. */
  alias?: Maybe<AddressAlias>;
  /** The clientMutationId given. */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** True when this steward had revoked it already with this reason (a retry): nothing new was written. */
  replayed: Scalars['Boolean']['output'];
  /** Why it was refused; empty on success. */
  userErrors: Array<QuarantineUserError>;
};

/** An address the input might mean, when the match had to stop above the written precision. */
export type AddressCandidate = {
  __typename?: 'AddressCandidate';
  /** The candidate address. */
  address: Address;
  /** The candidate's level. */
  level: AddressLevel;
  /** Share of the written components it agrees with, 0 to 1. */
  score: Scalars['Float']['output'];
};

/**
 * The parts of a free-text address, normalized: simplified characters, half-width digits, Arabic
 * numerals where the part is a number, official division names. A part that was not written is
 * null, never guessed.
 */
export type AddressComponents = {
  __typename?: 'AddressComponents';
  /** Building designation without its marker: 28 for 28栋 or 二十八栋, A for A座, 东区2 for 东区2幢, 7坊16 for 七坊16号. */
  building?: Maybe<Scalars['String']['output']>;
  /** 市 — 深圳市 (also written 深圳). */
  city?: Maybe<Scalars['String']['output']>;
  /** 社区 — official community name, e.g. 水围社区 for 水围社区居委会. */
  community?: Maybe<Scalars['String']['output']>;
  /** 区 — official district name, e.g. 福田区 for 福田 or 福田區. */
  district?: Maybe<Scalars['String']['output']>;
  /** Door number on the road, e.g. 1006 for 深南大道1006号. */
  doorNumber?: Maybe<Scalars['String']['output']>;
  /** Estate, village or complex as written, e.g. 水围村, 天安数码城创新科技广场一期. */
  estate?: Maybe<Scalars['String']['output']>;
  /** Floor, only when written: 12 for 12层, 十二楼 or 12F. */
  floor?: Maybe<Scalars['String']['output']>;
  /** 省 — 广东省 (also written 广东). */
  province?: Maybe<Scalars['String']['output']>;
  /** Road as written, e.g. 深南大道, 福华三路, 石厦北二街西. */
  road?: Maybe<Scalars['String']['output']>;
  /** Room number as written, e.g. 1203 for 1203房, 1203室 or 一二零三 (not split into floor and room). */
  room?: Maybe<Scalars['String']['output']>;
  /** 街道 — official subdistrict name, e.g. 福田街道 for 福田街道办. */
  subdistrict?: Maybe<Scalars['String']['output']>;
  /** Unit (单元), e.g. 2 for 2单元 or 二单元. */
  unit?: Maybe<Scalars['String']['output']>;
};

/** A page of addresses. */
export type AddressConnection = {
  __typename?: 'AddressConnection';
  /** The addresses on this page with their cursors. */
  edges: Array<AddressEdge>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** How many addresses the whole list holds. */
  totalCount: Scalars['Int']['output'];
};

/** One address in a page. */
export type AddressEdge = {
  __typename?: 'AddressEdge';
  /** Pass as `after` to get the addresses following this one. */
  cursor: Scalars['String']['output'];
  /** The address. */
  node: Address;
};

/** The level of an address in the standard address hierarchy. */
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

/**
 * A free-text address standardized to a standard address code: the most specific code that is
 * certain (the room, else the building, else the community...), never one that contradicts what was
 * written.
 */
export type AddressMatch = {
  __typename?: 'AddressMatch';
  /** The matched address; null when not even the district is certain (empty text, another district). */
  address?: Maybe<Address>;
  /** Ranked finer addresses the input could mean, when the match stops above the written precision; at most 5. */
  candidates: Array<AddressCandidate>;
  /** The parsed components. */
  components: AddressComponents;
  /** How sure the match is, 0 to 1. A room matched on every written component is about 1; a community reached because the building was ambiguous is about 0.8. */
  confidence: Scalars['Float']['output'];
  /** The text as given. */
  input: Scalars['String']['output'];
  /** The level of the matched address; null when nothing matched. */
  level?: Maybe<AddressLevel>;
  /** The cleaned full text: NFKC, simplified characters, Arabic numerals, no spaces or punctuation. */
  normalized: Scalars['String']['output'];
  /** Per component: matched, corrected, missing, conflicting, ambiguous or not found. */
  reasons: Array<MatchReason>;
  /** Pieces of the text the parser could not place; empty when everything was understood. */
  unparsed: Array<Scalars['String']['output']>;
};

/** Facts about a building (楼栋). */
export type BuildingInfo = {
  __typename?: 'BuildingInfo';
  /** The building's own address. */
  address: Address;
  /** Other names people use: 俗称 (popular names) and 曾用名 (former names). */
  aliases: Array<Scalars['String']['output']>;
  /** Building designation without its marker: 28 for 28栋, A for A座, 东区2 for 东区2幢. */
  designation?: Maybe<Scalars['String']['output']>;
  /** Door number on the road, digits as written, e.g. 1006 for 深南大道1006号. */
  doorNumber?: Maybe<Scalars['String']['output']>;
  /** Estate, village or complex name, e.g. 水围村, 天安数码城. */
  estate?: Maybe<Scalars['String']['output']>;
  /** Floors above ground. */
  floorsAboveGround?: Maybe<Scalars['Int']['output']>;
  /** Floors below ground. */
  floorsBelowGround?: Maybe<Scalars['Int']['output']>;
  /** Location in WGS-84. */
  location?: Maybe<GeoPoint>;
  /** Road the building's door number is on, e.g. 深南大道. */
  road?: Maybe<Scalars['String']['output']>;
  /** What the building is used as. */
  type?: Maybe<BuildingType>;
  /** Year of completion. */
  yearBuilt?: Maybe<Scalars['Int']['output']>;
};

/** What a building is used as, which drives who lives and works there. */
export type BuildingType =
  /** 商业 — shops, malls and markets. */
  | 'COMMERCIAL'
  /** 工业 — factories and industrial parks. */
  | 'INDUSTRIAL'
  /** 写字楼 — an office tower. */
  | 'OFFICE'
  /** 公共建筑 — schools, hospitals, government buildings. */
  | 'PUBLIC'
  /** 住宅小区 — a residential estate. */
  | 'RESIDENTIAL_ESTATE'
  /** 城中村 — self-built housing in an urban village, dense and mostly rented. */
  | 'URBAN_VILLAGE';

/** A point in WGS-84 coordinates. */
export type GeoPoint = {
  __typename?: 'GeoPoint';
  /** Latitude in degrees north. */
  latitude: Scalars['Float']['output'];
  /** Longitude in degrees east. */
  longitude: Scalars['Float']['output'];
};

/** Why a match reached the level it did, one component at a time. */
export type MatchReason = {
  __typename?: 'MatchReason';
  /** The component: province, city, district, subdistrict, community, road, doorNumber, estate, building, unit, floor, room, or text for the whole input. */
  component: Scalars['String']['output'];
  /** A sentence for people, e.g. "building 99 is not in 水围村". */
  message: Scalars['String']['output'];
  /** How the component fared. */
  status: MatchReasonStatus;
};

/** How one address component fared when matched against the registry. */
export type MatchReasonStatus =
  /** Written and known, but fits more than one address. */
  | 'AMBIGUOUS'
  /** Written, but contradicts the registry or another component; the match stops above it. */
  | 'CONFLICT'
  /** Agrees after a correction: an alias, a former name, or a one-character typo. */
  | 'CORRECTED'
  /** Agrees with the matched address. */
  | 'MATCHED'
  /** Not written, so it could not narrow the match. */
  | 'MISSING'
  /** Written, but nothing in the registry has it. */
  | 'NOT_FOUND';

/** The stewards' writes of the registry: each runs in one transaction with its audit record. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Revokes an address alias (steward:write). */
  addressAliasRevoke: AddressAliasRevokePayload;
};


/** The stewards' writes of the registry: each runs in one transaction with its audit record. */
export type MutationAddressAliasRevokeArgs = {
  input: AddressAliasRevokeInput;
};

/** Forward pagination state of a connection. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last edge of this page; null on an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** True when another page follows this one. */
  hasNextPage: Scalars['Boolean']['output'];
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

export type Query = {
  __typename?: 'Query';
  /** One address by its code. An unknown code gives null and an ADDRESS_NOT_FOUND error. */
  address?: Maybe<Address>;
  /** The address aliases stewards taught (steward:read), newest first; a confined steward sees those whose code lies in their communities. */
  addressAliases?: Maybe<AddressAliasConnection>;
  /** Several addresses by code, in the order asked; null where a code is unknown. At most 500 codes. */
  addresses: Array<Maybe<Address>>;
  /** Every registry address at or beneath `code` (itself included), optionally of some levels only, in code order. An unknown code gives null and an ADDRESS_NOT_FOUND error. */
  addressesUnder?: Maybe<AddressConnection>;
  /** Addresses whose name, full name or alias contains the query text, best matches first. */
  searchAddresses: Array<Address>;
  /** Standardizes one free-text address (标准地址匹配): parses it and links it to the most specific registry address that is certain. Null only when the text is longer than 500 characters (with a BAD_USER_INPUT error). */
  standardizeAddress?: Maybe<AddressMatch>;
  /** Standardizes up to 500 addresses in one call, in the order given; registry lookups are batched. */
  standardizeAddresses: Array<AddressMatch>;
  /** Who this request runs as: subject, roles, scopes and community limits from the verified token. */
  viewer: Viewer;
};


export type QueryAddressArgs = {
  code: Scalars['AddressCode']['input'];
};


export type QueryAddressAliasesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeRevoked?: InputMaybe<Scalars['Boolean']['input']>;
};


export type QueryAddressesArgs = {
  codes: Array<Scalars['AddressCode']['input']>;
};


export type QueryAddressesUnderArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  code: Scalars['AddressCode']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  levels?: InputMaybe<Array<AddressLevel>>;
  updatedSince?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QuerySearchAddressesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  level?: InputMaybe<AddressLevel>;
  query: Scalars['String']['input'];
};


export type QueryStandardizeAddressArgs = {
  text: Scalars['String']['input'];
};


export type QueryStandardizeAddressesArgs = {
  texts: Array<Scalars['String']['input']>;
};

/** Facts about a room (房屋). */
export type RoomInfo = {
  __typename?: 'RoomInfo';
  /** Floor area in square metres. */
  areaSquareMeters?: Maybe<Scalars['Float']['output']>;
  /** Floor number; negative below ground. */
  floor?: Maybe<Scalars['Int']['output']>;
  /** Room number as written on the door, e.g. 1203. */
  number?: Maybe<Scalars['String']['output']>;
  /** Unit (单元) designation, e.g. 2 or B, when the building has units. */
  unit?: Maybe<Scalars['String']['output']>;
  /** What the room is used as. */
  use?: Maybe<RoomUse>;
};

/** What a room is used as. */
export type RoomUse =
  /** A dormitory (宿舍). */
  | 'DORMITORY'
  /** An office. */
  | 'OFFICE'
  /** Anything else. */
  | 'OTHER'
  /** A public service room (community centre, clinic). */
  | 'PUBLIC_SERVICE'
  /** Housing. */
  | 'RESIDENTIAL'
  /** A shop or restaurant (商铺). */
  | 'SHOP'
  /** Storage. */
  | 'STORAGE';

/** A schematic area drawn around the buildings beneath an address: the convex hull of their WGS-84 points. Not an official boundary. */
export type SchematicArea = {
  __typename?: 'SchematicArea';
  /** Buildings beneath the address that have a location. */
  buildingCount: Scalars['Int']['output'];
  /** The mean position of the located buildings (a label position); null when none is located. */
  center?: Maybe<GeoPoint>;
  /** The hull's corners in order, the first not repeated at the end; fewer than 3 when fewer buildings are located (a point or a line). */
  ring: Array<GeoPoint>;
};

/** The identity a request runs as, as the gateway verified it from the bearer token. */
export type Viewer = {
  __typename?: 'Viewer';
  /** Community codes the viewer is confined to; null when not confined. */
  communities?: Maybe<Array<Scalars['String']['output']>>;
  /** Roles named in the token. */
  roles: Array<Scalars['String']['output']>;
  /** Scopes granted, from the token's scopes and roles, e.g. people:read. */
  scopes: Array<Scalars['String']['output']>;
  /** The token's subject (`sub`); null for a request without a token. */
  subject?: Maybe<Scalars['String']['output']>;
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
  AddressAlias: AddressAlias;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Address:
    ( { __typename: 'Address' }
    & GraphQLRecursivePick<FederationTypes['Address'], {"code":true}> );
  AddressAlias:
    ( { __typename: 'AddressAlias' }
    & GraphQLRecursivePick<FederationTypes['AddressAlias'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Address: ResolverTypeWrapper<AddressMapper>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AddressAlias: ResolverTypeWrapper<AddressAliasMapper>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AddressAliasConnection: ResolverTypeWrapper<Omit<AddressAliasConnection, 'edges'> & { edges: Array<ResolversTypes['AddressAliasEdge']> }>;
  AddressAliasEdge: ResolverTypeWrapper<Omit<AddressAliasEdge, 'node'> & { node: ResolversTypes['AddressAlias'] }>;
  AddressAliasRevokeInput: AddressAliasRevokeInput;
  AddressAliasRevokePayload: ResolverTypeWrapper<Omit<AddressAliasRevokePayload, 'alias'> & { alias?: Maybe<ResolversTypes['AddressAlias']> }>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  AddressCandidate: ResolverTypeWrapper<AddressCandidateMapper>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  AddressCode: ResolverTypeWrapper<Scalars['AddressCode']['output']>;
  AddressComponents: ResolverTypeWrapper<AddressComponents>;
  AddressConnection: ResolverTypeWrapper<AddressConnectionMapper>;
  AddressEdge: ResolverTypeWrapper<Omit<AddressEdge, 'node'> & { node: ResolversTypes['Address'] }>;
  AddressLevel: AddressLevel;
  AddressMatch: ResolverTypeWrapper<AddressMatchMapper>;
  BuildingInfo: ResolverTypeWrapper<BuildingInfoMapper>;
  BuildingType: BuildingType;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  GeoPoint: ResolverTypeWrapper<GeoPoint>;
  MatchReason: ResolverTypeWrapper<MatchReasonMapper>;
  MatchReasonStatus: MatchReasonStatus;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  QuarantineErrorCode: QuarantineErrorCode;
  QuarantineUserError: ResolverTypeWrapper<QuarantineUserError>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RoomInfo: ResolverTypeWrapper<RoomInfoMapper>;
  RoomUse: RoomUse;
  SchematicArea: ResolverTypeWrapper<SchematicArea>;
  Viewer: ResolverTypeWrapper<ViewerMapper>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Address: AddressMapper;
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  AddressAlias: AddressAliasMapper;
  ID: Scalars['ID']['output'];
  AddressAliasConnection: Omit<AddressAliasConnection, 'edges'> & { edges: Array<ResolversParentTypes['AddressAliasEdge']> };
  AddressAliasEdge: Omit<AddressAliasEdge, 'node'> & { node: ResolversParentTypes['AddressAlias'] };
  AddressAliasRevokeInput: AddressAliasRevokeInput;
  AddressAliasRevokePayload: Omit<AddressAliasRevokePayload, 'alias'> & { alias?: Maybe<ResolversParentTypes['AddressAlias']> };
  Boolean: Scalars['Boolean']['output'];
  AddressCandidate: AddressCandidateMapper;
  Float: Scalars['Float']['output'];
  AddressCode: Scalars['AddressCode']['output'];
  AddressComponents: AddressComponents;
  AddressConnection: AddressConnectionMapper;
  AddressEdge: Omit<AddressEdge, 'node'> & { node: ResolversParentTypes['Address'] };
  AddressMatch: AddressMatchMapper;
  BuildingInfo: BuildingInfoMapper;
  DateTime: Scalars['DateTime']['output'];
  GeoPoint: GeoPoint;
  MatchReason: MatchReasonMapper;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  QuarantineUserError: QuarantineUserError;
  Query: Record<PropertyKey, never>;
  RoomInfo: RoomInfoMapper;
  SchematicArea: SchematicArea;
  Viewer: ViewerMapper;
};

export type AddressResolvers<ContextType = BuildingsContext, ParentType extends ResolversParentTypes['Address'] = ResolversParentTypes['Address'], FederationReferenceType extends FederationReferenceTypes['Address'] = FederationReferenceTypes['Address']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Address']> | FederationReferenceType, FederationReferenceType, ContextType>;
  ancestor?: Resolver<Maybe<ResolversTypes['Address']>, ParentType, ContextType, RequireFields<AddressAncestorArgs, 'level'>>;
  ancestors?: Resolver<Array<ResolversTypes['Address']>, ParentType, ContextType>;
  area?: Resolver<Maybe<ResolversTypes['SchematicArea']>, ParentType, ContextType>;
  building?: Resolver<Maybe<ResolversTypes['BuildingInfo']>, ParentType, ContextType>;
  children?: Resolver<ResolversTypes['AddressConnection'], ParentType, ContextType, RequireFields<AddressChildrenArgs, 'first'>>;
  code?: Resolver<ResolversTypes['AddressCode'], ParentType, ContextType>;
  fullName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['AddressLevel'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parent?: Resolver<Maybe<ResolversTypes['Address']>, ParentType, ContextType>;
  room?: Resolver<Maybe<ResolversTypes['RoomInfo']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type AddressAliasResolvers<ContextType = BuildingsContext, ParentType extends ResolversParentTypes['AddressAlias'] = ResolversParentTypes['AddressAlias'], FederationReferenceType extends FederationReferenceTypes['AddressAlias'] = FederationReferenceTypes['AddressAlias']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['AddressAlias']> | FederationReferenceType, FederationReferenceType, ContextType>;
  address?: Resolver<ResolversTypes['Address'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  revokeReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  revokedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AddressAliasConnectionResolvers<ContextType = BuildingsContext, ParentType extends ResolversParentTypes['AddressAliasConnection'] = ResolversParentTypes['AddressAliasConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AddressAliasEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type AddressAliasEdgeResolvers<ContextType = BuildingsContext, ParentType extends ResolversParentTypes['AddressAliasEdge'] = ResolversParentTypes['AddressAliasEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AddressAlias'], ParentType, ContextType>;
};

export type AddressAliasRevokePayloadResolvers<ContextType = BuildingsContext, ParentType extends ResolversParentTypes['AddressAliasRevokePayload'] = ResolversParentTypes['AddressAliasRevokePayload']> = {
  alias?: Resolver<Maybe<ResolversTypes['AddressAlias']>, ParentType, ContextType>;
  clientMutationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  replayed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['QuarantineUserError']>, ParentType, ContextType>;
};

export type AddressCandidateResolvers<ContextType = BuildingsContext, ParentType extends ResolversParentTypes['AddressCandidate'] = ResolversParentTypes['AddressCandidate']> = {
  address?: Resolver<ResolversTypes['Address'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['AddressLevel'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export interface AddressCodeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['AddressCode'], any> {
  name: 'AddressCode';
}

export type AddressComponentsResolvers<ContextType = BuildingsContext, ParentType extends ResolversParentTypes['AddressComponents'] = ResolversParentTypes['AddressComponents']> = {
  building?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  city?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  community?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  district?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  doorNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  estate?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  floor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  province?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  road?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  room?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  subdistrict?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  unit?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type AddressConnectionResolvers<ContextType = BuildingsContext, ParentType extends ResolversParentTypes['AddressConnection'] = ResolversParentTypes['AddressConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AddressEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AddressEdgeResolvers<ContextType = BuildingsContext, ParentType extends ResolversParentTypes['AddressEdge'] = ResolversParentTypes['AddressEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Address'], ParentType, ContextType>;
};

export type AddressMatchResolvers<ContextType = BuildingsContext, ParentType extends ResolversParentTypes['AddressMatch'] = ResolversParentTypes['AddressMatch']> = {
  address?: Resolver<Maybe<ResolversTypes['Address']>, ParentType, ContextType>;
  candidates?: Resolver<Array<ResolversTypes['AddressCandidate']>, ParentType, ContextType>;
  components?: Resolver<ResolversTypes['AddressComponents'], ParentType, ContextType>;
  confidence?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  input?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  level?: Resolver<Maybe<ResolversTypes['AddressLevel']>, ParentType, ContextType>;
  normalized?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reasons?: Resolver<Array<ResolversTypes['MatchReason']>, ParentType, ContextType>;
  unparsed?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type BuildingInfoResolvers<ContextType = BuildingsContext, ParentType extends ResolversParentTypes['BuildingInfo'] = ResolversParentTypes['BuildingInfo']> = {
  address?: Resolver<ResolversTypes['Address'], ParentType, ContextType>;
  aliases?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  designation?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  doorNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  estate?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  floorsAboveGround?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  floorsBelowGround?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  location?: Resolver<Maybe<ResolversTypes['GeoPoint']>, ParentType, ContextType>;
  road?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<Maybe<ResolversTypes['BuildingType']>, ParentType, ContextType>;
  yearBuilt?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type GeoPointResolvers<ContextType = BuildingsContext, ParentType extends ResolversParentTypes['GeoPoint'] = ResolversParentTypes['GeoPoint']> = {
  latitude?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  longitude?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type MatchReasonResolvers<ContextType = BuildingsContext, ParentType extends ResolversParentTypes['MatchReason'] = ResolversParentTypes['MatchReason']> = {
  component?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['MatchReasonStatus'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = BuildingsContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  addressAliasRevoke?: Resolver<ResolversTypes['AddressAliasRevokePayload'], ParentType, ContextType, RequireFields<MutationAddressAliasRevokeArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = BuildingsContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QuarantineUserErrorResolvers<ContextType = BuildingsContext, ParentType extends ResolversParentTypes['QuarantineUserError'] = ResolversParentTypes['QuarantineUserError']> = {
  code?: Resolver<ResolversTypes['QuarantineErrorCode'], ParentType, ContextType>;
  field?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = BuildingsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  address?: Resolver<Maybe<ResolversTypes['Address']>, ParentType, ContextType, RequireFields<QueryAddressArgs, 'code'>>;
  addressAliases?: Resolver<Maybe<ResolversTypes['AddressAliasConnection']>, ParentType, ContextType, RequireFields<QueryAddressAliasesArgs, 'first' | 'includeRevoked'>>;
  addresses?: Resolver<Array<Maybe<ResolversTypes['Address']>>, ParentType, ContextType, RequireFields<QueryAddressesArgs, 'codes'>>;
  addressesUnder?: Resolver<Maybe<ResolversTypes['AddressConnection']>, ParentType, ContextType, RequireFields<QueryAddressesUnderArgs, 'code' | 'first'>>;
  searchAddresses?: Resolver<Array<ResolversTypes['Address']>, ParentType, ContextType, RequireFields<QuerySearchAddressesArgs, 'first' | 'query'>>;
  standardizeAddress?: Resolver<Maybe<ResolversTypes['AddressMatch']>, ParentType, ContextType, RequireFields<QueryStandardizeAddressArgs, 'text'>>;
  standardizeAddresses?: Resolver<Array<ResolversTypes['AddressMatch']>, ParentType, ContextType, RequireFields<QueryStandardizeAddressesArgs, 'texts'>>;
  viewer?: Resolver<ResolversTypes['Viewer'], ParentType, ContextType>;
};

export type RoomInfoResolvers<ContextType = BuildingsContext, ParentType extends ResolversParentTypes['RoomInfo'] = ResolversParentTypes['RoomInfo']> = {
  areaSquareMeters?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  floor?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  number?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  unit?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  use?: Resolver<Maybe<ResolversTypes['RoomUse']>, ParentType, ContextType>;
};

export type SchematicAreaResolvers<ContextType = BuildingsContext, ParentType extends ResolversParentTypes['SchematicArea'] = ResolversParentTypes['SchematicArea']> = {
  buildingCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  center?: Resolver<Maybe<ResolversTypes['GeoPoint']>, ParentType, ContextType>;
  ring?: Resolver<Array<ResolversTypes['GeoPoint']>, ParentType, ContextType>;
};

export type ViewerResolvers<ContextType = BuildingsContext, ParentType extends ResolversParentTypes['Viewer'] = ResolversParentTypes['Viewer']> = {
  communities?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  scopes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  subject?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type Resolvers<ContextType = BuildingsContext> = {
  Address?: AddressResolvers<ContextType>;
  AddressAlias?: AddressAliasResolvers<ContextType>;
  AddressAliasConnection?: AddressAliasConnectionResolvers<ContextType>;
  AddressAliasEdge?: AddressAliasEdgeResolvers<ContextType>;
  AddressAliasRevokePayload?: AddressAliasRevokePayloadResolvers<ContextType>;
  AddressCandidate?: AddressCandidateResolvers<ContextType>;
  AddressCode?: GraphQLScalarType;
  AddressComponents?: AddressComponentsResolvers<ContextType>;
  AddressConnection?: AddressConnectionResolvers<ContextType>;
  AddressEdge?: AddressEdgeResolvers<ContextType>;
  AddressMatch?: AddressMatchResolvers<ContextType>;
  BuildingInfo?: BuildingInfoResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  GeoPoint?: GeoPointResolvers<ContextType>;
  MatchReason?: MatchReasonResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  QuarantineUserError?: QuarantineUserErrorResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RoomInfo?: RoomInfoResolvers<ContextType>;
  SchematicArea?: SchematicAreaResolvers<ContextType>;
  Viewer?: ViewerResolvers<ContextType>;
};

