/** GraphQL type -> the value its resolvers receive (repository rows, not hand-typed shapes). */
import type { Rule } from '../../monitor/rules.ts';
import type { AlertRow, AlertsKey, Evidence } from './repository.ts';

export type AlertMapper = AlertRow;
export type AlertRuleMapper = Rule;
export type AlertEvidenceMapper = Evidence;
/** The alerts query of one address or of the root; edges and the count load lazily from it. */
export type AlertConnectionMapper = AlertsKey;
/** The buildings subgraph owns addresses; here an address is its canonical code. */
export type AddressMapper = { code: string };
