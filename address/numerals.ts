/**
 * Chinese numerals in addresses. People write building, unit, floor and room numbers in words
 * (二十八栋, 三单元, 十二楼, 一二零三房) as often as in digits, while the same characters also
 * occur inside names (福华三路, 莲花一村, 南天一花园) where they must stay. So only numerals in
 * the position of an address number are converted: right before a marker, or trailing after one.
 */

const DIGIT_VALUES: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNIT_VALUES: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** Every character a Chinese numeral of an address can contain (no 万: addresses never need it). */
export const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千';

/**
 * The Arabic digits of a Chinese numeral, or null when the text is not one.
 *
 * Positional numerals give their value (十二 → 12, 二十八 → 28, 一百零三 → 103, 一千二百零三 →
 * 1203, and the spoken 一百一 → 110); numerals without 十/百/千 are read digit by digit, keeping
 * leading zeros (三零二 → 302, 零五 → 05), the way room numbers are read out.
 */
export function chineseToArabic(text: string): string | null {
  if (text.length === 0) return null;
  let positional = false;
  for (const ch of text) {
    if (UNIT_VALUES[ch] !== undefined) positional = true;
    else if (DIGIT_VALUES[ch] === undefined) return null;
  }
  if (!positional) {
    let out = '';
    for (const ch of text) out += DIGIT_VALUES[ch];
    return out;
  }
  let total = 0;
  let pending: number | null = null;
  let lastUnit = Infinity;
  // a digit right after a unit (no 零 between) is the next lower place in speech: 一百一 = 110
  let afterUnit = false;
  for (const ch of text) {
    const unit = UNIT_VALUES[ch];
    if (unit !== undefined) {
      if (unit >= lastUnit) return null;
      let digit = pending;
      if (digit === null) {
        // 十二: a leading 十 means one ten; 百 or 千 alone is not a number people write
        if (unit !== 10 || total !== 0) return null;
        digit = 1;
      }
      if (digit === 0) return null;
      total += digit * unit;
      lastUnit = unit;
      pending = null;
      afterUnit = true;
      continue;
    }
    const digit = DIGIT_VALUES[ch];
    if (digit === 0) {
      // 零 only fills a gap between places (一百零三); 零零 or a trailing 零 is no positional numeral
      if (pending !== null || !afterUnit) return null;
      afterUnit = false;
      continue;
    }
    if (pending !== null) return null;
    pending = digit;
  }
  if (pending !== null) {
    const spoken = afterUnit && lastUnit >= 100 && text.length >= 3;
    total += spoken ? pending * (lastUnit / 10) : pending;
  }
  return String(total);
}

/** Markers a number of the address stands before, longest first. */
const MARKERS = ['号楼', '单元', '栋', '幢', '座', '号', '楼', '层', '室', '房', '坊', '区'];
/** What a trailing room number may follow without being taken for part of a name. */
const BEFORE_TRAILING = '栋幢座元楼层号坊0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ANY_NUMERAL = /[零〇一二两三四五六七八九十百千]/;
const NUMERAL_RUN = /[零〇一二两三四五六七八九十百千]+/g;

/**
 * Rewrites the Chinese numerals that are numbers of the address as Arabic digits: a run right
 * before a marker (二十八栋 → 28栋, 第九层 → 第9层, 三坊十号 → 3坊10号, 二区 → 2区) and a trailing room
 * number after a marker (28栋一二零三 → 28栋1203), or a trailing run of three or more after
 * anything (大厦一千四百零三 → 大厦1403: no name ends that way). Numerals inside names
 * (福华三路, 莲花一村) are left alone, and so is anything that is not a well-formed numeral.
 *
 * Expects simplified characters and half-width digits and letters. Linear in the text's length.
 */
export function convertAddressNumerals(text: string): string {
  if (!ANY_NUMERAL.test(text)) return text;
  let out = '';
  let copied = 0;
  NUMERAL_RUN.lastIndex = 0;
  for (let run = NUMERAL_RUN.exec(text); run; run = NUMERAL_RUN.exec(text)) {
    const start = run.index;
    const i = start + run[0].length;
    const beforeMarker = MARKERS.some((m) => text.startsWith(m, i));
    const trailing = i === text.length && (i - start >= 3 || (start > 0 && BEFORE_TRAILING.includes(text[start - 1])));
    if (!beforeMarker && !trailing) continue;
    const digits = chineseToArabic(run[0]);
    if (digits === null) continue;
    out += text.slice(copied, start) + digits;
    copied = i;
  }
  return copied === 0 ? text : out + text.slice(copied);
}
