/**
 * The subgraphs execute with graphql-jit (lib/jit-executor.ts). It must answer exactly as
 * graphql-js does: the same data, the same errors with the same codes and paths, for the queries
 * the gateway sends and for the ones a test or a tool sends a subgraph directly.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { viewerFromClaims, type Viewer } from '../lib/auth/scopes.ts';
import { SHOWCASE } from '../seeds/showcase.ts';
import { eventsSubgraph } from '../subgraphs/events/server.ts';
import { peopleSubgraph } from '../subgraphs/people/server.ts';
import { casesSubgraph } from '../subgraphs/cases/server.ts';
import { openFixture } from './support/databases.ts';
import { subgraphClient } from './support/subgraph.ts';

const databases = { events: openFixture('events'), people: openFixture('people'), cases: openFixture('cases') };
afterAll(async () => {
  await Promise.all(Object.values(databases).map((d) => d.close()));
});

const SUBGRAPHS = { events: eventsSubgraph, people: peopleSubgraph, cases: casesSubgraph } as const;

/** Runs `query` on the subgraph with both executors, as `viewer`. */
async function both(name: keyof typeof SUBGRAPHS, query: string, variables: Record<string, unknown>, viewer?: Viewer) {
  const results = [];
  for (const executor of ['jit', 'graphql-js'] as const) {
    const client = await subgraphClient(SUBGRAPHS[name] as never, databases[name], viewer, executor);
    results.push(await client.run(query, variables));
    await client.stop();
  }
  return results;
}

const reader = viewerFromClaims({ sub: 'jit-reader', scope: 'people:read events:read cases:read' });
const confined = viewerFromClaims({ sub: 'jit-worker', scope: 'people:read events:read', communities: [SHOWCASE.communityCode] });

const CASES: [string, keyof typeof SUBGRAPHS, string, Record<string, unknown>, Viewer?][] = [
  [
    'an events page as the gateway asks for it (representations in one variable)',
    'events',
    'query ($r: [_Any!]!, $first: Int!) { _entities(representations: $r) { ... on Address { events(first: $first) { edges { node { id kind source severity status reportedAt resolvedAt description address { code } updatedAt } } pageInfo { hasNextPage } } eventStats { total open } } } }',
    { r: [{ __typename: 'Address', code: SHOWCASE.communityCode }, { __typename: 'Address', code: SHOWCASE.roomCode }], first: 50 },
  ],
  [
    'a variable inside the representations literal (run on graphql-js)',
    'people',
    'query ($c: AddressCode!) { _entities(representations: [{ __typename: "Address", code: $c }]) { ... on Address { residentCount residents(first: 5) { edges { node { id name idNumber phone } } } } } }',
    { c: SHOWCASE.roomCode },
    reader,
  ],
  [
    'residents masked for a confined viewer without people:pii',
    'people',
    'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Address { residentCount residents(first: 20) { edges { node { id name idNumber phone birthDate birthYear } residence { since sinceYear relation } } } } } }',
    { r: [{ __typename: 'Address', code: SHOWCASE.communityCode }, { __typename: 'Address', code: '440304005040' }] },
    confined,
  ],
  [
    'a field the viewer has no scope for: null with FORBIDDEN at its path',
    'cases',
    'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Address { cases(first: 3) { edges { node { kind status parties { role } } } } } } }',
    { r: [{ __typename: 'Address', code: SHOWCASE.roomCode }] },
    viewerFromClaims({ sub: 'jit-cases', scope: 'cases:read' }),
  ],
  [
    'a malformed DateTime variable: the scalar\'s own message and BAD_USER_INPUT',
    'events',
    'query ($r: [_Any!]!, $since: DateTime) { _entities(representations: $r) { ... on Address { events(since: $since, first: 2) { edges { node { id } } } } } }',
    { r: [{ __typename: 'Address', code: SHOWCASE.roomCode }], since: 'yesterday' },
  ],
  [
    'a page too large: PAGE_SIZE_EXCEEDED',
    'events',
    'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Address { events(first: 999999) { edges { node { id } } } } } }',
    { r: [{ __typename: 'Address', code: SHOWCASE.roomCode }] },
  ],
];

describe('graphql-jit answers as graphql-js does', () => {
  for (const [name, subgraph, query, variables, viewer] of CASES) {
    it(name, async () => {
      const [jit, js] = await both(subgraph, query, variables, viewer);
      expect(jit).toEqual(js);
      expect(JSON.stringify(jit)).not.toContain('"_entities":[null');
    });
  }

  it('keeps the scalar error of a bad variable word for word', async () => {
    const [jit] = await both('events', CASES[4][2], CASES[4][3]);
    expect(jit.errors?.[0].message).toMatch(/Invalid DateTime.*yesterday/);
  });
});
