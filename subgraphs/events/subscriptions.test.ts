import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Viewer } from '../../lib/auth/scopes.ts';
import type { EventRow } from './repository.ts';
import { eventChangeFor } from './subscriptions.ts';

const row = (addressCode: string, over: Partial<EventRow> = {}) => ({ id: 'ev-1', kind: 'FIRE_HAZARD', severity: 'HIGH', status: 'ASSIGNED', addressCode, ...over }) as EventRow;
const worker: Viewer = { ...ANONYMOUS, subject: 'w', communities: ['440304004028'] };

describe('eventChangeFor', () => {
  it('names the change from the statuses the notification carried', () => {
    const accept = eventChangeFor({ addressPrefix: '440304' }, ANONYMOUS);
    const r = row('4403040040280100028');
    expect(accept({ row: r, op: 'CREATED', previousStatus: null, status: 'REPORTED' })).toMatchObject({ change: 'CREATED', previousStatus: null, status: 'REPORTED' });
    expect(accept({ row: r, op: 'UPDATED', previousStatus: 'REPORTED', status: 'ASSIGNED' })).toMatchObject({ change: 'STATUS_CHANGED', previousStatus: 'REPORTED', status: 'ASSIGNED' });
    expect(accept({ row: r, op: 'UPDATED', previousStatus: 'ASSIGNED', status: 'ASSIGNED' })).toMatchObject({ change: 'UPDATED' });
  });

  it('keeps to the prefix, the kinds, the severities and the viewer\'s communities', () => {
    const change = (code: string, over: Partial<EventRow> = {}) => ({ row: row(code, over), op: 'CREATED' as const, previousStatus: null, status: 'REPORTED' });
    const inside = '4403040040280100028';
    const outside = '4403040040290100001';
    expect(eventChangeFor({ addressPrefix: '4403040040280100029' }, ANONYMOUS)(change(inside))).toBeNull();
    expect(eventChangeFor({ addressPrefix: '440304', kinds: ['DISPUTE'] }, ANONYMOUS)(change(inside))).toBeNull();
    expect(eventChangeFor({ addressPrefix: '440304', severities: ['LOW'] }, ANONYMOUS)(change(inside))).toBeNull();
    // a confined worker asking for the whole district still gets only their community
    expect(eventChangeFor({ addressPrefix: '440304' }, worker)(change(outside))).toBeNull();
    expect(eventChangeFor({ addressPrefix: '440304' }, worker)(change(inside))).not.toBeNull();
  });
});
