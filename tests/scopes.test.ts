/**
 * Defence in depth: each subgraph checks `@requiresScopes` again on the identity the gateway
 * signed, and masks identity numbers and phones for viewers without people:pii.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, viewerFromClaims } from '../lib/auth/scopes.ts';
import { SHOWCASE } from '../seeds/showcase.ts';
import { peopleSubgraph } from '../subgraphs/people/server.ts';
import { casesSubgraph } from '../subgraphs/cases/server.ts';
import { openFixture } from './support/databases.ts';
import { subgraphClient } from './support/subgraph.ts';

const people = openFixture('people');
const cases = openFixture('cases');
afterAll(async () => {
  await people.close();
  await cases.close();
});

const RESIDENTS = `query ($c: AddressCode!) {
  _entities(representations: [{ __typename: "Address", code: $c }]) {
    ... on Address { residentCount residents(first: 5) { edges { node { id name idNumber phone } } } }
  }
}`;

describe('the people subgraph on its own', () => {
  it('refuses personal fields to a viewer without people:read, whoever signed the request', async () => {
    const client = await subgraphClient(peopleSubgraph, people, ANONYMOUS);
    const res = await client.run(RESIDENTS, { c: SHOWCASE.roomCode });
    await client.stop();
    expect(res.data?._entities[0]).toEqual({ residentCount: null, residents: null });
    const codes = new Set(res.errors?.map((e) => e.extensions?.code));
    expect(codes).toEqual(new Set(['FORBIDDEN']));
    expect(res.errors?.[0].message).toMatch(/needs the scope people:read/);
  });

  it('masks identity numbers and phones without people:pii, and shows them with it', async () => {
    const reader = await subgraphClient(peopleSubgraph, people, viewerFromClaims({ sub: 'r', scope: 'people:read' }));
    const masked = await reader.run(RESIDENTS, { c: SHOWCASE.roomCode });
    await reader.stop();
    const officer = await subgraphClient(peopleSubgraph, people, viewerFromClaims({ sub: 'o', scope: 'people:read people:pii' }));
    const full = await officer.run(RESIDENTS, { c: SHOWCASE.roomCode });
    await officer.stop();
    const maskedPeople = masked.data!._entities[0].residents.edges.map((e: any) => e.node);
    const fullPeople = full.data!._entities[0].residents.edges.map((e: any) => e.node);
    expect(maskedPeople.length).toBeGreaterThanOrEqual(2);
    maskedPeople.forEach((p: any, i: number) => {
      const real = fullPeople[i];
      expect(real.idNumber).toMatch(/^[0-9]{17}[0-9X]$/);
      expect(p.idNumber).toBe('*'.repeat(18));
      if (real.phone) expect(p.phone).toBe(`${real.phone.slice(0, 3)}****${real.phone.slice(-4)}`);
      else expect(p.phone).toBeNull();
      expect(p.name).toBe(real.name);
    });
  });
});

describe('scope sets: all of one set', () => {
  it('needs both cases:read and people:read for case parties', async () => {
    const query = `query ($c: AddressCode!) { _entities(representations: [{ __typename: "Address", code: $c }]) {
      ... on Address { cases(first: 2) { edges { node { kind parties { role } } } } } } }`;
    const casesOnly = await subgraphClient(casesSubgraph, cases, viewerFromClaims({ sub: 'c', scope: 'cases:read' }));
    const partial = await casesOnly.run(query, { c: SHOWCASE.roomCode });
    await casesOnly.stop();
    const both = await subgraphClient(casesSubgraph, cases, viewerFromClaims({ sub: 'c', scope: 'cases:read people:read' }));
    const whole = await both.run(query, { c: SHOWCASE.roomCode });
    await both.stop();
    expect(partial.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(partial.errors?.[0].message).toContain('cases:read + people:read');
    expect(whole.errors).toBeUndefined();
    expect(whole.data!._entities[0].cases.edges[0].node.parties.length).toBeGreaterThan(0);
  });
});
