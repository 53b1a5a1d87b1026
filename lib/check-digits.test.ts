import { describe, expect, it } from 'vitest';
import { checkCreditCode, checkIdCardNumber, creditCodeCheckChar, idCardCheckChar, organizationCodeCheckChar } from './check-digits.ts';

describe('GB 11643 identity numbers', () => {
  it('computes the check character of the standard example', () => {
    // GB 11643-1999 appendix example: 11010519491231002X
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    expect(checkIdCardNumber('11010519491231002X')).toEqual({ ok: true, value: '11010519491231002X' });
    expect(checkIdCardNumber('11010519491231002x').ok).toBe(true);
  });

  it('rejects a wrong check character, an impossible birth date and a bad shape, saying which', () => {
    const wrong = checkIdCardNumber('110105194912310021');
    expect(!wrong.ok && wrong.message).toMatch(/check character is 1, expected X/);
    const feb30 = checkIdCardNumber('440304199002300011');
    expect(!feb30.ok && feb30.message).toMatch(/impossible birth date 19900230/);
    expect(checkIdCardNumber('44030419900101001').ok).toBe(false);
  });
});

describe('GB 32100 unified social credit codes', () => {
  it('accepts well-known published codes', () => {
    // Tencent (深圳市腾讯计算机系统有限公司) and Ping An Insurance (中国平安保险（集团）股份有限公司)
    expect(checkCreditCode('91440300708461136T').ok).toBe(true);
    expect(checkCreditCode('91440300100012316L').ok).toBe(true);
  });

  it('computes check characters that validate', () => {
    const body = '91440304' + 'MA5F0K7L' + organizationCodeCheckChar('MA5F0K7L');
    const code = body + creditCodeCheckChar(body);
    expect(checkCreditCode(code).ok).toBe(true);
  });

  it('rejects a wrong check character and forbidden letters, saying which', () => {
    const wrong = checkCreditCode('91440300708461136A');
    expect(!wrong.ok && wrong.message).toMatch(/check character is A, expected T/);
    const letterO = checkCreditCode('9144030070846113OT');
    expect(!letterO.ok && letterO.message).toMatch(/"O" at position 17/);
    expect(checkCreditCode('914403007084611').ok).toBe(false);
  });
});
