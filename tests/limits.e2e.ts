/**
 * The limits the gateway enforces (gateway/limits.ts), each exceeded once and answered with its
 * code, and production mode: no introspection, no GraphiQL, no "Did you mean" suggestions, and
 * the persisted-operations-only mode.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../lib/auth/dev-keys.ts';
import { EXAMPLE_QUERY } from '../gateway/example-query.ts';
import { LIMIT_CODES, limitsFromConfig } from '../gateway/limits.ts';
import { SHOWCASE } from '../seeds/showcase.ts';
import { startTestSystem, type TestSystem } from './support/system.ts';

const defaults = limitsFromConfig();

/** POSTs a raw body (or a JSON value) to the gateway, optionally from another loopback address. */
function post(
  url: string,
  body: unknown,
  options: { token?: string; localAddress?: string; chunked?: boolean } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; json: any }> {
  const data = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        localAddress: options.localAddress,
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(options.chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': data.length }),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = text;
          }
          resolve({ status: res.statusCode!, headers: res.headers, json });
        });
      },
    );
    // the gateway may answer (413) and close before the whole body is sent
    req.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'EPIPE' || (err as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(err)));
    if (options.chunked) {
      for (let i = 0; i < data.length; i += 64 * 1024) req.write(data.subarray(i, i + 64 * 1024));
      req.end();
    } else {
      req.end(data);
    }
  });
}

/** `address { children(first: n) { edges { node { … } } } }` nested `levels` times around `inner`. */
function nestedChildren(levels: number, inner: string, first = 50): string {
  let selection = inner;
  for (let i = 0; i < levels; i++) selection = `children(first: ${first}) { edges { node { ${selection} } } }`;
  return `{ address(code: "440304") { ${selection} } }`;
}

describe('limits under the default configuration', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('lets the showcase fan-out over a 500-room building through, its estimated cost within the default', async () => {
    const FAN_OUT = `query BuildingFanOut($code: AddressCode!, $rooms: Int!) {
  address(code: $code) { code residentCount children(first: $rooms) { totalCount edges { node {
          code name room { floor number use } residentCount
          residents(first: 5) { edges { node { name } residence { relation } } }
          entityCount entities(first: 3) { edges { node { name legalRepresentative { name } } } }
          eventStats { total open } events(first: 3) { edges { node { kind status involvedPeople { person { name } } } } }
          caseStats { total } cases(first: 3) { edges { node { kind parties { person { name } entity { name } } } } } } } } } }`;
    const res = await t.query(FAN_OUT, { code: SHOWCASE.buildingCode, rooms: 500 });
    expect(res.errors).toBeUndefined();
    const cost = (res as { extensions?: { cost?: { estimated: number; max: number } } }).extensions?.cost;
    // pages count at their `first`: 500 rooms x (5 residents, 3 entities, 3 events, 3 cases, ...)
    expect(cost!.estimated).toBeGreaterThan(500 * 50);
    expect(cost!.estimated).toBeLessThan(defaults.maxCost);
  });
  it('has the documented defaults', () => {
    expect(defaults).toMatchObject({ maxDepth: 12, maxAliases: 30, maxTokens: 2000, maxCost: 100_000, costListSize: 5, maxBodyBytes: 1024 * 1024, rateLimitPerMinute: 600, requestTimeoutMs: 15_000, subgraphMaxInFlight: 100 });
  });

  it('still runs the showcase query, well within every limit, and tells its estimated cost', async () => {
    const res = await t.query(EXAMPLE_QUERY);
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data!.address.code).toBe(SHOWCASE.roomCode);
    const cost = (res as { extensions?: { cost?: { estimated: number; max: number } } }).extensions?.cost;
    expect(cost?.max).toBe(defaults.maxCost);
    expect(cost!.estimated).toBeGreaterThan(0);
    expect(cost!.estimated).toBeLessThan(defaults.maxCost / 10);
  });

  it('refuses a query nested deeper than the limit with MAX_DEPTH_EXCEEDED', async () => {
    // address > (children > edges > node) x4 > code: depth 14
    const res = await t.query(nestedChildren(4, 'code', 5));
    expect(res.status).toBe(400);
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0].extensions?.code).toBe(LIMIT_CODES.depth);
    expect(res.errors?.[0].message).toMatch(/depth limit of 12 exceeded, found 14/);
    // depth 11 is fine
    const ok = await t.query(nestedChildren(3, 'code', 5));
    expect(ok.errors).toBeUndefined();
  });

  it('refuses more aliases than the limit with MAX_ALIASES_EXCEEDED', async () => {
    const fields = Array.from({ length: 31 }, (_, i) => `a${i}: address(code: "440304") { code }`).join(' ');
    const res = await t.query(`{ ${fields} }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe(LIMIT_CODES.aliases);
    expect(res.errors?.[0].message).toMatch(/Aliases limit of 30 exceeded, found 31/);
  });

  it('refuses a document of more tokens than the limit with MAX_TOKENS_EXCEEDED', async () => {
    const res = await t.query(`{ address(code: "440304") { ${'code '.repeat(2100)} } }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe(LIMIT_CODES.tokens);
    expect(res.errors?.[0].message).toMatch(/Token limit of 2000 exceeded/);
  });

  it('refuses an operation whose estimated cost is over the limit with COST_ESTIMATED_TOO_EXPENSIVE', async () => {
    // within depth 12, but pages within pages: 50 x 50 x 50 addresses, refused before any subgraph is called
    const res = await t.query(nestedChildren(3, 'ancestors { name }'));
    expect(res.data ?? null).toBeNull();
    const error = res.errors?.[0];
    expect(error?.extensions?.code).toBe(LIMIT_CODES.cost);
    expect((error?.extensions?.cost as { estimated: number }).estimated).toBeGreaterThan(defaults.maxCost);
  });

  it('counts a list asked for by keys at the number of keys: 100 codes x 500 residents is refused, a few codes run', async () => {
    const codes = Array.from({ length: 100 }, (_, i) => `4403040040280100028${String(1000 + i).padStart(6, '0')}`);
    const residents = 'residents(first: 500) { edges { node { name } } }';
    const literal = await t.query(`{ addresses(codes: [${codes.map((c) => `"${c}"`).join(', ')}]) { code ${residents} } }`);
    expect(literal.status).toBe(400);
    expect(literal.data ?? null).toBeNull();
    expect(literal.errors?.[0].extensions?.code).toBe(LIMIT_CODES.cost);
    expect((literal.errors?.[0].extensions?.cost as { estimated: number }).estimated).toBeGreaterThan(100 * 500);
    const variable = await t.query(`query ($codes: [AddressCode!]!) { addresses(codes: $codes) { code ${residents} } }`, { codes });
    expect(variable.errors?.[0].extensions?.code).toBe(LIMIT_CODES.cost);
    // the same selection over two codes is estimated at two, and runs
    const few = await t.query(`query ($codes: [AddressCode!]!) { addresses(codes: $codes) { code ${residents} } }`, { codes: [SHOWCASE.roomCode, SHOWCASE.buildingCode] });
    expect(few.errors).toBeUndefined();
    expect(few.data!.addresses.map((a: { code: string }) => a.code)).toEqual([SHOWCASE.roomCode, SHOWCASE.buildingCode]);
    const estimated = (few as { extensions?: { cost?: { estimated: number } } }).extensions!.cost!.estimated;
    expect(estimated).toBe(2 + 2 + 2 * 500 * 2);
  });

  it('refuses a page larger than 500 with PAGE_SIZE_EXCEEDED', async () => {
    const res = await t.query(`{ address(code: "${SHOWCASE.communityCode}") { residents(first: 501) { totalCount } } }`);
    expect(res.errors?.[0].extensions?.code).toBe('PAGE_SIZE_EXCEEDED');
    const ok = await t.query(`{ address(code: "${SHOWCASE.communityCode}") { residents(first: 500) { totalCount } } }`);
    expect(ok.errors).toBeUndefined();
  });

  it('answers a body over the limit with 413 BODY_TOO_LARGE, whether its length is declared or streamed', async () => {
    const big = { query: '{ __typename }', variables: { padding: 'x'.repeat(defaults.maxBodyBytes) } };
    const declared = await post(t.gatewayUrl, big);
    expect(declared.status).toBe(413);
    expect(declared.json.errors[0].extensions.code).toBe(LIMIT_CODES.bodySize);
    const streamed = await post(t.gatewayUrl, big, { chunked: true });
    expect(streamed.status).toBe(413);
    expect(streamed.json.errors[0].extensions.code).toBe(LIMIT_CODES.bodySize);
    // a body just under the limit, declared or streamed, is read and run
    const padding = 'x'.repeat(defaults.maxBodyBytes - 200);
    for (const chunked of [false, true]) {
      const fine = await post(t.gatewayUrl, { query: '{ address(code: "440304") { name } }', variables: { padding } }, { chunked });
      expect(fine.status, `chunked: ${chunked}`).toBe(200);
      expect(fine.json.data.address.name).toBe('福田区');
    }
  });
});

describe('production mode, with a low rate limit', () => {
  const RATE = 5;
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem({ production: true, limits: { rateLimitPerMinute: RATE } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('refuses introspection', async () => {
    const token = await signDevToken({ subject: 'introspector', roles: ['admin'] });
    const schema = await t.query('{ __schema { types { name } } }', {}, token);
    expect(schema.status).toBe(400);
    expect(schema.data ?? null).toBeNull();
    expect(schema.errors?.[0].message).toMatch(/introspection has been disabled/i);
    const type = await t.query('{ __type(name: "Address") { fields { name } } }', {}, token);
    expect(type.errors?.[0].message).toMatch(/introspection has been disabled/i);
  });

  it('gives no "Did you mean" suggestions for fields, arguments or enum values', async () => {
    const token = await signDevToken({ subject: 'typist', roles: ['admin'] });
    const field = await t.query(`{ address(code: "440304") { nam } }`, {}, token);
    expect(field.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(field.errors?.[0].message).toContain('"nam"');
    const argument = await t.query(`{ address(cod: "440304") { name } }`, {}, token);
    const enumValue = await t.query(`{ address(code: "440304") { caseStats(kind: [MEDIATON]) { total } } }`, {}, token);
    const variable = await t.query(`query ($k: [CaseKind!]) { address(code: "440304") { caseStats(kind: $k) { total } } }`, { k: ['MEDIATON'] }, token);
    for (const res of [field, argument, enumValue, variable]) {
      expect(res.errors?.length).toBeGreaterThan(0);
      for (const e of res.errors!) expect(e.message).not.toMatch(/did you mean/i);
    }
  });

  it('serves no GraphiQL', async () => {
    const res = await fetch(t.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(res.headers.get('content-type') ?? '').not.toContain('text/html');
    expect(await res.text()).not.toContain('<html');
  });

  it('still answers ordinary queries', async () => {
    const token = await signDevToken({ subject: 'reader', roles: ['admin'] });
    const res = await t.query(EXAMPLE_QUERY, {}, token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.address.code).toBe(SHOWCASE.roomCode);
    expect((res as { extensions?: unknown }).extensions).toBeUndefined();
  });

  it('limits requests per minute per token subject: 429 RATE_LIMITED with retry-after, others unaffected', async () => {
    const flooder = await signDevToken({ subject: 'flooder' });
    const query = { query: '{ address(code: "440304") { name } }' };
    for (let i = 0; i < RATE; i++) expect((await post(t.gatewayUrl, query, { token: flooder })).status).toBe(200);
    const refused = await post(t.gatewayUrl, query, { token: flooder });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.json.errors[0].extensions).toMatchObject({ code: LIMIT_CODES.rate, retryAfterSeconds: retryAfter });
    expect(refused.json.data ?? null).toBeNull();
    // a new token for the same subject is the same identity
    expect((await post(t.gatewayUrl, query, { token: await signDevToken({ subject: 'flooder' }) })).status).toBe(429);
    // another subject has its own allowance
    const other = await post(t.gatewayUrl, query, { token: await signDevToken({ subject: 'someone-else' }) });
    expect(other.status).toBe(200);
    expect(other.json.data.address.name).toBe('福田区');
  });

  it('limits anonymous requests per client IP', async () => {
    const query = { query: '{ address(code: "440304") { name } }' };
    for (let i = 0; i < RATE; i++) expect((await post(t.gatewayUrl, query, { localAddress: '127.0.0.2' })).status).toBe(200);
    const refused = await post(t.gatewayUrl, query, { localAddress: '127.0.0.2' });
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBeTruthy();
    expect(refused.json.errors[0].extensions.code).toBe(LIMIT_CODES.rate);
    expect((await post(t.gatewayUrl, query, { localAddress: '127.0.0.3' })).status).toBe(200);
  });
});

describe('persisted operations only', () => {
  const REGISTERED = `query DistrictName { address(code: "440304") { name level } }`;
  const hash = createHash('sha256').update(REGISTERED).digest('hex');
  let dir: string;
  let t: TestSystem;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'persisted-operations-'));
    const file = path.join(dir, 'persisted-documents.json');
    writeFileSync(file, JSON.stringify({ [hash]: REGISTERED }));
    t = await startTestSystem({ production: true, limits: { persistedOperationsFile: file } });
  });
  afterAll(async () => {
    await t?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a registered operation by its hash (documentId, or the Apollo persistedQuery extension)', async () => {
    const byId = await post(t.gatewayUrl, { documentId: hash });
    expect(byId.status).toBe(200);
    expect(byId.json.data.address).toEqual({ name: '福田区', level: 'DISTRICT' });
    const apq = await post(t.gatewayUrl, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(apq.json.data.address.name).toBe('福田区');
  });

  it('refuses an arbitrary query with PERSISTED_QUERY_ONLY, even the registered text', async () => {
    for (const query of [`{ address(code: "440304") { name } }`, REGISTERED]) {
      const res = await post(t.gatewayUrl, { query });
      expect(res.status).toBe(400);
      expect(res.json.data ?? null).toBeNull();
      expect(res.json.errors[0].extensions.code).toBe(LIMIT_CODES.persistedOnly);
    }
  });

  it('refuses an unknown hash with PERSISTED_QUERY_NOT_FOUND', async () => {
    const res = await post(t.gatewayUrl, { documentId: createHash('sha256').update('{ __typename }').digest('hex') });
    expect(res.json.errors[0].extensions.code).toBe(LIMIT_CODES.persistedNotFound);
    const none = await post(t.gatewayUrl, { variables: {} });
    expect(none.json.errors[0].extensions.code).toBe(LIMIT_CODES.persistedIdRequired);
  });
});
