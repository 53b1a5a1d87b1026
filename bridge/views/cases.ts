import type { View } from '../registry.ts';
import { underFilter, updatedAtColumn, updatedFilters } from './common.ts';

const caseFilters = [
  underFilter('address.code'),
  { name: 'from', description: 'Only cases filed on or after this date (YYYY-MM-DD).', type: 'date', variable: 'from', column: 'filedOn', op: 'ge' },
  { name: 'to', description: 'Only cases filed before this date (YYYY-MM-DD).', type: 'date', variable: 'to', column: 'filedOn', op: 'lt' },
  ...updatedFilters(),
  { name: 'status', description: 'Only cases in these statuses, comma-separated.', type: 'enum-list', enum: 'CaseStatus', variable: 'status', column: 'status', op: 'in' },
  { name: 'kind', description: 'Only cases of these kinds, comma-separated.', type: 'enum-list', enum: 'CaseKind', variable: 'kind', column: 'kind', op: 'in' },
] as const satisfies View['filters'];

const caseArgs = 'status: $status, kind: $kind, since: $from, filedBefore: $to, updatedSince: $updatedSince, updatedBefore: $updatedBefore, first: $first, after: $after';
const caseVariables = '$code: AddressCode!, $first: Int!, $after: String, $status: [CaseStatus!], $kind: [CaseKind!], $from: Date, $to: Date, $updatedSince: DateTime, $updatedBefore: DateTime';

export const casesView: View = {
  name: 'cases',
  entitySet: 'Cases',
  entityType: 'Case',
  title: 'Cases',
  description: 'Cases (案件: mediation, litigation, petitions, legal aid, arbitration) at addresses in the district, newest first.',
  scopes: ['cases:read'],
  operation: /* GraphQL */ `
    query BridgeCases(${caseVariables}) {
      address(code: $code) {
        cases(${caseArgs}) {
          edges { node { id kind status filedOn closedOn outcome summary address { code } updatedAt } }
          pageInfo { hasNextPage endCursor }
        }
      }
    }`,
  root: 'code',
  connection: 'address.cases',
  columns: [
    { name: 'id', type: 'string', description: 'Case id.' },
    { name: 'kind', type: 'string', enum: 'CaseKind', description: 'What kind of case.' },
    { name: 'status', type: 'string', enum: 'CaseStatus', description: 'Where it is in its handling.' },
    { name: 'filedOn', type: 'date', description: 'Date it was filed.' },
    { name: 'closedOn', type: 'date', nullable: true, description: 'Date it was closed; empty while open.' },
    { name: 'outcome', type: 'string', enum: 'CaseOutcome', nullable: true, description: 'How it ended; empty while open.' },
    { name: 'summary', type: 'string', description: 'What the case is about.' },
    { name: 'address.code', type: 'text-code', description: 'Standard address code the case concerns.' },
    updatedAtColumn,
  ],
  key: ['id'],
  order: 'newest first: filedOn descending, then id descending',
  orderBy: [['filedOn', 'desc'], ['id', 'desc']],
  filters: caseFilters,
  maxPage: 5000,
};

export const casePartiesView: View = {
  name: 'case-parties',
  entitySet: 'CaseParties',
  entityType: 'CaseParty',
  title: 'Case parties',
  description: 'One row per party of each case: the person (by id) or legal entity (by credit code) and its role. Persons outside the token\'s communities have an empty personId.',
  scopes: ['cases:read', 'people:read'],
  operation: /* GraphQL */ `
    query BridgeCaseParties(${caseVariables}) {
      address(code: $code) {
        cases(${caseArgs}) {
          edges { node { id kind status filedOn address { code } updatedAt parties { role person { id } entity { creditCode } } } }
          pageInfo { hasNextPage endCursor }
        }
      }
    }`,
  root: 'code',
  connection: 'address.cases',
  explode: { list: 'parties', as: 'party' },
  columns: [
    { name: 'caseId', path: 'id', type: 'string', description: 'Case id.' },
    { name: 'partyIndex', type: 'integer', get: (row) => ((row.parties as unknown[]) ?? []).indexOf(row.party), description: 'Position of the party in the case (0-based); with caseId, the key.' },
    { name: 'party.role', type: 'string', enum: 'PartyRole', description: 'The side this party takes.' },
    { name: 'party.person.id', type: 'string', nullable: true, description: 'The person, when the party is a person within the token\'s communities.' },
    { name: 'party.entity.creditCode', type: 'text-code', nullable: true, description: 'The legal entity, when the party is one.' },
    { name: 'kind', type: 'string', enum: 'CaseKind', description: 'Kind of the case.' },
    { name: 'status', type: 'string', enum: 'CaseStatus', description: 'Status of the case.' },
    { name: 'filedOn', type: 'date', description: 'Date the case was filed.' },
    { name: 'address.code', type: 'text-code', description: 'Standard address code the case concerns.' },
    updatedAtColumn,
  ],
  key: ['caseId', 'partyIndex'],
  order: 'by case, newest first (filedOn descending, then case id descending), then party position',
  orderBy: [['filedOn', 'desc'], ['caseId', 'desc'], ['partyIndex', 'asc']],
  filters: caseFilters,
  maxPage: 5000,
};
