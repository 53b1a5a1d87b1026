/**
 * Reads of the audit log (audit.log, written by audit/writer.ts) for `audit:read` callers. Every
 * SQL statement that reads the log's rows for the graph is here (verification reads in
 * audit/verify.ts).
 *
 * A confined auditor (a `communities` claim) sees only records with an address under one of their
 * communities (`address_scopes && communities`, served by the same GIN index): a record that names
 * no address, or only addresses elsewhere, is not theirs to see.
 *
 * Records come newest first, ordered by (at DESC, id DESC), and page by keyset: the cursor holds
 * the (at, id) of the last record of the previous page, with `at` as microsecond UTC text so
 * the comparison is exact (a JavaScript Date would round it to milliseconds).
 *
 * Which index serves which filter (migrations/audit/20261201000000_audit_log.ts):
 * - personId: GIN log_person_ids_idx (`person_ids @> ARRAY[id]`);
 * - communities of a confined viewer: GIN log_address_scopes_idx (`address_scopes && ?`);
 * - addressPrefix: GIN log_address_scopes_idx (`address_scopes @> ARRAY[prefix]`) when the
 *   prefix is a whole code of some level (6, 9, 12, 14, 19 or 25 characters); any other prefix
 *   looks up its longest whole-level prefix there and checks the codes themselves;
 * - subject: log_subject_idx (subject, at DESC, id DESC), already in page order;
 * - from/to alone, or nothing: log_at_idx (at DESC, id DESC).
 */
import { query, type Db, type SqlValue } from '../lib/db.ts';
import { checkFirst, ErrorCode, userError } from '../lib/errors.ts';
import { decodeCursor, toConnection, type Connection } from '../lib/pagination.ts';
import { AT_KEY_SQL } from './chain.ts';

/** The list audit cursors belong to (sealed into them, lib/pagination.ts). */
const AUDIT_RECORDS_FIELD = 'Query.auditRecords';
import { SCOPE_LENGTHS } from './writer.ts';

export type AuditRecord = {
  id: number;
  at: Date;
  /** null: anonymous. */
  subject: string | null;
  roles: string[];
  subgraph: string;
  operationName: string | null;
  operationHash: string;
  clientName: string | null;
  purpose: string | null;
  personIds: string[];
  addressCodes: string[];
  requestId: string | null;
};

export type AuditRecordsArgs = {
  /** Records of this subject only. */
  subject?: string | null;
  /** Records that returned this person. */
  personId?: string | null;
  /** Records that returned an address code starting with this (a community: anything under it). */
  addressPrefix?: string | null;
  /** at >= from. */
  from?: Date | string | null;
  /** at < to. */
  to?: Date | string | null;
  /** Page size, 0..MAX_PAGE_SIZE (default 50). */
  first?: number | null;
  /** endCursor of the previous page. */
  after?: string | null;
};

const COLUMNS = `
  a.id, a.at, a.subject, a.roles, a.subgraph, a.operation_name AS "operationName",
  a.operation_hash AS "operationHash", a.client_name AS "clientName", a.purpose,
  a.person_ids AS "personIds", a.address_codes AS "addressCodes", a.request_id AS "requestId",
  ${AT_KEY_SQL('a.at')} AS "atKey"`;

function instant(value: Date | string, name: string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw userError(`"${name}" is not a date-time: ${JSON.stringify(String(value)).slice(0, 60)}`);
  return date.toISOString();
}

/** Reads for one viewer: `communities` null is unconfined, a list confines to records under them. */
export function createAuditRepository(db: Db, communities: readonly string[] | null = null) {

  return {
    /** One page of audit records matching every filter given, newest first. */
    async auditRecords(args: AuditRecordsArgs): Promise<Connection<AuditRecord>> {
      const first = checkFirst(args.first, 50);
      const after = decodeCursor(args.after, 2, AUDIT_RECORDS_FIELD);
      if (after && (typeof after[0] !== 'string' || typeof after[1] !== 'number')) {
        throw userError('"after" is not a cursor of auditRecords', ErrorCode.INVALID_CURSOR);
      }
      const where: string[] = [];
      const bindings: SqlValue[] = [];

      if (communities !== null) {
        where.push('a.address_scopes && ?::text[]');
        bindings.push(communities);
      }
      if (args.subject != null) {
        where.push('a.subject = ?');
        bindings.push(args.subject);
      }
      if (args.personId != null) {
        where.push('a.person_ids @> ARRAY[?::text]');
        bindings.push(args.personId);
      }
      if (args.addressPrefix != null) {
        const prefix = args.addressPrefix.trim().toUpperCase();
        if (!prefix) throw userError('"addressPrefix" must not be empty');
        if (SCOPE_LENGTHS.includes(prefix.length)) {
          where.push('a.address_scopes @> ARRAY[?::text]');
          bindings.push(prefix);
        } else {
          const indexed = SCOPE_LENGTHS.filter((n) => n < prefix.length).at(-1);
          if (indexed) {
            where.push('a.address_scopes @> ARRAY[?::text]');
            bindings.push(prefix.slice(0, indexed));
          }
          where.push('EXISTS (SELECT 1 FROM unnest(a.address_codes) AS c WHERE starts_with(c, ?))');
          bindings.push(prefix);
        }
      }
      if (args.from != null) {
        where.push('a.at >= ?::timestamptz');
        bindings.push(instant(args.from, 'from'));
      }
      if (args.to != null) {
        where.push('a.at < ?::timestamptz');
        bindings.push(instant(args.to, 'to'));
      }
      if (after) {
        // a plain bound an index scan can start from; the row comparison settles ties on `at`
        where.push('a.at <= ?::timestamptz AND (a.at, a.id) < (?::timestamptz, ?::bigint)');
        bindings.push(after[0], after[0], after[1]);
      }
      bindings.push(first + 1);

      const rows = await query<AuditRecord & { atKey: string }>(db,
        `/* audit.auditRecords */
        SELECT ${COLUMNS} FROM audit.log a
        ${where.length ? `WHERE ${where.join('\n          AND ')}` : ''}
        ORDER BY a.at DESC, a.id DESC
        LIMIT ?`,
        bindings,
      );
      const connection = toConnection(rows, first, (r) => [r.atKey, Number(r.id)], AUDIT_RECORDS_FIELD);
      return {
        pageInfo: connection.pageInfo,
        edges: connection.edges.map(({ cursor, node: { atKey: _atKey, ...record } }) => ({ cursor, node: { ...record, id: Number(record.id) } })),
      };
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
