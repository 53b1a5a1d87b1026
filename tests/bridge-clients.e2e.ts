/**
 * Real BI clients read the bridge's exports, no mocks: pandas under the system python, and
 * LibreOffice Calc headless. What they read must be what the graph holds: the same row count as
 * the graph's totalCount, Chinese text intact, 25-digit room codes as text (never 4.40304E+24).
 *
 * PostgreSQL only (the clients are slow to start, the bridge is the same on PGlite, which
 * tests/bridge-partial.e2e.ts and the REST tests cover). Without pandas or soffice these tests are
 * skipped, saying why, except in CI (CI=true), where a missing client fails them: .ci/run
 * installs python3-pandas and libreoffice-calc-nogui.
 *
 * Data: events the test writes in a fresh made-up estate (tests/support/import-registry.ts:
 * registry rows under district 449900, all-digit 25-character room codes), with
 * Chinese descriptions holding commas, quotes and line breaks; and the seeded rooms of the
 * district (25-character codes, most all digits; Chinese full names).
 */
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOWCASE } from '../seeds/showcase.ts';
import { insertEvents, type NewEvent } from './support/events-factories.ts';
import { insertTestEstate } from './support/import-registry.ts';
import { adminToken, startTestSystem, type TestSystem } from './support/system.ts';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const PYTHON = '/usr/bin/python3';
const PANDAS_SCRIPT = path.join(here, 'support', 'pandas_read.py');
const inCI = process.env.CI === 'true';

const hasPandas = spawnSync(PYTHON, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0;
const hasSoffice = spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0;
/** A describe title that says why it is skipped, when it is. */
const titled = (title: string, present: boolean, install: string) =>
  present || inCI ? title : `${title} (skipped: ${install} is not installed; .ci/run installs it)`;

/** Events written by this test: enough for three 500-row pages, each with a 25-digit room code. */
const EVENTS = 1_234;
let community: string;
const descriptionOf = (i: number) =>
  i % 3 === 0 ? `楼道堆放杂物，消防通道堵塞 (第${i}号)` : i % 3 === 1 ? `住户反映"噪音扰民", 夜间施工, 第${i}号` : `水管漏水\n影响楼下住户 第${i}号`;

type EventRowOfGraph = { id: string; description: string; address: { code: string } };
type RoomOfGraph = { code: string; fullName: string };

let t: TestSystem;
let token: string;
/** The events under `community` as the graph answers them, by id; and the graph's totalCount. */
const graphEvents = new Map<string, EventRowOfGraph>();
let eventsTotal = 0;
let roomsTotal = 0;
/** The district's rooms as the graph answers them: code -> full name. */
const graphRooms = new Map<string, string>();

async function graphPages<T>(query: string, connectionOf: (data: any) => any, variables: Record<string, unknown>): Promise<{ nodes: T[]; totalCount: number }> {
  const nodes: T[] = [];
  let after: string | null = null;
  let totalCount = 0;
  do {
    const res = await t.query(query, { ...variables, after });
    expect(res.errors).toBeUndefined();
    const connection = connectionOf(res.data);
    totalCount = connection.totalCount;
    nodes.push(...connection.edges.map((e: { node: T }) => e.node));
    after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
  } while (after);
  return { nodes, totalCount };
}

beforeAll(async () => {
  if (!process.env.DATABASE_URL) return;
  t = await startTestSystem();
  token = await adminToken();
  const estate = await insertTestEstate(t.databases.buildings);
  community = estate.community.code;
  const estateRooms = estate.buildings.flatMap((b) => b.rooms.map((r) => r.code));
  const events: NewEvent[] = Array.from({ length: EVENTS }, (_, i) => ({
    addressCode: estateRooms[i % estateRooms.length],
    kind: i % 2 ? 'DISPUTE' : 'FIRE_HAZARD',
    reportedAt: new Date(Date.UTC(2026, 2, 1) + i * 3_600_000),
    description: descriptionOf(i),
  }));
  await insertEvents(t.databases.events, events);
  const ev = await graphPages<EventRowOfGraph>(
    `query ($code: AddressCode!, $after: String) { address(code: $code) { events(first: 500, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id description address { code } } } } } }`,
    (data) => data.address.events,
    { code: community },
  );
  for (const e of ev.nodes) graphEvents.set(e.id, e);
  eventsTotal = ev.totalCount;
  const rooms = await graphPages<RoomOfGraph>(
    `query ($code: AddressCode!, $after: String) { addressesUnder(code: $code, levels: [ROOM], first: 1000, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { code fullName } } } }`,
    (data) => data.addressesUnder,
    { code: SHOWCASE.districtCode },
  );
  for (const r of rooms.nodes) graphRooms.set(r.code, r.fullName);
  roomsTotal = rooms.totalCount;
}, 180_000);

afterAll(async () => {
  if (!t) return;
  await t.databases.events.knex('events.event').where('address_code', 'like', `${community}%`).delete();
  await t.stop();
});

const url = (p: string) => `${t.baseUrl}${p}`;

/** The events export's code columns (kept as strings by pandas' dtype=str and LibreOffice's text type). */
const EVENT_CODES = ['address.code'];
const ROOM_CODES = ['code', 'parent.code', 'community.code', 'room.number'];

type PandasResult = { columns: string[]; dtypes: Record<string, string>; rows: Record<string, unknown>[]; pages: number };

async function pandas(mode: 'csv' | 'json', link: string, codeColumns: string[]): Promise<PandasResult> {
  const { stdout } = await run(PYTHON, [PANDAS_SCRIPT, mode, link, token, codeColumns.join(',')], { maxBuffer: 256 << 20 });
  return JSON.parse(stdout) as PandasResult;
}

/** Every event pandas read equals the graph's: same ids, description and room code, character for character. */
function expectEventsAsInGraph(rows: Record<string, unknown>[]): void {
  expect(rows).toHaveLength(eventsTotal);
  expect(new Set(rows.map((r) => r.id)).size).toBe(eventsTotal);
  for (const row of rows) {
    const graph = graphEvents.get(String(row.id));
    expect(graph, `row ${String(row.id)} is in the graph`).toBeDefined();
    expect(row.description).toBe(graph!.description);
    expect(row['address.code']).toBe(graph!.address.code);
    expect(row['address.code']).toMatch(/^\d{25}$/);
  }
}

/** The rooms a client read ([code, fullName]) are the graph's, each once, every code and name as the registry has it. */
function expectRoomsAsInGraph(rows: [string, string][]): void {
  expect(rows).toHaveLength(roomsTotal);
  expect(new Set(rows.map(([code]) => code)).size).toBe(roomsTotal);
  for (const [code, fullName] of rows) {
    expect(code).toMatch(/^[0-9A-Z]{25}$/);
    expect(graphRooms.get(code), `room ${code} is in the graph`).toBe(fullName);
  }
}

describe.skipIf(!process.env.DATABASE_URL)('real BI clients (PostgreSQL)', () => {
  it('the fixture: the test events are in the graph and the district has rooms', () => {
    expect(eventsTotal).toBe(EVENTS);
    expect(graphEvents.size).toBe(EVENTS);
    expect(roomsTotal).toBeGreaterThan(100);
    expect(graphRooms.size).toBe(roomsTotal);
    // most room codes are all digits, the kind a spreadsheet turns into 4.40304E+24
    expect([...graphRooms.keys()].filter((c) => /^\d{25}$/.test(c)).length).toBeGreaterThan(roomsTotal / 2);
  });

  describe.skipIf(!hasPandas && !inCI)(titled('pandas', hasPandas, 'python3-pandas'), () => {
    it('read_csv of a whole events export over HTTP (bearer token in storage_options, dtype=str for codes): every row, Chinese text and codes intact', async () => {
      const got = await pandas('csv', url(`/rest/events?under=${community}&format=csv&all=true`), EVENT_CODES);
      // the BOM is not glued to the first header
      expect(got.columns).toEqual(['id', 'kind', 'source', 'severity', 'status', 'reportedAt', 'resolvedAt', 'description', 'address.code', 'updatedAt']);
      expect(got.dtypes['address.code']).toBe('object');
      expectEventsAsInGraph(got.rows);
      expect(got.rows.filter((r) => String(r.description).includes('\n'))).toHaveLength(Math.floor(EVENTS / 3));
    }, 120_000);

    it('read_csv of the whole rooms export: as many rows as the graph\'s totalCount, 25-digit codes as text, the showcase room as the registry names it', async () => {
      const got = await pandas('csv', url('/rest/rooms?format=csv&all=true'), ROOM_CODES);
      expectRoomsAsInGraph(got.rows.map((r) => [String(r.code), String(r.fullName)]));
      const showcase = got.rows.find((r) => r.code === SHOWCASE.roomCode);
      expect(showcase).toMatchObject({ fullName: SHOWCASE.roomFullName, 'parent.code': SHOWCASE.buildingCode, 'community.code': SHOWCASE.communityCode });
    }, 120_000);

    it('pages through JSON following `next` to the end: every event once, as in the graph', async () => {
      const got = await pandas('json', url(`/rest/events?under=${community}&limit=500`), []);
      expect(got.pages).toBe(Math.ceil(EVENTS / 500));
      expectEventsAsInGraph(got.rows);
    }, 120_000);

    it('pages through the rooms in JSON pages of 1000: as many as totalCount, no room twice', async () => {
      const got = await pandas('json', url('/rest/rooms?limit=1000'), []);
      expect(got.pages).toBe(Math.ceil(roomsTotal / 1000));
      expect(got.rows).toHaveLength(roomsTotal);
      expect(new Set(got.rows.map((r) => r.code)).size).toBe(roomsTotal);
    }, 120_000);
  });

  describe.skipIf(!hasSoffice && !inCI)(titled('LibreOffice Calc headless', hasSoffice, 'libreoffice-calc-nogui (soffice)'), () => {
    let dir: string;
    /** What Calc read from each file, saved back as CSV and parsed: header first. */
    const opened = new Map<string, string[][]>();

    async function downloadTo(name: string, link: string): Promise<string> {
      const res = await fetch(url(link), { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      const file = path.join(dir, name);
      await writeFile(file, Buffer.from(await res.arrayBuffer()));
      return file;
    }

    /**
     * Opens `files` in LibreOffice Calc (headless, a user profile of this run) and saves each one's
     * first sheet as UTF-8 CSV, which is parsed into `opened`. `infilter`: the CSV import options,
     * as Calc's import dialog sets them. One soffice run for several files: each start costs seconds.
     */
    async function throughCalc(files: string[], infilter?: string): Promise<void> {
      const out = path.join(dir, `out-${randomBytes(4).toString('hex')}`);
      await run('soffice', [
        '--headless', '--norestore', `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
        ...(infilter ? [`--infilter=${infilter}`] : []),
        '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', out, ...files,
      ], { timeout: 240_000 });
      const saved = await readdir(out);
      for (const file of files) {
        const csv = `${path.basename(file, path.extname(file))}.csv`;
        expect(saved, `soffice saved ${path.basename(file)} as CSV`).toContain(csv);
        opened.set(path.basename(file), parse(await readFile(path.join(out, csv), 'utf8'), { bom: true }) as string[][]);
      }
    }

    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'bridge-lo-'));
      const events = await downloadTo('events.xlsx', `/rest/events?under=${community}&format=xlsx&all=true`);
      const rooms = await downloadTo('rooms.xlsx', '/rest/rooms?format=xlsx&all=true');
      const eventsCsv = await downloadTo('events-export.csv', `/rest/events?under=${community}&format=csv&all=true`);
      await throughCalc([events, rooms]);
      // 44: comma, 34: double quote, 76: UTF-8, 1: from line 1; column 9 (address.code) typed Text (2)
      await throughCalc([eventsCsv], 'CSV:44,34,76,1,9/2');
    }, 300_000);
    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    function expectEventsTable(table: string[][] | undefined): void {
      const [header, ...rows] = table!;
      expect(header).toEqual(['id', 'kind', 'source', 'severity', 'status', 'reportedAt', 'resolvedAt', 'description', 'address.code', 'updatedAt']);
      const at = (name: string) => header.indexOf(name);
      expectEventsAsInGraph(rows.map((r) => ({ id: r[at('id')], description: r[at('description')], 'address.code': r[at('address.code')] })));
    }

    it('opens the XLSX export: every event, Chinese text with line breaks intact, room codes as text (not 4.40304E+24)', () => {
      expectEventsTable(opened.get('events.xlsx'));
    });

    it('opens the CSV export with the code column typed Text (as its import dialog offers): every event, Chinese text and codes intact', () => {
      expectEventsTable(opened.get('events-export.csv'));
    });

    it('opens the rooms XLSX: the graph\'s rooms, code for code and name for name, the showcase room in its building', () => {
      const [header, ...rows] = opened.get('rooms.xlsx')!;
      const code = header.indexOf('code');
      expectRoomsAsInGraph(rows.map((r) => [r[code], r[header.indexOf('fullName')]]));
      const showcase = rows.find((r) => r[code] === SHOWCASE.roomCode);
      expect(showcase?.[header.indexOf('fullName')]).toBe(SHOWCASE.roomFullName);
      expect(showcase?.[header.indexOf('parent.code')]).toBe(SHOWCASE.buildingCode);
    });
  });
});
