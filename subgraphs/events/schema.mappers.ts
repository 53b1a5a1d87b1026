/** GraphQL type -> the value its resolvers receive (repository rows, not hand-typed shapes). */
import type { EventEntityRow, EventHistoryRow, EventPersonRow, EventRow, EventsKey } from './repository.ts';
import type { EventStatsSummary } from './stats.ts';
import type { QuarantineItem } from '../../importer/quarantine.ts';
import type { QuarantineHistoryEntry } from '../../importer/quarantine-repository.ts';

import type { EventChangeRow } from './subscriptions.ts';

export type EventMapper = EventRow;
/** The buildings subgraph owns addresses; here an address is its canonical code. */
export type AddressMapper = { code: string };
/** The events query of one address; edges and the count load lazily from it. */
export type EventConnectionMapper = EventsKey;
export type EventStatsMapper = EventStatsSummary;
export type EventPersonLinkMapper = EventPersonRow;
export type EventEntityLinkMapper = EventEntityRow;
export type EventHistoryEntryMapper = EventHistoryRow;

/** A quarantined row as the stewards' service presents it (masked unless people:pii). */
export type QuarantinedRowMapper = QuarantineItem;
export type QuarantineHistoryEntryMapper = QuarantineHistoryEntry;
/** The buildings subgraph owns aliases; here an alias is its id. */
export type AddressAliasRefMapper = { id: string };

/** A committed change as a subscriber receives it (subscriptions.ts). */
export type EventChangeMapper = EventChangeRow;
