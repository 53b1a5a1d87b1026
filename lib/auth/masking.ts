/**
 * Masking of personal identifiers for viewers without `people:pii`: enough to tell records
 * apart and recognise one's own, not enough to use. The rules are part of the API contract
 * (documented on the fields and in the README).
 */

/** 440304199001011234 → 440304********1234: region kept, birth date and sequence hidden. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 10) return '*'.repeat(idNumber.length);
  return idNumber.slice(0, 6) + '*'.repeat(idNumber.length - 10) + idNumber.slice(-4);
}

/** 13812345678 → 138****5678: carrier prefix and last four kept. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}
