/**
 * Shared vocabulary of the department CSV importer: quarantine reasons, link levels, and the
 * error that means "bad input, nothing was written" (exit code 2).
 */

/**
 * Why a row was not loaded, in the order the importer checks them (a row gets the first that
 * applies):
 *
 * - MALFORMED_CSV: the line is not a CSV record of the header's width (wrong field count,
 *   unclosed or stray quote), is not UTF-8, or is longer than 1 MiB.
 * - DUPLICATE_IN_FILE: an earlier line of the same file has the same record id. The first line
 *   wins, whatever became of it: a streaming import cannot know a later line exists, and letting
 *   the last win would rewrite a row twice in one run.
 * - INVALID_ROW: a field fails validation (date, enum, id number, phone, cross-field rule), or,
 *   should validation ever let a bad value through, the database rejected the row.
 * - MISSING_ADDRESS: a required address column is empty (every kind's address; for entities
 *   only registered_address, business_address may be empty).
 * - OUTSIDE_DISTRICT: the address names a district or city the registry does not cover.
 * - AMBIGUOUS: the address fits several registry addresses at the required precision.
 * - UNLINKED: the address was given but is too coarse or not in the registry.
 * - CONFLICT: loading it would contradict the database: a person's id_number already belongs
 *   to another person id (or to an earlier line's person in the same batch).
 */
export const QUARANTINE_REASONS = [
  'MALFORMED_CSV',
  'DUPLICATE_IN_FILE',
  'INVALID_ROW',
  'MISSING_ADDRESS',
  'OUTSIDE_DISTRICT',
  'AMBIGUOUS',
  'UNLINKED',
  'CONFLICT',
] as const;
export type QuarantineReason = (typeof QUARANTINE_REASONS)[number];

/** Precision a linked address reached, coarsest first. */
export const LINK_LEVELS = ['COMMUNITY', 'BUILDING', 'ROOM'] as const;
export type LinkLevel = (typeof LINK_LEVELS)[number];

/** A row that will not be loaded, as stored in `<schema>.import_quarantine`. */
export type QuarantineEntry = {
  /** The record id when the row has a usable one (then quarantine is keyed on it), else null (keyed on file and line). */
  recordId: string | null;
  line: number;
  reason: QuarantineReason;
  detail: string;
  /** The address text(s) as written, joined with " | " for several columns; null when none. */
  address: string | null;
  /** The row by column name, or { text } when the line could not be split into fields. */
  raw: Record<string, string>;
  /** The community its address reached before failing (OUTSIDE_DISTRICT / AMBIGUOUS / UNLINKED), else null or absent. */
  communityCode?: string | null;
};

/** Bad invocation or input found before anything was written: the CLI exits with code 2. */
export class ImportInputError extends Error {
  override name = 'ImportInputError';
}

