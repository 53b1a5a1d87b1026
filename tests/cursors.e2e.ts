/**
 * Cursors through the gateway are opaque: sealed with AES-256-GCM under a server key and bound to
 * the list they page over. A cursor names nothing readable, a modified one or one of another list
 * is refused with INVALID_CURSOR, and reading a residents page's endCursor (which stands for the
 * last resident on it) is written to the audit log like reading the resident.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../lib/auth/dev-keys.ts';
import { SHOWCASE } from '../seeds/showcase.ts';
import { startTestSystem, type TestSystem } from './support/system.ts';

let t: TestSystem;
let auditor: string;
beforeAll(async () => {
  t = await startTestSystem();
  auditor = await signDevToken({ subject: 'cursor-auditor', roles: ['auditor'] });
});
afterAll(async () => {
  await t?.stop();
});

const RESIDENTS = `query ($code: AddressCode!, $after: String) { address(code: $code) {
  residents(first: 1, after: $after) { pageInfo { endCursor } edges { cursor node { id } residence { address { code } } } }
} }`;

/** The community's residents, one per page, with each page's endCursor. */
async function firstPages(n: number) {
  const pages: { cursor: string; personId: string; roomCode: string }[] = [];
  let after: string | null = null;
  for (let i = 0; i < n; i++) {
    const res = await t.query(RESIDENTS, { code: SHOWCASE.communityCode, after });
    expect(res.errors).toBeUndefined();
    const connection = res.data!.address.residents;
    const edge = connection.edges[0];
    expect(connection.pageInfo.endCursor).toBe(edge.cursor);
    pages.push({ cursor: edge.cursor, personId: edge.node.id, roomCode: edge.residence.address.code });
    after = edge.cursor;
  }
  return pages;
}

describe('opaque cursors', () => {
  it('decodes to nothing readable: neither the room nor the person it stands for', async () => {
    for (const page of await firstPages(3)) {
      const bytes = Buffer.from(page.cursor, 'base64url');
      for (const text of [bytes.toString('utf8'), bytes.toString('latin1'), page.cursor]) {
        expect(text).not.toContain(page.personId);
        expect(text).not.toContain(page.roomCode);
        expect(text).not.toContain(page.roomCode.slice(0, 12));
      }
      expect(() => JSON.parse(bytes.toString('utf8'))).toThrow();
    }
  });

  it('refuses a modified cursor, a forged one and one from another list with INVALID_CURSOR', async () => {
    const [page] = await firstPages(1);
    const flipped = page.cursor.slice(0, 20) + (page.cursor[20] === 'A' ? 'B' : 'A') + page.cursor.slice(21);
    const forged = Buffer.from(JSON.stringify([page.roomCode, page.personId])).toString('base64url');
    const children = await t.query(`{ address(code: "${SHOWCASE.communityCode}") { children(first: 1) { pageInfo { endCursor } } } }`);
    const otherList = children.data!.address.children.pageInfo.endCursor as string;
    expect(otherList).toEqual(expect.any(String));
    for (const after of [flipped, forged, otherList, page.cursor.slice(0, -2)]) {
      const res = await t.query(RESIDENTS, { code: SHOWCASE.communityCode, after });
      expect(res.data!.address.residents, after).toBeNull();
      expect(res.errors?.map((e) => e.extensions?.code), after).toEqual(['INVALID_CURSOR']);
    }
    // and the genuine cursor still pages on
    const next = await t.query(RESIDENTS, { code: SHOWCASE.communityCode, after: page.cursor });
    expect(next.errors).toBeUndefined();
    expect(next.data!.address.residents.edges[0].node.id).not.toBe(page.personId);
  });

  it('writes an audit record naming the person behind a pageInfo-only read', async () => {
    const [page] = await firstPages(1);
    const subject = `cursor-reader-${Date.now()}`;
    const reader = await signDevToken({ subject, scopes: ['people:read'] });
    const res = await t.query(`{ address(code: "${SHOWCASE.communityCode}") { residents(first: 1) { pageInfo { endCursor } } } }`, {}, reader);
    expect(res.errors).toBeUndefined();
    expect(res.data!.address.residents.pageInfo.endCursor).toBe(page.cursor);
    await t.system.audit.flush();
    const log = await t.query(`query ($s: String) { auditRecords(subject: $s) { edges { node { subgraph personIds addressCodes } } } }`, { s: subject }, auditor);
    expect(log.errors).toBeUndefined();
    const records = log.data!.auditRecords.edges.map((e: any) => e.node);
    expect(records).toEqual([{ subgraph: 'people', personIds: [page.personId], addressCodes: [page.roomCode] }]);
  });
});
