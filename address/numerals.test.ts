import { describe, expect, it } from 'vitest';
import { chineseToArabic, convertAddressNumerals } from './numerals.ts';

describe('chineseToArabic', () => {
  it.each([
    ['十', '10'],
    ['十二', '12'],
    ['二十', '20'],
    ['二十八', '28'],
    ['一百', '100'],
    ['一百零三', '103'],
    ['一百一十', '110'],
    ['一百一', '110'],
    ['两千五', '2500'],
    ['一千二百零三', '1203'],
    ['三千二百零三', '3203'],
  ])('reads the positional numeral %s as %s', (text, digits) => {
    expect(chineseToArabic(text)).toBe(digits);
  });

  it.each([
    ['三零二', '302'],
    ['一二零三', '1203'],
    ['零五', '05'],
    ['〇一', '01'],
    ['九', '9'],
  ])('reads %s digit by digit as %s, keeping leading zeros', (text, digits) => {
    expect(chineseToArabic(text)).toBe(digits);
  });

  it.each(['', '百', '十十', '一二十', '二十八a', '千百', '百零'])('refuses %j, which is no numeral', (text) => {
    expect(chineseToArabic(text)).toBeNull();
  });
});

describe('convertAddressNumerals', () => {
  it('rewrites building, unit, floor and room numbers before their markers', () => {
    expect(convertAddressNumerals('水围村二十八栋三单元十二楼一二零三房')).toBe('水围村28栋3单元12楼1203房');
    expect(convertAddressNumerals('第九层')).toBe('第9层');
    expect(convertAddressNumerals('岗厦村三坊十号四楼')).toBe('岗厦村3坊10号4楼');
    expect(convertAddressNumerals('上沙村东十二坊八号')).toBe('上沙村东12坊8号');
    expect(convertAddressNumerals('水围村二区五栋')).toBe('水围村2区5栋');
  });

  it('rewrites a trailing room number after a marker, or a long one after anything', () => {
    expect(convertAddressNumerals('水围村28栋三零二')).toBe('水围村28栋302');
    expect(convertAddressNumerals('2单元五零一')).toBe('2单元501');
    expect(convertAddressNumerals('城建金融大厦一千四百零三')).toBe('城建金融大厦1403');
  });

  it('leaves numerals inside names alone', () => {
    for (const name of ['福华三路', '石厦北二街西', '莲花一村', '天安数码城创新科技广场一期', '泰然九路', '南天一花园', '八卦一路', '百花二路']) {
      expect(convertAddressNumerals(name)).toBe(name);
    }
    expect(convertAddressNumerals('莲花一村十三栋')).toBe('莲花一村13栋');
  });

  it('leaves a malformed numeral as written', () => {
    expect(convertAddressNumerals('十十栋')).toBe('十十栋');
  });
});
