/**
 * End to end through the gateway over HTTP, as a frontend team uses the graph: the five
 * subgraphs and the gateway run on real ports over the fixture database (small seed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPHS } from '../lib/config.ts';
import { query as sql } from '../lib/db.ts';
import { ERROR_CODE_MEANINGS } from '../lib/error-codes.ts';
import { dbQueryCount } from '../lib/metrics.ts';
import { subtreeRange } from '../lib/address-code.ts';
import { EXAMPLE_QUERY } from '../gateway/example-query.ts';
import { SHOWCASE } from '../seeds/showcase.ts';
import { startGatewayOver } from './support/proxy.ts';
import { startTestSystem, type TestSystem } from './support/system.ts';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => {
  await t?.stop();
});

/** Statements each subgraph sent to the database while `run` ran. */
async function statementsDuring(run: () => Promise<unknown>): Promise<Record<string, number>> {
  const before = Object.fromEntries(await Promise.all(SUBGRAPHS.map(async (s) => [s, await dbQueryCount(s)])));
  await run();
  const after = Object.fromEntries(await Promise.all(SUBGRAPHS.map(async (s) => [s, await dbQueryCount(s)])));
  return Object.fromEntries(SUBGRAPHS.map((s) => [s, after[s] - before[s]]));
}

const FAN_OUT = `query BuildingFanOut($code: AddressCode!, $rooms: Int!) {
  address(code: $code) {
    code
    residentCount
    children(first: $rooms) {
      totalCount
      edges {
        node {
          code
          name
          room { floor number use }
          residentCount
          residents(first: 5) { edges { node { name } residence { relation } } }
          entityCount
          entities(first: 3) { edges { node { name legalRepresentative { name } } } }
          eventStats { total open }
          events(first: 3) { edges { node { kind status involvedPeople { person { name } } } } }
          caseStats { total }
          cases(first: 3) { edges { node { kind parties { person { name } entity { name } } } } }
        }
      }
    }
  }
}`;

describe('the showcase room (水围村28栋1203房) answered by all five subgraphs', () => {
  it('returns the registry facts, residents, legal entities, events and cases in one query', async () => {
    const res = await t.query(EXAMPLE_QUERY);
    expect(res.errors).toBeUndefined();
    const room = res.data!.address;
    expect(room.code).toBe(SHOWCASE.roomCode);
    expect(room.level).toBe('ROOM');
    expect(room.fullName).toContain('福田街道水围社区');
    expect(room.fullName).toContain('水围村28栋');
    expect(room.fullName).toMatch(/1203房$/);
    expect(room.room).toMatchObject({ floor: 12, number: '1203' });
    expect(room.building).toMatchObject({ estate: '水围村', designation: '28', type: 'URBAN_VILLAGE' });
    expect(room.ancestors.map((a: { level: string }) => a.level)).toEqual(['DISTRICT', 'SUBDISTRICT', 'COMMUNITY', 'GRID', 'BUILDING']);
    expect(room.ancestors[2].name).toBe('水围社区');

    expect(room.residentCount).toBeGreaterThanOrEqual(2);
    expect(room.residents.edges.length).toBe(Math.min(room.residentCount, 10));
    for (const edge of room.residents.edges) {
      expect(edge.node.name).toMatch(/^\p{Script=Han}{2,4}$/u);
      expect(['OWNER', 'TENANT', 'FAMILY', 'COLLECTIVE']).toContain(edge.residence.relation);
    }
    expect(room.entities.edges.length).toBeGreaterThanOrEqual(1);
    expect(room.entities.edges[0].node.legalRepresentative?.name).toMatch(/^\p{Script=Han}{2,4}$/u);
    expect(room.eventStats.total).toBeGreaterThanOrEqual(1);
    expect(room.events.edges.length).toBeGreaterThanOrEqual(1);
    expect(room.cases.edges.length).toBeGreaterThanOrEqual(1);

    // case parties are people and entities resolved by their own subgraphs
    const parties = room.cases.edges.flatMap((e: any) => e.node.parties);
    expect(parties.length).toBeGreaterThanOrEqual(1);
    for (const party of parties) expect(party.person?.name ?? party.entity?.name).toBeTruthy();
    const related = room.cases.edges.flatMap((e: any) => e.node.relatedEvents);
    expect(related.length).toBeGreaterThanOrEqual(1);
    expect(related[0].kind).toBeTruthy();
  });

  it('agrees with the databases: every resident the gateway lists lives in that room', async () => {
    const res = await t.query(`{ address(code: "${SHOWCASE.roomCode}") { residentCount residents(first: 50) { edges { node { id } } } } }`);
    const rows = await sql<{ personId: string }>(
      t.databases.people.knex,
      `SELECT person_id AS "personId" FROM people.residence WHERE address_code = ? AND until IS NULL`,
      [SHOWCASE.roomCode],
    );
    const ids = res.data!.address.residents.edges.map((e: any) => e.node.id).sort();
    expect(ids).toEqual(rows.map((r) => r.personId).sort());
    expect(res.data!.address.residentCount).toBe(rows.length);
  });
});

describe('a building fanned out over every room', () => {
  it('lists every room with its residents, entities, events and cases', async () => {
    const res = await t.query(FAN_OUT, { code: SHOWCASE.buildingCode, rooms: 500 });
    expect(res.errors).toBeUndefined();
    const building = res.data!.address;
    const rooms = building.children.edges.map((e: any) => e.node);
    expect(rooms.length).toBe(building.children.totalCount);
    expect(rooms.length).toBeGreaterThan(10);
    expect(rooms.map((r: any) => r.code)).toEqual([...rooms.map((r: any) => r.code)].sort());
    for (const room of rooms) expect(room.code.startsWith(SHOWCASE.buildingCode)).toBe(true);
    const showcase = rooms.find((r: any) => r.code === SHOWCASE.roomCode);
    expect(showcase.residentCount).toBeGreaterThanOrEqual(2);
    expect(showcase.cases.edges.length).toBeGreaterThanOrEqual(1);
    // residents listed per room add up to the building's roll-up (the building may also house
    // collective residents registered at building level)
    const sumRooms = rooms.reduce((n: number, r: any) => n + r.residentCount, 0);
    expect(sumRooms).toBeLessThanOrEqual(building.residentCount);
    const { lo, hi } = subtreeRange(SHOWCASE.buildingCode);
    const [{ n }] = await sql<{ n: number }>(
      t.databases.people.knex,
      `SELECT count(*)::int AS n FROM people.residence WHERE address_code >= ? AND address_code < ? AND until IS NULL`,
      [lo, hi],
    );
    expect(building.residentCount).toBe(n);
  });

  it('costs a small constant number of SQL statements per subgraph, not one per room (no N+1)', async () => {
    const rooms = (await t.query(`{ address(code: "${SHOWCASE.buildingCode}") { children { totalCount } } }`)).data!.address.children.totalCount;
    expect(rooms).toBeGreaterThanOrEqual(40);
    const all = await statementsDuring(() => t.query(FAN_OUT, { code: SHOWCASE.buildingCode, rooms: 500 }));
    // Each subgraph answers the whole fan-out in a handful of batched statements (pages, counts,
    // stats, and entity lookups for the other subgraphs' references); N+1 would cost >= rooms.
    // (the fan-out reads no alerts: the alerts subgraph is not asked)
    for (const s of SUBGRAPHS.filter((name) => name !== 'alerts')) {
      expect(all[s], `${s} statements for ${rooms} rooms`).toBeGreaterThan(0);
      expect(all[s], `${s} statements for ${rooms} rooms`).toBeLessThanOrEqual(8);
    }
  });
});

describe('roll-ups over a community', () => {
  it('counts residents, entities, events and cases beneath the community, consistent with its grids', async () => {
    const res = await t.query(`query Community($code: AddressCode!) {
      address(code: $code) {
        name
        level
        residentCount
        entityCount
        eventStats { total open byStatus { status count } byKind { kind count } }
        caseStats(kind: [MEDIATION]) { total byOutcome { outcome count } }
        children(first: 100) { edges { node { level residentCount entityCount eventStats { total } caseStats(kind: [MEDIATION]) { total } } } }
      }
    }`, { code: SHOWCASE.communityCode });
    expect(res.errors).toBeUndefined();
    const c = res.data!.address;
    expect(c).toMatchObject({ name: '水围社区', level: 'COMMUNITY' });
    const grids = c.children.edges.map((e: any) => e.node);
    expect(grids.length).toBeGreaterThan(0);
    for (const g of grids) expect(g.level).toBe('GRID');
    const sum = (f: (g: any) => number) => grids.reduce((n: number, g: any) => n + f(g), 0);
    expect(c.residentCount).toBeGreaterThan(0);
    expect(c.residentCount).toBe(sum((g) => g.residentCount));
    expect(c.eventStats.total).toBe(sum((g) => g.eventStats.total));
    expect(c.caseStats.total).toBe(sum((g) => g.caseStats.total));
    expect(c.eventStats.byStatus.reduce((n: number, s: any) => n + s.count, 0)).toBe(c.eventStats.total);
    expect(c.caseStats.byOutcome.reduce((n: number, s: any) => n + s.count, 0)).toBeLessThanOrEqual(c.caseStats.total);
  });

  it('answers "mediation outcomes per community" for a subdistrict in one query', async () => {
    const res = await t.query(`{
      address(code: "${SHOWCASE.subdistrictCode}") {
        children(first: 100) { edges { node { code name caseStats(kind: [MEDIATION]) { total byOutcome { outcome count } } } } }
      }
    }`);
    expect(res.errors).toBeUndefined();
    const communities = res.data!.address.children.edges.map((e: any) => e.node);
    const shuiwei = communities.find((c: any) => c.code === SHOWCASE.communityCode);
    expect(shuiwei.name).toBe('水围社区');
    expect(shuiwei.caseStats.total).toBeGreaterThan(0);
  });
});

describe('free-text addresses standardized through the gateway', () => {
  it('links messy text to the room and goes on to residents and events in the same query', async () => {
    const res = await t.query(`query Standardize($texts: [String!]!) {
      standardizeAddresses(texts: $texts) {
        input level confidence
        components { estate building room }
        address { code fullName residentCount events(first: 5) { edges { node { kind } } } }
        reasons { component status }
      }
    }`, { texts: ['福田區水圍村二十八棟一二零三', '深圳市罗湖区东门街道'] });
    expect(res.errors).toBeUndefined();
    const [room, away] = res.data!.standardizeAddresses;
    expect(room).toMatchObject({ level: 'ROOM', components: { estate: '水围村', building: '28', room: '1203' }, address: { code: SHOWCASE.roomCode } });
    expect(room.address.residentCount).toBeGreaterThanOrEqual(2);
    expect(room.address.events.edges.map((e: any) => e.node.kind)).toContain('FIRE_HAZARD');
    expect(away).toMatchObject({ level: null, address: null, reasons: [{ component: 'district', status: 'CONFLICT' }] });
  });
});

describe('bad input gets a clear error with a code, and the gateway keeps serving', () => {
  it('an invalid address code in a variable names the problem', async () => {
    const res = await t.query(`query ($c: AddressCode!) { address(code: $c) { code } }`, { c: '44030X' });
    expect(res.errors?.[0].extensions?.code).toBe('INVALID_ADDRESS_CODE');
    expect(res.errors?.[0].message).toMatch(/"X" at position 6/);
  });

  it('an invalid address code written inline names the problem', async () => {
    const res = await t.query(`{ address(code: "12345") { code } }`);
    expect(res.errors?.[0].extensions?.code).toBeTruthy();
    expect(res.errors?.[0].message).toMatch(/5 characters/);
  });

  it('an unknown code gives null and ADDRESS_NOT_FOUND', async () => {
    const res = await t.query(`{ address(code: "440304999999") { code fullName } }`);
    expect(res.data?.address).toBeNull();
    expect(res.errors?.[0].extensions?.code).toBe('ADDRESS_NOT_FOUND');
    expect(res.errors?.[0].message).toContain('440304999999');
  });

  it('a malformed query and an unknown field are rejected before execution', async () => {
    const syntax = await t.query(`{ address(code: "440304") { code `);
    expect(syntax.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const field = await t.query(`{ address(code: "440304") { colour } }`);
    expect(field.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(field.errors?.[0].message).toContain('colour');
  });

  it('an oversized page is refused with PAGE_SIZE_EXCEEDED', async () => {
    const res = await t.query(`{ address(code: "${SHOWCASE.communityCode}") { residents(first: 100000) { totalCount } } }`);
    expect(res.errors?.[0].extensions?.code).toBe('PAGE_SIZE_EXCEEDED');
  });

  it('a body that is not JSON is a 400, and the next request still works', async () => {
    const bad = await fetch(t.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(bad.status).toBe(400);
    const ok = await t.query(`{ address(code: "440304") { name } }`);
    expect(ok.data?.address.name).toBe('福田区');
  });
});

describe('operations endpoints', () => {
  it('serves health, readiness and Prometheus metrics for every service in the process', async () => {
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${t.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as any).subgraphs).toHaveLength(SUBGRAPHS.length);
    await t.query(`{ address(code: "${SHOWCASE.roomCode}") { residentCount alerts(first: 1) { totalCount } } }`);
    const metrics = await (await fetch(`${t.baseUrl}/metrics`)).text();
    for (const s of SUBGRAPHS) expect(metrics).toMatch(new RegExp(`db_queries_total\\{subgraph="${s}"\\} \\d+`));
    expect(metrics).toMatch(/http_request_duration_seconds_bucket\{[^}]*service="gateway"/);
    expect(metrics).toMatch(/http_request_duration_seconds_bucket\{[^}]*service="people"/);
  });

  it('keeps every metric label bounded: 3,000 requests to random paths add no series', async () => {
    const series = async () => {
      const text = await (await fetch(`${t.baseUrl}/metrics`)).text();
      return { lines: text.split('\n').filter((l) => l.startsWith('http_request_duration_seconds_count{')), text };
    };
    // every route label that can exist is there once before counting
    await fetch(`${t.baseUrl}/no-such-page`);
    await fetch(`${t.system.subgraphs.people.url.replace(/\/graphql$/, '')}/no-such-page`);
    const before = await series();
    for (let batch = 0; batch < 30; batch++) {
      await Promise.all(
        Array.from({ length: 100 }, async (_, i) => {
          const base = i % 2 === 0 ? t.baseUrl : t.system.subgraphs.people.url.replace(/\/graphql$/, '');
          const res = await fetch(`${base}/${Math.random().toString(36).slice(2)}/${batch}-${i}?x=${i}`);
          await res.arrayBuffer();
        }),
      );
    }
    const after = await series();
    expect(after.lines.length).toBe(before.lines.length);
    expect(after.text).toMatch(/http_request_duration_seconds_count\{service="gateway",route="other",status="404"\} \d+/);
    for (const line of after.lines) expect(line).toMatch(/route="(\/graphql|\/|\/healthz|\/readyz|\/metrics|other)"/);
  });

  it('counts GraphQL errors only under codes of the registry', async () => {
    await t.query(`{ address(code: "440304999999") { code } }`);
    const text = await (await fetch(`${t.baseUrl}/metrics`)).text();
    const codes = [...text.matchAll(/graphql_errors_total\{service="[^"]+",code="([^"]+)"\}/g)].map((m) => m[1]);
    expect(codes).toContain('ADDRESS_NOT_FOUND');
    for (const code of codes) expect(code === 'OTHER' || code in ERROR_CODE_MEANINGS, code).toBe(true);
  });

  it('serves GraphiQL from the package itself, with no CDN (works offline)', async () => {
    const res = await fetch(t.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html');
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
    expect(html).not.toMatch(/<link[^>]+href="https?:/);
    expect(html).not.toContain('unpkg.com');
  });
});

describe('one subgraph down', () => {
  it('returns partial data: the other subgraphs still answer, the missing part is null with SUBGRAPH_UNAVAILABLE', async () => {
    await t.system.stopSubgraph('cases');
    const res = await t.query(`{ address(code: "${SHOWCASE.roomCode}") { fullName residentCount eventStats { total } cases(first: 5) { totalCount } } }`);
    expect(res.data?.address.fullName).toContain('水围村28栋');
    expect(res.data?.address.residentCount).toBeGreaterThanOrEqual(2);
    expect(res.data?.address.eventStats.total).toBeGreaterThanOrEqual(1);
    expect(res.data?.address.cases).toBeNull();
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'cases' });
    expect((await fetch(`${t.baseUrl}/readyz`)).status).toBe(503);
  });

  it('answers 503, not 500, when the subgraph of the root fields is down and there is no data at all; partial answers keep 200', async () => {
    const own = await startTestSystem();
    try {
      await own.system.stopSubgraph('buildings');
      const res = await own.query(`{ address(code: "${SHOWCASE.roomCode}") { fullName } }`);
      expect(res.status).toBe(503);
      expect(res.data ?? null).toBeNull();
      expect(res.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'buildings' })]);
      // a root field of a subgraph still up is answered as usual beside it
      const other = await own.query('{ people(ids: ["no-such-person"]) { id } }');
      expect(other.status).toBe(200);
      expect(other.data).toEqual({ people: [null] });
    } finally {
      await own.stop();
    }
  });
});

describe('CORS: an allow-list, none by default', () => {
  const ALLOWED = 'https://app.example.org';
  const FOREIGN = 'https://evil.example.com';
  const preflight = (url: string, origin: string) =>
    fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' } });
  const simple = (url: string, origin: string) =>
    fetch(url, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ address(code: "440304") { name } }' }) });

  it('answers no origin at all by default, though the request itself still runs', async () => {
    for (const origin of [ALLOWED, FOREIGN]) {
      const pre = await preflight(t.gatewayUrl, origin);
      expect(pre.headers.get('access-control-allow-origin')).toBeNull();
      expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
      const res = await simple(t.gatewayUrl, origin);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(((await res.json()) as any).data.address.name).toBe('福田区');
    }
  });

  it('allows the configured origins (with credentials) and nobody else', async () => {
    const gateway = await startGatewayOver(t, {}, { corsOrigins: [ALLOWED, 'http://localhost:5173'] });
    try {
      const pre = await preflight(gateway.url, ALLOWED);
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      expect(pre.headers.get('access-control-allow-credentials')).toBe('true');
      expect(pre.headers.get('access-control-allow-headers')).toContain('authorization');
      expect(pre.headers.get('vary')).toContain('Origin');
      const res = await simple(gateway.url, ALLOWED);
      expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      expect(((await res.json()) as any).data.address.name).toBe('福田区');

      const foreignPre = await preflight(gateway.url, FOREIGN);
      expect(foreignPre.headers.get('access-control-allow-origin')).toBeNull();
      expect(foreignPre.headers.get('access-control-allow-credentials')).toBeNull();
      const foreign = await simple(gateway.url, FOREIGN);
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
      expect(foreign.headers.get('access-control-allow-credentials')).toBeNull();
    } finally {
      await gateway.stop();
    }
  });
});
