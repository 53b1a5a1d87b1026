import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { naaclChunks, naaclExpected, naaclText, readNaacl, scoreNaacl, NAACL_FIELDS } from './naacl.ts';
import { parseAddress } from './parse.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const sample = readNaacl(readFileSync(path.join(here, 'testdata/naacl/test-sample.txt'), 'utf8'));

const record = (lines: string) => readNaacl(lines.trim().split('\n').map((l) => l.trim()).join('\n'))[0];

describe('NAACL 2019 converter', () => {
  it('reads the source format and names a malformed line', () => {
    const r = record(`
      魏 B-road
      星 I-road
      路 I-road
      169 B-roadno
      弄 I-roadno`);
    expect(naaclText(r)).toBe('魏星路169弄');
    expect(naaclChunks(r)).toEqual([{ label: 'road', text: '魏星路' }, { label: 'roadno', text: '169弄' }]);
    expect(() => readNaacl('魏 B-road\n星\n')).toThrow(/line 2 is not "token B-label"/);
  });

  it('converts houseno, cellno, floorno, roomno, road and roadno to the contract fields', () => {
    const r = record(`
      文 B-road
      二 I-road
      路 I-road
      188 B-roadno
      号 I-roadno
      蒋 B-poi
      村 I-poi
      18 B-houseno
      幢 I-houseno
      二 B-cellno
      单 I-cellno
      元 I-cellno
      5 B-floorno
      层 I-floorno
      101 B-roomno
      室 I-roomno`);
    expect(naaclExpected(r)).toEqual({
      road: { value: '文二路' }, doorNumber: { value: '188' }, building: { value: '18' }, unit: { value: '2' }, floor: { value: '5' }, room: { value: '101' },
    });
  });

  it('marks labels our contract reads differently as disagreeing instead of bending the contract', () => {
    // a sub-area labelled apart: our building designation is A区3
    const zone = record(`
      金 B-poi
      府 I-poi
      A B-subpoi
      区 I-subpoi
      3 B-houseno
      栋 I-houseno`);
    expect(naaclExpected(zone).building).toEqual({ disagrees: expect.stringMatching(/sub-area A区/) });
    // a Shanghai lane is no door number
    const lane = record(`
      魏 B-road
      星 I-road
      路 I-road
      169 B-roadno
      弄 I-roadno`);
    expect(naaclExpected(lane).doorNumber).toEqual({ disagrees: expect.stringMatching(/169弄/) });
    // a shop label is no room number
    const shop = record(`
      2064 B-roomno
      商 I-roomno
      铺 I-roomno`);
    expect(naaclExpected(shop).room).toEqual({ disagrees: expect.stringMatching(/2064商铺/) });
  });
});

describe('parser on the NAACL 2019 sample (400 test addresses)', () => {
  const score = scoreNaacl(sample, parseAddress);

  it('covers every field on enough records', () => {
    expect(score.records).toBe(400);
    for (const f of NAACL_FIELDS) expect(score.fields[f].agreeing, f).toBeGreaterThanOrEqual(70);
  });

  // Floors measured when the sample was added (README, "Public yardstick"): the parser must not
  // fall below them. They are below the 95% target for building and room; see README.
  it.each([
    ['building', 76],
    ['unit', 93],
    ['floor', 91],
    ['room', 89],
    ['road', 73],
    ['doorNumber', 89],
  ] as const)('%s accuracy on agreeing records stays at or above %d%%', (field, floor) => {
    expect(score.fields[field].accuracy).toBeGreaterThanOrEqual(floor);
  });
});
