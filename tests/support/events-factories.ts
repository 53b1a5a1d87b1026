/**
 * Typed factories for events rows. Every call uses fresh random ids, and tests place their rows
 * under fresh made-up address codes, so exact counts never depend on another test's rows or on
 * the seed.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar } from '../../lib/check-digits.ts';
import type { Database } from '../../lib/db.ts';
import type { EventKind, EventRole, EventRow, EventStatus } from '../../subgraphs/events/repository.ts';

/**
 * District part of every made-up code. No real district has it, so test rows never show up in a
 * roll-up of seeded addresses (not even a district total another test may be checking).
 */
const TEST_DISTRICT = '449900';

const digits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join('');
const alnum = (n: number) => Array.from(randomBytes(n), (b) => '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'[b % 36]).join('');

/** A fresh community code (12 digits) under the made-up test district. */
export function freshCommunityCode(): string {
  return TEST_DISTRICT + digits(6);
}

/** A fresh building code (19 characters): grid 01 of `community` and a random 5-character building part. */
export function freshBuildingCode(community: string = freshCommunityCode()): string {
  return `${community}01${alnum(5)}`;
}

/** A room code in `building`, e.g. roomCode(b, '001203') for floor 12, room 03. */
export function roomCode(building: string, room: string): string {
  if (building.length !== 19 || room.length !== 6) throw new Error(`not a building code and a 6-character room part: ${building} ${room}`);
  return building + room;
}

/** A fresh, valid unified social credit code (registered in Futian, random body). */
export function freshCreditCode(): string {
  const body = `91440304${Array.from(randomBytes(9), (b) => CREDIT_CODE_CHARSET[b % CREDIT_CODE_CHARSET.length]).join('')}`;
  return body + creditCodeCheckChar(body);
}

export type NewEvent = {
  addressCode: string;
  id?: string;
  kind?: EventKind;
  source?: EventRow['source'];
  severity?: EventRow['severity'];
  status?: EventStatus;
  /** An ISO string keeps microseconds, which a Date cannot. */
  reportedAt?: Date | string;
  /** Defaults to an hour after reportedAt for RESOLVED and CLOSED events, else null. */
  resolvedAt?: Date | string | null;
  description?: string;
  /** When the row last changed; defaults to the insert time (the column's default). */
  updatedAt?: Date | string;
  people?: { personId: string; role: EventRole }[];
  entities?: { creditCode: string; role: 'INVOLVED' | 'RESPONSIBLE' }[];
};

/** Inserts events (and their people and entity links) in one transaction; returns their ids in order. */
export async function insertEvents(database: Database, events: readonly NewEvent[]): Promise<string[]> {
  const rows = events.map((e) => {
    const status = e.status ?? 'REPORTED';
    const reportedAt = e.reportedAt ?? new Date('2026-03-01T08:00:00Z');
    const resolvedAt = e.resolvedAt !== undefined
      ? e.resolvedAt
      : status === 'RESOLVED' || status === 'CLOSED' ? new Date(new Date(reportedAt).getTime() + 3_600_000) : null;
    return {
      id: e.id ?? `test-ev-${randomUUID()}`,
      kind: e.kind ?? 'OTHER',
      source: e.source ?? 'GRID_PATROL',
      severity: e.severity ?? 'MEDIUM',
      status,
      reported_at: reportedAt,
      resolved_at: resolvedAt,
      description: e.description ?? 'test event',
      address_code: e.addressCode,
      ...(e.updatedAt !== undefined ? { updated_at: e.updatedAt } : {}),
    };
  });
  await database.knex.transaction(async (trx) => {
    await trx('events.event').insert(rows);
    const people = events.flatMap((e, i) => (e.people ?? []).map((p) => ({ event_id: rows[i].id, person_id: p.personId, role: p.role })));
    if (people.length) await trx('events.event_person').insert(people);
    const entities = events.flatMap((e, i) => (e.entities ?? []).map((p) => ({ event_id: rows[i].id, credit_code: p.creditCode, role: p.role })));
    if (entities.length) await trx('events.event_entity').insert(entities);
  });
  return rows.map((r) => r.id);
}

/** Removes events made by insertEvents (links go with them: ON DELETE CASCADE). */
export async function deleteEvents(database: Database, ids: readonly string[]): Promise<void> {
  if (ids.length) await database.knex('events.event').whereIn('id', ids).delete();
}
