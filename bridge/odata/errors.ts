/**
 * OData errors: `{"error":{"code","message","target"}}` (OData JSON format, section 21) with the
 * HTTP status of the BridgeError behind it. A 401 challenges for Basic, so Power BI offers its
 * Basic credentials dialog (an API key as the password).
 */
import type { ServerResponse } from 'node:http';
import { ERROR_CODES } from '../../lib/error-codes.ts';
import { BridgeError, type Problem } from '../problem.ts';

/** 400: the request is wrong; `target` names the query option or property. */
export function badRequest(message: string, target?: string): BridgeError {
  return new BridgeError({ status: 400, code: ERROR_CODES.BAD_USER_INPUT, detail: message, ...(target ? { parameter: target } : {}) });
}

/** 501: valid OData that this service does not serve; the message says what and what is served instead. */
export function notImplemented(message: string, target?: string): BridgeError {
  return new BridgeError({ status: 501, code: ERROR_CODES.NOT_IMPLEMENTED, detail: message, ...(target ? { parameter: target } : {}) });
}

/** The OData error body of a problem. */
export function odataErrorBody(problem: Problem): { error: { code: string; message: string; target?: string } } {
  const target = problem.parameter ?? problem.subgraph;
  return { error: { code: problem.code, message: problem.detail, ...(target ? { target } : {}) } };
}

/** Answers with an OData error. */
export function sendODataError(res: ServerResponse, problem: Problem): void {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'odata-version': '4.0' };
  if (problem.status === 401) headers['www-authenticate'] = 'Basic realm="address-graph"';
  if (problem.retryAfter !== undefined) headers['retry-after'] = String(problem.retryAfter);
  res.writeHead(problem.status, headers);
  res.end(JSON.stringify(odataErrorBody(problem)));
}
