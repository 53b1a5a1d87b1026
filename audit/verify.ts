/**
 * Verification of the audit chain: reads audit.log in id order, a page at a time (bounded memory
 * whatever the log's size), recomputes every record's hash in JavaScript (audit/chain.ts, not the
 * database's own audit.record_hash) and reports the first broken or missing link.
 *
 * What it catches:
 * - a changed record (its content no longer gives its hash);
 * - a removed record (a gap in the ids, or the chain head ahead of the last record);
 * - a record not appended by audit.append (beyond the chain head, or a prev_hash that is not its
 *   predecessor's hash);
 * - a rewrite of the whole chain by the table owner, given an anchor (`ID:HASH`) noted before:
 *   the record at ID must still carry HASH.
 */
import { query, type Db } from '../lib/db.ts';
import { AT_KEY_SQL, GENESIS_HASH, recordHash, type ChainRecord } from './chain.ts';

export type Anchor = { id: number; hash: string };

export type VerifyOptions = {
  /** First id to check (default 1); its prev_hash is checked against record from-1. */
  from?: number;
  /** Records noted earlier that must still be there, unchanged. */
  anchors?: readonly Anchor[];
  /** Records read per statement (default 1,000). */
  pageSize?: number;
};

export type VerifyResult =
  | { ok: true; records: number; head: Anchor }
  | { ok: false; records: number; id: number; problem: string };

/** Parses `ID:HASH` (hash: 64 hex digits). */
export function parseAnchor(text: string): Anchor | null {
  const match = /^(\d{1,18}):([0-9a-f]{64})$/i.exec(text.trim());
  return match ? { id: Number(match[1]), hash: match[2].toLowerCase() } : null;
}

const COLUMNS = `id, prev_hash AS "prevHash", ${AT_KEY_SQL('at')} AS "atKey", subject, roles, subgraph,
  operation_name AS "operationName", operation_hash AS "operationHash", client_name AS "clientName", purpose,
  person_ids AS "personIds", address_codes AS "addressCodes", request_id AS "requestId",
  address_scopes AS "addressScopes", hash`;

export async function verifyChain(db: Db, options: VerifyOptions = {}): Promise<VerifyResult> {
  const from = options.from ?? 1;
  const pageSize = options.pageSize ?? 1000;
  if (!(Number.isSafeInteger(from) && from >= 1)) throw new Error('--from must be a positive integer');
  const anchors = new Map((options.anchors ?? []).map((a) => [a.id, a.hash]));
  let records = 0;
  const broken = (id: number, problem: string): VerifyResult => ({ ok: false, records, id, problem });

  let prevHash = GENESIS_HASH;
  if (from > 1) {
    const [before] = await query<{ hash: string }>(db, `/* audit.verifyStart */ SELECT hash FROM audit.log WHERE id = ?`, [from - 1]);
    if (!before) return broken(from - 1, `record ${from - 1} is missing (the record before --from)`);
    prevHash = before.hash;
  }
  let expected = from;
  for (;;) {
    const page = await query<ChainRecord & { hash: string }>(db,
      `/* audit.verifyPage */ SELECT ${COLUMNS} FROM audit.log WHERE id >= ? ORDER BY id LIMIT ?`, [expected, pageSize]);
    for (const row of page) {
      const id = Number(row.id);
      if (id !== expected) return broken(expected, `record ${expected} is missing (the next one present is ${id})`);
      if (row.prevHash !== prevHash) return broken(id, `record ${id} does not link to record ${id - 1}: its prev_hash is not that record's hash`);
      if (recordHash({ ...row, id }) !== row.hash) return broken(id, `record ${id} was changed after it was written: its content does not give its hash`);
      const anchor = anchors.get(id);
      if (anchor !== undefined && anchor !== row.hash) return broken(id, `record ${id} is not the one anchored (${anchor}): the chain was rewritten`);
      prevHash = row.hash;
      expected++;
      records++;
    }
    if (page.length < pageSize) break;
  }
  const last = expected - 1;
  const [head] = await query<{ id: number; hash: string }>(db, `/* audit.verifyHead */ SELECT id, hash FROM audit.chain_head`);
  if (!head) return broken(last + 1, 'the chain head (audit.chain_head) is missing');
  const headId = Number(head.id);
  if (headId > last) return broken(last + 1, `record ${last + 1} is missing: the chain head is at ${headId}, the log ends at ${last}`);
  if (headId < last) return broken(headId + 1, `record ${headId + 1} was not appended by audit.append: the chain head is at ${headId}`);
  if (head.hash !== prevHash) return broken(headId, `the chain head's hash differs from record ${headId}'s`);
  for (const id of anchors.keys()) {
    if (id >= from && id > last) return broken(id, `anchored record ${id} is missing`);
  }
  return { ok: true, records, head: { id: headId, hash: head.hash } };
}
