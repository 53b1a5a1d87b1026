/**
 * The NAACL 2019 Chinese address parsing data set (Li, Lu, Xie, Li: "Neural Chinese Address
 * Parsing"; github.com/leodotnet/neural-chinese-address-parsing, data/test.txt) as a second
 * yardstick for the parser: its per-character labels converted to the fields our parse contract
 * shares with it (address/types.ts), and the parser's per-field accuracy on them.
 *
 * The source writes one token per line (`字 B-poi`, `1097 B-roomno`) and a blank line between
 * addresses. Its labels are chunks (BIO): prov city district town community road roadno poi
 * subpoi houseno cellno floorno roomno, and others we do not share (person, assist, redundant…).
 *
 * Conversion to our contract, field by field, and where the two disagree (a disagreeing record
 * is reported, not counted in the headline accuracy, and the contract is not bent to it):
 * - building ← houseno without its marker (3栋 → 3, B座 → B, 47号楼 → 47). Disagrees when a
 *   lettered or numbered sub-area is labelled apart (subpoi `A区`, or a poi ending in one:
 *   `莲塘四区` + `128幢`): our contract keeps the sub-area in the designation (`A区3`, `4区128`), as
 *   the registry names such buildings; when the houseno follows a door number and a dash
 *   (`龙腾东路5-33号`: our door number 5-33); when a number of three or more digits closes the
 *   address after a place that is no village (`新悦花苑160号`, `贵居苑125A`: our room, as
 *   `城建金融大厦903号`); when a letter is labelled apart from the room digits after it (`B` +
 *   `347`: our lettered room B347); when it is a floor (`9F` before `839`: our floor 9); and when
 *   what is left is not a designation (typos such as `B懂`, `12号院`).
 * - unit ← cellno without 单元 (2单元 → 2; bare numbers of `12-3-1001` forms too). Disagrees when the
 *   source labels as cellno what is no unit (`16号`, a shop number after a building).
 * - floor ← floorno without 第 / 层 / 楼 / F. Disagrees for words (`底层`, `负一楼`).
 * - room ← roomno without 室 / 房 / 号. Disagrees when it carries words (`2064商铺`); when it is
 *   the letter's digits above; when a sub-area and N号 are labelled as a room (`一区1740号`: our
 *   building 1区1740, as `五坊四十二号`); and for `3-12` closing the address, which we read as
 *   building 3 without guessing whether 12 is its unit or its room.
 * - road, doorNumber ← road and roadno (号 dropped) where both are labelled and the door number
 *   is a plain N号; `169弄` (a Shanghai lane) and `5组6号` have no door number in our contract.
 * Chinese numerals are read as digits (二单元 → 2), as the parser does.
 */
import { chineseToArabic } from './numerals.ts';
import type { AddressComponents } from './types.ts';

/** One labelled address of the source: its tokens and their BIO tags. */
export type NaaclRecord = { tokens: string[]; tags: string[] };
/** A labelled chunk: its label (houseno, road…) and text. */
export type NaaclChunk = { label: string; text: string };

/** The fields compared with the parser, in address order. */
export const NAACL_FIELDS = ['road', 'doorNumber', 'building', 'unit', 'floor', 'room'] as const;
export type NaaclField = (typeof NAACL_FIELDS)[number];

/** What the source's labels say in our contract: per field, the value, or why the record disagrees. */
export type NaaclExpected = Partial<Record<NaaclField, { value: string } | { disagrees: string }>>;

/** Reads the source format (token, space, tag per line; a blank line ends an address). Throws on a malformed line, naming it. */
export function readNaacl(text: string): NaaclRecord[] {
  const out: NaaclRecord[] = [];
  let current: NaaclRecord = { tokens: [], tags: [] };
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') {
      if (current.tokens.length) out.push(current);
      current = { tokens: [], tags: [] };
      return;
    }
    const space = line.lastIndexOf(' ');
    const tag = line.slice(space + 1);
    if (space <= 0 || !/^[BI]-[A-Za-z]+$/.test(tag)) throw new Error(`line ${i + 1} is not "token B-label" or "token I-label": ${JSON.stringify(line)}`);
    current.tokens.push(line.slice(0, space));
    current.tags.push(tag);
  });
  if (current.tokens.length) out.push(current);
  return out;
}

/** The address text: the tokens joined (the source keeps no spaces). */
export const naaclText = (r: NaaclRecord): string => r.tokens.join('');

/** The record's chunks in order; an I- tag continuing another label starts a new chunk. */
export function naaclChunks(r: NaaclRecord): NaaclChunk[] {
  const out: NaaclChunk[] = [];
  r.tags.forEach((tag, i) => {
    const label = tag.slice(2).toLowerCase();
    const last = out[out.length - 1];
    if (tag.startsWith('I-') && last?.label === label) last.text += r.tokens[i];
    else out.push({ label, text: r.tokens[i] });
  });
  return out;
}

/** Half-width, upper-case letters, a whole Chinese numeral as digits. */
function clean(text: string): string {
  const t = text.normalize('NFKC').replace(/\s/g, '').toUpperCase();
  return chineseToArabic(t) ?? t;
}

function strip(text: string, pattern: RegExp): string {
  return clean(text.normalize('NFKC').replace(pattern, ''));
}

const DESIGNATION = /^[0-9]+[A-Z]?$|^[A-Z][0-9]*$/;
/** A chunk ending in a sub-area (A区, 四区, 东区, 三坊): the contract keeps it in the building designation. */
const SUB_AREA_END = /(?:^|[^0-9A-Za-z一二三四五六七八九十东南西北中])(?:[A-Za-z0-9一二三四五六七八九十]+|[东南西北中])[区坊]$/;
/** Labels of the address's own numbers: a houseno followed by one of them does not close the address. */
const ADDRESS_LABELS = new Set(['houseno', 'cellno', 'floorno', 'roomno', 'road', 'roadno', 'poi', 'subpoi']);

/** The source's labels as our contract's fields (see the module comment for the rules). */
export function naaclExpected(r: NaaclRecord): NaaclExpected {
  const chunks = naaclChunks(r);
  const first = (label: string) => chunks.findIndex((c) => c.label === label);
  const out: NaaclExpected = {};

  const h = first('houseno');
  const rm = first('roomno');
  // a letter (or letter and digits) labelled apart from the room digits right after it (B347, C-684)
  // (the contract reads B347 and C-684 as the rooms B347 and C684; C9-1177 is building C9, room 1177)
  const letteredRoom = h >= 0 && rm >= 0 && (
    (rm === h + 1 && /^[A-Za-z][0-9]*$/.test(chunks[h].text.normalize('NFKC'))) ||
    (rm === h + 2 && /^[A-Za-z]$/.test(chunks[h].text.normalize('NFKC')) && chunks[h + 1].label === 'redundant' && chunks[h + 1].text === '-'));
  if (h >= 0) {
    const before = chunks[h - 1];
    const houseno = chunks[h].text.normalize('NFKC');
    const value = strip(chunks[h].text, /(号楼|栋楼|栋|幢|座|楼|号|#)$/);
    const addressAfter = chunks.slice(h + 1).some((c) => ADDRESS_LABELS.has(c.label));
    if (before && SUB_AREA_END.test(before.text.normalize('NFKC'))) {
      out.building = { disagrees: `sub-area ${before.text} labelled apart from ${chunks[h].text}; the contract keeps the sub-area in the designation` };
    } else if (before?.label === 'redundant' && before.text === '-' && chunks[h - 2]?.label === 'roadno') {
      out.building = { disagrees: `houseno ${chunks[h].text} after ${chunks[h - 2].text}- is the second part of the door number in the contract` };
    } else if (/^[0-9]{3,}[A-Za-z]?号?$/.test(houseno) && !addressAfter && before?.label !== 'community' && !before?.text.endsWith('村')) {
      out.building = { disagrees: `${houseno} closing the address after a place is a room in the contract` };
    } else if (/^[0-9]+[Ff]$/.test(houseno) && first('roomno') === h + 1) {
      out.building = { disagrees: `houseno ${chunks[h].text} before a room is a floor in the contract (9F839: floor 9, room 839)` };
    } else if (letteredRoom) {
      out.building = { disagrees: `houseno ${chunks[h].text} and roomno ${chunks[rm].text} are one lettered room in the contract` };
    } else out.building = DESIGNATION.test(value) ? { value } : { disagrees: `houseno ${chunks[h].text} is no designation` };
  }
  const c = first('cellno');
  if (c >= 0) {
    const raw = chunks[c].text.normalize('NFKC');
    const value = strip(raw, /单元$/);
    const unitLike = /单元$/.test(raw) || (/^[0-9]+$/.test(raw) && chunks[c + 1]?.label === 'redundant');
    out.unit = unitLike && /^[0-9A-Z]+$/.test(value) ? { value } : { disagrees: `cellno ${chunks[c].text} is no unit` };
  }
  const f = first('floorno');
  if (f >= 0) {
    const value = strip(chunks[f].text, /^第|(层|楼|F|f)$/g);
    out.floor = /^-?[0-9]+$|^B[0-9]+$/.test(value) ? { value } : { disagrees: `floorno ${chunks[f].text} is no floor number` };
  }
  if (rm >= 0) {
    const value = strip(chunks[rm].text, /(室|房间|房|号)$/);
    const before = chunks[rm - 1];
    const closing = !chunks.slice(rm + 1).some((x) => ADDRESS_LABELS.has(x.label));
    if (closing && /^[0-9]{1,2}$/.test(chunks[rm].text) && before?.label === 'redundant' && before.text === '-' && chunks[rm - 2]?.label === 'houseno') {
      out.room = { disagrees: `${chunks[rm - 2].text}-${chunks[rm].text} closing the address: the contract reads building ${chunks[rm - 2].text} and does not guess whether ${chunks[rm].text} is its unit or its room` };
    } else if (letteredRoom) out.room = { disagrees: `houseno ${chunks[h].text} and roomno ${chunks[rm].text} are one lettered room in the contract` };
    else if (before && /号$/.test(chunks[rm].text) && SUB_AREA_END.test(before.text.normalize('NFKC')) && !chunks.slice(0, rm).some((c) => c.label === 'floorno')) {
      out.room = { disagrees: `sub-area ${before.text} and ${chunks[rm].text} are a building designation in the contract` };
    } else out.room = /^[A-Z]?[0-9]+[A-Z]?$/.test(value) ? { value } : { disagrees: `roomno ${chunks[rm].text} is no room number` };
  }
  const road = first('road');
  const door = first('roadno');
  if (road >= 0 && door >= 0) {
    const d = chunks[door].text.normalize('NFKC');
    if (/^[0-9]+号$/.test(d)) {
      out.road = { value: chunks[road].text.normalize('NFKC') };
      out.doorNumber = { value: d.slice(0, -1) };
    } else {
      const why = { disagrees: `roadno ${chunks[door].text} is no N号 door number` };
      out.road = why;
      out.doorNumber = why;
    }
  }
  return out;
}

export type NaaclFieldScore = {
  /** Records whose label for the field agrees with the contract. */
  agreeing: number;
  /** Of those, the parser's value equals the label's. */
  correct: number;
  accuracy: number | null;
  /** Records whose label for the field disagrees with the contract (not scored). */
  disagreeing: number;
};

export type NaaclScore = { records: number; fields: Record<NaaclField, NaaclFieldScore>; misses: { text: string; field: NaaclField; expected: string; parsed: string | null }[] };

/** Per-field accuracy of `parse` on the records, and the misses (for reading, not for asserting). */
export function scoreNaacl(records: NaaclRecord[], parse: (text: string) => { components: AddressComponents }): NaaclScore {
  const fields = Object.fromEntries(NAACL_FIELDS.map((f) => [f, { agreeing: 0, correct: 0, accuracy: null, disagreeing: 0 }])) as Record<NaaclField, NaaclFieldScore>;
  const misses: NaaclScore['misses'] = [];
  for (const r of records) {
    const expected = naaclExpected(r);
    const text = naaclText(r);
    const parsed = parse(text).components;
    for (const f of NAACL_FIELDS) {
      const e = expected[f];
      if (!e) continue;
      const s = fields[f];
      if ('disagrees' in e) {
        s.disagreeing++;
        continue;
      }
      s.agreeing++;
      const got = parsed[f] === undefined ? null : parsed[f]!.toUpperCase();
      if (got === e.value) s.correct++;
      else misses.push({ text, field: f, expected: e.value, parsed: got });
    }
  }
  for (const s of Object.values(fields)) s.accuracy = s.agreeing ? Math.round((s.correct / s.agreeing) * 10000) / 100 : null;
  return { records: records.length, fields, misses };
}
