/**
 * Never silently partial: when a subgraph fails while the bridge produces a table, the client
 * gets an error, never a short table that looks complete.
 *
 * - Down before the request: every format, page or whole export, is a 502 problem document naming
 *   the subgraph, and not one row is streamed.
 * - Down in the middle of a whole export (`all=true`, after the first chunk has reached the
 *   client): the CSV ends with a `#ERROR` line and a truncated chunked body, NDJSON with an
 *   `@error` line and a truncated body, and the XLSX is no zip a spreadsheet could open.
 *
 * The events exported lie in a fresh made-up estate (registry rows under district 449900, so no
 * seeded roll-up sees them): enough of them for many pages
 * (`all=true` pages grow 500 -> 2000 -> 5000), so the export is still running when the subgraph
 * stops however quickly the first pages come.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFixture } from './support/databases.ts';
import { insertEvents, type NewEvent } from './support/events-factories.ts';
import { insertTestEstate } from './support/import-registry.ts';
import { adminToken, startTestSystem, type TestSystem } from './support/system.ts';

/** More rows than the first pages plus one prefetched page can hold: 500 + 2000 + 4 x 5000 + 1500. */
const ROWS = 24_000;
let community: string;
const EXPORT = (format: string) => `/rest/events?under=${community}&format=${format}&all=true`;

let token: string;

beforeAll(async () => {
  token = await adminToken();
  const buildings = openFixture('buildings');
  const database = openFixture('events');
  try {
    const estate = await insertTestEstate(buildings);
    community = estate.community.code;
    const rooms = estate.buildings.flatMap((b) => b.rooms.map((r) => r.code));
    const events: NewEvent[] = Array.from({ length: ROWS }, (_, i) => ({
      addressCode: rooms[i % rooms.length],
      kind: 'FIRE_HAZARD',
      reportedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
      description: `楼道堆放杂物 第${i}号`,
    }));
    for (let i = 0; i < events.length; i += 4000) await insertEvents(database, events.slice(i, i + 4000));
  } finally {
    await database.close();
    await buildings.close();
  }
}, 300_000);

afterAll(async () => {
  const database = openFixture('events');
  try {
    await database.knex('events.event').where('address_code', 'like', `${community}%`).delete();
  } finally {
    await database.close();
  }
}, 120_000);

async function get(t: TestSystem, path: string): Promise<Response> {
  return fetch(`${t.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
}

type Download = { body: Buffer; failed: Error | null };

/**
 * Reads a response body to its end as a client would, calling `afterFirstChunk` once the first
 * bytes have arrived; `failed` is the error the read ended with (null: the body ended cleanly).
 */
async function download(res: Response, afterFirstChunk: () => Promise<void>): Promise<Download> {
  const reader = res.body!.getReader();
  const chunks: Uint8Array[] = [];
  let first = true;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { body: Buffer.concat(chunks), failed: null };
      chunks.push(value);
      if (first) {
        first = false;
        await afterFirstChunk();
      }
    }
  } catch (error) {
    return { body: Buffer.concat(chunks), failed: error as Error };
  }
}

/**
 * Starts a whole export of `format`, stops the events subgraph once it is under way, reads it to
 * the end. Under way: after the first chunk of a CSV or NDJSON body; for XLSX as soon as the
 * response starts (the bridge answers only after the first page came back), because the XLSX
 * writer holds its zip back and its first chunk can come late enough for every page to be in.
 */
async function exportWithEventsStopping(t: TestSystem, format: string): Promise<{ res: Response } & Download> {
  const res = await get(t, EXPORT(format));
  expect(res.status).toBe(200);
  expect(res.headers.get('transfer-encoding')).toBe('chunked');
  const stop = () => t.system.stopSubgraph('events');
  if (format === 'xlsx') {
    await stop();
    return { res, ...(await download(res, async () => {})) };
  }
  return { res, ...(await download(res, stop)) };
}

const lines = (body: Buffer) => body.toString('utf8').split(/\r?\n/).filter((line) => line !== '');

describe('a whole export whose subgraph stops after the first chunk', () => {
  it('CSV: ends with a #ERROR line naming the failure, the body read fails, and fewer data rows than the set has', async () => {
    const t = await startTestSystem();
    try {
      const { body, failed } = await exportWithEventsStopping(t, 'csv');
      expect(failed, 'the chunked body must be cut, not ended').not.toBeNull();
      const all = lines(body);
      expect(all[0]).toBe('\uFEFFid,kind,source,severity,status,reportedAt,resolvedAt,description,address.code,updatedAt');
      const last = all.at(-1)!;
      expect(last).toMatch(/^#ERROR: export incomplete, do not use this file: /);
      expect(last).toContain('events');
      // the last line has one column where the header has ten: no CSV reader takes it for a row
      expect(last.split(',').length).toBeLessThan(10);
      const dataRows = all.slice(1, -1);
      expect(dataRows.length).toBeGreaterThanOrEqual(500);
      expect(dataRows.length).toBeLessThan(ROWS);
      expect(dataRows.every((row) => row.includes(community))).toBe(true);
    } finally {
      await t.stop();
    }
  }, 180_000);

  it('XLSX: the body read fails and what arrived is no valid xlsx (no zip central directory)', async () => {
    const t = await startTestSystem();
    try {
      const { body, failed } = await exportWithEventsStopping(t, 'xlsx');
      expect(failed, 'the chunked body must be cut, not ended').not.toBeNull();
      expect(body.subarray(0, 2).toString('latin1')).toBe('PK'); // it had started as a zip
      expect(body.includes(Buffer.from([0x50, 0x4b, 0x05, 0x06]))).toBe(false); // end of central directory
      await expect(new ExcelJS.Workbook().xlsx.load(body as unknown as ArrayBuffer)).rejects.toThrow();
    } finally {
      await t.stop();
    }
  }, 180_000);

  it('NDJSON: ends with an @error line naming the failure and the body read fails', async () => {
    const t = await startTestSystem();
    try {
      const { body, failed } = await exportWithEventsStopping(t, 'ndjson');
      expect(failed, 'the chunked body must be cut, not ended').not.toBeNull();
      const all = lines(body).map((line) => JSON.parse(line) as Record<string, unknown>);
      const last = all.at(-1)!;
      expect(Object.keys(last)).toEqual(['@error']);
      expect((last['@error'] as { detail: string }).detail).toMatch(/^export incomplete: .*events/);
      const rows = all.slice(0, -1);
      expect(rows.length).toBeGreaterThanOrEqual(500);
      expect(rows.length).toBeLessThan(ROWS);
      expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    } finally {
      await t.stop();
    }
  }, 180_000);
});

describe('the events subgraph down before the request', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem();
    // the set answers while the subgraph is up
    const up = await get(t, `/rest/events?under=${community}&limit=10`);
    expect(up.status).toBe(200);
    expect(((await up.json()) as { rows: unknown[] }).rows).toHaveLength(10);
    await t.system.stopSubgraph('events');
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
  });

  // paths are made when the test runs: the community is made in beforeAll
  const requests: [string, () => string][] = [
    ['a JSON page', () => `/rest/events?under=${community}&limit=100`],
    ['a CSV page', () => `/rest/events?under=${community}&limit=100&format=csv`],
    ...['json', 'ndjson', 'csv', 'xlsx'].map((format): [string, () => string] => [`a whole ${format.toUpperCase()} export`, () => EXPORT(format)]),
  ];

  it.each(requests)('%s: 502 problem+json naming the events subgraph, and no rows', async (_, path) => {
    const res = await get(t, path());
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({ status: 502, code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'events' });
    expect(String(problem.detail)).toContain('events');
    expect(problem).not.toHaveProperty('rows');
  });
});
