import { describe, expect, it } from 'vitest';
import { csvCell, formatOfAccept } from './formats.ts';
import type { Column } from './registry.ts';

const text: Column = { name: 'description', type: 'string', description: '' };
const floor: Column = { name: 'room.floor', type: 'integer', description: '' };

describe('CSV cells', () => {
  it('escapes text a spreadsheet would run as a formula', () => {
    for (const attack of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tx']) expect(csvCell(text, attack)).toBe(`'${attack}`);
    expect(csvCell(text, '楼道堆放杂物')).toBe('楼道堆放杂物');
  });

  it('leaves numbers alone, negative ones included, and writes null as empty', () => {
    expect(csvCell(floor, -2)).toBe('-2');
    expect(csvCell(text, null)).toBe('');
  });
});

describe('Accept', () => {
  it('picks the served type the client prefers', () => {
    expect(formatOfAccept('text/csv')).toBe('csv');
    expect(formatOfAccept('application/x-ndjson, application/json;q=0.5')).toBe('ndjson');
    expect(formatOfAccept('text/html;q=0.9, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('xlsx');
    expect(formatOfAccept('*/*')).toBe('json');
    expect(formatOfAccept('image/png')).toBeUndefined();
  });
});
