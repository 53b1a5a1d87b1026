/**
 * Early-warning rules as data (issue 12): monitor/rules.json (or MONITOR_RULES_FILE), validated
 * here with zod when it is loaded, so a rule is added or tuned by editing the file, not the code.
 * Each condition kind has one evaluator in monitor/evaluate.ts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const EVENT_KINDS = ['SAFETY_HAZARD', 'FIRE_HAZARD', 'DISPUTE', 'ILLEGAL_CONSTRUCTION', 'PUBLIC_ORDER', 'ENVIRONMENT', 'SANITATION', 'TRAFFIC', 'OTHER'] as const;
const EVENT_STATUSES = ['REPORTED', 'ASSIGNED', 'RESOLVED', 'CLOSED'] as const;
const CASE_KINDS = ['MEDIATION', 'LITIGATION', 'PETITION', 'LEGAL_AID', 'ARBITRATION', 'FINANCIAL'] as const;
const ROOM_USES = ['RESIDENTIAL', 'OFFICE', 'SHOP', 'DORMITORY', 'STORAGE', 'PUBLIC_SERVICE', 'OTHER'] as const;

export const LEVELS = ['ROOM', 'BUILDING', 'GRID', 'COMMUNITY'] as const;
export type RuleLevel = (typeof LEVELS)[number];
/** Code length of each watched level. */
export const LEVEL_CODE_LENGTH: Record<RuleLevel, number> = { ROOM: 25, BUILDING: 19, GRID: 14, COMMUNITY: 12 };

/** Events (and optionally cases) at one address of the rule's level within the window: at least `min`. */
const EventCount = z.object({
  kind: z.literal('eventCount'),
  eventKinds: z.array(z.enum(EVENT_KINDS)).min(1),
  /** Only events in these statuses; null: any. */
  statuses: z.array(z.enum(EVENT_STATUSES)).min(1).nullable(),
  /** Cases of these kinds filed in the window count too (empty: none). */
  caseKinds: z.array(z.enum(CASE_KINDS)),
  min: z.number().int().min(1),
}).strict();

/** A room of one of `uses` whose residents exceed floor(area / squareMetersPerResident) (at least 1). */
const Overcrowding = z.object({
  kind: z.literal('overcrowding'),
  uses: z.array(z.enum(ROOM_USES)).min(1),
  squareMetersPerResident: z.number().positive(),
}).strict();

/** A room of `residentialUses` with legal entities at it, or of `commercialUses` with residents. */
const UseMismatch = z.object({
  kind: z.literal('useMismatch'),
  residentialUses: z.array(z.enum(ROOM_USES)),
  commercialUses: z.array(z.enum(ROOM_USES)),
}).strict();

/** A community's events of one kind in the last 7 days > factor × the weekly mean of the `trailingWeeks` before, and at least minCount. */
const Surge = z.object({
  kind: z.literal('surge'),
  factor: z.number().positive(),
  trailingWeeks: z.number().int().min(1).max(52),
  minCount: z.number().int().min(1),
}).strict();

export const Condition = z.discriminatedUnion('kind', [EventCount, Overcrowding, UseMismatch, Surge]);
export type Condition = z.infer<typeof Condition>;

export const Rule = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'a rule id is lowercase letters, digits and dashes'),
  descriptionZh: z.string().min(1),
  descriptionEn: z.string().min(1),
  level: z.enum(LEVELS),
  severity: z.enum(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']),
  /** Days the condition looks back over; 0 for a condition on the current state. */
  windowDays: z.number().int().min(0).max(3660),
  condition: Condition,
}).strict();
export type Rule = z.infer<typeof Rule>;

const Rules = z.array(Rule).superRefine((rules, ctx) => {
  const seen = new Set<string>();
  rules.forEach((r, i) => {
    if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `rule id ${r.id} appears twice` });
    seen.add(r.id);
    if (r.condition.kind === 'overcrowding' || r.condition.kind === 'useMismatch') {
      if (r.level !== 'ROOM') ctx.addIssue({ code: 'custom', path: [i, 'level'], message: `a ${r.condition.kind} rule watches rooms` });
    }
    if (r.condition.kind === 'surge' && r.level !== 'COMMUNITY') ctx.addIssue({ code: 'custom', path: [i, 'level'], message: 'a surge rule watches communities' });
    if (r.condition.kind === 'eventCount' && r.windowDays === 0) ctx.addIssue({ code: 'custom', path: [i, 'windowDays'], message: 'an eventCount rule needs a window' });
  });
});

export const DEFAULT_RULES_FILE = fileURLToPath(new URL('./rules.json', import.meta.url));

/** Parses a rules document; throws naming every invalid rule and field. */
export function parseRules(json: unknown): Rule[] {
  const parsed = Rules.safeParse(json);
  if (!parsed.success) {
    throw new Error(`invalid rules:\n${parsed.error.issues.map((i) => `  [${i.path.join('.')}] ${i.message}`).join('\n')}`);
  }
  return parsed.data;
}

/** Reads and validates a rules file (default monitor/rules.json). */
export function loadRules(file: string = DEFAULT_RULES_FILE): Rule[] {
  return parseRules(JSON.parse(readFileSync(file, 'utf8')));
}
