/**
 * alerts.alert_total, the hazard map's live-alert counts above building level: it equals a full
 * recount of alerts.alert after raises, acknowledgements, closes, an address moved and deletes,
 * and Address.alerts' totalCount from it (community, grid, district, a confined viewer) equals a
 * count of the base rows. The recount runs in one statement with the comparison and only over
 * this file's communities, so alerts other test files raise at the same time cannot make it flaky.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../lib/db.ts';
import { createAlertRepository, type AlertFilter } from '../subgraphs/alerts/repository.ts';
import { freshCommunityCode } from './support/events-factories.ts';
import { openFixture } from './support/databases.ts';
import { explainStatements } from './support/explain.ts';

const database = openFixture('alerts');
const HOME = freshCommunityCode();
const AWAY = freshCommunityCode();
const GRID = `${HOME}01`;
const BUILDING = `${GRID}00B01`;
const ROOM = `${BUILDING}000101`;
const ids: string[] = [];

async function raise(rule: string, severity: string, code: string): Promise<string> {
  const id = `al-test-${randomUUID()}`;
  await database.knex.raw(`INSERT INTO alerts.alert (id, rule, severity, address_code, evidence) VALUES (?, ?, ?, ?, '{}'::jsonb)`, [id, rule, severity, code]);
  ids.push(id);
  return id;
}

/** Summary rows of this file's communities that differ from a recount of the base rows. */
async function mismatches(): Promise<unknown[]> {
  const [row] = await query<{ m: unknown[] | null; compared: number }>(database.knex, `
    WITH r AS (
      SELECT l.level, left(a.address_code, l.level) AS prefix, a.rule, a.severity, a.status, count(*) AS n
      FROM alerts.alert a CROSS JOIN (VALUES (12), (14)) AS l(level)
      WHERE left(a.address_code, 12) = ANY(?::text[]) GROUP BY 1, 2, 3, 4, 5),
    s AS (SELECT level, prefix, rule, severity, status, n FROM alerts.alert_total WHERE left(prefix, 12) = ANY(?::text[])),
    j AS (SELECT level, prefix, rule, severity, status, r.n AS recount, s.n AS summary FROM r FULL JOIN s USING (level, prefix, rule, severity, status))
    SELECT count(*)::int AS compared, json_agg(j) FILTER (WHERE coalesce(j.recount, 0) <> coalesce(j.summary, 0)) AS m FROM j`, [[HOME, AWAY], [HOME, AWAY]]);
  expect(row.compared).toBeGreaterThan(0);
  return row.m ?? [];
}

/** The same filters counted from the base rows (the building-level path), for comparison. */
async function baseCount(k: AlertFilter, communities: readonly string[] | null = null): Promise<number> {
  const [row] = await query<{ n: number }>(database.knex, `
    SELECT count(*)::int AS n FROM alerts.alert a
    WHERE a.address_code >= ? AND a.address_code < ? AND (?::text[] IS NULL OR a.status = ANY(?::text[]))
      AND (?::text[] IS NULL OR a.rule = ANY(?::text[])) AND (?::text[] IS NULL OR left(a.address_code, 12) = ANY(?::text[]))`,
  [k.code, `${k.code}~`, k.statuses, k.statuses, k.rules, k.rules, communities, communities]);
  return row.n;
}

beforeAll(async () => {
  await raise('building-open-hazards', 'HIGH', BUILDING);
  await raise('room-overcrowding', 'MEDIUM', ROOM);
  await raise('community-event-surge', 'MEDIUM', HOME);
  await raise('repeated-disputes', 'LOW', GRID);
  await raise('room-use-mismatch', 'LOW', `${AWAY}01CCC01000203`);
});

afterAll(async () => {
  await database.knex.raw('DELETE FROM alerts.alert WHERE id = ANY(?::text[])', [ids]);
  await database.close();
});

describe('alerts.alert_total equals a full recount', () => {
  it('after raises at community, grid, building and room codes', async () => {
    expect(await mismatches()).toEqual([]);
  });

  it('after an acknowledgement, a close, a severity change, an address moved and a delete', async () => {
    await database.knex.raw(`UPDATE alerts.alert SET status = 'ACKNOWLEDGED', acknowledged_by = 'test', acknowledged_at = now() WHERE id = ?`, [ids[0]]);
    await database.knex.raw(`UPDATE alerts.alert SET status = 'CLOSED', closed_by = 'test', closed_at = now() WHERE id = ?`, [ids[1]]);
    await database.knex.raw(`UPDATE alerts.alert SET severity = 'CRITICAL' WHERE id = ?`, [ids[2]]);
    await database.knex.raw(`UPDATE alerts.alert SET address_code = ? WHERE id = ?`, [`${AWAY}02`, ids[3]]);
    expect(await mismatches()).toEqual([]);
    await database.knex.raw('DELETE FROM alerts.alert WHERE id = ?', [ids[4]]);
    expect(await mismatches()).toEqual([]);
    // a statement touching several rows at once nets per key
    await database.knex.raw(`UPDATE alerts.alert SET severity = 'HIGH' WHERE id = ANY(?::text[])`, [ids.slice(0, 4)]);
    expect(await mismatches()).toEqual([]);
  });
});

describe('Address.alerts totalCount above building level, from the summary', () => {
  const LIVE = ['OPEN', 'ACKNOWLEDGED'] as const;
  const filter = (code: string, statuses: AlertFilter['statuses'] = null, rules: AlertFilter['rules'] = null): AlertFilter => ({ code, rules, severities: null, statuses });

  it('equals a count of the base rows for a community, a grid, the district, live or all, one rule', async () => {
    const keys = [filter(HOME, [...LIVE]), filter(HOME), filter(GRID, [...LIVE]), filter(AWAY), filter(HOME.slice(0, 9)), filter(HOME, null, ['building-open-hazards']), filter(BUILDING, [...LIVE])];
    const counts = await createAlertRepository(database.knex).alertCounts(keys);
    expect(counts).toEqual(await Promise.all(keys.map((k) => baseCount(k))));
    expect(counts.slice(0, 4)).toEqual([2, 3, 1, 1]);
  });

  it("shows a confined viewer only its communities' alerts", async () => {
    const keys = [filter(HOME.slice(0, 6)), filter(AWAY), filter(HOME, [...LIVE])];
    const counts = await createAlertRepository(database.knex, [HOME]).alertCounts(keys);
    expect(counts).toEqual(await Promise.all(keys.map((k) => baseCount(k, [HOME]))));
    expect(counts[1]).toBe(0);
  });

  it('reads alert_total_pkey, not the alerts, for the district and its communities', async () => {
    const plans = await explainStatements(database, (explaining) => createAlertRepository(explaining).alertCounts([filter('440304', [...LIVE]), filter(HOME, [...LIVE])]));
    expect(plans).toHaveLength(1);
    expect(plans[0]).toContain('alert_total_pkey');
    expect(plans[0]).not.toMatch(/on alert a\b|alert_live_address_idx/);
  });
});
