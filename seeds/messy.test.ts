import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { DIVISIONS, generate, type AddressRow } from './generate.ts';
import {
  CLERK_STYLES, clerkStylesFor, DEFAULT_STYLE_SHARES, digitByDigit, messyAddress, MESSY_SHARES, MESSY_VARIANTS, parseStyleShares, positional, toTraditional,
  type ClerkStyle, type MessyAddress, type MessyTarget, type MessyVariant,
} from './messy.ts';
import { Rng } from './prng.ts';
import { SHOWCASE } from './showcase.ts';

const divisions = new Map(DIVISIONS.map((d) => [d.code, d]));

/** Every building and room of the demo registry, and each record's address code (record-weighted sample). */
function demoSample() {
  const registry = new Map<string, AddressRow>();
  const units = new Map<string, Set<string>>();
  const roomNos = new Set<string>();
  const cells: { key: string; code: string }[] = [];
  for (const batch of generate({ size: 'demo' })) {
    const r = batch.rows;
    for (const a of r['buildings.address']) if (a.level === 'BUILDING' || a.level === 'ROOM') registry.set(a.code, a);
    for (const a of r['buildings.address']) {
      if (a.level === 'ROOM') roomNos.add(`${a.parent_code}|${a.room_no}`);
      if (a.level === 'ROOM' && a.unit) units.set(`${a.parent_code}|${a.room_no}`, (units.get(`${a.parent_code}|${a.room_no}`) ?? new Set()).add(a.unit));
    }
    const seen = new Set<string>();
    for (const x of r['people.residence']) {
      if (x.until !== null || seen.has(x.person_id)) continue;
      seen.add(x.person_id);
      cells.push({ key: `people|${x.person_id}|address`, code: x.address_code });
    }
    for (const e of r['entities.legal_entity']) {
      if (e.registered_address_code) cells.push({ key: `entities|${e.credit_code}|registered_address`, code: e.registered_address_code });
      if (e.business_address_code) cells.push({ key: `entities|${e.credit_code}|business_address`, code: e.business_address_code });
    }
    for (const e of r['events.event']) cells.push({ key: `events|${e.id}|address`, code: e.address_code });
    for (const c of r['cases.legal_case']) cells.push({ key: `cases|${c.id}|address`, code: c.address_code });
  }
  return { registry, cells, units, roomNos };
}
const demo = demoSample();

function target(code: string): MessyTarget {
  const row = demo.registry.get(code)!;
  const building = row.level === 'ROOM' ? demo.registry.get(row.parent_code!)! : row;
  return {
    building,
    room: row.level === 'ROOM' ? row : null,
    community: divisions.get(code.slice(0, 12))!,
    subdistrict: divisions.get(code.slice(0, 9))!,
    roomNoInOtherUnits: row.level === 'ROOM' && !!row.unit && (demo.units.get(`${row.parent_code}|${row.room_no}`)?.size ?? 0) > 1,
    letteredRoomExists: row.level === 'ROOM' && demo.roomNos.has(`${row.parent_code}|${building.building_no}${row.room_no}`),
  };
}

const styleOf = (m: MessyAddress) => m.variants.find((v): v is ClerkStyle => (CLERK_STYLES as readonly string[]).includes(v)) ?? null;

/** `n` texts for one address, each from its own seed. */
function texts(code: string, n: number): MessyAddress[] {
  const t = target(code);
  return Array.from({ length: n }, (_, i) => messyAddress(new Rng(`test|${code}|${i}`), t));
}

/** One text per record cell of the demo dataset, drawn as the department files draw them. */
const sample = demo.cells.map(({ key, code }) => ({ code, messy: messyAddress(new Rng(`futian|messy|${key}`), target(code)) }));

const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });
/** What a parser starts from: simplified, half-width, no spaces or punctuation. */
const normalize = (text: string) => toSimplified(text).normalize('NFKC').replace(/[\s，,、]/g, '');
/** A name as it reads after normalization (COCO Park → COCOPark), escaped for a pattern. */
const escape = (s: string) => s.replace(/\s/g, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alt = (items: (string | null | undefined)[]) => `(?:${[...new Set(items.filter((x): x is string => !!x))].map(escape).join('|')})`;
const numerals = (n: string | null, digitwise = false) =>
  n && /^\d+$/.test(n) && Number(n) < 10000 ? [n, positional(Number(n)), digitwise ? digitByDigit(n) : null] : [n];

/**
 * The parse contract as a pattern for one building: every component optional, in address order,
 * with the names, markers and numerals the contract allows, and the unit, floor and room of any
 * room captured for `fits` to compare. `loose` accepts any road and place name, which is how a
 * text with a typo must still read. (One pattern per building, not per room: compiling tens of
 * thousands of patterns would take seconds.)
 */
function contract(b: AddressRow, loose: boolean, withRoom: boolean): RegExp {
  const key = `${b.code}|${loose}|${withRoom}`;
  let pattern = patterns.get(key);
  if (!pattern) {
    const aliases = b.building_no ? b.aliases.map((a) => a.slice(0, -b.name.length)) : b.aliases;
    const road = loose ? '[^\\d]{1,12}?(?:大道|路|街|巷|道)' : escape(b.road!);
    // a misspelt place name still ends before the numbers that follow it
    const place = loose ? '.{0,23}?[^\\d零一二三四五六七八九十百千]' : alt([b.estate, ...aliases]);
    const sub = escape(divisions.get(b.code.slice(0, 9))!.name);
    const community = escape(divisions.get(b.code.slice(0, 12))!.name);
    const n = '(?:\\d+|[零一二三四五六七八九十百千]+)';
    pattern = new RegExp(
      '^(?:广东省)?(?:深圳市)?(?:福田区)?' +
        `(?:${sub}(?:办事处|办)?)?(?:${community}(?:居委会|工作站)?)?` +
        `(?:${road}(?:${escape(b.door_number ?? 'x')}号)?)?` +
        `(?:${place}(?:${alt(numerals(b.building_no))}(?:栋|幢|座|号楼|号))?)?` +
        (withRoom ? `(?:(?<unit>${n})单元)?(?:(?<floor>${n})(?:楼|层|F)|第(?<floor2>${n})层)?(?<room>B?${n})(?:房|室|号)?$` : '$'),
    );
    patterns.set(key, pattern);
  }
  return pattern;
}
const patterns = new Map<string, RegExp>();

/** Whether a normalized text reads as the target within the parse contract. */
function fits(t: MessyTarget, text: string, loose = false): boolean {
  const r = t.room;
  const m = contract(t.building, loose, !!r).exec(text);
  if (!m || !r) return !!m;
  const { unit, floor, floor2, room } = m.groups!;
  return (
    (unit === undefined || numerals(r.unit).includes(unit)) &&
    [floor, floor2].every((f) => f === undefined || numerals(String(r.floor)).includes(f)) &&
    numerals(r.room_no, true).includes(room)
  );
}

const find = (test: (b: AddressRow) => boolean) => [...demo.registry.values()].find((a) => a.level === 'BUILDING' && test(a))!;

describe('messyAddress', () => {
  it('gives the same text for the same seed and target, and other texts for other seeds', () => {
    const t = target(SHOWCASE.roomCode);
    const a = Array.from({ length: 50 }, (_, i) => messyAddress(new Rng(`same|${i}`), t));
    const b = Array.from({ length: 50 }, (_, i) => messyAddress(new Rng(`same|${i}`), t));
    expect(b).toEqual(a);
    const c = Array.from({ length: 50 }, (_, i) => messyAddress(new Rng(`other|${i}`), t));
    expect(c.map((x) => x.text)).not.toEqual(a.map((x) => x.text));
  });

  it('writes the showcase room 水围村28栋1203房 in the ways people do', () => {
    const all = texts(SHOWCASE.roomCode, 4000);
    const seen = new Set(all.map((m) => m.text));
    for (const text of [
      SHOWCASE.roomFullName,
      '福田区福田街道水围社区福民路133号水围村28栋1203房',
      '水围村28栋1203房',
      '福民路133号1203房',
      '广东省深圳市福田区福田街道水围社区福民路133号水围村28号1203房',
      '广东省深圳市福田区福田街道水围社区福民路133号水围村28栋1203室',
    ]) expect(seen, text).toContain(text);
    expect(all.filter((m) => m.variants.includes('official')).every((m) => m.text === SHOWCASE.roomFullName)).toBe(true);
    expect(all.some((m) => /水围28[栋幢号]/.test(m.text) && m.variants.includes('building_alias'))).toBe(true);
    expect(all.some((m) => m.text.includes('二十八') && /一二零三|一千二百零三/.test(m.text))).toBe(true);
    expect(all.some((m) => m.text.includes('２８'))).toBe(true);
    expect(all.some((m) => m.text.includes('水圍村'))).toBe(true);
    expect(all.some((m) => /福田街道办(事处)?/.test(m.text))).toBe(true);
    expect(all.some((m) => /水围社区(居委会|工作站)/.test(m.text))).toBe(true);
    expect(all.some((m) => /(12楼|12层|12F|第12层)1203/.test(m.text))).toBe(true);
    for (const m of all) expect(m.trueCode).toBe(m.variants.includes('unlinkable') ? '' : SHOWCASE.roomCode);
  });

  it('keeps single buildings, letters, lanes and sub-areas in their own forms', () => {
    const pafc = find((b) => b.estate === '平安金融中心');
    const pafcTexts = texts(pafc.code, 600);
    expect(pafcTexts.some((m) => m.text === '平安金融中心')).toBe(true);
    expect(pafcTexts.some((m) => m.text.includes('平安大厦') || m.text.includes('PAFC'))).toBe(true);
    expect(pafcTexts.some((m) => m.text.endsWith('益田路5033号'))).toBe(true);
    expect(pafcTexts.every((m) => !/[栋幢座]/.test(m.text))).toBe(true);

    const letter = find((b) => b.building_no === 'A');
    const letterTexts = texts(letter.code, 600).map((m) => m.text);
    expect(letterTexts.some((x) => x.endsWith(`${letter.estate}A座`))).toBe(true);
    expect(letterTexts.some((x) => x.endsWith(`${letter.estate}A栋`))).toBe(true);
    expect(letterTexts.every((x) => !/A(幢|号楼)/.test(x))).toBe(true);

    const lane = find((b) => /^\d+坊\d+$/.test(b.building_no ?? ''));
    const laneTexts = texts(lane.code, 600).map((m) => m.text);
    expect(laneTexts).toContain(`${lane.estate}${lane.building_no}号`);
    expect(laneTexts.some((x) => x.includes(`${lane.building_no}栋`))).toBe(true);

    const zone = find((b) => /^[东西]区\d+$/.test(b.building_no ?? ''));
    expect(texts(zone.code, 600).map((m) => m.text)).toContain(`${zone.estate}${zone.building_no}号楼`);
  });

  it('never rewrites numbers inside names (福华三路, 莲花一村, 香蜜湖1号)', () => {
    const swapped = (name: string) => name.replace(/[1-3]|[一二三]/, (d) => ('123'.includes(d) ? '一二三'['123'.indexOf(d)] : String('一二三'.indexOf(d) + 1)));
    for (const name of ['福华三路', '莲花一村', '香蜜湖1号']) {
      const b = find((x) => x.road === name || x.estate === name);
      const written = texts(b.code, 400).filter((m) => !m.variants.some((v) => v === 'typo' || v === 'traditional' || v === 'building_alias'));
      expect(written.filter((m) => normalize(m.text).includes(name)).length, name).toBeGreaterThan(written.length / 3);
      expect(written.every((m) => !normalize(m.text).includes(swapped(name))), name).toBe(true);
    }
  });

  it('stays within the parse contract: typos only in road or place names', () => {
    const problems: string[] = [];
    let typos = 0;
    for (const { code, messy } of sample) {
      // the clerks' styles are beyond the contract's plain forms; their own test reads them
      if (messy.variants.includes('unlinkable') || styleOf(messy)) continue;
      const t = target(code);
      const text = normalize(messy.text);
      if (messy.variants.includes('typo')) {
        typos++;
        if (!fits(t, text, true) || fits(t, text)) problems.push(`typo outside road and place: ${messy.text}`);
      } else if (!fits(t, text)) {
        problems.push(`outside the contract: ${messy.text} [${messy.variants.join('|')}]`);
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(typos).toBeGreaterThan(1000);
  });

  it('never writes a typo that is the name of another place (the text would truly name that place)', () => {
    // 滨河雅苑 losing 雅 is 滨河苑: with 滨河苑 in the registry that is no typo but another address
    const b = [...demo.registry.values()].find((a) => a.level === 'BUILDING' && a.estate && a.estate.length >= 4 && !/[0-9村]/.test(a.estate) && new Set(a.estate).size === a.estate.length && a.aliases.length === 0)!;
    const t = target(b.code);
    const dropped = new Set<string>();
    for (let i = 0; i < b.estate!.length; i++) dropped.add(b.estate!.slice(0, i) + b.estate!.slice(i + 1));
    const inside = [...dropped].filter((d) => d[0] === b.estate![0] && d.at(-1) === b.estate!.at(-1));
    let typos = 0;
    for (let i = 0; i < 4000; i++) {
      const m = messyAddress(new Rng(`other-names|${i}`), { ...t, otherPlaceNames: dropped }, { styles: parseStyleShares('none') });
      if (!m.variants.includes('typo')) continue;
      typos++;
      // no name with a character dropped inside (one dropped at either end could be a swapped
      // character's neighbour: 莎埔头村 holds 埔头村)
      const text = normalize(m.text);
      for (const name of inside) expect(text.includes(name), m.text).toBe(false);
    }
    expect(typos).toBeGreaterThan(20);
  });

  it('labels each text with what it does', () => {
    const problems: string[] = [];
    const check = (ok: boolean, what: string, m: MessyAddress) => {
      if (!ok) problems.push(`${what}: ${m.text} [${m.variants.join('|')}]`);
    };
    for (const { code, messy: m } of sample) {
      if (styleOf(m)) continue;
      const t = target(code);
      const v = new Set<string>(m.variants);
      const { text } = m;
      if (v.has('official')) check(text === (t.room ?? t.building).full_name, 'official is the full name', m);
      if (v.has('unlinkable')) {
        check(m.trueCode === '' && v.size === 2, 'unlinkable has no code and one kind', m);
        if (v.has('empty')) check(text === '', 'empty', m);
        if (v.has('unknown')) check(['不详', '无', '暂无', '地址不详'].includes(text), 'unknown', m);
        if (v.has('road_only')) check(text === t.building.road, 'road only', m);
        if (v.has('other_district')) check(/(罗湖|南山|宝安|龙岗|龙华)区/.test(text), 'other district', m);
        continue;
      }
      check(m.trueCode === code, 'true code', m);
      const plain = normalize(text);
      if (v.has('no_province_city') || v.has('estate_only') || v.has('road_door_only')) check(!plain.startsWith('广东'), 'no province', m);
      if (v.has('estate_only') && !v.has('typo')) {
        const places = [t.building.estate!, ...t.building.aliases].map((p) => normalize(p).slice(0, 2));
        check(places.some((p) => plain.startsWith(p)), 'starts with the place', m);
      }
      if (v.has('road_door_only') && !v.has('typo')) check(plain.startsWith(`${t.building.road}${t.building.door_number}号`), 'starts with road and door', m);
      if (v.has('fullwidth_digits')) check(!/[0-9]/.test(text), 'no half-width digit', m);
      if (v.has('traditional')) check(toTraditional(text) === text, 'traditional', m);
      const spaced = /\s/.test(t.building.estate + t.building.aliases.join(''));
      if (!spaced) check(v.has('separators') === /[ ，,、]/.test(text), 'separators', m);
      if (v.has('chinese_numerals')) check(/[一二三四五六七八九十零]+(栋|幢|座|号|单元|楼|层|房|室|$)/.test(plain), 'Chinese numerals', m);
      if (v.has('old_subdistrict_name')) check(/街道办/.test(plain), 'old subdistrict name', m);
      if (v.has('old_community_name')) check(/社区(居委会|工作站)/.test(plain), 'old community name', m);
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it('produces every variant on a demo-size sample, in the documented shares', () => {
    const counts = new Map<MessyVariant, number>();
    for (const { messy } of sample) for (const v of messy.variants) if (!(CLERK_STYLES as readonly string[]).includes(v)) counts.set(v as MessyVariant, (counts.get(v as MessyVariant) ?? 0) + 1);
    const n = sample.length;
    expect(n).toBeGreaterThan(100_000);
    for (const v of MESSY_VARIANTS) {
      const share = (counts.get(v) ?? 0) / n;
      const expected = MESSY_SHARES[v];
      // a tenth of the documented share, plus three standard errors of sampling
      const tolerance = 0.1 * expected + 3 * Math.sqrt((expected * (1 - expected)) / n);
      expect(Math.abs(share - expected), `${v}: ${(share * 100).toFixed(2)}% vs ${(expected * 100).toFixed(2)}%`).toBeLessThanOrEqual(tolerance);
    }
  });
});

describe('clerks\' styles', () => {
  it('writes each style at its share of the messy texts whose address allows it, one style per text', () => {
    const allowed = new Map<ClerkStyle, number>();
    const written = new Map<ClerkStyle, number>();
    for (const { code, messy } of sample) {
      if (messy.variants.includes('official') || messy.variants.includes('unlinkable')) continue;
      for (const s of clerkStylesFor(target(code))) allowed.set(s, (allowed.get(s) ?? 0) + 1);
      const styles = messy.variants.filter((v) => (CLERK_STYLES as readonly string[]).includes(v));
      expect(styles.length).toBeLessThanOrEqual(1);
      if (styles[0]) written.set(styles[0] as ClerkStyle, (written.get(styles[0] as ClerkStyle) ?? 0) + 1);
    }
    for (const s of CLERK_STYLES) {
      const n = allowed.get(s) ?? 0;
      expect(n, s).toBeGreaterThan(300);
      const share = (written.get(s) ?? 0) / n;
      const expected = DEFAULT_STYLE_SHARES[s];
      const tolerance = 0.1 * expected + 3 * Math.sqrt((expected * (1 - expected)) / n);
      expect(Math.abs(share - expected), `${s}: ${(share * 100).toFixed(2)}% of ${n} vs ${(expected * 100).toFixed(2)}%`).toBeLessThanOrEqual(tolerance);
    }
  });

  it('labels each styled text with the style it is written in, and its true code', () => {
    const problems: string[] = [];
    const seen = new Map<ClerkStyle, number>();
    for (const { code, messy: m } of sample) {
      const style = styleOf(m);
      if (!style) continue;
      seen.set(style, (seen.get(style) ?? 0) + 1);
      const t = target(code);
      const b = t.building;
      const r = t.room ?? null;
      const plain = normalize(m.text);
      const typo = m.variants.includes('typo');
      const check = (ok: boolean, what: string) => {
        if (!ok) problems.push(`${style} ${what}: ${m.text} [${m.variants.join('|')}]`);
      };
      check(m.trueCode === (style === 'unit_omitted' || (style === 'lettered' && t.letteredRoomExists) ? b.code : code), 'true code');
      const width = (x: string) => x.normalize('NFKC');
      switch (style) {
        case 'unit_room':
          check(new RegExp(`${r!.unit}[- ]${r!.room_no}(房|室|号)?$`).test(width(m.text)) && !plain.includes('单元'), 'unit-room');
          break;
        case 'floor_room': {
          const rest = r!.room_no!.slice(String(r!.floor).length);
          check(new RegExp(`(${r!.floor}(楼|F)|${positional(r!.floor!)}楼)${rest}(房|室|号)?$`).test(plain), 'floor-room');
          break;
        }
        case 'estate_before_road':
          if (!typo) check(plain.includes(`${b.road}${b.door_number}号`) && plain.indexOf(b.road!) > Math.max(0, ...[b.estate!, ...b.aliases].map((p) => plain.indexOf(normalize(p).slice(0, 2)))) - 1, 'estate first');
          if (!typo) check([b.estate!, ...b.aliases.map((a) => a.replace(b.name, ''))].some((p) => plain.includes(`${normalize(p)}${b.road}`)), 'estate right before road');
          break;
        case 'prefix_twice':
          check(/^(?:(?:广东省)?深圳市福田区(?:广东省)?深圳市福田区|中国广东省|(?:广东省)?深圳(?:经济)?特区福田区)/.test(plain), 'prefix');
          break;
        case 'note':
          check(/(（|\(|，|,| )(近地铁站|放门口|东门|西门|旁边小卖部|对面|门卫处|放快递柜|后门|楼下|近公交站|附近)(）|\))?$/.test(toSimplified(m.text)), 'note at the end');
          break;
        case 'phone':
          check(/1[35789]\d{9}|1[35789]\d \d{4} \d{4}|0755-\d{8}/.test(width(m.text)), 'phone number');
          break;
        case 'lettered':
          check(new RegExp(`${b.building_no}-?${r!.room_no}`).test(width(m.text)) && !/[栋座幢]/.test(plain), 'letter glued to the room');
          break;
        case 'sub_area':
          check(/[东西南北]区(\d+|[一二三四五六七八九十]+)(栋|号楼)|(\d+|[一二三四五六七八九十]+)坊(\d+|[一二三四五六七八九十百]+)(号|栋)/.test(plain), 'sub-area');
          break;
        case 'unit_omitted':
          check(!plain.includes('单元') && !!r?.unit, 'no unit');
          break;
        case 'wrong_community': {
          const written = [...divisions.values()].filter((d) => d.level === 'COMMUNITY' && plain.includes(d.name));
          // (the true community's name may still be part of a place name: 景华社区党群服务中心)
          check(written.some((d) => d.code !== code.slice(0, 12) && d.parentCode === code.slice(0, 9)), 'another community of the subdistrict');
          break;
        }
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    for (const s of CLERK_STYLES) expect(seen.get(s) ?? 0, s).toBeGreaterThan(30);
  });

  it('takes the shares as an option: none writes no style, 1 writes it wherever the address allows', () => {
    const cells = sample.slice(0, 20_000);
    const none = parseStyleShares('none');
    expect(cells.every(({ code }, i) => !styleOf(messyAddress(new Rng(`opt|${i}`), target(code), { styles: none })))).toBe(true);
    const only = { ...none, unit_room: 1 };
    for (const [i, { code }] of cells.entries()) {
      const m = messyAddress(new Rng(`opt|${i}`), target(code), { styles: only });
      if (m.variants.includes('official') || m.variants.includes('unlinkable')) continue;
      expect(styleOf(m), m.text).toBe(clerkStylesFor(target(code)).includes('unit_room') ? 'unit_room' : null);
    }
  });

  it('reads style shares from the command line and names what is wrong', () => {
    expect(parseStyleShares('unit_room=0.5, note=0')).toEqual({ ...DEFAULT_STYLE_SHARES, unit_room: 0.5, note: 0 });
    expect(Object.values(parseStyleShares('none')).every((x) => x === 0)).toBe(true);
    expect(() => parseStyleShares('unit_rooms=0.5')).toThrow(/unknown style "unit_rooms"/);
    expect(() => parseStyleShares('note=2')).toThrow(/between 0 and 1/);
    expect(() => parseStyleShares('note')).toThrow(/not name=share/);
  });
});

describe('numerals', () => {
  it('writes numbers the way they are read', () => {
    expect([1, 3, 10, 12, 28, 101, 110, 501, 1010, 1203, 1200, 2000].map(positional)).toEqual([
      '一', '三', '十', '十二', '二十八', '一百零一', '一百一十', '五百零一', '一千零一十', '一千二百零三', '一千二百', '二千',
    ]);
    expect(digitByDigit('1203')).toBe('一二零三');
    expect(() => positional(0)).toThrow(RangeError);
  });
});
