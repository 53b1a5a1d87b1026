/**
 * Gateway → subgraph request signatures. The gateway signs each subgraph request's query,
 * variables and the verified identity with HMAC-SHA256 and sends the identity and signature in the
 * request's `extensions`; a subgraph recomputes the signature and refuses anything else, so it
 * cannot be called around the gateway and nobody can hand it an identity of their choosing.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import stringify from 'safe-stable-stringify';

export const IDENTITY_EXTENSION = 'identity';
export const SIGNATURE_EXTENSION = 'hmac-signature';
export const REQUEST_EXTENSION = 'request';

/** What the audit log needs to know about the client's request, signed with the identity. */
export type RequestMeta = { operationName: string | null; operationHash: string | null; clientName: string | null; purpose: string | null; requestId: string | null };

export type SignedParts = { query: string; variables: Record<string, unknown> | null | undefined; identity: unknown; request?: RequestMeta | null };

function canonical(parts: SignedParts): string {
  const variables = parts.variables && Object.keys(parts.variables).length > 0 ? parts.variables : null;
  return stringify({ query: parts.query, variables, identity: parts.identity ?? null, request: parts.request ?? null }) ?? '';
}

/** Base64 HMAC-SHA256 of the request's canonical form. */
export function signUpstream(secret: string, parts: SignedParts): string {
  return createHmac('sha256', secret).update(canonical(parts)).digest('base64');
}

/** True when `signature` is the gateway's signature of these parts. */
export function verifyUpstream(secret: string, parts: SignedParts, signature: unknown): boolean {
  if (typeof signature !== 'string' || signature.length === 0) return false;
  const expected = Buffer.from(signUpstream(secret, parts), 'base64');
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
