import type { View } from '../registry.ts';
import { underFilter, updatedAtColumn, updatedFilters } from './common.ts';

export const peopleView: View = {
  name: 'people',
  entitySet: 'People',
  entityType: 'Person',
  title: 'People',
  description: 'Residents with a current residence in the district, by id. Masked as the token\'s scopes say: without people:pii the identity number is all *, the phone keeps its first three and last four digits, and birthDate is empty (birthYear is served).',
  scopes: ['people:read'],
  operation: /* GraphQL */ `
    query BridgePeople($code: AddressCode!, $first: Int!, $after: String, $updatedSince: DateTime, $updatedBefore: DateTime) {
      address(code: $code) {
        people(updatedSince: $updatedSince, updatedBefore: $updatedBefore, first: $first, after: $after) {
          edges { node { id name gender birthYear birthDate idNumber phone householdType updatedAt } }
          pageInfo { hasNextPage endCursor }
        }
      }
    }`,
  root: 'code',
  connection: 'address.people',
  columns: [
    { name: 'id', type: 'string', description: 'Opaque, permanent person id.' },
    { name: 'name', type: 'string', description: 'Full name (姓名).' },
    { name: 'gender', type: 'string', enum: 'Gender', description: 'Sex as recorded on the identity card.' },
    { name: 'birthYear', type: 'integer', description: 'Year of birth.' },
    { name: 'birthDate', type: 'date', nullable: true, description: 'Date of birth; empty without the people:pii scope.' },
    { name: 'idNumber', type: 'text-code', description: 'Citizen identity number; all * without the people:pii scope.' },
    { name: 'phone', type: 'text-code', nullable: true, description: 'Mobile phone; masked (138****5678) without the people:pii scope.' },
    { name: 'householdType', type: 'string', enum: 'HouseholdType', description: 'Household registration status.' },
    updatedAtColumn,
  ],
  key: ['id'],
  order: 'by id, ascending',
  orderBy: [['id', 'asc']],
  filters: [underFilter('residence.address.code'), ...updatedFilters()],
  maxPage: 5000,
};

export const residencesView: View = {
  name: 'residences',
  entitySet: 'Residences',
  entityType: 'Residence',
  title: 'Residences',
  description: 'Who lives (and lived) where: one row per residence of a person at an address in the district. since is empty without the people:pii scope (sinceYear is served).',
  scopes: ['people:read'],
  operation: /* GraphQL */ `
    query BridgeResidences($code: AddressCode!, $first: Int!, $after: String, $current: Boolean, $updatedSince: DateTime, $updatedBefore: DateTime) {
      address(code: $code) {
        residences(current: $current, updatedSince: $updatedSince, updatedBefore: $updatedBefore, first: $first, after: $after) {
          edges { node { id person { id } address { code } relation since sinceYear until current updatedAt } }
          pageInfo { hasNextPage endCursor }
        }
      }
    }`,
  root: 'code',
  connection: 'address.residences',
  columns: [
    { name: 'id', type: 'string', description: 'Residence id.' },
    { name: 'person.id', type: 'string', description: 'The resident.' },
    { name: 'address.code', type: 'text-code', description: 'Standard address code of where they live (a room, or a building for collective housing).' },
    { name: 'relation', type: 'string', enum: 'ResidenceRelation', description: 'How they live there.' },
    { name: 'since', type: 'date', nullable: true, description: 'Date they moved in; empty without the people:pii scope.' },
    { name: 'sinceYear', type: 'integer', description: 'Year they moved in.' },
    { name: 'until', type: 'date', nullable: true, description: 'Date they moved out; empty while they still live there.' },
    { name: 'current', type: 'boolean', description: 'True while they still live there.' },
    updatedAtColumn,
  ],
  key: ['id'],
  order: 'by address code, then residence id',
  orderBy: [['address.code', 'asc'], ['id', 'asc']],
  filters: [
    underFilter('address.code'),
    { name: 'current', description: 'true: only current residences; false: only past ones; all when absent.', type: 'boolean', variable: 'current', column: 'current', op: 'eq' },
    ...updatedFilters(),
  ],
  maxPage: 5000,
};
