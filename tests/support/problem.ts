/**
 * The bridge's refusals in unit tests: the RFC 9457 problem a BridgeError carries.
 */
import { BridgeError, type Problem } from '../../bridge/problem.ts';

/** The problem `run` throws as a BridgeError; any other outcome fails the test. */
export function problemOf(run: () => unknown): Problem {
  try {
    run();
  } catch (error) {
    if (error instanceof BridgeError) return error.problem;
    throw error;
  }
  throw new Error('expected a BridgeError');
}
