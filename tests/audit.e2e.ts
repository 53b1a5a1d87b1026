/**
 * The audit log through the gateway: every request that returns person-level data leaves a record
 * of who asked, for what, and which people and addresses it got, committed before the answer is
 * sent (no flush anywhere here); whatever is selected; registry-only requests leave none; the log
 * is readable with audit:read only, within the auditor's communities, and reading it is audited;
 * when the audit store cannot be written, no person-level data is served.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../lib/auth/dev-keys.ts';
import { query } from '../lib/db.ts';
import { loadSubgraphDefinitions } from '../lib/system.ts';
import { SHOWCASE } from '../seeds/showcase.ts';
import { scratchAuditSystem, withAuditAppendGone } from './support/scratch-audit.ts';
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
    const log = await t.query(RECORDS, { subject }, auditor);
    expect(log.data!.auditRecords.edges).toEqual([]);
  });

  it('is readable only with audit:read', async () => {
    const res = await t.query(RECORDS, {}, await signDevToken({ subject: 'nosy', roles: ['case-officer'] }));
    expect(res.data?.auditRecords ?? null).toBeNull();
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
  });
});

/** The records of `subject` in audit.log, read straight from the table (oldest first). */
async function logOf(subject: string) {
  return query<{ subgraph: string; person_ids: string[]; address_codes: string[] }>(t.auditDatabase.knex,
    'SELECT subgraph, person_ids, address_codes FROM audit.log WHERE subject = ? ORDER BY id', [subject]);
}

async function residentIds(): Promise<string[]> {
  const res = await t.query(`{ address(code: "${SHOWCASE.roomCode}") { residents(first: 10) { edges { node { id } } } } }`);
  return res.data!.address.residents.edges.map((e: any) => e.node.id).sort();
}

describe('audit before the answer', () => {
  it('the record is committed when the response arrives', async () => {
    const subject = `durable-${Date.now()}`;
    const token = await signDevToken({ subject, scopes: ['people:read', 'address:read'] });
    const res = await ask(`{ address(code: "${SHOWCASE.roomCode}") { residents(first: 10) { edges { node { id } } } } }`, token);
    expect(res.errors).toBeUndefined();
    // straight after the response, no flush(): the row is in the table
    const rows = await logOf(subject);
    expect(rows).toHaveLength(1);
    expect(rows[0].person_ids.sort()).toEqual(res.data.address.residents.edges.map((e: any) => e.node.id).sort());
  });
});

describe('whatever is selected', () => {
  it('records person(id) { __typename } and people(ids) { __typename }', async () => {
    const ids = await residentIds();
    const subject = `typename-${Date.now()}`;
    const token = await signDevToken({ subject, scopes: ['people:read'] });
    const one = await t.query(`{ person(id: "${ids[0]}") { __typename } }`, {}, token);
    expect(one.data).toEqual({ person: { __typename: 'Person' } });
    const many = await t.query('query ($ids: [ID!]!) { people(ids: $ids) { __typename } }', { ids }, token);
    expect(many.data).toEqual({ people: ids.map(() => ({ __typename: 'Person' })) });
    const rows = await logOf(subject);
    expect(rows.map((r) => [r.subgraph, r.person_ids.sort()])).toEqual([['people', [ids[0]]], ['people', ids]]);
  });

  it('records a legal representative read as { id } only (answered by the people subgraph, which scopes it)', async () => {
    const subject = `representative-${Date.now()}`;
    const token = await signDevToken({ subject, scopes: ['address:read', 'entities:read', 'people:read'] });
    const res = await ask(`{ address(code: "${SHOWCASE.roomCode}") { entities(first: 10) { edges { node { legalRepresentative { id } } } } } }`, token);
    expect(res.errors).toBeUndefined();
    const ids = res.data.address.entities.edges.map((e: any) => e.node.legalRepresentative?.id).filter(Boolean);
    expect(ids.length).toBeGreaterThan(0);
    const rows = await logOf(subject);
    expect(rows.filter((r) => r.subgraph === 'people').flatMap((r) => r.person_ids).sort()).toEqual([...new Set(ids)].sort());
  });

  it('records an auditor\'s reads of the log: the people and addresses the records name', async () => {
    const ids = await residentIds();
    const reader = `looked-at-${Date.now()}`;
    await ask(`{ address(code: "${SHOWCASE.roomCode}") { residents(first: 10) { edges { node { id } } } } }`, await signDevToken({ subject: reader, scopes: ['people:read'] }));
    const auditorSubject = `auditor-${Date.now()}`;
    const res = await ask(`{ auditRecords(subject: "${reader}") { edges { node { personIds } } } }`, await signDevToken({ subject: auditorSubject, roles: ['auditor'] }));
    expect(res.data.auditRecords.edges).toHaveLength(1);
    const rows = await logOf(auditorSubject);
    expect(rows).toHaveLength(1);
    expect(rows[0].person_ids.sort()).toEqual(ids);
    expect(rows[0].address_codes).toEqual([SHOWCASE.roomCode]);
  });

  it('every subgraph that defines an audited type audits it (a Person reference is person-level anywhere)', async () => {
    const definitions = await loadSubgraphDefinitions();
    const audited = new Set(Object.values(definitions).flatMap((d) => Object.keys(d.audited ?? {})));
    const missing: string[] = [];
    for (const def of Object.values(definitions)) {
      const defined = def.typeDefs.definitions.flatMap((d) => ('name' in d && d.name && (d.kind === 'ObjectTypeDefinition' || d.kind === 'ObjectTypeExtension') ? [d.name.value] : []));
      for (const type of defined) if (audited.has(type) && !def.audited?.[type]) missing.push(`${def.name}.${type}`);
    }
    expect(missing).toEqual([]);
  });
});

describe('a confined auditor', () => {
  it('sees only records with an address under their communities', async () => {
    const ids = await residentIds();
    const reader = `confined-target-${Date.now()}`;
    const token = await signDevToken({ subject: reader, scopes: ['people:read'] });
    await ask(`{ address(code: "${SHOWCASE.roomCode}") { residents(first: 10) { edges { node { id } } } } }`, token);
    await ask(`{ person(id: "${ids[0]}") { id } }`, token); // names no address
    const records = `{ auditRecords(subject: "${reader}") { edges { node { addressCodes } } } }`;
    const everywhere = await ask(records, await signDevToken({ subject: 'auditor-all', roles: ['auditor'] }));
    expect(everywhere.data.auditRecords.edges).toHaveLength(2);
    const here = await ask(records, await signDevToken({ subject: 'auditor-here', roles: ['auditor'], communities: [SHOWCASE.communityCode] }));
    expect(here.data.auditRecords.edges.map((e: any) => e.node.addressCodes)).toEqual([[SHOWCASE.roomCode]]);
    const elsewhere = await ask(records, await signDevToken({ subject: 'auditor-elsewhere', roles: ['auditor'], communities: ['440304004001'] }));
    expect(elsewhere.data.auditRecords.edges).toEqual([]);
  });
});

describe('failing closed', () => {
  const broken = scratchAuditSystem();

  const RESIDENTS = `{ address(code: "${SHOWCASE.roomCode}") { fullName residents(first: 10) { edges { node { id name } } } } }`;

  it('serves no person-level data while the audit store cannot be written, and the registry still', async () => {
    const before = await broken.system.query(RESIDENTS);
    expect(before.errors).toBeUndefined();
    expect(before.data!.address.residents.edges.length).toBeGreaterThan(0);

    await withAuditAppendGone(broken.scratch, async () => {
      const res = await broken.system.query(RESIDENTS);
      expect(res.data?.address?.fullName).toBe(SHOWCASE.roomFullName);
      expect(res.data?.address?.residents ?? null).toBeNull();
      expect(JSON.stringify(res)).not.toMatch(/"name"|"id":"[^"]+"/);
      // what the client sees: the subgraph's code and name, and a message without database internals
      expect(res.errors).toEqual([expect.objectContaining({
        message: 'the audit log cannot be written: person-level data is not served without its audit record',
        extensions: expect.objectContaining({ code: 'AUDIT_UNAVAILABLE', serviceName: 'people' }),
      })]);
      // a person read alone: no data, the code
      const ids = before.data!.address.residents.edges.map((e: any) => e.node.id);
      const person = await broken.system.query(`{ person(id: "${ids[0]}") { __typename } }`);
      expect(person.data?.person ?? null).toBeNull();
      expect(person.errors?.map((e) => e.extensions?.code)).toContain('AUDIT_UNAVAILABLE');
      // non-person reads work
      const registry = await broken.system.query(`{ address(code: "${SHOWCASE.roomCode}") { fullName building { estate } } }`);
      expect(registry).toMatchObject({ data: { address: { fullName: SHOWCASE.roomFullName, building: { estate: '水围村' } } } });
      expect(registry.errors).toBeUndefined();
    });
    const after = await broken.system.query(RESIDENTS);
    expect(after.errors).toBeUndefined();
    expect(after.data!.address.residents.edges.length).toBeGreaterThan(0);
  });
});
