/**
 * Typed factories for cases rows: fresh random ids; tests place them under fresh made-up address
 * codes (see events-factories.ts) so exact counts never depend on other rows.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../lib/db.ts';
import type { CaseKind, CaseOutcome, CasePartyRow, CaseStatus } from '../../subgraphs/cases/repository.ts';

export { freshBuildingCode, freshCommunityCode, freshCreditCode, roomCode } from './events-factories.ts';

export type NewCase = {
  addressCode: string;
  id?: string;
  kind?: CaseKind;
  status?: CaseStatus;
  /** 'YYYY-MM-DD'. */
  filedOn?: string;
  /** Defaults to filedOn for CLOSED cases, else null (the table requires exactly that pairing). */
  closedOn?: string | null;
  /** Only for CLOSED cases. */
  outcome?: CaseOutcome | null;
  summary?: string;
  parties?: { role: CasePartyRow['role']; personId?: string; creditCode?: string }[];
  /** Ids of events the case arose from. */
  eventIds?: string[];
};

/** Inserts cases (and their parties and event links) in one transaction; returns their ids in order. */
export async function insertCases(database: Database, cases: readonly NewCase[]): Promise<string[]> {
  const rows = cases.map((c) => {
    const status = c.status ?? 'FILED';
    const filedOn = c.filedOn ?? '2026-03-01';
    return {
      id: c.id ?? `test-case-${randomUUID()}`,
      kind: c.kind ?? 'MEDIATION',
      status,
      filed_on: filedOn,
      closed_on: c.closedOn !== undefined ? c.closedOn : status === 'CLOSED' ? filedOn : null,
      outcome: c.outcome ?? null,
      summary: c.summary ?? 'test case',
      address_code: c.addressCode,
    };
  });
  await database.knex.transaction(async (trx) => {
    await trx('cases.legal_case').insert(rows);
    const parties = cases.flatMap((c, i) =>
      (c.parties ?? []).map((p, n) => ({
        case_id: rows[i].id,
        party_no: n + 1,
        role: p.role,
        person_id: p.personId ?? null,
        credit_code: p.creditCode ?? null,
      })),
    );
    if (parties.length) await trx('cases.case_party').insert(parties);
    const links = cases.flatMap((c, i) => (c.eventIds ?? []).map((eventId) => ({ case_id: rows[i].id, event_id: eventId })));
    if (links.length) await trx('cases.case_event').insert(links);
  });
  return rows.map((r) => r.id);
}

/** Removes cases made by insertCases (parties and links go with them: ON DELETE CASCADE). */
export async function deleteCases(database: Database, ids: readonly string[]): Promise<void> {
  if (ids.length) await database.knex('cases.legal_case').whereIn('id', ids).delete();
}
