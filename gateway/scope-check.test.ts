import { describe, expect, it } from 'vitest';
import { createSchema, createYoga } from 'graphql-yoga';
import { parse } from 'graphql';
import { covers, documentRequirements, useScopesCheckedPerDocument } from './scope-check.ts';

const typeDefs = /* GraphQL */ `
  directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE
  directive @policy(policies: [String!]!) on FIELD_DEFINITION | OBJECT | INTERFACE
  type Query {
    room: Room
    people: [Person!]! @requiresScopes(scopes: [["people:read"]])
    anything: Thing
    secret: String @policy(policies: ["ops"])
  }
  type Room { code: String! events: Int @requiresScopes(scopes: [["events:read"], ["admin"]]) }
  type Person @requiresScopes(scopes: [["people:read"]]) { name: String! phone: String @requiresScopes(scopes: [["people:pii"]]) }
  union Thing = Room | Person
`;
const resolvers = {
  Query: { room: () => ({ code: 'R1', events: 3 }), people: () => [{ name: '张三', phone: '13800000000' }], anything: () => ({ __typename: 'Room', code: 'R2', events: 1 }), secret: () => 's' },
  Thing: { __resolveType: (value: { __typename: string }) => value.__typename },
};
const schema = createSchema({ typeDefs, resolvers });

describe('documentRequirements', () => {
  const requirements = (query: string) => documentRequirements(schema, parse(query));

  it('lists each scope requirement the document can reach, once', () => {
    expect(requirements('{ room { code } }')).toEqual({ requirements: [], walk: false });
    const found = requirements('{ room { events } people { name phone } again: people { name } }');
    expect(found.walk).toBe(false);
    expect(found.requirements).toEqual(expect.arrayContaining([[['events:read'], ['admin']], [['people:read']], [['people:pii']]]));
    expect(found.requirements).toHaveLength(3);
  });

  it('counts fields under @skip, in fragments and in every member of a union', () => {
    const found = requirements('query ($no: Boolean!) { room { ...R } anything { ... on Person { phone @skip(if: $no) } } } fragment R on Room { events }');
    expect(found.requirements).toEqual(expect.arrayContaining([[['events:read'], ['admin']], [['people:read']], [['people:pii']]]));
  });

  it('leaves a @policy field to the walk', () => {
    expect(requirements('{ secret }').walk).toBe(true);
  });

  it('is covered only when one alternative of every requirement is held in full', () => {
    const reqs = requirements('{ room { events } people { name } }').requirements;
    expect(covers(new Set(['people:read', 'admin']), reqs)).toBe(true);
    expect(covers(new Set(['people:read', 'events:read']), reqs)).toBe(true);
    expect(covers(new Set(['people:read']), reqs)).toBe(false);
    expect(covers(new Set(['events:read']), reqs)).toBe(false);
  });
});

describe('useScopesCheckedPerDocument', () => {
  type User = { scopes: ReadonlySet<string> };
  const yoga = createYoga({
    schema,
    logging: false,
    plugins: [
      useScopesCheckedPerDocument<User>({
        mode: 'protect-granular',
        rejectUnauthenticated: false,
        resolveUserFn: (context) => ({ scopes: new Set((context as { request: Request }).request.headers.get('x-scopes')?.split(' ').filter(Boolean) ?? []) }),
        extractScopes: (user) => [...user.scopes],
        scopesOf: (user) => user.scopes,
      }),
    ],
  });
  const ask = async (query: string, scopes: string) => {
    const response = await yoga.fetch('http://yoga/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'x-scopes': scopes }, body: JSON.stringify({ query }) });
    return (await response.json()) as { data?: Record<string, unknown>; errors?: Array<{ message: string; path?: string[]; extensions?: { code?: string } }> };
  };
  const query = '{ room { code events } people { name phone } }';

  it('serves a viewer whose scopes cover the document in full', async () => {
    expect(await ask(query, 'people:read people:pii events:read')).toEqual({ data: { room: { code: 'R1', events: 3 }, people: [{ name: '张三', phone: '13800000000' }] } });
  });

  it('still refuses what another viewer may not see, for the same document', async () => {
    // the same text: the parsed document (and its requirements) come from the caches the covered viewer filled
    await ask(query, 'people:read people:pii events:read');
    const refused = await ask(query, 'people:read');
    expect(refused.data).toEqual({ room: { code: 'R1', events: null }, people: [{ name: '张三', phone: null }] });
    expect(refused.errors?.map((e) => [e.extensions?.code, e.path?.join('.')]).sort()).toEqual([
      ['UNAUTHORIZED_FIELD_OR_TYPE', 'people.phone'],
      ['UNAUTHORIZED_FIELD_OR_TYPE', 'room.events'],
    ]);
    expect(await ask(query, 'admin people:read people:pii')).toEqual({ data: { room: { code: 'R1', events: 3 }, people: [{ name: '张三', phone: '13800000000' }] } });
  });
});
