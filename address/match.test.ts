/**
 * The matcher's decisions on a small hand-made registry: what a steward would check for each kind
 * of messy address (exact, alias, typo, ambiguous, conflicting, outside the district).
 */
import { describe, expect, it } from 'vitest';
import { decide, finishRoom } from './match.ts';
import { createParser } from './parse.ts';
import { RegistryIndex } from './registry.ts';
import type { RegistryRow, RoomRow } from './repository.ts';

const division = (code: string, level: RegistryRow['level'], name: string, aliases: string[] = []): RegistryRow => ({
  code, level, name, fullName: name, road: null, doorNumber: null, estate: null, buildingNo: null, aliases,
});
const building = (code: string, estate: string, buildingNo: string | null, road: string | null, doorNumber: string | null, aliases: string[] = []): RegistryRow => ({
  code, level: 'BUILDING', name: buildingNo ? `${buildingNo}栋` : estate, fullName: `${road ?? ''}${doorNumber ? `${doorNumber}号` : ''}${estate}${buildingNo ? `${buildingNo}栋` : ''}`,
  road, doorNumber, estate, buildingNo, aliases,
});

const ROWS: RegistryRow[] = [
  division('440304', 'DISTRICT', '福田区'),
  division('440304004', 'SUBDISTRICT', '福田街道'),
  division('440304005', 'SUBDISTRICT', '沙头街道'),
  division('440304002', 'SUBDISTRICT', '园岭街道'),
  division('440304004001', 'COMMUNITY', '福安社区'),
  division('440304004028', 'COMMUNITY', '水围社区', ['水围社区居委会']),
  division('440304005041', 'COMMUNITY', '上沙社区'),
  division('440304005042', 'COMMUNITY', '下沙社区'),
  division('440304002010', 'COMMUNITY', '园东社区'),
  division('440304002011', 'COMMUNITY', '上林社区'),
  building('4403040040280100028', '水围村', '28', '福民路', '133', ['水围28栋']),
  building('4403040040280100029', '水围村', '29', '福民路', null, ['水围29栋']),
  building('4403040040010100001', '平安金融中心', null, '益田路', '5033', ['平安大厦']),
  building('4403040050410100001', '上沙村', '3坊10', '沙嘴路', null),
  building('4403040050420100001', '下沙村', '3坊10', '滨河大道', null),
  building('4403040020100100001', '园岭新村', '85', '园岭中路', '21'),
  building('4403040020110100001', '园岭新村', '86', '上步中路', '40'),
  building('4403040040280100101', '水围村', '2区5', '福民路', null),
  building('4403040040010100002', '华富华庭', null, '福华路', '8'),
  // lettered towers of one estate, each with its own door
  building('44030400400102A0001', '招商大厦', 'A', '福华路', '21'),
  building('44030400400102B0002', '招商大厦', 'B', '福华路', '23'),
  // an estate and its second phase
  building('4403040040010300001', '万科国际大厦', null, '金田路', '9'),
  building('4403040040010300002', '万科国际大厦3期', null, '金田路', '11'),
];

const index = new RegistryIndex(ROWS, (alias) => createParser()(alias).components);
const parse = createParser({ knownEstates: [...index.estates.byName.keys()], knownRoads: [...index.roads.byName.keys()] });
const match = (text: string) => decide(parse(text), index);
const room = (code: string, roomNo: string, unit: string | null = null, floor: number | null = null): RoomRow => ({ key: 0, code, fullName: code, unit, roomNo, floor });
const statusOf = (reasons: { component: string; status: string }[], component: string) => reasons.find((r) => r.component === component)?.status;

describe('matching to a building', () => {
  it('pins the showcase building on estate, building, road and door, then asks for the room', () => {
    const p = match('广东省深圳市福田区福田街道水围社区福民路133号水围村28栋1203房');
    expect(p.result).toMatchObject({ code: '4403040040280100028', level: 'BUILDING' });
    expect(p.roomQuestion).toMatchObject({ room: '1203' });
    for (const c of ['estate', 'building', 'road', 'doorNumber', 'community', 'subdistrict']) expect(statusOf(p.result.reasons, c)).toBe('MATCHED');
  });

  it('finds a building through an estate alias and says so', () => {
    const p = match('水围29栋');
    expect(p.result).toMatchObject({ code: '4403040040280100029', level: 'BUILDING' });
    expect(statusOf(p.result.reasons, 'estate')).toBe('CORRECTED');
  });

  it('corrects a one-character typo in the estate, with lower confidence', () => {
    const exact = match('水围村28栋');
    const typo = match('水为村28栋');
    expect(typo.result).toMatchObject({ code: '4403040040280100028', level: 'BUILDING' });
    expect(typo.result.reasons.find((r) => r.component === 'estate')).toMatchObject({ status: 'CORRECTED' });
    expect(typo.result.confidence).toBeLessThan(exact.result.confidence);
  });

  it('takes a single-building place by its name or alias, and a door number alone', () => {
    expect(match('平安金融中心').result).toMatchObject({ code: '4403040040010100001', level: 'BUILDING' });
    expect(match('平安大厦').result).toMatchObject({ code: '4403040040010100001', level: 'BUILDING' });
    expect(match('深圳福田益田路5033号').result).toMatchObject({ code: '4403040040010100001', level: 'BUILDING' });
  });
});

describe('stopping above the building when the building is not certain', () => {
  it('goes to the estate\'s community when the building number is not in the registry', () => {
    const p = match('福田区水围村99栋');
    expect(p.result).toMatchObject({ code: '440304004028', level: 'COMMUNITY' });
    expect(statusOf(p.result.reasons, 'building')).toBe('NOT_FOUND');
    expect(p.roomQuestion).toBeNull();
  });

  it('goes to the shared subdistrict when a typo fits two villages, listing both', () => {
    const p = match('中沙村3坊10号');
    expect(p.result).toMatchObject({ code: '440304005', level: 'SUBDISTRICT' });
    expect(p.result.candidates.map((c) => c.code).sort()).toEqual(['4403040050410100001', '4403040050420100001']);
    expect(statusOf(p.result.reasons, 'building')).toBe('AMBIGUOUS');
  });

  it('goes to the shared subdistrict for an estate that spans two communities', () => {
    const p = match('园岭新村');
    expect(p.result).toMatchObject({ code: '440304002', level: 'SUBDISTRICT' });
    expect(p.result.candidates).toHaveLength(2);
  });

  it('never returns a building that contradicts a written component', () => {
    // 28栋 is in 水围社区, not 上沙社区
    const p = match('福田区沙头街道上沙社区水围村28栋1203房');
    expect(p.result.level).not.toBe('BUILDING');
    expect(p.roomQuestion).toBeNull();
    expect(p.result.code).toBe('440304');
    expect(statusOf(p.result.reasons, 'community')).toBe('CONFLICT');
    // a door number that belongs to another building
    const q = match('福民路133号水围村29栋');
    expect(q.result.level).toBe('COMMUNITY');
    expect(q.result.candidates[0].code).toBe('4403040040280100029');
  });

  it('stops at the district when the written subdistrict and community disagree', () => {
    const p = match('福田区沙头街道水围社区水围村28栋');
    expect(p.result).toMatchObject({ code: '440304', level: 'DISTRICT' });
    expect(statusOf(p.result.reasons, 'community')).toBe('CONFLICT');
  });

  it('gives the community for division-only text', () => {
    expect(match('福田区福田街道水围社区居委会').result).toMatchObject({ code: '440304004028', level: 'COMMUNITY', confidence: 0.9 });
  });
});

describe('refusing', () => {
  it('links nothing in another district', () => {
    const p = match('深圳市罗湖区东门街道立新社区东门中路1号');
    expect(p.result).toMatchObject({ code: null, level: null, confidence: 0 });
    expect(p.result.reasons[0]).toMatchObject({ component: 'district', status: 'CONFLICT' });
  });

  it('links nothing for empty or meaningless text', () => {
    expect(match('').result).toMatchObject({ code: null, level: null });
    expect(match('').result.reasons[0].message).toMatch(/empty/);
  });
});

describe('rooms', () => {
  const pending = () => match('水围村28栋1203');
  const code = '4403040040280100028001203';

  it('takes the one room with that number', () => {
    expect(finishRoom(pending(), [room(code, '1203', null, 12)])).toMatchObject({ code, level: 'ROOM' });
  });

  it('stays at the building when the room is unknown, ambiguous across units, or on another floor', () => {
    expect(finishRoom(pending(), [])).toMatchObject({ level: 'BUILDING', code: '4403040040280100028' });
    const twoUnits = finishRoom(pending(), [room(`${code}1`, '1203', '1'), room(`${code}2`, '1203', '2')]);
    expect(twoUnits).toMatchObject({ level: 'BUILDING' });
    expect(twoUnits.candidates).toHaveLength(2);
    const floor = finishRoom(match('水围村28栋5楼1203'), [room(code, '1203', null, 12)]);
    expect(floor.level).toBe('BUILDING');
    expect(statusOf(floor.reasons, 'floor')).toBe('CONFLICT');
  });

  it('uses the unit to choose between rooms', () => {
    const r = finishRoom(match('水围村28栋2单元1203'), [room(`${code}1`, '1203', '1'), room(`${code}2`, '1203', '2')]);
    expect(r).toMatchObject({ level: 'ROOM', code: `${code}2` });
  });
});

describe('text the parser could not place', () => {
  it('is tried as a place name, typos included', () => {
    const p = match('平安金融中芯');
    expect(p.result).toMatchObject({ code: '4403040040010100001', level: 'BUILDING' });
    expect(p.result.confidence).toBeLessThan(0.9);
  });
});

describe('a room among same-named buildings', () => {
  it('takes the one building that has the written room, and nothing when several or none have it', () => {
    const p = match('园岭新村1203房');
    expect(p.roomQuestion?.buildings).toHaveLength(2);
    const one = finishRoom(p, [room('4403040020110100001001203', '1203')]);
    expect(one).toMatchObject({ code: '4403040020110100001001203', level: 'ROOM' });
    expect(one.confidence).toBeLessThan(0.9);
    expect(one.reasons.find((r) => r.component === 'building')).toMatchObject({ status: 'CORRECTED' });
    const both = finishRoom(p, [room('4403040020100100001001203', '1203'), room('4403040020110100001001203', '1203')]);
    expect(both).toMatchObject({ code: '440304002', level: 'SUBDISTRICT' });
    expect(finishRoom(p, [])).toMatchObject({ code: '440304002', level: 'SUBDISTRICT' });
  });
});

describe('clerks\' styles (issue 10)', () => {
  const code = '4403040040280100028001203';

  it('corrects a one-character typo in a name whose characters repeat', () => {
    const p = match('华富华亭');
    expect(p.result).toMatchObject({ code: '4403040040010100002', level: 'BUILDING' });
    expect(statusOf(p.result.reasons, 'estate')).toBe('CORRECTED');
  });

  it('links through notes and phone numbers, which lower the confidence', () => {
    for (const text of ['福田区水围村28栋1203（近地铁站）', '福田区水围村28栋1203，东门', '福田区水围村28栋1203 手机：13912345678']) {
      const p = match(text);
      expect(p.result, text).toMatchObject({ code: '4403040040280100028', level: 'BUILDING' });
      expect(p.roomQuestion, text).toMatchObject({ room: '1203' });
      expect(p.result.confidence, text).toBeLessThan(match('福田区水围村28栋1203').result.confidence);
    }
    expect(match('平安金融中心（近地铁站）').result).toMatchObject({ code: '4403040040010100001', level: 'BUILDING' });
  });

  it('links a prefix written twice', () => {
    const p = match('深圳市福田区深圳市福田区水围村28栋1203');
    expect(p.result).toMatchObject({ code: '4403040040280100028', level: 'BUILDING' });
    expect(p.roomQuestion).toMatchObject({ room: '1203' });
  });

  it('links an estate written before its road', () => {
    const p = match('深圳市福田区园岭新村园岭中路21号85栋3楼');
    expect(p.result).toMatchObject({ code: '4403040020100100001', level: 'BUILDING' });
    for (const c of ['estate', 'road', 'doorNumber', 'building']) expect(statusOf(p.result.reasons, c), c).toBe('MATCHED');
    // the estate before another road: the door number is not that road's, so no building is taken
    expect(match('园岭新村上步中路21号85栋').result.level).not.toBe('BUILDING');
  });

  it('takes unit and room written together: 28栋2-1203 is unit 2, room 1203', () => {
    const p = match('水围村28栋2-1203');
    expect(p.roomQuestion).toMatchObject({ unit: '2', room: '1203' });
    expect(finishRoom(p, [room(`${code}1`, '1203', '1'), room(`${code}2`, '1203', '2')])).toMatchObject({ level: 'ROOM', code: `${code}2` });
  });

  it('takes floor and room written together: 12楼03 is room 1203 on floor 12', () => {
    for (const text of ['水围村28栋12楼03', '水围村28栋12F03', '水围村28栋十二楼03']) {
      const p = match(text);
      expect(p.roomQuestion, text).toMatchObject({ room: '1203', floor: '12' });
      expect(finishRoom(p, [room(code, '1203', null, 12)]), text).toMatchObject({ level: 'ROOM', code });
    }
  });

  it('links a numbered sub-area of a village', () => {
    expect(match('福田区水围村二区5栋').result).toMatchObject({ code: '4403040040280100101', level: 'BUILDING' });
  });

  it('reads a lettered room with no building as the building letter and room, and refuses when both readings exist', () => {
    // 招商大厦A1203: room A1203 of either tower, or room 1203 of tower A
    const p = match('招商大厦A1203');
    expect(p.roomQuestion?.pairs).toEqual([
      { building: expect.objectContaining({ code: '44030400400102A0001' }), room: 'A1203' },
      { building: expect.objectContaining({ code: '44030400400102B0002' }), room: 'A1203' },
      { building: expect.objectContaining({ code: '44030400400102A0001' }), room: '1203' },
    ]);
    expect(finishRoom(p, [room('44030400400102A0001001203', '1203')])).toMatchObject({ level: 'ROOM', code: '44030400400102A0001001203' });
    // a door number pins tower B; B201 is a basement room there, and so is room 201: ambiguous
    const door = match('福华路23号招商大厦B201');
    expect(door.result).toMatchObject({ level: 'BUILDING', code: '44030400400102B0002' });
    const both = finishRoom(door, [room('44030400400102B000200B201', 'B201'), room('44030400400102B0002000201', '201')]);
    expect(both).toMatchObject({ level: 'BUILDING', code: '44030400400102B0002' });
    expect(statusOf(both.reasons, 'room')).toBe('AMBIGUOUS');
    expect(finishRoom(door, [room('44030400400102B0002000201', '201')])).toMatchObject({ level: 'ROOM', code: '44030400400102B0002000201' });
  });

  it('never corrects a number in a name: a phase written is another place', () => {
    expect(match('万科国际大厦3期').result).toMatchObject({ level: 'BUILDING', code: '4403040040010300002' });
    // 万科国际大厦5期 is no typo of either
    expect(match('万科国际大厦5期').result.level).not.toBe('BUILDING');
  });

  it('lowers the confidence below 0.8 when the pinned building lacks the written room', () => {
    const r = finishRoom(match('福民路133号1203房'), []);
    expect(r).toMatchObject({ level: 'BUILDING', code: '4403040040280100028' });
    expect(r.confidence).toBeLessThan(0.8);
  });

  it('is less sure of a community written where the building is not', () => {
    // 园岭新村85栋 is in 园东社区, not 上林社区; 园岭新村 has buildings in both
    const p = match('上林社区园岭新村85栋');
    expect(p.result.level).not.toBe('BUILDING');
    expect(p.result.confidence).toBeLessThan(0.8);
    expect(p.result.reasons).toContainEqual(expect.objectContaining({ component: 'community', status: 'CONFLICT' }));
  });

  it('still stops at the building when the unit is left out and the room is in several units', () => {
    const r = finishRoom(match('水围村28栋1203（近地铁站）'), [room(`${code}1`, '1203', '1'), room(`${code}2`, '1203', '2')]);
    expect(r).toMatchObject({ level: 'BUILDING', code: '4403040040280100028' });
  });
});

describe('wrong links at high confidence (bench:address, issue 10)', () => {
  // a bonded zone whose places are partly named after it
  const zone = [
    division('440304', 'DISTRICT', '福田区'),
    division('440304400', 'SUBDISTRICT', '福田保税区'),
    division('440304400498', 'COMMUNITY', '福田保税区虚拟社区'),
    building('4403044004981500001', '联合工业大厦2期', '宿舍1', '蓝花道', '417'),
    building('4403044004981600001', '福田保税区联合工业大厦', '1', '蓝花道', '419'),
    building('4403044004982400006', '福田保税区城建工业大厦2期', '宿舍1', '黄槐道', '371'),
  ];
  const zoneIndex = new RegistryIndex(zone, (alias) => createParser()(alias).components);
  const zoneParse = createParser({ knownEstates: [...zoneIndex.estates.byName.keys()], knownRoads: [...zoneIndex.roads.byName.keys()] });
  const zoneMatch = (text: string) => decide(zoneParse(text), zoneIndex);

  it('finds a place written after its subdistrict when another place is named after that subdistrict', () => {
    // the parser reads 福田保税区联合工业大厦2期 (福田保税区联合工业大厦 exists); the place is 联合工业大厦2期
    const p = zoneMatch('福田区福田保税区联合工业大厦2期宿舍1栋');
    expect(p.result).toMatchObject({ level: 'BUILDING', code: '4403044004981500001' });
    expect(p.result.reasons).toContainEqual(expect.objectContaining({ component: 'estate', status: 'CORRECTED', message: expect.stringMatching(/联合工业大厦2期, without the division/) }));
  });

  it('is below 0.8 sure of a name corrected in two characters, which may be another name', () => {
    // without 联合工业大厦2期 in the registry, 福田保税区联合工业大厦2期 is two characters (联合 → 城建)
    // from 福田保税区城建工业大厦2期: the closest name, but maybe not the place meant
    const rows = zone.filter((r) => r.code !== '4403044004981500001');
    const idx = new RegistryIndex(rows, (alias) => createParser()(alias).components);
    const parse2 = createParser({ knownEstates: [...idx.estates.byName.keys()], knownRoads: [...idx.roads.byName.keys()] });
    const p = decide(parse2('福田区福田保税区联合工业大厦2期宿舍1栋'), idx);
    expect(p.result).toMatchObject({ level: 'BUILDING', code: '4403044004982400006' });
    expect(p.result.confidence).toBeLessThan(0.8);
    // and so is the room found in it
    const withRoom = decide(parse2('福田区福田保税区联合工业大厦2期宿舍1栋203房'), idx);
    expect(finishRoom(withRoom, [room('4403044004982400006000203', '203')])).toMatchObject({ level: 'ROOM' });
    expect(finishRoom(withRoom, [room('4403044004982400006000203', '203')]).confidence).toBeLessThan(0.8);
  });
});
