import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Viewer } from '../../lib/auth/scopes.ts';
import type { AlertRow } from './repository.ts';
import { alertRaisedFor } from './subscriptions.ts';

const row = (addressCode: string, over: Partial<AlertRow> = {}) => ({ id: 'al-1', rule: 'building-open-hazards', severity: 'HIGH', status: 'OPEN', addressCode, ...over }) as AlertRow;
const worker: Viewer = { ...ANONYMOUS, subject: 'w', communities: ['440304004028'] };
const raised = (code: string, over: Partial<AlertRow> = {}) => ({ row: row(code, over), op: 'CREATED' as const, previousStatus: null, status: 'OPEN' });
const inside = '4403040040280100028';
const outside = '4403040040290100001';

describe('alertRaisedFor', () => {
  it('delivers raised alerts only, not acknowledgements, closes or refreshed evidence', () => {
    const accept = alertRaisedFor({ addressPrefix: '440304' }, ANONYMOUS);
    expect(accept(raised(inside))).toMatchObject({ id: 'al-1' });
    expect(accept({ row: row(inside, { status: 'ACKNOWLEDGED' }), op: 'UPDATED', previousStatus: 'OPEN', status: 'ACKNOWLEDGED' })).toBeNull();
    expect(accept({ row: row(inside), op: 'UPDATED', previousStatus: 'OPEN', status: 'OPEN' })).toBeNull();
  });

  it('keeps to the prefix, the severities, the rules and the viewer\'s communities', () => {
    expect(alertRaisedFor({ addressPrefix: '4403040040280100029' }, ANONYMOUS)(raised(inside))).toBeNull();
    expect(alertRaisedFor({ addressPrefix: '440304', severities: ['LOW'] }, ANONYMOUS)(raised(inside))).toBeNull();
    expect(alertRaisedFor({ addressPrefix: '440304', rules: ['community-event-surge'] }, ANONYMOUS)(raised(inside))).toBeNull();
    expect(alertRaisedFor({ addressPrefix: '440304', rules: ['building-open-hazards'] }, ANONYMOUS)(raised(inside))).not.toBeNull();
    // a confined worker asking for the whole district still gets only their community
    expect(alertRaisedFor({ addressPrefix: '440304' }, worker)(raised(outside))).toBeNull();
    expect(alertRaisedFor({ addressPrefix: '440304' }, worker)(raised(inside))).not.toBeNull();
  });
});
