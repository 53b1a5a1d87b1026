/**
 * Bad input gets a clear error with a code, never INTERNAL_SERVER_ERROR, and valid input beside
 * it still works: every String/ID argument of every root field (and of the address fields that
 * page) is tried with a NUL character and with an oversized text, walked from the composed
 * schema so a new argument is covered; lookups by a list of ids answer the valid ones; dates
 * outside 0001-9999 are refused by the Date and DateTime scalars.
 */
import { readFileSync } from 'node:fs';
import { buildASTSchema, getNamedType, isLeafType, isListType, isNonNullType, isObjectType, parse, type GraphQLArgument, type GraphQLField, type GraphQLInputType, type GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ARGUMENT_LENGTH } from '../lib/input-limits.ts';
import { SHOWCASE } from '../seeds/showcase.ts';
import { startTestSystem, type TestSystem } from './support/system.ts';

const schema = buildASTSchema(parse(readFileSync(new URL('../gateway/supergraph.graphql', import.meta.url), 'utf8')), { assumeValidSDL: true });
const accessible = (f: GraphQLField<unknown, unknown> | GraphQLArgument) => !f.astNode?.directives?.some((d) => d.name.value === 'inaccessible');

let t: TestSystem;
let personId: string;
let creditCode: string;
beforeAll(async () => {
  t = await startTestSystem();
  const res = await t.query(`{ address(code: "${SHOWCASE.communityCode}") { residents(first: 1) { edges { node { id } } } entities(first: 1) { edges { node { creditCode } } } } }`);
  personId = res.data!.address.residents.edges[0].node.id;
  creditCode = res.data!.address.entities.edges[0].node.creditCode;
});
afterAll(async () => {
  await t?.stop();
});

/** A valid value for an argument of this type (the one under test replaced afterwards). */
function validValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return validValue(type.ofType);
  if (isListType(type)) return [validValue(type.ofType)];
  switch (getNamedType(type).name) {
    case 'AddressCode': return SHOWCASE.roomCode;
    case 'CreditCode': return creditCode;
    case 'Int': return 1;
    case 'Boolean': return true;
    case 'ID': return personId;
    default: return 'text';
  }
}

/** The value `bad` in place of every String/ID in a value of this type, or undefined when the type holds none. */
function badValue(type: GraphQLInputType, bad: string): unknown {
  if (isNonNullType(type)) return badValue(type.ofType, bad);
  if (isListType(type)) {
    const item = badValue(type.ofType, bad);
    return item === undefined ? undefined : [item];
  }
  const name = getNamedType(type).name;
  return name === 'String' || name === 'ID' ? bad : undefined;
}

type Case = { label: string; query: string; variables: Record<string, unknown>; argument: string; cursor: boolean; idList: boolean };

/** One operation per String/ID argument of `field` on the type reached by `prefix ... suffix`. */
function casesOf(field: GraphQLField<unknown, unknown>, prefix: string, suffix: string, label: string, bad: string): Case[] {
  const named = getNamedType(field.type);
  const selection = isLeafType(named) ? '' : isObjectType(named) ? ' { __typename }' : ' { __typename }';
  const out: Case[] = [];
  for (const arg of field.args.filter(accessible)) {
    const value = badValue(arg.type, bad);
    if (value === undefined) continue;
    const variables: Record<string, unknown> = {};
    const decls: string[] = [];
    const uses: string[] = [];
    for (const a of field.args.filter(accessible)) {
      const required = isNonNullType(a.type) && a.defaultValue === undefined;
      if (a !== arg && !required) continue;
      variables[a.name] = a === arg ? value : validValue(a.type);
      decls.push(`$${a.name}: ${a.type.toString()}`);
      uses.push(`${a.name}: $${a.name}`);
    }
    const inner = getNamedType(arg.type).name;
    out.push({
      label: `${label}(${arg.name})`,
      query: `query (${decls.join(', ')}) { ${prefix}${field.name}(${uses.join(', ')})${selection}${suffix} }`,
      variables,
      argument: arg.name,
      cursor: arg.name === 'after',
      idList: inner === 'ID' && isListType(isNonNullType(arg.type) ? arg.type.ofType : arg.type),
    });
  }
  return out;
}

/** Every String/ID argument of the root fields and of Address (where the paged lists are). */
function allCases(bad: string): Case[] {
  const query = schema.getQueryType()!;
  const address = schema.getType('Address') as GraphQLObjectType;
  return [
    ...Object.values(query.getFields()).filter(accessible).flatMap((f) => casesOf(f, '', '', `Query.${f.name}`, bad)),
    ...Object.values(address.getFields()).filter(accessible).flatMap((f) => casesOf(f, `address(code: "${SHOWCASE.communityCode}") { `, ' }', `Address.${f.name}`, bad)),
  ];
}

describe('NUL characters', () => {
  it('give a clear error with a code (never INTERNAL_SERVER_ERROR) in every String and ID argument', async () => {
    const cases = allCases('a\u0000b');
    expect(cases.map((c) => c.label)).toEqual(expect.arrayContaining(['Query.searchAddresses(query)', 'Query.people(ids)', 'Query.auditRecords(subject)', 'Address.residents(after)']));
    const failures: string[] = [];
    for (const c of cases) {
      const res = await t.query(c.query, c.variables);
      const codes = (res.errors ?? []).map((e) => e.extensions?.code);
      if (res.status >= 500 || codes.includes('INTERNAL_SERVER_ERROR') || codes.includes(undefined)) failures.push(`${c.label}: ${res.status} ${JSON.stringify(res.errors)}`);
      // ids in a list are looked up one by one: a NUL one is not found; everything else is refused by name
      else if (!c.idList) {
        const expected = c.cursor ? 'INVALID_CURSOR' : 'BAD_USER_INPUT';
        const named = res.errors?.find((e) => e.extensions?.code === expected || e.extensions?.code === 'NOT_FOUND');
        if (!named) failures.push(`${c.label}: expected ${expected}, got ${JSON.stringify(res.errors)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it('in one id of a list leaves the valid ids beside it resolved', async () => {
    const res = await t.query(`query ($ids: [ID!]!) { people(ids: $ids) { id } }`, { ids: [personId, 'a\u0000b', personId.slice(0, 5) + '\u0000'] });
    expect(res.errors).toBeUndefined();
    expect(res.data!.people).toEqual([{ id: personId }, null, null]);
    for (const [field, type] of [['events', 'ID'], ['cases', 'ID']]) {
      const other = await t.query(`query ($ids: [${type}!]!) { ${field}(ids: $ids) { id } }`, { ids: ['a\u0000b'] });
      expect(other.errors, field).toBeUndefined();
      expect(other.data![field]).toEqual([null]);
    }
  });

  it('names the argument in a string', async () => {
    const res = await t.query(`query ($q: String!) { searchAddresses(query: $q) { code } }`, { q: '水围\u0000村' }, null);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'query' });
    expect(res.errors?.[0].message).toContain('"query"');
  });

  it('in a cursor is INVALID_CURSOR', async () => {
    const res = await t.query(`query ($a: String) { address(code: "${SHOWCASE.roomCode}") { residents(after: $a) { totalCount } } }`, { a: 'abc\u0000' });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['INVALID_CURSOR']);
  });
});

describe('text length', () => {
  it('refuses a 100,000-character search with BAD_USER_INPUT naming the argument and limit, anonymous or not', async () => {
    const q = '水围村'.repeat(34_000).slice(0, 100_000);
    for (const token of [null, undefined]) {
      const res = await t.query(`query ($q: String!) { searchAddresses(query: $q) { code } }`, { q }, token);
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors?.[0].extensions).toMatchObject({ argument: 'query', maxLength: 100 });
      expect(res.errors?.[0].message).toContain('at most 100');
    }
    // a search of ordinary length still works
    const ok = await t.query(`{ searchAddresses(query: "水围村", first: 1) { code } }`, {}, null);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.searchAddresses).toHaveLength(1);
  });

  it('caps every String and ID argument, each error naming its argument', async () => {
    const failures: string[] = [];
    for (const c of allCases('x'.repeat(20_000))) {
      const res = await t.query(c.query, c.variables);
      const error = res.errors?.find((e) => e.extensions?.argument === c.argument || String(e.extensions?.argument ?? '').startsWith(`${c.argument}[`));
      const expected = c.cursor ? 'INVALID_CURSOR' : 'BAD_USER_INPUT';
      if (!error || error.extensions?.code !== expected) failures.push(`${c.label}: ${JSON.stringify(res.errors)}`);
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it('lets an argument of the default limit through', async () => {
    const res = await t.query(`query ($s: String) { auditRecords(subject: $s) { edges { node { subject } } } }`, { s: 'x'.repeat(MAX_ARGUMENT_LENGTH) });
    expect(res.errors).toBeUndefined();
  });
});

describe('dates outside 0001-9999', () => {
  it('are refused by Date and DateTime with BAD_USER_INPUT; year 0001 is accepted', async () => {
    const events = `query ($s: DateTime) { address(code: "${SHOWCASE.roomCode}") { eventStats(since: $s) { total } } }`;
    const cases = `query ($s: Date) { address(code: "${SHOWCASE.roomCode}") { caseStats(since: $s) { total } } }`;
    for (const [query, value] of [
      [events, '0000-01-01T00:00:00Z'], [events, '0001-01-01T00:00:00+08:00'], [events, '-000001-01-01T00:00:00Z'],
      [cases, '0000-12-31'], [cases, '0000-01-01'],
    ]) {
      const res = await t.query(query, { s: value });
      expect(res.errors?.map((e) => e.extensions?.code), value).toEqual(['BAD_USER_INPUT']);
    }
    for (const [query, value] of [[events, '0001-01-01T00:00:00Z'], [cases, '0001-01-01'], [cases, '9999-12-31']]) {
      const res = await t.query(query, { s: value });
      expect(res.errors, value).toBeUndefined();
    }
  });
});
