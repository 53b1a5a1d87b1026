import type { Column, View } from '../registry.ts';
import { countIn } from '../registry.ts';
import { enumValues } from '../schema.ts';

/** One column per value of `enumName`: the count in the `list` statistics of a row. */
function perValue(prefix: string, list: (row: Record<string, unknown>) => unknown, by: string, enumName: string, what: string): Column[] {
  return enumValues(enumName).map((value) => ({
    name: `${prefix}.${value}`,
    type: 'integer' as const,
    get: (row) => countIn(list(row), by, value),
    description: `${what} ${value}.`,
  }));
}

const events = (row: Record<string, unknown>) => row.eventStats as Record<string, unknown> | null;
const cases = (row: Record<string, unknown>) => row.caseStats as Record<string, unknown> | null;

export const statisticsView: View = {
  name: 'statistics',
  entitySet: 'Statistics',
  entityType: 'AreaStatistics',
  title: 'Statistics per community and grid',
  description: 'For every community (社区) and grid (网格): current residents, legal entities, events by status and kind, cases by status, kind and outcome. Counts cover only what the token may see.',
  scopes: ['people:read', 'entities:read', 'events:read', 'cases:read'],
  operation: /* GraphQL */ `
    query BridgeStatistics($code: AddressCode!, $first: Int!, $after: String, $levels: [AddressLevel!]) {
      addressesUnder(code: $code, levels: $levels, first: $first, after: $after) {
        edges { node { code level name parent { code }
          residentCount entityCount
          eventStats { total open byStatus { status count } byKind { kind count } }
          caseStats { total open byStatus { status count } byKind { kind count } byOutcome { outcome count } } } }
        pageInfo { hasNextPage endCursor }
      }
    }`,
  root: 'code',
  variables: { levels: ['COMMUNITY', 'GRID'] },
  connection: 'addressesUnder',
  get columns(): Column[] {
    return [
      { name: 'code', type: 'text-code', description: 'Community or grid code.' },
      { name: 'level', type: 'string', enum: 'AddressLevel', description: 'COMMUNITY or GRID.' },
      { name: 'name', type: 'string', description: 'Community or grid name.' },
      { name: 'parent.code', type: 'text-code', description: 'Code one level up (the subdistrict of a community, the community of a grid).' },
      { name: 'residents', path: 'residentCount', type: 'integer', description: 'Current residents.' },
      { name: 'entities', path: 'entityCount', type: 'integer', description: 'Legal entities registered or operating here.' },
      { name: 'events.total', path: 'eventStats.total', type: 'integer', description: 'All events.' },
      { name: 'events.open', path: 'eventStats.open', type: 'integer', description: 'Events not yet resolved.' },
      ...perValue('events.status', (r) => events(r)?.byStatus, 'status', 'EventStatus', 'Events in status'),
      ...perValue('events.kind', (r) => events(r)?.byKind, 'kind', 'EventKind', 'Events of kind'),
      { name: 'cases.total', path: 'caseStats.total', type: 'integer', description: 'All cases.' },
      { name: 'cases.open', path: 'caseStats.open', type: 'integer', description: 'Cases not yet closed.' },
      ...perValue('cases.status', (r) => cases(r)?.byStatus, 'status', 'CaseStatus', 'Cases in status'),
      ...perValue('cases.kind', (r) => cases(r)?.byKind, 'kind', 'CaseKind', 'Cases of kind'),
      ...perValue('cases.outcome', (r) => cases(r)?.byOutcome, 'outcome', 'CaseOutcome', 'Closed cases with outcome'),
    ];
  },
  key: ['code'],
  order: 'by code, ascending (a community before its grids)',
  orderBy: [['code', 'asc']],
  filters: [
    { name: 'under', description: 'Only communities and grids at or beneath this code (a subdistrict or community); default the whole district.', type: 'code', variable: 'code', column: 'code', op: 'under' },
    { name: 'level', description: 'COMMUNITY, GRID or both (default), comma-separated.', type: 'enum-list', enum: 'AddressLevel', variable: 'levels', column: 'level', op: 'in' },
  ],
  maxPage: 500,
};
