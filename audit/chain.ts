/**
 * The audit chain's canonical encoding and record hash, computed exactly as audit.record_hash()
 * in migrations/audit/20261201000000_audit_log.ts does in SQL, so `npm run audit -- verify` can
 * recompute every link in JavaScript without trusting the database's own functions.
 *
 * Encoding: `audit-v1`, then each field in CHAIN_FIELDS order; a text is `<octets>:<value>`
 * (Buffer.byteLength here, octet_length in SQL), NULL is `-`, an array is `[<count>:` followed by
 * its elements as texts. hash = hex(sha256(utf8(encoding))).
 */
import { createHash } from 'node:crypto';

/** The prev_hash of record 1. */
export const GENESIS_HASH = '0'.repeat(64);

/** A stored record as the hash sees it (`atKey`: `at` as UTC text with microseconds). */
export type ChainRecord = {
  id: number;
  prevHash: string;
  atKey: string;
  subject: string | null;
  roles: readonly (string | null)[];
  subgraph: string;
  operationName: string | null;
  operationHash: string;
  clientName: string | null;
  purpose: string | null;
  personIds: readonly (string | null)[];
  addressCodes: readonly (string | null)[];
  requestId: string | null;
  addressScopes: readonly (string | null)[];
};

function encText(value: string | null): string {
  return value === null ? '-' : `${Buffer.byteLength(value, 'utf8')}:${value}`;
}

function encArray(values: readonly (string | null)[] | null): string {
  if (values === null) return '-';
  let out = `[${values.length}:`;
  for (const v of values) out += encText(v);
  return out;
}

/** The canonical encoding of one record (what the hash is taken over). */
export function encodeRecord(r: ChainRecord): string {
  return 'audit-v1' + encText(String(r.id)) + encText(r.prevHash) + encText(r.atKey) +
    encText(r.subject) + encArray(r.roles) + encText(r.subgraph) +
    encText(r.operationName) + encText(r.operationHash) + encText(r.clientName) +
    encText(r.purpose) + encArray(r.personIds) + encArray(r.addressCodes) +
    encText(r.requestId) + encArray(r.addressScopes);
}

/** hex sha256 of the record's encoding: the `hash` column it must carry. */
export function recordHash(r: ChainRecord): string {
  return createHash('sha256').update(encodeRecord(r), 'utf8').digest('hex');
}

/** SQL text of `at` as the chain encodes it (UTC, microseconds). */
export const AT_KEY_SQL = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
