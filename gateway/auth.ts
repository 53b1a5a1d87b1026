/**
 * Identity at the gateway: every request's bearer token is verified (ES256/RS256 against the
 * configured keys), and every subgraph request carries the verified claims, signed together
 * with its query and variables (lib/auth/upstream.ts) so subgraphs accept nothing else.
 */
import { readFileSync } from 'node:fs';
import type { DefinitionNode, OperationDefinitionNode } from 'graphql';
import { defaultPrintFn } from '@graphql-tools/executor-common';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { useGenericAuth } from '@envelop/generic-auth';
import { createInlineSigningKeyProvider, createRemoteJwksSigningKeyProvider, extractFromHeader, useJWT } from '@graphql-mesh/plugin-jwt-auth';
import { env } from '../lib/config.ts';
import { devPublicKeyPem } from '../lib/auth/dev-keys.ts';
import { ANONYMOUS, viewerFromClaims, type Viewer } from '../lib/auth/scopes.ts';
import { hashOperation } from '../audit/writer.ts';
import { IDENTITY_EXTENSION, REQUEST_EXTENSION, SIGNATURE_EXTENSION, signUpstream, type RequestMeta } from '../lib/auth/upstream.ts';

export type GatewayAuthOptions = {
  /** HMAC secret shared with the subgraphs. */
  upstreamSecret: string;
  /** PEM public key or JWKS URL to verify tokens with; defaults from config (dev key outside production). */
  publicKeyPem?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /** Whether requests without a token are served (as anonymous). */
  allowAnonymous?: boolean;
};

/** Resolves verification settings from config: JWKS URL, else a PEM file, else (dev only) the dev key. */
export async function authOptionsFromConfig(upstreamSecret: string): Promise<GatewayAuthOptions> {
  const e = env();
  const base = { upstreamSecret, issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE, allowAnonymous: e.ALLOW_ANONYMOUS };
  if (e.JWT_JWKS_URL) return { ...base, jwksUrl: e.JWT_JWKS_URL };
  if (e.JWT_PUBLIC_KEY_FILE) return { ...base, publicKeyPem: readFileSync(e.JWT_PUBLIC_KEY_FILE, 'utf8') };
  if (e.NODE_ENV === 'production') throw new Error('production needs JWT_JWKS_URL or JWT_PUBLIC_KEY_FILE to verify tokens');
  return { ...base, publicKeyPem: await devPublicKeyPem() };
}

type GatewayRequestContext = {
  jwt?: { payload?: unknown };
  request?: { headers: { get(name: string): string | null } };
  params?: { operationName?: string | null; query?: string | null; extensions?: Record<string, unknown> | null };
};

/**
 * The client's operation as the audit log records it: name, hash of the text, client name
 * (`graphql-client-name` or `apollographql-client-name` header), the declared purpose (the
 * request's `extensions.purpose`, else a percent-encoded `x-purpose` header, since HTTP headers
 * cannot carry Chinese text as is) and request id (`x-request-id`).
 */
function requestMeta(context: GatewayRequestContext | undefined): RequestMeta {
  const header = (name: string) => context?.request?.headers.get(name) ?? null;
  const query = context?.params?.query ?? null;
  return {
    operationName: context?.params?.operationName ?? (query ? /^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(query)?.[1] ?? null : null),
    operationHash: query ? hashOperation(query) : null,
    clientName: header('graphql-client-name') ?? header('apollographql-client-name'),
    purpose: purposeOf(context?.params?.extensions?.purpose, header('x-purpose')),
    requestId: header('x-request-id'),
  };
}

function purposeOf(fromBody: unknown, fromHeader: string | null): string | null {
  if (typeof fromBody === 'string' && fromBody.trim()) return fromBody.trim();
  if (!fromHeader) return null;
  try {
    return decodeURIComponent(fromHeader);
  } catch {
    return fromHeader;
  }
}

/** Signs every subgraph request: query, variables and the verified claims (null when anonymous). */
function useSignedUpstream(secret: string): GatewayPlugin {
  return {
    onSubgraphExecute({ executionRequest, setExecutionRequest }) {
      const context = executionRequest.context as GatewayRequestContext | undefined;
      const identity = context?.jwt?.payload ?? null;
      const request = requestMeta(context);
      const signature = signUpstream(secret, { query: defaultPrintFn(executionRequest.document), variables: executionRequest.variables, identity, request });
      setExecutionRequest({
        ...executionRequest,
        extensions: { ...executionRequest.extensions, [IDENTITY_EXTENSION]: identity, [REQUEST_EXTENSION]: request, [SIGNATURE_EXTENSION]: signature },
      });
    },
  };
}

/**
 * When every field a request asked for was refused, the authorization step leaves an empty
 * document, which the query planner cannot parse (a 500). Answer such a request directly: the
 * refusals the authorization step recorded are added to this empty result as usual.
 */
function useNothingLeftToRun(): GatewayPlugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const operation = args.document.definitions.find((d: DefinitionNode) => d.kind === 'OperationDefinition') as OperationDefinitionNode | undefined;
      if (!operation || operation.selectionSet.selections.length === 0) setResultAndStopExecution({ data: {} });
    },
  };
}

export function authPlugins(options: GatewayAuthOptions): GatewayPlugin[] {
  const provider = options.jwksUrl
    ? createRemoteJwksSigningKeyProvider({ jwksUri: options.jwksUrl })
    : createInlineSigningKeyProvider(options.publicKeyPem!);
  return [
    useJWT({
      signingKeyProviders: [provider],
      tokenLookupLocations: [extractFromHeader({ name: 'authorization', prefix: 'Bearer' })],
      tokenVerification: { algorithms: ['ES256', 'RS256'], issuer: options.issuer, audience: options.audience },
      reject: { missingToken: options.allowAnonymous === false, invalidToken: true },
    }) as GatewayPlugin,
    // @requiresScopes in the supergraph (declared in each subgraph's SDL): a field the viewer's
    // scopes do not cover is refused before any subgraph is called; the subgraphs check again
    useGenericAuth<Viewer>({
      mode: 'protect-granular',
      rejectUnauthenticated: false,
      resolveUserFn: (context) => {
        const payload = (context as { jwt?: { payload?: unknown } }).jwt?.payload;
        return payload ? viewerFromClaims(payload) : ANONYMOUS;
      },
      extractScopes: (viewer) => [...viewer.scopes],
    }) as GatewayPlugin,
    useNothingLeftToRun(),
    useSignedUpstream(options.upstreamSecret),
  ];
}
