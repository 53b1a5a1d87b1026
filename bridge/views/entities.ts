import type { View } from '../registry.ts';
import { underFilter, updatedAtColumn, updatedFilters } from './common.ts';

export const legalEntitiesView: View = {
  name: 'legal-entities',
  entitySet: 'LegalEntities',
  entityType: 'LegalEntity',
  title: 'Legal entities',
  description: 'Legal entities (法人 and other market subjects) registered or operating at addresses in the district, by credit code.',
  scopes: ['entities:read'],
  operation: /* GraphQL */ `
    query BridgeLegalEntities($code: AddressCode!, $first: Int!, $after: String, $status: LegalEntityStatus, $kind: [LegalEntityKind!],
      $updatedSince: DateTime, $updatedBefore: DateTime) {
      address(code: $code) {
        entities(status: $status, kind: $kind, updatedSince: $updatedSince, updatedBefore: $updatedBefore, first: $first, after: $after) {
          edges { node { creditCode name kind industry status registeredOn registeredAddress { code } businessAddress { code } updatedAt } }
          pageInfo { hasNextPage endCursor }
        }
      }
    }`,
  root: 'code',
  connection: 'address.entities',
  columns: [
    { name: 'creditCode', type: 'text-code', description: 'Unified social credit code (统一社会信用代码).' },
    { name: 'name', type: 'string', description: 'Registered name.' },
    { name: 'kind', type: 'string', enum: 'LegalEntityKind', description: 'Legal form.' },
    { name: 'industry', type: 'string', description: 'Industry as registered.' },
    { name: 'status', type: 'string', enum: 'LegalEntityStatus', description: 'Registration status.' },
    { name: 'registeredOn', type: 'date', description: 'Date of registration.' },
    { name: 'registeredAddress.code', type: 'text-code', nullable: true, description: 'Registered address (注册地址) code; empty outside the registry.' },
    { name: 'businessAddress.code', type: 'text-code', nullable: true, description: 'Business address (经营地址) code; empty when unknown.' },
    updatedAtColumn,
  ],
  key: ['creditCode'],
  order: 'by credit code, ascending',
  orderBy: [['creditCode', 'asc']],
  filters: [
    underFilter('registeredAddress.code'),
    { name: 'status', description: 'Only entities with this registration status.', type: 'enum-list', enum: 'LegalEntityStatus', variable: 'status', column: 'status', op: 'eq' },
    { name: 'kind', description: 'Only entities of these legal forms, comma-separated.', type: 'enum-list', enum: 'LegalEntityKind', variable: 'kind', column: 'kind', op: 'in' },
    ...updatedFilters(),
  ],
  maxPage: 5000,
};
