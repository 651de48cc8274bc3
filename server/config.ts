import { join } from 'node:path';
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
    NODE_ENV: z.string().optional(),
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
  });

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
  /** Where uploaded files live: a folder (one node) or S3-compatible object storage (several nodes). */
  storage: StorageConfig;
  /** The virus-scan hook that holds an upload until it is scanned; off by default. */
  scan: ScanConfig;
  linkPreviews: {
    enabled: boolean;
    /** Loopback addresses the guard lets through: only ever set by the test suite (NODE_ENV=test). */
    testAddresses: string[];
  };
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

function emptyAsUnset(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
}
