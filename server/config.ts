import { z } from 'zod';

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((value) => ['1', 'true', 'yes', 'on'].includes(value));

const environmentSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    PLEIN_DATA_DIR: z.string().min(1).default('./data'),
    PLEIN_DEMO: flag.optional(),
    PLEIN_ADMIN_EMAIL: z.email().optional(),
    PLEIN_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
    PLEIN_LANGUAGE: z.enum(['nl', 'en']).default('nl'),
    PLEIN_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    PLEIN_SECURE_COOKIES: flag.optional(),
    PLEIN_TRUST_PROXY: flag.optional(),
    PLEIN_ROUTING_AFTER_MINUTES: z.coerce.number().int().min(1).max(10_080).default(30),
    PLEIN_SCIM_GROUP_ROLES: z.string().optional(),
    PLEIN_SCIM_TEST_TOKEN_ROUTE: flag.optional(),
    NODE_ENV: z.string().optional(),
  })
  .refine((env) => Boolean(env.PLEIN_ADMIN_EMAIL) === Boolean(env.PLEIN_ADMIN_PASSWORD), {
    message: 'PLEIN_ADMIN_EMAIL and PLEIN_ADMIN_PASSWORD must be set together',
    path: ['PLEIN_ADMIN_PASSWORD'],
  })
  // The conformance suite's token route hands out a SCIM token to anyone who asks: only in a test run, no demo.
  .refine(
    (env) =>
      !env.PLEIN_SCIM_TEST_TOKEN_ROUTE ||
      (env.NODE_ENV === 'test' && (env.PLEIN_DEMO ?? !env.DATABASE_URL) === false),
    {
      message: 'is test-only: it needs NODE_ENV=test and demo mode off (PLEIN_DEMO=0)',
      path: ['PLEIN_SCIM_TEST_TOKEN_ROUTE'],
    },
  );

const SCIM_GROUP_ROLES = z.record(z.string().trim().min(1), z.enum(['leader', 'community_manager', 'admin']));

export type Config = {
  port: number;
  host: string;
  database: { kind: 'server'; url: string } | { kind: 'embedded'; dataDir: string };
  /** Seed the demo organisation into an empty database. */
  demo: boolean;
  admin: { email: string; password: string } | null;
  language: 'nl' | 'en';
  logLevel: string;
  secureCookies: boolean;
  /** Believe X-Forwarded-For (only behind a load balancer that sets it), so throttling sees real addresses. */
  trustProxy: boolean;
  /** Business minutes a question waits without an answer before it is routed to likely experts. */
  routingAfterMinutes: number;
  scim: {
    /** Provider groups that grant a role instead of being a community, by lower-case displayName. */
    groupRoles: Record<string, ScimGroupRole>;
    /** Serve GET /scim/v2/Token (a fresh SCIM token to anyone): Microsoft's conformance collection only. */
    testTokenRoute: boolean;
  };
};

export type ScimGroupRole = 'leader' | 'community_manager' | 'admin';

export class ConfigError extends Error {}

/** Reads every setting from the environment once; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(emptyAsUnset(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  ${issue.path.join('.') || 'environment'}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { kind: 'server', url: e.DATABASE_URL }
      : { kind: 'embedded', dataDir: e.PLEIN_DATA_DIR },
    // The demo organisation is the default only on the embedded database, never on a server.
    demo: e.PLEIN_DEMO ?? !e.DATABASE_URL,
    admin: e.PLEIN_ADMIN_EMAIL ? { email: e.PLEIN_ADMIN_EMAIL, password: e.PLEIN_ADMIN_PASSWORD! } : null,
    language: e.PLEIN_LANGUAGE,
    logLevel: e.PLEIN_LOG_LEVEL,
    secureCookies: e.PLEIN_SECURE_COOKIES ?? false,
    trustProxy: e.PLEIN_TRUST_PROXY ?? false,
    routingAfterMinutes: e.PLEIN_ROUTING_AFTER_MINUTES,
    scim: {
      groupRoles: parseGroupRoles(e.PLEIN_SCIM_GROUP_ROLES),
      testTokenRoute: e.PLEIN_SCIM_TEST_TOKEN_ROUTE ?? false,
    },
  };
}

/** PLEIN_SCIM_GROUP_ROLES: a JSON object of group displayName → role, e.g. {"Plein admins": "admin"}. */
function parseGroupRoles(json: string | undefined): Record<string, ScimGroupRole> {
  if (!json) return {};
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new ConfigError('Invalid configuration:\n  PLEIN_SCIM_GROUP_ROLES: is not JSON');
  }
  const parsed = SCIM_GROUP_ROLES.safeParse(value);
  if (!parsed.success) {
    throw new ConfigError(
      'Invalid configuration:\n  PLEIN_SCIM_GROUP_ROLES: must map group names to "leader", "community_manager" or "admin"',
    );
  }
  return Object.fromEntries(Object.entries(parsed.data).map(([name, role]) => [name.toLowerCase(), role]));
}

function emptyAsUnset(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
}
