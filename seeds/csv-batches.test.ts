import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { csvBatches, csvBatchesInline, type CsvBatch } from './csv-batches.ts';
import { TABLES } from './generate.ts';

function digest(batches: CsvBatch[]): string {
  const hash = createHash('sha256');
  for (const b of batches) {
    hash.update(`#${b.community}\n`);
    for (const t of TABLES) hash.update(`${t.name}:${b.rows[t.name] ?? 0}\n${b.csv[t.name] ?? ''}`);
  }
  return hash.digest('hex');
}

describe('csvBatches', () => {
  it('yields on its worker thread exactly what inline generation gives', async () => {
    const fromWorker: CsvBatch[] = [];
    for await (const b of csvBatches({ size: 'small' })) fromWorker.push(b);
    const inline = [...csvBatchesInline({ size: 'small' })];
    expect(fromWorker.map((b) => b.community)).toEqual([null, '440304004028', '440304005040', '440304007021']);
    expect(digest(fromWorker)).toBe(digest(inline));
    const lines = inline[1].csv['people.person']!.trimEnd().split('\n');
    expect(lines).toHaveLength(inline[1].rows['people.person']!);
  });

  it('can be abandoned part way, and rejects bad options before starting a worker', async () => {
    let seen = 0;
    for await (const b of csvBatches({ size: 'demo' })) {
      if (b.community && ++seen === 2) break;
    }
    expect(seen).toBe(2);
    await expect(csvBatches({ scale: -1 }).next()).rejects.toThrow(/scale must be a number above 0/);
  });
});
