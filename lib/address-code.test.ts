import { describe, expect, it } from 'vitest';
import { ancestorCodes, checkAddressCode, levelOf, nextPrefix, parentCode, subtreeRange } from './address-code.ts';

const ROOM = '4403040040280100028001203';

describe('address codes', () => {
  it('knows the level of every code length', () => {
    expect(levelOf('440304')).toBe('DISTRICT');
    expect(levelOf('440304004')).toBe('SUBDISTRICT');
    expect(levelOf('440304004028')).toBe('COMMUNITY');
    expect(levelOf('44030400402801')).toBe('GRID');
    expect(levelOf('4403040040280100028')).toBe('BUILDING');
    expect(levelOf(ROOM)).toBe('ROOM');
    expect(levelOf('4403040')).toBeUndefined();
  });

  it('accepts uppercase letters in building and room parts, and upper-cases input', () => {
    expect(checkAddressCode('44030600960102T0117')).toEqual({ ok: true, code: '44030600960102T0117', level: 'BUILDING' });
    expect(checkAddressCode(' 44030600960102t0117 ')).toEqual({ ok: true, code: '44030600960102T0117', level: 'BUILDING' });
  });

  it('names what is wrong with a bad code', () => {
    const short = checkAddressCode('44030');
    expect(short.ok).toBe(false);
    expect(!short.ok && short.message).toMatch(/5 characters.*6 \(district\).*25 \(room\)/);

    const letterInCommunity = checkAddressCode('44030400402A');
    expect(!letterInCommunity.ok && letterInCommunity.message).toMatch(/"A" at position 12.*digits only/);

    const punctuation = checkAddressCode('44030400402801000-8');
    expect(!punctuation.ok && punctuation.message).toMatch(/"-" at position 18/);

    expect(checkAddressCode('').ok).toBe(false);
    expect(checkAddressCode(440304).ok).toBe(false);
    expect(checkAddressCode(null).ok).toBe(false);
  });

  it('derives parents and ancestors from prefixes', () => {
    expect(parentCode(ROOM)).toBe('4403040040280100028');
    expect(parentCode('440304004')).toBe('440304');
    expect(parentCode('440304')).toBeNull();
    expect(ancestorCodes(ROOM)).toEqual(['440304', '440304004', '440304004028', '44030400402801', '4403040040280100028']);
    expect(ancestorCodes('440304')).toEqual([]);
  });

  it('turns a subtree into a half-open range that holds exactly its descendants', () => {
    const { lo, hi } = subtreeRange('440304004028');
    expect(lo).toBe('440304004028');
    expect(hi).toBe('440304004029');
    const inside = (c: string) => c >= lo && c < hi;
    expect(inside(ROOM)).toBe(true);
    expect(inside('44030400402899ZZZZZZZZZZZ')).toBe(true);
    expect(inside('440304004029')).toBe(false);
    expect(inside('44030400402')).toBe(false);
    expect(nextPrefix('44030600960102T011Z')).toBe('44030600960102T011[');
  });
});
