/**
 * Standard address codes (标准地址编码) after SZDB/Z 281—2017.
 *
 * A code is hierarchical: each level extends its parent's code, so the parent of a code is a
 * prefix of it and "everything under X" is the half-open range [X, nextPrefix(X)) in byte order
 * (the database columns use COLLATE "C" so that range is an index range scan).
 *
 *   district 6 · subdistrict 9 · community 12 · grid 14 · building 19 · room 25
 *
 * Levels up to the community are numeric (statistics bureau codes). Building and room parts may
 * carry uppercase letters, as real Shenzhen data does (44030600960102T0117).
 */

export const ADDRESS_LEVELS = ['DISTRICT', 'SUBDISTRICT', 'COMMUNITY', 'GRID', 'BUILDING', 'ROOM'] as const;
export type AddressLevel = (typeof ADDRESS_LEVELS)[number];

/** Code length of each level. */
export const LEVEL_LENGTH: Readonly<Record<AddressLevel, number>> = {
  DISTRICT: 6,
  SUBDISTRICT: 9,
  COMMUNITY: 12,
  GRID: 14,
  BUILDING: 19,
  ROOM: 25,
};

const LEVEL_BY_LENGTH = new Map<number, AddressLevel>(
  ADDRESS_LEVELS.map((level) => [LEVEL_LENGTH[level], level]),
);

/** Length of the part of a code that must be digits: district to grid are numeric. */
const NUMERIC_PREFIX = LEVEL_LENGTH.GRID;

export type CodeCheck = { ok: true; code: string; level: AddressLevel } | { ok: false; message: string };

/**
 * Validates an address code and names what is wrong with it.
 * Leading/trailing whitespace is trimmed and lowercase letters are upper-cased (codes are
 * case-insensitive on input, canonical in uppercase).
 */
export function checkAddressCode(input: unknown): CodeCheck {
  if (typeof input !== 'string') {
    return { ok: false, message: `an address code must be a string, got ${input === null ? 'null' : typeof input}` };
  }
  const code = input.trim().toUpperCase();
  if (code.length === 0) return { ok: false, message: 'an address code must not be empty' };
  const level = LEVEL_BY_LENGTH.get(code.length);
  if (!level) {
    return {
      ok: false,
      message:
        `"${input}" has ${code.length} characters; an address code has 6 (district), 9 (subdistrict), ` +
        '12 (community), 14 (grid), 19 (building) or 25 (room)',
    };
  }
  const numericPart = code.slice(0, Math.min(code.length, NUMERIC_PREFIX));
  const badDigit = numericPart.search(/[^0-9]/);
  if (badDigit >= 0) {
    return {
      ok: false,
      message: `"${input}" has "${numericPart[badDigit]}" at position ${badDigit + 1}; the district, subdistrict, community and grid parts (first ${NUMERIC_PREFIX} characters) are digits only`,
    };
  }
  const rest = code.slice(NUMERIC_PREFIX);
  const badChar = rest.search(/[^0-9A-Z]/);
  if (badChar >= 0) {
    return {
      ok: false,
      message: `"${input}" has "${rest[badChar]}" at position ${NUMERIC_PREFIX + badChar + 1}; building and room parts are digits or uppercase letters A-Z`,
    };
  }
  return { ok: true, code, level };
}

/** True when `code` is a well-formed address code (after canonicalization). */
export function isAddressCode(code: unknown): boolean {
  return checkAddressCode(code).ok;
}

/** Canonical form of a valid code; throws a descriptive Error on an invalid one. */
export function canonicalCode(code: string): string {
  const check = checkAddressCode(code);
  if (!check.ok) throw new Error(check.message);
  return check.code;
}

/** The level of a canonical code, or undefined when its length matches no level. */
export function levelOf(code: string): AddressLevel | undefined {
  return LEVEL_BY_LENGTH.get(code.length);
}

/** The parent code (one level up), or null for a district. */
export function parentCode(code: string): string | null {
  const level = levelOf(code);
  if (!level) return null;
  const index = ADDRESS_LEVELS.indexOf(level);
  if (index === 0) return null;
  return code.slice(0, LEVEL_LENGTH[ADDRESS_LEVELS[index - 1]]);
}

/** All ancestor codes, district first, not including the code itself. */
export function ancestorCodes(code: string): string[] {
  const out: string[] = [];
  for (const level of ADDRESS_LEVELS) {
    const length = LEVEL_LENGTH[level];
    if (length >= code.length) break;
    out.push(code.slice(0, length));
  }
  return out;
}

/** The level directly below, or null for a room. */
export function childLevel(level: AddressLevel): AddressLevel | null {
  return ADDRESS_LEVELS[ADDRESS_LEVELS.indexOf(level) + 1] ?? null;
}

/**
 * The smallest string greater than every string starting with `prefix` in byte (C collation)
 * order, so that `code >= prefix AND code < nextPrefix(prefix)` selects exactly the subtree.
 * Codes use only [0-9A-Z], so incrementing the last character never overflows past 'Z'.
 */
export function nextPrefix(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

/** The half-open code range [lo, hi) of an address and everything beneath it. */
export function subtreeRange(code: string): { lo: string; hi: string } {
  return { lo: code, hi: nextPrefix(code) };
}

/** True when `code` is `ancestor` or lies beneath it. */
export function isWithin(code: string, ancestor: string): boolean {
  return code.startsWith(ancestor);
}
