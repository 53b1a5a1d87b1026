import { describe, expect, it } from 'vitest';
import { FUTIAN_DISTRICT, FUTIAN_DIVISIONS, findDivision, shortDivisionName } from './divisions.ts';

describe('Futian divisions', () => {
  it('lists the district, its 10 subdistricts and the bonded zone, and 93 communities', () => {
    const count = (level: string) => FUTIAN_DIVISIONS.filter((d) => d.level === level).length;
    expect(FUTIAN_DISTRICT).toMatchObject({ code: '440304', name: '福田区', parentCode: '440300' });
    expect(count('SUBDISTRICT')).toBe(11);
    expect(count('COMMUNITY')).toBe(93);
    expect(findDivision('福田保税区')).toMatchObject({ code: '440304400', level: 'SUBDISTRICT' });
  });

  it('names communities in the short official form, keeping the listed name', () => {
    expect(findDivision('水围社区')).toMatchObject({ code: '440304004028', level: 'COMMUNITY', name: '水围社区', listedName: '水围社区居委会', parentCode: '440304004' });
    for (const d of FUTIAN_DIVISIONS) expect(d.name, d.listedName).not.toMatch(/居委会$/);
  });

  it('finds a division by any form people write', () => {
    for (const form of ['水围社区', '水围社区居委会', '水围社区工作站', '水围社区居民委员会', '水围居委会']) {
      expect(findDivision(form)?.name, form).toBe('水围社区');
    }
    for (const form of ['福田街道', '福田街道办', '福田街道办事处']) expect(findDivision(form)?.code, form).toBe('440304004');
    expect(findDivision('罗湖区')).toBeUndefined();
  });

  it('shortens listed names to the official short form', () => {
    expect(shortDivisionName('水围社区居委会')).toBe('水围社区');
    expect(shortDivisionName('福田街道办事处')).toBe('福田街道');
    expect(shortDivisionName('福田保税区虚拟社区')).toBe('福田保税区虚拟社区');
  });
});
