/**
 * The entities write side through the real gateway with real tokens (issue 11): a grid worker
 * registers a business (credit code checked, address as a code or free text), changes its status
 * along the workflow and moves it; refused transitions, duplicate and malformed credit codes,
 * retries with a clientMutationId, stale versions, community scoping of writes, the audit trail,
 * and what queries and the bridge's incremental refresh see afterwards.
 *
 * Code-addressed entities go to fresh made-up communities (district 449900) so no other suite's
 * counts move; the free-text one lands in the seeded showcase and is deleted at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../lib/auth/dev-keys.ts';
import { query } from '../lib/db.ts';
import { SHOWCASE } from '../seeds/showcase.ts';
import { databaseNow } from './support/bridge.ts';
import { insertLegalEntity } from './support/entities-factories.ts';
import { freshBuildingCode, freshCommunityCode, freshCreditCode, roomCode } from './support/events-factories.ts';
import { startTestSystem, type TestSystem } from './support/system.ts';

let t: TestSystem;
const community = freshCommunityCode();
const elsewhere = freshCommunityCode();
let worker: string;
let reader: string;

beforeAll(async () => {
  t = await startTestSystem();
  worker = await signDevToken({ subject: 'entity-worker', roles: ['grid-worker'], communities: [community] });
  reader = await signDevToken({ subject: 'entity-reader', roles: ['analyst'] });
});
afterAll(async () => {
  await t?.stop();
});

const ENTITY = 'creditCode name kind industry status version registeredOn updatedAt businessAddress { code } registeredAddress { code }';
const PLACED = 'code level confidence candidates { code level }';
const ERRORS = 'userErrors { field message code currentVersion } clientMutationId replayed';

type Op = 'legalEntityRegister' | 'legalEntityUpdateStatus' | 'legalEntityMoveBusinessAddress';
const TYPE: Record<Op, string> = {
  legalEntityRegister: 'LegalEntityRegisterInput', legalEntityUpdateStatus: 'LegalEntityUpdateStatusInput', legalEntityMoveBusinessAddress: 'LegalEntityMoveBusinessAddressInput',
};

async function mutate(name: Op, input: Record<string, unknown>, token = worker) {
  const addresses = name === 'legalEntityRegister' ? `businessAddress { ${PLACED} } registeredAddress { ${PLACED} }` : `address { ${PLACED} }`;
  const res = await t.query(`mutation ($input: ${TYPE[name]}!) { ${name}(input: $input) { legalEntity { ${ENTITY} } ${addresses} ${ERRORS} } }`, { input }, token);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data![name];
}

const building = (c = community) => freshBuildingCode(c);
const registration = (code = building(), overrides: Record<string, unknown> = {}) => ({
  creditCode: freshCreditCode(), name: '水围便民超市', kind: 'INDIVIDUAL_BUSINESS', industry: '零售业',
  businessAddress: { code }, registeredOn: '2024-03-01', ...overrides,
});

describe('register -> revoke -> cancel, and moving', () => {
  it('registers, changes status along the workflow, moves, bumps version and updatedAt, and audits every write', async () => {
    const at = roomCode(building(), '000102');
    const before = await databaseNow(t.databases.entities.knex);
    const input = registration(at);
    const r = await mutate('legalEntityRegister', { ...input, creditCode: input.creditCode.toLowerCase() });
    expect(r.userErrors).toEqual([]);
    expect(r.businessAddress).toEqual({ code: at, level: 'ROOM', confidence: 1, candidates: [] });
    expect(r.legalEntity).toMatchObject({
      creditCode: input.creditCode, status: 'ACTIVE', version: 1, name: '水围便民超市', kind: 'INDIVIDUAL_BUSINESS',
      businessAddress: { code: at }, registeredAddress: { code: at }, registeredOn: '2024-03-01',
    });
    expect(new Date(r.legalEntity.updatedAt).getTime()).toBeGreaterThanOrEqual(before.getTime() - 1);
    const code = input.creditCode;

    const to = building();
    const m = await mutate('legalEntityMoveBusinessAddress', { creditCode: code, version: 1, address: { code: to } });
    expect(m.userErrors).toEqual([]);
    expect(m.legalEntity).toMatchObject({ version: 2, businessAddress: { code: to }, registeredAddress: { code: at } });
    const revoked = await mutate('legalEntityUpdateStatus', { creditCode: code, version: 2, status: 'REVOKED', note: '福田市监吊销〔2026〕12号' });
    expect(revoked.legalEntity).toMatchObject({ status: 'REVOKED', version: 3 });
    const cancelled = await mutate('legalEntityUpdateStatus', { creditCode: code, version: 3, status: 'CANCELLED' });
    expect(cancelled.legalEntity).toMatchObject({ status: 'CANCELLED', version: 4 });

    const changes = await query<{ fromStatus: string; toStatus: string; note: string | null; version: number; actor: string; auditId: number }>(t.databases.entities.knex,
      `SELECT from_status AS "fromStatus", to_status AS "toStatus", note, version, actor, audit_id AS "auditId" FROM entities.status_change WHERE credit_code = ? ORDER BY id`, [code]);
    expect(changes.map(({ auditId: _, ...c }) => c)).toEqual([
      { fromStatus: 'ACTIVE', toStatus: 'REVOKED', note: '福田市监吊销〔2026〕12号', version: 3, actor: 'entity-worker' },
      { fromStatus: 'REVOKED', toStatus: 'CANCELLED', note: null, version: 4, actor: 'entity-worker' },
    ]);
    const audit = await query<{ subject: string; subgraph: string; operationName: string; addressCodes: string[] }>(t.auditDatabase.knex,
      `SELECT subject, subgraph, operation_name AS "operationName", address_codes AS "addressCodes" FROM audit.log
       WHERE subgraph = 'entities' AND subject = 'entity-worker' AND (address_codes && ?::text[]) ORDER BY id`, [[at, to]]);
    expect(audit.map((a) => a.operationName)).toEqual(['legalEntityRegister', 'legalEntityMoveBusinessAddress', 'legalEntityUpdateStatus', 'legalEntityUpdateStatus']);
    expect([...audit[1].addressCodes].sort()).toEqual([at, to].sort());
    const audited = await query<{ n: number }>(t.auditDatabase.knex, 'SELECT count(*)::int AS n FROM audit.log WHERE id = ANY(?::bigint[])', [changes.map((c) => c.auditId)]);
    expect(audited[0].n).toBe(2);

    // visible at once to queries (the bridge's updatedSince refresh: see the free-text test, at a registry address)
    const seen = await t.query(`query ($codes: [CreditCode!]!) { legalEntities(creditCodes: $codes) { creditCode status version } }`, { codes: [code] }, reader);
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.legalEntities).toEqual([{ creditCode: code, status: 'CANCELLED', version: 4 }]);
  });

  it('reinstates a revoked entity, refuses every other illegal transition naming from and to, and a move once cancelled', async () => {
    const { legalEntity } = await mutate('legalEntityRegister', registration());
    const code = legalEntity.creditCode;
    const again = await mutate('legalEntityUpdateStatus', { creditCode: code, version: 1, status: 'ACTIVE' });
    expect(again.legalEntity).toBeNull();
    expect(again.userErrors).toMatchObject([{ field: ['input', 'status'], code: 'INVALID_TRANSITION', message: expect.stringContaining('ACTIVE -> ACTIVE') }]);
    await mutate('legalEntityUpdateStatus', { creditCode: code, version: 1, status: 'REVOKED' });
    const back = await mutate('legalEntityUpdateStatus', { creditCode: code, version: 2, status: 'ACTIVE', note: '行政复议撤销吊销决定' });
    expect(back.legalEntity).toMatchObject({ status: 'ACTIVE', version: 3 });
    await mutate('legalEntityUpdateStatus', { creditCode: code, version: 3, status: 'CANCELLED' });
    for (const status of ['ACTIVE', 'REVOKED', 'CANCELLED']) {
      const r = await mutate('legalEntityUpdateStatus', { creditCode: code, version: 4, status });
      expect(r.userErrors[0], status).toMatchObject({ code: 'INVALID_TRANSITION', message: expect.stringContaining(`CANCELLED -> ${status}`) });
    }
    const move = await mutate('legalEntityMoveBusinessAddress', { creditCode: code, version: 4, address: { code: building() } });
    expect(move.userErrors).toMatchObject([{ code: 'INVALID_TRANSITION' }]);
    const [row] = await query<{ version: number }>(t.databases.entities.knex, 'SELECT version FROM entities.legal_entity WHERE credit_code = ?', [code]);
    expect(row.version).toBe(4);
  });
});

describe('refusals', () => {
  it('refuses a bad check character, a duplicate credit code and each invalid value, naming the field', async () => {
    const good = freshCreditCode();
    const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const bad = await mutate('legalEntityRegister', registration(building(), { creditCode: wrong }));
    expect(bad.userErrors).toMatchObject([{ field: ['input', 'creditCode'], code: 'INVALID_INPUT', message: expect.stringContaining('check character') }]);

    const first = await mutate('legalEntityRegister', registration(building(), { creditCode: good }));
    expect(first.userErrors).toEqual([]);
    const dup = await mutate('legalEntityRegister', registration(building(), { creditCode: good, name: '另一家' }));
    expect(dup.legalEntity).toBeNull();
    expect(dup.userErrors).toMatchObject([{ field: ['input', 'creditCode'], code: 'ALREADY_EXISTS' }]);
    const [{ n }] = await query<{ n: number }>(t.databases.entities.knex, 'SELECT count(*)::int AS n FROM entities.legal_entity WHERE credit_code = ?', [good]);
    expect(n).toBe(1);

    const many = await mutate('legalEntityRegister', registration(community, { name: ' ', registeredOn: '2999-01-01' }));
    expect(many.userErrors.map((e: any) => [e.field, e.code])).toEqual([
      [['input', 'name'], 'INVALID_INPUT'], [['input', 'registeredOn'], 'INVALID_INPUT'], [['input', 'businessAddress', 'code'], 'INVALID_INPUT'],
    ]);
    const both = await mutate('legalEntityRegister', registration(building(), { businessAddress: { code: building(), text: '水围村28栋' } }));
    expect(both.userErrors).toMatchObject([{ field: ['input', 'businessAddress'], code: 'INVALID_INPUT' }]);
  });

  it('refuses a stale version with the current one, never losing an update', async () => {
    const { legalEntity } = await mutate('legalEntityRegister', registration());
    const [a, b] = await Promise.all([
      mutate('legalEntityMoveBusinessAddress', { creditCode: legalEntity.creditCode, version: 1, address: { code: building() } }),
      mutate('legalEntityUpdateStatus', { creditCode: legalEntity.creditCode, version: 1, status: 'REVOKED' }),
    ]);
    const losers = [a, b].filter((r) => !r.legalEntity);
    expect(losers).toHaveLength(1);
    expect(losers[0].userErrors).toEqual([{ field: ['input', 'version'], code: 'STALE_VERSION', currentVersion: 2, message: expect.stringContaining('version 2') }]);
  });
});

describe('idempotent retries', () => {
  it('returns the first result for a retry, and refuses the key for another input', async () => {
    const input = { ...registration(), clientMutationId: `le-${Date.now()}` };
    const [a, b] = await Promise.all([mutate('legalEntityRegister', input), mutate('legalEntityRegister', input)]);
    expect(a.legalEntity.creditCode).toBe(b.legalEntity.creditCode);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(a.userErrors).toEqual([]);
    expect(b.userErrors).toEqual([]);
    const reused = await mutate('legalEntityRegister', { ...input, name: '改了名字' });
    expect(reused.userErrors).toMatchObject([{ field: ['input', 'clientMutationId'], code: 'IDEMPOTENCY_KEY_REUSED' }]);

    const key = `ls-${Date.now()}`;
    const first = await mutate('legalEntityUpdateStatus', { creditCode: input.creditCode, version: 1, status: 'REVOKED', clientMutationId: key });
    const retry = await mutate('legalEntityUpdateStatus', { creditCode: input.creditCode, version: 1, status: 'REVOKED', clientMutationId: key });
    expect(first.legalEntity.version).toBe(2);
    expect(retry).toMatchObject({ replayed: true, userErrors: [], legalEntity: { version: 2, status: 'REVOKED' } });
    const [{ n }] = await query<{ n: number }>(t.databases.entities.knex, 'SELECT count(*)::int AS n FROM entities.status_change WHERE credit_code = ?', [input.creditCode]);
    expect(n).toBe(1);
  });
});

describe('scoping of writes', () => {
  it('answers an entity of another community exactly like an unknown credit code, and refuses to register or move one there', async () => {
    const theirs = await insertLegalEntity(t.databases.entities, { businessAddressCode: building(elsewhere), registeredAddressCode: building(elsewhere) });
    const foreign = await mutate('legalEntityUpdateStatus', { creditCode: theirs.creditCode, version: 1, status: 'REVOKED' });
    const unknown = await mutate('legalEntityUpdateStatus', { creditCode: freshCreditCode(), version: 1, status: 'REVOKED' });
    expect(foreign.userErrors).toEqual([{ field: ['input', 'creditCode'], code: 'NOT_FOUND', currentVersion: null, message: `No legal entity has credit code ${theirs.creditCode}` }]);
    expect(unknown.userErrors[0].code).toBe('NOT_FOUND');
    const stale = await mutate('legalEntityMoveBusinessAddress', { creditCode: theirs.creditCode, version: 5, address: { code: building() } });
    expect(stale.userErrors[0].code).toBe('NOT_FOUND');
    const [row] = await query<{ version: number; status: string }>(t.databases.entities.knex, 'SELECT version, status FROM entities.legal_entity WHERE credit_code = ?', [theirs.creditCode]);
    expect(row).toEqual({ version: 1, status: 'ACTIVE' });

    const there = await mutate('legalEntityRegister', registration(building(elsewhere)));
    expect(there.userErrors).toMatchObject([{ field: ['input', 'businessAddress'], code: 'OUT_OF_SCOPE' }]);
    const registeredThere = await mutate('legalEntityRegister', registration(building(), { registeredAddress: { code: building(elsewhere) } }));
    expect(registeredThere.userErrors).toMatchObject([{ field: ['input', 'registeredAddress'], code: 'OUT_OF_SCOPE' }]);
    const { legalEntity } = await mutate('legalEntityRegister', registration());
    const away = await mutate('legalEntityMoveBusinessAddress', { creditCode: legalEntity.creditCode, version: 1, address: { code: building(elsewhere) } });
    expect(away.userErrors).toMatchObject([{ field: ['input', 'address'], code: 'OUT_OF_SCOPE' }]);
  });

  it('refuses a token without entities:write', async () => {
    const res = await t.query(`mutation ($input: LegalEntityRegisterInput!) { legalEntityRegister(input: $input) { legalEntity { creditCode } } }`, { input: registration() }, reader);
    expect(res.data?.legalEntityRegister ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toMatch(/UNAUTHORIZED_FIELD_OR_TYPE|FORBIDDEN/);
  });
});

describe('free-text addresses', () => {
  it('standardizes the business address on the way in, and refuses a text that reaches no building', async () => {
    const showcaseWorker = await signDevToken({ subject: 'entity-showcase', roles: ['grid-worker'], communities: [SHOWCASE.communityCode] });
    const input = registration(undefined, { businessAddress: { text: '福田区福田街道水围社区水围村28栋1203' } });
    const before = await databaseNow(t.databases.entities.knex);
    const r = await mutate('legalEntityRegister', input, showcaseWorker);
    try {
      expect(r.userErrors).toEqual([]);
      expect(r.businessAddress).toMatchObject({ code: SHOWCASE.roomCode, level: 'ROOM' });
      expect(r.businessAddress.confidence).toBeGreaterThan(0.8);
      expect(r.legalEntity.businessAddress.code).toBe(SHOWCASE.roomCode);
      // what the bridge's entities set reads for an incremental refresh: Address.entities(updatedSince)
      const list = `query ($code: AddressCode!, $since: DateTime) { address(code: $code) { entities(updatedSince: $since, first: 100) { edges { node { creditCode status version } } } } }`;
      const fresh = await t.query(list, { code: SHOWCASE.communityCode, since: before.toISOString() }, reader);
      expect(fresh.errors).toBeUndefined();
      expect(fresh.data!.address.entities.edges).toContainEqual({ node: { creditCode: input.creditCode, status: 'ACTIVE', version: 1 } });
      const cut = await databaseNow(t.databases.entities.knex);
      await mutate('legalEntityUpdateStatus', { creditCode: input.creditCode, version: 1, status: 'REVOKED' }, showcaseWorker);
      const moved = await t.query(list, { code: SHOWCASE.communityCode, since: cut.toISOString() }, reader);
      expect(moved.data!.address.entities.edges).toContainEqual({ node: { creditCode: input.creditCode, status: 'REVOKED', version: 2 } });
    } finally {
      await t.databases.entities.knex.raw('DELETE FROM entities.legal_entity WHERE credit_code = ?', [input.creditCode]);
    }
    const vague = await mutate('legalEntityRegister', registration(undefined, { businessAddress: { text: '福田区福田街道水围社区水围村' } }), showcaseWorker);
    expect(vague.legalEntity).toBeNull();
    expect(vague.userErrors).toMatchObject([{ field: ['input', 'businessAddress', 'text'], code: 'ADDRESS_NOT_PRECISE' }]);
    expect(vague.businessAddress).toMatchObject({ code: SHOWCASE.communityCode, level: 'COMMUNITY' });
  });
});
