/** GraphQL type -> the value its resolvers receive (repository rows, not hand-typed shapes). */
import type { EntitiesKey, LegalEntityRow } from './repository.ts';
import type { QuarantineItem } from '../../importer/quarantine.ts';
import type { QuarantineHistoryEntry } from '../../importer/quarantine-repository.ts';

export type LegalEntityMapper = LegalEntityRow;
/** The people subgraph owns people; here a person is its `ref` key (the person id). */
export type PersonMapper = { ref: string };
/** The buildings subgraph owns addresses; here an address is its canonical code. */
export type AddressMapper = { code: string };
/** The entities query of one address; edges and counts load lazily from it. */
export type LegalEntityConnectionMapper = EntitiesKey;

/** A quarantined row as the stewards' service presents it (masked unless people:pii). */
export type QuarantinedRowMapper = QuarantineItem;
export type QuarantineHistoryEntryMapper = QuarantineHistoryEntry;
/** The buildings subgraph owns aliases; here an alias is its id. */
export type AddressAliasRefMapper = { id: string };
