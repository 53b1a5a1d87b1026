/**
 * One evaluator per condition kind (monitor/rules.ts): each asks the graph what the rule needs and
 * returns the addresses where the condition holds now, with evidence (figures and ids, never
 * personal data). Bounded: every list is paged; the event rules read only the events of their
 * window, and incrementally only the addresses touched since the last run plus those already alerted.
 */
import type { Evidence, Finding } from '../subgraphs/alerts/repository.ts';
import type { GraphClient } from './graph.ts';
import { LEVEL_CODE_LENGTH, type Rule } from './rules.ts';

/** Page size of the scans (the gateway's cost limit counts a page at its `first`). */
export const SCAN_PAGE = 1000;
/** Addresses re-checked per operation in an incremental run. */
export const CHECK_BATCH = 100;
/** Most event or case ids an alert's evidence lists. */
export const MAX_EVIDENCE_IDS = 50;

const DAY_MS = 86_400_000;

export type EvaluationInput = {
  client: GraphClient;
  /** Watch beneath this address (district, subdistrict or community code). */
  scope: string;
  now: Date;
  /** Incremental: the watermark of the last run, and the addresses of the alerts the rule already tracks. */
  since: Date | null;
  tracked: readonly string[];
};

/** What an evaluator answers: the findings, and the addresses it checked (an address checked and not found has cleared). */
export type Evaluation = { findings: Finding[]; checked: 'all' | ReadonlySet<string>; mode: 'FULL' | 'INCREMENTAL' };

type Page<N> = { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: N }[] };

async function* pages<N>(fetch: (after: string | null) => Promise<Page<N> | null | undefined>): AsyncGenerator<N> {
  let after: string | null = null;
  for (;;) {
    const page = await fetch(after);
    if (!page) return;
    for (const edge of page.edges) yield edge.node;
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
    after = page.pageInfo.endCursor;
  }
}

const evidence = (summary: string, counts: Record<string, number>, now: Date, eventIds: string[] = [], caseIds: string[] = []): Evidence => ({
  summary,
  counts: Object.entries(counts).map(([name, value]) => ({ name, value })),
  eventIds: eventIds.slice(0, MAX_EVIDENCE_IDS),
  caseIds: caseIds.slice(0, MAX_EVIDENCE_IDS),
  observedAt: now.toISOString(),
});

// ---- eventCount: rules 1 and 3

const EVENT_SCAN = `query MonitorEventScan($scope: AddressCode!, $kinds: [EventKind!], $statuses: [EventStatus!], $since: DateTime, $updatedSince: DateTime, $first: Int!, $after: String) {
  address(code: $scope) { events(kind: $kinds, status: $statuses, since: $since, updatedSince: $updatedSince, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor } edges { node { id address { code } } } } } }`;
const CASE_SCAN = `query MonitorCaseScan($scope: AddressCode!, $kinds: [CaseKind!], $since: Date, $updatedSince: DateTime, $first: Int!, $after: String) {
  address(code: $scope) { cases(kind: $kinds, since: $since, updatedSince: $updatedSince, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor } edges { node { id address { code } } } } } }`;
const EVENT_CHECK = `query MonitorEventCheck($codes: [AddressCode!]!, $kinds: [EventKind!], $statuses: [EventStatus!], $since: DateTime, $withCases: Boolean!, $caseKinds: [CaseKind!], $caseSince: Date, $first: Int!) {
  addresses(codes: $codes) { code
    events(kind: $kinds, status: $statuses, since: $since, first: $first) { totalCount edges { node { id } } }
    cases(kind: $caseKinds, since: $caseSince, first: $first) @include(if: $withCases) { totalCount edges { node { id } } } } }`;

type Tally = { events: string[]; cases: string[]; eventCount: number; caseCount: number };

async function evaluateEventCount(rule: Rule & { condition: { kind: 'eventCount' } }, input: EvaluationInput): Promise<Evaluation> {
  const c = rule.condition;
  const length = LEVEL_CODE_LENGTH[rule.level];
  const windowStart = new Date(input.now.getTime() - rule.windowDays * DAY_MS);
  const caseSince = windowStart.toISOString().slice(0, 10);
  const withCases = c.caseKinds.length > 0;
  const at = (code: string) => (code.length >= length ? code.slice(0, length) : null);

  const eventScan = (vars: Record<string, unknown>) => pages<{ id: string; address: { code: string } }>(async (after) =>
    (await input.client.run<{ address: { events: Page<{ id: string; address: { code: string } }> } | null }>('MonitorEventScan', EVENT_SCAN,
      { scope: input.scope, kinds: c.eventKinds, since: windowStart.toISOString(), first: SCAN_PAGE, after, ...vars })).address?.events);
  const caseScan = (vars: Record<string, unknown>) => pages<{ id: string; address: { code: string } }>(async (after) =>
    (await input.client.run<{ address: { cases: Page<{ id: string; address: { code: string } }> } | null }>('MonitorCaseScan', CASE_SCAN,
      { scope: input.scope, kinds: c.caseKinds, since: caseSince, first: SCAN_PAGE, after, ...vars })).address?.cases);

  const finding = (code: string, t: Tally): Finding | null => {
    const total = t.eventCount + t.caseCount;
    if (total < c.min) return null;
    const counts: Record<string, number> = withCases ? { events: t.eventCount, cases: t.caseCount, total, min: c.min } : { events: t.eventCount, min: c.min };
    const what = withCases ? `${t.eventCount} ${c.eventKinds.join('/')} events and ${t.caseCount} ${c.caseKinds.join('/')} cases` : `${t.eventCount} ${c.statuses ? `${c.statuses.join('/')} ` : ''}${c.eventKinds.join('/')} events`;
    return { addressCode: code, evidence: evidence(`${what} in the last ${rule.windowDays} days (at least ${c.min} raise this alert)`, counts, input.now, t.events, t.cases) };
  };

  if (input.since === null) {
    // full: every matching event (and case) of the window, grouped by the address of the rule's level
    const tallies = new Map<string, Tally>();
    const tally = (code: string) => {
      let t = tallies.get(code);
      if (!t) tallies.set(code, (t = { events: [], cases: [], eventCount: 0, caseCount: 0 }));
      return t;
    };
    for await (const e of eventScan({ statuses: c.statuses })) {
      const code = at(e.address.code);
      if (code) { const t = tally(code); t.eventCount++; t.events.push(e.id); }
    }
    if (withCases) {
      for await (const k of caseScan({})) {
        const code = at(k.address.code);
        if (code) { const t = tally(code); t.caseCount++; t.cases.push(k.id); }
      }
    }
    const findings = [...tallies].map(([code, t]) => finding(code, t)).filter((f): f is Finding => f !== null);
    return { findings, checked: 'all', mode: 'FULL' };
  }

  // incremental: the addresses whose events (or cases) changed since the watermark, and those already alerted
  const candidates = new Set(input.tracked);
  for await (const e of eventScan({ statuses: null, updatedSince: input.since.toISOString() })) { const code = at(e.address.code); if (code) candidates.add(code); }
  if (withCases) for await (const k of caseScan({ updatedSince: input.since.toISOString() })) { const code = at(k.address.code); if (code) candidates.add(code); }
  const findings: Finding[] = [];
  const list = [...candidates].sort();
  type Checked = { code: string; events: { totalCount: number; edges: { node: { id: string } }[] } | null; cases?: { totalCount: number; edges: { node: { id: string } }[] } | null };
  for (let i = 0; i < list.length; i += CHECK_BATCH) {
    const data = await input.client.run<{ addresses: (Checked | null)[] }>('MonitorEventCheck', EVENT_CHECK, {
      codes: list.slice(i, i + CHECK_BATCH), kinds: c.eventKinds, statuses: c.statuses, since: windowStart.toISOString(),
      withCases, caseKinds: withCases ? c.caseKinds : null, caseSince, first: MAX_EVIDENCE_IDS,
    });
    for (const a of data.addresses) {
      if (!a) continue;
      const f = finding(a.code, {
        events: a.events?.edges.map((e) => e.node.id) ?? [], eventCount: a.events?.totalCount ?? 0,
        cases: a.cases?.edges.map((e) => e.node.id) ?? [], caseCount: a.cases?.totalCount ?? 0,
      });
      if (f) findings.push(f);
    }
  }
  return { findings, checked: candidates, mode: 'INCREMENTAL' };
}

// ---- rooms: rules 2 and 4 (the current state; one paged scan of the scope's rooms serves every room rule of a run)

/** Page size of the room scan: the largest page addressesUnder gives (its `first` is at most 5000), so a district is a few dozen operations. */
export const ROOM_SCAN_PAGE = 5000;

const ROOM_SCAN = `query MonitorRoomScan($scope: AddressCode!, $first: Int!, $after: String) {
  addressesUnder(code: $scope, levels: [ROOM], first: $first, after: $after) {
    pageInfo { hasNextPage endCursor } edges { node { code room { use areaSquareMeters } residentCount entityCount(status: ACTIVE) } } } }`;
type RoomNode = { code: string; room: { use: string | null; areaSquareMeters: number | null } | null; residentCount: number | null; entityCount: number | null };

/** Residents a room of `area` m² may hold: floor(area / per), at least 1. */
export const residentLimit = (area: number, per: number) => Math.max(1, Math.floor(area / per));

type RoomRule = Rule & { condition: { kind: 'overcrowding' | 'useMismatch' } };

/** The finding of one room rule at one room, or null. */
function roomFinding(rule: RoomRule, r: RoomNode, now: Date): Finding | null {
  const c = rule.condition;
  const use = r.room?.use;
  if (!use) return null;
  if (c.kind === 'overcrowding') {
    if (!c.uses.includes(use as never) || r.room!.areaSquareMeters === null || r.residentCount === null) return null;
    const limit = residentLimit(r.room!.areaSquareMeters, c.squareMetersPerResident);
    if (r.residentCount <= limit) return null;
    return { addressCode: r.code, evidence: evidence(
      `${r.residentCount} current residents in a ${use.toLowerCase()} room of ${r.room!.areaSquareMeters} m²: more than its limit of ${limit} (${c.squareMetersPerResident} m² each)`,
      { residents: r.residentCount, areaSquareMeters: r.room!.areaSquareMeters, limit }, now) };
  }
  if (c.residentialUses.includes(use as never) && (r.entityCount ?? 0) > 0) {
    return { addressCode: r.code, evidence: evidence(`${r.entityCount} active legal entities registered or operating in a room registered as ${use.toLowerCase()}`, { entities: r.entityCount!, residents: r.residentCount ?? 0 }, now) };
  }
  if (c.commercialUses.includes(use as never) && (r.residentCount ?? 0) > 0) {
    return { addressCode: r.code, evidence: evidence(`${r.residentCount} residents registered in a room registered as ${use.toLowerCase()}`, { residents: r.residentCount!, entities: r.entityCount ?? 0 }, now) };
  }
  return null;
}

// Incremental room rules: the rooms whose inputs changed since the watermark, asked of the graph
// (the registry row's updatedAt, residences' and legal entities' updatedAt), then only those rooms
// re-checked. The scans page over rows changed since the watermark, few after a short interval.
const ROOMS_CHANGED = `query MonitorRoomsChanged($scope: AddressCode!, $since: DateTime!, $first: Int!, $after: String) {
  addressesUnder(code: $scope, levels: [ROOM], updatedSince: $since, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor } edges { node { code } } } }`;
const RESIDENCES_CHANGED = `query MonitorResidencesChanged($scope: AddressCode!, $since: DateTime!, $first: Int!, $after: String) {
  address(code: $scope) { residences(updatedSince: $since, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor } edges { node { address { code } } } } } }`;
const ENTITIES_CHANGED = `query MonitorEntitiesChanged($scope: AddressCode!, $since: DateTime!, $first: Int!, $after: String) {
  address(code: $scope) { entities(updatedSince: $since, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor } edges { node { registeredAddress { code } businessAddress { code } } } } } }`;
const ROOM_CHECK = `query MonitorRoomCheck($codes: [AddressCode!]!) {
  addresses(codes: $codes) { code room { use areaSquareMeters } residentCount entityCount(status: ACTIVE) } }`;
/** Rooms re-checked per operation in an incremental run (addresses() takes at most 500 codes). */
export const ROOM_CHECK_BATCH = 500;

/**
 * The rooms beneath the scope whose facts the room rules read may have changed since `since`: the
 * registry row (use, area), a residence (moved in, moved out, corrected) or a legal entity
 * (registered, dissolved, its addresses) at the room now. Not seen: a row deleted outright, the
 * room an entity moved away from, a residence that ends by the calendar (its `until` passing);
 * the scheduled full run catches those.
 */
async function changedRooms(input: EvaluationInput, since: Date): Promise<Set<string>> {
  const rooms = new Set<string>();
  const vars = (after: string | null) => ({ scope: input.scope, since: since.toISOString(), first: ROOM_SCAN_PAGE, after });
  const add = (code: string | null | undefined) => {
    if (code && code.length === LEVEL_CODE_LENGTH.ROOM && code.startsWith(input.scope)) rooms.add(code);
  };
  for await (const a of pages<{ code: string }>(async (after) =>
    (await input.client.run<{ addressesUnder: Page<{ code: string }> | null }>('MonitorRoomsChanged', ROOMS_CHANGED, vars(after))).addressesUnder)) add(a.code);
  for await (const r of pages<{ address: { code: string } | null }>(async (after) =>
    (await input.client.run<{ address: { residences: Page<{ address: { code: string } | null }> | null } | null }>('MonitorResidencesChanged', RESIDENCES_CHANGED, vars(after))).address?.residences)) add(r.address?.code);
  type EntityNode = { registeredAddress: { code: string } | null; businessAddress: { code: string } | null };
  for await (const e of pages<EntityNode>(async (after) =>
    (await input.client.run<{ address: { entities: Page<EntityNode> | null } | null }>('MonitorEntitiesChanged', ENTITIES_CHANGED, vars(after))).address?.entities)) {
    add(e.registeredAddress?.code);
    add(e.businessAddress?.code);
  }
  return rooms;
}

/**
 * Evaluates several room rules over one scan of the scope's rooms (each page read once, every
 * rule applied to it), so a run with both room rules reads the rooms once, not twice.
 * `page` is for the benchmark's before/after comparison; default ROOM_SCAN_PAGE.
 *
 * Incremental (`input.since` set): only the rooms changed since the watermark (changedRooms) are
 * checked, ROOM_CHECK_BATCH a operation; an alert at an untouched room is left as it is.
 */
export async function evaluateRoomRules(rules: readonly Rule[], input: EvaluationInput, page: number = ROOM_SCAN_PAGE): Promise<Map<string, Evaluation>> {
  const roomRules = rules.filter((r): r is RoomRule => r.condition.kind === 'overcrowding' || r.condition.kind === 'useMismatch');
  const found = new Map<string, Finding[]>(roomRules.map((r) => [r.id, []]));
  const apply = (room: RoomNode) => {
    for (const rule of roomRules) {
      const f = roomFinding(rule, room, input.now);
      if (f) found.get(rule.id)!.push(f);
    }
  };
  if (input.since !== null) {
    const rooms = await changedRooms(input, input.since);
    const list = [...rooms].sort();
    for (let i = 0; i < list.length; i += ROOM_CHECK_BATCH) {
      const data = await input.client.run<{ addresses: (RoomNode | null)[] }>('MonitorRoomCheck', ROOM_CHECK, { codes: list.slice(i, i + ROOM_CHECK_BATCH) });
      for (const room of data.addresses) if (room) apply(room);
    }
    return new Map(roomRules.map((r) => [r.id, { findings: found.get(r.id)!, checked: rooms, mode: 'INCREMENTAL' } satisfies Evaluation]));
  }
  const scan = pages<RoomNode>(async (after) =>
    (await input.client.run<{ addressesUnder: Page<RoomNode> | null }>('MonitorRoomScan', ROOM_SCAN, { scope: input.scope, first: page, after })).addressesUnder);
  for await (const room of scan) apply(room);
  return new Map(roomRules.map((r) => [r.id, { findings: found.get(r.id)!, checked: 'all', mode: 'FULL' } satisfies Evaluation]));
}

/** True for the rules whose evaluation is one scan of the scope's rooms (evaluateRoomRules). */
export const isRoomRule = (rule: Rule) => rule.condition.kind === 'overcrowding' || rule.condition.kind === 'useMismatch';

// ---- surge: rule 5 (per community, from eventStats)

const SURGE_SCAN = `query MonitorSurgeScan($scope: AddressCode!, $week: DateTime!, $trailing: DateTime!, $first: Int!, $after: String) {
  addressesUnder(code: $scope, levels: [COMMUNITY], first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { code recent: eventStats(since: $week) { byKind { kind count } } all: eventStats(since: $trailing) { byKind { kind count } } } } } }`;
type KindCounts = { byKind: { kind: string; count: number }[] } | null;

async function evaluateSurge(rule: Rule & { condition: { kind: 'surge' } }, input: EvaluationInput): Promise<Evaluation> {
  const c = rule.condition;
  const week = new Date(input.now.getTime() - 7 * DAY_MS);
  const trailing = new Date(week.getTime() - c.trailingWeeks * 7 * DAY_MS);
  const findings: Finding[] = [];
  const scan = pages<{ code: string; recent: KindCounts; all: KindCounts }>(async (after) =>
    (await input.client.run<{ addressesUnder: Page<{ code: string; recent: KindCounts; all: KindCounts }> | null }>('MonitorSurgeScan', SURGE_SCAN,
      { scope: input.scope, week: week.toISOString(), trailing: trailing.toISOString(), first: SCAN_PAGE, after })).addressesUnder);
  for await (const community of scan) {
    const all = new Map((community.all?.byKind ?? []).map((k) => [k.kind, k.count]));
    const counts: Record<string, number> = {};
    const surging: string[] = [];
    for (const { kind, count } of community.recent?.byKind ?? []) {
      const mean = ((all.get(kind) ?? count) - count) / c.trailingWeeks;
      if (count >= c.minCount && count > c.factor * mean) {
        surging.push(`${kind} ${count} (weekly mean ${mean.toFixed(2)})`);
        counts[`${kind}.thisWeek`] = count;
        counts[`${kind}.weeklyMean`] = Math.round(mean * 100) / 100;
      }
    }
    if (surging.length) {
      findings.push({ addressCode: community.code, evidence: evidence(`events in the last 7 days above ${c.factor}× the weekly mean of the ${c.trailingWeeks} weeks before: ${surging.join(', ')}`, counts, input.now) });
    }
  }
  return { findings, checked: 'all', mode: 'FULL' };
}

/** Evaluates one rule over the input's scope. */
export function evaluate(rule: Rule, input: EvaluationInput): Promise<Evaluation> {
  switch (rule.condition.kind) {
    case 'eventCount': return evaluateEventCount(rule as Rule & { condition: { kind: 'eventCount' } }, input);
    case 'overcrowding':
    case 'useMismatch': return evaluateRoomRules([rule], input).then((m) => m.get(rule.id)!);
    case 'surge': return evaluateSurge(rule as Rule & { condition: { kind: 'surge' } }, input);
  }
}

/** True for the rules an incremental run can evaluate on the changes since the watermark. */
export const isIncremental = (rule: Rule) => rule.condition.kind === 'eventCount' || isRoomRule(rule);
