import { describe, expect, it } from 'vitest';
import { transitionError } from '../../lib/mutations.ts';
import { CASE_WORKFLOW, stepTo } from './mutations.ts';

describe('the cases workflow', () => {
  it('runs FILED -> ACCEPTED -> IN_PROGRESS -> CLOSED, closes from any open status and reopens to IN_PROGRESS', () => {
    expect(CASE_WORKFLOW.check('ACCEPT', 'FILED', undefined)).toEqual({ ok: true, to: 'ACCEPTED' });
    expect(CASE_WORKFLOW.check('START', 'ACCEPTED', undefined)).toEqual({ ok: true, to: 'IN_PROGRESS' });
    for (const from of ['FILED', 'ACCEPTED', 'IN_PROGRESS'] as const) expect(CASE_WORKFLOW.check('CLOSE', from, undefined), from).toEqual({ ok: true, to: 'CLOSED' });
    expect(CASE_WORKFLOW.check('REOPEN', 'CLOSED', undefined)).toEqual({ ok: true, to: 'IN_PROGRESS' });
    for (const [step, from] of [['ACCEPT', 'ACCEPTED'], ['ACCEPT', 'IN_PROGRESS'], ['ACCEPT', 'CLOSED'], ['START', 'FILED'], ['START', 'IN_PROGRESS'], ['CLOSE', 'CLOSED'], ['REOPEN', 'IN_PROGRESS']] as const) {
      expect(CASE_WORKFLOW.check(step, from, undefined).ok, `${step} from ${from}`).toBe(false);
    }
  });

  it('takes caseUpdateStatus to ACCEPTED or IN_PROGRESS by the step from where the case stands, and names from and to when refused', () => {
    expect(stepTo('ACCEPTED', 'FILED')).toBe('ACCEPT');
    expect(stepTo('IN_PROGRESS', 'ACCEPTED')).toBe('START');
    expect(stepTo('IN_PROGRESS', 'CLOSED')).toBe('REOPEN');
    expect(stepTo('CLOSED', 'IN_PROGRESS')).toBeNull();
    expect(stepTo('FILED', 'ACCEPTED')).toBeNull();
    const refused = CASE_WORKFLOW.check('START', 'FILED', undefined);
    if (refused.ok) throw new Error('START from FILED must be refused');
    expect(transitionError(refused, 'start work on', 'a case', ['status'])).toEqual({
      field: ['input', 'status'], code: 'INVALID_TRANSITION',
      message: 'cannot start work on a case in status FILED: FILED -> IN_PROGRESS is not allowed (only from ACCEPTED)',
    });
  });
});
