/**
 * `npm run token -- [--sub NAME] [--scope S]... [--role R]... [--community CODE]... [--expires 8h]`
 *
 * Prints a development token signed with the dev key (DEV_JWT_KEY_FILE), for trying the graph
 * with any mix of scopes, roles and community limits:
 *   curl -H "authorization: Bearer $(npm run -s token -- --scope people:read --community 440304004028)" ...
 * Refused in production, where tokens come from the identity provider.
 * Exit codes: 0 printed, 1 refused, 2 bad arguments.
 */
import { parseArgs } from 'node:util';
import { signDevToken, spanSeconds, tokenLifetimeSeconds } from '../lib/auth/dev-keys.ts';
import { ROLES, SCOPES, type Role, type Scope } from '../lib/auth/scopes.ts';
import { env } from '../lib/config.ts';

const USAGE = `usage: npm run token -- [--sub NAME] [--scope S]... [--role R]... [--community CODE]... [--expires 8h]
  --sub NAME        subject (default dev-user)
  --scope S         a scope, repeatable: ${SCOPES.join(', ')}
  --role R          a role, repeatable: ${Object.keys(ROLES).join(', ')}
  --community CODE  confine to a 12-digit community code, repeatable
  --expires SPAN    lifetime such as 30m, 8h, 1d (default 8h; at most MAX_TOKEN_LIFETIME_SECONDS, ${env().MAX_TOKEN_LIFETIME_SECONDS} s)
`;

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      sub: { type: 'string', default: 'dev-user' },
      scope: { type: 'string', multiple: true, default: [] },
      role: { type: 'string', multiple: true, default: [] },
      community: { type: 'string', multiple: true, default: [] },
      expires: { type: 'string', default: '8h' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }));
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`, 2);
}
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (env().NODE_ENV === 'production') fail('npm run token signs with the development key, which production refuses; get a token from the identity provider', 1);
try {
  // the gateway refuses tokens that live longer than its cap: say so, and sign for the cap
  if (spanSeconds(values.expires) > tokenLifetimeSeconds(values.expires)) {
    process.stderr.write(`--expires ${values.expires} is longer than MAX_TOKEN_LIFETIME_SECONDS (${env().MAX_TOKEN_LIFETIME_SECONDS} s), which the gateway accepts at most: the token expires after ${env().MAX_TOKEN_LIFETIME_SECONDS} s\n`);
  }
  const token = await signDevToken({
    subject: values.sub,
    scopes: values.scope as Scope[],
    roles: values.role as Role[],
    communities: values.community,
    expiresIn: values.expires,
  });
  process.stdout.write(`${token}\n`);
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`, 2);
}
