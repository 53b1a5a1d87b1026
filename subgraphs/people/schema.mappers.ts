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
/** An event participant or case party of another subgraph: here only the key of its person. */
export type PersonLinkMapper = { personRef: string };
/** A legal entity of the entities subgraph: here only its key and its representative's ref. */
export type LegalEntityMapper = { creditCode: string; legalRepresentativeRef: string | null };
