/**
 * What a viewer without `people:pii` sees of a person's identifiers and dates. The rule is that no
 * combination of the fields served at `people:read` rebuilds a field of `people:pii`: each masked
 * value keeps at least MIN_ID_CANDIDATES (identity number) or MIN_PHONE_CANDIDATES (phone)
 * candidates consistent with everything else served, assuming the attacker already knows the
 * region (from where the person lives). The rules are part of the API contract (documented on
 * the fields and in the README's masking table); tests/masking.e2e.ts counts the candidates.
 *
 * | field            | without people:pii           | why                                              |
 * |------------------|------------------------------|--------------------------------------------------|
 * | idNumber         | every character masked       | digits 7-14 are the birth date, 17 the gender,   |
 * |                  |                              | 18 a check: any kept digit narrows the search    |
 * | birthDate        | null; birthYear served       | a year leaves 365 dates x 500 sequences          |
 * | Residence.since  | null; sinceYear served       | someone born at home moved in on the birth date  |
 * | phone            | 138****5678                  | 4 hidden digits, 10 000 candidates, no other     |
 * |                  |                              | field carries them                               |
 */

/** Fewest identity numbers a masked record must leave possible. */
export const MIN_ID_CANDIDATES = 100_000;
/** Fewest phone numbers a masked record must leave possible. */
export const MIN_PHONE_CANDIDATES = 10_000;

/** 440304199001011234 → ******************: length kept, nothing else. */
export function maskIdNumber(idNumber: string): string {
  return '*'.repeat(idNumber.length);
}

/** 13812345678 → 138****5678: carrier prefix and last four kept, four digits hidden. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

/** The year of a 'YYYY-MM-DD' date, what a viewer without people:pii gets of a person's dates. */
export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}
