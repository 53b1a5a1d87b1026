/**
 * The stewards' data-quality report (quality/): each check on bad data planted in a fresh made-up
 * community, counts only with small cells suppressed, thresholds colouring lines, history and the
 * trend after recorded runs, and GET /quality[.json|.csv] for steward:read only, audited, serving the
 * last recorded run (when, by whom) or saying none is recorded.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../lib/auth/dev-keys.ts';
import { creditCodeCheckChar, idCardCheckChar } from '../lib/check-digits.ts';
import { query } from '../lib/db.ts';
import { CHECKS } from '../quality/checks.ts';
import { qualityCsv, qualityReport, CSV_COLUMNS, type QualityReport } from '../quality/report.ts';
import { qualityHtml } from '../quality/html.ts';
import { recordResults } from '../quality/history.ts';
import { runQuality, type QualityRun } from '../quality/run.ts';
import { insertEvents, freshBuildingCode, freshCommunityCode, roomCode } from './support/events-factories.ts';
import { insertLegalEntity } from './support/entities-factories.ts';
import { insertPerson, insertResidence } from './support/people-factories.ts';
import { startTestSystem, type TestSystem } from './support/system.ts';

let t: TestSystem;
const community = freshCommunityCode();
const building = freshBuildingCode(community);
const room = (n: number) => roomCode(building, `0010${String(n).padStart(2, '0')}`);
/** Every personal value planted here: none may appear in any output. */
const pii: string[] = [];

const validId = (birth: string) => {
  const body = `440304${birth.replaceAll('-', '')}${String(100 + Math.floor(Math.random() * 899))}`;
  return body + idCardCheckChar(body);
};
const wrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '1' ? '2' : '1');

async function person(birth: string, overrides: { idNumber?: string; phone?: string | null } = {}) {
  const p = await insertPerson(t.databases.people, { birthDate: birth, idNumber: overrides.idNumber ?? validId(birth), ...(overrides.phone !== undefined ? { phone: overrides.phone } : {}) });
  pii.push(p.id, p.name, p.idNumber, ...(p.phone ? [p.phone] : []));
  return p;
}

/** The line of `checkId` for the planted community in a raw run. */
const cellOf = (run: QualityRun, checkId: string, segment = '') => {
  const result = run.results.find((r) => r.check.id === checkId);
  if (!result) throw new Error(`no result for ${checkId}`);
  return result.cells.find((c) => c.community === community && c.segment === segment);
};
const scoped = () => runQuality(t.databases, { scope: { prefix: community, communities: null } });

beforeAll(async () => {
  t = await startTestSystem();
  // eight persons at rooms of one building; the first few carry one fault each
  const clean = [];
  for (let i = 0; i < 4; i++) clean.push(await person('1985-05-0' + (i + 1)));
  const badCheck = await person('1970-01-01', { idNumber: wrongCheck(validId('1970-01-01')) });
  const twoHomes = await person('1980-02-02');
  const duplicate = await person('1975-03-03');
  const noHome = await person('1990-04-04', { phone: null });
  const tooOld = await person('1890-06-06', { phone: null });
  for (const [i, p] of [...clean, badCheck, twoHomes, duplicate, tooOld].entries()) await insertResidence(t.databases.people, { personId: p.id, addressCode: room(i + 1) });
  await insertResidence(t.databases.people, { personId: twoHomes.id, addressCode: room(20) });
  // noHome moved out (an ended residence places them here, with no current one)
  await insertResidence(t.databases.people, { personId: noHome.id, addressCode: room(21), since: '2015-01-01', until: '2020-01-01' });
  // an unlinked record: a current residence placed only at community level
  const vague = await person('1988-08-08');
  await insertResidence(t.databases.people, { personId: vague.id, addressCode: community });
  // the department sent duplicate's identity number again under another record id: it waits in quarantine
  const [run] = await query<{ id: number }>(t.databases.people.knex,
    `INSERT INTO people.import_run (kind, file_name, min_level, status, finished_at) VALUES ('people', 'quality-test.csv', 'BUILDING', 'failed', now()) RETURNING id`);
  const otherId = `test-${randomUUID()}`;
  await t.databases.people.knex('people.import_quarantine').insert({ record_id: otherId, run_id: run.id, file_name: 'quality-test.csv', line: 2, reason: 'CONFLICT', detail: 'id_number already belongs to another person', raw: JSON.stringify({ person_id: otherId, id_number: duplicate.idNumber }) });
  pii.push(otherId);

  // events: a stale source (sensors silent for 200 days), an event dated next month, fresh patrol reports
  const now = Date.now();
  await insertEvents(t.databases.events, [
    ...Array.from({ length: 6 }, (_, i) => ({ addressCode: room(i + 1), source: 'GRID_PATROL' as const, reportedAt: new Date(now - (i + 1) * 86_400_000) })),
    ...Array.from({ length: 5 }, (_, i) => ({ addressCode: room(i + 1), source: 'SENSOR' as const, reportedAt: new Date(now - 210 * 86_400_000), updatedAt: new Date(now - (200 + i) * 86_400_000) })),
    { addressCode: room(7), source: 'APP', reportedAt: new Date(now + 30 * 86_400_000) },
  ]);

  // entities: one credit code with a wrong check character among valid ones
  for (let i = 0; i < 5; i++) {
    const body = `91440304${randomUUID().replace(/[^0-9]/g, '').slice(0, 9)}`;
    const valid = body + creditCodeCheckChar(body);
    const code = i === 0 ? valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0') : valid;
    await insertLegalEntity(t.databases.entities, { creditCode: code, businessAddressCode: room(i + 1), registeredAddressCode: room(i + 1) });
  }
});

afterAll(async () => {
  await t?.stop();
});

describe('npm run quality: each check on planted bad data', () => {
  let run: QualityRun;
  beforeAll(async () => {
    run = await scoped();
  });

  it('finds the bad identity number check character, the impossible birth date and the duplicate identity number', () => {
    expect(cellOf(run, 'people.person.id_number_check')).toMatchObject({ total: 10, bad: 1, status: 'fail' });
    expect(cellOf(run, 'people.person.birth_date_range')).toMatchObject({ bad: 1, status: 'fail' });
    expect(cellOf(run, 'people.person.id_number_duplicate')).toMatchObject({ bad: 1, status: 'fail' });
  });

  it('finds the person with two current residences and the one with none', () => {
    expect(cellOf(run, 'people.person.two_current_residences')).toMatchObject({ bad: 1, status: 'fail' });
    // 1 of 10 is over warn (2 %) and not over fail (10 %): amber
    expect(cellOf(run, 'people.person.no_current_residence')).toMatchObject({ total: 10, bad: 1, status: 'warn' });
  });

  it('measures linkage at room, building and community level and flags the record linked to a community only', () => {
    const cell = cellOf(run, 'people.residence.linkage')!;
    expect(cell.parts).toEqual({ room: 9, building: 0, coarse: 1 });
    expect(cell).toMatchObject({ total: 10, bad: 1, status: 'warn' });
  });

  it('finds the stale source, the event dated in the future, and the bad credit code', () => {
    expect(cellOf(run, 'events.freshness', 'SENSOR')).toMatchObject({ status: 'fail' });
    expect(cellOf(run, 'events.freshness', 'SENSOR')!.value).toBeGreaterThan(199);
    expect(cellOf(run, 'events.freshness', 'GRID_PATROL')).toMatchObject({ status: 'pass' });
    expect(cellOf(run, 'events.event.reported_at_range')).toMatchObject({ total: 12, bad: 1, status: 'fail' });
    expect(cellOf(run, 'entities.entity.credit_code_check')).toMatchObject({ total: 5, bad: 1, status: 'fail' });
  });

  it('passes the seeded data on the checks that planted rows fail (SQL and lib/check-digits.ts agree)', async () => {
    const whole = await runQuality(t.databases, { scope: { prefix: '440304', communities: null } });
    for (const id of ['people.person.id_number_check', 'people.person.birth_date_range', 'people.person.two_current_residences', 'entities.entity.credit_code_check', 'events.event.reported_at_range']) {
      expect(whole.results.find((r) => r.check.id === id)).toMatchObject({ status: 'pass', bad: 0 });
    }
  });

  it('reads only its own schema in every statement', () => {
    const schemas = ['buildings', 'people', 'entities', 'events', 'cases'];
    for (const check of CHECKS) {
      const text = check.statement({ within: () => ({ text: 'TRUE', values: [] }), knownCommunities: [] }).text;
      const named = [...text.matchAll(/\b(buildings|people|entities|events|cases)\.[a-z_]+/g)].map((m) => m[1]);
      expect(named.length, check.id).toBeGreaterThan(0);
      expect(new Set(named), check.id).toEqual(new Set([check.subgraph]));
      expect(schemas).toContain(check.subgraph);
    }
  });
});

describe('outputs', () => {
  let raw: QualityRun;
  let report: QualityReport;
  beforeAll(async () => {
    raw = await scoped();
    report = qualityReport(raw, 5);
  });
  const line = (r: QualityReport, id: string) => r.checks.find((c) => c.id === id)!.communities.find((l) => l.community === community)!;

  it('suppresses counts below five and the shares they would reveal', () => {
    expect(line(report, 'people.person.id_number_check')).toMatchObject({ total: 10, bad: '<5', value: null, suppressed: true, status: 'fail' });
    expect(line(report, 'people.person.phone_missing')).toMatchObject({ bad: '<5', value: null });
    expect(line(report, 'entities.entity.credit_code_check')).toMatchObject({ total: 5, bad: '<5' });
    // a threshold of one shows the exact figures
    expect(line(qualityReport(raw, 1), 'people.person.id_number_check')).toMatchObject({ total: 10, bad: 1, value: 0.1, suppressed: false });
  });

  it('contains no personal data in JSON, CSV or HTML', () => {
    const outputs = [JSON.stringify(report), qualityCsv(report), qualityHtml(report)];
    for (const output of outputs) for (const value of pii) expect(output.includes(value), value).toBe(false);
  });

  it('colours lines by threshold: red for fail, amber for warn, green for pass', () => {
    const html = qualityHtml(report);
    expect(html).toMatch(/<tr class="check fail" data-check="people\.person\.id_number_check" data-status="fail">/);
    expect(html).toMatch(/<tr class="check warn" data-check="people\.residence\.linkage" data-status="warn">/);
    expect(html).toMatch(/<tr class="check pass" data-check="cases\.case\.no_party" data-status="pass">/);
    expect(html).toContain('<svg class="spark"');
    expect(html).not.toContain('<script');
  });

  it('writes one CSV line per check and community, with the header', () => {
    const [header, ...rows] = qualityCsv(report).trim().split('\n');
    expect(header).toBe(CSV_COLUMNS.join(','));
    const idCheck = rows.filter((r) => r.includes(',people.person.id_number_check,'));
    expect(idCheck).toHaveLength(2); // the whole scope (*) and the planted community
    expect(idCheck[1]).toContain(`,${community},,10,<5,,,,fail,0,0,,,`);
  });
});

describe('history', () => {
  it('records each run and shows the trend and the change in volume since the last run', async () => {
    const first = await runQuality(t.databases, { scope: { prefix: null, communities: null }, record: true, subgraphs: ['people'] });
    expect(first.recorded).toBe(true);
    const extra = await person('1992-09-09');
    await insertResidence(t.databases.people, { personId: extra.id, addressCode: room(9) });
    const second = await runQuality(t.databases, { scope: { prefix: null, communities: null }, record: true, subgraphs: ['people'] });
    expect(cellOf(second, 'people.person.volume')).toMatchObject({ total: 11, previous: 10, change: 1 });
    const stored = await query<{ runs: number }>(t.databases.people.knex, 'SELECT count(DISTINCT run_id)::int AS runs FROM people.quality_result WHERE run_id = ANY(?)', [[first.runId, second.runId]]);
    expect(stored[0].runs).toBe(2);
    // a later view of the planted community shows both recorded runs, then itself
    const view = await scoped();
    const trend = view.results.find((r) => r.check.id === 'people.person.volume')!.trend;
    expect(trend.slice(-3).map((p) => [p.value, p.current])).toEqual([[10, false], [11, false], [11, true]]);
    expect(view.recorded).toBe(false);
  });
});

describe('GET /quality: the last recorded run', () => {
  const get = (path: string, token?: string) => fetch(`${t.baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const steward = () => signDevToken({ subject: `quality-steward-${randomUUID()}`, roles: ['steward'] });
  const idCheckLine = (r: QualityReport) => r.checks.find((c) => c.id === 'people.person.id_number_check')!.communities.find((l) => l.community === community)!;

  it('refuses a request without a token (401) and a token without steward:read (403), as problem+json', async () => {
    const anonymous = await get('/quality');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
    expect(await anonymous.json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    const analyst = await get('/quality.json', await signDevToken({ subject: 'quality-analyst', roles: ['analyst'] }));
    expect(analyst.status).toBe(403);
    expect(await analyst.json()).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    const bad = await get('/quality.json?community=12', await steward());
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'BAD_USER_INPUT', parameter: 'community' });
  });

  it('tells the steward to run npm run quality when no run is recorded yet', async () => {
    // nothing in this test run records the cases subgraph before this test
    const token = await steward();
    const html = await get('/quality?subgraph=cases', token);
    expect(html.status).toBe(404);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toMatch(/No quality run is recorded yet\. .*<code>npm run quality<\/code>/s);
    const json = await get('/quality.json?subgraph=cases', token);
    expect(json.status).toBe(404);
    expect(json.headers.get('content-type')).toContain('application/problem+json');
    expect(await json.json()).toMatchObject({ status: 404, code: 'NOT_FOUND', detail: expect.stringContaining('run npm run quality') });
  });

  it('serves the recorded run\'s values with when and by whom it was computed, not figures computed on request, audited', async () => {
    const recorded = await runQuality(t.databases, { scope: { prefix: null, communities: null }, record: true, origin: { recordedBy: 'li.wei', command: 'npm run quality -- --as li.wei' } });
    const recordedTotal = cellOf(recorded, 'people.person.id_number_check')!.total;
    // a person planted after the run: the page keeps the recorded figures until the next run
    const later = await person('1993-10-10');
    await insertResidence(t.databases.people, { personId: later.id, addressCode: room(10) });
    expect(cellOf(await scoped(), 'people.person.id_number_check')!.total).toBe(recordedTotal + 1);

    const subject = `quality-steward-${randomUUID()}`;
    const token = await signDevToken({ subject, roles: ['steward'] });
    const html = await get(`/quality?community=${community}`, token);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    const page = await html.text();
    expect(page).toContain('data-check="people.person.id_number_check" data-status="fail"');
    expect(page).toContain(`Computed at <time datetime="${recorded.runAt.toISOString()}">`);
    expect(page).toContain('by <b class="recorded-by">li.wei</b> with <code>npm run quality -- --as li.wei</code>');

    const json = await get(`/quality.json?community=${community}&subgraph=people`, token);
    const report = (await json.json()) as QualityReport;
    expect(report).toMatchObject({ source: 'recorded', runId: recorded.runId, runAt: recorded.runAt.toISOString(), scope: { prefix: community, subgraphs: ['people'] } });
    expect(report.runs).toEqual([{ subgraph: 'people', runId: recorded.runId, runAt: recorded.runAt.toISOString(), recordedBy: 'li.wei', command: 'npm run quality -- --as li.wei' }]);
    expect(report.checks.every((c) => c.subgraph === 'people')).toBe(true);
    expect(idCheckLine(report)).toMatchObject({ total: recordedTotal, bad: '<5', status: 'fail' });
    expect(report.checks.find((c) => c.id === 'people.person.two_current_residences')).toMatchObject({ status: 'fail', overall: { bad: '<5' } });
    // the linkage parts are stored with the run and read back
    expect(report.checks.find((c) => c.id === 'people.residence.linkage')!.communities.find((l) => l.community === community)!.parts).toMatchObject({ room: expect.any(Number), coarse: '<5' });
    // the trend ends with the recorded run, marked current
    expect(report.checks.find((c) => c.id === 'people.person.volume')!.trend.at(-1)).toMatchObject({ runAt: recorded.runAt.toISOString(), current: true });

    const csv = await get(`/quality.csv?community=${community}`, token);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).split('\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines.find((l) => l.includes(`,people.person.id_number_check,`) && l.includes(`,${community},`))).toMatch(new RegExp(`^${recorded.runAt.toISOString()},`));
    const audited = await query<{ subgraph: string; operation_name: string; address_codes: string[]; person_ids: string[] }>(t.auditDatabase.knex,
      'SELECT subgraph, operation_name, address_codes, person_ids FROM audit.log WHERE subject = ? ORDER BY id', [subject]);
    expect(audited.map((a) => a.operation_name)).toEqual(['GET /quality', 'GET /quality.json', 'GET /quality.csv']);
    expect(audited[0]).toMatchObject({ subgraph: 'quality', address_codes: [community], person_ids: [] });
  });

  it('shows a steward confined to communities only theirs of the recorded run', async () => {
    const token = await signDevToken({ subject: 'quality-confined', roles: ['steward'], communities: [community] });
    const report = (await (await get('/quality.json', token)).json()) as QualityReport;
    expect(report.source).toBe('recorded');
    const communities = new Set(report.checks.flatMap((c) => c.communities.map((l) => l.community)));
    expect([...communities]).toEqual([community]);
    expect(report.checks.some((c) => c.id.endsWith('.import.linkage'))).toBe(false);
    // the whole-district view of the same run holds other communities
    const whole = (await (await get('/quality.json?subgraph=buildings', await steward())).json()) as QualityReport;
    expect(new Set(whole.checks.flatMap((c) => c.communities.map((l) => l.community))).size).toBeGreaterThan(1);
  });
  it('shows a check the recorded run could not compute as an error, to a confined steward too', async () => {
    // a run of the cases subgraph in which one statement failed (as a district-wide check outlasting its timeout would)
    const runId = randomUUID();
    await recordResults(t.databases.cases, runId, new Date(), [{ checkId: 'cases.case.linkage', community: '', segment: '', total: 0, bad: null, value: null, status: 'error', parts: {} }], { recordedBy: 'cron', command: 'nightly schedule' });
    for (const token of [await steward(), await signDevToken({ subject: 'quality-confined', roles: ['steward'], communities: [community] })]) {
      const report = (await (await get('/quality.json?subgraph=cases', token)).json()) as QualityReport;
      expect(report).toMatchObject({ runId, runs: [{ recordedBy: 'cron', command: 'nightly schedule' }] });
      expect(report.checks.find((c) => c.id === 'cases.case.linkage')).toMatchObject({ status: 'error', error: 'the check could not be computed (see the server log)' });
      expect(report.summary.error).toBe(1);
    }
  });
});

describe('indexes', () => {
  it('serves every community-limited statement from an index (sequential scans off: the fixture is small)', async () => {
    const { statementContext } = await import('../quality/statement.ts');
    const context = statementContext({ prefix: community, communities: null }, ['440304004028']);
    const seqScans: string[] = [];
    for (const check of CHECKS.filter((c) => !c.runLevel)) {
      const fragment = check.statement(context);
      const plan = await t.databases[check.subgraph].knex.transaction(async (trx) => {
        await trx.raw('SET LOCAL enable_seqscan = off');
        const { rows } = await trx.raw(`EXPLAIN ${fragment.text}`, fragment.values as never);
        return (rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n');
      });
      // the quarantine is looked up by its JSON values, which no index holds: it is a small table, read once per statement (a hashed subplan)
      for (const m of plan.matchAll(/Seq Scan on (\w+)/g)) if (m[1] !== 'import_quarantine') seqScans.push(`${check.id}: ${m[0]}`);
    }
    expect(seqScans).toEqual([]);
  });
});
