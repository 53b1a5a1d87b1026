/**
 * The bridge's OData v4 service as Power BI, Excel and OData libraries use it, through the real
 * gateway with real tokens: the service document and $metadata, every query option, filters
 * pushed down into the graph (checked against what GraphQL returns for the same arguments) and
 * evaluated on the rows under a scan cap, signed server-driven paging, a real OData client
 * walking every nextLink, Power Query's own request sequence, and a subgraph failing mid-page.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { o } from 'odata';
import { SaxesParser } from 'saxes';
import { signDevToken } from '../lib/auth/dev-keys.ts';
import { createApiKeyStore } from '../access/store.ts';
import { httpExecutor, type Executor } from '../bridge/execute.ts';
import { createBridge } from '../bridge/server.ts';
import { createOData } from '../bridge/odata/index.ts';
import { VIEWS } from '../bridge/views/index.ts';
import { adminToken, startTestSystem, type TestSystem } from './support/system.ts';
import { insertTestEstate, type TestEstate } from './support/import-registry.ts';
import { deleteEvents, insertEvents } from './support/events-factories.ts';

let system: TestSystem;
let estate: TestEstate;
let eventIds: string[];
let admin: string;
const rooms = () => estate.buildings.flatMap((b) => b.rooms);

/** `updatedAt` of event i: 2026-03-(1+i) 00:00 in Shenzhen (+08:00). */
const updatedAtOf = (i: number) => new Date(Date.UTC(2026, 2, 1 + i, 0, 0, 0) - 8 * 3_600_000);
const N = 23;

type Collection = { '@odata.context': string; '@odata.count'?: number; '@odata.nextLink'?: string; value: Record<string, unknown>[] };
type ODataError = { error: { code: string; message: string; target?: string } };

/** GET an OData URL (relative to the gateway) as admin unless a token is given (null: none). */
async function get(path: string, token: string | null = admin, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(path.startsWith('http') ? path : `${system.baseUrl}${path}`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
}

async function json<T = Collection>(path: string, token: string | null = admin, headers: Record<string, string> = {}): Promise<{ status: number; body: T; response: Response }> {
  const response = await get(path, token, headers);
  return { status: response.status, body: (await response.json()) as T, response };
}

/** Every row of a collection URL, following @odata.nextLink to the end. */
async function walk(path: string, headers: Record<string, string> = {}, token: string | null = admin): Promise<{ rows: Record<string, unknown>[]; pages: number; links: string[] }> {
  const rows: Record<string, unknown>[] = [];
  const links: string[] = [];
  let url: string | undefined = path;
  type Step = { status: number; body: Collection };
  let pages = 0;
  while (url) {
    const { status, body }: Step = await json(url, token, headers);
    expect(status, JSON.stringify(body)).toBe(200);
    pages++;
    rows.push(...body.value);
    url = body['@odata.nextLink'];
    if (url) links.push(url);
  }
  return { rows, pages, links };
}

const community = () => `startswith(address_code,'${estate.community.code}')`;
const q = (text: string) => encodeURIComponent(text);

/** The community's events as GraphQL returns them for the given arguments, in order. */
async function graphEvents(args: Record<string, unknown> = {}): Promise<{ id: string; kind: string; status: string; severity: string; description: string; reportedAt: string; updatedAt: string }[]> {
  const res = await system.query(
    `query($code: AddressCode!, $kind: [EventKind!], $status: [EventStatus!], $updatedSince: DateTime, $updatedBefore: DateTime) {
      address(code: $code) { events(first: 500, kind: $kind, status: $status, updatedSince: $updatedSince, updatedBefore: $updatedBefore) {
        edges { node { id kind status severity description reportedAt updatedAt } } } } }`,
    { code: estate.community.code, ...args },
  );
  expect(res.errors).toBeUndefined();
  return (res.data as { address: { events: { edges: { node: never }[] } } }).address.events.edges.map((e) => e.node);
}

beforeAll(async () => {
  system = await startTestSystem();
  admin = await adminToken();
  estate = await insertTestEstate(system.databases.buildings, { roomNos: ['101', '102', '201', '202', '301'] });
  eventIds = await insertEvents(
    system.databases.events,
    Array.from({ length: N }, (_, i) => ({
      addressCode: rooms()[i % rooms().length].code,
      kind: i % 3 === 0 ? ('FIRE_HAZARD' as const) : i % 3 === 1 ? ('DISPUTE' as const) : ('SANITATION' as const),
      status: i % 2 === 0 ? ('REPORTED' as const) : ('CLOSED' as const),
      severity: i % 4 === 0 ? ('HIGH' as const) : ('LOW' as const),
      reportedAt: new Date(Date.UTC(2026, 2, 1 + i, 2, 0, 0)),
      updatedAt: updatedAtOf(i),
      description: i % 5 === 0 ? `电梯故障，第${i}次` : `楼道堆放杂物，第${i}次, 'quoted'`,
    })),
  );
});

afterAll(async () => {
  if (eventIds) await deleteEvents(system.databases.events, eventIds);
  await system?.stop();
});

describe('the service document and $metadata', () => {
  it('lists every entity set of the registry, with exactly one OData-Version header', async () => {
    const { status, body, response } = await json<{ '@odata.context': string; value: { name: string; kind: string; url: string }[] }>('/odata/', null);
    expect(status).toBe(200);
    expect(response.headers.get('odata-version')).toBe('4.0');
    expect(response.headers.get('content-type')).toMatch(/^application\/json;odata\.metadata=minimal/);
    expect(body['@odata.context']).toBe(`${system.baseUrl}/odata/$metadata`);
    expect(body.value.map((s) => s.name)).toEqual(VIEWS.map((v) => v.entitySet));
    expect(body.value.every((s) => s.kind === 'EntitySet' && s.url === s.name)).toBe(true);
  });

  it('is well-formed CSDL with an entity type per set, its key and typed, nullable-marked properties', async () => {
    const response = await get('/odata/$metadata', null);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(response.headers.get('odata-version')).toBe('4.0');
    const text = await response.text();
    // a real XML parser: throws on anything not well-formed
    const types = new Map<string, { key: string[]; properties: Map<string, { type: string; nullable: string }> }>();
    const sets = new Map<string, string>();
    let current: string | null = null;
    let version = '';
    const parser = new SaxesParser({ xmlns: true });
    parser.on('opentag', (tag) => {
      const attr = (name: string) => String(tag.attributes[name]?.value ?? '');
      if (tag.local === 'Edmx') version = attr('Version');
      if (tag.local === 'EntityType') types.set((current = attr('Name')), { key: [], properties: new Map() });
      if (tag.local === 'PropertyRef') types.get(current!)!.key.push(attr('Name'));
      if (tag.local === 'Property') types.get(current!)!.properties.set(attr('Name'), { type: attr('Type'), nullable: attr('Nullable') });
      if (tag.local === 'EntitySet') sets.set(attr('Name'), attr('EntityType'));
    });
    parser.write(text).close();
    expect(version).toBe('4.0');
    expect([...sets.keys()]).toEqual(VIEWS.map((v) => v.entitySet));
    for (const view of VIEWS) {
      expect(sets.get(view.entitySet)).toBe(`AddressGraph.${view.entityType}`);
      const type = types.get(view.entityType)!;
      expect(type.key).toEqual(view.key.map((k) => k.replace(/\./g, '_')));
      expect([...type.properties.keys()]).toEqual(view.columns.map((c) => c.name.replace(/\./g, '_')));
    }
    const event = types.get('Event')!.properties;
    expect(event.get('id')).toEqual({ type: 'Edm.String', nullable: 'false' });
    expect(event.get('reportedAt')).toEqual({ type: 'Edm.DateTimeOffset', nullable: 'false' });
    expect(event.get('resolvedAt')).toEqual({ type: 'Edm.DateTimeOffset', nullable: 'true' });
    expect(event.get('address_code')).toEqual({ type: 'Edm.String', nullable: 'false' });
    expect(types.get('Case')!.properties.get('filedOn')!.type).toBe('Edm.Date');
    expect(types.get('Building')!.properties.get('building_floorsAboveGround')!.type).toBe('Edm.Int32');
    expect(types.get('Building')!.properties.get('building_location_latitude')!.type).toBe('Edm.Double');
    expect(types.get('Residence')!.properties.get('current')!.type).toBe('Edm.Boolean');
    // enum columns stay strings, their values named in the description
    expect(text).toMatch(/<Property Name="kind" Type="Edm.String" Nullable="false"><Annotation Term="Core.Description" String="[^"]*One of: [^"]*FIRE_HAZARD/);
  });
});

describe('an entity set', () => {
  it('answers with @odata.context, the properties of $metadata and the rows GraphQL gives, in order', async () => {
    const { status, body, response } = await json(`/odata/Events?$filter=${q(community())}`);
    expect(status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json;odata\.metadata=minimal/);
    expect(body['@odata.context']).toBe(`${system.baseUrl}/odata/$metadata#Events`);
    expect(body.value.map((r) => r.id)).toEqual((await graphEvents()).map((e) => e.id));
    expect(Object.keys(body.value[0])).toEqual(VIEWS.find((v) => v.name === 'events')!.columns.map((c) => c.name.replace(/\./g, '_')));
    expect(body['@odata.nextLink']).toBeUndefined();
  });

  it('$select picks properties and the context names them', async () => {
    const { body } = await json(`/odata/Events?$select=id,kind&$filter=${q(community())}`);
    expect(body['@odata.context']).toBe(`${system.baseUrl}/odata/$metadata#Events(id,kind)`);
    expect(body.value).toHaveLength(N);
    for (const row of body.value) expect(Object.keys(row)).toEqual(['id', 'kind']);
  });

  it('pushes updatedAt ge/lt with offsets down: exactly the rows GraphQL returns for updatedSince/updatedBefore', async () => {
    const since = '2026-03-05T00:00:00+08:00';
    const before = '2026-03-12T00:00:00+08:00';
    const { body } = await json(`/odata/Events?$filter=${q(`${community()} and updatedAt ge ${since} and updatedAt lt ${before}`)}`);
    const graph = await graphEvents({ updatedSince: since, updatedBefore: before });
    expect(graph).toHaveLength(7); // i = 4..10
    expect(body.value.map((r) => r.id)).toEqual(graph.map((e) => e.id));
  });

  it('pushes kind lists down, as eq, as an or of eq and as in', async () => {
    const graph = (await graphEvents({ kind: ['FIRE_HAZARD', 'SANITATION'] })).map((e) => e.id);
    expect(graph).toHaveLength(15);
    for (const filter of [`(kind eq 'FIRE_HAZARD' or kind eq 'SANITATION')`, `kind in ('FIRE_HAZARD','SANITATION')`, `(kind eq 'SANITATION' or kind eq 'FIRE_HAZARD')`]) {
      const { status, body } = await json(`/odata/Events?$filter=${q(`${community()} and ${filter}`)}`);
      expect(status).toBe(200);
      expect(body.value.map((r) => r.id)).toEqual(graph);
    }
    const single = await json(`/odata/Events?$filter=${q(`kind eq 'DISPUTE' and ${community()}`)}`);
    expect(single.body.value.map((r) => r.id)).toEqual((await graphEvents({ kind: ['DISPUTE'] })).map((e) => e.id));
  });

  it('evaluates other terms on the rows: the same rows as filtering GraphQL\'s answer', async () => {
    const all = await graphEvents();
    const cases: [string, (e: (typeof all)[number]) => boolean][] = [
      [`contains(description,'电梯') and severity eq 'HIGH'`, (e) => e.description.includes('电梯') && e.severity === 'HIGH'],
      // not binds tighter than and (the parser alone would read not (A and B))
      [`not (kind eq 'DISPUTE') and severity ne 'HIGH'`, (e) => e.kind !== 'DISPUTE' && e.severity !== 'HIGH'],
      [`not contains(description,'电梯') and not (kind eq 'DISPUTE' or severity eq 'LOW')`, (e) => !e.description.includes('电梯') && !(e.kind === 'DISPUTE' || e.severity === 'LOW')],
      [`updatedAt gt 2026-03-10T00:00:00+08:00 or startswith(description,'电梯')`, (e) => Date.parse(e.updatedAt) > Date.parse('2026-03-10T00:00:00+08:00') || e.description.startsWith('电梯')],
      [`contains(description,'''quoted''') and resolvedAt eq null`, (e) => e.description.includes("'quoted'") && e.status === 'REPORTED'],
      [`endswith(tolower(kind),'hazard') and reportedAt le 2026-03-10T02:00:00Z`, (e) => e.kind === 'FIRE_HAZARD' && Date.parse(e.reportedAt) <= Date.parse('2026-03-10T02:00:00Z')],
    ];
    for (const [filter, keep] of cases) {
      const { status, body } = await json(`/odata/Events?$filter=${q(`${community()} and (${filter})`)}`);
      expect(status, filter).toBe(200);
      expect(body.value.map((r) => r.id), filter).toEqual(all.filter(keep).map((e) => e.id));
    }
  });

  it('serves its own order and leading parts of it; any other $orderby is 501 naming the order served', async () => {
    const own = await json(`/odata/Events?$orderby=${q('reportedAt desc,id desc')}&$filter=${q(community())}`);
    expect(own.status).toBe(200);
    expect(own.body.value).toHaveLength(N);
    expect((await json(`/odata/Events?$orderby=${q('reportedAt desc')}&$filter=${q(community())}`)).status).toBe(200);
    const other = await json<ODataError>(`/odata/Events?$orderby=${q('reportedAt asc')}`);
    expect(other.status).toBe(501);
    expect(other.body.error).toMatchObject({ code: 'NOT_IMPLEMENTED', target: '$orderby' });
    expect(other.body.error.message).toContain('reportedAt desc,id desc');
  });

  it('$top and $skip take a slice of the filtered rows', async () => {
    const all = (await graphEvents()).map((e) => e.id);
    const { body } = await json(`/odata/Events?$filter=${q(community())}&$skip=5&$top=7`);
    expect(body.value.map((r) => r.id)).toEqual(all.slice(5, 12));
    const residual = await json(`/odata/Events?$filter=${q(`${community()} and severity eq 'LOW'`)}&$skip=2&$top=3`);
    expect(residual.body.value.map((r) => r.id)).toEqual((await graphEvents()).filter((e) => e.severity === 'LOW').slice(2, 5).map((e) => e.id));
    expect((await json(`/odata/Events?$top=0&$filter=${q(community())}`)).body.value).toEqual([]);
  });

  it('counts with $count=true and /$count: totalCount when pushed down, by scanning a residual filter', async () => {
    const { body } = await json(`/odata/Events?$count=true&$top=2&$filter=${q(`${community()} and kind eq 'FIRE_HAZARD'`)}`);
    expect(body['@odata.count']).toBe(8);
    expect(body.value).toHaveLength(2);
    const count = await get(`/odata/Events/$count?$filter=${q(community())}`);
    expect(count.status).toBe(200);
    expect(count.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await count.text()).toBe(String(N));
    const residual = await get(`/odata/Events/$count?$filter=${q(`${community()} and severity eq 'HIGH'`)}`);
    expect(await residual.text()).toBe('6');
    // a set without a filter: the graph's own totalCount for the district
    const graph = await system.query(`{ addressesUnder(code: "440304", levels: [ROOM], first: 0) { totalCount } }`);
    expect(await (await get('/odata/Rooms/$count')).text()).toBe(String((graph.data as { addressesUnder: { totalCount: number } }).addressesUnder.totalCount));
  });
});

describe('every set', () => {
  it.each(VIEWS.map((v) => [v.entitySet, v] as const))('%s answers its first rows, typed as $metadata says, with the count /$count gives', async (_, view) => {
    const { status, body } = await json(`/odata/${view.entitySet}?$top=3&$count=true`);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.value.length).toBeGreaterThan(0);
    expect(body['@odata.count']).toBeGreaterThanOrEqual(body.value.length);
    expect(String(body['@odata.count'])).toBe(await (await get(`/odata/${view.entitySet}/$count`)).text());
    const kinds: Record<string, string[]> = { string: ['string'], 'text-code': ['string'], integer: ['number'], number: ['number'], boolean: ['boolean'], date: ['string'], datetime: ['string'] };
    for (const row of body.value) {
      for (const column of view.columns) {
        const value = row[column.name.replace(/\./g, '_')];
        if (value === null) {
          expect(column.nullable === true && !view.key.includes(column.name), `${view.entitySet}.${column.name} is null`).toBe(true);
          continue;
        }
        expect(kinds[column.type], `${view.entitySet}.${column.name}`).toContain(typeof value);
        if (column.type === 'integer') expect(Number.isInteger(value)).toBe(true);
        if (column.type === 'date') expect(value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (column.type === 'datetime') expect(Number.isNaN(Date.parse(value as string))).toBe(false);
      }
    }
  });

  it('People are masked as the token\'s scopes say', async () => {
    const analyst = await signDevToken({ subject: 'odata-analyst', scopes: ['people:read'] });
    const { status, body } = await json('/odata/People?$top=20&$select=id,idNumber,birthDate,birthYear', analyst);
    expect(status).toBe(200);
    expect(body.value.length).toBeGreaterThan(0);
    for (const row of body.value) {
      expect(row.idNumber).toMatch(/^\*{18}$/);
      expect(row.birthDate).toBeNull();
      expect(row.birthYear).toEqual(expect.any(Number));
    }
  });

  it('a token confined to another community gets none of this one\'s rows', async () => {
    const other = await signDevToken({ subject: 'odata-other', roles: ['grid-worker'], communities: ['440304004028'] });
    const { status, body } = await json(`/odata/Events?$filter=${q(community())}`, other);
    expect(status).toBe(200);
    expect(body.value).toEqual([]);
  });
});

describe('server-driven paging', () => {
  it('pages by Prefer: odata.maxpagesize with absolute nextLinks, every row once', async () => {
    const first = await get(`/odata/Events?$filter=${q(community())}`, admin, { prefer: 'odata.maxpagesize=5' });
    expect(first.headers.get('preference-applied')).toBe('odata.maxpagesize=5');
    const { rows, pages, links } = await walk(`/odata/Events?$filter=${q(community())}`, { prefer: 'odata.maxpagesize=5' });
    expect(pages).toBe(5);
    for (const link of links) expect(link.startsWith(`${system.baseUrl}/odata/Events?`)).toBe(true);
    expect(rows.map((r) => r.id)).toEqual((await graphEvents()).map((e) => e.id));
  });

  it('pages a residual filter and $top across pages', async () => {
    const low = (await graphEvents()).filter((e) => e.severity === 'LOW').map((e) => e.id);
    const { rows, pages } = await walk(`/odata/Events?$filter=${q(`${community()} and severity eq 'LOW'`)}&$top=11`, { prefer: 'odata.maxpagesize=4' });
    expect(pages).toBe(3);
    expect(rows.map((r) => r.id)).toEqual(low.slice(0, 11));
  });

  it('pages a set whose rows are parts of a node (a case\'s parties) without losing or repeating one, also mid-case', async () => {
    const whole = await json('/odata/CaseParties?$top=200');
    expect(whole.status).toBe(200);
    const keys = (rows: Record<string, unknown>[]) => rows.map((r) => `${r.caseId}/${r.partyIndex}`);
    expect(new Set(keys(whole.body.value)).size).toBe(whole.body.value.length);
    const paged = await walk('/odata/CaseParties?$top=200', { prefer: 'odata.maxpagesize=7' });
    expect(keys(paged.rows)).toEqual(keys(whole.body.value));
    // a residual filter stops scans anywhere inside a case
    const filtered = await walk(`/odata/CaseParties?$top=200&$filter=${q("party_role ne 'NO_SUCH_ROLE'")}`, { prefer: 'odata.maxpagesize=5' });
    expect(keys(filtered.rows)).toEqual(keys(whole.body.value));
  });

  it('resumes after the last row sent (keyset), so a row written meanwhile neither repeats nor hides one', async () => {
    const low = (await graphEvents()).filter((e) => e.severity === 'LOW').map((e) => e.id);
    const url = `/odata/Events?$filter=${q(`${community()} and severity eq 'LOW'`)}`;
    const first = await json(url, admin, { prefer: 'odata.maxpagesize=3' });
    // i = 22, 21, 19: the scan stopped inside the graph's second page
    expect(first.body.value.map((r) => r.id)).toEqual([22, 21, 19].map((i) => eventIds[i]));
    // now two LOW events are reported: one between i = 20 and i = 19, behind where the scan resumes
    // (after 19, not at an offset into the graph page that began after 20), one between 18 and 17, ahead
    const [behind, ahead] = await insertEvents(system.databases.events, [
      { addressCode: rooms()[0].code, severity: 'LOW', kind: 'OTHER', reportedAt: new Date(Date.UTC(2026, 2, 20, 12, 0, 0)) },
      { addressCode: rooms()[0].code, severity: 'LOW', kind: 'OTHER', reportedAt: new Date(Date.UTC(2026, 2, 18, 12, 0, 0)) },
    ]);
    try {
      const rest = await walk(first.body['@odata.nextLink']!, { prefer: 'odata.maxpagesize=3' });
      const expected = [...low];
      expected.splice(expected.indexOf(eventIds[18]) + 1, 0, ahead);
      expect([...first.body.value, ...rest.rows].map((r) => r.id)).toEqual(expected);
      expect(rest.rows.map((r) => r.id)).not.toContain(behind);
    } finally {
      await deleteEvents(system.databases.events, [behind, ahead]);
    }
  });

  it('refuses a tampered $skiptoken, and one moved to another query, with a 400 OData error', async () => {
    const { body } = await json(`/odata/Events?$filter=${q(community())}`, admin, { prefer: 'odata.maxpagesize=5' });
    const next = new URL(body['@odata.nextLink']!);
    const token = next.searchParams.get('$skiptoken')!;
    const [payload, signature] = token.split('.');
    const state = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown[];
    state[1] = (state[1] as number) + 3; // skip three rows
    const altered = `${Buffer.from(JSON.stringify(state)).toString('base64url')}.${signature}`;
    for (const url of [
      `/odata/Events?$filter=${q(community())}&$skiptoken=${altered}`,
      `/odata/Events?$filter=${q(community())}&$skiptoken=${token.slice(0, -2)}xx`,
      `/odata/Events?$filter=${q(`${community()} and kind eq 'SANITATION'`)}&$skiptoken=${token}`,
      `/odata/Cases?$filter=${q(community())}&$skiptoken=${token}`,
    ]) {
      const res = await json<ODataError>(url);
      expect(res.status, url).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'INVALID_CURSOR', target: '$skiptoken' });
    }
    expect((await json(next.toString())).status).toBe(200);
  });

  it('a real OData client (o.js) walks a set through every nextLink and gets exactly $count rows', async () => {
    const init = { headers: new Headers({ authorization: `Bearer ${admin}`, prefer: 'odata.maxpagesize=200' }), fragment: '' };
    const count = (await o(`${system.baseUrl}/odata/`, init).get('Rooms/$count').query()) as unknown;
    let page = (await o(`${system.baseUrl}/odata/`, init).get('Rooms').query({ $select: 'code,name' })) as Collection;
    const codes: string[] = page.value.map((r) => r.code as string);
    let pages = 1;
    while (page['@odata.nextLink']) {
      page = (await o(page['@odata.nextLink'], init).get().query()) as Collection;
      codes.push(...page.value.map((r) => r.code as string));
      pages++;
    }
    expect(Number(count)).toBeGreaterThan(200);
    expect(codes).toHaveLength(Number(count));
    expect(new Set(codes).size).toBe(codes.length);
    expect(pages).toBe(Math.ceil(Number(count) / 200));
    expect([...codes].sort()).toEqual(codes); // in code order
  });
});

describe('Power Query (Power BI, Excel) replayed', () => {
  const POWER_QUERY = {
    'user-agent': 'Microsoft.Data.Mashup (https://go.microsoft.com/fwlink/?LinkID=304225)',
    'odata-maxversion': '4.0',
    accept: 'application/json;odata.metadata=minimal;q=1.0,application/json;odata=minimalmetadata;q=0.9,application/atomsvc+xml;q=0.8,application/atom+xml;q=0.8,application/xml;q=0.7,text/plain;q=0.7',
  };

  it('navigates, previews $top=1000, pages, counts and refreshes incrementally with RangeStart/RangeEnd', async () => {
    const root = await get('/odata/', admin, POWER_QUERY);
    expect(root.status).toBe(200);
    expect(root.headers.get('odata-version')).toBe('4.0');
    expect(((await root.json()) as { value: unknown[] }).value).toHaveLength(VIEWS.length);
    const metadata = await get('/odata/$metadata', admin, POWER_QUERY);
    expect(metadata.status).toBe(200);
    expect(await metadata.text()).toContain('<EntitySet Name="Rooms"');

    // the navigator's preview
    const preview = await json('/odata/Rooms?$top=1000', admin, POWER_QUERY);
    expect(preview.status).toBe(200);
    const total = Number(await (await get('/odata/Rooms/$count', admin, POWER_QUERY)).text());
    expect(preview.body.value).toHaveLength(Math.min(1000, total));
    expect(preview.body['@odata.nextLink']).toBeUndefined();

    // the load: every page through nextLink, as many rows as /$count said
    const load = await walk('/odata/Rooms', POWER_QUERY);
    expect(load.rows).toHaveLength(total);
    expect(load.pages).toBe(Math.ceil(total / 1000));

    // incremental refresh of a community's events: RangeStart/RangeEnd folded into $filter, the + of the offset unencoded
    const range = `$filter=${community()} and updatedAt ge 2026-03-03T00:00:00+08:00 and updatedAt lt 2026-03-08T00:00:00+08:00`.replace(/ /g, '%20');
    const refresh = await walk(`/odata/Events?${range}`, POWER_QUERY);
    expect(refresh.rows.map((r) => r.id)).toEqual([6, 5, 4, 3, 2].map((i) => eventIds[i])); // newest first
    const count = await get(`/odata/Events/$count?${range}`, admin, POWER_QUERY);
    expect(await count.text()).toBe('5');
  });

  it('an anonymous request for a scoped set is a 401 that offers Basic', async () => {
    const res = await get('/odata/Events?$top=1000', null, POWER_QUERY);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Basic realm="address-graph"');
    expect(res.headers.get('odata-version')).toBe('4.0');
    expect(((await res.json()) as ODataError).error.code).toMatch(/^[A-Z_]+$/);
  });

  it('refreshes with Basic auth, an API key as the password, confined to the key\'s scopes and community', async () => {
    const store = createApiKeyStore(system.accessDatabase.knex);
    const { key } = await store.create({ name: 'odata dashboard', scopes: ['events:read'], communities: [estate.community.code] });
    const basic = (user: string, password: string) => ({ ...POWER_QUERY, authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
    // Power Query tries anonymously first, is challenged, then sends Basic
    const anonymous = await get(`/odata/Events?$filter=${q(community())}`, null, POWER_QUERY);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="address-graph"');
    const { rows } = await walk(`/odata/Events?$filter=${q(community())}`, basic('', key), null);
    expect(rows.map((r) => r.id)).toEqual((await graphEvents()).map((e) => e.id));
    // the district's own events (the seed's) lie outside the key's community: none of them
    expect(Number(await (await get('/odata/Events/$count')).text())).toBeGreaterThan(0);
    expect((await walk('/odata/Events', basic('powerbi', key), null)).rows).toEqual([]);
    // not its scope: 403, never an empty table
    expect((await get('/odata/People', null, basic('powerbi', key))).status).toBe(403);
    // a revoked key: 401 with the challenge again
    const { key: revoked, apiKey } = await store.create({ name: 'old dashboard', scopes: ['events:read'] });
    await store.revoke(apiKey.id);
    const refused = await get('/odata/Events?$top=1', null, basic('powerbi', revoked));
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Basic realm="address-graph"');
    expect(((await refused.json()) as ODataError).error.code).toBe('API_KEY_REVOKED');
  });
});

describe('bad requests get an OData error naming the fault', () => {
  it.each([
    [`/odata/Events?$filter=${q('nosuch eq 1')}`, 400, 'BAD_USER_INPUT', '$filter'],
    [`/odata/Events?$filter=${q('kind eq')}`, 400, 'BAD_USER_INPUT', '$filter'],
    [`/odata/Events?$filter=${q("kind eq 'NOT_A_KIND'")}`, 400, 'BAD_USER_INPUT', '$filter'],
    [`/odata/Events?$filter=${q('reportedAt eq 5')}`, 400, 'BAD_USER_INPUT', '$filter'],
    [`/odata/Events?$filter=${q("substring(description,1) eq 'x'")}`, 501, 'NOT_IMPLEMENTED', '$filter'],
    [`/odata/Events?$filter=${q('length(description) add 1 gt 5')}`, 501, 'NOT_IMPLEMENTED', '$filter'],
    ['/odata/Events?$select=id,nosuch', 400, 'BAD_USER_INPUT', '$select'],
    ['/odata/Events?$expand=address', 501, 'NOT_IMPLEMENTED', '$expand'],
    ['/odata/Events?$top=-1', 400, 'BAD_USER_INPUT', '$top'],
    ['/odata/Events?$count=maybe', 400, 'BAD_USER_INPUT', '$count'],
    ['/odata/Events?$frobnicate=1', 400, 'BAD_USER_INPUT', '$frobnicate'],
  ])('%s -> %i %s', async (path, status, code, target) => {
    const res = await json<ODataError>(path);
    expect(res.status).toBe(status);
    expect(res.response.headers.get('odata-version')).toBe('4.0');
    expect(res.body.error).toMatchObject({ code, target });
    expect(res.body.error.message.length).toBeGreaterThan(10);
  });

  it('a prefix that is a well-formed code of no address is an empty set, counted 0', async () => {
    const nowhere = `startswith(address_code,'449900999999')`;
    const { status, body } = await json(`/odata/Events?$filter=${q(nowhere)}`);
    expect(status).toBe(200);
    expect(body.value).toEqual([]);
    expect(await (await get(`/odata/Events/$count?$filter=${q(nowhere)}`)).text()).toBe('0');
    expect((await json(`/odata/Addresses?$filter=${q(`startswith(code,'449900999999')`)}`)).body.value).toEqual([]);
  });

  it('an unknown set is 404, a malformed path 400, a key lookup 501, a write 405', async () => {
    expect((await json<ODataError>('/odata/Events%ZZ')).status).toBe(400);
    expect((await json<ODataError>('/odata/Nothing')).status).toBe(404);
    expect((await json<ODataError>("/odata/Events('x')")).status).toBe(501);
    const post = await fetch(`${system.baseUrl}/odata/Events`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: '{}' });
    expect(post.status).toBe(405);
  });

  it('a token without the scope gets 403, never an empty table', async () => {
    const eventsOnly = await signDevToken({ subject: 'odata-events-only', scopes: ['events:read'] });
    const res = await json<ODataError>('/odata/People', eventsOnly);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toMatch(/FORBIDDEN|UNAUTHORIZED_FIELD_OR_TYPE/);
  });
});

/** A standalone bridge (over HTTP to the gateway) with a small scan cap and an executor the test can break. */
async function startBridge(options: { scanCap?: number; maxPage?: number }, wrap: (run: Executor) => Executor = (run) => run): Promise<{ url: string; server: Server }> {
  const bridge = createBridge({ executor: wrap(httpExecutor(system.gatewayUrl)), odata: createOData(options) });
  const server = createServer((req, res) => bridge.listener(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('the scan cap', () => {
  let bridge: { url: string; server: Server };
  beforeAll(async () => {
    bridge = await startBridge({ scanCap: 6 });
  });
  afterAll(() => new Promise<void>((resolve) => bridge.server.close(() => resolve())));

  it('answers a residual filter page by page within the cap, with a nextLink where the scan stopped, never short', async () => {
    const high = (await graphEvents()).filter((e) => e.severity === 'HIGH').map((e) => e.id);
    const first = await json(`${bridge.url}/odata/Events?$filter=${q(`${community()} and severity eq 'HIGH'`)}`);
    expect(first.status).toBe(200);
    expect(first.body.value.length).toBeLessThanOrEqual(2); // 6 rows read, every 4th is HIGH
    expect(first.body['@odata.nextLink']!.startsWith(`${bridge.url}/odata/Events?`)).toBe(true);
    const { rows, pages } = await walk(`${bridge.url}/odata/Events?$filter=${q(`${community()} and severity eq 'HIGH'`)}`);
    expect(rows.map((r) => r.id)).toEqual(high);
    expect(pages).toBe(Math.ceil(N / 6));
  });

  it('reads no more than a pushed-down filter matches: the graph is asked with the variables', async () => {
    const asked: Record<string, unknown>[] = [];
    const recording = await startBridge({ scanCap: 6 }, (run) => (request, headers, signal, context) => {
      asked.push(request.variables);
      return run(request, headers, signal, context);
    });
    try {
      const filter = `${community()} and updatedAt ge 2026-03-02T00:00:00+08:00 and updatedAt lt 2026-03-20T00:00:00+08:00 and kind in ('FIRE_HAZARD','DISPUTE') and status eq 'CLOSED' and severity eq 'LOW'`;
      const { status, body } = await json(`${recording.url}/odata/Events?$filter=${q(filter)}`);
      expect(status).toBe(200);
      // i = 1..18, kind FIRE_HAZARD or DISPUTE (i % 3 != 2), odd i (CLOSED), LOW (i % 4 != 0): 1 3 7 9 13 15
      expect(body.value.map((r) => r.id)).toEqual([15, 13, 9, 7, 3, 1].map((i) => eventIds[i]));
      expect(body['@odata.nextLink']).toBeUndefined();
      expect(asked).toHaveLength(1);
      expect(asked[0]).toMatchObject({
        code: estate.community.code,
        updatedSince: '2026-03-01T16:00:00.000Z',
        updatedBefore: '2026-03-19T16:00:00.000Z',
        kind: ['FIRE_HAZARD', 'DISPUTE'],
        status: ['CLOSED'],
      });
      expect(JSON.stringify(asked[0])).not.toContain('LOW'); // severity has no argument: evaluated on the rows
      // gt and le narrow the graph's answer as ge and lt (of the next instant) and are checked on the rows
      asked.length = 0;
      const open = await json(`${recording.url}/odata/Events?$filter=${q(`${community()} and updatedAt gt 2026-03-05T00:00:00+08:00 and updatedAt le 2026-03-10T00:00:00+08:00`)}`);
      expect(open.body.value.map((r) => r.id)).toEqual([9, 8, 7, 6, 5].map((i) => eventIds[i]));
      expect(asked[0]).toMatchObject({ updatedSince: '2026-03-04T16:00:00.000Z', updatedBefore: '2026-03-09T16:00:00.001Z' });
      // without a residual term nothing is discarded, so the cap does not cut the page
      const pushed = await json(`${recording.url}/odata/Events?$filter=${q(`${community()} and kind eq 'FIRE_HAZARD'`)}`);
      expect(pushed.body.value).toHaveLength(8);
      expect(pushed.body['@odata.nextLink']).toBeUndefined();
    } finally {
      await new Promise<void>((resolve) => recording.server.close(() => resolve()));
    }
  });

  it('refuses $count of a residual filter over more rows than the cap with 501 saying so', async () => {
    const res = await json<ODataError>(`${bridge.url}/odata/Events/$count?$filter=${q(`${community()} and severity eq 'HIGH'`)}`);
    expect(res.status).toBe(501);
    expect(res.body.error).toMatchObject({ code: 'NOT_IMPLEMENTED', target: '$count' });
    expect(res.body.error.message).toContain('scan cap of 6');
    // pushed down, the graph counts it
    expect(await (await get(`${bridge.url}/odata/Events/$count?$filter=${q(community())}`)).text()).toBe(String(N));
  });
});

describe('a subgraph that fails', () => {
  it('mid-page, the response is broken (never a valid short page); before a page, a 502 OData error naming it', async () => {
    let calls = 0;
    const bridge = await startBridge({}, (run) => async (request, headers, signal, context) => {
      // the second graph page of the response: the events subgraph goes away before it is asked
      if (++calls === 2) await system.system.stopSubgraph('events');
      return run(request, headers, signal, context);
    });
    try {
      // a residual filter over pages of 5 (the page size wanted): the first graph page has one HIGH event and is sent
      const response = await fetch(`${bridge.url}/odata/Events?$filter=${q(`${community()} and severity eq 'HIGH'`)}`, { headers: { authorization: `Bearer ${admin}`, prefer: 'odata.maxpagesize=5' } });
      expect(response.status).toBe(200);
      const outcome = await response.text().then(
        (text) => {
          try {
            JSON.parse(text);
            return `valid JSON: ${text}`;
          } catch {
            return 'broken';
          }
        },
        () => 'broken',
      );
      expect(outcome).toBe('broken');
      expect(calls).toBe(2);
    } finally {
      await new Promise<void>((resolve) => bridge.server.close(() => resolve()));
    }
    const res = await json<ODataError>(`/odata/Events?$filter=${q(community())}`);
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', target: 'events' });
    expect(res.body.error.message).toContain('events');
  });
});

describe('the rate limit counts client requests, not graph pages', () => {
  it('a page that takes several graph requests (a count, a residual scan) is one request; past the limit a 429 OData error', async () => {
    const limited = await startTestSystem({ limits: { rateLimitPerMinute: 2 } });
    try {
      const token = await signDevToken({ subject: `odata-rate-${Date.now()}`, roles: ['analyst'] });
      // two graph requests per page: the count by scanning (a residual filter matching every room), then the page
      const page = () => fetch(`${limited.baseUrl}/odata/Rooms?$count=true&$filter=${q("room_number ne 'none'")}`, { headers: { authorization: `Bearer ${token}` } });
      const first = await page();
      expect(first.status).toBe(200);
      const body = (await first.json()) as Collection;
      expect(body.value).toHaveLength(1000);
      expect(body['@odata.count']).toBeGreaterThan(1000);
      expect((await page()).status).toBe(200);
      const third = await page();
      expect(third.status).toBe(429);
      expect(third.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(((await third.json()) as ODataError).error.code).toBe('RATE_LIMITED');
    } finally {
      await limited.stop();
    }
  });
});
