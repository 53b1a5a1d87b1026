import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone, yearOf } from './masking.ts';

describe('masking personal identifiers', () => {
  it('hides every character of an identity number, keeping its length', () => {
    expect(maskIdNumber('440304199001011234')).toBe('******************');
    expect(maskIdNumber('44030419900101123X')).toBe('******************');
  });

  it('keeps the prefix and last four of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('hides short values entirely rather than reveal most of them', () => {
    expect(maskIdNumber('1234')).toBe('****');
    expect(maskPhone('12345')).toBe('*****');
  });

  it('reduces a date to its year', () => {
    expect(yearOf('1990-01-31')).toBe(1990);
  });
});
