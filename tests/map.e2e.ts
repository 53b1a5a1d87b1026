/**
 * The hazard map (/map/) in a real headless Chromium (Debian's `chromium`, which .ci/run
 * installs) against the real gateway: it loads with nothing from the internet, its figures are
 * the graph's, the drill-down works on the map and in the table, a click on the showcase building
 * shows its open hazards, and a community-scoped token sees only its community.
 *
 * Without Chromium the tests are skipped, saying why, except in CI (CI=true), where they fail.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { signDevToken } from '../lib/auth/dev-keys.ts';
import { SHOWCASE } from '../seeds/showcase.ts';
import { adminToken, startTestSystem, type TestSystem } from './support/system.ts';
import { query as sql } from '../lib/db.ts';
import { runMonitor } from '../monitor/run.ts';
import { loadRules } from '../monitor/rules.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const inCI = process.env.CI === 'true';
const HAZARDS = ['FIRE_HAZARD', 'SAFETY_HAZARD'];

let system: TestSystem;
let browser: Browser;
let admin: string;
let worker: string;

beforeAll(async () => {
  if (!hasChromium && !inCI) return;
  admin = await adminToken();
  worker = await signDevToken({ subject: 'map-grid-worker', roles: ['grid-worker'], communities: [SHOWCASE.communityCode] });
  system = await startTestSystem({ mapDemoTokens: async () => ({ admin, 'grid-worker (水围社区)': worker }) });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

type Opened = { page: Page; external: string[]; errors: string[] };

/** A fresh page at /map/ (plus `hash`) that refuses every request off the gateway's origin, signed in with `token`. */
async function openMap(token: string, hash = ''): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const external: string[] = [];
  const errors: string[] = [];
  const origin = new URL(system.baseUrl).origin;
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin !== origin) {
      external.push(url);
      return route.abort();
    }
    return route.continue();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${system.baseUrl}/map/${hash}`);
  // every figure over any time, so the page and the test count the same events
  await page.selectOption('#period', '');
  await page.fill('#token', token);
  await page.click('#token-form button[type=submit]');
  await ready(page);
  return { page, external, errors };
}

/** Waits until the page shows `code` (or any area when unset). */
async function ready(page: Page, code?: string): Promise<void> {
  await page.waitForFunction(
    (c) => document.body.dataset.state === 'ready' && (!c || document.body.dataset.code === c),
    code,
    { timeout: 30_000 },
  );
}

/** The open events of the hazard kinds at or beneath each code, from the graph itself. */
async function openHazards(codes: string[], token = admin, severities?: string[]): Promise<Record<string, number>> {
  const severity = severities ? `, severity: [${severities.join(', ')}]` : '';
  const fields = codes.map((c, i) => `a${i}: address(code: "${c}") { events(status: [REPORTED, ASSIGNED], kind: [${HAZARDS.join(', ')}]${severity}, first: 0) { totalCount } }`);
  const res = await system.query(`{ ${fields.join(' ')} }`, {}, token);
  expect(res.errors).toBeUndefined();
  return Object.fromEntries(codes.map((c, i) => [c, (res.data as any)[`a${i}`].events.totalCount]));
}

/** The table's rows: code -> open count as shown. */
async function tableCounts(page: Page): Promise<Record<string, number>> {
  return page.$$eval('#areas tbody tr', (rows) => Object.fromEntries(rows.map((r) => [r.getAttribute('data-code')!, Number(r.querySelector('td.open')!.textContent)])));
}

/** Clicks the map where the point [longitude, latitude] is drawn. */
async function clickMapAt(page: Page, point: [number, number], finder: Record<string, number>): Promise<void> {
  const [x, y] = await page.evaluate(({ point, finder }) => (window as any).hazardMap.chart.convertToPixel(finder, point), { point, finder });
  const box = (await page.locator('#chart').boundingBox())!;
  await page.mouse.click(box.x + x, box.y + y);
}

/** Clicks the point of building `code` on the map and waits for its panel. */
async function clickBuilding(page: Page, code: string): Promise<void> {
  const location = await page.evaluate((c) => {
    const b = (window as any).hazardMap.state.buildings.find((x: any) => x.code === c);
    return [b.building.location.longitude, b.building.location.latitude];
  }, code);
  await clickMapAt(page, location as [number, number], { seriesIndex: 1 });
  await page.waitForFunction((c) => document.body.dataset.building === c, code);
}

describe.skipIf(!hasChromium && !inCI)(hasChromium || inCI ? 'the hazard map in Chromium' : `the hazard map in Chromium (skipped: ${CHROMIUM} is not installed; .ci/run installs Debian's chromium)`, () => {
  it('loads from the gateway alone: no request leaves its origin, no script error, ECharts served locally', async () => {
    const { page, external, errors } = await openMap(admin);
    try {
      expect(external).toEqual([]);
      expect(errors).toEqual([]);
      expect(await page.evaluate(() => typeof (window as any).echarts?.init)).toBe('function');
      expect(await page.textContent('.schematic')).toContain('schematic');
    } finally {
      await page.close();
    }
  });

  it('opens on the district with every subdistrict drawn and listed with the graph\'s open hazards', async () => {
    const { page } = await openMap(admin);
    try {
      const shown = await tableCounts(page);
      const res = await system.query(`{ address(code: "${SHOWCASE.districtCode}") { children(first: 100) { edges { node { code } } } } }`);
      const subdistricts = (res.data as any).address.children.edges.map((e: any) => e.node.code);
      expect(Object.keys(shown).sort()).toEqual([...subdistricts].sort());
      expect(shown).toEqual(await openHazards(subdistricts));
      // one drawn area per subdistrict with located buildings
      const regions = await page.evaluate(() => (window as any).hazardMap.chart.getOption().series[0].data.length);
      expect(regions).toBe(subdistricts.length);
    } finally {
      await page.close();
    }
  });

  it('draws the selected area\'s trend from the graph\'s eventTrend', async () => {
    const { page } = await openMap(admin, `#${SHOWCASE.communityCode}`);
    try {
      // "any time" draws the last 12 months by month
      const trend = await page.evaluate(() => (window as any).hazardMap.state.trend);
      expect(trend.bucket).toBe('MONTH');
      expect(trend.points.length).toBeGreaterThanOrEqual(12);
      // a year back to today, as calendar days in China Standard Time (the summaries' days); the
      // first month's bucket starts on the 1st, before the first day counted
      const chinaDay = (daysBefore: number) => new Date(Date.now() + 8 * 3600000 - daysBefore * 86400000).toISOString().slice(0, 10);
      const today = chinaDay(0) === trend.to ? 0 : 1; // the page may have drawn it just before midnight
      expect(trend.to).toBe(chinaDay(today));
      expect(trend.from).toBe(chinaDay(today + 365));
      expect(trend.points[0].start <= trend.from).toBe(true);
      const res = await system.query(`{ address(code: "${SHOWCASE.communityCode}") { eventTrend(kind: [${HAZARDS.join(', ')}], from: "${trend.from}", to: "${trend.to}", bucket: MONTH) { total points { start count } } } }`);
      expect(res.errors).toBeUndefined();
      expect(trend.total).toBe((res.data as any).address.eventTrend.total);
      expect(trend.points).toEqual((res.data as any).address.eventTrend.points);
      expect(Number(await page.getAttribute('#trend', 'data-total'))).toBe(trend.total);
      expect(await page.textContent('#trend-note')).toContain('per month');
    } finally {
      await page.close();
    }
  });

  it('colours by open alerts: after a monitor run over the showcase community, each grid shows the graph\'s alerts, and a building lists its own', async () => {
    await runMonitor({ executor: system.system.gateway.executor, database: system.databases.alerts, scope: SHOWCASE.communityCode, rules: loadRules(), full: true });
    const { page } = await openMap(admin, `#${SHOWCASE.communityCode}`);
    try {
      await page.selectOption('#colour', 'alerts');
      await ready(page, SHOWCASE.communityCode);
      const shown = await page.$$eval('#areas tbody tr', (rows) => Object.fromEntries(rows.map((r) => [r.getAttribute('data-code')!, Number(r.querySelector('td.alerts')!.textContent)])));
      const fields = Object.keys(shown).map((c, i) => `a${i}: address(code: "${c}") { alerts(status: [OPEN, ACKNOWLEDGED], first: 0) { totalCount } }`);
      const res = await system.query(`{ ${fields.join(' ')} }`);
      expect(res.errors).toBeUndefined();
      expect(shown).toEqual(Object.fromEntries(Object.keys(shown).map((c, i) => [c, (res.data as any)[`a${i}`].alerts.totalCount])));
      const total = Object.values(shown).reduce((a, b) => a + b, 0);
      expect(total).toBeGreaterThan(0); // the showcase building is overcrowded (112 residents in 54 rooms)
      expect(Number(await page.textContent('#summary-alerts'))).toBe(total);
      const series = await page.evaluate(() => (window as any).hazardMap.chart.getOption().series[0].data.map((d: any) => d.value));
      expect(series.reduce((a: number, b: number) => a + b, 0)).toBe(total);
      // the showcase building's own alerts, in its panel
      await clickBuilding(page, SHOWCASE.buildingCode);
      const own = await system.query(`{ address(code: "${SHOWCASE.buildingCode}") { alerts(status: [OPEN, ACKNOWLEDGED], first: 10) { totalCount edges { node { id } } } } }`);
      const alerts = (own.data as any).address.alerts;
      expect(Number(await page.textContent('#building-alerts'))).toBe(alerts.totalCount);
      expect(await page.$$eval('#building-alert-list li', (items) => items.map((li) => li.getAttribute('data-alert')))).toEqual(alerts.edges.map((e: any) => e.node.id));
    } finally {
      await page.close();
      // the fixture is shared: leave no alerts behind for other files
      await sql(system.databases.alerts.knex, `DELETE FROM alerts.alert WHERE address_code >= ? AND address_code < ?`, [SHOWCASE.communityCode, '440304004029']);
    }
  });

  it('filters by severity: with only HIGH and CRITICAL ticked, the figures are the graph\'s for those', async () => {
    const { page } = await openMap(admin);
    try {
      const all = await tableCounts(page);
      await page.uncheck('#severities input[value=LOW]');
      await ready(page);
      // (a change starts the reload at once: the page is 'loading' before uncheck returns)
      await page.uncheck('#severities input[value=MEDIUM]');
      await ready(page);
      const severe = await tableCounts(page);
      expect(severe).toEqual(await openHazards(Object.keys(all), admin, ['HIGH', 'CRITICAL']));
      expect(Object.values(severe).reduce((a, b) => a + b, 0)).toBeLessThan(Object.values(all).reduce((a, b) => a + b, 0));
    } finally {
      await page.close();
    }
  });

  it('drills district → subdistrict (table) → community (map click) → grid, the breadcrumb following, and back up', async () => {
    const { page } = await openMap(admin);
    try {
      await page.click(`#areas button[data-code="${SHOWCASE.subdistrictCode}"]`);
      await ready(page, SHOWCASE.subdistrictCode);
      // the community's drawn area, clicked at its label position
      const center = await page.evaluate((code) => {
        const node = (window as any).hazardMap.state.area.children.edges.map((e: any) => e.node).find((n: any) => n.code === code);
        return [node.area.center.longitude, node.area.center.latitude];
      }, SHOWCASE.communityCode);
      await clickMapAt(page, center as [number, number], { geoIndex: 0 });
      await ready(page, SHOWCASE.communityCode);
      expect(await page.textContent('#crumbs')).toContain('水围社区');
      await page.click(`#areas button[data-code="${SHOWCASE.gridCode}"]`);
      await ready(page, SHOWCASE.gridCode);
      const crumbs = await page.$$eval('#crumbs button', (b) => b.map((x) => x.textContent));
      // 福田区 › 福田街道 › 水围社区 › the grid
      expect(crumbs).toHaveLength(4);
      expect(crumbs.slice(0, 3)).toEqual(['福田区', '福田街道', '水围社区']);
      await page.click(`#crumbs button[data-code="${SHOWCASE.districtCode}"]`);
      await ready(page, SHOWCASE.districtCode);
    } finally {
      await page.close();
    }
  });

  it('shows the showcase building\'s open hazards when its point is clicked, as the graph counts them', async () => {
    const { page } = await openMap(admin, `#${SHOWCASE.gridCode}`);
    try {
      expect(await page.evaluate(() => document.body.dataset.code)).toBe(SHOWCASE.gridCode);
      await clickBuilding(page, SHOWCASE.buildingCode);
      const expected = (await openHazards([SHOWCASE.buildingCode]))[SHOWCASE.buildingCode];
      expect(expected).toBeGreaterThan(0); // the showcase building has its fire hazard
      expect(Number(await page.textContent('#building-open'))).toBe(expected);
      const listed = await page.$$eval('#building-events li', (items) => items.map((li) => li.getAttribute('data-event')));
      const res = await system.query(`{ address(code: "${SHOWCASE.buildingCode}") { events(status: [REPORTED, ASSIGNED], kind: [${HAZARDS.join(', ')}], first: 20) { edges { node { id } } } } }`);
      expect(listed).toEqual((res.data as any).address.events.edges.map((e: any) => e.node.id));
    } finally {
      await page.close();
    }
  });

  it('a community-scoped token opens on its community, cannot go above it, and sees only its own figures', async () => {
    const elsewhere = '440304001001'; // a community of another subdistrict
    const { page, errors } = await openMap(worker, `#${elsewhere}`);
    try {
      expect(await page.evaluate(() => document.body.dataset.code)).toBe(SHOWCASE.communityCode);
      const upward = await page.$$eval('#crumbs button', (b) => b.map((x) => ({ text: x.textContent, enabled: !x.hasAttribute('disabled') })));
      expect(upward.filter((b) => b.enabled)).toEqual([]);
      const shown = await tableCounts(page);
      expect(Object.keys(shown).every((code) => code.startsWith(SHOWCASE.communityCode))).toBe(true);
      expect(shown).toEqual(await openHazards(Object.keys(shown), worker));
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('offers demo tokens in development only', async () => {
    const tokens = await fetch(`${system.baseUrl}/map/dev-tokens.json`);
    expect(tokens.status).toBe(200);
    expect(Object.keys(await tokens.json())).toContain('admin');
    const production = await startTestSystem({ production: true, mapDemoTokens: async () => ({ admin }) });
    try {
      expect((await fetch(`${production.baseUrl}/map/dev-tokens.json`)).status).toBe(404);
      expect((await fetch(`${production.baseUrl}/map/`)).status).toBe(200);
    } finally {
      await production.stop();
    }
  });
});
