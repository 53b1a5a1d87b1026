import type { View } from '../registry.ts';
import { underFilter, updatedAtColumn, updatedFilters } from './common.ts';

export const eventsView: View = {
  name: 'events',
  entitySet: 'Events',
  entityType: 'Event',
  title: 'Events',
  description: 'Events (事件: hazards, disputes, incidents) reported at addresses in the district, newest first.',
  scopes: ['events:read'],
  operation: /* GraphQL */ `
    query BridgeEvents($code: AddressCode!, $first: Int!, $after: String, $status: [EventStatus!], $kind: [EventKind!],
      $from: DateTime, $to: DateTime, $updatedSince: DateTime, $updatedBefore: DateTime) {
      address(code: $code) {
        events(status: $status, kind: $kind, since: $from, reportedBefore: $to, updatedSince: $updatedSince, updatedBefore: $updatedBefore, first: $first, after: $after) {
          edges { node { id kind source severity status reportedAt resolvedAt description address { code } updatedAt } }
          pageInfo { hasNextPage endCursor }
        }
      }
    }`,
  root: 'code',
  connection: 'address.events',
  columns: [
    { name: 'id', type: 'string', description: 'Event id.' },
    { name: 'kind', type: 'string', enum: 'EventKind', description: 'What kind of event.' },
    { name: 'source', type: 'string', enum: 'EventSource', description: 'How it was reported.' },
    { name: 'severity', type: 'string', enum: 'EventSeverity', description: 'How serious it is.' },
    { name: 'status', type: 'string', enum: 'EventStatus', description: 'Where it is in its handling.' },
    { name: 'reportedAt', type: 'datetime', description: 'When it was reported.' },
    { name: 'resolvedAt', type: 'datetime', nullable: true, description: 'When it was resolved; empty while open.' },
    { name: 'description', type: 'string', description: "What was reported, in the reporter's words." },
    { name: 'address.code', type: 'text-code', description: 'Standard address code of where it happened.' },
    updatedAtColumn,
  ],
  key: ['id'],
  order: 'newest first: reportedAt descending, then id descending',
  orderBy: [['reportedAt', 'desc'], ['id', 'desc']],
  filters: [
    underFilter('address.code'),
    { name: 'from', description: 'Only events reported at or after this instant (ISO 8601 with offset).', type: 'datetime', variable: 'from', column: 'reportedAt', op: 'ge' },
    { name: 'to', description: 'Only events reported before this instant (ISO 8601 with offset).', type: 'datetime', variable: 'to', column: 'reportedAt', op: 'lt' },
    ...updatedFilters(),
    { name: 'status', description: 'Only events in these statuses, comma-separated.', type: 'enum-list', enum: 'EventStatus', variable: 'status', column: 'status', op: 'in' },
    { name: 'kind', description: 'Only events of these kinds, comma-separated.', type: 'enum-list', enum: 'EventKind', variable: 'kind', column: 'kind', op: 'in' },
  ],
  maxPage: 5000,
};
