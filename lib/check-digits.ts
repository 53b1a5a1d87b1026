/**
 * Check characters of the identifiers the graph holds:
 * - GB 11643-1999 citizen identity number (公民身份号码), 18 characters, ISO 7064 MOD 11-2.
 * - GB 32100-2015 unified social credit code (统一社会信用代码), 18 characters, MOD 31,
 *   whose characters 9-17 embed a GB 11714 organization code with its own MOD 11 check.
 */

/** GB 11643 weights of the first 17 digits (quality/ computes the check character in SQL with them). */
export const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** The check character for each weighted sum modulo 11. */
export const ID_CHECK = '10X98765432';

/** The check character for the first 17 digits of an identity number. */
export function idCardCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('an identity number body is 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

export type IdCheck = { ok: true; value: string } | { ok: false; message: string };

/** Validates an 18-character identity number: shape, birth date and check character. */
export function checkIdCardNumber(input: string): IdCheck {
  const value = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) {
    return { ok: false, message: 'an identity number has 17 digits followed by a digit or X' };
  }
  const birth = value.slice(6, 14);
  const date = new Date(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10).replaceAll('-', '') !== birth) {
    return { ok: false, message: `identity number has an impossible birth date ${birth}` };
  }
  const expected = idCardCheckChar(value.slice(0, 17));
  if (value[17] !== expected) {
    return { ok: false, message: `identity number check character is ${value[17]}, expected ${expected}` };
  }
  return { ok: true, value };
}

/** Character set of the unified social credit code (no I, O, Z, S, V). */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** GB 32100 weights of the first 17 characters. */
export const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The 18th character of a unified social credit code from its first 17. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error('a credit code body is 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARSET.indexOf(first17[i]);
    if (v < 0) throw new Error(`"${first17[i]}" is not a credit code character`);
    sum += v * CREDIT_WEIGHTS[i];
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

const ORG_CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** The 9th character of a GB 11714 organization code from its first 8. */
export function organizationCodeCheckChar(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += ORG_CHARSET.indexOf(first8[i]) * ORG_WEIGHTS[i];
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Validates an 18-character unified social credit code: charset, structure and check character. */
export function checkCreditCode(input: string): IdCheck {
  const value = input.trim().toUpperCase();
  if (value.length !== 18) {
    return { ok: false, message: `a unified social credit code has 18 characters, got ${value.length}` };
  }
  for (let i = 0; i < 18; i++) {
    if (!CREDIT_CODE_CHARSET.includes(value[i])) {
      return { ok: false, message: `"${value[i]}" at position ${i + 1} is not allowed in a credit code (I, O, S, V, Z never appear)` };
    }
  }
  if (!/^\d{6}$/.test(value.slice(2, 8))) {
    return { ok: false, message: 'characters 3-8 of a credit code are the registering authority\'s division code (6 digits)' };
  }
  const expected = creditCodeCheckChar(value.slice(0, 17));
  if (value[17] !== expected) {
    return { ok: false, message: `credit code check character is ${value[17]}, expected ${expected}` };
  }
  return { ok: true, value };
}
