/**
 * Identity at the gateway: every request's bearer token is verified (ES256/RS256 against the
 * configured keys), and every subgraph request carries the verified claims, signed together
 * with its query and variables (lib/auth/upstream.ts) so subgraphs accept nothing else.
 */
import { readFileSync } from 'node:fs';
import { defaultPrintFn } from '@graphql-tools/executor-common';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { createInlineSigningKeyProvider, createRemoteJwksSigningKeyProvider, extractFromHeader, useJWT } from '@graphql-mesh/plugin-jwt-auth';
import { env } from '../lib/config.ts';
import { devPublicKeyPem } from '../lib/auth/dev-keys.ts';
import { IDENTITY_EXTENSION, SIGNATURE_EXTENSION, signUpstream } from '../lib/auth/upstream.ts';

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

/** Signs every subgraph request: query, variables and the verified claims (null when anonymous). */
function useSignedUpstream(secret: string): GatewayPlugin {
  return {
    onSubgraphExecute({ executionRequest, setExecutionRequest }) {
      const identity = (executionRequest.context as { jwt?: { payload?: unknown } } | undefined)?.jwt?.payload ?? null;
      const signature = signUpstream(secret, { query: defaultPrintFn(executionRequest.document), variables: executionRequest.variables, identity });
      setExecutionRequest({
        ...executionRequest,
        extensions: { ...executionRequest.extensions, [IDENTITY_EXTENSION]: identity, [SIGNATURE_EXTENSION]: signature },
      });
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
    useSignedUpstream(options.upstreamSecret),
  ];
}
