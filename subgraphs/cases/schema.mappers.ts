/** GraphQL type -> the value its resolvers receive (repository rows, not hand-typed shapes). */
import type { CaseHistoryRow, CasePartyRow, CaseRow, CasesKey } from './repository.ts';
import type { CaseStatsSummary } from './stats.ts';
import type { QuarantineItem } from '../../importer/quarantine.ts';
import type { QuarantineHistoryEntry } from '../../importer/quarantine-repository.ts';

import type { CaseChangeRow } from './subscriptions.ts';

export type CaseMapper = CaseRow;
export type CasePartyMapper = CasePartyRow;
/** The buildings subgraph owns addresses; here an address is its canonical code. */
export type AddressMapper = { code: string };
/** The cases query of one address; edges and the count load lazily from it. */
export type CaseConnectionMapper = CasesKey;
export type CaseStatsMapper = CaseStatsSummary;
export type CaseHistoryEntryMapper = CaseHistoryRow;


/** A quarantined row as the stewards' service presents it (masked unless people:pii). */
export type QuarantinedRowMapper = QuarantineItem;
export type QuarantineHistoryEntryMapper = QuarantineHistoryEntry;
/** The buildings subgraph owns aliases; here an alias is its id. */
export type AddressAliasRefMapper = { id: string };

/** A committed change as a subscriber receives it (subscriptions.ts). */
export type CaseChangeMapper = CaseChangeRow;
