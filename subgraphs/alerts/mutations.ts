/**
 * The alerts subgraph's writes: acknowledge and close, each through lib/mutations.ts runMutation
 * (one transaction, idempotency by clientMutationId, audit record committed before the write).
 * Workflow: OPEN -> ACKNOWLEDGED -> CLOSED, and OPEN -> CLOSED. The monitor's own writes (raise,
 * refresh, auto-close) are in monitor/run.ts.
 */
import type { Db } from '../../lib/db.ts';
import {
  inputError, runMutation, stateMachine, transitionError, UserErrorCode,
  type MutationServices, type UserError,
} from '../../lib/mutations.ts';
import { createAlertWriter, type AlertRow, type AlertStatus } from './repository.ts';

export const ALERT_WORKFLOW = stateMachine<AlertStatus, 'ACKNOWLEDGE' | 'CLOSE'>({
  ACKNOWLEDGE: { from: ['OPEN'], to: 'ACKNOWLEDGED' },
  CLOSE: { from: ['OPEN', 'ACKNOWLEDGED'], to: 'CLOSED' },
});

export type AlertTransitionInput = { clientMutationId?: string | null; id: string; version: number };
export type AlertChangePayload = { alert: AlertRow | null; userErrors: UserError[]; clientMutationId: string | null; replayed: boolean };

export function createAlertMutations(deps: MutationServices) {
  const writer = createAlertWriter(deps.viewer.communities);
  const actor = deps.viewer.subject ?? 'anonymous';

  const step = (operation: 'alertAcknowledge' | 'alertClose', action: 'ACKNOWLEDGE' | 'CLOSE', verb: string) => (input: AlertTransitionInput) => {
    const key = input.clientMutationId ?? null;
    const refuse = (userErrors: UserError[]): AlertChangePayload => ({ alert: null, userErrors, clientMutationId: key, replayed: false });
    const { clientMutationId: _, ...rest } = input;
    return runMutation(deps, {
      operation,
      clientMutationId: key,
      input: rest,
      refuse,
      remember: (p: AlertChangePayload) => ({ alertId: p.alert?.id ?? null }),
      replay: async (stored: { alertId: string | null }, trx: Db): Promise<AlertChangePayload> =>
        ({ alert: stored.alertId ? await writer.findAlert(trx, stored.alertId) : null, userErrors: [], clientMutationId: key, replayed: true }),
      body: async (trx) => {
        if (!Number.isInteger(input.version) || input.version < 1) {
          return { payload: refuse([inputError(['version'], UserErrorCode.INVALID_INPUT, `version must be a positive integer, got ${input.version}`)]), wrote: false };
        }
        const row = await writer.lockAlert(trx, input.id);
        if (!row) return { payload: refuse([inputError(['id'], UserErrorCode.NOT_FOUND, `No alert has id ${input.id}`)]), wrote: false };
        if (row.version !== input.version) {
          return { payload: refuse([inputError(['version'], UserErrorCode.STALE_VERSION,
            `alert ${row.id} is at version ${row.version}, not ${input.version}: it changed since you read it; read it again`, { currentVersion: row.version })]), wrote: false };
        }
        const check = ALERT_WORKFLOW.check(action, row.status, undefined);
        if (!check.ok) return { payload: refuse([transitionError(check, verb, 'an alert')]), wrote: false };
        const updated = await writer.changeStatus(trx, row.id, row.version, check.to as 'ACKNOWLEDGED' | 'CLOSED', actor);
        if (!updated) throw new Error(`alert ${row.id} changed while locked`);
        return { payload: { alert: updated, userErrors: [], clientMutationId: key, replayed: false }, wrote: true, audit: { addressCodes: [row.addressCode] } };
      },
    });
  };

  return {
    acknowledge: step('alertAcknowledge', 'ACKNOWLEDGE', 'acknowledge'),
    close: step('alertClose', 'CLOSE', 'close'),
  };
}
export type AlertMutations = ReturnType<typeof createAlertMutations>;
