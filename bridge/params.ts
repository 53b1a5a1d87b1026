/**
 * A view's filters as query parameters: each value checked against its declared type (a wrong one
 * is a 400 naming the parameter) and turned into the operation variable it pushes down into.
 */
import { checkAddressCode } from '../lib/address-code.ts';
import { badParameter } from './problem.ts';
import type { Filter, View } from './registry.ts';
import { enumValues } from './schema.ts';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The variable value of one filter given as text, or a 400 naming the parameter. */
export function filterValue(filter: Filter, raw: string): unknown {
  const name = filter.name;
  switch (filter.type) {
    case 'datetime': {
      const ms = Date.parse(raw);
      if (!INSTANT.test(raw) || Number.isNaN(ms)) throw badParameter(name, `${name} must be an ISO 8601 instant with an offset, e.g. 2026-03-01T00:00:00+08:00; got "${raw}"`);
      return new Date(ms).toISOString();
    }
    case 'date': {
      const ms = Date.parse(`${raw}T00:00:00Z`);
      if (!DAY.test(raw) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== raw) throw badParameter(name, `${name} must be a date YYYY-MM-DD; got "${raw}"`);
      return raw;
    }
    case 'code': {
      const check = checkAddressCode(raw.toUpperCase());
      if (!check.ok) throw badParameter(name, `${name}: ${check.message}`);
      return check.code;
    }
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') throw badParameter(name, `${name} must be true or false; got "${raw}"`);
      return raw === 'true';
    case 'enum-list': {
      const allowed = enumValues(filter.enum!);
      const values = raw.split(',').map((v) => v.trim()).filter(Boolean);
      if (values.length === 0) throw badParameter(name, `${name} needs at least one of ${allowed.join(', ')}`);
      const wrong = values.find((v) => !allowed.includes(v));
      if (wrong) throw badParameter(name, `${name}: "${wrong}" is not one of ${allowed.join(', ')}`);
      // a filter on a single-valued argument (e.g. the entities' status) takes exactly one value
      if (filter.op === 'eq') {
        if (values.length > 1) throw badParameter(name, `${name} takes one value here; got ${values.length}`);
        return values[0];
      }
      return values;
    }
  }
}

/** Parameters every list route takes besides the filters. */
export const PAGING_PARAMETERS = ['format', 'limit', 'cursor', 'all'] as const;

/**
 * The operation variables of the filters given in `params`. Unknown or repeated parameters are
 * refused, so a typo (`stauts=OPEN`) never silently returns the unfiltered table.
 */
export function filterVariables(view: View, params: URLSearchParams, also: readonly string[] = PAGING_PARAMETERS): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const [name, raw] of params) {
    if (seen.has(name)) throw badParameter(name, `${name} is given more than once`);
    seen.add(name);
    if (also.includes(name)) continue;
    const filter = view.filters.find((f) => f.name === name);
    if (!filter) {
      const known = [...view.filters.map((f) => f.name), ...also].join(', ');
      throw badParameter(name, `${view.name} has no parameter "${name}"; it takes ${known}`);
    }
    variables[filter.variable] = filterValue(filter, raw);
  }
  return variables;
}
