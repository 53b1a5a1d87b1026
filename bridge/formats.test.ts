import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { csvCell, csvRecords, formatOfAccept, sinkFor } from './formats.ts';
import type { Column, View } from './registry.ts';

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

describe('CSV records', () => {
  it('quotes what RFC 4180 needs, and a lone CR or LF or an edge space, and nothing else', () => {
    const cells = ['plain', '普通 文字', 'a,b', 'say "hi"', 'x\ny', 'x\ry', 'x\r\ny', ' lead', 'trail ', '', "'=1+1"];
    expect(csvRecords([cells])).toBe('plain,普通 文字,"a,b","say ""hi""","x\ny","x\ry","x\r\ny"," lead","trail ",,\'=1+1\r\n');
    // and a strict reader gets every cell back as written
    expect(parse(csvRecords([cells, cells]), { relax_quotes: false, record_delimiter: '\r\n' })).toEqual([cells, cells]);
  });

  it('writes nothing for no rows', () => {
    expect(csvRecords([])).toBe('');
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

describe('the CSV sink over a real socket', () => {
  const columns: Column[] = [{ name: 'id', type: 'string', description: '' }, text];

  /** Serves `rows` in `batches` through a CSV sink to a client that reads slowly; the body and the most 'close' listeners the response had. */
  async function serve(batches: number, rows: (b: number) => Record<string, unknown>[]): Promise<{ body: string; maxCloseListeners: number }> {
    let maxCloseListeners = 0;
    const server = http.createServer(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv' });
      const sink = sinkFor('csv', res, columns, { name: 'test', entitySet: 'Test' } as View);
      for (let b = 0; b < batches; b++) {
        await sink.write(rows(b));
        maxCloseListeners = Math.max(maxCloseListeners, res.listenerCount('close'));
      }
      await sink.end(null);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      const reader = res.body!.getReader();
      const chunks: Uint8Array[] = [];
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        await new Promise((resolve) => setTimeout(resolve, 1)); // a slow reader: the server meets backpressure
      }
      return { body: Buffer.concat(chunks).toString('utf8'), maxCloseListeners };
    } finally {
      server.close();
    }
  }

  it('quotes a field holding a lone line feed or carriage return, so it stays one row', async () => {
    const { body } = await serve(1, () => [{ id: 'a', description: '水管漏水\n影响楼下' }, { id: 'b', description: 'x\ry' }]);
    expect(body).toBe('\uFEFFid,description\r\na,"水管漏水\n影响楼下"\r\nb,"x\ry"\r\n');
  });

  it('waits for drain without piling up listeners on the response, however often the buffer fills', async () => {
    const filler = '楼道堆放杂物，消防通道堵塞'.repeat(40);
    const { body, maxCloseListeners } = await serve(300, (b) => Array.from({ length: 50 }, (_, i) => ({ id: `${b}-${i}`, description: filler })));
    expect(body.split('\r\n').filter(Boolean)).toHaveLength(1 + 300 * 50);
    expect(maxCloseListeners).toBeLessThan(5);
  }, 60_000);
});
