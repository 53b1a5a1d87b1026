/**
 * Messy address text: what a department clerk really typed for an address of the registry.
 * The department files written by seeds/departments.ts carry these texts, and labels.csv pairs
 * each with the code it truly denotes, so the standardizer can be measured on realistic input.
 *
 * Every text stays within the parse contract of address/types.ts: the components are the ones
 * a correct parser extracts (province, city, district, subdistrict with 街道/街道办, community
 * with 社区/居委会, road + N号, estate, building N栋/幢/座/号楼/(village) N号, N单元, floor
 * N层/N楼/NF/第N层, room 1203/1203房/室/号), written with the noise a person adds: levels left
 * out, other markers, Chinese or full-width numerals, old division names, aliases, separators,
 * traditional characters and the odd typo. Numbers inside names (福华三路, 莲花一村, 香蜜湖1号)
 * are never rewritten as numerals; only the building, unit, floor and room numbers are.
 *
 * Pure and deterministic: the text follows from the Rng handed in and the target alone.
 */
import * as OpenCC from 'opencc-js';
import { COMMUNITIES, type AddressRow } from './generate.ts';
import type { Rng } from './prng.ts';

/**
 * How a text differs from the official full name. A text carries every variant that applies,
 * listed in this order; a text with none of them is the official full name, labelled `official`.
 */
export const MESSY_VARIANTS = [
  'official',
  'no_province_city',
  'no_subdistrict',
  'no_community',
  'no_road',
  'estate_only',
  'road_door_only',
  'old_subdistrict_name',
  'old_community_name',
  'building_alias',
  'building_marker',
  'room_marker',
  'explicit_floor',
  'chinese_numerals',
  'fullwidth_digits',
  'separators',
  'typo',
  'traditional',
  'unlinkable',
  'other_district',
  'road_only',
  'unknown',
  'empty',
] as const;
export type MessyVariant = (typeof MESSY_VARIANTS)[number];

/**
 * The share of each variant among all texts, as `messyAddress` draws them (measured over the
 * demo-size department files; variants combine, so shares do not add up to 1). Variants that
 * need something the address may lack (a door number, a room, an alias, a subdistrict whose
 * name ends in 街道) are drawn only where it exists, which is why their overall share sits below
 * the probability they are drawn with.
 *
 * | variant              | share | what the text looks like                                                     |
 * | -------------------- | ----- | ---------------------------------------------------------------------------- |
 * | official             | 30%   | the registry's full_name, untouched                                          |
 * | no_province_city     | 27%   | 广东省深圳市 left out (a fifth of them keep 深圳市)                          |
 * | no_subdistrict       | 21%   | 福田街道 left out                                                            |
 * | no_community         | 15%   | 水围社区 left out                                                            |
 * | no_road              | 9%    | road and door number left out                                                |
 * | estate_only          | 7.3%  | nothing but estate, building, unit, floor, room: 水围村28栋1203房            |
 * | road_door_only       | 4.8%  | nothing but road, door, unit, floor, room: 福民路133号1203房                 |
 * | old_subdistrict_name | 7.8%  | 福田街道办 / 福田街道办事处                                                  |
 * | old_community_name   | 8.8%  | 水围社区居委会 / 水围社区工作站                                              |
 * | building_alias       | 3.3%  | the row's alias for place and building: 水围28栋, 平安大厦                   |
 * | building_marker      | 11%   | 28幢, 28号楼, 水围村28号 (villages), A栋 (letters)                           |
 * | room_marker          | 17%   | 1203室, 1203号, bare 1203 (the registry writes 1203房)                       |
 * | explicit_floor       | 4%    | the floor written before the room: 12楼1203, 12层, 12F, 第12层               |
 * | chinese_numerals     | 6.6%  | 二十八栋, 三单元, 十二楼, 一二零三房 (or 一千二百零三房)                     |
 * | fullwidth_digits     | 5.6%  | every digit full width: ２８栋１２０３房                                     |
 * | separators           | 11%   | a few spaces or commas between components: 福田区 福田街道，水围社区         |
 * | typo                 | 2.5%  | one character of the road or place name swapped for a similar one or dropped |
 * | traditional          | 3.2%  | the whole text in traditional characters (OpenCC cn→hk)                      |
 * | unlinkable           | 1%    | no Futian address at all; its true code is ''                                |
 * | other_district       | 0.45% | unlinkable: another district, 罗湖区东门街道湖贝路28号…                      |
 * | road_only            | 0.2%  | unlinkable: a bare road name, 深南大道                                       |
 * | unknown              | 0.2%  | unlinkable: 不详, 无, 暂无, 地址不详                                         |
 * | empty                | 0.14% | unlinkable: the empty string (no label row)                                  |
 */
export const MESSY_SHARES: Readonly<Record<MessyVariant, number>> = {
  official: 0.3,
  no_province_city: 0.27,
  no_subdistrict: 0.21,
  no_community: 0.15,
  no_road: 0.09,
  estate_only: 0.073,
  road_door_only: 0.048,
  old_subdistrict_name: 0.078,
  old_community_name: 0.088,
  building_alias: 0.033,
  building_marker: 0.113,
  room_marker: 0.173,
  explicit_floor: 0.04,
  chinese_numerals: 0.066,
  fullwidth_digits: 0.056,
  separators: 0.108,
  typo: 0.025,
  traditional: 0.032,
  unlinkable: 0.01,
  other_district: 0.0045,
  road_only: 0.002,
  unknown: 0.002,
  empty: 0.0014,
};

/**
 * How clerks write beyond the variants above (issue 10): each messy text (neither official nor
 * unlinkable) is written in at most one of these styles, and its label carries the style's name
 * after its variants. A style is drawn only where the address allows it (a unit for
 * `unit_room`, a room 1501 on floor 15 for `floor_room`, a door number for
 * `estate_before_road`, a lettered building for `lettered`, a sub-area or lane building for
 * `sub_area`, a unit whose room number recurs in another unit for `unit_omitted`).
 *
 * | style               | what the text looks like                                              | true code                 |
 * | ------------------- | --------------------------------------------------------------------- | ------------------------- |
 * | unit_room           | 32栋2-1901, 32栋2 1901 (unit 2, room 1901)                            | the room                  |
 * | floor_room          | 15楼01, 15F01, 十五楼01 (room 1501)                                   | the room                  |
 * | estate_before_road  | 梅林一村梅林路48号32栋1203房                                          | the room                  |
 * | prefix_twice        | 深圳市福田区深圳市福田区…, 中国广东省…, 深圳经济特区福田区…           | the room                  |
 * | note                | …1203房（近地铁站）, …1203房，放门口, …(东门)                         | the room                  |
 * | phone               | …1203房 13912345678, 手机：139…, …，电话0755-83456789                 | the room                  |
 * | lettered            | 南园新村A1203, 南园新村A-1203 (building A, no marker)                 | the room (1)              |
 * | sub_area            | 滨江新村东区二栋, 东区2号楼; 福田村五坊四十二号, 5坊42号              | the room or building      |
 * | unit_omitted        | 32栋1901 where rooms 1901 exist in units 1 and 2                      | the building              |
 * | wrong_community     | another community of the same subdistrict written                     | the room (where it lies)  |
 *
 * (1) the building when it also has a room numbered with its letter (B201 beside room 201 of
 * building B): the text reads both ways.
 */
export const CLERK_STYLES = [
  'unit_room',
  'floor_room',
  'estate_before_road',
  'prefix_twice',
  'note',
  'phone',
  'lettered',
  'sub_area',
  'unit_omitted',
  'wrong_community',
] as const;
export type ClerkStyle = (typeof CLERK_STYLES)[number];

/**
 * The default chance that a messy text is written in each style where the address allows it
 * (at most one style per text; the draws are made in this order from what is left, so the
 * shares hold whatever the others are). About a third of messy texts carry a style.
 */
export const DEFAULT_STYLE_SHARES: Readonly<Record<ClerkStyle, number>> = {
  unit_room: 0.08,
  floor_room: 0.06,
  estate_before_road: 0.04,
  prefix_twice: 0.04,
  note: 0.05,
  phone: 0.04,
  lettered: 0.15,
  sub_area: 0.15,
  unit_omitted: 0.04,
  wrong_community: 0.02,
};

export type MessyOptions = {
  /** Chance per style (0-1) that a messy text is written in it where the address allows; unnamed styles keep their default. */
  styles?: Partial<Record<ClerkStyle, number>>;
};

/**
 * Reads `unit_room=0.1,note=0` (styles not named keep their default) or `none` (no style) into
 * style shares; throws a RangeError naming the bad part.
 */
export function parseStyleShares(text: string): Record<ClerkStyle, number> {
  const out = { ...DEFAULT_STYLE_SHARES };
  if (text.trim() === 'none') return Object.fromEntries(CLERK_STYLES.map((s) => [s, 0])) as Record<ClerkStyle, number>;
  for (const part of text.split(',').map((x) => x.trim()).filter(Boolean)) {
    const m = /^([a-z_]+)=([0-9.]+)$/.exec(part);
    if (!m) throw new RangeError(`style share "${part}" is not name=share (e.g. unit_room=0.1)`);
    if (!(CLERK_STYLES as readonly string[]).includes(m[1])) throw new RangeError(`unknown style "${m[1]}"; styles are ${CLERK_STYLES.join(', ')}`);
    const share = Number(m[2]);
    if (!(share >= 0 && share <= 1)) throw new RangeError(`share of ${m[1]} must be between 0 and 1, got ${m[2]}`);
    out[m[1] as ClerkStyle] = share;
  }
  return out;
}

/** The styles the target's address allows (CLERK_STYLES order). */
export function clerkStylesFor(t: MessyTarget): ClerkStyle[] {
  const b = t.building;
  const room = t.room ?? null;
  const out: ClerkStyle[] = [];
  if (room?.room_no && room.unit && /^\d+$/.test(room.unit) && b.building_no) out.push('unit_room');
  if (room?.room_no && room.floor !== null && room.floor >= 1 && new RegExp(`^${room.floor}\\d{2}$`).test(room.room_no)) out.push('floor_room');
  if (b.road && b.door_number) out.push('estate_before_road');
  out.push('prefix_twice', 'note', 'phone');
  if (room?.room_no && /^\d+$/.test(room.room_no) && /^[A-Z]$/.test(b.building_no ?? '')) out.push('lettered');
  if (/^(?:[东西南北]区\d+|\d+坊\d+)$/.test(b.building_no ?? '')) out.push('sub_area');
  if (room?.room_no && room.unit && t.roomNoInOtherUnits) out.push('unit_omitted');
  if (COMMUNITIES.some((c) => c.parentCode === t.building.code.slice(0, 9) && c.name !== t.community.name)) out.push('wrong_community');
  return out;
}

/** What a text stands for: a building, or a room of it, with the divisions it lies in. */
export type MessyTarget = {
  /** The BUILDING row of the registry. */
  building: AddressRow;
  /** A ROOM row of that building, when the record points at a room. */
  room?: AddressRow | null;
  /** The subdistrict (福田街道). */
  subdistrict: { name: string };
  /** The community (水围社区) and its name in the official list (水围社区居委会). */
  community: { name: string; officialName: string };
  /** Whether the room's number exists in another unit of its building too (unit_omitted then denotes the building only). */
  roomNoInOtherUnits?: boolean;
  /** Whether the building also has a room numbered its letter and the room's number (B201 beside 201 in building B): `lettered` then denotes the building only. */
  letteredRoomExists?: boolean;
  /**
   * Estate, alias and road names of the registry's other places (seeds/departments.ts: those of
   * the target's community and of the communities written before it). A typo must not write one
   * of them: 滨河雅苑 losing 雅 is 滨河苑, another real estate, and the text then truly names it.
   */
  otherPlaceNames?: ReadonlySet<string>;
};

export type MessyAddress = {
  /** The text as the department typed it. */
  text: string;
  /** How it differs from the official full name (MESSY_VARIANTS order, then the clerk's style if any); ['official'] when it does not. */
  variants: (MessyVariant | ClerkStyle)[];
  /** The code the text truly denotes: the room's or the building's, '' for unlinkable texts. */
  trueCode: string;
};

/** Draw probabilities. Texts that are neither official nor unlinkable are "messy". */
const P = {
  unlinkable: 0.01,
  official: 0.3,
  // the rest conditional on a messy text (and on the variant being possible)
  estateOnly: 0.1,
  roadDoorOnly: 0.08,
  noProvinceCity: 0.45,
  noSubdistrict: 0.35,
  noCommunity: 0.25,
  noRoad: 0.15,
  oldSubdistrict: 0.2,
  oldCommunity: 0.2,
  alias: 0.25,
  buildingMarker: 0.2,
  roomMarker: 0.3,
  explicitFloor: 0.07,
  chineseNumerals: 0.1,
  fullwidth: 0.08,
  separators: 0.15,
  // about 2.5% of all texts
  typo: 0.035,
  traditional: 0.045,
} as const;

const PROVINCE = '广东省';
const CITY = '深圳市';
const DISTRICT = '福田区';

/**
 * A messy text for the target, as one department record would hold it. Draws from `rng` only,
 * so the same Rng state and target always give the same text. About 1% of texts denote no Futian
 * address (another district, a bare road, 不详, empty); their trueCode is ''.
 */
export function messyAddress(rng: Rng, target: MessyTarget, options: MessyOptions = {}): MessyAddress {
  const code = target.room?.code ?? target.building.code;
  if (rng.chance(P.unlinkable)) return unlinkable(rng, target);
  if (rng.chance(P.official)) return { text: (target.room ?? target.building).full_name, variants: ['official'], trueCode: code };
  const shares = options.styles ? { ...DEFAULT_STYLE_SHARES, ...options.styles } : DEFAULT_STYLE_SHARES;
  // one draw against the applicable styles' cumulative shares: each style keeps its share
  // whichever others apply (the shares add up to at most 1)
  let style: ClerkStyle | null = null;
  const u = rng.real(0, 1);
  let cumulative = 0;
  for (const s of clerkStylesFor(target)) {
    cumulative += shares[s];
    if (u < cumulative) {
      style = s;
      break;
    }
  }
  // without its unit the room number fits several rooms: the text denotes the building
  // B201 for room 201 of building B, where a room B201 exists too, denotes the building only
  const trueCode = style === 'unit_omitted' || (style === 'lettered' && target.letteredRoomExists) ? target.building.code : code;
  // A messy text differs somehow; the rare draw that changed nothing is drawn again.
  for (;;) {
    const { text, variants } = messyText(rng, target, style);
    if (variants.size || style) return { text, variants: [...MESSY_VARIANTS.filter((v) => variants.has(v)), ...(style ? [style] : [])], trueCode };
  }
}

type SegmentKind = 'province' | 'city' | 'district' | 'subdistrict' | 'community' | 'road' | 'door' | 'estate' | 'building' | 'unit' | 'floor' | 'room';
type Segment = { kind: SegmentKind; text: string };

function messyText(rng: Rng, t: MessyTarget, style: ClerkStyle | null): { text: string; variants: Set<MessyVariant> } {
  const b = t.building;
  const room = t.room ?? null;
  const v = new Set<MessyVariant>();
  const hasDoor = !!b.door_number;
  // styles that need the divisions, the road or the place written
  const levelsOnly = style === 'estate_before_road' || style === 'wrong_community' || style === 'prefix_twice';
  const placeNeeded = levelsOnly || style === 'lettered' || style === 'sub_area';

  // --- which components are written --------------------------------------------------------
  let form: 'levels' | 'estate_only' | 'road_door_only' = 'levels';
  const estateOnly = rng.chance(P.estateOnly);
  const roadDoorOnly = hasDoor && rng.chance(P.roadDoorOnly);
  if (estateOnly && !levelsOnly) form = 'estate_only';
  else if (roadDoorOnly && !placeNeeded) form = 'road_door_only';
  if (form !== 'levels') v.add(form);

  const segments: Segment[] = [];
  if (form === 'levels') {
    if (rng.chance(P.noProvinceCity)) {
      v.add('no_province_city');
      // some keep the city: 深圳市福田区… (always, for a prefix written twice)
      if (rng.chance(0.2) || style === 'prefix_twice') segments.push({ kind: 'city', text: CITY });
    } else {
      segments.push({ kind: 'province', text: PROVINCE }, { kind: 'city', text: CITY });
    }
    segments.push({ kind: 'district', text: DISTRICT });
    if (rng.chance(P.noSubdistrict)) v.add('no_subdistrict');
    else segments.push({ kind: 'subdistrict', text: t.subdistrict.name });
    if (rng.chance(P.noCommunity) && style !== 'wrong_community') v.add('no_community');
    else segments.push({ kind: 'community', text: t.community.name });
  }
  const writeRoad = form === 'road_door_only' || (form === 'levels' && (!rng.chance(P.noRoad) || style === 'estate_before_road'));
  if (form === 'levels' && !writeRoad) v.add('no_road');
  if (writeRoad && b.road) {
    segments.push({ kind: 'road', text: b.road });
    if (hasDoor) segments.push({ kind: 'door', text: `${b.door_number}号` });
  }

  // --- the place and the building ------------------------------------------------------------
  if (form !== 'road_door_only') {
    let place = b.estate ?? b.name;
    const aliases = placeAliases(b);
    if (aliases.length && rng.chance(P.alias)) {
      v.add('building_alias');
      place = rng.pick(aliases);
    }
    segments.push({ kind: 'estate', text: place });
    if (b.building_no && style === 'sub_area') {
      segments.push({ kind: 'building', text: subArea(rng, b.building_no) });
    } else if (b.building_no && style !== 'lettered') {
      const marker = buildingMarker(rng, b);
      if (marker !== defaultMarker(b.building_no)) v.add('building_marker');
      segments.push({ kind: 'building', text: b.building_no + marker });
    }
  }

  // --- unit, floor, room ---------------------------------------------------------------------
  let roomNo: string | null = null;
  let roomMarker = '房';
  let floorForm: string | null = null;
  // the style writes the room its own way: no floor before it, no numerals in words
  const ownRoom = style === 'unit_room' || style === 'floor_room' || style === 'lettered';
  if (room?.room_no) {
    if (room.unit && style !== 'unit_omitted' && style !== 'unit_room') segments.push({ kind: 'unit', text: `${room.unit}单元` });
    if (!ownRoom && room.floor !== null && room.floor >= 1 && rng.chance(P.explicitFloor)) {
      v.add('explicit_floor');
      floorForm = rng.weighted([['{}楼', 40], ['{}层', 30], ['{}F', 15], ['第{}层', 15]]);
      segments.push({ kind: 'floor', text: floorForm.replace('{}', String(room.floor)) });
    }
    roomNo = room.room_no;
    if (rng.chance(P.roomMarker)) {
      v.add('room_marker');
      roomMarker = rng.weighted([['室', 45], ['号', 20], ['', 35]]);
    }
    if (style === 'unit_room') {
      // 2-1901, 2 1901; the marker mostly left off
      roomMarker = rng.chance(0.8) ? '' : roomMarker;
      segments.push({ kind: 'room', text: `${room.unit}${rng.weighted([['-', 80], [' ', 20]])}${roomNo}${roomMarker}` });
    } else if (style === 'floor_room') {
      const floor = String(room.floor);
      const rest = roomNo.slice(floor.length);
      roomMarker = rng.chance(0.7) ? '' : roomMarker;
      const form = rng.weighted([['{}楼', 50], ['{}F', 25], ['{}楼z', 25]]);
      const written = form === '{}楼z' ? `${positional(room.floor!)}楼` : form.replace('{}', floor);
      segments.push({ kind: 'room', text: `${written}${rest}${roomMarker}` });
    } else if (style === 'lettered') {
      // the building letter glued to the room: A1203, A-1203
      segments.push({ kind: 'room', text: `${b.building_no}${rng.chance(0.7) ? '' : '-'}${roomNo}${roomMarker}` });
    } else {
      segments.push({ kind: 'room', text: roomNo + roomMarker });
    }
  }

  // --- rewrites of single components ---------------------------------------------------------
  const seg = (kind: SegmentKind) => segments.find((s) => s.kind === kind);
  const sub = seg('subdistrict');
  if (sub && sub.text.endsWith('街道') && rng.chance(P.oldSubdistrict)) {
    v.add('old_subdistrict_name');
    sub.text += rng.chance(0.7) ? '办' : '办事处';
  }
  const community = seg('community');
  if (community && style === 'wrong_community') {
    community.text = rng.pick(COMMUNITIES.filter((c) => c.parentCode === t.building.code.slice(0, 9) && c.name !== t.community.name)).name;
  } else if (community && rng.chance(P.oldCommunity)) {
    v.add('old_community_name');
    const official = t.community.officialName !== t.community.name ? t.community.officialName : `${t.community.name}居委会`;
    community.text = rng.chance(0.65) ? official : `${t.community.name}工作站`;
  }

  if (rng.chance(P.chineseNumerals)) {
    // each number that can be written in words is, with at least one of them
    const candidates: (() => void)[] = [];
    const building = seg('building');
    if (building && /^\d+$/.test(b.building_no ?? '') && Number(b.building_no) < 10000) {
      candidates.push(() => (building.text = positional(Number(b.building_no)) + building.text.slice(b.building_no!.length)));
    }
    const unit = seg('unit');
    if (unit && /^\d+$/.test(room!.unit!)) candidates.push(() => (unit.text = positional(Number(room!.unit)) + '单元'));
    const floor = seg('floor');
    if (floor && floorForm && !floorForm.endsWith('F')) candidates.push(() => (floor.text = floorForm.replace('{}', positional(room!.floor!))));
    const roomSeg = seg('room');
    if (roomSeg && roomNo && !ownRoom && /^\d+$/.test(roomNo) && Number(roomNo) < 10000) {
      // room numbers are mostly read out digit by digit
      candidates.push(() => (roomSeg.text = (rng.chance(0.75) ? digitByDigit(roomNo) : positional(Number(roomNo))) + roomMarker));
    }
    if (candidates.length) {
      v.add('chinese_numerals');
      const first = rng.int(0, candidates.length - 1);
      candidates.forEach((apply, i) => {
        if (i === first || rng.chance(0.6)) apply();
      });
    }
  }

  if (rng.chance(P.typo) && typo(rng, segments, new Set([b.estate ?? b.name, ...placeAliases(b)]), t.otherPlaceNames)) v.add('typo');

  if (style === 'estate_before_road') {
    // 梅林一村梅林路48号32栋…: the estate moved before its road
    const estate = segments.findIndex((x) => x.kind === 'estate');
    const road = segments.findIndex((x) => x.kind === 'road');
    if (estate > road && road >= 0) segments.splice(road, 0, ...segments.splice(estate, 1));
  }
  if (style === 'prefix_twice') prefixTwice(rng, segments);

  // --- the whole text ------------------------------------------------------------------------
  let text: string;
  if (segments.length > 1 && rng.chance(P.separators)) {
    v.add('separators');
    const gaps = new Set<number>();
    const n = Math.min(segments.length - 1, rng.weighted([[1, 5], [2, 3], [3, 2]]));
    while (gaps.size < n) gaps.add(rng.int(1, segments.length - 1));
    text = segments.map((s, i) => (gaps.has(i) ? rng.weighted(SEPARATORS) : '') + s.text).join('');
  } else {
    text = segments.map((s) => s.text).join('');
  }
  if (style === 'note') text = withNote(rng, text);
  else if (style === 'phone') text = withPhone(rng, text);
  if (/[0-9]/.test(text) && rng.chance(P.fullwidth)) {
    v.add('fullwidth_digits');
    text = text.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  }
  if (rng.chance(P.traditional)) {
    const converted = toTraditional(text);
    if (converted !== text) {
      v.add('traditional');
      text = converted;
    }
  }
  return { text, variants: v };
}

const SEPARATORS = [[' ', 5], ['，', 3], [',', 2], ['、', 1]] as const;

/** 东区2 → 东区二栋 / 东区2号楼 / 东区2栋; 5坊42 → 五坊四十二号 / 5坊42号 / 5坊42栋. */
function subArea(rng: Rng, no: string): string {
  const m = /^(\d+)坊(\d+)$/.exec(no);
  if (m) {
    return rng.weighted([[`${positional(Number(m[1]))}坊${positional(Number(m[2]))}号`, 40], [`${m[1]}坊${m[2]}号`, 30], [`${m[1]}坊${m[2]}栋`, 30]]);
  }
  const z = /^(.区)(\d+)$/.exec(no)!;
  return rng.weighted([[`${z[1]}${positional(Number(z[2]))}栋`, 40], [`${z[1]}${z[2]}号楼`, 30], [`${z[1]}${z[2]}栋`, 30]]);
}

/**
 * The head written twice (深圳市福田区深圳市福田区…, as when a form pre-fills it), the country
 * before it (中国广东省…), or the special zone for the city (深圳经济特区福田区…).
 */
function prefixTwice(rng: Rng, segments: Segment[]): void {
  const head = segments.filter((x) => x.kind === 'province' || x.kind === 'city' || x.kind === 'district');
  const kind = rng.weighted([['twice', 60], ['country', 20], ['zone', 20]]);
  if (kind === 'twice') {
    const copy = rng.chance(0.5) ? head.map((x) => ({ ...x })) : [{ kind: 'city' as const, text: CITY }, { kind: 'district' as const, text: DISTRICT }];
    segments.unshift(...copy);
  } else if (kind === 'country') {
    if (head[0]?.kind !== 'province') segments.unshift({ kind: 'province', text: PROVINCE });
    segments[0].text = `中国${segments[0].text}`;
  } else {
    segments.find((x) => x.kind === 'city')!.text = rng.chance(0.5) ? '深圳经济特区' : '深圳特区';
  }
}

const NOTES = ['近地铁站', '放门口', '东门', '西门', '旁边小卖部', '对面', '门卫处', '放快递柜', '后门', '楼下', '近公交站', '附近'] as const;

/** A trailing note, in brackets or after a comma: （近地铁站）, (放门口), ，东门. */
function withNote(rng: Rng, text: string): string {
  const note = rng.pick(NOTES);
  return text + rng.weighted([[`（${note}）`, 35], [`(${note})`, 25], [`，${note}`, 25], [`,${note}`, 10], [` ${note}`, 5]]);
}

/** A phone number after the address (or before it): 13912345678, 手机：139…, 电话0755-83456789. */
function withPhone(rng: Rng, text: string): string {
  const mobile = `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;
  const phone = rng.weighted([
    [mobile, 40],
    [`手机：${mobile}`, 20],
    [`${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`, 10],
    [`电话 0755-${rng.int(2000_0000, 8999_9999)}`, 15],
    [`联系电话：${mobile}`, 15],
  ]);
  if (rng.chance(0.15)) return `${phone} ${text}`;
  return text + rng.weighted([[' ', 50], ['，', 30], ['', 20]]) + phone;
}

/** Place aliases of a building: 水围 from the alias 水围28栋, or the whole alias of a single building (平安大厦). */
function placeAliases(b: AddressRow): string[] {
  if (!b.building_no) return b.aliases;
  const name = b.name;
  return b.aliases.filter((a) => a.endsWith(name) && a.length > name.length).map((a) => a.slice(0, -name.length));
}

/** The registry's marker: 座 after letters (A座), 栋 otherwise. */
function defaultMarker(buildingNo: string): string {
  return /^[A-Z]+$/.test(buildingNo) ? '座' : '栋';
}

function buildingMarker(rng: Rng, b: AddressRow): string {
  const no = b.building_no!;
  const usual = defaultMarker(no);
  if (!rng.chance(P.buildingMarker)) return usual;
  if (usual === '座') return '栋';
  // villagers number houses like doors: 水围村28号, 7坊16号
  if (b.building_type === 'URBAN_VILLAGE') return rng.weighted([['号', 50], ['幢', 25], ['号楼', 25]]);
  return rng.weighted([['幢', 50], ['号楼', 50]]);
}

const DIGITS = '零一二三四五六七八九';

/** 1203 → 一二零三: how room numbers are read out. */
export function digitByDigit(digits: string): string {
  return digits.replace(/[0-9]/g, (d) => DIGITS[Number(d)]);
}

/** 28 → 二十八, 1203 → 一千二百零三, 110 → 一百一十 (1 to 9999). */
export function positional(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 9999) throw new RangeError(`positional numerals cover 1-9999, got ${n}`);
  const places = ['', '十', '百', '千'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const place = digits.length - 1 - i;
    if (d === 0) {
      zero = true;
      return;
    }
    if (zero && out) out += '零';
    zero = false;
    // 十二, not 一十二, when the tens lead
    out += (d === 1 && place === 1 && out === '' ? '' : DIGITS[d]) + places[place];
  });
  return out;
}

/**
 * Characters people swap for one another when typing place names: same or close sound (围→维,
 * 福→富) or similar look (田→由, 嘴→咀). Only characters that occur in Futian road and place
 * names matter.
 */
const CONFUSABLE: Readonly<Record<string, string>> = {
  围: '维伟', 福: '富付', 田: '甜由', 民: '明名', 华: '化花', 岗: '港刚', 厦: '夏下', 莲: '连联', 花: '华', 园: '圆元',
  新: '心欣', 村: '存', 岭: '领', 梅: '海枚', 沙: '砂莎', 嘴: '咀', 洲: '州', 湖: '胡', 荔: '丽', 景: '京', 益: '溢',
  皇: '黄凰', 强: '墙', 石: '实', 尾: '伟', 林: '琳淋', 香: '乡', 蜜: '密', 竹: '筑', 彩: '采', 虹: '红', 泰: '太',
  然: '燃', 天: '添', 安: '按', 振: '震', 航: '杭', 滨: '宾槟', 河: '和', 江: '将', 锦: '金', 龙: '隆', 赤: '尺',
  红: '宏洪', 卦: '挂', 鹏: '朋', 盛: '胜', 圩: '于', 镇: '真', 渔: '鱼', 农: '浓', 金: '今', 侨: '桥', 东: '冬',
  中: '钟', 嘉: '佳', 丽: '俪', 庭: '廷', 苑: '院', 雅: '亚', 峰: '锋', 广: '厂', 场: '厂', 城: '诚', 科: '料',
  技: '枝', 业: '叶', 际: '标', 贸: '茂', 茂: '贸', 富: '福', 荣: '容', 兴: '星', 商: '常', 海: '每', 深: '琛',
  上: '尚', 下: '夏', 口: '扣', 岸: '按', 保: '宝', 布: '步', 吉: '古', 南: '男', 光: '广', 佳: '家',
};

/**
 * Swaps or drops one character of the road or place name; false when neither can take one. The
 * result must not be a real name of the place (水围村 losing 村 is its alias 水围, no typo).
 */
function typo(rng: Rng, segments: Segment[], realNames: ReadonlySet<string>, otherNames?: ReadonlySet<string>): boolean {
  const spots: { seg: Segment; index: number }[] = [];
  for (const seg of segments) {
    let end: number;
    if (seg.kind === 'road') end = seg.text.length - (/(大道)$/.test(seg.text) ? 2 : 1); // keep the road marker
    else if (seg.kind === 'estate') end = seg.text.length;
    else continue;
    for (let i = 0; i < end; i++) {
      // numbers inside names, letters and spaces stay intact
      if (/[\s0-9A-Za-z一二三四五六七八九十零]/.test(seg.text[i])) continue;
      spots.push({ seg, index: i });
    }
  }
  const swaps: { seg: Segment; text: string }[] = [];
  const drops: { seg: Segment; text: string }[] = [];
  for (const { seg, index } of spots) {
    const head = seg.text.slice(0, index);
    const tail = seg.text.slice(index + 1);
    for (const c of CONFUSABLE[seg.text[index]] ?? '') swaps.push({ seg, text: head + c + tail });
    // a dropped character must leave a name behind
    if (seg.text.length >= 3) drops.push({ seg, text: head + tail });
  }
  const fake = (x: { text: string }) => !realNames.has(x.text) && !otherNames?.has(x.text);
  const choices = (swaps.some(fake) && rng.chance(0.75)) || !drops.some(fake) ? swaps.filter(fake) : drops.filter(fake);
  if (!choices.length) return false;
  const { seg, text } = rng.pick(choices);
  seg.text = text;
  return true;
}

let converter: ((text: string) => string) | undefined;

/** The text in traditional characters as written in Hong Kong (OpenCC cn→hk). */
export function toTraditional(text: string): string {
  const convert = (converter ??= OpenCC.Converter({ from: 'cn', to: 'hk' }));
  return convert(text);
}

/** Other districts' addresses a Futian department still receives. */
const ELSEWHERE: readonly { district: string; subdistrict: string; roads: readonly string[]; places: readonly string[] }[] = [
  { district: '罗湖区', subdistrict: '东门街道', roads: ['湖贝路', '东门中路', '解放路'], places: ['湖贝新村', '东门花园', '立新大厦'] },
  { district: '罗湖区', subdistrict: '黄贝街道', roads: ['黄贝路', '新秀路', '沿河北路'], places: ['新秀村', '黄贝岭村', '碧波花园'] },
  { district: '南山区', subdistrict: '粤海街道', roads: ['科技南十二路', '高新南一道', '海德三道'], places: ['海月花园', '科技园大厦', '后海村'] },
  { district: '南山区', subdistrict: '蛇口街道', roads: ['工业八路', '太子路', '望海路'], places: ['四海花园', '蛇口新村', '碧涛苑'] },
  { district: '宝安区', subdistrict: '新安街道', roads: ['建安一路', '新安六路', '宝城路'], places: ['上川村', '海城花园', '新安大厦'] },
  { district: '龙岗区', subdistrict: '布吉街道', roads: ['布吉路', '吉华路', '龙岗大道'], places: ['布吉村', '德兴花园', '水径村'] },
  { district: '龙华区', subdistrict: '民治街道', roads: ['民治大道', '人民路', '民康路'], places: ['白石龙村', '民治花园', '上塘村'] },
];

function unlinkable(rng: Rng, t: MessyTarget): MessyAddress {
  const kind = rng.weighted<MessyVariant>([['other_district', 45], ['road_only', 20], ['unknown', 20], ['empty', 15]]);
  let text: string;
  switch (kind) {
    case 'other_district': {
      const e = rng.pick(ELSEWHERE);
      const head = rng.chance(0.5) ? PROVINCE + CITY : rng.chance(0.5) ? CITY : '';
      const road = rng.pick(e.roads);
      const door = rng.chance(0.7) ? `${rng.int(1, 300)}号` : '';
      const building = rng.chance(0.6) ? `${rng.pick(e.places)}${rng.int(1, 40)}栋` : '';
      const room = building && rng.chance(0.6) ? `${rng.int(1, 12)}${String(rng.int(1, 6)).padStart(2, '0')}房` : '';
      text = `${head}${e.district}${rng.chance(0.7) ? e.subdistrict : ''}${road}${door}${building}${room}`;
      break;
    }
    case 'road_only':
      // only the road survives: it crosses several communities, often several districts
      text = t.building.road ?? '深南大道';
      break;
    case 'unknown':
      text = rng.pick(['不详', '不详', '无', '暂无', '地址不详']);
      break;
    default:
      text = '';
  }
  return { text, variants: ['unlinkable', kind], trueCode: '' };
}
