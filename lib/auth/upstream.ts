/**
 * Gateway → subgraph request signatures. The gateway signs each subgraph request's query,
 * variables, the verified identity, the subgraph it is for and the time it was made (with the
 * client request's deadline) with HMAC-SHA256, and sends them in the request's `extensions`; a
 * subgraph recomputes the signature and refuses anything else, so it cannot be called around the
 * gateway, nobody can hand it an identity of their choosing, and a captured request cannot be
 * replayed to another subgraph, after the signature's short window, or once the token inside it
 * has expired.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import stringify from 'safe-stable-stringify';

export const IDENTITY_EXTENSION = 'identity';
export const SIGNATURE_EXTENSION = 'hmac-signature';
export const REQUEST_EXTENSION = 'request';
export const CALL_EXTENSION = 'call';
/**
 * The extension of a subgraph's answer to a call signed `audit: 'gateway'`: what the answer
 * revealed (`{ personIds, addressCodes }`), for the gateway to write each subscriber's record with.
 */
export const REVEALED_EXTENSION = 'revealed';

/** What the audit log needs to know about the client's request, signed with the identity. */
export type RequestMeta = {
  operationName: string | null; operationHash: string | null; clientName: string | null; purpose: string | null; requestId: string | null;
  /** The client's `Idempotency-Key` header, for mutations without a clientMutationId (lib/mutations.ts). */
  idempotencyKey?: string | null;
};

/**
 * Which subgraph a signature is for and when it was made (epoch ms), and when the client's whole
 * request must be answered by (epoch ms; null: no deadline), so the subgraph can stop its work then.
 * `audit: 'gateway'`: a shared subscription's call (gateway/subscription-hub.ts); the subgraph
 * returns what its answer revealed instead of writing a record, and the gateway writes one per
 * subscriber. Only the gateway can sign it; it is never taken from a token.
 */
export type UpstreamCall = { subgraph: string; issuedAt: number; deadline: number | null; audit?: 'gateway' };

export type SignedParts = {
  query: string;
  variables: Record<string, unknown> | null | undefined;
  identity: unknown;
  request?: RequestMeta | null;
  call: UpstreamCall;
};

function canonical(parts: SignedParts): string {
  const variables = parts.variables && Object.keys(parts.variables).length > 0 ? parts.variables : null;
  const call = { subgraph: parts.call.subgraph, issuedAt: parts.call.issuedAt, deadline: parts.call.deadline ?? null, ...(parts.call.audit ? { audit: parts.call.audit } : {}) };
  return stringify({ query: parts.query, variables, identity: parts.identity ?? null, request: parts.request ?? null, call }) ?? '';
}

/** Base64 HMAC-SHA256 of the request's canonical form. */
export function signUpstream(secret: string, parts: SignedParts): string {
  return createHmac('sha256', secret).update(canonical(parts)).digest('base64');
}

/** True when `signature` is the gateway's signature of these parts (their time and target are checked by checkUpstreamRequest). */
export function verifyUpstream(secret: string, parts: SignedParts, signature: unknown): boolean {
  if (typeof signature !== 'string' || signature.length === 0) return false;
  const expected = Buffer.from(signUpstream(secret, parts), 'base64');
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The extensions of a signed subgraph request, as the gateway sends them. */
export function signedExtensions(secret: string, parts: SignedParts): Record<string, unknown> {
  return {
    [IDENTITY_EXTENSION]: parts.identity ?? null,
    [REQUEST_EXTENSION]: parts.request ?? null,
    [CALL_EXTENSION]: parts.call,
    [SIGNATURE_EXTENSION]: signUpstream(secret, parts),
  };
}

export type UpstreamRefusal = 'GATEWAY_SIGNATURE_REQUIRED' | 'GATEWAY_SIGNATURE_EXPIRED' | 'TOKEN_EXPIRED' | 'TOKEN_EXPIRY_REQUIRED';

export type UpstreamCheck =
  | { ok: true; identity: unknown; request: RequestMeta | null; call: UpstreamCall }
  | { ok: false; code: UpstreamRefusal; message: string };

export type UpstreamExpectation = {
  /** The subgraph checking: a signature made for another one is refused. */
  subgraph: string;
  /** Oldest signature accepted, ms. */
  maxAgeMs: number;
  /** Clock difference between the gateway's host and this one that is tolerated, ms. */
  clockSkewMs: number;
  now?: number;
};

const isCall = (v: unknown): v is UpstreamCall => {
  const c = v as UpstreamCall | null;
  return typeof c === 'object' && c !== null && typeof c.subgraph === 'string' && Number.isFinite(c.issuedAt) &&
    (c.deadline === null || Number.isFinite(c.deadline)) && (c.audit === undefined || c.audit === 'gateway');
};

/**
 * Checks a request body as a subgraph receives it: signed by the gateway, for this subgraph,
 * recently (within `maxAgeMs`, not from the future beyond the skew), and carrying an identity
 * whose token has an `exp` that has not passed. Answers what to run as, or why not.
 */
export function checkUpstreamRequest(secret: string, body: unknown, expect: UpstreamExpectation): UpstreamCheck {
  const now = expect.now ?? Date.now();
  const b = (body ?? {}) as { query?: unknown; variables?: Record<string, unknown> | null; extensions?: Record<string, unknown> };
  const identity = b.extensions?.[IDENTITY_EXTENSION] ?? null;
  const request = (b.extensions?.[REQUEST_EXTENSION] ?? null) as RequestMeta | null;
  const call = b.extensions?.[CALL_EXTENSION];
  const refuse = (code: UpstreamRefusal, message: string): UpstreamCheck => ({ ok: false, code, message });
  if (typeof b.query !== 'string' || !isCall(call) || !verifyUpstream(secret, { query: b.query, variables: b.variables, identity, request, call }, b.extensions?.[SIGNATURE_EXTENSION])) {
    return refuse('GATEWAY_SIGNATURE_REQUIRED', `the ${expect.subgraph} subgraph only answers requests signed by the gateway`);
  }
  if (call.subgraph !== expect.subgraph) {
    return refuse('GATEWAY_SIGNATURE_REQUIRED', `this request was signed for the ${call.subgraph} subgraph, not the ${expect.subgraph} subgraph`);
  }
  if (now - call.issuedAt > expect.maxAgeMs + expect.clockSkewMs || call.issuedAt - now > expect.clockSkewMs) {
    return refuse('GATEWAY_SIGNATURE_EXPIRED', `the gateway's signature is from ${new Date(call.issuedAt).toISOString()}; signatures are accepted for ${expect.maxAgeMs / 1000} s`);
  }
  if (identity !== null) {
    const exp = (identity as { exp?: unknown }).exp;
    if (typeof exp !== 'number' || !Number.isFinite(exp)) return refuse('TOKEN_EXPIRY_REQUIRED', 'the identity carries no expiry (exp)');
    if (exp * 1000 + expect.clockSkewMs <= now) return refuse('TOKEN_EXPIRED', `the identity's token expired at ${new Date(exp * 1000).toISOString()}`);
  }
  return { ok: true, identity, request, call };
}

/** Milliseconds left until `deadline` (never below 0), or null when there is none. */
export function remainingMs(deadline: number | null, now = Date.now()): number | null {
  return deadline === null ? null : Math.max(0, deadline - now);
}
