import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone } from './masking.ts';

describe('masking personal identifiers', () => {
  it('keeps the region and last four of an identity number', () => {
    expect(maskIdNumber('440304199001011234')).toBe('440304********1234');
    expect(maskIdNumber('44030419900101123X')).toBe('440304********123X');
  });

  it('keeps the prefix and last four of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('hides short values entirely rather than reveal most of them', () => {
    expect(maskIdNumber('1234')).toBe('****');
    expect(maskPhone('12345')).toBe('*****');
  });
});
