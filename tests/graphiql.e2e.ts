/**
 * A newcomer's first look: in development GraphiQL opens with a demo token in its headers (and
 * says so), and that token reads the personal data of the example query; production serves no
 * GraphiQL and no token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../lib/auth/dev-keys.ts';
import { graphiqlOptions, isLoopback } from '../gateway/server.ts';
import { SHOWCASE } from '../seeds/showcase.ts';
import { startTestSystem, type TestSystem } from './support/system.ts';

const demoToken = () => signDevToken({ subject: 'demo-admin', roles: ['admin'] });

async function graphiqlPage(system: TestSystem): Promise<{ status: number; type: string | null; html: string }> {
  const res = await fetch(system.gatewayUrl, { headers: { accept: 'text/html' } });
  return { status: res.status, type: res.headers.get('content-type'), html: await res.text() };
}

describe('GraphiQL in development', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem({ graphiqlToken: demoToken });
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('opens with a demo token in its headers that the gateway accepts for personal data', async () => {
    const page = await graphiqlPage(system);
    expect(page.status).toBe(200);
    expect(page.type).toContain('text/html');
    expect(page.html).toContain('demo admin token');
    const token = /Bearer (ey[\w-]+\.[\w-]+\.[\w-]+)/.exec(page.html)?.[1];
    expect(token).toBeDefined();
    const result = await system.query(`{ address(code: "${SHOWCASE.roomCode}") { residents(first: 1) { edges { node { name } } } } }`, {}, token);
    expect(result.status).toBe(200);
    expect(result.errors).toBeUndefined();
    expect((result.data as { address: { residents: { edges: { node: { name: string } }[] } } }).address.residents.edges[0].node.name).toBeTruthy();
  });
});

describe('the demo token', () => {
  it('is offered only to a browser on this machine (npm start listens on every interface)', async () => {
    const options = graphiqlOptions(demoToken) as (request: Request, context: unknown) => Promise<{ title: string; headers?: string }>;
    const at = (remoteAddress: string) => options(new Request('http://x/graphql'), { req: { socket: { remoteAddress } } });
    for (const local of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) expect((await at(local)).headers).toMatch(/Bearer ey/);
    for (const remote of ['192.168.1.20', '::ffff:10.0.0.7', '2001:db8::1']) {
      const page = await at(remote);
      expect(page.headers).toBeUndefined();
      expect(page.title).not.toContain('demo');
    }
    expect(isLoopback(undefined)).toBe(false);
  });
});

describe('GraphiQL in production', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem({ production: true, graphiqlToken: demoToken });
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('is not served, and no token is', async () => {
    const page = await graphiqlPage(system);
    expect(page.type ?? '').not.toContain('text/html');
    expect(page.html).not.toMatch(/Bearer ey/);
  });
});
