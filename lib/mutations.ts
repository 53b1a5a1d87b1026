/**
 * What every subgraph's mutations share (issue 11): user errors as data, a state-machine helper,
 * and `runMutation`, which gives a mutation one transaction, idempotency by `clientMutationId`,
 * and its audit record committed before the write is (fail closed).
 *
 * Business outcomes a client can act on are `userErrors { field message code }` in the payload
 * (the top-level `errors` array stays for faults). `field` is the path of the input value at
 * fault, from the argument: `["input", "severity"]`.
 */
import { createHash } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import type { AuditWriter } from '../audit/writer.ts';
import type { Viewer } from './auth/scopes.ts';
import type { RequestMeta } from './auth/upstream.ts';
import type { SubgraphName } from './config.ts';
import type { Db } from './db.ts';
import { createIdempotencyStore } from './idempotency.ts';

/** The codes a mutation's userErrors carry; the schemas declare the same values as `UserErrorCode`. */
export const UserErrorCode = {
  /** A value is malformed, missing or out of range; `field` names it. */
  INVALID_INPUT: 'INVALID_INPUT',
  /** No such object, or it lies outside the viewer's communities: the two are not told apart. */
  NOT_FOUND: 'NOT_FOUND',
  /** The address lies outside the communities the viewer is confined to. */
  OUT_OF_SCOPE: 'OUT_OF_SCOPE',
  /** The object changed since the client read it: `currentVersion` says what it is now. */
  STALE_VERSION: 'STALE_VERSION',
  /** The workflow does not allow this step from the current status; the message names from and to. */
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  /** The `clientMutationId` was used before by this subject for another operation or input. */
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  /** A free-text address could not be placed as finely as the mutation needs (a community or finer for events and cases, a building or room for entities). */
  ADDRESS_NOT_PRECISE: 'ADDRESS_NOT_PRECISE',
  /** What the mutation would create exists already (a registered credit code, a current residence at that address). */
  ALREADY_EXISTS: 'ALREADY_EXISTS',
} as const;
export type UserErrorCode = (typeof UserErrorCode)[keyof typeof UserErrorCode];

export type UserError = { field: string[]; message: string; code: UserErrorCode; currentVersion?: number | null };

/** A user error on the value at `input.<path>`. */
export function inputError(path: readonly string[], code: UserErrorCode, message: string, extra: Partial<UserError> = {}): UserError {
  return { field: ['input', ...path], message, code, ...extra };
}

/** What a mutation's payload always carries. */
export type MutationPayload = { userErrors: UserError[] };

// ---- state machines

/** Steps of a workflow: each names the statuses it may start from and where it leads. */
export type Transitions<S extends string, A extends string, T = unknown> = Record<A, { from: readonly S[]; to: S | ((from: S, subject: T) => S) }>;

export type TransitionCheck<S extends string> = { ok: true; to: S } | { ok: false; from: S; to: S; allowedFrom: readonly S[] };

/**
 * A workflow as data: `check(action, from)` says where the step leads, or that it is refused
 * (with from, to and the statuses it is allowed from, for the user error's message).
 */
export function stateMachine<S extends string, A extends string, T = unknown>(transitions: Transitions<S, A, T>) {
  return {
    transitions,
    /** Where `action` leads from `from` for `subject` (a step's target may depend on it), or why not. */
    check(action: A, from: S, subject: T): TransitionCheck<S> {
      const step = transitions[action];
      const to = typeof step.to === 'function' ? step.to(from, subject) : step.to;
      return step.from.includes(from) ? { ok: true, to } : { ok: false, from, to, allowedFrom: step.from };
    },
  };
}

/** The user error of a refused step: names from and to, and the statuses the step is allowed from. */
export function transitionError<S extends string>(refused: Extract<TransitionCheck<S>, { ok: false }>, action: string, what: string, field: readonly string[] = ['id']): UserError {
  return inputError(field, UserErrorCode.INVALID_TRANSITION,
    `cannot ${action} ${what} in status ${refused.from}: ${refused.from} -> ${refused.to} is not allowed (only from ${refused.allowedFrom.join(' or ')})`);
}

// ---- one mutation: transaction, idempotency, audit

/** What runMutation needs of the request: who, over which database, and the audit writer. */
export type MutationServices = {
  subgraph: SubgraphName;
  /** The subgraph's own database; its schema holds `<schema>.idempotency`. */
  db: Db;
  viewer: Viewer;
  /** The gateway-signed request (operation name and hash, request id), for the audit record. */
  request: RequestMeta | null;
  audit?: AuditWriter;
};

/** What a mutation's body returns: the payload, and for a write what to audit and what to do with the audit record's id. */
export type MutationOutcome<P extends MutationPayload> =
  | { payload: P; wrote: false }
  | {
    payload: P;
    wrote: true;
    /** What the write touched, for the audit record: the address codes and person ids. */
    audit: { addressCodes: readonly string[]; personIds?: readonly string[] };
    /** Runs after the audit record is committed, in the same transaction (e.g. history rows naming it). */
    afterAudit?: (trx: Db, auditId: number | null) => Promise<void>;
  }
  | {
    /**
     * The write is still to do: runMutation commits the audit record first, then calls `write`
     * with its id, which writes everything in one statement (the row and its history) and
     * returns the payload. Without an idempotency key, a `direct` mutation's `write` runs as a
     * statement of its own (one round trip, one commit); with one, inside the transaction.
     */
    wrote: 'deferred';
    audit: { addressCodes: readonly string[]; personIds?: readonly string[] };
    write: (db: Db, auditId: number | null) => Promise<P>;
  };

/** How long a clientMutationId is remembered. */
export const IDEMPOTENCY_TTL_HOURS = 24;
/** Longest clientMutationId accepted. */
export const MAX_CLIENT_MUTATION_ID = 200;

/**
 * Runs one mutation in one transaction of the subgraph's database:
 * 1. with a `clientMutationId` (or an `Idempotency-Key` header), claims it for (subject, key) in `<schema>.idempotency`; a key
 *    already used with the same operation and input returns the first result (`replay` rebuilds
 *    the payload from what was stored), with another one a user error IDEMPOTENCY_KEY_REUSED. A
 *    concurrent retry waits on the first one's row lock and then replays it.
 * 2. runs `body`; when it wrote, appends the audit record (who, operation, request, the addresses
 *    and people touched) and waits for it to be committed before committing the write: no
 *    unaudited write is ever answered (AUDIT_UNAVAILABLE rolls it back);
 *    A deferred write (`wrote: 'deferred'`) runs after its audit record is committed, with its id;
 * 3. stores `remember(payload)` under the key, commits.
 * A refusal (userErrors, nothing written) is not remembered: a retry runs again.
 *
 * A `direct` mutation without a key skips the transaction: its body validates, its audit record
 * is committed, then its deferred write runs as one statement (one round trip and one commit on
 * the subgraph's database, where the transactional path takes BEGIN, the writes and COMMIT). If
 * that statement fails, the audit record remains: the trail then holds an attempt that wrote
 * nothing, never a write without a record.
 */
export async function runMutation<P extends MutationPayload, S>(
  services: MutationServices,
  spec: {
    operation: string;
    clientMutationId: string | null | undefined;
    /** The input as the client sent it (without clientMutationId), hashed to tell a retry from a reuse. */
    input: unknown;
    body: (trx: Db) => Promise<MutationOutcome<P>>;
    /** The JSON kept for a replay (ids, not objects: a replay shows objects as they are now). */
    remember: (payload: P) => S;
    /** Rebuilds the payload of a replay, reading through the mutation's transaction. */
    replay: (stored: S, trx: Db) => Promise<P>;
    /** An empty payload carrying user errors. */
    refuse: (errors: UserError[]) => P;
    /**
     * The body reads nothing it must lock and writes only through a deferred write: without an
     * idempotency key it runs outside any transaction (its write is one statement, atomic by
     * itself), which saves BEGIN and COMMIT round trips; with a key, in the key's transaction.
     */
    direct?: boolean;
  },
): Promise<P> {
  // the input's clientMutationId, else the request's Idempotency-Key header (signed by the gateway),
  // which names the request: with several mutations in one request, give each a clientMutationId
  const header = services.request?.idempotencyKey ?? null;
  const key = spec.clientMutationId ?? (header === null ? null : `${header}#${spec.operation}`);
  if (key !== null && (key.length === 0 || key.length > MAX_CLIENT_MUTATION_ID)) {
    return spec.refuse([inputError(['clientMutationId'], UserErrorCode.INVALID_INPUT, `clientMutationId must be 1 to ${MAX_CLIENT_MUTATION_ID} characters, got ${key.length}`)]);
  }
  const subject = services.viewer.subject ?? '';
  const store = createIdempotencyStore(services.subgraph);
  /** Appends the write's audit record and waits for its commit; throws AuditUnavailableError (the write does not happen). */
  const audited = async (touched: { addressCodes: readonly string[]; personIds?: readonly string[] }): Promise<number | null> => {
    if (!services.audit) return null;
    const meta = services.request;
    const appended = await services.audit.append({
      subject: services.viewer.subject,
      roles: services.viewer.roles,
      subgraph: services.subgraph,
      operationName: meta?.operationName ?? spec.operation,
      operationHash: meta?.operationHash ?? '',
      clientName: meta?.clientName ?? null,
      purpose: meta?.purpose ?? null,
      personIds: touched.personIds ?? [],
      addressCodes: touched.addressCodes,
      requestId: meta?.requestId ?? null,
    });
    return appended.id;
  };
  if (key === null && spec.direct) {
    return serialized(services.db, async () => {
      const outcome = await spec.body(services.db);
      if (outcome.wrote === false) return outcome.payload;
      if (outcome.wrote === true) throw new Error(`${spec.operation}: a direct mutation writes through a deferred write only`);
      // the audit record is committed before the write's statement runs: never an unaudited write
      return outcome.write(services.db, await audited(outcome.audit));
    });
  }
  return serialized(services.db, () => services.db.transaction(async (trx) => {
    if (key !== null) {
      // only a keyed request needs it (a retry must match the input it first came with)
      const inputHash = createHash('sha256').update(stringify({ operation: spec.operation, input: spec.input }) ?? '').digest('hex');
      const claim = await store.claim(trx, { subject, key, operation: spec.operation, inputHash, ttlHours: IDEMPOTENCY_TTL_HOURS });
      if (!claim.claimed) {
        if (claim.operation !== spec.operation || claim.inputHash !== inputHash) {
          return spec.refuse([inputError(['clientMutationId'], UserErrorCode.IDEMPOTENCY_KEY_REUSED,
            `clientMutationId ${JSON.stringify(key)} was already used for ${claim.operation === spec.operation ? 'a different input' : claim.operation}: use a new id for a new request`)]);
        }
        return spec.replay(claim.result as S, trx);
      }
    }
    const outcome = await spec.body(trx);
    if (outcome.wrote === false) {
      if (key !== null) await store.release(trx, subject, key);
      return outcome.payload;
    }
    // throws AuditUnavailableError when the record cannot be committed: the write rolls back
    const auditId = await audited(outcome.audit);
    let payload: P;
    if (outcome.wrote === 'deferred') {
      payload = await outcome.write(trx, auditId);
    } else {
      await outcome.afterAudit?.(trx, auditId);
      payload = outcome.payload;
    }
    if (key !== null) await store.remember(trx, subject, key, spec.remember(payload));
    return payload;
  }));
}

/** The tail of each embedded database's chain of mutations. */
const embeddedChains = new WeakMap<Db, Promise<unknown>>();

/**
 * On PostgreSQL, `run` as is: each transaction has a connection of its own and row locks order
 * concurrent writers. Embedded PGlite is one session shared by every knex of the process, so two
 * transactions at once would interleave their BEGIN and COMMIT on it: mutations on one embedded
 * database run one after another. (Reads still run between the statements of a mutation, on the
 * same session; they may see its rows before it commits, a dev-mode trade-off documented in the README.)
 */
export function serialized<T>(db: Db, run: () => Promise<T>): Promise<T> {
  if (db.client.config.client === 'pg') return run();
  const previous = embeddedChains.get(db) ?? Promise.resolve();
  const next = previous.catch(() => {}).then(run);
  embeddedChains.set(db, next.catch(() => {}));
  return next;
}

// ---- input checks shared by the subgraphs' mutations

/** True when an optional input value was given (GraphQL sends absent values as undefined or null). */
export const given = (v: string | null | undefined): v is string => v !== null && v !== undefined;

/** The input without its clientMutationId: what runMutation hashes to tell a retry from a reuse. */
export function withoutKey<T extends { clientMutationId?: string | null }>(input: T): Omit<T, 'clientMutationId'> {
  const { clientMutationId: _, ...rest } = input;
  return rest;
}

/**
 * A text value (`path` ends with its name), trimmed: refused when required and missing or empty,
 * or longer than `max` characters. Returns the trimmed text, or null when absent or empty.
 */
export function checkText(errors: UserError[], path: string[], value: string | null | undefined, max: number, required: boolean): string | null {
  if (!given(value)) {
    if (required) errors.push(inputError(path, UserErrorCode.INVALID_INPUT, `${path.at(-1)} is required`));
    return null;
  }
  const trimmed = value.trim();
  if (trimmed.length === 0 && required) errors.push(inputError(path, UserErrorCode.INVALID_INPUT, `${path.at(-1)} must not be empty`));
  else if (trimmed.length > max) errors.push(inputError(path, UserErrorCode.INVALID_INPUT, `${path.at(-1)} is ${trimmed.length} characters; at most ${max}`));
  return trimmed.length === 0 ? null : trimmed;
}

/** Longest id of another subgraph's record (a person, an event) a mutation accepts. */
export const MAX_RECORD_ID = 100;

/**
 * The id of a record another subgraph owns (a person's, an event's), given in the input at
 * `path`: 1 to MAX_RECORD_ID characters with no control characters or surrounding spaces. Its
 * existence is not checked: a subgraph reads no other subgraph's schema, and the owner answers
 * (with its own scoping) when the reference is read.
 */
export function checkRecordId(errors: UserError[], path: string[], id: string | null | undefined): void {
  if (!given(id)) return;
  const name = path.at(-1);
  if (id.length === 0 || id.length > MAX_RECORD_ID) errors.push(inputError(path, UserErrorCode.INVALID_INPUT, `${name} must be 1 to ${MAX_RECORD_ID} characters`));
  else if (/\p{Cc}/u.test(id) || id.trim() !== id) errors.push(inputError(path, UserErrorCode.INVALID_INPUT, `${name} must not contain control characters or surrounding spaces`));
}

/**
 * The first steps of a change to an existing record, shared by every subgraph's transitions:
 * a `version` that is a positive integer (else INVALID_INPUT; refused together with `errors`,
 * the other input checks), then the record locked in the viewer's scope (`lock`; else NOT_FOUND,
 * the same answer for an id elsewhere as for an unknown one, whatever the version), at the
 * version the client saw (else STALE_VERSION with the current one). `what` names the record in
 * messages ("event"). Returns the locked row, or the user errors to refuse with.
 */
export async function lockVersioned<R extends { id: string; version: number }>(
  errors: UserError[],
  input: { id: string; version: number },
  what: string,
  lock: () => Promise<R | null>,
): Promise<{ row: R; refusal: null } | { row: null; refusal: UserError[] }> {
  if (!Number.isInteger(input.version) || input.version < 1) errors.push(inputError(['version'], UserErrorCode.INVALID_INPUT, `version must be a positive integer, got ${input.version}`));
  if (errors.length) return { row: null, refusal: errors };
  const row = await lock();
  if (!row) return { row: null, refusal: [inputError(['id'], UserErrorCode.NOT_FOUND, `No ${what} has id ${input.id}`)] };
  if (row.version !== input.version) {
    return { row: null, refusal: [inputError(['version'], UserErrorCode.STALE_VERSION,
      `${what} ${row.id} is at version ${row.version}, not ${input.version}: it changed since you read it; read it again`, { currentVersion: row.version })] };
  }
  return { row, refusal: null };
}
