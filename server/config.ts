import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((value) => ['1', 'true', 'yes', 'on'].includes(value));

/** A comma-separated list: "a, b,c" → ['a', 'b', 'c']. */
const list = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);

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
    PLEIN_INVITATION_DAYS: z.coerce.number().int().min(1).max(90).default(7),
    PLEIN_TEST_DISABLE_CSP: flag.optional(),
    NODE_ENV: z.string().optional(),
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    PLEIN_MAIL_FROM: z
      .string()
      .regex(
        /^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/,
        'must be an address, or "Name <address>"',
      )
      .default('Plein <plein@localhost>'),
    PLEIN_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    PLEIN_MAIL_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    PLEIN_MAIL_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
    PLEIN_SMTP_IN_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    PLEIN_MAIL_INBOUND_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    PLEIN_IMPORT_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1_000)
      .max(8 * 1024 ** 3)
      .default(2 * 1024 ** 3),
    PLEIN_MAIL_IN_MAX_BYTES: z.coerce.number().int().min(10_000).max(50_000_000).default(10_000_000),
    PLEIN_OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
    PLEIN_OIDC_CLIENT_ID: z.string().min(1).optional(),
    PLEIN_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    PLEIN_OIDC_SCOPES: z.string().default('openid email profile'),
    PLEIN_OIDC_ALLOWED_DOMAINS: list.optional(),
    PLEIN_OIDC_LABEL: z.string().trim().min(1).max(60).default('SSO'),
    PLEIN_OIDC_HIDE_PASSWORD_FORM: flag.optional(),
    PLEIN_OIDC_LINK_BY_EMAIL: flag.optional(),
    PLEIN_OIDC_CREATE_PEOPLE: flag.optional(),
    PLEIN_OIDC_REQUIRE_VERIFIED_EMAIL: flag.optional(),
    PLEIN_OIDC_GROUPS_CLAIM: z.string().min(1).default('groups'),
    PLEIN_OIDC_ADMIN_GROUPS: list.optional(),
    PLEIN_OIDC_COMMUNITY_MANAGER_GROUPS: list.optional(),
    PLEIN_OIDC_LEADER_GROUPS: list.optional(),
    PLEIN_SCIM_GROUP_ROLES: z.string().optional(),
    PLEIN_SCIM_TEST_TOKEN_ROUTE: flag.optional(),
    PLEIN_SAML_IDP_METADATA: z.string().min(1).optional(),
    PLEIN_SAML_IDP_SSO_URL: z.url({ protocol: /^https?$/ }).optional(),
    PLEIN_SAML_IDP_ENTITY_ID: z.string().min(1).optional(),
    PLEIN_SAML_IDP_CERT: z.string().min(1).optional(),
    PLEIN_SAML_SP_ENTITY_ID: z.string().min(1).optional(),
    PLEIN_SAML_LABEL: z.string().trim().min(1).max(60).default('SSO'),
    PLEIN_SAML_ALLOWED_DOMAINS: list.optional(),
    PLEIN_SAML_LINK_BY_EMAIL: flag.optional(),
    PLEIN_SAML_CREATE_PEOPLE: flag.optional(),
    PLEIN_SAML_ATTR_EMAIL: z.string().min(1).optional(),
    PLEIN_SAML_ATTR_NAME: z.string().min(1).optional(),
    PLEIN_SAML_ATTR_GIVEN_NAME: z.string().min(1).optional(),
    PLEIN_SAML_ATTR_FAMILY_NAME: z.string().min(1).optional(),
    PLEIN_SAML_ATTR_TITLE: z.string().min(1).optional(),
    PLEIN_SAML_ATTR_DEPARTMENT: z.string().min(1).optional(),
    PLEIN_SAML_ATTR_LOCALE: z.string().min(1).optional(),
    PLEIN_SAML_ATTR_GROUPS: z.string().min(1).optional(),
    PLEIN_STORAGE: z.enum(['folder', 's3']).default('folder'),
    PLEIN_FILES_DIR: z.string().min(1).optional(),
    PLEIN_S3_BUCKET: z.string().min(3).max(63).optional(),
    PLEIN_S3_REGION: z.string().min(1).default('us-east-1'),
    PLEIN_S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    PLEIN_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    PLEIN_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    PLEIN_S3_FORCE_PATH_STYLE: flag.optional(),
    PLEIN_SCAN_COMMAND: z.string().min(1).optional(),
    PLEIN_SCAN_URL: z.url({ protocol: /^https?$/ }).optional(),
    PLEIN_LINK_PREVIEWS: flag.optional(),
    PLEIN_LINK_PREVIEW_TEST_ADDRESSES: z.string().min(1).optional(),
  })
  .refine((env) => !env.SMTP_URL || Boolean(env.PLEIN_MAIL_SECRET), {
    message: 'must be set when SMTP_URL is set: it signs reply, bounce and unsubscribe addresses',
    path: ['PLEIN_MAIL_SECRET'],
  })
  .refine((env) => env.PLEIN_STORAGE !== 's3' || Boolean(env.PLEIN_S3_BUCKET), {
    message: 'PLEIN_S3_BUCKET is required when PLEIN_STORAGE is s3',
    path: ['PLEIN_S3_BUCKET'],
  })
  .refine((env) => !(env.PLEIN_SCAN_COMMAND && env.PLEIN_SCAN_URL), {
    message: 'set PLEIN_SCAN_COMMAND or PLEIN_SCAN_URL, not both',
    path: ['PLEIN_SCAN_URL'],
  })
  // Letting link previews reach a loopback address is for the test suite's own site only, never a real node.
  .refine((env) => !env.PLEIN_LINK_PREVIEW_TEST_ADDRESSES || env.NODE_ENV === 'test', {
    message: 'is only allowed when NODE_ENV is test',
    path: ['PLEIN_LINK_PREVIEW_TEST_ADDRESSES'],
  })
  .refine((env) => Boolean(env.PLEIN_ADMIN_EMAIL) === Boolean(env.PLEIN_ADMIN_PASSWORD), {
    message: 'PLEIN_ADMIN_EMAIL and PLEIN_ADMIN_PASSWORD must be set together',
    path: ['PLEIN_ADMIN_PASSWORD'],
  })
  // Only a test run or the demo may drop the page's CSP: the stored-XSS test must see the sanitiser alone.
  .refine(
    (env) => !env.PLEIN_TEST_DISABLE_CSP || env.NODE_ENV === 'test' || (env.PLEIN_DEMO ?? !env.DATABASE_URL),
    { message: 'is only for tests: set NODE_ENV=test or run the demo', path: ['PLEIN_TEST_DISABLE_CSP'] },
  )
  .refine((env) => Boolean(env.PLEIN_OIDC_ISSUER) === Boolean(env.PLEIN_OIDC_CLIENT_ID), {
    message: 'PLEIN_OIDC_ISSUER and PLEIN_OIDC_CLIENT_ID must be set together',
    path: ['PLEIN_OIDC_CLIENT_ID'],
  })
  .refine((env) => !env.PLEIN_OIDC_ISSUER || env.PLEIN_PUBLIC_URL, {
    message: 'single sign-on needs the address people reach Plein at, for the redirect URI',
    path: ['PLEIN_PUBLIC_URL'],
  })
  .refine((env) => !env.PLEIN_OIDC_ISSUER || isHttpsOrLoopback(env.PLEIN_OIDC_ISSUER), {
    message: 'must be https:// (plain http only on 127.0.0.1 or localhost, for testing)',
    path: ['PLEIN_OIDC_ISSUER'],
  })
  .refine((env) => !env.PLEIN_OIDC_ISSUER || /(^|\s)openid(\s|$)/.test(env.PLEIN_OIDC_SCOPES), {
    message: 'must include openid',
    path: ['PLEIN_OIDC_SCOPES'],
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
  )
  .refine(
    (env) =>
      env.PLEIN_SAML_IDP_METADATA ||
      [env.PLEIN_SAML_IDP_SSO_URL, env.PLEIN_SAML_IDP_ENTITY_ID, env.PLEIN_SAML_IDP_CERT].every(
        (value) => Boolean(value) === Boolean(env.PLEIN_SAML_IDP_SSO_URL),
      ),
    {
      message: 'set PLEIN_SAML_IDP_METADATA, or all of PLEIN_SAML_IDP_SSO_URL, _ENTITY_ID and _CERT',
      path: ['PLEIN_SAML_IDP_SSO_URL'],
    },
  )
  .refine((env) => !(env.PLEIN_SAML_IDP_METADATA || env.PLEIN_SAML_IDP_SSO_URL) || env.PLEIN_PUBLIC_URL, {
    message: 'SAML single sign-on needs the address people reach Plein at, for the assertion consumer URL',
    path: ['PLEIN_PUBLIC_URL'],
  });

const SCIM_GROUP_ROLES = z.record(z.string().trim().min(1), z.enum(['leader', 'community_manager', 'admin']));

/** SAML attribute names (or claim URIs) each person field is read from; null reads the usual names. */
export type SamlAttributes = Record<
  'email' | 'name' | 'givenName' | 'familyName' | 'title' | 'department' | 'locale' | 'groups',
  string | null
>;

/** SAML 2.0 single sign-on (modules/sso/saml.ts); null unless an IdP is configured. */
export type SamlConfig = {
  /** The IdP: its metadata XML (a file path or an http(s) URL), or its SSO URL, entity id and signing certificate. */
  idp: { metadata: string } | { ssoUrl: string; entityId: string; cert: string };
  /** Plein's entity id at the IdP; by default the metadata URL. */
  spEntityId: string;
  label: string;
  allowedDomains: string[];
  linkByEmail: boolean;
  createPeople: boolean;
  attributes: SamlAttributes;
  /** The same group → role mapping as OIDC (PLEIN_OIDC_*_GROUPS). */
  roleGroups: OidcConfig['roleGroups'];
};

/** OpenID Connect single sign-on (modules/sso/oidc.ts); null when PLEIN_OIDC_ISSUER is unset. */
export type OidcConfig = {
  issuer: string;
  clientId: string;
  /** Null for a public client, which proves itself with PKCE alone. */
  clientSecret: string | null;
  scopes: string;
  /** Lower-case email domains allowed to sign in; empty allows any. */
  allowedDomains: string[];
  /** Shown as "Sign in with <label>". */
  label: string;
  hidePasswordForm: boolean;
  /** A first sign-in may join the existing person with the same (verified) email. */
  linkByEmail: boolean;
  /** Just-in-time creation: a first sign-in without a matching person creates one from the claims. */
  createPeople: boolean;
  /** Refuse sign-ins whose email the provider does not mark `email_verified`. */
  requireVerifiedEmail: boolean;
  groupsClaim: string;
  /** Group names or ids in the groups claim that give a role when a person is created. */
  roleGroups: { admin: string[]; communityManager: string[]; leader: string[] };
};

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
  /** Days an invitation link works before the admin must resend it. */
  invitationDays: number;
  /** Serve pages without their Content-Security-Policy: only for the stored-XSS browser test. */
  disableCspForTests: boolean;
  /** Where uploaded files live: a folder (one node) or S3-compatible object storage (several nodes). */
  storage: StorageConfig;
  /** The virus-scan hook that holds an upload until it is scanned; off by default. */
  scan: ScanConfig;
  linkPreviews: {
    enabled: boolean;
    /** Loopback addresses the guard lets through: only ever set by the test suite (NODE_ENV=test). */
    testAddresses: string[];
  };
  mail: MailConfig;
  mailIn: MailInConfig;
  /** The largest export archive the admin upload page takes (bytes); larger ones go through npm run import. */
  importMaxBytes: number;
  /** Where people reach Plein (https://plein.example.org), without a trailing slash; null when unset. */
  publicUrl: string | null;
  oidc: OidcConfig | null;
  scim: {
    /** Provider groups that grant a role instead of being a community, by lower-case displayName. */
    groupRoles: Record<string, ScimGroupRole>;
    /** Serve GET /scim/v2/Token (a fresh SCIM token to anyone): Microsoft's conformance collection only. */
    testTokenRoute: boolean;
  };
  saml: SamlConfig | null;
};

export type ScimGroupRole = 'leader' | 'community_manager' | 'admin';

export type MailConfig = {
  /** null: no SMTP server; every mail is kept in the outbox an admin reads ("what would have been sent"). */
  smtpUrl: string | null;
  /** The From header, "Name <address>"; its domain also carries reply+ and bounce+ addresses. */
  from: string;
  domain: string;
  /** Where links in mail point, without a trailing slash. */
  publicUrl: string;
  /** Signs reply, bounce and unsubscribe tokens (HMAC-SHA256); random per process when unset (outbox only). */
  secret: string;
  /** How long a claimed send may take before another node may try it again. */
  leaseSeconds: number;
};

export type MailInConfig = {
  /** The SMTP listener's port (on HOST); null: no listener. */
  smtpPort: number | null;
  /** The shared secret a provider's webhook sends (X-Plein-Inbound-Secret); null: the webhook answers 404. */
  webhookSecret: string | null;
  /** Larger messages are refused (SMTP 552, HTTP 413). */
  maxBytes: number;
};

export type StorageConfig =
  | { kind: 'folder'; dir: string }
  | {
      kind: 's3';
      bucket: string;
      region: string;
      endpoint: string | null;
      credentials: { accessKeyId: string; secretAccessKey: string } | null;
      forcePathStyle: boolean;
    };

export type ScanConfig =
  | { kind: 'off' }
  | { kind: 'command'; command: string }
  | { kind: 'http'; url: string };

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
    invitationDays: e.PLEIN_INVITATION_DAYS,
    disableCspForTests: e.PLEIN_TEST_DISABLE_CSP ?? false,
    mail: {
      smtpUrl: e.SMTP_URL ?? null,
      from: e.PLEIN_MAIL_FROM,
      domain: e.PLEIN_MAIL_FROM.replace(/^.*</, '').replace(/>.*$/, '').split('@')[1]!.toLowerCase(),
      publicUrl: (e.PLEIN_PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
      secret: e.PLEIN_MAIL_SECRET ?? randomBytes(32).toString('hex'),
      leaseSeconds: e.PLEIN_MAIL_LEASE_SECONDS,
    },
    mailIn: {
      smtpPort: e.PLEIN_SMTP_IN_PORT ?? null,
      webhookSecret: e.PLEIN_MAIL_INBOUND_SECRET ?? null,
      maxBytes: e.PLEIN_MAIL_IN_MAX_BYTES,
    },
    importMaxBytes: e.PLEIN_IMPORT_MAX_BYTES,
    publicUrl: e.PLEIN_PUBLIC_URL ? e.PLEIN_PUBLIC_URL.replace(/\/+$/, '') : null,
    oidc: e.PLEIN_OIDC_ISSUER
      ? {
          issuer: e.PLEIN_OIDC_ISSUER,
          clientId: e.PLEIN_OIDC_CLIENT_ID!,
          clientSecret: e.PLEIN_OIDC_CLIENT_SECRET ?? null,
          scopes: e.PLEIN_OIDC_SCOPES.trim().split(/\s+/).join(' '),
          allowedDomains: (e.PLEIN_OIDC_ALLOWED_DOMAINS ?? []).map((domain) => domain.toLowerCase()),
          label: e.PLEIN_OIDC_LABEL,
          hidePasswordForm: e.PLEIN_OIDC_HIDE_PASSWORD_FORM ?? false,
          linkByEmail: e.PLEIN_OIDC_LINK_BY_EMAIL ?? false,
          createPeople: e.PLEIN_OIDC_CREATE_PEOPLE ?? false,
          requireVerifiedEmail: e.PLEIN_OIDC_REQUIRE_VERIFIED_EMAIL ?? true,
          groupsClaim: e.PLEIN_OIDC_GROUPS_CLAIM,
          roleGroups: {
            admin: e.PLEIN_OIDC_ADMIN_GROUPS ?? [],
            communityManager: e.PLEIN_OIDC_COMMUNITY_MANAGER_GROUPS ?? [],
            leader: e.PLEIN_OIDC_LEADER_GROUPS ?? [],
          },
        }
      : null,
    scim: {
      groupRoles: parseGroupRoles(e.PLEIN_SCIM_GROUP_ROLES),
      testTokenRoute: e.PLEIN_SCIM_TEST_TOKEN_ROUTE ?? false,
    },
    saml: samlConfig(e),
    storage: storageOf(e),
    scan: e.PLEIN_SCAN_COMMAND
      ? { kind: 'command', command: e.PLEIN_SCAN_COMMAND }
      : e.PLEIN_SCAN_URL
        ? { kind: 'http', url: e.PLEIN_SCAN_URL }
        : { kind: 'off' },
    linkPreviews: {
      enabled: e.PLEIN_LINK_PREVIEWS ?? true,
      testAddresses: (e.PLEIN_LINK_PREVIEW_TEST_ADDRESSES ?? '')
        .split(',')
        .map((address) => address.trim())
        .filter(Boolean),
    },
  };
}

function storageOf(e: z.infer<typeof environmentSchema>): StorageConfig {
  if (e.PLEIN_STORAGE === 'folder') {
    return { kind: 'folder', dir: e.PLEIN_FILES_DIR ?? join(e.PLEIN_DATA_DIR, 'files') };
  }
  return {
    kind: 's3',
    bucket: e.PLEIN_S3_BUCKET!,
    region: e.PLEIN_S3_REGION,
    endpoint: e.PLEIN_S3_ENDPOINT ?? null,
    credentials:
      e.PLEIN_S3_ACCESS_KEY_ID && e.PLEIN_S3_SECRET_ACCESS_KEY
        ? { accessKeyId: e.PLEIN_S3_ACCESS_KEY_ID, secretAccessKey: e.PLEIN_S3_SECRET_ACCESS_KEY }
        : null,
    forcePathStyle: e.PLEIN_S3_FORCE_PATH_STYLE ?? Boolean(e.PLEIN_S3_ENDPOINT),
  };
}

function samlConfig(e: z.infer<typeof environmentSchema>): SamlConfig | null {
  if (!e.PLEIN_PUBLIC_URL || !(e.PLEIN_SAML_IDP_METADATA || e.PLEIN_SAML_IDP_SSO_URL)) return null;
  const publicUrl = e.PLEIN_PUBLIC_URL.replace(/\/+$/, '');
  return {
    idp: e.PLEIN_SAML_IDP_METADATA
      ? { metadata: e.PLEIN_SAML_IDP_METADATA }
      : {
          ssoUrl: e.PLEIN_SAML_IDP_SSO_URL!,
          entityId: e.PLEIN_SAML_IDP_ENTITY_ID!,
          cert: e.PLEIN_SAML_IDP_CERT!,
        },
    spEntityId: e.PLEIN_SAML_SP_ENTITY_ID ?? `${publicUrl}/api/v1/auth/saml/metadata`,
    label: e.PLEIN_SAML_LABEL,
    allowedDomains: (e.PLEIN_SAML_ALLOWED_DOMAINS ?? []).map((domain) => domain.toLowerCase()),
    linkByEmail: e.PLEIN_SAML_LINK_BY_EMAIL ?? false,
    createPeople: e.PLEIN_SAML_CREATE_PEOPLE ?? false,
    attributes: {
      email: e.PLEIN_SAML_ATTR_EMAIL ?? null,
      name: e.PLEIN_SAML_ATTR_NAME ?? null,
      givenName: e.PLEIN_SAML_ATTR_GIVEN_NAME ?? null,
      familyName: e.PLEIN_SAML_ATTR_FAMILY_NAME ?? null,
      title: e.PLEIN_SAML_ATTR_TITLE ?? null,
      department: e.PLEIN_SAML_ATTR_DEPARTMENT ?? null,
      locale: e.PLEIN_SAML_ATTR_LOCALE ?? null,
      groups: e.PLEIN_SAML_ATTR_GROUPS ?? null,
    },
    roleGroups: {
      admin: e.PLEIN_OIDC_ADMIN_GROUPS ?? [],
      communityManager: e.PLEIN_OIDC_COMMUNITY_MANAGER_GROUPS ?? [],
      leader: e.PLEIN_OIDC_LEADER_GROUPS ?? [],
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

function isHttpsOrLoopback(address: string): boolean {
  const url = new URL(address);
  return url.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

function emptyAsUnset(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
}
