import { describe, expect, it } from 'vitest';
import { inputError, stateMachine, transitionError, UserErrorCode } from './mutations.ts';
import { EVENT_WORKFLOW } from '../subgraphs/events/mutations.ts';
import type { EventRow } from '../subgraphs/events/repository.ts';

const event = (assigned: boolean) => ({ assignedUnit: assigned ? 'U' : null, assignedPersonId: null }) as EventRow;

describe('stateMachine', () => {
  it('says where a step leads, and why not from elsewhere', () => {
    const m = stateMachine<'A' | 'B' | 'C', 'go' | 'back'>({ go: { from: ['A'], to: 'B' }, back: { from: ['B', 'C'], to: (from) => (from === 'C' ? 'B' : 'A') } });
    expect(m.check('go', 'A', undefined)).toEqual({ ok: true, to: 'B' });
    expect(m.check('go', 'B', undefined)).toEqual({ ok: false, from: 'B', to: 'B', allowedFrom: ['A'] });
    expect(m.check('back', 'C', undefined)).toEqual({ ok: true, to: 'B' });
  });

  it('names from and to in the user error', () => {
    const refused = EVENT_WORKFLOW.check('CLOSE', 'REPORTED', event(false));
    if (refused.ok) throw new Error('CLOSE from REPORTED must be refused');
    expect(transitionError(refused, 'close', 'an event')).toEqual({
      field: ['input', 'id'], code: 'INVALID_TRANSITION',
      message: 'cannot close an event in status REPORTED: REPORTED -> CLOSED is not allowed (only from RESOLVED)',
    });
  });
});

describe('the events workflow', () => {
  it('runs REPORTED -> ASSIGNED -> RESOLVED -> CLOSED and reopens to ASSIGNED, or REPORTED when never assigned', () => {
    expect(EVENT_WORKFLOW.check('ASSIGN', 'REPORTED', event(false))).toMatchObject({ ok: true, to: 'ASSIGNED' });
    expect(EVENT_WORKFLOW.check('ASSIGN', 'ASSIGNED', event(true))).toMatchObject({ ok: true, to: 'ASSIGNED' });
    expect(EVENT_WORKFLOW.check('RESOLVE', 'ASSIGNED', event(true))).toMatchObject({ ok: true, to: 'RESOLVED' });
    expect(EVENT_WORKFLOW.check('CLOSE', 'RESOLVED', event(true))).toMatchObject({ ok: true, to: 'CLOSED' });
    expect(EVENT_WORKFLOW.check('REOPEN', 'CLOSED', event(true))).toMatchObject({ ok: true, to: 'ASSIGNED' });
    expect(EVENT_WORKFLOW.check('REOPEN', 'RESOLVED', event(false))).toMatchObject({ ok: true, to: 'REPORTED' });
    for (const [step, from] of [['RESOLVE', 'REPORTED'], ['CLOSE', 'ASSIGNED'], ['REOPEN', 'REPORTED'], ['REOPEN', 'ASSIGNED'], ['ASSIGN', 'CLOSED'], ['RESOLVE', 'CLOSED']] as const) {
      expect(EVENT_WORKFLOW.check(step, from, event(true)).ok, `${step} from ${from}`).toBe(false);
    }
  });

  it('puts user errors under input', () => {
    expect(inputError(['address', 'text'], UserErrorCode.ADDRESS_NOT_PRECISE, 'm')).toEqual({ field: ['input', 'address', 'text'], code: 'ADDRESS_NOT_PRECISE', message: 'm' });
  });
});
