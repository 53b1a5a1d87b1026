/**
 * The events subgraph's writes (issue 11): validation, the workflow, scoping, and each write in
 * one transaction through lib/mutations.ts runMutation (idempotency, audit before commit). The
 * resolvers call these and nothing else; every SQL statement is in repository.ts.
 *
 * Workflow: REPORTED -> ASSIGNED -> RESOLVED -> CLOSED; ASSIGNED may be reassigned; RESOLVED and
 * CLOSED reopen to ASSIGNED (REPORTED when nobody was ever assigned, as for imported events).
 * Imported events carry the same four statuses (the importer accepts only these) and enter the
 * workflow where they stand: an imported ASSIGNED event has no assignee on record and may be
 * (re)assigned, resolved or reopened like any other.
 */
import { randomUUID } from 'node:crypto';
import { COMMUNITY_OR_FINER, placeAddress, type ReportedAddress } from '../../address/placement.ts';
import type { LoadedStandardizer } from '../../address/standardizer.ts';
import type { Db } from '../../lib/db.ts';
import {
  checkRecordId, checkText, given, inputError, lockVersioned, runMutation, stateMachine, transitionError, UserErrorCode, withoutKey,
  type MutationOutcome, type MutationServices, type UserError,
} from '../../lib/mutations.ts';
import { createEventWriter, type EventAction, type EventChange, type EventRole, type EventRow, type EventStatus, type NewEventRow } from './repository.ts';

/** Longest description and note accepted. */
export const MAX_DESCRIPTION = 2000;
/** Longest unit name accepted. */
export const MAX_UNIT = 200;

type Step = Exclude<EventAction, 'REPORT' | 'ADD_PARTICIPANT'>;

/** The events workflow. */
export const EVENT_WORKFLOW = stateMachine<EventStatus, Step, EventRow>({
  ASSIGN: { from: ['REPORTED', 'ASSIGNED'], to: 'ASSIGNED' },
  RESOLVE: { from: ['ASSIGNED'], to: 'RESOLVED' },
  CLOSE: { from: ['RESOLVED'], to: 'CLOSED' },
  REOPEN: { from: ['RESOLVED', 'CLOSED'], to: (_, e) => (e.assignedUnit !== null || e.assignedPersonId !== null ? 'ASSIGNED' : 'REPORTED') },
});

const VERB: Record<Step | 'ADD_PARTICIPANT', string> = { ASSIGN: 'assign', RESOLVE: 'resolve', CLOSE: 'close', REOPEN: 'reopen', ADD_PARTICIPANT: 'add a participant to' };

export type EventReportPayload = { event: EventRow | null; address: ReportedAddress | null; userErrors: UserError[]; clientMutationId: string | null; replayed: boolean };
export type EventChangePayload = { event: EventRow | null; userErrors: UserError[]; clientMutationId: string | null; replayed: boolean };

type Kind = NewEventRow['kind'];
export type ReportInput = {
  clientMutationId?: string | null; kind: Kind; source: NewEventRow['source']; severity: NewEventRow['severity'];
  description: string; address: { code?: string | null; text?: string | null };
};
export type TransitionInput = { clientMutationId?: string | null; id: string; version: number; note?: string | null };
export type AssignInput = TransitionInput & { assignee: { unit?: string | null; personId?: string | null } };
export type AddParticipantInput = Omit<TransitionInput, 'note'> & {
  participant: { personId?: string | null; creditCode?: string | null; role: EventRole };
};

export type EventMutationsDeps = MutationServices & {
  /** The address standardizer (over the buildings registry); null when this process has none. */
  standardizer: (() => Promise<LoadedStandardizer>) | null;
};

export function createEventMutations(deps: EventMutationsDeps) {
  const { viewer } = deps;
  const writer = createEventWriter(viewer.communities);
  const actor = viewer.subject ?? 'anonymous';

  const refuseChange = (key: string | null | undefined) => (userErrors: UserError[]): EventChangePayload =>
    ({ event: null, userErrors, clientMutationId: key ?? null, replayed: false });

  /** Remembers the event id; a replay shows the event as it is now (through the transaction). */
  const changeSpec = (key: string | null | undefined) => ({
    remember: (p: EventChangePayload) => ({ eventId: p.event?.id ?? null }),
    replay: async (stored: { eventId: string | null }, trx: Db): Promise<EventChangePayload> =>
      ({ event: stored.eventId ? await writer.findEvent(trx, stored.eventId) : null, userErrors: [], clientMutationId: key ?? null, replayed: true }),
    refuse: refuseChange(key),
  });

  /**
   * A change to an existing event: found in scope (else NOT_FOUND, the same for an id elsewhere),
   * at the version the client saw (else STALE_VERSION with the current one), allowed from its
   * status; then the update (WHERE version = $v), history and audit.
   */
  async function change(
    trx: Db,
    input: TransitionInput,
    action: Step | 'ADD_PARTICIPANT',
    errors: UserError[],
    plan: (row: EventRow, to: EventStatus) => EventChange,
    before?: (row: EventRow) => Promise<UserError | null>,
    personIds: readonly string[] = [],
    note: string | null = null,
  ): Promise<MutationOutcome<EventChangePayload>> {
    const refuse = refuseChange(input.clientMutationId);
    const { row, refusal: unchangeable } = await lockVersioned(errors, input, 'event', () => writer.lockEvent(trx, input.id));
    if (!row) return { payload: refuse(unchangeable), wrote: false };
    let to: EventStatus = row.status;
    if (action === 'ADD_PARTICIPANT') {
      if (row.status === 'CLOSED') return { payload: refuse([inputError(['id'], UserErrorCode.INVALID_TRANSITION, `cannot ${VERB[action]} an event in status CLOSED: reopen it first`)]), wrote: false };
    } else {
      const check = EVENT_WORKFLOW.check(action, row.status, row);
      if (!check.ok) return { payload: refuse([transitionError(check, VERB[action], 'an event')]), wrote: false };
      to = check.to;
    }
    const refusal = await before?.(row);
    if (refusal) return { payload: refuse([refusal]), wrote: false };
    const change = plan(row, to);
    // audited first (the row stays locked), then the change and its history row in one statement
    return {
      wrote: 'deferred',
      audit: { addressCodes: [row.addressCode], personIds },
      write: async (t, auditId) => {
        const updated = await writer.changeEventWithHistory(t, row.id, input.version, change, {
          actor, action, fromStatus: row.status, toStatus: to, note, requestId: deps.request?.requestId ?? null, auditId,
        });
        if (!updated) throw new Error(`event ${row.id} changed while locked`);
        return { event: updated, userErrors: [], clientMutationId: input.clientMutationId ?? null, replayed: false };
      },
    };
  }

  const transition = (operation: string, action: Exclude<Step, 'ASSIGN'>, plan: (row: EventRow, to: EventStatus) => EventChange) =>
    (input: TransitionInput) => runMutation(deps, {
      operation,
      clientMutationId: input.clientMutationId,
      input: withoutKey(input),
      ...changeSpec(input.clientMutationId),
      body: (trx) => {
        const errors: UserError[] = [];
        const note = checkText(errors, ['note'], input.note, MAX_DESCRIPTION, false);
        return change(trx, input, action, errors, plan, undefined, [], note);
      },
    });

  return {
    async report(input: ReportInput): Promise<EventReportPayload> {
      const key = input.clientMutationId ?? null;
      const refuse = (userErrors: UserError[], address: ReportedAddress | null = null): EventReportPayload =>
        ({ event: null, address, userErrors, clientMutationId: key, replayed: false });
      return runMutation(deps, {
        operation: 'eventReport',
        direct: true,
        clientMutationId: key,
        input: withoutKey(input),
        refuse,
        remember: (p: EventReportPayload) => ({ eventId: p.event?.id ?? null, address: p.address }),
        replay: async (stored: { eventId: string | null; address: ReportedAddress | null }, trx) =>
          ({ event: stored.eventId ? await writer.findEvent(trx, stored.eventId) : null, address: stored.address, userErrors: [], clientMutationId: key, replayed: true }),
        body: async () => {
          const errors: UserError[] = [];
          const description = checkText(errors, ['description'], input.description, MAX_DESCRIPTION, true);
          // last: a free text is standardized only when the rest of the input is valid
          const placed = await placeAddress(input.address, {
            levels: COMMUNITY_OR_FINER, what: 'an event', standardizer: deps.standardizer, scope: { communities: viewer.communities, verb: 'report' }, pending: errors,
          });
          if (!placed.ok || errors.length || description === null) return { payload: refuse([...errors, ...(placed.ok ? [] : placed.errors)], placed.address), wrote: false };
          const { address } = placed;
          // audited first, then the event and its REPORT history row in one statement (without a
          // clientMutationId, no transaction at all: one round trip, one commit)
          return {
            wrote: 'deferred',
            audit: { addressCodes: [address.code] },
            write: async (db, auditId) => {
              const row = await writer.reportEvent(db, {
                id: `ev-${randomUUID()}`, kind: input.kind, source: input.source, severity: input.severity, description,
                addressCode: address.code, addressText: placed.text, addressConfidence: address.confidence, reportedBy: actor,
              }, { requestId: deps.request?.requestId ?? null, auditId });
              return { event: row, address, userErrors: [], clientMutationId: key, replayed: false };
            },
          };
        },
      });
    },

    assign: (input: AssignInput) => runMutation(deps, {
      operation: 'eventAssign',
      clientMutationId: input.clientMutationId,
      input: withoutKey(input),
      ...changeSpec(input.clientMutationId),
      body: (trx) => {
        const errors: UserError[] = [];
        const note = checkText(errors, ['note'], input.note, MAX_DESCRIPTION, false);
        const { unit, personId } = input.assignee;
        if (given(unit) === given(personId)) errors.push(inputError(['assignee'], UserErrorCode.INVALID_INPUT, 'give exactly one of assignee.unit and assignee.personId'));
        const unitName = given(unit) ? checkText(errors, ['assignee', 'unit'], unit, MAX_UNIT, true) : null;
        checkRecordId(errors, ['assignee', 'personId'], personId);
        return change(trx, input, 'ASSIGN', errors,
          () => ({ status: 'ASSIGNED', assignedUnit: unitName, assignedPersonId: given(personId) ? personId : null }),
          // the person assigned takes part as RESPONSIBLE (kept when already linked)
          async (row) => (given(personId) ? (await writer.addPerson(trx, row.id, personId, 'RESPONSIBLE'), null) : null),
          given(personId) ? [personId] : [], note);
      },
    }),

    resolve: transition('eventResolve', 'RESOLVE', () => ({ status: 'RESOLVED', resolvedAt: 'now' })),
    close: transition('eventClose', 'CLOSE', () => ({ status: 'CLOSED', closedAt: 'now' })),
    reopen: transition('eventReopen', 'REOPEN', (_, to) => ({ status: to, resolvedAt: null, closedAt: null })),

    addParticipant: (input: AddParticipantInput) => runMutation(deps, {
      operation: 'eventAddParticipant',
      clientMutationId: input.clientMutationId,
      input: withoutKey(input),
      ...changeSpec(input.clientMutationId),
      body: (trx) => {
        const errors: UserError[] = [];
        const { personId, creditCode, role } = input.participant;
        if (given(personId) === given(creditCode)) errors.push(inputError(['participant'], UserErrorCode.INVALID_INPUT, 'give exactly one of participant.personId and participant.creditCode'));
        checkRecordId(errors, ['participant', 'personId'], personId);
        if (given(creditCode) && role !== 'INVOLVED' && role !== 'RESPONSIBLE') {
          errors.push(inputError(['participant', 'role'], UserErrorCode.INVALID_INPUT, `a legal entity takes part as INVOLVED or RESPONSIBLE, not ${role}`));
        }
        return change(trx, input, 'ADD_PARTICIPANT', errors, (row) => ({ status: row.status }), async (row) => {
          const added = given(personId)
            ? await writer.addPerson(trx, row.id, personId, role)
            : await writer.addEntity(trx, row.id, creditCode!, role as 'INVOLVED' | 'RESPONSIBLE');
          return added ? null : inputError(['participant'], UserErrorCode.INVALID_INPUT, `${given(personId) ? `person ${personId}` : `legal entity ${creditCode}`} already takes part in event ${row.id}`);
        }, given(personId) ? [personId] : [],
        // a person's id is not written in the note: history is read with events:read, people need people:read
        given(personId) ? `a person as ${role}` : `legal entity ${creditCode} as ${role}`);
      },
    }),
  };
}

export type EventMutations = ReturnType<typeof createEventMutations>;
