/**
 * Masked data stays masked: a grid worker (people:read, no people:pii) reads every person-level
 * scalar field the composed graph serves (walked from the supergraph's Person, Residence,
 * ResidentEdge, EventPersonLink and CaseParty types, so a new field is included without a line
 * here) for a whole residents page of a community, plus the community's event participants and
 * case parties, and then tries to rebuild each PII field from everything served:
 *
 * - idNumber: candidates are the GB 11643 numbers consistent with every served value (birth
 *   date or year, gender, any unmasked digit, the check character), the region taken as known;
 * - birthDate: the dates consistent with the same;
 * - phone: the numbers consistent with the masked form.
 *
 * Rebuilding must fail for every person: no value pinned down, candidates at or above the
 * thresholds of lib/auth/masking.ts; and no served string may contain the hidden digits.
 */
import { readFileSync } from 'node:fs';
import { buildASTSchema, getNamedType, isLeafType, isObjectType, parse, type GraphQLField, type GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../lib/auth/dev-keys.ts';
import { MIN_ID_CANDIDATES, MIN_PHONE_CANDIDATES } from '../lib/auth/masking.ts';
import { idCardCheckChar } from '../lib/check-digits.ts';
import { SHOWCASE } from '../seeds/showcase.ts';
import { startTestSystem, type TestSystem } from './support/system.ts';

const schema = buildASTSchema(parse(readFileSync(new URL('../gateway/supergraph.graphql', import.meta.url), 'utf8')), { assumeValidSDL: true });

/** Types whose values are about one person. */
const PERSON_TYPES = ['Person', 'Residence', 'ResidentEdge', 'EventPersonLink', 'CaseParty'];

const served = (f: GraphQLField<unknown, unknown>) => !f.astNode?.directives?.some((d) => d.name.value === 'inaccessible');
const callable = (f: GraphQLField<unknown, unknown>) => f.args.every((a) => !a.type.toString().endsWith('!') || a.defaultValue !== undefined);

/** Every leaf field of a person-level type, and the person-level objects beneath it (an address by its code). */
function selection(typeName: string, seen: readonly string[] = []): string {
  const type = schema.getType(typeName) as GraphQLObjectType;
  const parts: string[] = ['__typename'];
  for (const field of Object.values(type.getFields()).filter((f) => served(f) && callable(f))) {
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (isObjectType(named) && PERSON_TYPES.includes(named.name) && !seen.includes(named.name)) {
      parts.push(`${field.name} { ${selection(named.name, [...seen, typeName])} }`);
    } else if (isObjectType(named) && named.name === 'Address') parts.push(`${field.name} { code }`);
  }
  return parts.join(' ');
}

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => {
  await t?.stop();
});

type Truth = { id: string; idNumber: string; phone: string | null; birthDate: string; gender: 'MALE' | 'FEMALE' };

/** Every leaf value in a response subtree, with the id of the person object it sits under. */
function collect(value: unknown, person: string | null, out: Map<string, unknown[]>, owner?: string): void {
  if (Array.isArray(value)) return value.forEach((v) => collect(v, person, out, owner));
  if (value === null || typeof value !== 'object') {
    if (owner) (out.get(owner) ?? out.set(owner, []).get(owner)!).push(value);
    return;
  }
  const record = value as Record<string, unknown>;
  const me = record.__typename === 'Person' && typeof record.id === 'string' ? record.id : owner;
  for (const [key, v] of Object.entries(record)) {
    if (key === '__typename') continue;
    collect(v, person, out, me);
  }
}

/** Days of a year as YYYYMMDD. */
function daysOf(year: number): string[] {
  const days: string[] = [];
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
    days.push(d.toISOString().slice(0, 10).replaceAll('-', ''));
  }
  return days;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const weighted = (digits: string, from: number) => [...digits].reduce((s, c, i) => s + Number(c) * ID_WEIGHTS[from + i], 0);
const fits = (shown: string | null, at: number, digits: string) => shown === null || [...digits].every((c, i) => shown[at + i] === '*' || shown[at + i] === c);

/**
 * Identity numbers and birth dates consistent with what was served of one person. The region is
 * taken as known (an attacker guesses it from where the person lives); dates come from the birth
 * date if served, else the birth year, else a century; the sequence's last digit has the gender's
 * parity; unmasked characters of the served idNumber must agree, the check character included.
 */
function candidates(truth: Truth, shown: { idNumber: string | null; birthDate: string | null; birthYear: number | null }) {
  const region = truth.idNumber.slice(0, 6);
  const dates = (shown.birthDate ? [shown.birthDate.replaceAll('-', '')]
    : shown.birthYear ? daysOf(shown.birthYear)
    : Array.from({ length: 100 }, (_, i) => daysOf(1926 + i)).flat()).filter((d) => fits(shown.idNumber, 6, d));
  const sequences = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'))
    .filter((s) => Number(s[2]) % 2 === (truth.gender === 'MALE' ? 1 : 0) && fits(shown.idNumber, 14, s));
  const check = shown.idNumber?.[17] ?? '*';
  let ids = dates.length * sequences.length;
  if (check !== '*') {
    // count by the weighted sum mod 11, which alone decides the check character
    const byMod = (sums: number[]) => sums.reduce((m, s) => (m[s % 11]++, m), new Array<number>(11).fill(0));
    const d = byMod(dates.map((x) => weighted(x, 6)));
    const s = byMod(sequences.map((x) => weighted(x, 14)));
    const r = weighted(region, 0);
    ids = 0;
    for (let a = 0; a < 11; a++) for (let b = 0; b < 11; b++) {
      if (CHECK[(r + a + b) % 11] === check) ids += d[a] * s[b];
    }
  }
  return { ids, dates: dates.length };
}

/** GB 11643: the check character of a weighted sum mod 11 (agrees with lib/check-digits.ts, asserted below). */
const CHECK = '10X98765432';

describe('nothing served without people:pii rebuilds a PII field', () => {
  it('counts check characters as lib/check-digits.ts computes them', () => {
    for (const body of ['44030419900101123', '11010519491231002', '44030420001231567']) {
      expect(CHECK[weighted(body, 0) % 11]).toBe(idCardCheckChar(body));
    }
  });

  it('leaves every person of a residents page, their events and cases, unidentifiable', async () => {
    const worker = await signDevToken({ subject: 'masking-worker', roles: ['grid-worker'], scopes: ['cases:read'], communities: [SHOWCASE.communityCode] });
    const edge = selection('ResidentEdge');
    const link = selection('EventPersonLink');
    const party = selection('CaseParty');
    for (const s of [edge, link, party]) expect(s).toContain('person {');
    const query = `query ($code: AddressCode!) { address(code: $code) {
      residents(first: 500) { edges { ${edge} } }
      events(first: 200) { edges { node { involvedPeople { ${link} } } } }
      cases(first: 200) { edges { node { parties { ${party} } } } }
    } }`;
    const res = await t.query(query, { code: SHOWCASE.communityCode }, worker);
    expect(res.errors).toBeUndefined();
    const edges = res.data!.address.residents.edges;
    expect(edges.length).toBeGreaterThanOrEqual(100);

    const servedBy = new Map<string, unknown[]>();
    collect(res.data, null, servedBy);
    const shownPerson = new Map<string, { idNumber: string | null; birthDate: string | null; birthYear: number | null; phone: string | null }>();
    const remember = (p: any) => p && shownPerson.set(p.id, { idNumber: p.idNumber ?? null, birthDate: p.birthDate ?? null, birthYear: p.birthYear ?? null, phone: p.phone ?? null });
    for (const e of edges) remember(e.node);
    for (const e of res.data!.address.events.edges) for (const l of e.node.involvedPeople) remember(l.person);
    for (const e of res.data!.address.cases.edges) for (const p of e.node.parties) remember(p.person);

    // the truth, read with people:pii
    const ids = [...shownPerson.keys()];
    const truths = new Map<string, Truth>();
    for (let i = 0; i < ids.length; i += 100) {
      const truthRes = await t.query(`query ($ids: [ID!]!) { people(ids: $ids) { id idNumber phone birthDate gender } }`, { ids: ids.slice(i, i + 100) });
      expect(truthRes.errors).toBeUndefined();
      for (const p of truthRes.data!.people as Truth[]) truths.set(p.id, p);
    }

    const rebuilt: string[] = [];
    const leaked: string[] = [];
    const smallest = { ids: Infinity, dates: Infinity, phones: Infinity };
    for (const [id, shown] of shownPerson) {
      const truth = truths.get(id)!;
      const c = candidates(truth, shown);
      smallest.ids = Math.min(smallest.ids, c.ids);
      smallest.dates = Math.min(smallest.dates, c.dates);
      if (c.ids < MIN_ID_CANDIDATES) rebuilt.push(`${id}: idNumber among ${c.ids}`);
      if (c.dates < 365) rebuilt.push(`${id}: birthDate among ${c.dates}`);
      if (truth.phone) {
        const phones = shown.phone === null ? Infinity : 10 ** [...shown.phone].filter((ch) => ch === '*').length;
        smallest.phones = Math.min(smallest.phones, phones);
        if (phones < MIN_PHONE_CANDIDATES) rebuilt.push(`${id}: phone among ${phones}`);
      }
      const secrets = [truth.idNumber, truth.idNumber.slice(6, 14), truth.birthDate, ...(truth.phone ? [truth.phone, truth.phone.slice(0, 7), truth.phone.slice(3)] : [])];
      for (const value of servedBy.get(id) ?? []) {
        if (typeof value !== 'string') continue;
        for (const secret of secrets) if (value.includes(secret)) leaked.push(`${id}: "${value}" holds ${secret}`);
      }
    }
    expect(rebuilt.slice(0, 10), `${rebuilt.length} of ${shownPerson.size} people`).toEqual([]);
    expect(leaked.slice(0, 10), `${leaked.length} served values`).toEqual([]);
    expect(smallest.ids).toBeGreaterThanOrEqual(MIN_ID_CANDIDATES);
    expect(smallest.phones).toBeGreaterThanOrEqual(MIN_PHONE_CANDIDATES);
  });
});
