/**
 * The parser against the contract of address/types.ts: the labelled cases shared with the other
 * parts of the standardizer, each row of the component table, and the edge cases a clerk's typing
 * produces.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createParser, normalizeText, parseAddress } from './parse.ts';
import type { AddressComponents } from './types.ts';

const components = (text: string) => parseAddress(text).components;

type LabelledCase = { text: string; expect: AddressComponents };
/**
 * A copy of the team's shared labelled cases (../shared/data/address-cases.jsonl), kept in the
 * repository so a clean clone tests the same cases; a test below keeps the copy in step.
 */
const CASES_FILE = new URL('./testdata/address-cases.jsonl', import.meta.url);
const SHARED_CASES_FILE = new URL('../../shared/data/address-cases.jsonl', import.meta.url);
const CASES: LabelledCase[] = readFileSync(CASES_FILE, 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as LabelledCase);

describe('labelled cases (shared/data/address-cases.jsonl)', () => {
  it('has cases to check', () => {
    expect(CASES.length).toBeGreaterThan(0);
  });

  it.skipIf(!existsSync(SHARED_CASES_FILE))('matches the shared file when the shared folder is present', () => {
    expect(readFileSync(CASES_FILE, 'utf8')).toBe(readFileSync(SHARED_CASES_FILE, 'utf8'));
  });

  it.each(CASES.map((c) => [c.text, c.expect] as const))('%s', (text, expected) => {
    const parsed = parseAddress(text);
    for (const [field, value] of Object.entries(expected)) expect(parsed.components[field as keyof AddressComponents], field).toBe(value);
  });
});

describe('the component table', () => {
  it('province and city, with or without 省 and 市', () => {
    expect(components('广东省深圳市福田区')).toEqual({ province: '广东省', city: '深圳市', district: '福田区' });
    expect(components('广东深圳福田区')).toEqual({ province: '广东省', city: '深圳市', district: '福田区' });
  });

  it('district: 福田区, 福田 and 福田區', () => {
    expect(components('福田区').district).toBe('福田区');
    expect(components('深圳福田深南大道').district).toBe('福田区');
    expect(components('福田區').district).toBe('福田区');
  });

  it('subdistrict: 福田街道 and its office 福田街道办(事处)', () => {
    for (const text of ['福田区福田街道', '福田区福田街道办', '福田区福田街道办事处']) expect(components(text).subdistrict, text).toBe('福田街道');
  });

  it('community: 水围社区, its committee, its workstation, in traditional characters', () => {
    for (const text of ['福田区水围社区', '福田区水围社区居委会', '福田区水围社区工作站', '福田區水圍社區']) expect(components(text).community, text).toBe('水围社区');
  });

  it('road as written, numerals in its name kept', () => {
    expect(components('深南大道1006号')).toEqual({ road: '深南大道', doorNumber: '1006' });
    expect(components('福田区福华三路88号').road).toBe('福华三路');
    expect(components('福田区东村一巷3号').road).toBe('东村一巷');
  });

  it('estate as written', () => {
    expect(components('福田区水围村28栋').estate).toBe('水围村');
    expect(components('福田区天安数码城3栋').estate).toBe('天安数码城');
    expect(components('福田区园岭新村85栋').estate).toBe('园岭新村');
    expect(components('益田路5033号平安金融中心').estate).toBe('平安金融中心');
  });

  it.each([
    ['水围村28栋', '28'],
    ['水围村二十八栋', '28'],
    ['香蜜湖路3号楼', '3'],
    ['华强广场A座', 'A'],
    ['沙尾村东区2幢', '东区2'],
    ['下沙村七坊16号', '7坊16'],
  ])('building: %s → %s', (text, building) => {
    expect(components(text).building).toBe(building);
  });

  it.each([
    ['水围村28栋2单元', '2'],
    ['水围村28栋三单元', '3'],
    ['水围村28栋B单元', 'B'],
  ])('unit: %s → %s', (text, unit) => {
    expect(components(text).unit).toBe(unit);
  });

  it.each([
    ['华强广场B座12层', '12'],
    ['华强广场B座十二楼', '12'],
    ['华强广场B座18F', '18'],
    ['华强广场B座第九层', '9'],
    ['华强广场B座B1层', '-1'],
  ])('floor: %s → %s', (text, floor) => {
    expect(components(text).floor).toBe(floor);
  });

  it.each([
    ['水围村28栋1203房', '1203'],
    ['水围村28栋1203室', '1203'],
    ['水围村28栋１２０３号', '1203'],
    ['水围村28栋三零二', '302'],
    ['水围村28栋1203房间', '1203'],
    ['水围村28栋1203', '1203'],
    ['华强广场B座B101', 'B101'],
  ])('room: %s → %s', (text, room) => {
    expect(components(text).room).toBe(room);
  });
});

describe('the registry and test-data shapes', () => {
  it('reads a full official room name', () => {
    expect(components('广东省深圳市福田区福田街道水围社区福民路133号水围村28栋1203房')).toEqual({
      province: '广东省', city: '深圳市', district: '福田区', subdistrict: '福田街道', community: '水围社区',
      road: '福民路', doorNumber: '133', estate: '水围村', building: '28', room: '1203',
    });
  });

  it('splits a building alias into place and building', () => {
    expect(components('水围28栋')).toEqual({ estate: '水围', building: '28' });
  });

  it('reads a tech park tower with a unit', () => {
    expect(components('福田区沙头街道天安社区泰然九路天安创新科技广场二期B座2单元1502房')).toEqual({
      district: '福田区', subdistrict: '沙头街道', community: '天安社区', road: '泰然九路',
      estate: '天安创新科技广场二期', building: 'B', unit: '2', room: '1502',
    });
  });

  it('reads a single-building place after its door number', () => {
    expect(components('福田区福田街道福安社区益田路5033号平安金融中心')).toEqual({
      district: '福田区', subdistrict: '福田街道', community: '福安社区', road: '益田路', doorNumber: '5033', estate: '平安金融中心',
    });
  });

  it('reads a village lane house', () => {
    expect(components('福田村3坊12栋402房')).toEqual({ estate: '福田村', building: '3坊12', room: '402' });
  });

  it('reads a lettered tower', () => {
    expect(components('深圳市福田区福保街道福保社区福保路88号卓越大厦T2栋')).toEqual({
      city: '深圳市', district: '福田区', subdistrict: '福保街道', community: '福保社区', road: '福保路', doorNumber: '88', estate: '卓越大厦', building: 'T2',
    });
  });

  it('reads a room written with 号 in a tower as the room, in a village as the house', () => {
    expect(components('彩田路163号城建金融大厦903号')).toMatchObject({ estate: '城建金融大厦', room: '903' });
    expect(components('福民路133号504号')).toEqual({ road: '福民路', doorNumber: '133', room: '504' });
    expect(components('水围村89号')).toEqual({ estate: '水围村', building: '89' });
    expect(components('水围28号1203房')).toEqual({ estate: '水围', building: '28', room: '1203' });
  });

  it('keeps a number inside an estate name when a building follows', () => {
    expect(components('香蜜湖路香蜜湖1号3栋')).toEqual({ road: '香蜜湖路', estate: '香蜜湖1号', building: '3' });
  });

  it('reads a place named after the bonded zone as the place', () => {
    expect(components('福田区福田保税区小学101房')).toEqual({ district: '福田区', estate: '福田保税区小学', room: '101' });
    expect(components('福田区福田保税区福田保税区虚拟社区桂花路12号福田保税区物流园3栋')).toMatchObject({
      subdistrict: '福田保税区', community: '福田保税区虚拟社区', road: '桂花路', doorNumber: '12', estate: '福田保税区物流园', building: '3',
    });
  });

  it('reads a community service centre as a place, not the community', () => {
    expect(components('福田区福田社区党群服务中心')).toEqual({ district: '福田区', estate: '福田社区党群服务中心' });
  });
});

describe('edge cases', () => {
  it('reads traditional characters', () => {
    const parsed = parseAddress('福田區福田街道水圍社區水圍村28棟1203');
    expect(parsed.normalized).toBe('福田区福田街道水围社区水围村28栋1203');
    expect(parsed.components).toMatchObject({ district: '福田区', community: '水围社区', estate: '水围村', building: '28', room: '1203' });
  });

  it('reads full-width digits and letters', () => {
    const parsed = parseAddress('华强广场Ｂ座２２层２２０１室');
    expect(parsed.normalized).toBe('华强广场B座22层2201室');
    expect(parsed.components).toEqual({ estate: '华强广场', building: 'B', floor: '22', room: '2201' });
  });

  it('ignores spaces and punctuation', () => {
    const parsed = parseAddress('福田区 福田街道办，水围社区居委会、水围村 28栋 1203');
    expect(parsed.normalized).toBe('福田区福田街道办水围社区居委会水围村28栋1203');
    expect(parsed.components).toMatchObject({ subdistrict: '福田街道', community: '水围社区', estate: '水围村', building: '28', room: '1203' });
    expect(parsed.unparsed).toEqual([]);
  });

  it('tells 号楼 (building), 号 (door, house or room) and 楼 (floor) apart', () => {
    expect(components('福田区华强北路3号楼')).toMatchObject({ road: '华强北路', building: '3' });
    expect(components('福田区华强北路3号')).toMatchObject({ road: '华强北路', doorNumber: '3' });
    expect(components('平安金融中心88楼')).toEqual({ estate: '平安金融中心', floor: '88' });
    expect(components('岗厦村三坊十号四楼402')).toEqual({ estate: '岗厦村', building: '3坊10', floor: '4', room: '402' });
  });

  it('keeps the sub-area of a building', () => {
    expect(components('福田区新洲村南区6号楼').building).toBe('南区6');
    expect(components('福田区上沙村东十二坊8号').building).toBe('东12坊8');
    expect(components('天安数码城宿舍1栋').building).toBe('宿舍1');
  });

  it('keeps a direction after a road only before a number', () => {
    expect(components('石厦北二街西6栋502房')).toEqual({ road: '石厦北二街西', building: '6', room: '502' });
    expect(components('福华路南光大厦')).toEqual({ road: '福华路', estate: '南光大厦' });
    expect(components('福民路东12坊8号')).toEqual({ road: '福民路', building: '东12坊8' });
  });

  it('reads 福田 as the district only where it does not begin a longer name', () => {
    expect(components('深圳福田深南大道1006号').district).toBe('福田区');
    expect(components('福田华强北街道').district).toBe('福田区');
    expect(components('福田街道水围社区')).toEqual({ subdistrict: '福田街道', community: '水围社区' });
    expect(components('福田社区')).toEqual({ community: '福田社区' });
    expect(components('福田村3坊12栋')).toEqual({ estate: '福田村', building: '3坊12' });
    expect(components('福田路12号')).toEqual({ road: '福田路', doorNumber: '12' });
    expect(components('福田花园5栋')).toEqual({ estate: '福田花园', building: '5' });
  });

  it('recognises other districts and cities so they can be refused', () => {
    expect(components('罗湖区东门街道湖贝路28号湖贝新村12栋1203房')).toEqual({
      district: '罗湖区', subdistrict: '东门街道', road: '湖贝路', doorNumber: '28', estate: '湖贝新村', building: '12', room: '1203',
    });
    for (const district of ['南山区', '宝安区', '龙岗区', '盐田区', '龙华区', '坪山区', '光明区', '大鹏新区']) {
      expect(components(`深圳市${district}某某路1号`).district, district).toBe(district);
    }
    expect(components('深圳南山科技园路1号').district).toBe('南山区');
    expect(components('广州市天河区天河路385号')).toEqual({ city: '广州市', district: '天河区', road: '天河路', doorNumber: '385' });
    expect(components('广东省东莞市')).toEqual({ province: '广东省', city: '东莞市' });
  });

  it('never guesses a level that was not written', () => {
    expect(components('水围社区水围村28栋')).toEqual({ community: '水围社区', estate: '水围村', building: '28' });
    expect(components('福田区水围村')).toEqual({ district: '福田区', estate: '水围村' });
  });

  it('reads 深圳市民中心 as a place, not the city', () => {
    expect(components('深圳市民中心')).toEqual({ estate: '深圳市民中心' });
  });

  it('returns no components for empty input', () => {
    for (const text of ['', '   ']) {
      expect(parseAddress(text)).toEqual({ text, normalized: '', components: {}, unparsed: [] });
    }
  });

  it.each(['不详', '地址不详', '暂无', '无', 'asdf', '!!!', '1203', '13800138000'])('puts garbage %j in unparsed, with no components', (text) => {
    const parsed = parseAddress(text);
    expect(parsed.components).toEqual({});
    expect(parsed.unparsed.join('')).not.toBe('');
  });

  it('keeps what it cannot place in unparsed, never dropping it', () => {
    expect(parseAddress('地址：福田区水围村28栋')).toMatchObject({ components: { district: '福田区', estate: '水围村', building: '28' }, unparsed: ['地址'] });
    expect(parseAddress('地址：深圳市福田区水围村28栋')).toMatchObject({ components: { city: '深圳市', district: '福田区' }, unparsed: ['地址'] });
    expect(parseAddress('水围村28栋1203房东侧')).toMatchObject({ components: { estate: '水围村', building: '28', room: '1203' }, unparsed: ['东侧'] });
    expect(parseAddress('福民路东侧')).toMatchObject({ components: { road: '福民路' }, unparsed: ['东侧'] });
  });

  it('never throws, whatever it is given', () => {
    const pool = [...'福田区街道社区路号栋楼层单元室房坊村第十百零一二三ABCxyz0123456789 ,.-#（）()｜|　\u0000\ud800😀'];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: Math.floor(random() * 40) }, () => pool[Math.floor(random() * pool.length)]).join('');
      const parsed = parseAddress(text);
      expect(typeof parsed.normalized).toBe('string');
    }
    expect(() => parseAddress(undefined as unknown as string)).not.toThrow();
    expect(() => parseAddress('福'.repeat(10_000))).not.toThrow();
  });
});

describe('normalizeText', () => {
  it('applies NFKC and simplified characters, drops spaces and punctuation, upper-cases Latin letters', () => {
    expect(normalizeText('福田區 水圍村２８棟，coco park')).toBe('福田区水围村28栋COCOPARK');
  });

  it('leaves numerals as written', () => {
    expect(normalizeText('二十八栋')).toBe('二十八栋');
  });
});

describe('createParser with the registry names', () => {
  const parse = createParser({
    knownEstates: ['香蜜湖1号', '城市3米6', 'COCO Park', '华强南商业街', '水围村', '水围', '福田保税区物流园'],
    knownRoads: ['香蜜湖路', '福强路'],
  });

  it('reads the same as parseAddress without names', () => {
    expect(createParser()('广东省深圳市福田区福田街道水围社区福民路133号水围村28栋1203房')).toEqual(
      parseAddress('广东省深圳市福田区福田街道水围社区福民路133号水围村28栋1203房'),
    );
  });

  it('keeps a known estate that holds a number whole', () => {
    expect(parse('香蜜湖1号3栋').components).toEqual({ estate: '香蜜湖1号', building: '3' });
    expect(parse('福强路113号城市3米61栋1单元101房').components).toEqual({ road: '福强路', doorNumber: '113', estate: '城市3米6', building: '1', unit: '1', room: '101' });
  });

  it('returns the registry spelling of a known name', () => {
    expect(parse('福华三路137号COCO ParkB101房').components).toMatchObject({ estate: 'COCO Park', room: 'B101' });
  });

  it('prefers a known place to a road-like reading', () => {
    expect(parse('华强南商业街3栋').components).toEqual({ estate: '华强南商业街', building: '3' });
    expect(parse('福田保税区物流园1栋').components).toEqual({ estate: '福田保税区物流园', building: '1' });
  });

  it('takes the longest known estate that leaves a readable rest', () => {
    expect(parse('水围村28栋').components).toEqual({ estate: '水围村', building: '28' });
    expect(parse('水围新花园3栋').components).toEqual({ estate: '水围新花园', building: '3' });
  });
});

describe('clerks\' styles (issue 10)', () => {
  const parsed = (text: string) => {
    const p = parseAddress(text);
    return { ...p.components, unparsed: p.unparsed };
  };

  it('moves a trailing note in brackets into unparsed, wherever the brackets stand', () => {
    expect(parsed('福田区水围村28栋1203（近地铁站）')).toEqual({ district: '福田区', estate: '水围村', building: '28', room: '1203', unparsed: ['近地铁站'] });
    expect(parsed('福田区梅林一村32栋(放门口)1单元602')).toEqual({ district: '福田区', estate: '梅林一村', building: '32', unit: '1', room: '602', unparsed: ['放门口'] });
    expect(parsed('福田区梅林一村（靠北门）32栋602')).toEqual({ district: '福田区', estate: '梅林一村', building: '32', room: '602', unparsed: ['靠北门'] });
    expect(parsed('福田区梅林一村（近地铁站）')).toEqual({ district: '福田区', estate: '梅林一村', unparsed: ['近地铁站'] });
  });

  it('keeps bracketed address parts as address', () => {
    expect(parsed('福田区(福田街道)水围村28栋1203')).toEqual({ district: '福田区', subdistrict: '福田街道', estate: '水围村', building: '28', room: '1203', unparsed: [] });
  });

  it('moves a note after a comma into unparsed, but reads address parts after a comma', () => {
    expect(parsed('福田区梅林一村32栋，东门')).toEqual({ district: '福田区', estate: '梅林一村', building: '32', unparsed: ['东门'] });
    expect(parsed('福田区梅林一村32栋602,旁边小卖部')).toEqual({ district: '福田区', estate: '梅林一村', building: '32', room: '602', unparsed: ['旁边小卖部'] });
    expect(parsed('福田区梅林一村，旁边小卖部')).toEqual({ district: '福田区', estate: '梅林一村', unparsed: ['旁边小卖部'] });
    expect(parsed('福田区深南大道1006号，国际创新中心')).toMatchObject({ road: '深南大道', doorNumber: '1006', estate: '国际创新中心', unparsed: [] });
    expect(parsed('福田区，梅林一村，32栋，602')).toEqual({ district: '福田区', estate: '梅林一村', building: '32', room: '602', unparsed: [] });
  });

  it('moves phone numbers, with or without their label, into unparsed', () => {
    expect(parsed('福田区水围村28栋1203 13912345678')).toEqual({ district: '福田区', estate: '水围村', building: '28', room: '1203', unparsed: ['13912345678'] });
    expect(parsed('手机：13912345678 福田区水围村28栋1203')).toEqual({ district: '福田区', estate: '水围村', building: '28', room: '1203', unparsed: ['手机13912345678'] });
    expect(parsed('福田区水围村28栋1203房 电话 0755-83456789')).toEqual({ district: '福田区', estate: '水围村', building: '28', room: '1203', unparsed: ['电话075583456789'] });
    expect(parsed('福田区梅林一村 13912345678')).toEqual({ district: '福田区', estate: '梅林一村', unparsed: ['13912345678'] });
    expect(parsed('福田区梅林一村32栋 手机：13912345678')).toEqual({ district: '福田区', estate: '梅林一村', building: '32', unparsed: ['手机13912345678'] });
    expect(parsed('福田区梅林一村32栋 电话0755-83456789')).toEqual({ district: '福田区', estate: '梅林一村', building: '32', unparsed: ['电话075583456789'] });
    expect(parsed('福田区梅林一村32栋602,139 1234 5678')).toEqual({ district: '福田区', estate: '梅林一村', building: '32', room: '602', unparsed: ['13912345678'] });
  });

  it('does not glue a number to a Chinese numeral across punctuation', () => {
    const p = parsed('福田区梅林一村32栋1203，二楼左转');
    expect(p.room).toBe('1203');
    expect(p.floor).toBeUndefined();
    expect(p.unparsed.join('')).toContain('左转');
    expect(parsed('福田区梅林一村32栋，二楼201').floor).toBe('2');
  });

  it('reads unit and room together after a building: 2-1901', () => {
    expect(parsed('福田区梅林一村32栋2-1901')).toEqual({ district: '福田区', estate: '梅林一村', building: '32', unit: '2', room: '1901', unparsed: [] });
    expect(parsed('福田区梅林一村32栋2-602房')).toMatchObject({ building: '32', unit: '2', room: '602', unparsed: [] });
    expect(parsed('梅林一村32号楼 2－602')).toMatchObject({ building: '32', unit: '2', room: '602' });
    // a unit already written: the pair is not re-read
    expect(parsed('梅林一村32栋1单元602')).toMatchObject({ unit: '1', room: '602' });
  });

  it('reads floor and room together: 15楼01, 15F01, 十五楼01 are room 1501', () => {
    for (const text of ['福田区华强广场B座15楼01', '福田区华强广场B座15F01', '福田区华强广场B座十五楼01', '福田区华强广场B座15层01室']) {
      expect(parsed(text), text).toEqual({ district: '福田区', estate: '华强广场', building: 'B', floor: '15', room: '1501', unparsed: [] });
    }
    // a room written whole stays as written
    expect(parsed('华强广场B座15楼1502')).toMatchObject({ floor: '15', room: '1502' });
  });

  it('does not cut a number with a letter inside at the letter', () => {
    expect(parsed('福田区上沙村76B122')).toEqual({ district: '福田区', estate: '上沙村', building: '76B', room: '122', unparsed: [] });
    expect(parsed('福田区上沙村5D102')).toMatchObject({ estate: '上沙村', building: '5D', room: '102' });
    expect(parsed('福田区上沙村9G51')).toMatchObject({ estate: '上沙村', building: '9G', room: '51' });
    expect(parsed('福田区上沙村28栋5D102')).toMatchObject({ estate: '上沙村', building: '28', room: '5D102' });
  });

  it('reads a prefix written twice once', () => {
    expect(parsed('深圳市福田区深圳市福田区水围村28栋1203')).toEqual({ city: '深圳市', district: '福田区', estate: '水围村', building: '28', room: '1203', unparsed: [] });
    expect(parsed('福田区福田区福田街道水围村28栋')).toMatchObject({ district: '福田区', subdistrict: '福田街道', estate: '水围村', building: '28', unparsed: [] });
    expect(parsed('广东省深圳市福田区福田街道广东省深圳市福田区福田街道水围社区')).toMatchObject({ district: '福田区', subdistrict: '福田街道', community: '水围社区', unparsed: [] });
  });

  it('does not take a place named after a division, or a short name beginning a road, for a repeat', () => {
    expect(parsed('福田区福田保税区福田保税区虚拟社区福田保税区物流园宿舍1栋')).toMatchObject({ subdistrict: '福田保税区', estate: '福田保税区物流园', building: '宿舍1' });
    expect(parsed('深圳市龙岗区布吉街道龙岗大道110号')).toMatchObject({ district: '龙岗区', road: '龙岗大道', doorNumber: '110' });
  });

  it('reads a floor written with F before the room as a floor, not a lettered building', () => {
    expect(parsed('车公庙路213号19F1902室')).toEqual({ road: '车公庙路', doorNumber: '213', floor: '19', room: '1902', unparsed: [] });
    expect(parsed('富华一路141号万科商场1F104号')).toMatchObject({ estate: '万科商场', floor: '1', room: '104' });
  });

  it('reads the country and the special economic zone before the city', () => {
    expect(parsed('中国广东省深圳市福田区水围村28栋')).toMatchObject({ province: '广东省', city: '深圳市', district: '福田区', estate: '水围村', unparsed: [] });
    expect(parsed('深圳经济特区福田区水围村28栋')).toMatchObject({ city: '深圳市', district: '福田区', estate: '水围村', unparsed: [] });
    expect(parsed('深圳特区福田区水围村28栋')).toMatchObject({ city: '深圳市', district: '福田区', estate: '水围村', unparsed: [] });
  });

  it('finds the road after an estate written before it', () => {
    expect(parsed('福田区梅林一村梅林路48号32栋1203')).toEqual({ district: '福田区', road: '梅林路', doorNumber: '48', estate: '梅林一村', building: '32', room: '1203', unparsed: [] });
    expect(parsed('深圳市福田区园岭新村园岭中路21号85栋3楼')).toMatchObject({ road: '园岭中路', doorNumber: '21', estate: '园岭新村', building: '85', floor: '3' });
    expect(parsed('福田区华强广场华强北路1019号B座22层')).toMatchObject({ road: '华强北路', doorNumber: '1019', estate: '华强广场', building: 'B', floor: '22' });
    expect(parsed('福田区莲花三村小区红荔路213号5栋2单元501')).toMatchObject({ road: '红荔路', doorNumber: '213', estate: '莲花三村小区', building: '5', unit: '2', room: '501' });
    expect(parsed('福田区国际商业街彩田路151号1栋301')).toMatchObject({ road: '彩田路', doorNumber: '151', estate: '国际商业街', building: '1' });
    expect(parsed('福田区星河大厦2期蓝花道203号B座201')).toMatchObject({ road: '蓝花道', doorNumber: '203', estate: '星河大厦2期', building: 'B', room: '201' });
    // a registry road is preferred, and a registry estate may hold digits
    const known = createParser({ knownEstates: ['皇岗', '皇岗花园', '香蜜湖1号'], knownRoads: ['福强路', '香蜜湖路'] });
    expect(known('福田区皇岗花园福强路209号西区1栋').components).toMatchObject({ road: '福强路', doorNumber: '209', estate: '皇岗花园', building: '西区1' });
    expect(known('福田区香蜜湖1号香蜜湖路269号7栋').components).toMatchObject({ road: '香蜜湖路', doorNumber: '269', estate: '香蜜湖1号', building: '7' });
    // road names that merely hold a place word stay whole, and without a door number nothing is split
    expect(parsed('福田区园岭中路21号')).toMatchObject({ road: '园岭中路', doorNumber: '21' });
    expect(parsed('福田区皇岗村路5号')).toMatchObject({ road: '皇岗村路', doorNumber: '5' });
  });

  it('reads numbered sub-areas and lanes inside a village', () => {
    expect(parsed('福田区水围村二区5栋302')).toEqual({ district: '福田区', estate: '水围村', building: '2区5', room: '302', unparsed: [] });
    expect(parsed('福田区水围村东村一巷8号302')).toEqual({ district: '福田区', road: '东村一巷', doorNumber: '8', estate: '水围村', room: '302', unparsed: [] });
    expect(parsed('福田区上沙村5坊42号302')).toMatchObject({ estate: '上沙村', building: '5坊42', room: '302' });
    expect(parsed('福田区上沙村五坊四十二号')).toMatchObject({ estate: '上沙村', building: '5坊42' });
  });

  it('reads building, unit and room written with dashes after a place: 13-11-1413, 98-1034', () => {
    expect(parsed('福田区水围村28-1203')).toEqual({ district: '福田区', estate: '水围村', building: '28', room: '1203', unparsed: [] });
    expect(parsed('福田区莲花三村5-2-501室')).toEqual({ district: '福田区', estate: '莲花三村', building: '5', unit: '2', room: '501', unparsed: [] });
    // after a road the number is its door number, a range of shop numbers is no building-room
    expect(parsed('福民路133-1203')).not.toHaveProperty('building');
    expect(parsed('东交易区231-232号')).not.toHaveProperty('building');
    // a building already written keeps the unit-room reading, and so does a door number
    expect(parsed('水围村28栋2-1901')).toMatchObject({ building: '28', unit: '2', room: '1901' });
    expect(parsed('福华路209号3-401')).toEqual({ road: '福华路', doorNumber: '209', unit: '3', room: '401', unparsed: [] });
    expect(parsed('巴登街271号2-302号')).toEqual({ road: '巴登街', doorNumber: '271', unit: '2', room: '302', unparsed: [] });
  });

  it('reads A401号 after a place as a lettered room, not a building A401', () => {
    expect(parsed('鸿福商业中心A203号')).toEqual({ estate: '鸿福商业中心', room: 'A203', unparsed: [] });
    expect(parsed('鸿福商业中心A座203号')).toMatchObject({ estate: '鸿福商业中心', building: 'A', room: '203' });
  });

  it('keeps a phase number in the estate, never as a room: 万科国际大厦5期', () => {
    expect(parsed('万科国际大厦5期')).toEqual({ estate: '万科国际大厦5期', unparsed: [] });
    expect(parsed('星河大厦2期1203')).toEqual({ estate: '星河大厦2期', room: '1203', unparsed: [] });
  });

  it('reads a second copy of the prefix that starts higher than the first', () => {
    expect(parsed('深圳市福田区广东省深圳市福田区沙埔头社区华强南路1285号沙埔头村301号402房')).toEqual({
      province: '广东省', city: '深圳市', district: '福田区', community: '沙埔头社区', road: '华强南路', doorNumber: '1285', estate: '沙埔头村', building: '301', room: '402', unparsed: [],
    });
    expect(parsed('福田区广东省深圳市福田区水围村28栋')).toMatchObject({ province: '广东省', city: '深圳市', district: '福田区', estate: '水围村', building: '28', unparsed: [] });
    // another city after the district is no restart of the prefix
    expect(parsed('福田区广州市天河区')).not.toHaveProperty('city');
  });
  it('reads a building and a short number with a dash, guessing no unit or room for it', () => {
    expect(parsed('新元金沙家园13-6单元')).toEqual({ estate: '新元金沙家园', building: '13', unit: '6', unparsed: [] });
    expect(parsed('下王138-8-8楼')).toEqual({ estate: '下王', building: '138', unit: '8', floor: '8', unparsed: [] });
    expect(parsed('东方明珠花园D62-8-99')).toEqual({ estate: '东方明珠花园', building: 'D62', unit: '8', room: '99', unparsed: [] });
    // 3-12 alone: building 3, and 12 may be its unit or its room
    expect(parsed('皂墅小区3-12')).toEqual({ estate: '皂墅小区', building: '3', unparsed: ['12'] });
  });

  it('keeps digits and a numeral written against them apart: 123-5四楼 is not floor 54', () => {
    expect(parsed('秦家港123-5四楼')).toMatchObject({ estate: '秦家港', building: '123', unit: '5', floor: '4' });
  });

  it('reads 单 as 单元, and sets aside a number between the building and a marked room or floor', () => {
    expect(parsed('商苑65栋8单8楼')).toEqual({ estate: '商苑', building: '65', unit: '8', floor: '8', unparsed: [] });
    expect(parsed('大运府邸129栋4号1492室')).toEqual({ estate: '大运府邸', building: '129', room: '1492', unparsed: ['4号'] });
    expect(parsed('福田四区49栋5号4楼')).toMatchObject({ building: '4区49', floor: '4', unparsed: ['5号'] });
    // alone after the building, N号 is still the room
    expect(parsed('水围村28栋1203号')).toMatchObject({ building: '28', room: '1203' });
  });

  it("sets aside a market's aisle after the floor and reads the stall after it", () => {
    expect(parsed('国际生产资料市场5楼139街41177')).toEqual({ estate: '国际生产资料市场', floor: '5', room: '41177', unparsed: ['139街'] });
    expect(parsed('新副食品市场3楼12街1391')).toEqual({ estate: '新副食品市场', floor: '3', room: '1391', unparsed: ['12街'] });
    expect(parsed('国际商贸城三区二楼十八街41173')).toEqual({ estate: '国际商贸城3区', floor: '2', room: '41173', unparsed: ['十八街'] });
    // a road numbered in words stays a road
    expect(parsed('福华三街8号')).toMatchObject({ road: '福华三街', doorNumber: '8' });
  });
});
