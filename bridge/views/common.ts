/**
 * Filters and columns several views share.
 */
import type { Column, Filter } from '../registry.ts';

/** `under`: only rows at or beneath this address (a community, a grid, a building). */
export function underFilter(column: string): Filter {
  return {
    name: 'under',
    description: 'Only rows at or beneath this standard address code (e.g. a community, 12 digits); default the whole district, as far as the token may see.',
    type: 'code',
    variable: 'code',
    column,
    op: 'under',
  };
}

/** `updatedSince` / `updatedBefore`: incremental refresh (Power BI's RangeStart / RangeEnd). */
export function updatedFilters(): Filter[] {
  return [
    { name: 'updatedSince', description: 'Only rows changed at or after this instant (ISO 8601 with offset), for incremental refresh.', type: 'datetime', variable: 'updatedSince', column: 'updatedAt', op: 'ge' },
    { name: 'updatedBefore', description: 'Only rows changed before this instant (ISO 8601 with offset).', type: 'datetime', variable: 'updatedBefore', column: 'updatedAt', op: 'lt' },
  ];
}

export const updatedAtColumn: Column = { name: 'updatedAt', type: 'datetime', description: 'When the row last changed (for incremental refresh).' };
