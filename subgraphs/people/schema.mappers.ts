import type { AuditRecord } from '../../audit/repository.ts';
/** GraphQL type -> the value its resolvers receive (repository rows, not hand-typed shapes). */
import type { PersonRow, ResidenceRow, ResidentsKey } from './repository.ts';

export type PersonMapper = PersonRow;
export type ResidenceMapper = ResidenceRow;
/** The buildings subgraph owns addresses; here an address is its canonical code. */
export type AddressMapper = { code: string };
/** The residents query of one address; edges and counts load lazily from it. */
export type ResidentConnectionMapper = ResidentsKey;
/** A current residence on a page; its person is the edge's node. */
export type ResidentEdgeMapper = { cursor: string; node: ResidenceRow };
export type AuditRecordMapper = AuditRecord;
