/**
 * Row validation, one zod schema per department kind, mirroring the target tables' CHECK
 * constraints (and a little more: check characters, calendar dates) so that a bad value
 * quarantines its own row with a message naming the column, instead of failing a whole COPY.
 *
 * Values are trimmed; enum values are accepted in any case; an empty optional field is null.
 * Timestamps without an offset are Shenzhen local time (+08:00).
 */
import { z } from 'zod';
import { checkCreditCode, checkIdCardNumber } from '../lib/check-digits.ts';
import { DEPARTMENT_FORMATS, type DepartmentKind } from './formats.ts';

const ENUMS = {
  gender: ['MALE', 'FEMALE'],
  household_type: ['REGISTERED', 'MIGRANT'],
  relation: ['OWNER', 'TENANT', 'FAMILY', 'COLLECTIVE'],
  entity_kind: ['COMPANY', 'INDIVIDUAL_BUSINESS', 'SOCIAL_ORGANIZATION', 'PUBLIC_INSTITUTION'],
  entity_status: ['ACTIVE', 'REVOKED', 'CANCELLED'],
  event_kind: ['SAFETY_HAZARD', 'FIRE_HAZARD', 'DISPUTE', 'ILLEGAL_CONSTRUCTION', 'PUBLIC_ORDER', 'ENVIRONMENT', 'SANITATION', 'TRAFFIC', 'OTHER'],
  event_source: ['GRID_PATROL', 'HOTLINE_12345', 'SENSOR', 'APP', 'WALK_IN', 'REFERRAL'],
  severity: ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'],
  event_status: ['REPORTED', 'ASSIGNED', 'RESOLVED', 'CLOSED'],
  case_kind: ['MEDIATION', 'LITIGATION', 'PETITION', 'LEGAL_AID', 'ARBITRATION', 'FINANCIAL'],
  case_status: ['FILED', 'ACCEPTED', 'IN_PROGRESS', 'CLOSED'],
  outcome: ['MEDIATED', 'WITHDRAWN', 'JUDGED', 'REFERRED', 'REJECTED', 'FAILED'],
} as const;

/** Longest record id accepted; longer is a sign of a shifted column, not a real id. */
const MAX_ID_LENGTH = 128;
/** Longest free-text value accepted (names, descriptions, addresses). */
const MAX_TEXT_LENGTH = 4000;

// --- field builders: each takes the raw string and either passes a clean value or says what is wrong

const trimmed = z.string().trim();

/** A non-empty value; the message of an empty one is "is empty". */
function required<T extends z.ZodType<unknown, string>>(inner: T) {
  return trimmed.min(1, { error: 'is empty' }).pipe(inner);
}

/** An optional value: empty becomes null, anything else must pass `inner`. */
function optional<T extends z.ZodType<unknown, string>>(inner: T) {
  return trimmed.transform((v) => (v === '' ? null : v)).pipe(inner.nullable());
}

const text = z
  .string()
  .max(MAX_TEXT_LENGTH, { error: `is longer than ${MAX_TEXT_LENGTH} characters` })
  // PostgreSQL text cannot hold NUL: caught here, it quarantines one row instead of a batch
  .refine((v) => !v.includes('\0'), { error: 'contains a NUL character' });

const recordId = z
  .string()
  .max(MAX_ID_LENGTH, { error: `is longer than ${MAX_ID_LENGTH} characters` })
  // control characters in an id are a broken export, not an id
  .regex(/^[^\p{Cc}]+$/u, { error: 'contains control characters' });

function oneOf(values: readonly string[]) {
  return z
    .string()
    .transform((v) => v.toUpperCase())
    .refine((v) => values.includes(v), { error: `is not one of ${values.join(', ')}` });
}

/** True for a real calendar date written YYYY-MM-DD. */
function isIsoDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const date = z.string().refine(isIsoDate, { error: 'is not a date (YYYY-MM-DD)' });

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/** An ISO 8601 date-time, normalized to 'YYYY-MM-DDTHH:MM:SS[.ffffff]±HH:MM' (no offset: +08:00). */
const timestamp = z.string().transform((v, ctx) => {
  const m = TIMESTAMP.exec(v);
  const [hh, mm, ss] = m ? [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)] : [];
  // offsets run from -12:00 to +14:00
  const [oh, om] = m?.[6] && m[6] !== 'Z' ? [Number(m[6].slice(1, 3)), Number(m[6].slice(-2))] : [0, 0];
  if (!m || !isIsoDate(m[1]) || hh! > 23 || mm! > 59 || ss! > 59 || oh > 14 || (m[6]?.length !== 3 && om > 59)) {
    ctx.addIssue({ code: 'custom', message: 'is not a date-time (YYYY-MM-DDTHH:MM[:SS][+08:00])' });
    return z.NEVER;
  }
  let offset = m[6] ?? '+08:00';
  if (offset !== 'Z' && offset.length === 3) offset += ':00';
  else if (offset !== 'Z' && !offset.includes(':')) offset = `${offset.slice(0, 3)}:${offset.slice(3)}`;
  return `${m[1]}T${m[2]}:${m[3]}:${m[4] ?? '00'}${m[5] ?? ''}${offset}`;
});

const idNumber = z.string().transform((v, ctx) => {
  const check = checkIdCardNumber(v);
  if (!check.ok) {
    ctx.addIssue({ code: 'custom', message: `is not a valid identity number: ${check.message}` });
    return z.NEVER;
  }
  return check.value;
});

const creditCode = z.string().transform((v, ctx) => {
  const check = checkCreditCode(v);
  if (!check.ok) {
    ctx.addIssue({ code: 'custom', message: `is not a valid unified social credit code: ${check.message}` });
    return z.NEVER;
  }
  return check.value;
});

/** Mainland mobile numbers; spaces, dashes and a +86 prefix are tolerated and removed. */
const phone = z.string().transform((v, ctx) => {
  const digits = v.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
  if (!/^1[0-9]{10}$/.test(digits)) {
    ctx.addIssue({ code: 'custom', message: 'is not a mobile number (11 digits starting with 1)' });
    return z.NEVER;
  }
  return digits;
});

/** Address columns: free text, checked for length only; the standardizer judges the rest. */
const address = text;

// --- per-kind schemas: keys are the CSV columns, values the cleaned field

const peopleSchema = z.object({
  person_id: required(recordId),
  name: required(text),
  gender: required(oneOf(ENUMS.gender)),
  birth_date: required(date),
  id_number: required(idNumber),
  phone: optional(phone),
  household_type: required(oneOf(ENUMS.household_type)),
  relation: required(oneOf(ENUMS.relation)),
  since: required(date),
  address: optional(address),
});

const entitiesSchema = z.object({
  credit_code: required(creditCode),
  name: required(text),
  kind: required(oneOf(ENUMS.entity_kind)),
  industry: required(text),
  status: required(oneOf(ENUMS.entity_status)),
  registered_on: required(date),
  legal_rep_person_id: optional(recordId),
  registered_address: optional(address),
  business_address: optional(address),
});

const eventsSchema = z
  .object({
    event_id: required(recordId),
    kind: required(oneOf(ENUMS.event_kind)),
    source: required(oneOf(ENUMS.event_source)),
    severity: required(oneOf(ENUMS.severity)),
    status: required(oneOf(ENUMS.event_status)),
    reported_at: required(timestamp),
    resolved_at: optional(timestamp),
    description: trimmed.pipe(text),
    address: optional(address),
  })
  .superRefine((row, ctx) => {
    if (row.resolved_at !== null && Date.parse(row.resolved_at) < Date.parse(row.reported_at)) {
      ctx.addIssue({ code: 'custom', path: ['resolved_at'], message: `is before reported_at "${row.reported_at}"` });
    }
  });

const casesSchema = z
  .object({
    case_id: required(recordId),
    kind: required(oneOf(ENUMS.case_kind)),
    status: required(oneOf(ENUMS.case_status)),
    filed_on: required(date),
    closed_on: optional(date),
    outcome: optional(oneOf(ENUMS.outcome)),
    summary: trimmed.pipe(text),
    address: optional(address),
  })
  .superRefine((row, ctx) => {
    if (row.status === 'CLOSED' && row.closed_on === null) {
      ctx.addIssue({ code: 'custom', path: ['closed_on'], message: 'is required when status is CLOSED' });
    }
    if (row.status !== 'CLOSED' && row.closed_on !== null) {
      ctx.addIssue({ code: 'custom', path: ['closed_on'], message: `must be empty when status is ${row.status}` });
    }
    if (row.closed_on !== null && row.closed_on < row.filed_on) {
      ctx.addIssue({ code: 'custom', path: ['closed_on'], message: `is before filed_on "${row.filed_on}"` });
    }
    if (row.outcome !== null && row.status !== 'CLOSED') {
      ctx.addIssue({ code: 'custom', path: ['outcome'], message: `must be empty when status is ${row.status}` });
    }
  });

export type PeopleValues = z.infer<typeof peopleSchema>;
export type EntitiesValues = z.infer<typeof entitiesSchema>;
export type EventsValues = z.infer<typeof eventsSchema>;
export type CasesValues = z.infer<typeof casesSchema>;

/** Cleaned values of a valid row, per kind. */
export type ValuesOf = {
  people: PeopleValues;
  entities: EntitiesValues;
  events: EventsValues;
  cases: CasesValues;
};

const SCHEMAS = {
  people: peopleSchema,
  entities: entitiesSchema,
  events: eventsSchema,
  cases: casesSchema,
} as const;

/** The id column's own check, to key quarantine on the id even when another field is bad. */
const ID_CHECKS: Record<DepartmentKind, z.ZodType<unknown, string>> = {
  people: required(recordId),
  entities: required(creditCode),
  events: required(recordId),
  cases: required(recordId),
};

export type Validation<K extends DepartmentKind> =
  | { ok: true; id: string; values: ValuesOf[K] }
  /** `id` is the record id when the id column itself is valid, else null. */
  | { ok: false; id: string | null; problems: string[] };

/** A row's record id if its id column is valid (trimmed, canonical), else null. */
export function usableId(kind: DepartmentKind, raw: string): string | null {
  const r = ID_CHECKS[kind].safeParse(raw);
  return r.success ? (r.data as string) : null;
}

/**
 * Validates one row given by column name. Problems read like
 * `birth_date "1990-13-01" is not a date (YYYY-MM-DD)` or `name is empty`, in column order.
 */
export function validateRow<K extends DepartmentKind>(kind: K, row: Record<string, string>): Validation<K> {
  const idColumn = DEPARTMENT_FORMATS[kind].idColumn;
  const result = SCHEMAS[kind].safeParse(row);
  if (result.success) {
    const values = result.data as ValuesOf[K];
    return { ok: true, id: (values as Record<string, unknown>)[idColumn] as string, values };
  }
  const columns = DEPARTMENT_FORMATS[kind].columns as readonly string[];
  const problems = result.error.issues
    .map((issue) => {
      const column = String(issue.path[0] ?? '');
      const value = (row[column] ?? '').trim();
      return { order: columns.indexOf(column), text: value === '' ? `${column} ${issue.message}` : `${column} "${value}" ${issue.message}` };
    })
    .sort((a, b) => a.order - b.order)
    .map((p) => p.text);
  return { ok: false, id: usableId(kind, row[idColumn] ?? ''), problems: [...new Set(problems)] };
}
