/**
 * Who is asking: the identity the gateway verified (a JWT's claims) as the subgraphs see it.
 * Scopes name what may be read; `communities` (12-digit community codes) confines a grid worker
 * to their own communities.
 */
import { z } from 'zod';

export const SCOPES = [
  'address:read', 'people:read', 'people:pii', 'people:write', 'entities:read', 'entities:write', 'events:read', 'events:write', 'cases:read', 'cases:write', 'audit:read',
  'steward:read', 'steward:write', 'alerts:read', 'alerts:write',
] as const;
export type Scope = (typeof SCOPES)[number];

/** Demo roles and the scopes each grants; a token may also carry scopes directly. */
export const ROLES = {
  /**
   * 网格员: people and events of their communities, no full identity numbers. Keeps 一标三实 (the
   * standard address and the actual population, housing and units) current: moves people in and
   * out, registers and updates the legal entities operating there; acknowledges and closes the
   * early-warning alerts of their communities.
   */
  'grid-worker': ['address:read', 'people:read', 'people:write', 'entities:read', 'entities:write', 'events:read', 'events:write', 'alerts:read', 'alerts:write'],
  /** 调解员: cases and the people in them, with identity numbers; opens and handles cases. */
  'case-officer': ['address:read', 'people:read', 'people:pii', 'cases:read', 'cases:write', 'events:read'],
  /** BI analyst: aggregates and non-personal data. */
  analyst: ['address:read', 'entities:read', 'events:read', 'cases:read'],
  /** Reads the audit log and nothing personal. */
  auditor: ['address:read', 'audit:read'],
  /** Data steward: the data-quality report (steward:read) and the quarantine workflow (steward:write); quarantined rows stay masked without people:pii. */
  steward: ['address:read', 'steward:read', 'steward:write'],
  /**
   * The early-warning monitor's service identity (monitor/): reads what the rules need through the
   * gateway (counts, ids, room facts; no identity numbers) and the alerts it raised.
   */
  monitor: ['address:read', 'people:read', 'entities:read', 'events:read', 'cases:read', 'alerts:read'],
  admin: [...SCOPES],
} as const satisfies Record<string, readonly Scope[]>;
export type Role = keyof typeof ROLES;

export type Viewer = {
  /** The token's `sub`; null for anonymous requests. */
  subject: string | null;
  roles: readonly string[];
  scopes: ReadonlySet<Scope>;
  /** Community codes the viewer is confined to; null means no confinement. */
  communities: readonly string[] | null;
};

export const ANONYMOUS: Viewer = Object.freeze({ subject: null, roles: [], scopes: new Set<Scope>(), communities: null });

/** Every scope, no confinement: in-process tools and tests that bypass the gateway. */
export const SYSTEM: Viewer = Object.freeze({ subject: 'system', roles: ['admin'], scopes: new Set<Scope>(SCOPES), communities: null });

const scopeList = z.union([z.string().transform((s) => s.split(/\s+/).filter(Boolean)), z.array(z.string())], 'must be a space-separated string or a list of scopes');
const Claims = z.object({
  sub: z.string().min(1, 'must not be empty'),
  /** OAuth style: a space-separated string; an array is accepted too. */
  scope: scopeList.optional(),
  scopes: scopeList.optional(),
  roles: z.array(z.string(), 'must be a list of role names').optional(),
  communities: z.array(z.string().regex(/^[0-9]{12}$/, 'a community code has 12 digits'), 'must be a list of 12-digit community codes').optional(),
});

export type ClaimsCheck = { ok: true; viewer: Viewer } | { ok: false; claim: string; message: string };

/**
 * The viewer a verified token's claims describe, or which claim is malformed. Unknown scopes and
 * roles are ignored (a token may carry other services' scopes); `sub` is required and not empty.
 */
export function checkClaims(claims: unknown): ClaimsCheck {
  const parsed = Claims.safeParse(claims);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const claim = String(issue.path[0] ?? 'claims');
    const where = issue.path.length > 1 ? `${issue.path.join('.')}: ` : '';
    return { ok: false, claim, message: `the token's "${claim}" claim is invalid: ${where}${(claims as Record<string, unknown> | null)?.[claim] === undefined ? 'required' : issue.message}` };
  }
  const c = parsed.data;
  const scopes = new Set<Scope>();
  for (const s of [...(c.scope ?? []), ...(c.scopes ?? [])]) if ((SCOPES as readonly string[]).includes(s)) scopes.add(s as Scope);
  for (const r of c.roles ?? []) for (const s of (ROLES as Record<string, readonly Scope[]>)[r] ?? []) scopes.add(s);
  return { ok: true, viewer: { subject: c.sub, roles: c.roles ?? [], scopes, communities: c.communities ? [...new Set(c.communities)].sort() : null } };
}

/** The viewer a verified token's claims describe; a malformed claim throws, naming it (checkClaims answers instead). */
export function viewerFromClaims(claims: unknown): Viewer {
  const checked = checkClaims(claims);
  if (!checked.ok) throw new Error(checked.message);
  return checked.viewer;
}

/**
 * What a subscription event's result can depend on besides the document and variables: the
 * viewer's roles, scopes and communities (scoping, masking and field authorization read nothing
 * else; the subject goes only into the audit record, which each subscriber writes for itself).
 */
export function viewerClass(viewer: Viewer): string {
  return JSON.stringify([[...viewer.roles].sort(), [...viewer.scopes].sort(), viewer.communities]);
}
