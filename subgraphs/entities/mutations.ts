/**
 * The entities subgraph's writes (issue 11): registering a legal entity, changing its status and
 * moving its business address. Validation, the status workflow and scoping here, each write in
 * one transaction through lib/mutations.ts runMutation (idempotency, audit before commit); every
 * SQL statement is in repository.ts.
 *
 * Status workflow (GB market-subject registration): ACTIVE (存续) -> REVOKED (吊销, the licence
 * revoked) or CANCELLED (注销, deregistered); REVOKED -> CANCELLED (deregistered after the
 * revocation) or back to ACTIVE (the revocation set aside on review); CANCELLED is final.
 *
 * Addresses are a code or a free text (standardized on the way in, address/placement.ts) at
 * building or room level: where a business operates is a building or a room. A confined worker
 * registers and moves entities only to addresses in their communities, and finds an entity only
 * when one of its addresses lies there.
 */
import { BUILDING_OR_ROOM, outOfScope as scopeRefusal, placeAddress, type AddressInput, type ReportedAddress } from '../../address/placement.ts';
import type { LoadedStandardizer } from '../../address/standardizer.ts';
import { checkCreditCode } from '../../lib/check-digits.ts';
import type { Db } from '../../lib/db.ts';
import {
  checkText, given, inputError, runMutation, stateMachine, transitionError, UserErrorCode, withoutKey,
  type MutationOutcome, type MutationServices, type UserError,
} from '../../lib/mutations.ts';
import { createEntitiesWriter, type LegalEntityKind, type LegalEntityRow, type LegalEntityStatus } from './repository.ts';

/** Longest name and industry accepted. */
export const MAX_NAME = 200;
/** Longest note accepted. */
export const MAX_NOTE = 2000;
/** Earliest registration date accepted. */
const EARLIEST = '1900-01-01';

/** The status workflow; a step is named by the status it leads to. */
export const ENTITY_STATUS_WORKFLOW = stateMachine<LegalEntityStatus, LegalEntityStatus>({
  ACTIVE: { from: ['REVOKED'], to: 'ACTIVE' },
  REVOKED: { from: ['ACTIVE'], to: 'REVOKED' },
  CANCELLED: { from: ['ACTIVE', 'REVOKED'], to: 'CANCELLED' },
});

export type RegisterInput = {
  clientMutationId?: string | null; creditCode: string; name: string; kind: LegalEntityKind; industry: string;
  businessAddress: AddressInput; registeredAddress?: AddressInput | null; registeredOn: string;
};
export type UpdateStatusInput = { clientMutationId?: string | null; creditCode: string; version: number; status: LegalEntityStatus; note?: string | null };
export type MoveInput = { clientMutationId?: string | null; creditCode: string; version: number; address: AddressInput };

export type RegisterPayload = {
  legalEntity: LegalEntityRow | null; businessAddress: ReportedAddress | null; registeredAddress: ReportedAddress | null;
  userErrors: UserError[]; clientMutationId: string | null; replayed: boolean;
};
export type ChangePayload = { legalEntity: LegalEntityRow | null; address: ReportedAddress | null; userErrors: UserError[]; clientMutationId: string | null; replayed: boolean };

export type EntityMutationsDeps = MutationServices & {
  /** The address standardizer (over the buildings registry); null when this process has none. */
  standardizer: (() => Promise<LoadedStandardizer>) | null;
};

/** Today in China Standard Time (the Date scalar's zone), YYYY-MM-DD. */
const todayInChina = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export function createEntityMutations(deps: EntityMutationsDeps) {
  const { viewer } = deps;
  const writer = createEntitiesWriter(viewer.communities);
  const actor = viewer.subject ?? 'anonymous';
  // scope is checked after the rest (register) and after the entity is found (move), so not in placeAddress
  const outOfScope = (path: string[], code: string) => scopeRefusal(path, code, viewer.communities, 'write');
  const auditOf = (e: LegalEntityRow, also: readonly (string | null)[] = []) => ({
    addressCodes: [...new Set([e.businessAddressCode, e.registeredAddressCode, ...also].filter((c): c is string => c !== null))],
    personIds: e.legalRepPersonId === null ? [] : [e.legalRepPersonId],
  });

  /** The entity locked for a change at the version the client saw, or the refusal. */
  async function lockAt(trx: Db, input: { creditCode: string; version: number }, errors: UserError[]): Promise<LegalEntityRow | UserError[]> {
    const check = checkCreditCode(input.creditCode);
    if (!check.ok) errors.push(inputError(['creditCode'], UserErrorCode.INVALID_INPUT, check.message));
    if (!Number.isInteger(input.version) || input.version < 1) errors.push(inputError(['version'], UserErrorCode.INVALID_INPUT, `version must be a positive integer, got ${input.version}`));
    if (errors.length || !check.ok) return errors;
    const row = await writer.lockEntity(trx, check.value);
    if (!row) return [inputError(['creditCode'], UserErrorCode.NOT_FOUND, `No legal entity has credit code ${check.value}`)];
    if (row.version !== input.version) {
      return [inputError(['version'], UserErrorCode.STALE_VERSION,
        `legal entity ${row.creditCode} is at version ${row.version}, not ${input.version}: it changed since you read it; read it again`, { currentVersion: row.version })];
    }
    return row;
  }

  const changeSpec = (key: string | null) => ({
    refuse: (userErrors: UserError[], address: ReportedAddress | null = null): ChangePayload => ({ legalEntity: null, address, userErrors, clientMutationId: key, replayed: false }),
    remember: (p: ChangePayload) => ({ creditCode: p.legalEntity?.creditCode ?? null, address: p.address }),
    replay: async (stored: { creditCode: string | null; address: ReportedAddress | null }, trx: Db): Promise<ChangePayload> => ({
      legalEntity: stored.creditCode === null ? null : await writer.findEntity(trx, stored.creditCode),
      address: stored.address, userErrors: [], clientMutationId: key, replayed: true,
    }),
  });

  return {
    register(input: RegisterInput): Promise<RegisterPayload> {
      const key = input.clientMutationId ?? null;
      const refuse = (userErrors: UserError[], businessAddress: ReportedAddress | null = null, registeredAddress: ReportedAddress | null = null): RegisterPayload =>
        ({ legalEntity: null, businessAddress, registeredAddress, userErrors, clientMutationId: key, replayed: false });
      return runMutation(deps, {
        operation: 'legalEntityRegister',
        clientMutationId: key,
        input: withoutKey(input),
        refuse,
        remember: (p: RegisterPayload) => ({ creditCode: p.legalEntity?.creditCode ?? null, businessAddress: p.businessAddress, registeredAddress: p.registeredAddress }),
        replay: async (stored: { creditCode: string | null; businessAddress: ReportedAddress | null; registeredAddress: ReportedAddress | null }, trx) => ({
          legalEntity: stored.creditCode === null ? null : await writer.findEntity(trx, stored.creditCode),
          businessAddress: stored.businessAddress, registeredAddress: stored.registeredAddress, userErrors: [], clientMutationId: key, replayed: true,
        }),
        body: async (trx): Promise<MutationOutcome<RegisterPayload>> => {
          const errors: UserError[] = [];
          const code = checkCreditCode(input.creditCode);
          if (!code.ok) errors.push(inputError(['creditCode'], UserErrorCode.INVALID_INPUT, code.message));
          const name = checkText(errors, ['name'], input.name, MAX_NAME, true);
          const industry = checkText(errors, ['industry'], input.industry, MAX_NAME, true);
          if (input.registeredOn < EARLIEST || input.registeredOn > todayInChina()) {
            errors.push(inputError(['registeredOn'], UserErrorCode.INVALID_INPUT, `registeredOn must lie between ${EARLIEST} and today (${todayInChina()} in China), got ${input.registeredOn}`));
          }
          const business = await placeAddress(input.businessAddress, { path: ['businessAddress'], levels: BUILDING_OR_ROOM, what: 'a business address', standardizer: deps.standardizer });
          const registered = given(input.registeredAddress?.code) || given(input.registeredAddress?.text)
            ? await placeAddress(input.registeredAddress!, { path: ['registeredAddress'], levels: BUILDING_OR_ROOM, what: 'a registered address', standardizer: deps.standardizer })
            : null;
          if (!business.ok) errors.push(...business.errors);
          if (registered && !registered.ok) errors.push(...registered.errors);
          const placedRegistered = registered?.address ?? null;
          if (errors.length || !code.ok || !business.ok || (registered && !registered.ok) || name === null || industry === null) {
            return { payload: refuse(errors, business.address, placedRegistered), wrote: false };
          }
          const businessCode = business.address.code;
          const registeredCode = registered?.ok ? registered.address.code : businessCode;
          const scopeErrors = [outOfScope(['businessAddress'], businessCode), registered === null ? null : outOfScope(['registeredAddress'], registeredCode)]
            .filter((e): e is UserError => e !== null);
          if (scopeErrors.length) return { payload: refuse(scopeErrors, business.address, placedRegistered), wrote: false };
          const row = await writer.insertEntity(trx, {
            creditCode: code.value, name, kind: input.kind, industry, registeredOn: input.registeredOn,
            registeredAddressCode: registeredCode, businessAddressCode: businessCode,
          });
          // credit codes are public register data (国家企业信用信息公示系统): saying one is taken tells nothing private
          if (!row) return { payload: refuse([inputError(['creditCode'], UserErrorCode.ALREADY_EXISTS, `a legal entity with credit code ${code.value} is registered already`)], business.address, placedRegistered), wrote: false };
          return {
            payload: { legalEntity: row, businessAddress: business.address, registeredAddress: placedRegistered, userErrors: [], clientMutationId: key, replayed: false },
            wrote: true,
            audit: auditOf(row),
          };
        },
      });
    },

    updateStatus(input: UpdateStatusInput): Promise<ChangePayload> {
      const key = input.clientMutationId ?? null;
      const spec = changeSpec(key);
      return runMutation(deps, {
        operation: 'legalEntityUpdateStatus',
        clientMutationId: key,
        input: withoutKey(input),
        ...spec,
        body: async (trx): Promise<MutationOutcome<ChangePayload>> => {
          const errors: UserError[] = [];
          const note = checkText(errors, ['note'], input.note, MAX_NOTE, false);
          const row = await lockAt(trx, input, errors);
          if (Array.isArray(row)) return { payload: spec.refuse(row), wrote: false };
          const check = ENTITY_STATUS_WORKFLOW.check(input.status, row.status, undefined);
          if (!check.ok) return { payload: spec.refuse([transitionError(check, `set to ${input.status}`, 'a legal entity', ['status'])]), wrote: false };
          const updated = await writer.changeEntity(trx, row.creditCode, input.version, { status: check.to });
          if (!updated) throw new Error(`legal entity ${row.creditCode} changed while locked`);
          return {
            payload: { legalEntity: updated, address: null, userErrors: [], clientMutationId: key, replayed: false },
            wrote: true,
            audit: auditOf(updated),
            afterAudit: (t, auditId) => writer.addStatusChange(t, {
              creditCode: row.creditCode, actor, fromStatus: row.status, toStatus: check.to, note, version: updated.version, requestId: deps.request?.requestId ?? null, auditId,
            }),
          };
        },
      });
    },

    moveBusinessAddress(input: MoveInput): Promise<ChangePayload> {
      const key = input.clientMutationId ?? null;
      const spec = changeSpec(key);
      return runMutation(deps, {
        operation: 'legalEntityMoveBusinessAddress',
        clientMutationId: key,
        input: withoutKey(input),
        ...spec,
        body: async (trx): Promise<MutationOutcome<ChangePayload>> => {
          const placed = await placeAddress(input.address, { levels: BUILDING_OR_ROOM, what: 'a business address', standardizer: deps.standardizer });
          const row = await lockAt(trx, input, placed.ok ? [] : [...placed.errors]);
          if (Array.isArray(row)) return { payload: spec.refuse(row, placed.address), wrote: false };
          if (!placed.ok) return { payload: spec.refuse(placed.errors, placed.address), wrote: false };
          if (row.status === 'CANCELLED') {
            return { payload: spec.refuse([inputError(['creditCode'], UserErrorCode.INVALID_TRANSITION, `legal entity ${row.creditCode} is CANCELLED (deregistered): it no longer operates anywhere`)], placed.address), wrote: false };
          }
          const to = placed.address.code;
          const away = outOfScope(['address'], to);
          if (away) return { payload: spec.refuse([away], placed.address), wrote: false };
          if (to === row.businessAddressCode) {
            return { payload: spec.refuse([inputError(['address'], UserErrorCode.INVALID_INPUT, `legal entity ${row.creditCode} already operates at ${to}`)], placed.address), wrote: false };
          }
          const updated = await writer.changeEntity(trx, row.creditCode, input.version, { businessAddressCode: to });
          if (!updated) throw new Error(`legal entity ${row.creditCode} changed while locked`);
          return {
            payload: { legalEntity: updated, address: placed.address, userErrors: [], clientMutationId: key, replayed: false },
            wrote: true,
            audit: auditOf(updated, [row.businessAddressCode]),
          };
        },
      });
    },
  };
}

export type EntityMutations = ReturnType<typeof createEntityMutations>;
