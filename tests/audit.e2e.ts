/**
 * The audit log through the gateway: every request that returns person-level data leaves a record
 * of who asked, for what, and which people and addresses it got; registry-only requests leave
 * none; the log is readable with audit:read only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../lib/auth/dev-keys.ts';
import { SHOWCASE } from '../seeds/showcase.ts';
import { startTestSystem, type TestSystem } from './support/system.ts';

let t: TestSystem;
let auditor: string;
beforeAll(async () => {
  t = await startTestSystem();
  auditor = await signDevToken({ subject: 'auditor-1', roles: ['auditor'] });
});
afterAll(async () => {
  await t?.stop();
});

/** POSTs with extra headers and request extensions (the client name and purpose the audit log records). */
async function ask(query: string, token: string, headers: Record<string, string> = {}, extensions?: Record<string, unknown>) {
  const res = await fetch(t.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify({ query, extensions }),
  });
  return (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

const RECORDS = `query ($subject: String, $person: ID) {
  auditRecords(subject: $subject, personId: $person, first: 20) {
    edges { node { at subject roles subgraph operationName operationHash clientName purpose personIds addressCodes } }
  }
}`;

describe('reading person-level data leaves a record', () => {
  it('records the subject, purpose, client, operation and exactly the people and addresses returned', async () => {
    const subject = `reader-${Date.now()}`;
    const token = await signDevToken({ subject, scopes: ['people:read'] });
    const res = await ask(`query RoomResidents { address(code: "${SHOWCASE.roomCode}") { residents(first: 10) { edges { node { id name } } } } }`, token,
      { 'graphql-client-name': 'grid-app' }, { purpose: '走访核查 home visit' });
    expect(res.errors).toBeUndefined();
    const ids = res.data.address.residents.edges.map((e: any) => e.node.id).sort();
    expect(ids.length).toBeGreaterThanOrEqual(2);
    await t.system.audit.flush();

    const log = await t.query(RECORDS, { subject }, auditor);
    expect(log.errors).toBeUndefined();
    const records = log.data!.auditRecords.edges.map((e: any) => e.node);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      subject,
      roles: [],
      subgraph: 'people',
      operationName: 'RoomResidents',
      clientName: 'grid-app',
      purpose: '走访核查 home visit',
      addressCodes: [SHOWCASE.roomCode],
    });
    expect(records[0].operationHash).toMatch(/^[0-9a-f]{64}$/);
    expect([...records[0].personIds].sort()).toEqual(ids);
  });

  it('records case parties and event participants read through their subgraphs, and can be found by person', async () => {
    const subject = `officer-${Date.now()}`;
    const token = await signDevToken({ subject, roles: ['case-officer'] });
    // the purpose may also come as a percent-encoded header
    const res = await ask(`{ address(code: "${SHOWCASE.roomCode}") {
      cases(first: 5) { edges { node { parties { person { id } } } } }
      events(first: 5) { edges { node { involvedPeople { person { id } } } } }
    } }`, token, { 'x-purpose': encodeURIComponent('调解 mediation') });
    expect(res.errors).toBeUndefined();
    const partyIds = res.data.address.cases.edges.flatMap((e: any) => e.node.parties.map((p: any) => p.person?.id)).filter(Boolean);
    expect(partyIds.length).toBeGreaterThan(0);
    await t.system.audit.flush();
    const log = await t.query(RECORDS, { subject }, auditor);
    const bySubgraph = Object.fromEntries(log.data!.auditRecords.edges.map((e: any) => [e.node.subgraph, e.node]));
    expect(Object.keys(bySubgraph).sort()).toEqual(expect.arrayContaining(['cases', 'events']));
    for (const id of partyIds) expect(bySubgraph.cases.personIds).toContain(id);
    expect(bySubgraph.cases.purpose).toBe('调解 mediation');
    const byPerson = await t.query(RECORDS, { person: partyIds[0] }, auditor);
    expect(byPerson.data!.auditRecords.edges.some((e: any) => e.node.subject === subject)).toBe(true);
  });

  it('writes nothing for registry-only requests', async () => {
    const subject = `registry-${Date.now()}`;
    const token = await signDevToken({ subject, scopes: ['address:read'] });
    await ask(`{ address(code: "${SHOWCASE.roomCode}") { fullName building { estate } } }`, token);
    await t.system.audit.flush();
    const log = await t.query(RECORDS, { subject }, auditor);
    expect(log.data!.auditRecords.edges).toEqual([]);
  });

  it('is readable only with audit:read', async () => {
    const res = await t.query(RECORDS, {}, await signDevToken({ subject: 'nosy', roles: ['case-officer'] }));
    expect(res.data?.auditRecords ?? null).toBeNull();
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
  });
});
