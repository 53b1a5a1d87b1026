/**
 * One monitor run: every rule evaluated through the gateway (monitor/evaluate.ts), then its
 * alerts reconciled in the alerts schema — raised where the condition holds and no alert is live
 * (the unique key rule + address while not closed makes a second raise impossible), evidence
 * refreshed where it changed, closed by `monitor` where the condition cleared. An alert a person
 * closed while the condition held is not raised again until the condition has cleared once.
 */
import { randomUUID } from 'node:crypto';
import type { Executor } from '../bridge/execute.ts';
import { signDevToken } from '../lib/auth/dev-keys.ts';
import { env } from '../lib/config.ts';
import type { Database } from '../lib/db.ts';
import { logger } from '../lib/logger.ts';
import { createMonitorStore, type Evidence, type Finding } from '../subgraphs/alerts/repository.ts';
import { evaluate, evaluateRoomRules, isIncremental, isRoomRule, ROOM_SCAN_PAGE, type Evaluation } from './evaluate.ts';
import { graphClient } from './graph.ts';
import { loadRules, type Rule } from './rules.ts';

export type RuleRun = { rule: string; mode: 'FULL' | 'INCREMENTAL'; checked: number | 'all'; found: number; raised: number; updated: number; closed: number; operations: number; ms: number };
export type MonitorRun = { scope: string; startedAt: string; rules: RuleRun[] };

export type MonitorOptions = {
  /** Runs the monitor's GraphQL operations (the gateway in process, or over HTTP). */
  executor: Executor;
  /** The alerts schema's database. */
  database: Database;
  /** Default MONITOR_SCOPE. */
  scope?: string;
  /** Default: the rules file (MONITOR_RULES_FILE, else monitor/rules.json). */
  rules?: readonly Rule[];
  /** Only these rule ids. */
  only?: readonly string[];
  /** Evaluate every rule in full, ignoring the watermarks. */
  full?: boolean;
  /** The monitor's bearer token; default MONITOR_TOKEN, else a development token with role `monitor`. */
  token?: () => Promise<string>;
  now?: () => Date;
  /**
   * How the room rules read the rooms; default one shared scan at ROOM_SCAN_PAGE. The benchmark
   * sets `{ shared: false, page: 1000 }` to measure the earlier path (a scan per rule) in the same run.
   */
  roomScan?: { shared: boolean; page: number };
  /**
   * Default true: an incremental run checks only the rooms changed since the room rules' watermark.
   * The benchmark sets false to measure the earlier incremental run (every room scanned) in the same run.
   */
  roomIncremental?: boolean;
};

/** The monitor's token: MONITOR_TOKEN, else signed with the development key (refused in production). */
export function monitorToken(): Promise<string> {
  const configured = env().MONITOR_TOKEN;
  return configured ? Promise.resolve(configured) : signDevToken({ subject: 'monitor', roles: ['monitor'], expiresIn: '1h' });
}

const sameEvidence = (a: Evidence, b: Evidence) =>
  JSON.stringify([a.counts, a.eventIds, a.caseIds]) === JSON.stringify([b.counts, b.eventIds, b.caseIds]);

/** Runs the rules once over the scope and reconciles their alerts. */
export async function runMonitor(options: MonitorOptions): Promise<MonitorRun> {
  const scope = options.scope ?? env().MONITOR_SCOPE;
  const rules = (options.rules ?? loadRules(env().MONITOR_RULES_FILE)).filter((r) => !options.only?.length || options.only.includes(r.id));
  const store = createMonitorStore(options.database.knex);
  let token: Promise<string> | undefined;
  const client = graphClient(options.executor, () => (token ??= (options.token ?? monitorToken)()));
  const clock = options.now ?? (() => new Date());
  const run: MonitorRun = { scope, startedAt: clock().toISOString(), rules: [] };
  const roomScan = options.roomScan ?? { shared: true, page: ROOM_SCAN_PAGE };
  // the room rules of this run share one scan of the rooms: evaluated together at the first of
  // them (its entry carries the scan's operations and time), the others take their result
  let roomEvaluations: Map<string, Evaluation> | null = null;
  // the watermark every rule of this run records, taken before any rule reads the graph, on the
  // database's clock (store.databaseClock): the next incremental run asks for what changed at or
  // after it, so a change committed while this run reads is seen by the next one
  const watermark = await store.databaseClock();
  // the room rules share one evaluation, so one `since` for them all: the earliest of their
  // watermarks (a rule run alone with --only has a later one), none if any has none yet
  const roomSince = async (): Promise<Date | null> => {
    if (options.full || options.roomIncremental === false) return null;
    let earliest: Date | null = null;
    for (const r of rules.filter(isRoomRule)) {
      const w = await store.lastWatermark(r.id, scope);
      if (!w) return null;
      if (!earliest || w < earliest) earliest = w;
    }
    return earliest;
  };
  for (const rule of rules) {
    const started = clock();
    const t0 = performance.now();
    const ops0 = client.operations;
    const tracked = await store.tracked(rule.id, scope);
    const since = options.full || !isIncremental(rule) ? null
      : isRoomRule(rule) ? (roomScan.shared || options.roomIncremental === false ? await roomSince() : await store.lastWatermark(rule.id, scope))
      : await store.lastWatermark(rule.id, scope);
    const input = { client, scope, now: started, since, tracked: tracked.map((a) => a.addressCode) };
    let result: Evaluation;
    if (isRoomRule(rule)) {
      if (!roomEvaluations?.has(rule.id)) roomEvaluations = await evaluateRoomRules(roomScan.shared ? rules.filter(isRoomRule) : [rule], input, roomScan.page);
      result = roomEvaluations.get(rule.id)!;
    } else {
      result = await evaluate(rule, input);
    }
    const found = new Map<string, Finding>(result.findings.map((f) => [f.addressCode, f]));
    const known = new Map(tracked.map((a) => [a.addressCode, a]));
    const raise = result.findings.filter((f) => !known.has(f.addressCode));
    const refresh = tracked.filter((a) => a.status !== 'CLOSED' && found.has(a.addressCode) && !sameEvidence(a.evidence, found.get(a.addressCode)!.evidence))
      .map((a) => ({ id: a.id, evidence: found.get(a.addressCode)!.evidence }));
    const cleared = tracked.filter((a) => !found.has(a.addressCode) && (result.checked === 'all' || result.checked.has(a.addressCode))).map((a) => a.id);
    const raised = await store.raise(rule.id, rule.severity, raise, raise.map(() => `al-${randomUUID()}`));
    await store.refresh(refresh);
    const closed = await store.clear(cleared);
    const entry: RuleRun = {
      rule: rule.id, mode: result.mode, checked: result.checked === 'all' ? 'all' : result.checked.size, found: result.findings.length,
      raised, updated: refresh.length, closed, operations: client.operations - ops0, ms: Math.round(performance.now() - t0),
    };
    await store.recordRun({ rule: rule.id, scope, mode: result.mode, startedAt: started, watermark, checked: result.checked === 'all' ? -1 : result.checked.size, raised, updated: refresh.length, closed, operations: entry.operations });
    run.rules.push(entry);
  }
  return run;
}

export type MonitorSchedule = { stop(): Promise<void> };

/**
 * Runs the monitor every `intervalSeconds` (the first run after one interval), never two at once;
 * a failed run is logged and the next one comes at its time. Every `fullEvery`th run (default
 * MONITOR_FULL_EVERY) is a full run: it catches what an incremental run cannot see (a row deleted
 * outright, the room an entity moved away from, a residence ended by the calendar, a rule's
 * condition edited in the file).
 */
export function scheduleMonitor(options: MonitorOptions & { intervalSeconds: number; fullEvery?: number }): MonitorSchedule {
  let running: Promise<void> | null = null;
  let stopped = false;
  let runs = 0;
  const fullEvery = options.fullEvery ?? env().MONITOR_FULL_EVERY;
  const tick = () => {
    if (running || stopped) return;
    runs++;
    running = runMonitor({ ...options, full: options.full || runs % fullEvery === 0 })
      .then((r) => logger.info({ component: 'monitor', scope: r.scope, rules: r.rules }, 'monitor run finished'))
      .catch((err: unknown) => logger.error({ component: 'monitor', err }, 'monitor run failed'))
      .finally(() => { running = null; });
  };
  const timer = setInterval(tick, options.intervalSeconds * 1000);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
