import { describe, expect, it } from 'vitest';
import { queryParameters } from './http.ts';
import { filterVariables } from './params.ts';
import { problemOf as problem } from '../tests/support/problem.ts';
import { eventsView } from './views/events.ts';

describe('REST filters', () => {
  it('turns each declared filter into its operation variable', () => {
    const params = queryParameters('/rest/events?under=440304001001&from=2026-03-01T00:00:00+08:00&status=REPORTED,ASSIGNED&kind=FIRE_HAZARD&format=csv');
    expect(filterVariables(eventsView, params)).toEqual({
      code: '440304001001',
      from: '2026-02-28T16:00:00.000Z',
      status: ['REPORTED', 'ASSIGNED'],
      kind: ['FIRE_HAZARD'],
    });
  });

  it('keeps an unencoded + of a time offset, and reads %2B and form-encoded spaces too', () => {
    expect(queryParameters('?from=2026-03-01T00:00:00+08:00').get('from')).toBe('2026-03-01T00:00:00+08:00');
    expect(queryParameters('?from=2026-03-01T00:00:00%2B08:00').get('from')).toBe('2026-03-01T00:00:00+08:00');
    expect(queryParameters("?$filter=kind+eq+'X'").get('$filter')).toBe("kind eq 'X'");
  });

  it('refuses an unknown parameter by name, listing the ones it takes', () => {
    const p = problem(() => filterVariables(eventsView, queryParameters('?stauts=REPORTED')));
    expect(p).toMatchObject({ status: 400, code: 'BAD_USER_INPUT', parameter: 'stauts' });
    expect(p.detail).toContain('status');
  });

  it('refuses a value of the wrong type, naming the parameter', () => {
    expect(problem(() => filterVariables(eventsView, queryParameters('?from=yesterday')))).toMatchObject({ status: 400, parameter: 'from' });
    expect(problem(() => filterVariables(eventsView, queryParameters('?from=2026-03-01T00:00:00')))).toMatchObject({ parameter: 'from' }); // no offset
    expect(problem(() => filterVariables(eventsView, queryParameters('?status=OPEN')))).toMatchObject({ parameter: 'status' });
    expect(problem(() => filterVariables(eventsView, queryParameters('?under=4403X')))).toMatchObject({ parameter: 'under' });
  });

  it('refuses a parameter given twice', () => {
    expect(problem(() => filterVariables(eventsView, queryParameters('?kind=OTHER&kind=DISPUTE')))).toMatchObject({ parameter: 'kind' });
  });
});
