import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { DIVISIONS, generate, type AddressRow } from './generate.ts';
import { digitByDigit, messyAddress, MESSY_SHARES, MESSY_VARIANTS, positional, toTraditional, type MessyAddress, type MessyTarget, type MessyVariant } from './messy.ts';
import { Rng } from './prng.ts';
import { SHOWCASE } from './showcase.ts';

const divisions = new Map(DIVISIONS.map((d) => [d.code, d]));

/** Every building and room of the demo registry, and each record's address code (record-weighted sample). */
function demoSample() {
  const registry = new Map<string, AddressRow>();
  const cells: { key: string; code: string }[] = [];
  for (const batch of generate({ size: 'demo' })) {
    const r = batch.rows;
    for (const a of r['buildings.address']) if (a.level === 'BUILDING' || a.level === 'ROOM') registry.set(a.code, a);
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
  return { registry, cells };
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
  };
}

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
      if (messy.variants.includes('unlinkable')) continue;
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

  it('labels each text with what it does', () => {
    const problems: string[] = [];
    const check = (ok: boolean, what: string, m: MessyAddress) => {
      if (!ok) problems.push(`${what}: ${m.text} [${m.variants.join('|')}]`);
    };
    for (const { code, messy: m } of sample) {
      const t = target(code);
      const v = new Set(m.variants);
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
    for (const { messy } of sample) for (const v of messy.variants) counts.set(v, (counts.get(v) ?? 0) + 1);
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

describe('numerals', () => {
  it('writes numbers the way they are read', () => {
    expect([1, 3, 10, 12, 28, 101, 110, 501, 1010, 1203, 1200, 2000].map(positional)).toEqual([
      '一', '三', '十', '十二', '二十八', '一百零一', '一百一十', '五百零一', '一千零一十', '一千二百零三', '一千二百', '二千',
    ]);
    expect(digitByDigit('1203')).toBe('一二零三');
    expect(() => positional(0)).toThrow(RangeError);
  });
});
