/**
 * The registry of data-quality checks, declared as data (as dbt tests and Soda checks are): what
 * each measures, on which subgraph's schema, the statement that computes it (quality/statements/
 * <schema>.ts, reading only that schema) and the thresholds that turn its line amber or red.
 *
 * Measures:
 * - `share`: bad / total, the share of rows failing; warn / fail when it exceeds the threshold
 *   (0 means any failing row).
 * - `age_days`: days since the newest record (the statement computes it); warn / fail above.
 * - `rows`: the row count; warn / fail when it changed since the previous recorded run by more
 *   than that share (0.2 = 20 %) either way.
 *
 * To add a check: write its statement beside the others of its schema (one aggregate query
 * returning community, segment, total, bad, value), add an entry here, and a test that plants the
 * bad data it catches (tests/quality.e2e.ts).
 */
import type { SubgraphName } from '../lib/config.ts';
import type { Statement } from './statement.ts';
import { BUILDINGS_STATEMENTS as B } from './statements/buildings.ts';
import { CASES_STATEMENTS as C } from './statements/cases.ts';
import { ENTITIES_STATEMENTS as N } from './statements/entities.ts';
import { EVENTS_STATEMENTS as E } from './statements/events.ts';
import { lastImportAge, lastImportLinkage } from './statements/imports.ts';
import { PEOPLE_STATEMENTS as P } from './statements/people.ts';

export const DIMENSIONS = ['completeness', 'validity', 'uniqueness', 'linkage', 'freshness', 'volume'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type Measure = 'share' | 'age_days' | 'rows';

export type CheckDefinition = {
  /** Stable id, `<subgraph>.<what>`: history is kept under it. */
  id: string;
  subgraph: SubgraphName;
  dimension: Dimension;
  /** What a failing row is, in a steward's words. */
  description: string;
  measure: Measure;
  /** Above `warn` the line is amber, above `fail` red (see Measures). */
  warn: number;
  fail: number;
  statement: Statement;
  /** Part counts the statement returns beside total and bad (linkage: room, building, coarse). */
  parts?: readonly string[];
  /** Run-level: its rows have no community, so a run limited to communities leaves it out. */
  runLevel?: boolean;
};

const LINK_PARTS = ['room', 'building', 'coarse'] as const;
/** Zero tolerance: any failing row is red. */
const ANY = { warn: 0, fail: 0 } as const;
const FRESH = { measure: 'age_days', warn: 30, fail: 90 } as const;
const VOLUME = { dimension: 'volume', measure: 'rows', warn: 0.2, fail: 0.5 } as const;

const imports = (subgraph: 'people' | 'entities' | 'events' | 'cases'): CheckDefinition[] => [
  { id: `${subgraph}.import.linkage`, subgraph, dimension: 'linkage', measure: 'share', warn: 0.05, fail: 0.2, parts: LINK_PARTS, runLevel: true,
    description: 'rows of the newest completed import run that were quarantined instead of loaded (parts: rows linked at room, building, community level)', statement: lastImportLinkage(subgraph) },
  { id: `${subgraph}.import.freshness`, subgraph, dimension: 'freshness', ...FRESH, runLevel: true,
    description: 'days since the newest completed import run of this department', statement: lastImportAge(subgraph) },
];

export const CHECKS: readonly CheckDefinition[] = [
  // --- buildings: the address registry
  { id: 'buildings.building.location_missing', subgraph: 'buildings', dimension: 'completeness', measure: 'share', warn: 0.05, fail: 0.2, description: 'buildings without a WGS-84 location', statement: B.buildingLocationMissing },
  { id: 'buildings.building.year_missing', subgraph: 'buildings', dimension: 'completeness', measure: 'share', warn: 0.2, fail: 0.5, description: 'buildings without a year built', statement: B.buildingYearMissing },
  { id: 'buildings.room.use_missing', subgraph: 'buildings', dimension: 'completeness', measure: 'share', warn: 0.1, fail: 0.3, description: 'rooms without a use or an area', statement: B.roomUseMissing },
  { id: 'buildings.building.year_range', subgraph: 'buildings', dimension: 'validity', measure: 'share', ...ANY, description: 'buildings built after this year', statement: B.buildingYearRange },
  { id: 'buildings.building.location_range', subgraph: 'buildings', dimension: 'validity', measure: 'share', ...ANY, description: 'buildings located outside Shenzhen (113.7-114.7 E, 22.4-22.9 N)', statement: B.buildingLocationRange },
  { id: 'buildings.room.number_duplicate', subgraph: 'buildings', dimension: 'uniqueness', measure: 'share', ...ANY, description: 'rooms numbered like another room of the same unit and building', statement: B.roomNumberDuplicate },
  { id: 'buildings.room.volume', subgraph: 'buildings', ...VOLUME, description: 'rooms in the registry', statement: B.roomVolume },
  // --- people
  { id: 'people.person.no_current_residence', subgraph: 'people', dimension: 'completeness', measure: 'share', warn: 0.02, fail: 0.1, description: 'persons without a current residence', statement: P.noCurrentResidence },
  { id: 'people.person.phone_missing', subgraph: 'people', dimension: 'completeness', measure: 'share', warn: 0.25, fail: 0.5, description: 'persons without a phone number', statement: P.phoneMissing },
  { id: 'people.person.name_blank', subgraph: 'people', dimension: 'completeness', measure: 'share', ...ANY, description: 'persons whose name is only spaces', statement: P.nameBlank },
  { id: 'people.person.id_number_check', subgraph: 'people', dimension: 'validity', measure: 'share', ...ANY, description: 'identity numbers with a wrong GB 11643 check character', statement: P.idNumberCheck },
  { id: 'people.person.id_number_birth_date', subgraph: 'people', dimension: 'validity', measure: 'share', ...ANY, description: 'identity numbers whose birth date is not the person\'s birth date', statement: P.idNumberBirthDate },
  { id: 'people.person.birth_date_range', subgraph: 'people', dimension: 'validity', measure: 'share', ...ANY, description: 'birth dates before 1900 or in the future', statement: P.birthDateRange },
  { id: 'people.residence.since_range', subgraph: 'people', dimension: 'validity', measure: 'share', ...ANY, description: 'current residences starting in the future or before the person was born', statement: P.sinceRange },
  { id: 'people.residence.address_community', subgraph: 'people', dimension: 'validity', measure: 'share', ...ANY, description: 'current residences in a community the registry does not hold', statement: P.addressCommunity },
  { id: 'people.person.id_number_duplicate', subgraph: 'people', dimension: 'uniqueness', measure: 'share', ...ANY, description: 'persons whose identity number a second record (waiting in quarantine) also carries', statement: P.idNumberDuplicate },
  { id: 'people.person.two_current_residences', subgraph: 'people', dimension: 'uniqueness', measure: 'share', warn: 0, fail: 0.01, description: 'persons with more than one current residence', statement: P.twoCurrentResidences },
  { id: 'people.residence.linkage', subgraph: 'people', dimension: 'linkage', measure: 'share', warn: 0.05, fail: 0.2, parts: LINK_PARTS, description: 'current residences linked no finer than a community or grid (parts: room, building, coarser)', statement: P.linkage },
  { id: 'people.freshness', subgraph: 'people', dimension: 'freshness', ...FRESH, description: 'days since the newest change to a person or residence', statement: P.freshness },
  { id: 'people.person.volume', subgraph: 'people', ...VOLUME, description: 'persons', statement: P.volume },
  ...imports('people'),
  // --- entities
  { id: 'entities.entity.business_address_missing', subgraph: 'entities', dimension: 'completeness', measure: 'share', warn: 0.1, fail: 0.3, description: 'legal entities without a business address', statement: N.businessAddressMissing },
  { id: 'entities.entity.registered_address_missing', subgraph: 'entities', dimension: 'completeness', measure: 'share', warn: 0.02, fail: 0.1, description: 'legal entities without a registered address', statement: N.registeredAddressMissing },
  { id: 'entities.entity.legal_rep_missing', subgraph: 'entities', dimension: 'completeness', measure: 'share', warn: 0.05, fail: 0.2, description: 'legal entities without a legal representative', statement: N.legalRepMissing },
  { id: 'entities.entity.name_blank', subgraph: 'entities', dimension: 'completeness', measure: 'share', ...ANY, description: 'legal entities whose name is only spaces', statement: N.nameBlank },
  { id: 'entities.entity.credit_code_check', subgraph: 'entities', dimension: 'validity', measure: 'share', ...ANY, description: 'credit codes with a wrong GB 32100 check character', statement: N.creditCodeCheck },
  { id: 'entities.entity.registered_on_range', subgraph: 'entities', dimension: 'validity', measure: 'share', ...ANY, description: 'registration dates before 1949-10-01 or in the future', statement: N.registeredOnRange },
  { id: 'entities.entity.address_community', subgraph: 'entities', dimension: 'validity', measure: 'share', ...ANY, description: 'legal entities with an address in a community the registry does not hold', statement: N.addressCommunity },
  { id: 'entities.entity.credit_code_duplicate', subgraph: 'entities', dimension: 'uniqueness', measure: 'share', ...ANY, description: 'legal entities whose credit code a second record (waiting in quarantine) also carries', statement: N.creditCodeDuplicate },
  { id: 'entities.entity.linkage', subgraph: 'entities', dimension: 'linkage', measure: 'share', warn: 0.05, fail: 0.2, parts: LINK_PARTS, description: 'legal entities placed no finer than a community or grid (parts: room, building, coarser)', statement: N.linkage },
  { id: 'entities.freshness', subgraph: 'entities', dimension: 'freshness', ...FRESH, description: 'days since the newest change to a legal entity', statement: N.freshness },
  { id: 'entities.entity.volume', subgraph: 'entities', ...VOLUME, description: 'legal entities', statement: N.volume },
  ...imports('entities'),
  // --- events
  { id: 'events.event.resolved_at_missing', subgraph: 'events', dimension: 'completeness', measure: 'share', ...ANY, description: 'resolved or closed events without a resolution time', statement: E.resolvedAtMissing },
  { id: 'events.event.description_blank', subgraph: 'events', dimension: 'completeness', measure: 'share', warn: 0, fail: 0.05, description: 'events whose description is only spaces', statement: E.descriptionBlank },
  { id: 'events.event.reported_at_range', subgraph: 'events', dimension: 'validity', measure: 'share', ...ANY, description: 'events reported before 2000 or more than a day in the future', statement: E.reportedAtRange },
  { id: 'events.event.address_community', subgraph: 'events', dimension: 'validity', measure: 'share', ...ANY, description: 'events in a community the registry does not hold', statement: E.addressCommunity },
  { id: 'events.event.duplicate_report', subgraph: 'events', dimension: 'uniqueness', measure: 'share', warn: 0, fail: 0.01, description: 'events with the same kind, address and time as another event', statement: E.duplicateReport },
  { id: 'events.event.linkage', subgraph: 'events', dimension: 'linkage', measure: 'share', warn: 0.05, fail: 0.2, parts: LINK_PARTS, description: 'events placed no finer than a community or grid (parts: room, building, coarser)', statement: E.linkage },
  { id: 'events.freshness', subgraph: 'events', dimension: 'freshness', ...FRESH, description: 'days since the newest change to an event, per source (patrol, hotline, sensor, ...)', statement: E.freshness },
  { id: 'events.event.volume', subgraph: 'events', ...VOLUME, description: 'events', statement: E.volume },
  ...imports('events'),
  // --- cases
  { id: 'cases.case.no_party', subgraph: 'cases', dimension: 'completeness', measure: 'share', warn: 0, fail: 0.05, description: 'cases without any party', statement: C.noParty },
  { id: 'cases.case.outcome_missing', subgraph: 'cases', dimension: 'completeness', measure: 'share', warn: 0.05, fail: 0.2, description: 'closed cases without an outcome', statement: C.outcomeMissing },
  { id: 'cases.case.summary_blank', subgraph: 'cases', dimension: 'completeness', measure: 'share', warn: 0, fail: 0.05, description: 'cases whose summary is only spaces', statement: C.summaryBlank },
  { id: 'cases.case.filed_on_range', subgraph: 'cases', dimension: 'validity', measure: 'share', ...ANY, description: 'cases filed before 2000 or in the future', statement: C.filedOnRange },
  { id: 'cases.case.address_community', subgraph: 'cases', dimension: 'validity', measure: 'share', ...ANY, description: 'cases in a community the registry does not hold', statement: C.addressCommunity },
  { id: 'cases.party.credit_code_check', subgraph: 'cases', dimension: 'validity', measure: 'share', ...ANY, description: 'entity parties whose credit code has a wrong check character', statement: C.partyCreditCodeCheck },
  { id: 'cases.case.linkage', subgraph: 'cases', dimension: 'linkage', measure: 'share', warn: 0.05, fail: 0.2, parts: LINK_PARTS, description: 'cases placed no finer than a community or grid (parts: room, building, coarser)', statement: C.linkage },
  { id: 'cases.freshness', subgraph: 'cases', dimension: 'freshness', ...FRESH, description: 'days since the newest change to a case', statement: C.freshness },
  { id: 'cases.case.volume', subgraph: 'cases', ...VOLUME, description: 'cases', statement: C.volume },
  ...imports('cases'),
];

/** The check of an id, or undefined. */
export const checkById = (id: string): CheckDefinition | undefined => CHECKS.find((c) => c.id === id);
