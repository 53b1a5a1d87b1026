/**
 * The BI bridge's REST routes as an analyst's tools use them: pages and whole exports of every set
 * in JSON, NDJSON, CSV and XLSX, filters, cursors, problems, the OpenAPI document and its docs page,
 * all through the real gateway with real tokens.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { compileErrors, validate } from '@readme/openapi-parser';
import { signDevToken } from '../lib/auth/dev-keys.ts';
import { VIEWS } from '../bridge/views/index.ts';
import { adminToken, startTestSystem, type TestSystem } from './support/system.ts';
import { insertTestEstate, type TestEstate } from './support/import-registry.ts';
import { deleteEvents, insertEvents } from './support/events-factories.ts';
import { budgetedHeapLimitMb, startChild, startScript } from './support/process.ts';
import { HEAP_BUDGET_MB } from '../lib/heap-budget.ts';
import { createApiKeyStore } from '../access/store.ts';

let system: TestSystem;
let estate: TestEstate;
let eventIds: string[];
let admin: string;
const rooms = () => estate.buildings.flatMap((b) => b.rooms);

/** GET a bridge URL with a bearer token (admin unless given; null: none). */
async function get(path: string, token: string | null = admin, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(path.startsWith('http') ? path : `${system.baseUrl}${path}`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
}

async function json<T = Record<string, unknown>>(path: string, token: string | null = admin): Promise<{ status: number; body: T; response: Response }> {
  const response = await get(path, token);
  return { status: response.status, body: (await response.json()) as T, response };
}

type Page = { set: string; rows: Record<string, unknown>[]; next: string | null };

beforeAll(async () => {
  system = await startTestSystem();
  admin = await adminToken();
  estate = await insertTestEstate(system.databases.buildings, { roomNos: ['101', '102', '201', '202', '301'] });
  // 23 events over the estate's rooms, a day apart, one whose text a spreadsheet would run as a formula
  eventIds = await insertEvents(
    system.databases.events,
    Array.from({ length: 23 }, (_, i) => ({
      addressCode: rooms()[i % rooms().length].code,
      kind: i % 3 === 0 ? ('FIRE_HAZARD' as const) : ('DISPUTE' as const),
      status: i % 2 === 0 ? ('REPORTED' as const) : ('CLOSED' as const),
      reportedAt: new Date(Date.UTC(2026, 2, 1 + i, 2, 0, 0)),
      description: i === 0 ? '=HYPERLINK("http://evil.example","点我")' : `楼道堆放杂物，第${i}次, "复查"`,
    })),
  );
});

afterAll(async () => {
  if (eventIds) await deleteEvents(system.databases.events, eventIds);
  await system?.stop();
});

describe('the list of sets', () => {
  it('names every set of the registry with its links', async () => {
    const { status, body } = await json<{ sets: { name: string; url: string }[]; openapi: string }>('/rest/');
    expect(status).toBe(200);
    expect(body.sets.map((s) => s.name)).toEqual(VIEWS.map((v) => v.name));
    expect(body.sets.find((s) => s.name === 'events')!.url).toBe(`${system.baseUrl}/rest/events`);
  });
});

describe('every set', () => {
  it.each(VIEWS.map((v) => [v.name, v] as const))('%s: a first page with the registry\'s columns, keys unique, and CSV with the same header', async (name, view) => {
    const { status, body } = await json<Page>(`/rest/${name}?limit=50`);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.rows.length).toBeGreaterThan(0);
    for (const row of body.rows) expect(Object.keys(row)).toEqual(view.columns.map((c) => c.name));
    const keys = body.rows.map((r) => view.key.map((k) => r[k]).join('|'));
    expect(new Set(keys).size).toBe(keys.length);
    for (const row of body.rows) for (const c of view.columns.filter((c) => !c.nullable)) expect(row[c.name], `${name}.${c.name}`).not.toBeNull();
    const csv = await get(`/rest/${name}?limit=5&format=csv`);
    expect((await csv.text()).split('\r\n')[0]).toBe(view.columns.map((c) => c.name).join(',')); // (text() drops the BOM)
  });
});

describe('JSON pages', () => {
  it('pages through a community with Link and next, every event once, newest first', async () => {
    const seen: string[] = [];
    let url: string | null = `/rest/events?under=${estate.community.code}&limit=10`;
    let pages = 0;
    while (url) {
      const { status, body, response }: { status: number; body: Page; response: Response } = await json<Page>(url);
      expect(status).toBe(200);
      pages++;
      seen.push(...body.rows.map((r) => r.id as string));
      if (body.next) expect(response.headers.get('link')).toBe(`<${body.next}>; rel="next"`);
      else expect(response.headers.get('link')).toBeNull();
      url = body.next;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(23);
    expect(new Set(seen)).toEqual(new Set(eventIds));
    // newest first: the last inserted (latest reportedAt) comes first
    expect(seen[0]).toBe(eventIds[22]);
  });

  it('gives the columns of the registry, flattened to dotted names', async () => {
    const { body } = await json<Page>(`/rest/events?under=${estate.community.code}&limit=1`);
    expect(Object.keys(body.rows[0])).toEqual(VIEWS.find((v) => v.name === 'events')!.columns.map((c) => c.name));
    expect(body.rows[0]).toMatchObject({ kind: expect.any(String), 'address.code': expect.stringMatching(/^[0-9A-Z]{25}$/) });
  });

  it('pushes filters down: kind, status and a reportedAt range with an offset', async () => {
    const { body } = await json<Page>(`/rest/events?under=${estate.community.code}&kind=FIRE_HAZARD&status=REPORTED&from=2026-03-05T10:00:00+08:00&to=2026-03-20T00:00:00%2B08:00&limit=100`);
    // i % 3 == 0 and i % 2 == 0 -> i in {0, 6, 12, 18}; reported 2026-03-(1+i) 02:00Z; from 03-05 02:00Z, to 03-19 16:00Z -> i = 18, 12, 6
    expect(body.rows.map((r) => r.id)).toEqual([eventIds[18], eventIds[12], eventIds[6]]);
  });

  it('returns what the graph returns for the same arguments', async () => {
    const graph = await system.query(
      `query($code: AddressCode!) { address(code: $code) { events(first: 500, status: [CLOSED]) { totalCount edges { node { id } } } } }`,
      { code: estate.community.code },
    );
    const { body } = await json<Page>(`/rest/events?under=${estate.community.code}&status=CLOSED&limit=500`);
    const edges = (graph.data as { address: { events: { totalCount: number; edges: { node: { id: string } }[] } } }).address.events;
    expect(body.rows.map((r) => r.id)).toEqual(edges.edges.map((e) => e.node.id));
    expect(body.rows).toHaveLength(11);
  });
});

describe('whole exports', () => {
  it('CSV: UTF-8 BOM, CRLF, quoted as RFC 4180 says, formulas escaped, Chinese intact', async () => {
    const response = await get(`/rest/events?under=${estate.community.code}&format=csv&all=true`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="events.csv"');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('id,kind,source,severity,status,reportedAt,resolvedAt,description,address.code,updatedAt');
    expect(lines.at(-1)).toBe(''); // ends with CRLF
    expect(lines).toHaveLength(1 + 23 + 1);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
    expect(text).toContain('"楼道堆放杂物，第1次, ""复查"""');
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('NDJSON: one JSON row per line, all of them', async () => {
    const response = await get(`/rest/events?under=${estate.community.code}&all=true`, admin, { accept: 'application/x-ndjson' });
    expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const rows = (await response.text()).trim().split('\n').map((l) => JSON.parse(l) as { id: string });
    expect(rows.map((r) => r.id).sort()).toEqual([...eventIds].sort());
  });

  it('XLSX: a workbook whose codes are text, dates are dates and Chinese is intact', async () => {
    const response = await get(`/rest/rooms?under=${estate.community.code}&format=xlsx&all=true`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Rooms')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual(['code', 'name', 'fullName', 'parent.code']);
    const codes = [];
    for (let r = 2; r <= sheet.rowCount; r++) codes.push(sheet.getRow(r).getCell(1).value);
    expect(codes).toEqual(rooms().map((room) => room.code).sort());
    for (const code of codes) expect(typeof code).toBe('string');
    expect(String(sheet.getRow(2).getCell(3).value)).toContain(estate.estate);
  });

  it('JSON with all=true: one document with every row and no next', async () => {
    const { body } = await json<Page>(`/rest/events?under=${estate.community.code}&all=true`);
    expect(body.rows).toHaveLength(23);
    expect(body.next).toBeNull();
  });
});

describe('access control is the graph\'s', () => {
  it('a grid worker confined to another community gets no rows of this one', async () => {
    const other = await signDevToken({ subject: 'bridge-other', roles: ['grid-worker'], communities: ['440304004028'] });
    const { status, body } = await json<Page>(`/rest/events?under=${estate.community.code}`, other);
    expect(status).toBe(200);
    expect(body.rows).toEqual([]);
  });

  it('a grid worker of this community gets its events', async () => {
    const own = await signDevToken({ subject: 'bridge-own', roles: ['grid-worker'], communities: [estate.community.code] });
    const { body } = await json<Page>(`/rest/events?under=${estate.community.code}&limit=100`, own);
    expect(body.rows).toHaveLength(23);
  });

  it('a token without the scope gets 403 and a problem, never an empty table', async () => {
    const eventsOnly = await signDevToken({ subject: 'bridge-events-only', scopes: ['events:read'] });
    const response = await get('/rest/people?limit=5', eventsOnly);
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ status: 403, type: expect.stringMatching(/^urn:address-graph:problem:/) });
  });

  it('masks people as the scopes say', async () => {
    const analyst = await signDevToken({ subject: 'bridge-analyst', scopes: ['people:read'] });
    const { status, body } = await json<Page>('/rest/people?limit=20', analyst);
    expect(status).toBe(200);
    expect(body.rows.length).toBeGreaterThan(0);
    for (const row of body.rows) {
      expect(row.idNumber).toMatch(/^\*{18}$/);
      expect(row.birthDate).toBeNull();
      expect(row.birthYear).toEqual(expect.any(Number));
    }
  });

  it('an invalid token gets the gateway\'s 401 as a problem', async () => {
    const response = await get('/rest/events', 'not-a-jwt');
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect((await response.json()) as object).toMatchObject({ code: 'INVALID_TOKEN' });
  });
});

describe('API keys, as scheduled refreshes send them', () => {
  it('a key as the password of HTTP Basic reads the sets its scopes and communities allow; revoked, it gets a 401 problem with a Basic challenge', async () => {
    const store = createApiKeyStore(system.accessDatabase.knex);
    const { key, apiKey } = await store.create({ name: 'community dashboard', scopes: ['events:read'], communities: [estate.community.code] });
    const basic = { authorization: `Basic ${Buffer.from(`powerbi:${key}`).toString('base64')}` };
    const page = await get(`/rest/events?under=${estate.community.code}&limit=100`, null, basic);
    expect(page.status).toBe(200);
    expect(((await page.json()) as Page).rows).toHaveLength(23);
    const viaHeader = await get(`/rest/events?under=${estate.community.code}&limit=1`, null, { api_key: key });
    expect(viaHeader.status).toBe(200);
    expect((await get('/rest/people?limit=1', null, basic)).status).toBe(403);
    await store.revoke(apiKey.id);
    await new Promise((r) => setTimeout(r, 1500)); // the key cache holds a row for a second
    const refused = await get(`/rest/events?limit=1`, null, basic);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/Basic/);
    expect(await refused.json()).toMatchObject({ code: 'API_KEY_REVOKED', status: 401 });
  });
});

describe('bad requests get a problem naming the fault', () => {
  it.each([
    ['/rest/events?stauts=REPORTED', 'stauts'],
    ['/rest/events?kind=FIRE', 'kind'],
    ['/rest/events?from=2026-13-01T00:00:00Z', 'from'],
    ['/rest/events?limit=100000', 'limit'],
    ['/rest/events?format=pdf', 'format'],
    ['/rest/events?under=12', 'under'],
  ])('%s -> 400 naming %s', async (path, parameter) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ status: 400, parameter, code: 'BAD_USER_INPUT' });
  });

  it('an unknown set is 404, an unserved Accept 406, a tampered cursor 400', async () => {
    expect((await get('/rest/nothing')).status).toBe(404);
    expect((await get('/rest/events', admin, { accept: 'image/png' })).status).toBe(406);
    const tampered = await get('/rest/events?cursor=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(tampered.status).toBe(400);
    expect(await tampered.json()).toMatchObject({ code: 'INVALID_CURSOR' });
  });
});

describe('OpenAPI', () => {
  it('is a valid OpenAPI 3.1 document with a path per set', async () => {
    const { status, body } = await json<{ openapi: string; paths: Record<string, unknown> }>('/rest/openapi.json', null);
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toEqual(VIEWS.map((v) => `/rest/${v.name}`));
    const result = await validate(structuredClone(body) as never);
    expect(result.valid ? '' : compileErrors(result)).toBe('');
    expect(result.valid).toBe(true);
  });

  it('has a docs page that loads nothing from the internet', async () => {
    const page = await get('/rest/docs/', null);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('validatorUrl: null');
    expect(html).not.toMatch(/https?:\/\//);
    for (const asset of ['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js']) {
      const response = await get(`/rest/docs/${asset}`, null);
      expect(response.status).toBe(200);
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
  });
});

describe('the bridge on its own (npm run bridge)', () => {
  it('serves the same rows through a gateway reached over HTTP, as the caller, under the heap budget', async () => {
    const child = startScript('bridge', [], { BRIDGE_GATEWAY_URL: system.gatewayUrl, BRIDGE_PORT: '0', HOST: '127.0.0.1' });
    try {
      await child.waitFor('bridge ready', 60_000);
      // npm run bridge runs with lib/heap-budget.ts's budget: V8's limit is what that flag gives
      const budgeted = budgetedHeapLimitMb();
      expect(Number(/"heapLimitMb":(\d+)/.exec(child.stdout())?.[1])).toBe(budgeted);
      expect(budgeted).toBeLessThan(HEAP_BUDGET_MB * 2);
      const base = /"url":"(http:\/\/localhost:\d+)\/rest\/"/.exec(child.stdout())![1];
      const alone = await fetch(`${base}/rest/events?under=${estate.community.code}&limit=100`, { headers: { authorization: `Bearer ${admin}` } });
      const inGateway = await json<Page>(`/rest/events?under=${estate.community.code}&limit=100`);
      expect(alone.status).toBe(200);
      expect(((await alone.json()) as Page).rows).toEqual(inGateway.body.rows);
      // no credentials of its own: without a token it gets what an anonymous caller gets
      expect([401, 403]).toContain((await fetch(`${base}/rest/people?limit=1`)).status);
    } finally {
      child.process.kill('SIGTERM');
      await child.exited;
    }
  });
});

describe('whole exports at once (BRIDGE_MAX_EXPORTS)', () => {
  it('streams one export, refuses a second while it runs with a 503 problem and Retry-After, and admits the next when it ends', async () => {
    // the bridge alone, reaching the gateway through a proxy that holds every answer 1.5 s, so the
    // first export is still streaming when the second arrives
    const proxy = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name))) as Record<string, string>;
      const answer = await fetch(system.gatewayUrl, { method: req.method, headers, body: Buffer.concat(chunks) });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql`;
    const child = startChild('bridge/index.ts', [], { BRIDGE_GATEWAY_URL: proxyUrl, BRIDGE_PORT: '0', HOST: '127.0.0.1', BRIDGE_MAX_EXPORTS: '1' });
    try {
      await child.waitFor('bridge ready', 60_000);
      const base = /"url":"(http:\/\/localhost:\d+)\/rest\/"/.exec(child.stdout())![1];
      const exportEvents = () => fetch(`${base}/rest/events?under=${estate.community.code}&format=csv&all=true`, { headers: { authorization: `Bearer ${admin}` } });
      const first = exportEvents();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const refused = await exportEvents();
      expect(refused.status).toBe(503);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      const problem = (await refused.json()) as { code: string; detail: string };
      expect(problem.code).toBe('EXPORTS_BUSY');
      expect(problem.detail).toContain('BRIDGE_MAX_EXPORTS');
      // a page is not a whole export: it is served while the export streams
      expect((await fetch(`${base}/rest/events?under=${estate.community.code}&limit=5`, { headers: { authorization: `Bearer ${admin}` } })).status).toBe(200);
      const done = await first;
      expect(done.status).toBe(200);
      const rows = (await done.text()).trim().split('\r\n').length - 1;
      expect(rows).toBe(eventIds.length);
      // the slot is back: the next export streams in full
      const next = await exportEvents();
      expect(next.status).toBe(200);
      expect((await next.text()).trim().split('\r\n').length - 1).toBe(eventIds.length);
    } finally {
      child.process.kill('SIGTERM');
      await child.exited;
      await new Promise((resolve) => proxy.close(resolve));
    }
  });
});

describe('the rate limit counts client requests, not pages', () => {
  it('a whole export of many pages is one request; the limit still refuses the client past it, as a problem', async () => {
    const limited = await startTestSystem({ limits: { rateLimitPerMinute: 2 } });
    try {
      const token = await signDevToken({ subject: `bridge-rate-${Date.now()}`, roles: ['analyst'] });
      const exportRooms = () => fetch(`${limited.baseUrl}/rest/rooms?format=ndjson&all=true`, { headers: { authorization: `Bearer ${token}` } });
      const first = await exportRooms();
      expect(first.status).toBe(200);
      const lines = (await first.text()).trim().split('\n');
      expect(lines.length).toBeGreaterThan(500); // a first page of 500, then more: several graph requests
      expect((await exportRooms()).status).toBe(200);
      const third = await exportRooms();
      expect(third.status).toBe(429);
      expect(third.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await third.json()).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    } finally {
      await limited.stop();
    }
  });
});
