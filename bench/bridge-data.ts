/**
 * The bridge benchmark's events: `count` synthetic events generated inside PostgreSQL (one
 * INSERT ... SELECT over generate_series per batch, no rows through node), spread over the
 * registry's buildings and rooms, with Chinese descriptions, every kind, source, severity and
 * status, reported over the 14 months before the end of November 2026. Bench-only: the ids start
 * with `bench-ev-` so they are told from the seed's and replaced as a whole.
 */
import pg from 'pg';

export const BENCH_EVENT_PREFIX = 'bench-ev-';

const KINDS = ['SAFETY_HAZARD', 'FIRE_HAZARD', 'DISPUTE', 'ILLEGAL_CONSTRUCTION', 'PUBLIC_ORDER', 'ENVIRONMENT', 'SANITATION', 'TRAFFIC', 'OTHER'];
const SOURCES = ['GRID_PATROL', 'HOTLINE_12345', 'SENSOR', 'APP', 'WALK_IN', 'REFERRAL'];
const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const STATUSES = ['REPORTED', 'ASSIGNED', 'RESOLVED', 'CLOSED'];
const DESCRIPTIONS = [
  '楼道堆放杂物，占用消防通道',
  '住户反映夜间施工噪音扰民',
  '电动车在楼内充电，存在火灾隐患',
  '屋顶违规加建彩钢板房',
  '化粪池满溢，气味严重',
  '小区门口车辆乱停乱放，影响通行',
  '邻里因漏水问题发生纠纷',
  '垃圾分类投放点清运不及时',
];

const BATCH = 200_000;

/** Rows of the bench events now in the table. */
async function benchEventCount(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    `/* bench.bridgeEventCount */ SELECT count(*) AS n FROM events.event WHERE id >= $1 AND id < $2`,
    [BENCH_EVENT_PREFIX, `${BENCH_EVENT_PREFIX.slice(0, -1)}.`],
  );
  return Number(rows[0].n);
}

/**
 * Makes events.event hold exactly `count` bench events (generating them when the number differs),
 * and returns how long generating took (0 when they were already there).
 */
export async function ensureBenchEvents(url: string, count: number, log: (line: string) => void): Promise<{ generatedSeconds: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const present = await benchEventCount(client);
    if (present === count) {
      log(`${count.toLocaleString('en')} bench events already loaded`);
      return { generatedSeconds: 0 };
    }
    log(`generating ${count.toLocaleString('en')} bench events (${present.toLocaleString('en')} present)`);
    const started = Date.now();
    await client.query(`DELETE FROM events.event WHERE id >= $1 AND id < $2`, [BENCH_EVENT_PREFIX, `${BENCH_EVENT_PREFIX.slice(0, -1)}.`]);
    const { rows: cols } = await client.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = 'events' AND table_name = 'event'`,
    );
    const hasUpdatedAt = cols.some((c) => c.column_name === 'updated_at');
    for (let from = 1; from <= count; from += BATCH) {
      const to = Math.min(count, from + BATCH - 1);
      await client.query(
        `/* bench.generateBridgeEvents */
        WITH codes AS (SELECT array_agg(code ORDER BY code) AS c FROM buildings.address WHERE level IN ('BUILDING', 'ROOM'))
        INSERT INTO events.event (id, kind, source, severity, status, reported_at, resolved_at, description, address_code${hasUpdatedAt ? ', updated_at' : ''})
        SELECT $1 || lpad(g::text, 7, '0'),
               ($2::text[])[1 + g % 9],
               ($3::text[])[1 + (g / 9) % 6],
               ($4::text[])[1 + (g / 7) % 4],
               x.status,
               x.reported_at,
               x.resolved_at,
               ($6::text[])[1 + (g / 5) % 8] || '（第' || g || '号）',
               codes.c[1 + (g::bigint * 7919) % array_length(codes.c, 1)]
               ${hasUpdatedAt ? ', coalesce(x.resolved_at, x.reported_at)' : ''}
        FROM generate_series($7::int, $8::int) AS g
        CROSS JOIN codes
        CROSS JOIN LATERAL (
          SELECT ($5::text[])[1 + (g / 3) % 4] AS status,
                 timestamptz '2026-11-30 00:00:00+08' - g * interval '37 seconds' AS reported_at,
                 CASE WHEN (g / 3) % 4 >= 2 THEN timestamptz '2026-11-30 00:00:00+08' - g * interval '37 seconds' + interval '3 hours' END AS resolved_at
        ) AS x`,
        [BENCH_EVENT_PREFIX, KINDS, SOURCES, SEVERITIES, STATUSES, DESCRIPTIONS, from, to],
      );
      log(`  ${to.toLocaleString('en')} / ${count.toLocaleString('en')} events (${Math.round((Date.now() - started) / 1000)} s)`);
    }
    await client.query('ANALYZE events.event');
    const generatedSeconds = (Date.now() - started) / 1000;
    log(`generated in ${generatedSeconds.toFixed(1)} s`);
    return { generatedSeconds };
  } finally {
    await client.end();
  }
}
