import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkAddressCode, parentCode } from '../lib/address-code.ts';
import { checkCreditCode, checkIdCardNumber } from '../lib/check-digits.ts';
import { csvLine } from '../lib/db.ts';
import { generate, generateCommunity, REFERENCE_INSTANT, TABLES, type Batch, type Rows, type SeedOptions } from './generate.ts';
import { SHOWCASE } from './showcase.ts';

/** All rows of a generation, table by table (fine for small and demo, not for big scales). */
function collect(options: SeedOptions): Rows {
  const all = Object.fromEntries(TABLES.map((t) => [t.name, []])) as unknown as Rows;
  for (const batch of generate(options)) {
    for (const t of TABLES) (all[t.name] as unknown[]).push(...batch.rows[t.name]);
  }
  return all;
}

/** SHA-256 of the CSV a batch stream would be loaded as. */
function digest(batches: Iterable<Batch>): string {
  const hash = createHash('sha256');
  for (const batch of batches) {
    for (const t of TABLES) {
      hash.update(`#${t.name}\n`);
      for (const row of batch.rows[t.name] as unknown as Record<string, unknown>[]) hash.update(csvLine(t.columns.map((c) => row[c])));
    }
  }
  return hash.digest('hex');
}

const small = collect({ size: 'small' });
const REF_MS = Date.parse(REFERENCE_INSTANT);

type DemoSummary = {
  counts: Record<string, number>;
  levels: Record<string, number>;
  distinct: Record<'personId' | 'idNumber' | 'creditCode' | 'eventId' | 'caseId', number>;
  showcaseCommunity: string;
};
let demo: DemoSummary | undefined;

/** One streaming pass over the demo size (kept small: counts, distinct keys, one digest). */
function demoSummary(): DemoSummary {
  if (demo) return demo;
  const counts: Record<string, number> = {};
  const levels: Record<string, number> = {};
  const sets = { personId: new Set<string>(), idNumber: new Set<string>(), creditCode: new Set<string>(), eventId: new Set<string>(), caseId: new Set<string>() };
  let showcaseCommunity = '';
  for (const batch of generate({ size: 'demo' })) {
    for (const t of TABLES) counts[t.name] = (counts[t.name] ?? 0) + batch.rows[t.name].length;
    for (const a of batch.rows['buildings.address']) levels[a.level] = (levels[a.level] ?? 0) + 1;
    for (const p of batch.rows['people.person']) {
      sets.personId.add(p.id);
      sets.idNumber.add(p.id_number);
    }
    for (const e of batch.rows['entities.legal_entity']) sets.creditCode.add(e.credit_code);
    for (const e of batch.rows['events.event']) sets.eventId.add(e.id);
    for (const c of batch.rows['cases.legal_case']) sets.caseId.add(c.id);
    if (batch.community === SHOWCASE.communityCode) showcaseCommunity = digest([batch]);
  }
  const distinct = Object.fromEntries(Object.entries(sets).map(([k, v]) => [k, v.size])) as DemoSummary['distinct'];
  demo = { counts, levels, distinct, showcaseCommunity };
  return demo;
}

describe('determinism', () => {
  it('gives byte-identical output for the same options, different output for another seed', () => {
    const a = digest(generate({ size: 'small' }));
    expect(digest(generate({ size: 'small' }))).toBe(a);
    expect(digest(generate({ size: 'small', seed: 'futian' }))).toBe(a);
    expect(digest(generate({ size: 'small', seed: 'another' }))).not.toBe(a);
  });

  it("generates a community's rows the same alone, with the small set and with all communities", () => {
    const alone = digest([generateCommunity(SHOWCASE.communityCode, { size: 'small' })]);
    const inSmall = [...generate({ size: 'small' })].find((b) => b.community === SHOWCASE.communityCode)!;
    expect(digest([inSmall])).toBe(alone);
    expect(demoSummary().showcaseCommunity).toBe(alone);
  });

  it('rejects bad options with a clear message', () => {
    expect(() => generate({ size: 'huge' } as never).next()).toThrow(/size must be "small" or "demo"/);
    expect(() => generate({ scale: 0 }).next()).toThrow(/scale must be a number above 0/);
    expect(() => generate({ scale: Number.NaN }).next()).toThrow(/scale/);
    expect(() => generateCommunity('440304004999', { size: 'small' })).toThrow(/not a Futian community/);
  });
});

describe('sizes', () => {
  it('small: three communities, a few dozen buildings, 1,000-3,000 rooms', () => {
    const levels = countBy(small['buildings.address'], (a) => a.level);
    expect(levels).toMatchObject({ DISTRICT: 1, COMMUNITY: 3 });
    expect(small['buildings.address'].filter((a) => a.level === 'COMMUNITY').map((a) => a.code)).toEqual(
      expect.arrayContaining(['440304004028', '440304005040']),
    );
    expect(levels.BUILDING).toBeGreaterThanOrEqual(20);
    expect(levels.BUILDING).toBeLessThanOrEqual(80);
    expect(levels.ROOM).toBeGreaterThanOrEqual(1000);
    expect(levels.ROOM).toBeLessThanOrEqual(3000);
    const people = small['people.person'].length;
    expect(people).toBeGreaterThan(levels.ROOM * 0.8);
    expect(people).toBeLessThan(levels.ROOM * 3);
    expect(small['entities.legal_entity'].length).toBeGreaterThan(200);
    expect(small['events.event'].length).toBeGreaterThan(500);
    expect(small['cases.legal_case'].length).toBeGreaterThan(150);
    expect(small['cases.case_event'].length).toBeGreaterThan(10);
  });

  it('demo: every community, about 1,000 buildings, 30,000 rooms, 60,000 people', () => {
    const { counts, levels } = demoSummary();
    expect(levels.COMMUNITY).toBe(93);
    expect(levels.SUBDISTRICT).toBe(11);
    expect(levels.BUILDING).toBeGreaterThan(700);
    expect(levels.BUILDING).toBeLessThan(1400);
    expect(levels.ROOM).toBeGreaterThan(22_000);
    expect(levels.ROOM).toBeLessThan(42_000);
    expect(counts['people.person']).toBeGreaterThan(45_000);
    expect(counts['people.person']).toBeLessThan(80_000);
    expect(counts['entities.legal_entity']).toBeGreaterThan(7_000);
    expect(counts['events.event']).toBeGreaterThan(20_000);
    expect(counts['cases.legal_case']).toBeGreaterThan(7_000);
  });

  it('scale multiplies buildings per community', () => {
    const [, one] = generate({ scale: 1 });
    const [, three] = generate({ scale: 3 });
    const buildings = (b: Batch) => b.rows['buildings.address'].filter((a) => a.level === 'BUILDING').length;
    expect(buildings(three) / buildings(one)).toBeGreaterThan(2.5);
    expect(buildings(three) / buildings(one)).toBeLessThan(3.5);
  });
});

describe('addresses', () => {
  const addresses = small['buildings.address'];
  const byCode = new Map(addresses.map((a) => [a.code, a]));

  it('has valid, unique codes whose parent is their prefix and comes first', () => {
    expect(byCode.size).toBe(addresses.length);
    const seen = new Set<string>();
    for (const a of addresses) {
      const check = checkAddressCode(a.code);
      expect(check, a.code).toMatchObject({ ok: true, code: a.code, level: a.level });
      expect(a.parent_code).toBe(parentCode(a.code));
      if (a.parent_code) expect(seen.has(a.parent_code), a.code).toBe(true);
      seen.add(a.code);
    }
  });

  it('gives ~5% of buildings a letter in their code and puts them inside Futian', () => {
    const buildings = addresses.filter((a) => a.level === 'BUILDING');
    expect(buildings.some((b) => /[A-Z]/.test(b.code.slice(14)))).toBe(true);
    for (const b of buildings) {
      expect(b.longitude).toBeGreaterThanOrEqual(113.98);
      expect(b.longitude).toBeLessThanOrEqual(114.1);
      expect(b.latitude).toBeGreaterThanOrEqual(22.5);
      expect(b.latitude).toBeLessThanOrEqual(22.59);
      expect(b.building_type).toBeTruthy();
      expect(b.door_number === null || /^\d+$/.test(b.door_number)).toBe(true);
      expect(b.full_name.startsWith('广东省深圳市福田区')).toBe(true);
      expect(b.search_text).toContain(b.full_name);
    }
    for (const r of addresses.filter((a) => a.level === 'ROOM')) {
      expect(r.full_name.startsWith(byCode.get(r.parent_code!)!.full_name)).toBe(true);
      expect(r.area_m2).toBeGreaterThan(0);
      expect(r.room_use).toBeTruthy();
    }
  });

  it('never uses grid 99 of a community (tests put their own rows there)', () => {
    expect(addresses.some((a) => a.level === 'GRID' && a.code.endsWith('99'))).toBe(false);
  });
});

describe('people', () => {
  const people = small['people.person'];
  const residences = small['people.residence'];
  const codes = new Set(small['buildings.address'].map((a) => a.code));

  it('carries valid, unique GB 11643 numbers matching birth date, gender and household type', () => {
    expect(new Set(people.map((p) => p.id_number)).size).toBe(people.length);
    expect(new Set(people.map((p) => p.id)).size).toBe(people.length);
    for (const p of people) {
      expect(checkIdCardNumber(p.id_number), p.id_number).toMatchObject({ ok: true });
      expect(p.id).toMatch(/^P[0-9A-HJKMNP-TV-Z]{15}$/);
      expect(p.id_number.slice(6, 14)).toBe(p.birth_date.replaceAll('-', ''));
      expect(Number(p.id_number[16]) % 2).toBe(p.gender === 'MALE' ? 1 : 0);
      expect(p.id_number.startsWith('440304')).toBe(p.household_type === 'REGISTERED');
      expect(p.birth_date >= '1940-01-01' && p.birth_date <= '2024-12-31').toBe(true);
      if (p.phone !== null) expect(p.phone).toMatch(/^1[3-9][0-9]{9}$/);
    }
  });

  it('gives everyone exactly one current residence at an existing address', () => {
    const current = countBy(residences.filter((r) => r.until === null), (r) => r.person_id);
    for (const p of people) expect(current[p.id], p.id).toBe(1);
    for (const r of residences) {
      expect(codes.has(r.address_code), r.address_code).toBe(true);
      if (r.until !== null) expect(r.until >= r.since).toBe(true);
      expect(r.since < '2026-11-01').toBe(true);
    }
    expect(residences.some((r) => r.until !== null)).toBe(true);
  });
});

describe('entities, events and cases', () => {
  const personIds = new Set(small['people.person'].map((p) => p.id));
  const codes = new Set(small['buildings.address'].map((a) => a.code));
  const entities = small['entities.legal_entity'];
  const creditCodes = new Set(entities.map((e) => e.credit_code));
  const events = new Map(small['events.event'].map((e) => [e.id, e]));

  it('registers entities under valid, unique GB 32100 codes at existing addresses', () => {
    expect(creditCodes.size).toBe(entities.length);
    for (const e of entities) {
      expect(checkCreditCode(e.credit_code), e.credit_code).toMatchObject({ ok: true });
      expect(e.credit_code.slice(2, 8)).toBe('440304');
      const prefix = e.credit_code.slice(0, 2);
      const expected = { COMPANY: ['91'], INDIVIDUAL_BUSINESS: ['92'], SOCIAL_ORGANIZATION: ['51', '52'], PUBLIC_INSTITUTION: ['12'] }[e.kind];
      expect(expected).toContain(prefix);
      if (e.business_address_code) expect(codes.has(e.business_address_code)).toBe(true);
      if (e.registered_address_code) expect(codes.has(e.registered_address_code)).toBe(true);
      if (e.legal_rep_person_id) expect(personIds.has(e.legal_rep_person_id)).toBe(true);
    }
  });

  it('reports events in the two years before the reference instant, consistently resolved', () => {
    for (const e of events.values()) {
      const reported = Date.parse(e.reported_at);
      expect(reported).toBeLessThan(REF_MS);
      expect(REF_MS - reported).toBeLessThanOrEqual(731 * 86_400_000);
      expect(e.resolved_at !== null).toBe(e.status === 'RESOLVED' || e.status === 'CLOSED');
      if (e.resolved_at) expect(Date.parse(e.resolved_at)).toBeGreaterThanOrEqual(reported);
      expect(codes.has(e.address_code)).toBe(true);
    }
    for (const l of small['events.event_person']) {
      expect(events.has(l.event_id)).toBe(true);
      expect(personIds.has(l.person_id)).toBe(true);
    }
    for (const l of small['events.event_entity']) expect(creditCodes.has(l.credit_code)).toBe(true);
  });

  it('files cases with consistent status, parties and events at the same address', () => {
    const cases = new Map(small['cases.legal_case'].map((c) => [c.id, c]));
    for (const c of cases.values()) {
      expect(c.closed_on !== null).toBe(c.status === 'CLOSED');
      if (c.outcome !== null) expect(c.status).toBe('CLOSED');
      if (c.closed_on) expect(c.closed_on >= c.filed_on).toBe(true);
      expect(codes.has(c.address_code)).toBe(true);
    }
    const parties = countBy(small['cases.case_party'], (p) => p.case_id);
    for (const n of Object.values(parties)) expect(n).toBeLessThanOrEqual(3);
    for (const p of small['cases.case_party']) {
      expect((p.person_id === null) !== (p.credit_code === null)).toBe(true);
      if (p.person_id) expect(personIds.has(p.person_id)).toBe(true);
      if (p.credit_code) expect(creditCodes.has(p.credit_code)).toBe(true);
    }
    for (const l of small['cases.case_event']) {
      expect(events.get(l.event_id)!.address_code).toBe(cases.get(l.case_id)!.address_code);
    }
    expect(countBy([...cases.values()], (c) => c.kind).MEDIATION).toBeGreaterThan(cases.size / 3);
  });
});

describe('the showcase room 水围村28栋1203房', () => {
  it('exists with the documented codes and full name', () => {
    const byCode = new Map(small['buildings.address'].map((a) => [a.code, a]));
    const room = byCode.get(SHOWCASE.roomCode)!;
    expect(room).toMatchObject({ level: 'ROOM', name: '1203房', floor: 12, room_no: '1203', room_use: 'RESIDENTIAL', full_name: SHOWCASE.roomFullName });
    expect(byCode.get(SHOWCASE.buildingCode)).toMatchObject({ estate: '水围村', building_no: '28', building_type: 'URBAN_VILLAGE', floors_above: 14, parent_code: SHOWCASE.gridCode });
    expect(byCode.get(SHOWCASE.gridCode)).toMatchObject({ parent_code: SHOWCASE.communityCode });
    expect(byCode.get(SHOWCASE.communityCode)).toMatchObject({ name: '水围社区', parent_code: SHOWCASE.subdistrictCode });
    const villageBuildings = small['buildings.address'].filter((a) => a.level === 'BUILDING' && a.estate === '水围村');
    expect(villageBuildings.length).toBeGreaterThanOrEqual(4);
  });

  it('has two or more current residents, an entity, a fire-hazard event and a mediation case tied to it', () => {
    const residents = small['people.residence'].filter((r) => r.address_code === SHOWCASE.roomCode && r.until === null);
    expect(residents.length).toBeGreaterThanOrEqual(2);
    const entity = small['entities.legal_entity'].find((e) => e.business_address_code === SHOWCASE.roomCode);
    expect(entity).toBeDefined();
    const event = small['events.event'].find((e) => e.address_code === SHOWCASE.roomCode && e.kind === 'FIRE_HAZARD' && e.status === 'REPORTED')!;
    expect(event).toBeDefined();
    const involved = small['events.event_person'].filter((l) => l.event_id === event.id).map((l) => l.person_id);
    expect(involved.some((id) => residents.some((r) => r.person_id === id))).toBe(true);
    const mediation = small['cases.legal_case'].filter((c) => c.address_code === SHOWCASE.roomCode && c.kind === 'MEDIATION');
    const linked = small['cases.case_event'].find((l) => l.event_id === event.id && mediation.some((c) => c.id === l.case_id));
    expect(linked).toBeDefined();
    const parties = small['cases.case_party'].filter((p) => p.case_id === linked!.case_id);
    expect(parties.length).toBeGreaterThanOrEqual(2);
  });

  it('is the same in every size', () => {
    for (const options of [{ size: 'demo' }, { scale: 2 }] as const) {
      const batch = generateCommunity(SHOWCASE.communityCode, options);
      const room = batch.rows['buildings.address'].find((a) => a.code === SHOWCASE.roomCode);
      expect(room?.full_name).toBe(SHOWCASE.roomFullName);
      expect(batch.rows['people.residence'].filter((r) => r.address_code === SHOWCASE.roomCode && r.until === null).length).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('uniqueness where reality is unique', () => {
  it('gives each estate + building designation and each road + door number one place in the district (scale 2)', () => {
    const buildings = new Map<string, string[]>();
    const doors = new Map<string, Set<string>>();
    for (const batch of generate({ scale: 2 })) {
      for (const a of batch.rows['buildings.address']) {
        if (a.level !== 'BUILDING') continue;
        const k = `${a.estate}|${a.building_no}`;
        buildings.set(k, [...(buildings.get(k) ?? []), a.code]);
        // buildings of one estate may share its entrance; another place may not
        if (a.door_number) doors.set(`${a.road}|${a.door_number}`, (doors.get(`${a.road}|${a.door_number}`) ?? new Set()).add(a.estate!));
      }
    }
    expect(buildings.size).toBeGreaterThan(1500);
    expect([...buildings].filter(([, codes]) => codes.length > 1).slice(0, 5)).toEqual([]);
    expect(doors.size).toBeGreaterThan(1000);
    expect([...doors].filter(([, estates]) => estates.size > 1).map(([k, e]) => `${k}: ${[...e].join(', ')}`).slice(0, 5)).toEqual([]);
  });
});

describe('uniqueness across communities (demo)', () => {
  it('never repeats an identity number, credit code, person, event or case id', () => {
    const { counts, distinct } = demoSummary();
    expect(distinct.personId).toBe(counts['people.person']);
    expect(distinct.idNumber).toBe(counts['people.person']);
    expect(distinct.creditCode).toBe(counts['entities.legal_entity']);
    expect(distinct.eventId).toBe(counts['events.event']);
    expect(distinct.caseId).toBe(counts['cases.legal_case']);
  });
});

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}
