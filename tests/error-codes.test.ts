/**
 * One registry of error codes (lib/error-codes.ts): the README's table is made from it, and the
 * metrics count only its codes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../lib/errors.ts';
import { ERROR_CODE_MEANINGS, errorCodeLabel, errorCodeTable } from '../lib/error-codes.ts';
import { LIMIT_CODES } from '../gateway/limits.ts';

describe('the error-code registry', () => {
  it('holds every code of lib/errors.ts and of the gateway limits, and no second name for one 413', () => {
    for (const code of [...Object.values(ErrorCode), ...Object.values(LIMIT_CODES)]) expect(ERROR_CODE_MEANINGS).toHaveProperty(code);
    expect(ERROR_CODE_MEANINGS).not.toHaveProperty('PAYLOAD_TOO_LARGE');
  });

  it('is what the README lists (regenerate the table between the error-codes markers with errorCodeTable())', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const listed = readme.slice(readme.indexOf('<!-- error-codes:start -->\n') + '<!-- error-codes:start -->\n'.length, readme.indexOf('\n<!-- error-codes:end -->'));
    expect(listed).toBe(errorCodeTable());
  });

  it('labels an unknown code OTHER', () => {
    expect(errorCodeLabel('SUBGRAPH_UNAVAILABLE')).toBe('SUBGRAPH_UNAVAILABLE');
    expect(errorCodeLabel(`X_${Math.random()}`)).toBe('OTHER');
    expect(errorCodeLabel(undefined)).toBe('OTHER');
  });
});
