/** GraphQL type -> the value its resolvers receive (repository rows, not hand-typed shapes). */
import type { Viewer } from '../../lib/auth/scopes.ts';
import type { AddressMatch, MatchCandidate, MatchReason } from '../../address/types.ts';
import type { AddressRow, ChildrenKey, SubtreeKey } from './repository.ts';
import type { SchematicArea } from './area.ts';

/** A full registry row, or a bare `{ code }` reference from another subgraph before it is loaded. */
export type AddressMapper = AddressRow | { code: string; __typename?: 'Address' };
export type BuildingInfoMapper = AddressRow;
export type RoomInfoMapper = AddressRow;
/** The children query of one parent, or an addressesUnder query of one subtree; edges and counts load lazily from it. */
export type AddressConnectionMapper = ChildrenKey | SubtreeKey;
/** A standardizer result (address/types.ts); `address` and `candidates` load registry rows by code. */
export type AddressMatchMapper = AddressMatch;
export type AddressCandidateMapper = MatchCandidate;
export type MatchReasonMapper = MatchReason;
export type ViewerMapper = Viewer;
/** A hull computed from the building points beneath an address (area.ts). */
export type SchematicAreaMapper = SchematicArea;
