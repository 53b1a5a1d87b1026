/**
 * The cases subgraph's writes (issue 11): validation, the workflow, scoping, and each write in
 * one transaction through lib/mutations.ts runMutation (idempotency, audit before commit). The
 * resolvers call these and nothing else; every SQL statement is in repository.ts.
 *
 * Workflow: FILED -> ACCEPTED -> IN_PROGRESS -> CLOSED. An open case may be closed from any of
 * its statuses (rejected or withdrawn before it was accepted, settled during mediation), always
 * with an outcome; a closed case may be reopened to IN_PROGRESS, which clears its outcome and
 * closing date (the history keeps both). Imported cases carry the same four statuses and enter
 * the workflow where they stand.
 *
 * Parties and related events are other subgraphs' records, known here by id only: their ids are
 * checked for form, not looked up (this subgraph reads no other schema); the people and events
 * subgraphs answer them, with their own scoping, when they are read.
 */
import { randomUUID } from 'node:crypto';
import { COMMUNITY_OR_FINER, placeAddress, type AddressInput, type ReportedAddress } from '../../address/placement.ts';
import type { LoadedStandardizer } from '../../address/standardizer.ts';
import type { Db } from '../../lib/db.ts';
import {
  checkRecordId, checkText, given, inputError, lockVersioned, runMutation, stateMachine, transitionError, UserErrorCode, withoutKey,
  type MutationOutcome, type MutationServices, type UserError,
} from '../../lib/mutations.ts';
import {
  createCaseWriter, type CaseAction, type CaseChange, type CaseKind, type CaseOutcome, type CasePartyRow, type CaseRow, type CaseStatus,
  type NewParty, type PartyRole,
} from './repository.ts';

/** Longest summary and note accepted. */
export const MAX_SUMMARY = 2000;
/** Most parties a case has. */
export const MAX_PARTIES = 20;
/** Most events a case is opened with. */
export const MAX_RELATED_EVENTS = 20;

type Step = Exclude<CaseAction, 'OPEN' | 'ADD_PARTY'>;

/** The cases workflow. */
export const CASE_WORKFLOW = stateMachine<CaseStatus, Step>({
  ACCEPT: { from: ['FILED'], to: 'ACCEPTED' },
  START: { from: ['ACCEPTED'], to: 'IN_PROGRESS' },
  CLOSE: { from: ['FILED', 'ACCEPTED', 'IN_PROGRESS'], to: 'CLOSED' },
  REOPEN: { from: ['CLOSED'], to: 'IN_PROGRESS' },
});

const VERB: Record<Step | 'ADD_PARTY', string> = { ACCEPT: 'accept', START: 'start work on', CLOSE: 'close', REOPEN: 'reopen', ADD_PARTY: 'add a party to' };

/** The step caseUpdateStatus takes to reach `status` from `from`; null for a status it does not move to. */
export function stepTo(status: CaseStatus, from: CaseStatus): Step | null {
  if (status === 'ACCEPTED') return 'ACCEPT';
  if (status === 'IN_PROGRESS') return from === 'CLOSED' ? 'REOPEN' : 'START';
  return null;
}

export type CaseOpenPayload = { case: CaseRow | null; address: ReportedAddress | null; userErrors: UserError[]; clientMutationId: string | null; replayed: boolean };
export type CaseChangePayload = { case: CaseRow | null; userErrors: UserError[]; clientMutationId: string | null; replayed: boolean };

export type PartyInput = { personId?: string | null; creditCode?: string | null; role: PartyRole };
export type OpenInput = {
  clientMutationId?: string | null; kind: CaseKind; parties: readonly PartyInput[]; address: AddressInput;
  relatedEventIds?: readonly string[] | null; summary: string;
};
type ChangeInput = { clientMutationId?: string | null; id: string; version: number };
export type UpdateStatusInput = ChangeInput & { status: CaseStatus; note?: string | null };
export type CloseInput = ChangeInput & { outcome: CaseOutcome; note?: string | null };
export type AddPartyInput = ChangeInput & { party: PartyInput };

/** Who a party is, to find the same person or entity twice. */
const partyKey = (p: { personId: string | null; creditCode: string | null }) => (p.personId !== null ? `person ${p.personId}` : `legal entity ${p.creditCode}`);

/** A party's input at `path`: exactly one of personId (well-formed) and creditCode (the scalar checked it). */
function checkParty(errors: UserError[], path: string[], party: PartyInput): NewParty {
  const { personId, creditCode, role } = party;
  if (given(personId) === given(creditCode)) errors.push(inputError(path, UserErrorCode.INVALID_INPUT, `give exactly one of ${path.at(-1)}.personId and ${path.at(-1)}.creditCode`));
  checkRecordId(errors, [...path, 'personId'], personId);
  return { role, personId: given(personId) ? personId : null, creditCode: given(creditCode) ? creditCode : null };
}

/** How a change is made once the case is locked at the right version: the step, or why not. */
type Plan = {
  action: Step | 'ADD_PARTY';
  change: CaseChange;
  note: string | null;
  /** People the change touches, for the audit record. */
  personIds?: readonly string[];
  /** Runs before the update, inside the lock; a user error refuses the change. */
  before?: (row: CaseRow, trx: Db) => Promise<UserError | null>;
};

export type CaseMutationsDeps = MutationServices & {
  /** The address standardizer (over the buildings registry); null when this process has none. */
  standardizer: (() => Promise<LoadedStandardizer>) | null;
};

export function createCaseMutations(deps: CaseMutationsDeps) {
  const { viewer } = deps;
  const writer = createCaseWriter(viewer.communities);
  const actor = viewer.subject ?? 'anonymous';
  const requestId = deps.request?.requestId ?? null;

  const refuseChange = (key: string | null | undefined) => (userErrors: UserError[]): CaseChangePayload =>
    ({ case: null, userErrors, clientMutationId: key ?? null, replayed: false });

  /**
   * A change to an existing case: found in scope at the version the client saw (lockVersioned),
   * allowed by `plan`; then the update (WHERE version = $v), history and audit.
   */
  const change = (operation: string, input: ChangeInput, validate: (errors: UserError[]) => (row: CaseRow) => Plan | UserError) => runMutation(deps, {
    operation,
    clientMutationId: input.clientMutationId,
    input: withoutKey(input),
    refuse: refuseChange(input.clientMutationId),
    // remembers the case id; a replay shows the case as it is now (through the transaction)
    remember: (p: CaseChangePayload) => ({ caseId: p.case?.id ?? null }),
    replay: async (stored: { caseId: string | null }, trx: Db): Promise<CaseChangePayload> =>
      ({ case: stored.caseId ? await writer.findCase(trx, stored.caseId) : null, userErrors: [], clientMutationId: input.clientMutationId ?? null, replayed: true }),
    body: async (trx): Promise<MutationOutcome<CaseChangePayload>> => {
      const refuse = refuseChange(input.clientMutationId);
      const errors: UserError[] = [];
      const planFor = validate(errors);
      const { row, refusal } = await lockVersioned(errors, input, 'case', () => writer.lockCase(trx, input.id));
      if (!row) return { payload: refuse(refusal), wrote: false };
      const plan = planFor(row);
      if ('code' in plan) return { payload: refuse([plan]), wrote: false };
      const blocked = await plan.before?.(row, trx);
      if (blocked) return { payload: refuse([blocked]), wrote: false };
      const updated = await writer.changeCase(trx, row.id, input.version, plan.change);
      if (!updated) throw new Error(`case ${row.id} changed while locked`);
      return {
        payload: { case: updated, userErrors: [], clientMutationId: input.clientMutationId ?? null, replayed: false },
        wrote: true,
        audit: { addressCodes: [row.addressCode], personIds: plan.personIds ?? [] },
        afterAudit: (t, auditId) => writer.addHistory(t, {
          caseId: row.id, actor, action: plan.action, fromStatus: row.status, toStatus: updated.status,
          outcome: plan.action === 'CLOSE' ? updated.outcome : null, note: plan.note, version: updated.version, requestId, auditId,
        }),
      };
    },
  });

  /** A workflow step from the case's status, or the INVALID_TRANSITION refusal naming from and to. */
  const step = (action: Step, row: CaseRow, field: string[], plan: Omit<Plan, 'action' | 'change'> & { change: Omit<CaseChange, 'status'> }): Plan | UserError => {
    const check = CASE_WORKFLOW.check(action, row.status, undefined);
    if (!check.ok) return transitionError(check, VERB[action], 'a case', field);
    return { ...plan, action, change: { ...plan.change, status: check.to } };
  };

  return {
    async open(input: OpenInput): Promise<CaseOpenPayload> {
      const key = input.clientMutationId ?? null;
      const refuse = (userErrors: UserError[], address: ReportedAddress | null = null): CaseOpenPayload =>
        ({ case: null, address, userErrors, clientMutationId: key, replayed: false });
      return runMutation(deps, {
        operation: 'caseOpen',
        clientMutationId: key,
        input: withoutKey(input),
        refuse,
        remember: (p: CaseOpenPayload) => ({ caseId: p.case?.id ?? null, address: p.address }),
        replay: async (stored: { caseId: string | null; address: ReportedAddress | null }, trx) =>
          ({ case: stored.caseId ? await writer.findCase(trx, stored.caseId) : null, address: stored.address, userErrors: [], clientMutationId: key, replayed: true }),
        body: async (trx) => {
          const errors: UserError[] = [];
          const summary = checkText(errors, ['summary'], input.summary, MAX_SUMMARY, true);
          if (input.parties.length === 0) errors.push(inputError(['parties'], UserErrorCode.INVALID_INPUT, 'a case needs at least one party'));
          if (input.parties.length > MAX_PARTIES) errors.push(inputError(['parties'], UserErrorCode.INVALID_INPUT, `a case has at most ${MAX_PARTIES} parties, got ${input.parties.length}`));
          const parties = input.parties.map((p, i) => checkParty(errors, ['parties', String(i)], p));
          const seen = new Map<string, number>();
          parties.forEach((p, i) => {
            if (p.personId === null && p.creditCode === null) return;
            const first = seen.get(partyKey(p));
            if (first === undefined) seen.set(partyKey(p), i);
            else errors.push(inputError(['parties', String(i)], UserErrorCode.INVALID_INPUT, `${partyKey(p)} is already party ${first}: a party is listed once`));
          });
          const eventIds = input.relatedEventIds ?? [];
          if (eventIds.length > MAX_RELATED_EVENTS) errors.push(inputError(['relatedEventIds'], UserErrorCode.INVALID_INPUT, `a case is opened with at most ${MAX_RELATED_EVENTS} events, got ${eventIds.length}`));
          eventIds.forEach((id, i) => {
            checkRecordId(errors, ['relatedEventIds', String(i)], id);
            if (eventIds.indexOf(id) < i) errors.push(inputError(['relatedEventIds', String(i)], UserErrorCode.INVALID_INPUT, `event ${id} is listed twice`));
          });
          // last: a free text is standardized only when the rest of the input is valid
          const placed = await placeAddress(input.address, {
            levels: COMMUNITY_OR_FINER, what: 'a case', standardizer: deps.standardizer, scope: { communities: viewer.communities, verb: 'open cases' }, pending: errors,
          });
          if (!placed.ok || errors.length || summary === null) return { payload: refuse([...errors, ...(placed.ok ? [] : placed.errors)], placed.address), wrote: false };
          const { address } = placed;
          const row = await writer.insertCase(trx, {
            id: `case-${randomUUID()}`, kind: input.kind, summary, addressCode: address.code,
            addressText: placed.text, addressConfidence: address.confidence, openedBy: actor,
          });
          await writer.addParties(trx, row.id, parties);
          await writer.addEvents(trx, row.id, eventIds);
          return {
            payload: { case: row, address, userErrors: [], clientMutationId: key, replayed: false },
            wrote: true,
            audit: { addressCodes: [row.addressCode], personIds: parties.flatMap((p) => (p.personId === null ? [] : [p.personId])) },
            afterAudit: (t, auditId) => writer.addHistory(t, {
              caseId: row.id, actor, action: 'OPEN', fromStatus: null, toStatus: 'FILED', outcome: null, note: null, version: row.version, requestId, auditId,
            }),
          };
        },
      });
    },

    updateStatus: (input: UpdateStatusInput) => change('caseUpdateStatus', input, (errors) => {
      const note = checkText(errors, ['note'], input.note, MAX_SUMMARY, false);
      if (input.status === 'CLOSED') errors.push(inputError(['status'], UserErrorCode.INVALID_INPUT, 'a case is closed with caseClose, which records its outcome'));
      if (input.status === 'FILED') errors.push(inputError(['status'], UserErrorCode.INVALID_INPUT, 'a case is FILED only when it is opened; it does not go back'));
      return (row) => {
        const action = stepTo(input.status, row.status)!;
        // reopening clears what the close set (the table allows an outcome and a closing date on CLOSED cases only)
        return step(action, row, ['status'], { note, change: action === 'REOPEN' ? { closedOn: null, outcome: null } : {} });
      };
    }),

    close: (input: CloseInput) => change('caseClose', input, (errors) => {
      const note = checkText(errors, ['note'], input.note, MAX_SUMMARY, false);
      return (row) => step('CLOSE', row, ['id'], { note, change: { closedOn: 'today', outcome: input.outcome } });
    }),

    addParty: (input: AddPartyInput) => change('caseAddParty', input, (errors) => {
      const party = checkParty(errors, ['party'], input.party);
      return (row) => {
        if (row.status === 'CLOSED') return inputError(['id'], UserErrorCode.INVALID_TRANSITION, `cannot ${VERB.ADD_PARTY} a case in status CLOSED: reopen it first`);
        return {
          action: 'ADD_PARTY',
          change: { status: row.status },
          personIds: party.personId === null ? [] : [party.personId],
          // a person's id is not written in the note: history is read with cases:read, people need people:read
          note: party.personId !== null ? `a person as ${party.role}` : `legal entity ${party.creditCode} as ${party.role}`,
          before: async (locked, trx) => {
            const existing: CasePartyRow[] = await writer.partiesOf(trx, locked.id);
            if (existing.some((p) => partyKey(p) === partyKey(party))) return inputError(['party'], UserErrorCode.INVALID_INPUT, `${partyKey(party)} is already a party to case ${locked.id}`);
            if (existing.length >= MAX_PARTIES) return inputError(['party'], UserErrorCode.INVALID_INPUT, `case ${locked.id} has ${existing.length} parties already; at most ${MAX_PARTIES}`);
            await writer.addParties(trx, locked.id, [party]);
            return null;
          },
        };
      };
    }),
  };
}

export type CaseMutations = ReturnType<typeof createCaseMutations>;
