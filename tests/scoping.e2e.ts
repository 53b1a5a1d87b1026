/**
 * Community scoping end to end: a token with a `communities` claim sees, through the gateway,
 * only rows whose address lies under those communities — in lists, counts, statistics, root
 * lookups and the `_entities` resolutions the gateway makes to join subgraphs. Out of scope means
 * absent: lists skip the rows, counts do not count them, lookups answer as for an unknown id.
 *
 * District-level checks read the seeded fixture (three communities of 福田区); cross-community
 * joins use rows the test writes under two fresh made-up communities (district 449900), so other
 * suites' seeded counts are untouched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../lib/auth/dev-keys.ts';
import { SHOWCASE } from '../seeds/showcase.ts';
import { insertCases } from './support/cases-factories.ts';
import { freshCommunityCode, freshCreditCode, insertEvents } from './support/events-factories.ts';
import { insertLegalEntity } from './support/entities-factories.ts';
import { insertPerson, insertResidence } from './support/people-factories.ts';
import { startTestSystem, type TestSystem } from './support/system.ts';

/** The fixture's communities: 水围社区 (the showcase) and two others. */
const SHUIWEI = SHOWCASE.communityCode;
const OTHER = '440304005040';
const THIRD = '440304007021';

let t: TestSystem;
/** A grid worker of 水围社区 who may also read cases. */
let worker: string;
/** The same, confined to two communities. */
let twoCommunities: string;
/** No community limit (every scope). */
let admin: string;

beforeAll(async () => {
  t = await startTestSystem();
  worker = await signDevToken({ subject: 'scoping-worker', roles: ['grid-worker'], scopes: ['cases:read'], communities: [SHUIWEI] });
  twoCommunities = await signDevToken({ subject: 'scoping-two', roles: ['grid-worker'], scopes: ['cases:read'], communities: [SHUIWEI, OTHER] });
  admin = await signDevToken({ subject: 'scoping-admin', roles: ['admin'] });
});
afterAll(async () => {
  await t?.stop();
});

type ListName = 'residents' | 'entities' | 'events' | 'cases';

/** Each list's selection, and the address codes a row of it lies at. */
const LISTS: Record<ListName, { count: string; node: string; codes: (edge: any) => string[] }> = {
  residents: {
    count: 'residentCount',
    node: 'node { id } residence { address { code } }',
    codes: (e) => [e.residence.address.code],
  },
  entities: {
    count: 'entityCount',
    node: 'node { creditCode registeredAddress { code } businessAddress { code } }',
    codes: (e) => [e.node.registeredAddress?.code, e.node.businessAddress?.code].filter((c): c is string => typeof c === 'string'),
  },
  events: { count: 'eventStats { total }', node: 'node { id address { code } }', codes: (e) => [e.node.address.code] },
  cases: { count: 'caseStats { total }', node: 'node { id address { code } }', codes: (e) => [e.node.address.code] },
};

type Listing = { totalCount: number; count: number; edges: any[] };

/** Every row of one list at `code` (following the pages), its totalCount, and its count or stats total. */
async function listAll(list: ListName, code: string, token: string): Promise<Listing> {
  const { count, node } = LISTS[list];
  const query = `query ($code: AddressCode!, $after: String) { address(code: $code) {
    ${count}
    ${list}(first: 500, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { ${node} } }
  } }`;
  const edges: any[] = [];
  let after: string | null = null;
  let totalCount = 0;
  let counted = 0;
  do {
    const res = await t.query(query, { code, after }, token);
    expect(res.errors, `${list} at ${code}`).toBeUndefined();
    const address = res.data!.address;
    const connection = address[list];
    totalCount = connection.totalCount;
    counted = address.residentCount ?? address.entityCount ?? address.eventStats?.total ?? address.caseStats?.total;
    edges.push(...connection.edges);
    after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
  } while (after);
  return { totalCount, count: counted, edges };
}

/** The unconfined count of a list at each code, summed. */
async function adminCount(list: ListName, codes: string[]): Promise<number> {
  let sum = 0;
  for (const code of codes) sum += (await listAll(list, code, admin)).totalCount;
  return sum;
}

const LIST_NAMES = Object.keys(LISTS) as ListName[];

describe('lists, counts and statistics under a communities claim', () => {
  it.each(LIST_NAMES)('%s at district level: only rows of the worker\'s community, counted as the community is', async (list) => {
    const scoped = await listAll(list, SHOWCASE.districtCode, worker);
    const expected = await adminCount(list, [SHUIWEI]);
    expect(expected).toBeGreaterThan(0);
    expect(scoped.totalCount).toBe(expected);
    expect(scoped.count).toBe(expected);
    expect(scoped.edges).toHaveLength(expected);
    for (const edge of scoped.edges) {
      expect(LISTS[list].codes(edge).some((c) => c.startsWith(SHUIWEI)), JSON.stringify(edge)).toBe(true);
    }
    // the admin sees more at the same address: the other communities
    expect((await listAll(list, SHOWCASE.districtCode, admin)).totalCount).toBeGreaterThan(expected);
  });

  it.each(LIST_NAMES)('%s at district level with two communities: the rows of both', async (list) => {
    const scoped = await listAll(list, SHOWCASE.districtCode, twoCommunities);
    const expected = await adminCount(list, [SHUIWEI, OTHER]);
    expect(scoped.totalCount).toBe(expected);
    expect(scoped.count).toBe(expected);
    expect(scoped.edges).toHaveLength(expected);
    const seen = new Set<string>();
    for (const edge of scoped.edges) {
      const codes = LISTS[list].codes(edge);
      expect(codes.some((c) => c.startsWith(SHUIWEI) || c.startsWith(OTHER)), JSON.stringify(edge)).toBe(true);
      expect(codes.some((c) => c.startsWith(THIRD)) && !codes.some((c) => c.startsWith(SHUIWEI) || c.startsWith(OTHER))).toBe(false);
      for (const c of codes) seen.add(c.slice(0, 12));
    }
    expect(seen.has(SHUIWEI)).toBe(true);
    expect(seen.has(OTHER)).toBe(true);
  });

  it.each(LIST_NAMES)('%s of another community: empty, counted as zero', async (list) => {
    for (const code of [OTHER, THIRD]) {
      const scoped = await listAll(list, code, worker);
      expect(scoped).toEqual({ totalCount: 0, count: 0, edges: [] });
    }
  });

  it.each(LIST_NAMES)('%s of the worker\'s own showcase room: the same as unconfined', async (list) => {
    const scoped = await listAll(list, SHOWCASE.roomCode, worker);
    const unconfined = await listAll(list, SHOWCASE.roomCode, admin);
    expect(scoped).toEqual(unconfined);
  });

  it('statistics and trends break down only the community\'s rows', async () => {
    const query = `query ($code: AddressCode!) { address(code: $code) {
      eventStats { total open byStatus { status count } byKind { kind count } }
      caseStats { total open byStatus { status count } byKind { kind count } byOutcome { outcome count } }
      eventTrend(from: "2025-11-01", to: "2026-10-31", bucket: MONTH) { total points { start count } }
      caseTrend(from: "2025-11-01", to: "2026-10-31", bucket: WEEK) { total points { start count } }
    } }`;
    const scoped = await t.query(query, { code: SHOWCASE.districtCode }, worker);
    const community = await t.query(query, { code: SHUIWEI }, admin);
    expect(scoped.errors).toBeUndefined();
    expect(scoped.data!.address).toEqual(community.data!.address);
    const elsewhere = await t.query(query, { code: OTHER }, worker);
    expect(elsewhere.data!.address.eventStats).toMatchObject({ total: 0, open: 0 });
    expect(elsewhere.data!.address.caseStats).toMatchObject({ total: 0, open: 0 });
    expect(elsewhere.data!.address.eventTrend.total).toBe(0);
    expect(community.data!.address.eventTrend.total).toBeGreaterThan(0);
  });
});

describe('lookups by id under a communities claim', () => {
  /** One row of each kind in `community`, as the admin sees them. */
  async function rowsOf(community: string) {
    const res = await t.query(`query ($code: AddressCode!) { address(code: $code) {
      residents(first: 1) { edges { node { id } } }
      entities(first: 1) { edges { node { creditCode } } }
      events(first: 1) { edges { node { id } } }
      cases(first: 1) { edges { node { id } } }
    } }`, { code: community }, admin);
    expect(res.errors).toBeUndefined();
    const a = res.data!.address;
    return {
      person: a.residents.edges[0].node.id as string,
      entity: a.entities.edges[0].node.creditCode as string,
      event: a.events.edges[0].node.id as string,
      case: a.cases.edges[0].node.id as string,
    };
  }

  const ROOTS = [
    { root: 'person', many: 'people', arg: 'id', manyArg: 'ids', type: 'ID', key: 'person', field: 'id name' },
    { root: 'legalEntity', many: 'legalEntities', arg: 'creditCode', manyArg: 'creditCodes', type: 'CreditCode', key: 'entity', field: 'creditCode name' },
    { root: 'event', many: 'events', arg: 'id', manyArg: 'ids', type: 'ID', key: 'event', field: 'id kind' },
    { root: 'case', many: 'cases', arg: 'id', manyArg: 'ids', type: 'ID', key: 'case', field: 'id kind' },
  ] as const;

  it.each(ROOTS)('$root of another community is null, answered as an unknown one; its own is visible', async ({ root, many, arg, manyArg, type, key, field }) => {
    const own = (await rowsOf(SHUIWEI))[key];
    const foreign = (await rowsOf(OTHER))[key];
    const one = `query ($v: ${type}!) { x: ${root}(${arg}: $v) { ${field} } }`;

    const hidden = await t.query(one, { v: foreign }, worker);
    expect(hidden.data?.x ?? null).toBeNull();
    // the same answer as for something that does not exist: nothing reveals the row is there
    expect(hidden.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);

    expect((await t.query(one, { v: own }, worker)).data!.x).not.toBeNull();
    expect((await t.query(one, { v: foreign }, twoCommunities)).data!.x).not.toBeNull();
    expect((await t.query(one, { v: foreign }, admin)).data!.x).not.toBeNull();

    const batch = await t.query(`query ($v: [${type}!]!) { x: ${many}(${manyArg}: $v) { ${field.split(' ')[0]} } }`, { v: [foreign, own] }, worker);
    expect(batch.errors).toBeUndefined();
    expect(batch.data!.x[0]).toBeNull();
    expect(batch.data!.x[1]).not.toBeNull();
  });
});

describe('joins across subgraphs (_entities) under a communities claim', () => {
  /** Two fresh communities: the worker's own (HOME) and another (AWAY), with rows linking them. */
  const HOME = freshCommunityCode();
  const AWAY = freshCommunityCode();
  const at = (community: string, room: string) => `${community}01TEST0${room}`;
  let homeToken: string;
  let ids: {
    local: string; commuter: string; away: string;
    homeEntity: string; awayEntity: string; homeEvent: string; awayEvent: string; homeCase: string;
  };

  beforeAll(async () => {
    homeToken = await signDevToken({ subject: 'scoping-home', roles: ['grid-worker'], scopes: ['cases:read'], communities: [HOME] });
    const { people, entities, events, cases } = t.databases;
    const local = await insertPerson(people);
    await insertResidence(people, { personId: local.id, addressCode: at(HOME, '000101') });
    // used to live in AWAY; that past residence is not the worker's to see
    await insertResidence(people, { personId: local.id, addressCode: at(AWAY, '000101'), since: '2010-01-01', until: '2019-12-31' });
    // lives in both: visible, with only the HOME residence
    const commuter = await insertPerson(people);
    await insertResidence(people, { personId: commuter.id, addressCode: at(HOME, '000102') });
    await insertResidence(people, { personId: commuter.id, addressCode: at(AWAY, '000102') });
    const away = await insertPerson(people);
    await insertResidence(people, { personId: away.id, addressCode: at(AWAY, '000103') });

    const homeEntity = await insertLegalEntity(entities, { registeredAddressCode: at(HOME, '000201'), legalRepPersonId: away.id, creditCode: freshCreditCode() });
    const awayEntity = await insertLegalEntity(entities, { businessAddressCode: at(AWAY, '000201'), legalRepPersonId: local.id, creditCode: freshCreditCode() });
    const [homeEvent, awayEvent] = await insertEvents(events, [
      {
        addressCode: at(HOME, '000301'),
        people: [{ personId: local.id, role: 'REPORTER' }, { personId: away.id, role: 'INVOLVED' }],
        entities: [{ creditCode: homeEntity.creditCode, role: 'INVOLVED' }, { creditCode: awayEntity.creditCode, role: 'RESPONSIBLE' }],
      },
      { addressCode: at(AWAY, '000301'), people: [{ personId: local.id, role: 'WITNESS' }] },
    ]);
    const [homeCase] = await insertCases(cases, [{
      addressCode: at(HOME, '000401'),
      parties: [{ role: 'APPLICANT', personId: local.id }, { role: 'RESPONDENT', personId: away.id }, { role: 'THIRD_PARTY', creditCode: awayEntity.creditCode }],
      eventIds: [homeEvent, awayEvent],
    }]);
    ids = {
      local: local.id, commuter: commuter.id, away: away.id,
      homeEntity: homeEntity.creditCode, awayEntity: awayEntity.creditCode, homeEvent, awayEvent, homeCase,
    };
  });

  it('an event in scope shows its participants of the community and null for those living elsewhere', async () => {
    const query = `query ($id: ID!) { event(id: $id) {
      id
      involvedPeople { role person { id name } }
      involvedEntities { role entity { creditCode name } }
    } }`;
    const scoped = await t.query(query, { id: ids.homeEvent }, homeToken);
    // no error either: nothing says why the participant is missing
    expect(scoped.errors).toBeUndefined();
    const people = Object.fromEntries(scoped.data!.event.involvedPeople.map((l: any) => [l.role, l.person]));
    expect(people).toEqual({ REPORTER: { id: ids.local, name: expect.any(String) }, INVOLVED: null });
    const entities = Object.fromEntries(scoped.data!.event.involvedEntities.map((l: any) => [l.role, l.entity]));
    expect(entities).toEqual({ INVOLVED: { creditCode: ids.homeEntity, name: expect.any(String) }, RESPONSIBLE: null });
    expect(JSON.stringify(scoped)).not.toContain(ids.away);
    expect(JSON.stringify(scoped)).not.toContain(ids.awayEntity);

    const unconfined = await t.query(query, { id: ids.homeEvent }, admin);
    expect(unconfined.errors).toBeUndefined();
    expect(unconfined.data!.event.involvedPeople.every((l: any) => typeof l.person.name === 'string')).toBe(true);
    expect(unconfined.data!.event.involvedEntities.every((l: any) => typeof l.entity.name === 'string')).toBe(true);
  });

  it('a legal entity in scope hides a representative living elsewhere; a person sees only represented entities in scope', async () => {
    const entity = await t.query(`query ($c: CreditCode!) { legalEntity(creditCode: $c) { creditCode legalRepresentative { id name } } }`, { c: ids.homeEntity }, homeToken);
    expect(entity.errors).toBeUndefined();
    expect(entity.data!.legalEntity).toEqual({ creditCode: ids.homeEntity, legalRepresentative: null });

    const person = await t.query(`query ($id: ID!) { person(id: $id) { id representedEntities { creditCode } } }`, { id: ids.local }, homeToken);
    expect(person.errors).toBeUndefined();
    expect(person.data!.person.representedEntities).toEqual([]);
    const unconfined = await t.query(`query ($id: ID!) { person(id: $id) { representedEntities { creditCode } } }`, { id: ids.local }, admin);
    expect(unconfined.data!.person.representedEntities).toEqual([{ creditCode: ids.awayEntity }]);
  });

  it('a reference to someone living elsewhere is null whatever is selected, even only id or __typename', async () => {
    // the people subgraph answers the person field itself (from the inaccessible personRef /
    // legalRepresentativeRef), so community scoping decides it: before, the referencing subgraph
    // answered `id` and `__typename` on its own
    for (const selection of ['id', '__typename', 'id __typename']) {
      const event = await t.query(`query ($id: ID!) { event(id: $id) { involvedPeople { role person { ${selection} } } } }`, { id: ids.homeEvent }, homeToken);
      expect(event.errors, selection).toBeUndefined();
      const participants = Object.fromEntries(event.data!.event.involvedPeople.map((l: any) => [l.role, l.person]));
      expect(participants.INVOLVED, `event participant, ${selection}`).toBeNull();
      expect(participants.REPORTER, `event participant, ${selection}`).not.toBeNull();

      const kase = await t.query(`query ($id: ID!) { case(id: $id) { parties { role person { ${selection} } } } }`, { id: ids.homeCase }, homeToken);
      expect(kase.errors, selection).toBeUndefined();
      const parties = Object.fromEntries(kase.data!.case.parties.map((p: any) => [p.role, p.person]));
      expect(parties.RESPONDENT, `case party, ${selection}`).toBeNull();
      expect(parties.APPLICANT, `case party, ${selection}`).not.toBeNull();

      const entity = await t.query(`query ($c: CreditCode!) { legalEntity(creditCode: $c) { legalRepresentative { ${selection} } } }`, { c: ids.homeEntity }, homeToken);
      expect(entity.errors, selection).toBeUndefined();
      expect(entity.data!.legalEntity.legalRepresentative, `legal representative, ${selection}`).toBeNull();
      for (const res of [event, kase, entity]) expect(JSON.stringify(res)).not.toContain(ids.away);
    }
    // and in scope the id is there, as the people subgraph gives it
    const event = await t.query(`query ($id: ID!) { event(id: $id) { involvedPeople { role person { id } } } }`, { id: ids.homeEvent }, homeToken);
    expect(event.data!.event.involvedPeople).toContainEqual({ role: 'REPORTER', person: { id: ids.local } });
    const kase = await t.query(`query ($id: ID!) { case(id: $id) { parties { role person { id } } } }`, { id: ids.homeCase }, homeToken);
    expect(kase.data!.case.parties).toContainEqual({ role: 'APPLICANT', person: { id: ids.local } });
    const unconfined = await t.query(`query ($c: CreditCode!) { legalEntity(creditCode: $c) { legalRepresentative { id } } }`, { c: ids.homeEntity }, admin);
    expect(unconfined.data!.legalEntity.legalRepresentative).toEqual({ id: ids.away });
  });

  it('a person shows only residences in scope; someone living elsewhere is not found', async () => {
    const query = `query ($ids: [ID!]!) { people(ids: $ids) { id residences { current address { code } } } }`;
    const scoped = await t.query(query, { ids: [ids.local, ids.commuter, ids.away] }, homeToken);
    expect(scoped.errors).toBeUndefined();
    const [local, commuter, away] = scoped.data!.people;
    expect(local.residences).toEqual([{ current: true, address: { code: at(HOME, '000101') } }]);
    expect(commuter.residences).toEqual([{ current: true, address: { code: at(HOME, '000102') } }]);
    expect(away).toBeNull();

    const unconfined = await t.query(query, { ids: [ids.local] }, admin);
    expect(unconfined.data!.people[0].residences).toHaveLength(2);
  });

  it('a case in scope hides parties and related events of elsewhere; a case elsewhere is absent', async () => {
    const query = `query ($id: ID!) { case(id: $id) {
      id
      parties { role person { id name } entity { creditCode name } }
      relatedEvents { id kind }
    } }`;
    const scoped = await t.query(query, { id: ids.homeCase }, homeToken);
    expect(scoped.errors).toBeUndefined();
    expect(scoped.data!.case.id).toBe(ids.homeCase);
    const parties = Object.fromEntries(scoped.data!.case.parties.map((p: any) => [p.role, p]));
    expect(parties).toEqual({
      APPLICANT: { role: 'APPLICANT', person: { id: ids.local, name: expect.any(String) }, entity: null },
      RESPONDENT: { role: 'RESPONDENT', person: null, entity: null },
      THIRD_PARTY: { role: 'THIRD_PARTY', person: null, entity: null },
    });
    // The link to the event elsewhere belongs to the visible case; the event itself resolves to
    // null in the events subgraph, and its id is not passed on.
    const related = scoped.data!.case.relatedEvents;
    expect(related.filter((e: any) => e !== null)).toEqual([{ id: ids.homeEvent, kind: 'OTHER' }]);
    expect(JSON.stringify(scoped)).not.toContain(ids.awayEvent);
    expect(JSON.stringify(scoped)).not.toContain(ids.away);

    const unconfined = await t.query(query, { id: ids.homeCase }, admin);
    expect(unconfined.errors).toBeUndefined();
    expect(unconfined.data!.case.relatedEvents.map((e: any) => e.id).sort()).toEqual([ids.awayEvent, ids.homeEvent].sort());
    expect(unconfined.data!.case.parties.every((p: any) => (p.person ?? p.entity).name)).toBe(true);
  });

  it('lookups of the other community\'s rows are null for the worker, found for the admin', async () => {
    const query = `query ($p: ID!, $c: CreditCode!, $e: ID!) {
      person(id: $p) { id } legalEntity(creditCode: $c) { creditCode } event(id: $e) { id }
    }`;
    const vars = { p: ids.away, c: ids.awayEntity, e: ids.awayEvent };
    const scoped = await t.query(query, vars, homeToken);
    expect(scoped.data ?? {}).toMatchObject({ person: null, legalEntity: null, event: null });
    expect(scoped.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
    const unconfined = await t.query(query, vars, admin);
    expect(unconfined.errors).toBeUndefined();
  });
});
