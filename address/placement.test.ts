import { describe, expect, it } from 'vitest';
import { BUILDING_OR_ROOM, COMMUNITY_OR_FINER, outOfScope, placeAddress } from './placement.ts';

const COMMUNITY = '440304004028';
const BUILDING = '4403040040280100028';
const ROOM = '4403040040280100028001203';
const ELSEWHERE = '4403040010010100001';

describe('placeAddress', () => {
  it('places a code of an accepted level as given, with confidence 1', async () => {
    const placed = await placeAddress({ code: ROOM }, { levels: BUILDING_OR_ROOM, what: 'a business address', standardizer: null });
    expect(placed).toEqual({ ok: true, address: { code: ROOM, level: 'ROOM', confidence: 1, candidates: [] }, text: null });
  });

  it('refuses a code of a level the caller does not accept, naming the field under its path', async () => {
    const placed = await placeAddress({ code: COMMUNITY }, { path: ['businessAddress'], levels: BUILDING_OR_ROOM, what: 'a business address', standardizer: null });
    expect(placed).toMatchObject({ ok: false, address: null, errors: [{ field: ['input', 'businessAddress', 'code'], code: 'INVALID_INPUT' }] });
    expect(placed.ok || placed.errors[0].message).toContain('a building (19 characters) or a room (25 characters)');
    const event = await placeAddress({ code: COMMUNITY }, { levels: COMMUNITY_OR_FINER, what: 'an event', standardizer: null });
    expect(event.ok).toBe(true);
  });

  it('wants exactly one of code and text', async () => {
    const both = await placeAddress({ code: ROOM, text: '水围村28栋' }, { levels: COMMUNITY_OR_FINER, what: 'a case', standardizer: null });
    expect(both).toMatchObject({ ok: false, errors: [{ field: ['input', 'address'], code: 'INVALID_INPUT' }] });
  });

  it('with a scope, refuses a place outside the viewer\'s communities and reports where it landed', async () => {
    const scope = { communities: [COMMUNITY], verb: 'report' };
    const inside = await placeAddress({ code: BUILDING }, { levels: COMMUNITY_OR_FINER, what: 'an event', standardizer: null, scope });
    expect(inside.ok).toBe(true);
    const outside = await placeAddress({ code: ELSEWHERE }, { levels: COMMUNITY_OR_FINER, what: 'an event', standardizer: null, scope });
    expect(outside).toMatchObject({ ok: false, address: { code: ELSEWHERE, level: 'BUILDING' }, errors: [{ field: ['input', 'address'], code: 'OUT_OF_SCOPE' }] });
    const anywhere = await placeAddress({ code: ELSEWHERE }, { levels: COMMUNITY_OR_FINER, what: 'an event', standardizer: null, scope: { communities: null, verb: 'report' } });
    expect(anywhere.ok).toBe(true);
  });

  it('with errors pending elsewhere in the input, neither standardizes a text nor checks the scope', async () => {
    const pending = [{ field: ['summary'], message: 'summary must not be empty', code: 'INVALID_INPUT' as const, currentVersion: null }];
    // no standardizer: standardizing would throw
    const text = await placeAddress({ text: '水围村28栋1203' }, { levels: COMMUNITY_OR_FINER, what: 'a case', standardizer: null, pending });
    expect(text).toEqual({ ok: false, errors: [], address: null });
    const code = await placeAddress({ code: ELSEWHERE }, { levels: COMMUNITY_OR_FINER, what: 'a case', standardizer: null, scope: { communities: [COMMUNITY], verb: 'open cases' }, pending });
    expect(code.ok).toBe(true);
  });
});

describe('outOfScope', () => {
  it('is null inside the communities or without confinement', () => {
    expect(outOfScope(['address'], ROOM, [COMMUNITY], 'write')).toBeNull();
    expect(outOfScope(['address'], ELSEWHERE, null, 'write')).toBeNull();
    expect(outOfScope(['registeredAddress'], ELSEWHERE, [COMMUNITY], 'write')).toMatchObject({
      field: ['input', 'registeredAddress'], code: 'OUT_OF_SCOPE', message: `${ELSEWHERE} lies outside the communities you may write in (${COMMUNITY})`,
    });
  });
});
