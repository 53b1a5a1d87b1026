/**
 * Small HTTP helpers the REST and OData routes share: the request as a fetch Request's headers,
 * the public base URL for absolute links, problem responses.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { env } from '../lib/config.ts';
import { logger } from '../lib/logger.ts';
import { BridgeError, type Problem } from './problem.ts';

/** The request's headers as a fetch Headers object. */
export function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/** The base URL links are made from: PUBLIC_BASE_URL, else this request's Host (http). */
export function publicBase(req: IncomingMessage): string {
  const configured = env().PUBLIC_BASE_URL;
  if (configured) return configured.replace(/\/+$/, '');
  return `http://${req.headers.host ?? 'localhost'}`;
}

/** The raw query string of a request URL (after `?`), undecoded. */
export function rawQuery(url: string | undefined): string {
  const at = (url ?? '').indexOf('?');
  return at < 0 ? '' : (url ?? '').slice(at + 1);
}

/**
 * Query parameters from the raw query string. A literal `+` is read as a space (form encoding, as
 * some clients send `$filter=kind+eq+'X'`) except where it starts a time offset (`+08:00`), which
 * clients such as Power Query send unencoded: URLSearchParams would turn it into a space and
 * break the instant.
 */
export function queryParameters(url: string | undefined): URLSearchParams {
  const params = new URLSearchParams();
  for (const part of rawQuery(url).split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    params.append(decode(name), decode(value));
  }
  return params;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+(?!\d{2}(?::|%3A)\d{2})/gi, ' '));
  } catch {
    throw new BridgeError({ status: 400, code: 'BAD_USER_INPUT', detail: `The query string has a malformed percent-encoding: "${text}"` });
  }
}

/** Answers with a problem document (RFC 9457). */
export function sendProblem(res: ServerResponse, problem: Problem, instance?: string): void {
  const headers: Record<string, string> = { 'content-type': 'application/problem+json; charset=utf-8' };
  if (problem.status === 401) headers['www-authenticate'] = 'Bearer realm="address-graph", Basic realm="address-graph", charset="UTF-8"';
  if (problem.retryAfter !== undefined) headers['retry-after'] = String(problem.retryAfter);
  res.writeHead(problem.status, headers);
  res.end(JSON.stringify({ ...problem, ...(instance ? { instance } : {}) }));
}

/** A BridgeError as its problem; anything else as a 500 problem (logged, no internals shown). */
export function problemOf(error: unknown): Problem {
  if (error instanceof BridgeError) return error.problem;
  logger.error({ err: error, component: 'bridge' }, 'bridge request failed');
  return new BridgeError({ status: 500, code: 'INTERNAL_SERVER_ERROR', detail: 'An unexpected failure; it has been logged' }).problem;
}
