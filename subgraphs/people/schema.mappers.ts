import type { AuditRecord } from '../../audit/repository.ts';
/** GraphQL type -> the value its resolvers receive (repository rows, not hand-typed shapes). */
import type { PeopleKey, PersonRow, ResidenceRow, ResidencesKey, ResidentsKey } from './repository.ts';
import type { QuarantineItem } from '../../importer/quarantine.ts';
import type { QuarantineHistoryEntry } from '../../importer/quarantine-repository.ts';

export type PersonMapper = PersonRow;
export type ResidenceMapper = ResidenceRow;
/** The buildings subgraph owns addresses; here an address is its canonical code. */
export type AddressMapper = { code: string };
/** The residents query of one address; edges and counts load lazily from it. */
export type ResidentConnectionMapper = ResidentsKey;
/** The people query of one address (Address.people); edges and the count load lazily from it. */
export type PersonConnectionMapper = PeopleKey;
export type PersonEdgeMapper = { cursor: string; node: PersonRow };
/** The residences query of one address (Address.residences); edges and the count load lazily from it. */
export type ResidenceConnectionMapper = ResidencesKey;
export type ResidenceEdgeMapper = { cursor: string; node: ResidenceRow };
/** A current residence on a page; its person is the edge's node. */
export type ResidentEdgeMapper = { cursor: string; node: ResidenceRow };
export type AuditRecordMapper = AuditRecord;
/** An event participant or case party of another subgraph: here only the key of its person. */
export type PersonLinkMapper = { personRef: string };
/** A legal entity of the entities subgraph: here only its key and its representative's ref. */
export type LegalEntityMapper = { creditCode: string; legalRepresentativeRef: string | null };

/** A quarantined row as the stewards' service presents it (masked unless people:pii). */
export type QuarantinedRowMapper = QuarantineItem;
export type QuarantineHistoryEntryMapper = QuarantineHistoryEntry;
/** The buildings subgraph owns aliases; here an alias is its id. */
export type AddressAliasRefMapper = { id: string };
