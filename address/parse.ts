/**
 * The address parser: free Chinese address text → components (the contract in address/types.ts).
 *
 * 1. Normalize: NFKC (full width → half width), traditional → simplified characters, spaces and
 *    punctuation dropped, Latin letters upper case, Chinese numerals that are numbers of the
 *    address rewritten as digits (二十八栋 → 28栋, but 福华三路 stays).
 * 2. Divisions and road, left to right in address order (province, city, district, subdistrict,
 *    community, road + door number): at each position the longest name that fits a later level
 *    wins. Division names come from the official list (address/divisions.ts); roads are names
 *    ending in 大道 路 街 巷 道. Names of the registry (the gazetteer), when given, compete too.
 * 3. The place and its numbers: the rest is an estate followed by building, unit, floor and room.
 *    The estate ends where that tail can be read to the end, so names holding numbers survive
 *    (香蜜湖1号3栋); a known estate name that leaves a readable tail wins over the guess.
 * 4. Whatever could not be placed goes to `unparsed`; nothing is dropped silently and nothing is
 *    guessed (a level not written stays absent).
 *
 * Regular expressions and the character tables are built once; a parse allocates little more
 * than its result, so one core parses well over 100,000 addresses a second.
 */
import * as OpenCC from 'opencc-js';
import { divisionNameForms, FUTIAN_DIVISIONS, SHENZHEN_DISTRICTS } from './divisions.ts';
import { CHINESE_NUMERAL_CHARS, convertAddressNumerals } from './numerals.ts';
import { COMPONENT_NAMES, type AddressComponents, type ParsedAddress } from './types.ts';

export type ParserOptions = {
  /** Estate names and place aliases of the registry: they segment names a rule cannot (香蜜湖1号, 城市3米6). */
  knownEstates?: Iterable<string>;
  /** Road names of the registry. */
  knownRoads?: Iterable<string>;
};

export type AddressParser = (text: string) => ParsedAddress;

// ---------------------------------------------------------------------------------------------
// Normalization

/** 1 for each UTF-16 code unit the traditional → simplified converter may change. */
let traditionalUnits: Uint8Array | null = null;
let toSimplified: ((text: string) => string) | null = null;

/**
 * Converting every text through OpenCC costs more than the rest of a parse, and almost every
 * address is already simplified; so the characters OpenCC changes are found once (by converting
 * the CJK blocks) and only texts holding one of them are converted, as a whole, phrases and all.
 */
function simplifiedCharacters(text: string): string {
  if (!traditionalUnits) {
    const convert = OpenCC.Converter({ from: 'hk', to: 'cn' });
    const units = new Uint8Array(0x10000);
    const chars: string[] = [];
    for (let cp = 0x3400; cp <= 0x9fff; cp++) chars.push(String.fromCharCode(cp));
    for (let cp = 0xf900; cp <= 0xfaff; cp++) chars.push(String.fromCharCode(cp));
    const converted = convert(chars.join('\n')).split('\n');
    chars.forEach((ch, i) => {
      if (converted[i] !== ch) units[ch.charCodeAt(0)] = 1;
    });
    // characters beyond the BMP (rare CJK extensions): let OpenCC decide
    units.fill(1, 0xd800, 0xdc00);
    traditionalUnits = units;
    toSimplified = convert;
  }
  for (let i = 0; i < text.length; i++) {
    if (traditionalUnits[text.charCodeAt(i)] === 1) return toSimplified!(text);
  }
  return text;
}

const NOT_KEPT = /[^\p{L}\p{N}]+/gu;
const ANY_NOT_KEPT = /[^\p{L}\p{N}]/u;
const HASH_AFTER_NUMBER = /(?<=[0-9A-Za-z])#/g;
const LOWER_LATIN = /[a-z]/;

/** Internal boundary kept where a separator stood between two digits, so 28 1203 stays two numbers. */
const BOUNDARY = '|';

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Whether a number (digits or a Chinese numeral) starts at `i`. */
function startsNumber(s: string, i: number): boolean {
  return i < s.length && (isDigitCode(s.charCodeAt(i)) || CHINESE_NUMERAL_CHARS.includes(s[i]));
}

/** Text NFKC leaves as it is and that holds nothing to drop: common CJK ideographs, ASCII letters and digits. */
const PLAIN = /^[\u4e00-\u9fff0-9A-Za-z]*$/;

/** NFKC, simplified, letters and digits only (a boundary between separated digits), upper case. */
function clean(text: string): string {
  if (PLAIN.test(text)) {
    const s = simplifiedCharacters(text);
    return LOWER_LATIN.test(s) ? s.toUpperCase() : s;
  }
  let s = text.normalize('NFKC');
  s = simplifiedCharacters(s);
  // 3#楼 is how people type 3号楼
  if (s.includes('#')) s = s.replace(HASH_AFTER_NUMBER, '号');
  if (ANY_NOT_KEPT.test(s)) {
    // 1203，二楼: the numeral after the comma must not be read as more digits of 1203
    s = s.replace(NOT_KEPT, (gap: string, offset: number, whole: string) =>
      offset > 0 && isDigitCode(whole.charCodeAt(offset - 1)) && startsNumber(whole, offset + gap.length) ? BOUNDARY : '',
    );
  }
  if (LOWER_LATIN.test(s)) s = s.toUpperCase();
  return s;
}

function withoutBoundaries(s: string): string {
  return s.includes(BOUNDARY) ? s.replaceAll(BOUNDARY, '') : s;
}

/**
 * Address text cleaned for comparison: NFKC (full width to half width), simplified characters,
 * spaces and punctuation removed, Latin letters in upper case. Numerals are left as written.
 */
export function normalizeText(text: string): string {
  return withoutBoundaries(clean(text));
}

/** The cleaned text the parser reads: normalizeText plus address numbers in Arabic digits (boundaries kept). */
function prepare(text: string): string {
  const s = clean(text);
  // 123-5四楼: digits and a numeral written against them are two numbers (5 and 四楼), not 54楼
  return convertAddressNumerals(DIGIT_THEN_NUMERAL.test(s) ? s.replace(DIGIT_THEN_NUMERAL_ALL, BOUNDARY) : s);
}
const DIGIT_THEN_NUMERAL = /[0-9][零〇一二两三四五六七八九十百千]/;
const DIGIT_THEN_NUMERAL_ALL = /(?<=[0-9])(?=[零〇一二两三四五六七八九十百千])/g;

// ---------------------------------------------------------------------------------------------
// Notes and contact details

/**
 * Phone numbers, with the label written before them: mobiles (13912345678, 139 1234 5678),
 * landlines with an area code (0755-83456789), and any 7 to 12 digits after a label (电话83456789).
 * Never inside a longer run of digits, so no room or door number is taken.
 */
const PHONE = new RegExp(
  '(?:(?:联系)?(?:手机号码|手机号|手机|电话号码|电话|座机|联系方式|TEL|Tel|tel|PHONE|Phone|phone)[:：\\s]*)' +
    '(?<![0-9])(?:1[3-9][0-9](?:[ -]?[0-9]{4}){2}|0[0-9]{2,3}[ -]?[0-9]{7,8}|[0-9]{7,12})(?![0-9])' +
    '|(?<![0-9])(?:1[3-9][0-9](?:[ -]?[0-9]{4}){2}|0[0-9]{2,3}-[0-9]{7,8})(?![0-9])',
  'g',
);

/**
 * Words that make a bracketed or comma-separated piece a note for the courier rather than part of
 * the address: where (近地铁站, 旁边小卖部, 东门), what to do (放门口, 请电联), when (白天).
 */
const NOTE_WORDS = new RegExp(
  '^(?:近|靠近?|临近|挨着|放|送|交给?|寄|请|需|麻烦|电联|联系|备注|注意|夜间|白天|工作日|周末|快递|外卖|代收|转交|[东西南北正侧后大]门)' +
    '|旁边|附近|对面|隔壁|门口|楼下|楼上|前台|保安|小卖部|便利店|左转|右转|直走|进去|出来',
);
/** A note has no number and names no road, division or building. */
const NOT_A_NOTE = /[0-9零〇一二两三四五六七八九十百千路街巷道区村苑园厦栋幢座号楼层室房单元]/;

function isNote(piece: string): boolean {
  return NOTE_WORDS.test(piece) && !NOT_A_NOTE.test(piece.replace(NOTE_EXEMPT, ''));
}
/** Note words that hold a character of NOT_A_NOTE (门口 and 楼下 name no building). */
const NOTE_EXEMPT = /楼下|楼上|左转|右转|路口|大门|门口/g;

const BRACKETED = /[(\[【〔［]([^()\[\]【】〔〕［］]*)[)\]】〕］]/g;
const SEPARATED = /[,;、，；]/;
/** 1 for brackets and separators a note stands behind (before NFKC), 2 for digits (ASCII, full width). */
const NOTE_CHARS = new Uint8Array(0x10000);
for (const c of '([【〔［（,;、，；') NOTE_CHARS[c.charCodeAt(0)] = 1;
for (let c = 48; c <= 57; c++) NOTE_CHARS[c] = 2;
for (let c = 0xff10; c <= 0xff19; c++) NOTE_CHARS[c] = 2;
/** Spaces and dashes a phone number may hold. */
for (const c of ' -\u3000－') NOTE_CHARS[c.charCodeAt(0)] = 3;

/**
 * Whether a text may hold a note or a phone number (before NFKC): a bracket, a separator, or
 * seven digits in a row (spaces and dashes between them allowed). A loop, not a regular
 * expression: it runs on every address.
 */
function mayHoldNotes(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const kind = NOTE_CHARS[text.charCodeAt(i)];
    if (kind === 1) return true;
    if (kind === 2) {
      if (++run >= 7) return true;
    } else if (kind === 0) run = 0;
  }
  return false;
}

/**
 * Takes the notes (in brackets or after a comma) and the phone numbers out of the text, before it
 * is read: they are no part of the address, but they are returned (in `unparsed`), never dropped.
 */
function takeNotes(text: string, notes: string[]): string {
  if (!mayHoldNotes(text)) return text;
  let t = text.normalize('NFKC');
  t = t.replace(PHONE, (phone: string) => {
    notes.push(phone);
    return ' ';
  });
  t = t.replace(BRACKETED, (whole: string, inner: string) => {
    if (!isNote(inner.trim())) return ` ${inner} `;
    notes.push(inner);
    return ' ';
  });
  if (SEPARATED.test(t)) {
    const pieces = t.split(/([,;、，；])/);
    let kept = pieces[0];
    for (let i = 2; i < pieces.length; i += 2) {
      const piece = pieces[i].trim();
      if (piece && isNote(piece)) notes.push(piece);
      else kept += pieces[i - 1] + pieces[i];
    }
    t = kept;
  }
  return t;
}

// ---------------------------------------------------------------------------------------------
// Name dictionaries

type Entry<T> = { key: string; value: T };

/**
 * Names looked up by where they start in a text: entries are grouped by their first two
 * characters (an array slot by the first, a small map by the second: no substring is allocated
 * for the probe) and kept longest first. Callers check `text.startsWith(entry.key, pos)`.
 */
class PrefixDict<T> {
  #groups: (Map<number, Entry<T>[]> | undefined)[] = [];
  #sorted = true;

  /** Keeps the first value of a key; keys shorter than two characters are ignored. */
  add(key: string, value: T): void {
    if (key.length < 2) return;
    const first = (this.#groups[key.charCodeAt(0)] ??= new Map<number, Entry<T>[]>());
    const group = first.get(key.charCodeAt(1));
    if (!group) first.set(key.charCodeAt(1), [{ key, value }]);
    else if (!group.some((e) => e.key === key)) {
      group.push({ key, value });
      this.#sorted = false;
    }
  }

  /** Entries whose key may start at `pos` (those sharing its first two characters), longest first. */
  candidates(text: string, pos: number): readonly Entry<T>[] {
    if (pos + 1 >= text.length) return NO_ENTRIES;
    if (!this.#sorted) {
      for (const first of this.#groups) if (first) for (const group of first.values()) group.sort((a, b) => b.key.length - a.key.length);
      this.#sorted = true;
    }
    return this.#groups[text.charCodeAt(pos)]?.get(text.charCodeAt(pos + 1)) ?? NO_ENTRIES;
  }

  /** The longest entry starting at `pos`. */
  longestAt(text: string, pos: number): Entry<T> | undefined {
    for (const e of this.candidates(text, pos)) if (text.startsWith(e.key, pos)) return e;
    return undefined;
  }

  /** Whether some entry starts at `pos`. */
  startsAt(text: string, pos: number): boolean {
    return this.longestAt(text, pos) !== undefined;
  }

  get(key: string): T | undefined {
    if (key.length < 2) return undefined;
    for (const e of this.candidates(key, 0)) if (e.key === key) return e.value;
    return undefined;
  }
}
const NO_ENTRIES: readonly Entry<never>[] = [];

type DivisionComponent = 'province' | 'city' | 'district' | 'subdistrict' | 'community';

type DivisionName = {
  component: DivisionComponent;
  /** The official name the written form stands for. */
  value: string;
  /** A short form (广东, 深圳, 福田): never looked for past a stray word, where it may begin any name. */
  short?: boolean;
  /**
   * Characters after which the name begins a longer one instead (福田村, 深圳湾, 深圳市民中心):
   * then it counts only when a division, road or known name follows.
   */
  stops?: string;
  /** Short names of other districts count only right after 深圳(市). */
  afterShenzhen?: boolean;
  /** A community name followed by one of these is a place named after it (水围社区党群服务中心). */
  community?: boolean;
};

const PROVINCES = [
  '河北省', '山西省', '辽宁省', '吉林省', '黑龙江省', '江苏省', '浙江省', '安徽省', '福建省', '江西省', '山东省', '河南省',
  '湖北省', '湖南省', '广东省', '海南省', '四川省', '贵州省', '云南省', '陕西省', '甘肃省', '青海省', '台湾省',
  '内蒙古自治区', '广西壮族自治区', '西藏自治区', '宁夏回族自治区', '新疆维吾尔自治区', '香港特别行政区', '澳门特别行政区',
];
const MUNICIPALITIES = ['北京市', '天津市', '上海市', '重庆市'];

/**
 * Characters that, right after a short district name, make it the start of a place or road
 * name instead: 福田村, 福田路, 福田花园, 福田新村, 福田保税区, 福田口岸, 福田小学...
 */
const NAME_CONTINUATION = '村路街道巷区社口站保花新小苑家大雅公华名中商广国金科购市酒工厂幼文派养体医学';

function divisionDictionary(): PrefixDict<DivisionName> {
  const dict = new PrefixDict<DivisionName>();
  for (const p of PROVINCES) dict.add(p, { component: 'province', value: p });
  dict.add('广东', { component: 'province', value: '广东省', short: true });
  for (const m of MUNICIPALITIES) dict.add(m, { component: 'city', value: m });
  // 深圳市民中心 is a place, not the city and 民中心
  dict.add('深圳市', { component: 'city', value: '深圳市', stops: '民' });
  dict.add('深圳', { component: 'city', value: '深圳市', short: true, stops: '湾大北东西站市' });
  // the Shenzhen Special Economic Zone (深圳经济特区, 深圳特区 as people shorten it) written for the city
  dict.add('深圳经济特区', { component: 'city', value: '深圳市' });
  dict.add('深圳特区', { component: 'city', value: '深圳市' });
  for (const [district, oldNames] of Object.entries(SHENZHEN_DISTRICTS)) {
    for (const name of [district, ...oldNames]) dict.add(name, { component: 'district', value: district });
    const short = district.replace(/新?区$/, '');
    dict.add(short, { component: 'district', value: district, short: true, stops: NAME_CONTINUATION, afterShenzhen: district !== '福田区' });
  }
  for (const d of FUTIAN_DIVISIONS) {
    if (d.level === 'DISTRICT') continue;
    const component = d.level === 'SUBDISTRICT' ? 'subdistrict' : 'community';
    for (const form of divisionNameForms(d)) dict.add(form, { component, value: d.name, community: component === 'community' });
  }
  return dict;
}

const DIVISIONS = divisionDictionary();

// ---------------------------------------------------------------------------------------------
// Patterns

/** Order of the components a left-to-right reading may still fill. */
const LEVEL = { province: 0, city: 1, district: 2, subdistrict: 3, community: 4, road: 5, doorNumber: 6, estate: 7 } as const;

/** A Chinese character that can be part of a division's own name (no level or road markers). */
const STEM = '[^\\P{sc=Han}省市区县镇乡路街道巷号栋社]';
const GENERIC_CITY = new RegExp(`(${STEM}{2,4}?)市`, 'yu');
const GENERIC_DISTRICT = new RegExp(`${STEM}{1,4}?(?:新区|区|县)`, 'yu');
const GENERIC_SUBDISTRICT = new RegExp(`(${STEM}{2,4}?)街道(?:办事处|办)?`, 'yu');
const GENERIC_COMMUNITY = new RegExp(`(${STEM}{2,5}?)(?:社区(?:居民委员会|居委会|工作站)?|居委会)`, 'yu');
/** Words after a community name that make it part of a place: 水围社区党群服务中心. */
const COMMUNITY_PLACE = /党群|健康|服务|文体|文化|体育|养老|警务|卫生|医院|公园|图书馆|幼儿园|小学|中学/y;

const DOOR = /(\d+)(?:[|之](\d+))?号(?!楼)/y;

/** Sub-areas written before a building number: 东区2, 7坊16, 东12坊8, 3区5, 宿舍1. */
const SUB_AREA = '(?:[东西南北中]区|[东西南北中]?\\d+坊|[A-Z]区|\\d+区|宿舍)';
const BUILDING = new RegExp(`第?(${SUB_AREA}?(?:\\d+[A-Z]?|[A-Z]{1,2}\\d*))(号楼|栋|幢|座|号)`, 'y');
/** 单 alone is how couriers shorten 单元 (8单8楼). */
const UNIT = /第?(\d+|[A-Z])单(?:元|(?![间号价据]))/y;
const FLOOR = /第?(\d+)(?:层|楼|F)|(?:B|负|地下)(\d+)(?:层|楼)/y;
/** A room may hold a letter inside (5D102) as well as before or after its digits (B101, 1203A); a number before 期 is a phase of the estate (万科国际大厦5期), no room. */
const ROOM = /([A-Z]?\d+(?:[A-Z]\d+)?[A-Z]?)(?!\d|期)(房间|房|室|号)?/y;
/** Unit and room written together after a building: 2-1901 (the dash is a boundary by now). */
const UNIT_ROOM = /(\d{1,2}|[A-Z])\|(\d{3,4})(房间|房|室|号)?(?![\dA-Z])/y;
/** Two digits right after a floor are the room on that floor: 15楼01 is room 1501 (but 5楼12号 may be shop 12). */
const ROOM_ON_FLOOR = /(\d{2})(房间|房|室)?(?![\dA-Z号街排])/y;
/** A building with a letter and a room, with no marker: 76B122 is building 76B, room 122 (but 38F3801 is floor 38). */
const LETTERED_BUILDING_ROOM = /(\d{1,3}[A-EG-Z])(\d{2,4})(房间|房|室)?(?![\dA-Z])/y;
/**
 * Building, unit and room with dashes and no markers, where no building is written yet:
 * 13-11-1413 is building 13, unit 11, room 1413; 98-1034 building 98, room 1034 (the dashes are
 * boundaries by now). Right after a door number, which names the building, a pair is unit and
 * room (福华路209号3-401) as after a building. A pair ending in 号 is read only there (231-232号
 * is a range of shop numbers).
 */
const BUILDING_UNIT_ROOM = /(\d{1,3}[A-Z]?|[A-Z]\d{0,2})\|(\d{1,2}|[A-Z])\|([A-Z]?\d{2,4})(房间|房|室|号)?(?![\dA-Z|层楼])/y;
const BUILDING_ROOM = /(\d{1,3}[A-Z]?|[A-Z]\d{0,2})\|([A-Z]?\d{3,4})(房间|房|室|号)?(?![\dA-Z|])/y;
const UNIT_NUMBER = /^(?:\d{1,2}|[A-Z])$/;
/**
 * A building and a short number with a dash and no markers, where no building is written yet:
 * 13-6单元 and 138-8-8楼 are building and unit; 3-12 alone at the end is building 3 and a number
 * that may be its unit or its room.
 */
const BUILDING_PAIR = /(\d{1,3}[A-Z]?|[A-Z]\d{0,2})\|(\d{1,2})(?:(单元)|\|(?=\d+(?:层|楼))()|(?![\dA-Z|]))/y;
/** A market's aisle or row after the floor: 139街, 24排, 十八街 (numerals before 街 stay words: 福华三街). */
const AISLE = /(?:\d+|[一二三四五六七八九十]+)(?:街|排)(?=\d)/y;
const MARKED_ROOM_OR_FLOOR = /[A-Z]?\d+(?:房间|房|室)|第?\d+(?:层|楼)/y;

function markedRoomOrFloorAt(s: string, i: number): boolean {
  MARKED_ROOM_OR_FLOOR.lastIndex = i;
  return MARKED_ROOM_OR_FLOOR.test(s);
}
const LETTERED_ROOM = /^[A-Z]\d{3,4}$/;
const TAIL_PATTERNS = [BUILDING, UNIT, FLOOR, ROOM] as const;
const TAIL_COMPONENTS = ['building', 'unit', 'floor', 'room'] as const;
type TailComponent = (typeof TAIL_COMPONENTS)[number];

/** An estate guess holding a number with a building, unit, floor or room marker has gone too far. */
const NUMBERED_MARKER = /[\dA-Z](?:栋|幢|座|单元|层|楼|室|房|号楼)/g;

/** Characters a building, unit, floor or room can start with. */
function startsTail(c: string): boolean {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || '东西南北中宿第负地|'.includes(c);
}

/** Last characters of place names, for a lone name with nothing else to vouch for it. */
const PLACE_ENDINGS = '村园苑区厦心场城楼院庭阁居府轩庄寓店馆厂站校学所局期座湾岸口门坊宫堂号里墅邸台港宅舍围岭山湖洲塘坑田街';

/**
 * Kinds of place that are no name on their own: after a division they complete a place named
 * after it (福田保税区 + 小学 is the school 福田保税区小学, not a school in the bonded zone).
 */
const PLACE_KINDS = new Set([
  '小学', '中学', '幼儿园', '派出所', '文体中心', '养老服务中心', '党群服务中心', '健康服务中心', '社区党群服务中心', '社区健康服务中心',
  '工业区', '工业大厦', '科技园', '厂区', '物流园', '花园', '新村', '小区', '家园', '大厦', '雅苑', '公寓', '华庭', '名苑',
  '中心', '商务大厦', '广场', '国际大厦', '金融大厦', '科技大厦', '商业中心', '购物广场', '商场', '市场', '商业街', '酒店',
]);

/** Texts people write when there is no address. */
const NO_ADDRESS = new Set(['不详', '无', '暂无', '地址不详', '未知', '不明', '空', '没有', '无地址', '详见附件', '同上', '附近', '对面', '旁边', '门口', '周边', '一带', '东侧', '西侧', '南侧', '北侧', 'NULL', 'NONE', 'NA']);

const ROAD_SUFFIX = '路街巷道';
/** Streets that are places, not roads: 华强南商业街. */
const PLACE_STREETS = ['商业街', '步行街', '美食街'];
const DOOR_AHEAD = /\d+号(?!楼)/y;
const DIRECTIONS = '东西南北中';
const SUB_AREA_AHEAD = /\d+[坊区]/y;

function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}

function isLatin(c: string | undefined): boolean {
  return c !== undefined && c >= 'A' && c <= 'Z';
}

function isDigitOrLatin(c: string | undefined): boolean {
  return c !== undefined && ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'));
}

/**
 * The end of a road name starting at `pos`, or -1: Chinese characters up to the first 大道 路 街
 * 巷 道 (街道 is a subdistrict), at least two before the suffix (one when a door number follows),
 * not a shopping street (商业街 is a place), then an optional direction
 * (石厦北二街西) when a number or the end follows it. A direction before a sub-area (路东12坊)
 * or a name (福华路南光大厦) is not part of the road.
 */
function genericRoadEnd(s: string, pos: number): number {
  const limit = Math.min(s.length, pos + 12);
  for (let i = pos; i < limit; i++) {
    const code = s.charCodeAt(i);
    if (!isHan(code)) return -1;
    const c = s[i];
    // a division marker ends the name (a road never spans 福田区), though 市花路 starts with one
    if (c === '区' || c === '省' || (c === '市' && i > pos)) return -1;
    if (c === '社' && s[i + 1] === '区') return -1;
    if (c === '街' && s[i + 1] === '道') return -1;
    if (!ROAD_SUFFIX.includes(c) || i === pos) continue;
    let end = i + 1;
    if (i - pos < 2) {
      DOOR_AHEAD.lastIndex = end;
      if (!DOOR_AHEAD.test(s)) continue;
    }
    if (c === '街' && PLACE_STREETS.some((w) => s.startsWith(w, i - 2))) return -1;
    const next = s[end];
    if (next !== undefined && DIRECTIONS.includes(next)) {
      const after = s[end + 1];
      SUB_AREA_AHEAD.lastIndex = end + 1;
      if ((after === undefined || isDigitOrLatin(after)) && !SUB_AREA_AHEAD.test(s)) end++;
    }
    return end;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// The parser

type Slots = { -readonly [K in keyof AddressComponents]: string | undefined };

type Hit = {
  component: DivisionComponent | 'road' | 'estate';
  value: string;
  end: number;
  /** 3 official division names, 2 registry names, 1 patterns. */
  rank: number;
};

type Gazetteer = { estates: PrefixDict<string> | null; roads: PrefixDict<string> | null };

/** One parse: the text being read and what has been found so far. */
class Reading {
  readonly s: string;
  readonly g: Gazetteer;
  readonly slots: Slots = {};
  /** [start, end) spans of `s` nobody could place. */
  readonly junk: number[] = [];
  /** Whether the room was a bare number (no 房/室/号). */
  bareRoom = false;
  /** The last division read, where it was written. */
  lastDivision: { component: DivisionComponent; start: number; end: number } | null = null;

  constructor(s: string, g: Gazetteer) {
    this.s = s;
    this.g = g;
  }

  skip(start: number, end: number): void {
    if (end <= start) return;
    const last = this.junk.length;
    if (last && this.junk[last - 1] === start) this.junk[last - 1] = end;
    else this.junk.push(start, end);
  }
}

/** Whether a division name matched at [pos, end) really is one here. */
function divisionFits(r: Reading, name: DivisionName, end: number): boolean {
  const s = r.s;
  if (name.afterShenzhen && r.slots.city !== '深圳市') return false;
  if (name.community) {
    COMMUNITY_PLACE.lastIndex = end;
    if (COMMUNITY_PLACE.test(s)) return false;
  }
  if (name.stops !== undefined && end < s.length && name.stops.includes(s[end])) {
    // 福田华强北街道 and 福田金田路 still start with the district
    for (const e of DIVISIONS.candidates(s, end)) if (!e.value.short && s.startsWith(e.key, end)) return true;
    if (genericRoadEnd(s, end) > 0 || !!r.g.roads?.startsAt(s, end) || !!r.g.estates?.startsAt(s, end)) return true;
    GENERIC_SUBDISTRICT.lastIndex = end;
    GENERIC_COMMUNITY.lastIndex = end;
    return GENERIC_SUBDISTRICT.test(s) || GENERIC_COMMUNITY.test(s);
  }
  return true;
}

/**
 * Longest wins, ties to the surer kind of name; but an official division name always beats a
 * pattern, which could otherwise run over it (深圳福田深南大道 is no road name).
 */
function better(a: Hit | null, b: Hit): boolean {
  if (!a) return true;
  if (a.rank === 3 && b.rank === 1) return false;
  if (b.rank === 3 && a.rank === 1) return true;
  return b.end > a.end || (b.end === a.end && b.rank > a.rank);
}

/** The longest name at `pos` that fits a level after `level`. */
function bestHit(r: Reading, pos: number, level: number): Hit | null {
  const s = r.s;
  let best: Hit | null = null;
  for (const e of DIVISIONS.candidates(s, pos)) {
    const end = pos + e.key.length;
    if (LEVEL[e.value.component] > level && s.startsWith(e.key, pos) && divisionFits(r, e.value, end)) {
      const hit: Hit = { component: e.value.component, value: e.value.value, end, rank: 3 };
      if (better(best, hit)) best = hit;
    }
  }
  if (level < LEVEL.city) {
    GENERIC_CITY.lastIndex = pos;
    const m = GENERIC_CITY.exec(s);
    if (m) {
      const end = pos + m[0].length;
      GENERIC_DISTRICT.lastIndex = end;
      // 广州市天河区, 广东省东莞市: a city needs company to be told from a name ending in 市 (福田市场),
      // and without a province before it a long stem is more likely a stray word and a city (地址深圳市)
      const company = level === LEVEL.province || (m[1].length <= 3 && GENERIC_DISTRICT.test(s));
      if (company && !m[1].includes('深圳')) {
        const hit: Hit = { component: 'city', value: m[0], end, rank: 1 };
        if (better(best, hit)) best = hit;
      }
    }
  }
  if (level < LEVEL.district && r.slots.city !== undefined && r.slots.city !== '深圳市') {
    GENERIC_DISTRICT.lastIndex = pos;
    const m = GENERIC_DISTRICT.exec(s);
    if (m) {
      const hit: Hit = { component: 'district', value: m[0], end: pos + m[0].length, rank: 1 };
      if (better(best, hit)) best = hit;
    }
  }
  if (level < LEVEL.subdistrict) {
    const at = s.indexOf('街道', pos);
    if (at >= pos + 2 && at <= pos + 4) {
      GENERIC_SUBDISTRICT.lastIndex = pos;
      const m = GENERIC_SUBDISTRICT.exec(s);
      if (m) {
        const hit: Hit = { component: 'subdistrict', value: `${m[1]}街道`, end: pos + m[0].length, rank: 1 };
        if (better(best, hit)) best = hit;
      }
    }
  }
  if (level < LEVEL.community) {
    const at = s.indexOf('社区', pos);
    const at2 = s.indexOf('居委会', pos);
    if ((at >= pos + 2 && at <= pos + 5) || (at2 >= pos + 2 && at2 <= pos + 5)) {
      GENERIC_COMMUNITY.lastIndex = pos;
      const m = GENERIC_COMMUNITY.exec(s);
      if (m) {
        const end = pos + m[0].length;
        COMMUNITY_PLACE.lastIndex = end;
        if (!COMMUNITY_PLACE.test(s)) {
          const hit: Hit = { component: 'community', value: `${m[1]}社区`, end, rank: 1 };
          if (better(best, hit)) best = hit;
        }
      }
    }
  }
  if (level < LEVEL.road) {
    if (r.g.roads) {
      const known = r.g.roads.longestAt(s, pos);
      if (known) {
        const hit: Hit = { component: 'road', value: known.value, end: pos + known.key.length, rank: 2 };
        if (better(best, hit)) best = hit;
      }
    }
    const end = genericRoadEnd(s, pos);
    if (end > 0) {
      const hit: Hit = { component: 'road', value: s.slice(pos, end), end, rank: 1 };
      if (better(best, hit)) best = hit;
    }
  }
  if (r.g.estates) {
    const known = r.g.estates.longestAt(s, pos);
    if (known) {
      const end = pos + known.key.length;
      // a registry name that is both a road and a place: a door number after it makes it the road
      DOOR.lastIndex = end;
      const rank = best?.component === 'road' && best.rank === 2 && DOOR.test(s) ? 1 : 2;
      const hit: Hit = { component: 'estate', value: known.value, end, rank };
      if (better(best, hit)) best = hit;
    }
  }
  return best;
}

/**
 * The first official division name (full form, not 福田 or 深圳 alone) after `from` that fits
 * a later level: what follows a stray word (地址：福田区...).
 */
function nextDivision(r: Reading, from: number, level: number): { pos: number; hit: Hit } | null {
  const s = r.s;
  for (let pos = from; pos + 1 < s.length; pos++) {
    for (const e of DIVISIONS.candidates(s, pos)) {
      if (e.value.short || LEVEL[e.value.component] <= level || !s.startsWith(e.key, pos)) continue;
      const end = pos + e.key.length;
      if (divisionFits(r, e.value, end)) return { pos, hit: { component: e.value.component, value: e.value.value, end, rank: 3 } };
    }
  }
  return null;
}

/** Last characters of an estate's name (小区, 商业街, 酒店 included) that a road name does not hold before its suffix. */
const ESTATE_ENDINGS = '村园苑庭阁府居邸墅寓城厦场心区街店';

type EstateAndRoad = { split: number; end: number; road: string };

function doorAt(s: string, i: number): boolean {
  DOOR_AHEAD.lastIndex = i;
  return DOOR_AHEAD.test(s);
}

/**
 * An estate written before its road (梅林一村梅林路48号, 皇岗花园福强路209号, 水围村东村一巷8号):
 * the road starting after an estate-like ending (or a registry estate), followed by a door
 * number. A registry road wins; else the first whole road name of three or more characters.
 * Digits in the estate only for a registry name or a phase (星河大厦2期). Null when there is none.
 */
function estateThenRoad(r: Reading, pos: number): EstateAndRoad | null {
  const s = r.s;
  // no door number ahead, no split (most addresses: 水围村28栋1203)
  const door = s.lastIndexOf('号');
  if (door < pos + 4) return null;
  const limit = Math.min(door - 3, pos + 20);
  let generic: EstateAndRoad | null = null;
  let knownEnds: number[] | null = null;
  if (r.g.estates) for (const e of r.g.estates.candidates(s, pos)) if (s.startsWith(e.key, pos)) (knownEnds ??= []).push(pos + e.key.length);
  let digits = false;
  for (let k = pos + 2; k <= limit; k++) {
    const c = s[k - 1];
    if (c === BOUNDARY) break;
    if (!isHan(s.charCodeAt(k - 1)) && !isLatin(c)) digits = true;
    const knownEstate = knownEnds !== null && knownEnds.includes(k);
    // digits only in a registry name or a phase (香蜜湖1号, 星河大厦2期): else they are a number of the address
    const ending = digits ? c === '期' : ESTATE_ENDINGS.includes(c) || c === '期';
    if (!ending && !knownEstate) continue;
    const known = r.g.roads?.longestAt(s, k);
    if (known && doorAt(s, k + known.key.length)) return { split: k, end: k + known.key.length, road: known.value };
    if (!generic && (knownEstate || k - pos >= 3)) {
      const e = genericRoadEnd(s, k);
      if (e - k >= 3 && doorAt(s, e)) generic = { split: k, end: e, road: s.slice(k, e) };
    }
  }
  return generic;
}

/** The country written before the province: read, not a component. */
const COUNTRY = /中华人民共和国|中国/y;

/**
 * A division already read, written again at `pos` (深圳市福田区深圳市福田区...: a prefix pasted
 * twice): its end, or -1. Only the same division in a full form counts; a different one is a
 * contradiction the matcher must see.
 */
function repeatedDivision(r: Reading, pos: number, level: number, allowed: (c: DivisionComponent) => boolean, first: DivisionComponent | null): number {
  const s = r.s;
  for (const e of DIVISIONS.candidates(s, pos)) {
    const component = e.value.component;
    const slot = r.slots[component];
    // short forms (龙岗, 福田) begin names too often: 龙岗区...龙岗大道
    if (e.value.short || LEVEL[component] > level || !s.startsWith(e.key, pos)) continue;
    // the second copy may start higher than the first (深圳市福田区广东省深圳市福田区…): a
    // division above the first one written, not read yet, restarts the prefix
    const higher = slot === undefined && first !== null && LEVEL[component] < LEVEL[first];
    if (slot !== e.value.value && !higher) continue;
    if (!higher && !allowed(component)) continue;
    if (!divisionFits(r, e.value, pos + e.key.length)) continue;
    if (higher) r.slots[component] = e.value.value;
    return pos + e.key.length;
  }
  return -1;
}

/** Reads divisions, road and door number from the start; returns where the place begins. */
function readDivisionsAndRoad(r: Reading): number {
  const s = r.s;
  let pos = 0;
  let level = -1;
  COUNTRY.lastIndex = 0;
  // 中国广东省...; but 中国银行大厦 is a place
  if (COUNTRY.test(s) && DIVISIONS.startsAt(s, COUNTRY.lastIndex)) pos = COUNTRY.lastIndex;
  // a pasted prefix starts again from the first division written, or repeats the last one
  // (福田区福田区); 福田保税区虚拟社区福田保税区物流园 names a place after its subdistrict instead
  let first: DivisionComponent | null = null;
  let repeating = false;
  const allowed = (c: DivisionComponent) => repeating || c === first || c === r.lastDivision?.component;
  while (pos < s.length) {
    let hit = bestHit(r, pos, level);
    if (level >= 0 && (!hit || hit.rank < 3)) {
      const again = repeatedDivision(r, pos, level, allowed, first);
      if (again > 0) {
        pos = again;
        repeating = true;
        continue;
      }
    }
    repeating = false;
    if (level < LEVEL.road && (!hit || hit.component === 'estate' || (hit.component === 'road' && hit.rank === 1))) {
      // a registry road under the whole name stays whole
      const whole = hit?.component === 'road' && r.g.roads?.get(s.slice(pos, hit.end)) !== undefined;
      const split = whole ? null : estateThenRoad(r, pos);
      if (split) {
        const name = withoutBoundaries(s.slice(pos, split.split));
        r.slots.estate = r.g.estates?.get(name) ?? name;
        hit = { component: 'road', value: split.road, end: split.end, rank: 1 };
        pos = split.split;
      }
    }
    if (!hit) {
      const next = level < LEVEL.road ? nextDivision(r, pos + 1, level) : null;
      if (!next) break;
      r.skip(pos, next.pos);
      pos = next.pos;
      hit = next.hit;
    }
    if (hit.component === 'estate') break;
    r.slots[hit.component] = hit.value;
    if (hit.component !== 'road') {
      r.lastDivision = { component: hit.component, start: pos, end: hit.end };
      first ??= hit.component;
    }
    pos = hit.end;
    level = LEVEL[hit.component];
    if (hit.component === 'road') {
      DOOR.lastIndex = pos;
      const door = DOOR.exec(s);
      if (door) {
        r.slots.doorNumber = door[2] ? `${door[1]}-${door[2]}` : door[1];
        pos += door[0].length;
      }
      break;
    }
  }
  return pos;
}

/** `aside`: [start, end) spans read past on purpose (a market aisle, a number between building and room), for `unparsed`. */
type TailRead = { end: number; count: number; values: (string | undefined)[]; bareRoom: boolean; aside: number[] };

/** Floor and room digits, or a basement room: 903, 1203, B101. */
const ROOM_NUMBER = /^B?\d{3,}$/;

/**
 * Whether a plain `N号` where a building could stand is the room instead. Villagers number houses
 * like doors (水围村28号, 7坊16号) but in a tower or a shop 903号 is the room: so it is a
 * building when more follows (28号1203房) or after a village (村), and otherwise a room when it
 * has the three or more digits of floor and room (城建金融大厦903号, 福民路133号504号).
 */
function numberSignIsRoom(s: string, m: RegExpExecArray, end: number, village: boolean): boolean {
  if (m[2] !== '号' || village || !ROOM_NUMBER.test(m[1])) return false;
  let next = end;
  while (s[next] === BOUNDARY) next++;
  for (let k = 1; k < 4; k++) {
    const re = TAIL_PATTERNS[k];
    re.lastIndex = next;
    if (re.test(s)) return false;
  }
  return true;
}

/**
 * Building, unit, floor and room in that order from `pos`. Strict: stops at the first thing
 * that is none of them. Lenient: steps over it (recorded as junk) and reads on. `village`: the
 * place before is a village (its 28号 are houses).
 */
function readTail(r: Reading | null, s: string, pos: number, village: boolean): TailRead {
  const values: (string | undefined)[] = [undefined, undefined, undefined, undefined];
  let stage = 0;
  let count = 0;
  let bareRoom = false;
  let i = pos;
  let junkFrom = -1;
  const aside: number[] = [];
  while (i < s.length && stage < 4) {
    if (s[i] === BOUNDARY) {
      i++;
      continue;
    }
    let found = false;
    // cheap checks first: a parse tries the tail at many positions
    // (not right after a road: 福民路133-1203 starts with its door number)
    if (stage === 0 && isDigitOrLatin(s[i]) && (s[i + 1] === BOUNDARY || s[i + 2] === BOUNDARY || s[i + 3] === BOUNDARY || s[i + 4] === BOUNDARY) && !isDigitOrLatin(s[i - 1]) && !ROAD_SUFFIX.includes(s[i - 1])) {
      BUILDING_UNIT_ROOM.lastIndex = i;
      const three = BUILDING_UNIT_ROOM.exec(s);
      BUILDING_ROOM.lastIndex = i;
      let two = three ? null : BUILDING_ROOM.exec(s);
      const afterDoor = s[i - 1] === '号';
      if (two && two[3] === '号' && !afterDoor) two = null;
      const m = three ?? two;
      if (!m && !afterDoor) {
        // 13-6单元, 138-8-8楼: building and unit; 3-12 at the end: building 3, and a number that
        // may be a unit or a room (set aside, not guessed)
        BUILDING_PAIR.lastIndex = i;
        const p = BUILDING_PAIR.exec(s);
        if (p && (p[3] !== undefined || p[4] !== undefined || p.index + p[0].length === s.length)) {
          if (junkFrom >= 0) {
            r!.skip(junkFrom, i);
            junkFrom = -1;
          }
          values[0] = p[1];
          count++;
          if (p[3] !== undefined || p[4] !== undefined) {
            values[1] = p[2];
            count++;
            stage = 2;
          } else {
            aside.push(i + p[1].length + 1, i + p[1].length + 1 + p[2].length);
            stage = 4;
          }
          bareRoom = false;
          i += p[0].length;
          continue;
        }
      }
      if (m) {
        if (junkFrom >= 0) {
          r!.skip(junkFrom, i);
          junkFrom = -1;
        }
        if (three) {
          values[0] = m[1];
          values[1] = m[2];
          values[3] = m[3];
        } else {
          values[afterDoor && UNIT_NUMBER.test(m[1]) ? 1 : 0] = m[1];
          values[3] = m[2];
        }
        bareRoom = false;
        i += m[0].length;
        stage = 4;
        count += three ? 3 : 2;
        continue;
      }
    }
    const pair = stage === 0 ? (isDigitCode(s.charCodeAt(i)) && (isLatin(s[i + 1]) || isLatin(s[i + 2]) || isLatin(s[i + 3])) ? LETTERED_BUILDING_ROOM : null)
      : stage === 1 ? (s[i + 1] === BOUNDARY || s[i + 2] === BOUNDARY ? UNIT_ROOM : null)
      : null;
    if (pair) {
      pair.lastIndex = i;
      const m = pair.exec(s);
      if (m) {
        if (junkFrom >= 0) {
          r!.skip(junkFrom, i);
          junkFrom = -1;
        }
        values[stage] = m[1];
        values[3] = m[2];
        bareRoom = false;
        i += m[0].length;
        stage = 4;
        count += 2;
        continue;
      }
    }
    for (let k = stage; k < 4; k++) {
      const re = TAIL_PATTERNS[k];
      re.lastIndex = i;
      const m = re.exec(s);
      if (!m || (k === 0 && numberSignIsRoom(s, m, i + m[0].length, village))) continue;
      // A401号 after a place is a lettered room (building A, room 401), no building A401
      if (k === 0 && m[2] === '号' && LETTERED_ROOM.test(m[1])) continue;
      // 129栋4号1492室, 49栋5号4楼: the N号 between the building and a marked room or floor is not the room
      if (k === 3 && m[2] === '号' && values[0] !== undefined && markedRoomOrFloorAt(s, i + m[0].length)) {
        if (junkFrom >= 0) {
          r!.skip(junkFrom, i);
          junkFrom = -1;
        }
        aside.push(i, i + m[0].length);
        i += m[0].length;
        found = true;
        break;
      }
      if (junkFrom >= 0) {
        r!.skip(junkFrom, i);
        junkFrom = -1;
      }
      if (k === 2) values[2] = m[1] ?? `-${m[2]}`;
      else values[k] = m[1];
      if (k === 3) bareRoom = m[2] === undefined;
      i += m[0].length;
      if (k === 2) {
        // a market's aisle after the floor (5楼139街41177, 5楼24排259): no component of ours
        AISLE.lastIndex = i;
        const aisle = AISLE.exec(s);
        if (aisle) {
          aside.push(i, i + aisle[0].length);
          i += aisle[0].length;
        }
      }
      if (k === 2 && m[1] !== undefined && i === m.index + m[0].length) {
        ROOM_ON_FLOOR.lastIndex = i;
        const room = ROOM_ON_FLOOR.exec(s);
        if (room) {
          values[3] = m[1] + room[1];
          i += room[0].length;
          stage = 4;
          count += 2;
          found = true;
          break;
        }
      }
      stage = k + 1;
      count++;
      found = true;
      break;
    }
    if (found) continue;
    if (!r) break;
    if (junkFrom < 0) junkFrom = i;
    i++;
  }
  if (r) {
    if (junkFrom >= 0) r.skip(junkFrom, s.length);
    else if (i < s.length) r.skip(i, s.length);
  }
  return { end: i, count, values, bareRoom, aside };
}

function applyTail(r: Reading, t: TailRead): void {
  for (let k = 0; k < 4; k++) {
    const v = t.values[k];
    if (v !== undefined) r.slots[TAIL_COMPONENTS[k] as TailComponent] = v;
  }
  r.bareRoom = t.bareRoom;
  for (let k = 0; k < t.aside.length; k += 2) r.skip(t.aside[k], t.aside[k + 1]);
  if (t.aside.length && r.junk.length > 2) sortSpans(r.junk);
}

/**
 * Whether a stretch of text read as an estate name can be one. `marked`: a building, unit, floor
 * or room with its marker follows.
 */
function plausibleEstate(r: Reading, name: string, marked: boolean, numbered: boolean): boolean {
  if (name.length < 2 || NO_ADDRESS.has(name)) return false;
  let han = false;
  for (let i = 0; i < name.length; i++) if (isHan(name.charCodeAt(i))) han = true;
  const placed = r.lastDivision !== null || r.slots.road !== undefined;
  // Latin names (PAFC, COCO Park) only with something that says this is an address
  if (!han) return name.length >= 3 && (placed || marked);
  // a lone name: numbers after it, a division or road before it, or a place-like ending
  return numbered || placed || PLACE_ENDINGS.includes(name[name.length - 1]);
}

/** 福田保税区 + 小学 → the estate 福田保税区小学, taking back the division it was read as. */
function placeNamedAfterDivision(r: Reading, start: number, name: string): string {
  const d = r.lastDivision;
  if (!d || d.end !== start || !PLACE_KINDS.has(name)) return name;
  r.slots[d.component] = undefined;
  r.lastDivision = null;
  return withoutBoundaries(r.s.slice(d.start, d.end)) + name;
}

/** Reads the estate and the building, unit, floor and room from `start` to the end. */
function readPlace(r: Reading, start: number): void {
  const s = r.s;
  if (start >= s.length) return;
  // a registry name that leaves a readable tail
  if (r.g.estates) {
    for (const e of r.g.estates.candidates(s, start)) {
      if (!s.startsWith(e.key, start)) continue;
      const t = readTail(null, s, start + e.key.length, e.key.endsWith('村'));
      if (t.end === s.length) {
        if (r.slots.estate === undefined) r.slots.estate = e.value;
        else if (r.slots.estate !== e.value) r.skip(start, start + e.key.length);
        applyTail(r, t);
        return;
      }
    }
  }
  NUMBERED_MARKER.lastIndex = start;
  const marked = NUMBERED_MARKER.exec(s);
  const lastStart = marked ? marked.index + marked[0].length - 1 : s.length;
  let fallback = -1;
  let chosen = -1;
  let tail: TailRead | null = null;
  for (let p = start; p < lastStart; p++) {
    if (p > start && !startsTail(s[p])) continue;
    // never inside a Latin word: PAFC201 is PAFC and 201, not PAF and C201
    if (p > start && isLatin(s[p]) && isLatin(s[p - 1])) continue;
    const t = readTail(null, s, p, s[p - 1] === '村');
    if (t.count === 0) continue;
    if (t.end === s.length) {
      chosen = p;
      tail = t;
      break;
    }
    if (fallback < 0) fallback = p;
  }
  if (chosen < 0 && fallback >= 0) {
    chosen = fallback;
    tail = readTail(r, s, fallback, s[fallback - 1] === '村');
  }
  const estateEnd = chosen < 0 ? s.length : chosen;
  if (estateEnd > start) {
    const name = placeNamedAfterDivision(r, start, withoutBoundaries(s.slice(start, estateEnd)));
    const known = r.g.estates?.get(name);
    const marked = tail !== null && (tail.count > 1 || !tail.bareRoom);
    // an estate already written before the road (梅林一村梅林路48号...): a second name is not read over it
    if (r.slots.estate !== undefined) {
      if ((known ?? name) !== r.slots.estate) r.skip(start, estateEnd);
    } else if (known !== undefined) r.slots.estate = known;
    else if (plausibleEstate(r, name, marked, tail !== null)) r.slots.estate = name;
    else r.skip(start, estateEnd);
  }
  if (tail) applyTail(r, tail);
  // junk spans are kept in text order
  if (r.junk.length > 2) sortSpans(r.junk);
}

function sortSpans(spans: number[]): void {
  const pairs: [number, number][] = [];
  for (let i = 0; i < spans.length; i += 2) pairs.push([spans[i], spans[i + 1]]);
  pairs.sort((a, b) => a[0] - b[0]);
  spans.length = 0;
  for (const [a, b] of pairs) {
    const last = spans.length;
    if (last && spans[last - 1] >= a) spans[last - 1] = Math.max(spans[last - 1], b);
    else spans.push(a, b);
  }
}

function readAddress(text: string, g: Gazetteer): ParsedAddress {
  const raw = typeof text === 'string' ? text : '';
  const notes: string[] = [];
  const s = prepare(takeNotes(raw, notes));
  const r = new Reading(s, g);
  if (s.length > 0) readPlace(r, readDivisionsAndRoad(r));
  const slots = r.slots;
  // a bare number alone is no address (a phone number, a stray figure)
  if (r.bareRoom && slots.room !== undefined) {
    let others = false;
    for (const name of COMPONENT_NAMES) if (name !== 'room' && slots[name] !== undefined) others = true;
    if (!others) {
      slots.room = undefined;
      r.junk.length = 0;
      r.skip(0, s.length);
    }
  }
  const components: AddressComponents = {};
  for (const name of COMPONENT_NAMES) {
    const v = slots[name];
    if (v !== undefined) components[name] = v;
  }
  const unparsed: string[] = [];
  for (let i = 0; i < r.junk.length; i += 2) {
    const piece = withoutBoundaries(s.slice(r.junk[i], r.junk[i + 1]));
    if (piece) unparsed.push(piece);
  }
  for (const note of notes) {
    const piece = normalizeText(note);
    if (piece) unparsed.push(piece);
  }
  // text that was all punctuation or symbols: not an address, and not silently nothing either
  if (s.length === 0 && notes.length === 0 && raw.trim() !== '') unparsed.push(raw.trim());
  return { text: raw, normalized: notes.length ? withoutBoundaries(prepare(raw)) : withoutBoundaries(s), components, unparsed };
}

function nameDictionary(names: Iterable<string> | undefined): PrefixDict<string> | null {
  if (!names) return null;
  const dict = new PrefixDict<string>();
  for (const name of names) {
    if (typeof name !== 'string' || !name.trim()) continue;
    dict.add(withoutBoundaries(prepare(name)), name.trim());
  }
  return dict;
}

/**
 * A parser, optionally helped by the registry's estate and road names (a name that holds a
 * number, such as 香蜜湖1号, or that a rule would cut differently). Without them it reads every
 * address of the contract; with them, known names win where the text allows both readings and
 * come back spelled as the registry spells them.
 */
export function createParser(options: ParserOptions = {}): AddressParser {
  const g: Gazetteer = { estates: nameDictionary(options.knownEstates), roads: nameDictionary(options.knownRoads) };
  return (text: string) => readAddress(text, g);
}

const plain: Gazetteer = { estates: null, roads: null };

/** Splits free address text into normalized components, without a gazetteer. Never throws. */
export function parseAddress(text: string): ParsedAddress {
  return readAddress(text, plain);
}
