/**
 * Address standardization on the fixture registry: the GraphQL fields of the buildings subgraph,
 * the `npm run address` CLI, and the statements behind them.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStandardizer, type LoadedStandardizer } from '../address/standardizer.ts';
import { query as sql } from '../lib/db.ts';
import { dbQueryCount } from '../lib/metrics.ts';
import { LABELS_FILE } from '../importer/formats.ts';
import { writeDepartmentFiles } from '../seeds/departments.ts';
import { SHOWCASE } from '../seeds/showcase.ts';
import { buildingsSubgraph } from '../subgraphs/buildings/server.ts';
import { runCli } from './support/cli.ts';
import { openFixture } from './support/databases.ts';
import { subgraphClient } from './support/subgraph.ts';

const database = openFixture('buildings');
let client: Awaited<ReturnType<typeof subgraphClient>>;
let standardizer: LoadedStandardizer;

beforeAll(async () => {
  client = await subgraphClient(buildingsSubgraph, database);
  standardizer = await createStandardizer(database);
});
afterAll(async () => {
  await client.stop();
  await database.close();
});

const MATCH_FIELDS = `input normalized unparsed level confidence
  components { province city district subdistrict community road doorNumber estate building unit floor room }
  address { code fullName }
  reasons { component status message }
  candidates { address { code } level score }`;

describe('standardizeAddress', () => {
  it('links the showcase room however it is written', async () => {
    const texts = [
      SHOWCASE.roomFullName,
      '福田区福田街道水围社区水围村２８栋１２０３室',
      '福田區福田街道水圍社區水圍村28棟1203',
      '深圳市福田区水围村二十八栋一二零三',
      '水围28栋1203房',
      '福田区 福田街道办 水围社区居委会 水围村 28栋 1203',
    ];
    const res = await client.run(`query ($texts: [String!]!) { standardizeAddresses(texts: $texts) { ${MATCH_FIELDS} } }`, { texts });
    expect(res.errors).toBeUndefined();
    const matches = res.data!.standardizeAddresses;
    expect(matches.map((m: any) => m.input)).toEqual(texts);
    for (const m of matches) {
      expect(m, m.input).toMatchObject({ level: 'ROOM', address: { code: SHOWCASE.roomCode, fullName: SHOWCASE.roomFullName } });
      expect(m.components).toMatchObject({ building: '28', room: '1203' });
      expect(m.confidence).toBeGreaterThan(0.8);
      expect(m.reasons.find((r: any) => r.component === 'room')).toMatchObject({ status: 'MATCHED' });
    }
    expect(matches[0].confidence).toBe(1);
    expect(matches[0].normalized).toBe(SHOWCASE.roomFullName);
  });

  it('stops at the building when the room is not in it, with the reason', async () => {
    const res = await client.run(`{ standardizeAddress(text: "福田区水围村28栋9999房") { ${MATCH_FIELDS} } }`);
    const m = res.data!.standardizeAddress;
    expect(m).toMatchObject({ level: 'BUILDING', address: { code: SHOWCASE.buildingCode } });
    expect(m.reasons.find((r: any) => r.component === 'room')).toMatchObject({ status: 'NOT_FOUND' });
  });

  it('stops at the community with ranked candidates when the building is not written', async () => {
    const res = await client.run(`{ standardizeAddress(text: "福田区福田街道水围社区水围村") { ${MATCH_FIELDS} } }`);
    const m = res.data!.standardizeAddress;
    expect(m).toMatchObject({ level: 'COMMUNITY', address: { code: SHOWCASE.communityCode } });
    expect(m.candidates.length).toBeGreaterThan(1);
    for (const c of m.candidates) expect(c.address.code.startsWith(SHOWCASE.communityCode)).toBe(true);
  });

  it('links nothing for another district or empty text, and says why', async () => {
    const res = await client.run(`{
      away: standardizeAddress(text: "深圳市罗湖区东门街道东门中路1号") { level address { code } reasons { component status message } }
      empty: standardizeAddress(text: "   ") { level address { code } reasons { component status message } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.away).toMatchObject({ level: null, address: null, reasons: [{ component: 'district', status: 'CONFLICT' }] });
    expect(res.data!.away.reasons[0].message).toContain('罗湖区');
    expect(res.data!.empty).toMatchObject({ level: null, address: null, reasons: [{ component: 'text', status: 'NOT_FOUND' }] });
  });

  it('rejects too many texts and overlong text with a clear error', async () => {
    const many = await client.run(`query ($t: [String!]!) { standardizeAddresses(texts: $t) { level } }`, { t: Array(501).fill('水围村') });
    expect(many.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(many.errors?.[0].message).toContain('at most 500 texts, got 501');
    const long = await client.run(`query ($t: String!) { standardizeAddress(text: $t) { level } }`, { t: '水'.repeat(501) });
    expect(long.errors?.[0].message).toContain('at most 500');
  });
});

describe('cost', () => {
  it('matches a batch with one room statement and one address load, whatever its size', async () => {
    const rooms = await sql<{ fullName: string }>(database.knex,
      `SELECT full_name AS "fullName" FROM buildings.address WHERE level = 'ROOM' AND code LIKE ? ORDER BY code LIMIT 200`, [`${SHOWCASE.communityCode}%`]);
    expect(rooms.length).toBe(200);
    const run = async (texts: string[]) => {
      await client.run(`{ standardizeAddress(text: "水围村") { level } }`); // index loaded outside the count
      const before = await dbQueryCount('buildings');
      const res = await client.run(`query ($t: [String!]!) { standardizeAddresses(texts: $t) { level address { code fullName } } }`, { t: texts });
      expect(res.errors).toBeUndefined();
      expect(res.data!.standardizeAddresses.every((m: any) => m.level === 'ROOM')).toBe(true);
      return (await dbQueryCount('buildings')) - before;
    };
    const one = await run(rooms.slice(0, 1).map((r) => r.fullName));
    const many = await run(rooms.map((r) => r.fullName));
    expect(many).toBe(one);
    expect(many).toBeLessThanOrEqual(2);
  });

  it('finds rooms by number through (parent_code, room_no)', async () => {
    const plan = await database.knex.transaction(async (trx) => {
      await trx.raw('SET LOCAL enable_seqscan = off');
      const res = await trx.raw(`EXPLAIN SELECT a.code FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS q(building, room, i)
        JOIN buildings.address a ON a.parent_code = q.building AND a.room_no = q.room AND a.level = 'ROOM'`, [[SHOWCASE.buildingCode], ['1203']]);
      return res.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('address_room_no_idx');
  });
});

describe('every registry address standardizes to itself', () => {
  it('matches the full name of every building and room of the fixture to its own code', async () => {
    const rows = await sql<{ code: string; fullName: string }>(database.knex,
      `SELECT code, full_name AS "fullName" FROM buildings.address WHERE level IN ('BUILDING', 'ROOM') AND code < '4499' ORDER BY code`, []);
    const matches = await standardizer.standardize(rows.map((r) => r.fullName));
    const wrong = matches.filter((m, i) => m.code !== rows[i].code && m.code !== null && !rows[i].code.startsWith(m.code));
    expect(wrong.map((m) => `${m.text} → ${m.code}`)).toEqual([]);
    const exact = matches.filter((m, i) => m.code === rows[i].code).length;
    // a room number repeated in two units of one building is the only reason to stop short
    expect(exact / rows.length).toBeGreaterThan(0.99);
  });
});

describe('quality on the labelled department addresses of the fixture', () => {
  it('links with no wrong code at room, building or community level, and finds most', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'labels-'));
    try {
      await writeDepartmentFiles({ size: 'small' }, dir);
      const labels = parseCsv(await readFile(path.join(dir, LABELS_FILE)), { columns: true }) as { text: string; true_code: string }[];
      expect(labels.length).toBeGreaterThan(3000);
      const matches = await standardizer.standardize(labels.map((l) => l.text));
      for (const len of [25, 19, 12]) {
        const truth = labels.filter((l) => l.true_code.length >= len).length;
        const predicted = matches.filter((m) => (m.code ?? '').length >= len);
        const correct = matches.filter((m, i) => (m.code ?? '').length >= len && m.code!.slice(0, len) === labels[i].true_code.slice(0, len)).length;
        expect(correct / predicted.length, `precision at length ${len}`).toBeGreaterThanOrEqual(0.999);
        expect(correct / truth, `recall at length ${len}`).toBeGreaterThan(0.95);
      }
      // texts that denote no Futian address are never linked below the district
      const unlinkable = matches.filter((m, i) => labels[i].true_code === '' && (m.code ?? '').length >= 9);
      expect(unlinkable.map((m) => m.text)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run address', () => {
  const cli = (args: string[], input: string) => runCli('scripts/address.ts', args, { input });

  it('parse writes one JSON object per input line, in order', async () => {
    const { code, stdout } = await cli(['parse'], '深圳福田深南大道1006号\n福田区下沙村七坊16号601\n\n');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ text: '深圳福田深南大道1006号', components: { district: '福田区', road: '深南大道', doorNumber: '1006' } });
    expect(lines[1].components).toMatchObject({ estate: '下沙村', building: '7坊16', room: '601' });
    expect(lines[2]).toMatchObject({ text: '', components: {} });
  });

  // PGlite is one process's database: a second process must not open the folder this suite holds
  it.skipIf(!process.env.DATABASE_URL)('match adds the code, level, confidence and reasons', async () => {
    const { code, stdout, stderr } = await cli(['match'], `${SHOWCASE.roomFullName}\n罗湖区东门街道\n`);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const [room, away] = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(room).toMatchObject({ code: SHOWCASE.roomCode, level: 'ROOM', confidence: 1 });
    expect(away).toMatchObject({ code: null, level: null });
    expect(away.reasons[0].status).toBe('CONFLICT');
  });

  it('names the problem with bad arguments', async () => {
    const { code, stderr } = await cli(['frobnicate'], '');
    expect(code).toBe(2);
    expect(stderr).toContain('unknown command "frobnicate"');
  });
});
