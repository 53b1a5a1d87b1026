/**
 * The people subgraph's writes (issue 11): moving in and out (residenceStart, residenceEnd) and a
 * person's contact details (personUpdateContact). Validation and scoping here, each write in one
 * transaction through lib/mutations.ts runMutation (idempotency, audit before commit); every SQL
 * statement is in repository.ts.
 *
 * At most one current residence of a kind: starting a residence of a kind (relation) the person
 * already has a current one of, at another address, ends that one on the new one's start date,
 * in the same transaction: a move, as the importer records one (a department file states where
 * a person lives now and ends the residence elsewhere). Residences of other kinds stay (an owner
 * who also lives in a dormitory). A current residence at the same address, of any kind, is
 * ALREADY_EXISTS. When the residence to end lies outside the viewer's communities the start is
 * refused (OUT_OF_SCOPE): a worker does not write elsewhere, not even to end a stay.
 */
import type { AddressLevel } from '../../lib/address-code.ts';
import { levelOf } from '../../lib/address-code.ts';
import {
  checkRecordId, given, inputError, runMutation, UserErrorCode, withoutKey,
  type MutationOutcome, type MutationServices, type UserError,
} from '../../lib/mutations.ts';
import { createPeopleWriter, type PersonRow, type ResidenceRow } from './repository.ts';

type Relation = ResidenceRow['relation'];

export type ResidenceStartInput = { clientMutationId?: string | null; personId: string; roomCode: string; kind: Relation; startedOn: string };
export type ResidenceEndInput = { clientMutationId?: string | null; residenceId: string; version: number; endedOn: string };
export type PersonUpdateContactInput = { clientMutationId?: string | null; personId: string; version: number; phone?: string | null };

export type ResidenceStartPayload = { residence: ResidenceRow | null; endedResidence: ResidenceRow | null; userErrors: UserError[]; clientMutationId: string | null; replayed: boolean };
export type ResidenceEndPayload = {
  residence: ResidenceRow | null;
  /** Whom it moved out (the resolver primes the person loader with it: see PeopleWriter.personOfOwnWrite). */
  person: PersonRow | null;
  userErrors: UserError[]; clientMutationId: string | null; replayed: boolean };
export type PersonUpdateContactPayload = { person: PersonRow | null; userErrors: UserError[]; clientMutationId: string | null; replayed: boolean };

/** Earliest date a residence may start or end on. */
const EARLIEST = '1900-01-01';

/** Today in China Standard Time (the Date scalar's zone), YYYY-MM-DD. */
export function todayInChina(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A date of moving in or out: not before 1900, not after today. */
function checkDay(errors: UserError[], path: string[], day: string): void {
  if (day < EARLIEST) errors.push(inputError(path, UserErrorCode.INVALID_INPUT, `${path.at(-1)} must be ${EARLIEST} or later, got ${day}`));
  else if (day > todayInChina()) errors.push(inputError(path, UserErrorCode.INVALID_INPUT, `${path.at(-1)} ${day} is in the future (today is ${todayInChina()} in China)`));
}

/** Where one lives: a room; collective housing (a dormitory) may be a whole building. */
function residenceLevels(kind: Relation): readonly AddressLevel[] {
  return kind === 'COLLECTIVE' ? ['BUILDING', 'ROOM'] : ['ROOM'];
}

/**
 * A mainland mobile number as the importer accepts it (spaces, dashes and a +86 prefix removed),
 * or null to clear; the value is never quoted back (it is personal data).
 */
function checkPhone(errors: UserError[], phone: string | null | undefined): string | null {
  if (!given(phone)) return null;
  const digits = phone.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
  if (digits === '') return null;
  if (!/^1[0-9]{10}$/.test(digits)) errors.push(inputError(['phone'], UserErrorCode.INVALID_INPUT, 'phone is not a mainland mobile number (11 digits starting with 1, optionally +86)'));
  return digits;
}

/** A residence id as the schema gives it (ID): a positive integer. */
function residenceIdOf(errors: UserError[], id: string): number | null {
  if (!/^[1-9][0-9]{0,17}$/.test(id)) {
    errors.push(inputError(['residenceId'], UserErrorCode.INVALID_INPUT, 'residenceId is a residence\'s id (a positive integer)'));
    return null;
  }
  return Number(id);
}

function checkVersion(errors: UserError[], version: number): void {
  if (!Number.isInteger(version) || version < 1) errors.push(inputError(['version'], UserErrorCode.INVALID_INPUT, `version must be a positive integer, got ${version}`));
}

const stale = (what: string, current: number, given: number) => inputError(['version'], UserErrorCode.STALE_VERSION,
  `${what} is at version ${current}, not ${given}: it changed since you read it; read it again`, { currentVersion: current });

export function createPeopleMutations(deps: MutationServices) {
  const { viewer } = deps;
  const writer = createPeopleWriter(viewer.communities);
  const inScope = (code: string) => viewer.communities === null || viewer.communities.includes(code.slice(0, 12));

  return {
    residenceStart(input: ResidenceStartInput): Promise<ResidenceStartPayload> {
      const key = input.clientMutationId ?? null;
      const refuse = (userErrors: UserError[]): ResidenceStartPayload => ({ residence: null, endedResidence: null, userErrors, clientMutationId: key, replayed: false });
      return runMutation(deps, {
        operation: 'residenceStart',
        clientMutationId: key,
        input: withoutKey(input),
        refuse,
        remember: (p: ResidenceStartPayload) => ({ residenceId: p.residence?.id ?? null, endedId: p.endedResidence?.id ?? null }),
        replay: async (stored: { residenceId: number | null; endedId: number | null }, trx) => ({
          residence: stored.residenceId === null ? null : await writer.findResidence(trx, Number(stored.residenceId)),
          endedResidence: stored.endedId === null ? null : await writer.findResidence(trx, Number(stored.endedId)),
          userErrors: [], clientMutationId: key, replayed: true,
        }),
        body: async (trx): Promise<MutationOutcome<ResidenceStartPayload>> => {
          const errors: UserError[] = [];
          checkRecordId(errors, ['personId'], input.personId);
          const levels = residenceLevels(input.kind);
          const level = levelOf(input.roomCode);
          if (!level || !levels.includes(level)) {
            errors.push(inputError(['roomCode'], UserErrorCode.INVALID_INPUT, input.kind === 'COLLECTIVE'
              ? `collective housing is a building (19 characters) or a room (25), not a ${level?.toLowerCase() ?? 'code of this length'}`
              : `a ${input.kind} residence is a room (25 characters), not a ${level?.toLowerCase() ?? 'code of this length'}`));
          }
          checkDay(errors, ['startedOn'], input.startedOn);
          if (errors.length) return { payload: refuse(errors), wrote: false };
          if (!inScope(input.roomCode)) {
            return { payload: refuse([inputError(['roomCode'], UserErrorCode.OUT_OF_SCOPE, `${input.roomCode} lies outside the communities you may write in (${viewer.communities!.join(', ')})`)]), wrote: false };
          }
          const person = await writer.lockPerson(trx, input.personId, true);
          if (!person) return { payload: refuse([inputError(['personId'], UserErrorCode.NOT_FOUND, `No person has id ${input.personId}`)]), wrote: false };
          if (input.startedOn < person.birthDate) {
            return { payload: refuse([inputError(['startedOn'], UserErrorCode.INVALID_INPUT, 'startedOn is before the person was born')]), wrote: false };
          }
          const current = await writer.lockCurrentResidences(trx, person.id);
          const here = current.find((r) => r.addressCode === input.roomCode);
          if (here) {
            return { payload: refuse([inputError(['roomCode'], UserErrorCode.ALREADY_EXISTS,
              `person ${person.id} already lives at ${input.roomCode} (residence ${here.id}, ${here.relation}); end it first to record another stay`)]), wrote: false };
          }
          const previous = current.find((r) => r.relation === input.kind) ?? null;
          if (previous && !inScope(previous.addressCode)) {
            return { payload: refuse([inputError(['personId'], UserErrorCode.OUT_OF_SCOPE,
              `person ${person.id}'s current ${input.kind} residence lies outside the communities you may write in: it is ended there, not here`)]), wrote: false };
          }
          const ended = previous ? await writer.endResidence(trx, Number(previous.id), previous.version, input.startedOn) : null;
          if (previous && !ended) throw new Error(`residence ${previous.id} changed while locked`);
          const residence = await writer.insertResidence(trx, { personId: person.id, addressCode: input.roomCode, relation: input.kind, since: input.startedOn });
          return {
            payload: { residence, endedResidence: ended, userErrors: [], clientMutationId: key, replayed: false },
            wrote: true,
            audit: { addressCodes: [residence.addressCode, ...(ended ? [ended.addressCode] : [])], personIds: [person.id] },
          };
        },
      });
    },

    residenceEnd(input: ResidenceEndInput): Promise<ResidenceEndPayload> {
      const key = input.clientMutationId ?? null;
      const refuse = (userErrors: UserError[]): ResidenceEndPayload => ({ residence: null, person: null, userErrors, clientMutationId: key, replayed: false });
      return runMutation(deps, {
        operation: 'residenceEnd',
        clientMutationId: key,
        input: withoutKey(input),
        refuse,
        remember: (p: ResidenceEndPayload) => ({ residenceId: p.residence?.id ?? null }),
        replay: async (stored: { residenceId: number | null }, trx) => {
          const residence = stored.residenceId === null ? null : await writer.residenceOfOwnWrite(trx, Number(stored.residenceId));
          const person = residence ? await writer.personOfOwnWrite(trx, residence.personId) : null;
          return { residence, person, userErrors: [], clientMutationId: key, replayed: true };
        },
        body: async (trx): Promise<MutationOutcome<ResidenceEndPayload>> => {
          const errors: UserError[] = [];
          const id = residenceIdOf(errors, input.residenceId);
          checkVersion(errors, input.version);
          checkDay(errors, ['endedOn'], input.endedOn);
          if (errors.length || id === null) return { payload: refuse(errors), wrote: false };
          const row = await writer.lockResidence(trx, id);
          if (!row) return { payload: refuse([inputError(['residenceId'], UserErrorCode.NOT_FOUND, `No residence has id ${input.residenceId}`)]), wrote: false };
          if (row.version !== input.version) return { payload: refuse([stale(`residence ${row.id}`, row.version, input.version)]), wrote: false };
          if (row.until !== null) {
            return { payload: refuse([inputError(['residenceId'], UserErrorCode.INVALID_TRANSITION, `residence ${row.id} has already ended (on ${row.until}): only a current residence ends`)]), wrote: false };
          }
          if (input.endedOn < row.since) {
            return { payload: refuse([inputError(['endedOn'], UserErrorCode.INVALID_INPUT, `endedOn ${input.endedOn} is before the residence began (${row.since})`)]), wrote: false };
          }
          const ended = await writer.endResidence(trx, id, input.version, input.endedOn);
          if (!ended) throw new Error(`residence ${row.id} changed while locked`);
          const person = await writer.personOfOwnWrite(trx, ended.personId);
          return {
            payload: { residence: ended, person, userErrors: [], clientMutationId: key, replayed: false },
            wrote: true,
            audit: { addressCodes: [ended.addressCode], personIds: [ended.personId] },
          };
        },
      });
    },

    personUpdateContact(input: PersonUpdateContactInput): Promise<PersonUpdateContactPayload> {
      const key = input.clientMutationId ?? null;
      const refuse = (userErrors: UserError[]): PersonUpdateContactPayload => ({ person: null, userErrors, clientMutationId: key, replayed: false });
      return runMutation(deps, {
        operation: 'personUpdateContact',
        clientMutationId: key,
        input: withoutKey(input),
        refuse,
        remember: (p: PersonUpdateContactPayload) => ({ personId: p.person?.id ?? null }),
        replay: async (stored: { personId: string | null }, trx) => ({
          person: stored.personId === null ? null : await writer.findPerson(trx, stored.personId),
          userErrors: [], clientMutationId: key, replayed: true,
        }),
        body: async (trx): Promise<MutationOutcome<PersonUpdateContactPayload>> => {
          const errors: UserError[] = [];
          checkRecordId(errors, ['personId'], input.personId);
          checkVersion(errors, input.version);
          const phone = checkPhone(errors, input.phone);
          if (errors.length) return { payload: refuse(errors), wrote: false };
          const row = await writer.lockPerson(trx, input.personId);
          if (!row) return { payload: refuse([inputError(['personId'], UserErrorCode.NOT_FOUND, `No person has id ${input.personId}`)]), wrote: false };
          if (row.version !== input.version) return { payload: refuse([stale(`person ${row.id}`, row.version, input.version)]), wrote: false };
          const updated = await writer.updateContact(trx, row.id, input.version, { phone });
          if (!updated) throw new Error(`person ${row.id} changed while locked`);
          return { payload: { person: updated, userErrors: [], clientMutationId: key, replayed: false }, wrote: true, audit: { addressCodes: [], personIds: [row.id] } };
        },
      });
    },
  };
}

export type PeopleMutations = ReturnType<typeof createPeopleMutations>;

