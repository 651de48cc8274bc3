import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const configError = (env: NodeJS.ProcessEnv): ConfigError => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
};

const reasonsFor = (env: NodeJS.ProcessEnv) => configError(env).message;

describe('configuration', () => {
  it('defaults to the embedded database in ./data on 127.0.0.1:3000, in Dutch, with the demo organisation', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      database: { kind: 'embedded', dataDir: './data' },
      demo: true,
      admin: null,
      language: 'nl',
      logLevel: 'info',
      secureCookies: false,
      trustProxy: false,
      routingAfterMinutes: 30,
      storage: { kind: 'folder', dir: 'data/files' },
      scan: { kind: 'off' },
      linkPreviews: { enabled: true, testAddresses: [] },
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgresql://plein:secret@db.internal:5432/plein',
      PLEIN_DEMO: 'yes',
      PLEIN_ADMIN_EMAIL: 'admin@example.org',
      PLEIN_ADMIN_PASSWORD: 'a long enough secret',
      PLEIN_LANGUAGE: 'en',
      PLEIN_LOG_LEVEL: 'warn',
      PLEIN_SECURE_COOKIES: 'true',
      PLEIN_TRUST_PROXY: 'on',
      PLEIN_ROUTING_AFTER_MINUTES: '45',
      PLEIN_STORAGE: 's3',
      PLEIN_S3_BUCKET: 'plein-files',
      PLEIN_S3_REGION: 'eu-west-1',
      PLEIN_S3_ENDPOINT: 'https://s3.internal',
      PLEIN_S3_ACCESS_KEY_ID: 'key',
      PLEIN_S3_SECRET_ACCESS_KEY: 'secret',
      PLEIN_SCAN_URL: 'http://scanner.internal/scan',
      PLEIN_LINK_PREVIEWS: 'off',
    });
    expect(config).toEqual({
      port: 8080,
      host: '0.0.0.0',
      database: { kind: 'server', url: 'postgresql://plein:secret@db.internal:5432/plein' },
      demo: true,
      admin: { email: 'admin@example.org', password: 'a long enough secret' },
      language: 'en',
      logLevel: 'warn',
      secureCookies: true,
      trustProxy: true,
      routingAfterMinutes: 45,
      storage: {
        kind: 's3',
        bucket: 'plein-files',
        region: 'eu-west-1',
        endpoint: 'https://s3.internal',
        credentials: { accessKeyId: 'key', secretAccessKey: 'secret' },
        forcePathStyle: true,
      },
      scan: { kind: 'http', url: 'http://scanner.internal/scan' },
      linkPreviews: { enabled: false, testAddresses: [] },
    });
  });

  it('needs a bucket for S3, one scan hook at most, and lets link previews reach loopback only under test', () => {
    expect(reasonsFor({ PLEIN_STORAGE: 's3' })).toContain('PLEIN_S3_BUCKET');
    expect(reasonsFor({ PLEIN_SCAN_COMMAND: 'clamdscan', PLEIN_SCAN_URL: 'http://x.test/' })).toContain(
      'PLEIN_SCAN_URL',
    );
    expect(reasonsFor({ PLEIN_LINK_PREVIEW_TEST_ADDRESSES: '127.0.0.1' })).toContain(
      'PLEIN_LINK_PREVIEW_TEST_ADDRESSES',
    );
    expect(reasonsFor({ PLEIN_LINK_PREVIEW_TEST_ADDRESSES: '127.0.0.1', NODE_ENV: 'production' })).toContain(
      'PLEIN_LINK_PREVIEW_TEST_ADDRESSES',
    );
    const allowed = loadConfig({ PLEIN_LINK_PREVIEW_TEST_ADDRESSES: '127.0.0.1', NODE_ENV: 'test' });
    expect(allowed.linkPreviews.testAddresses).toEqual(['127.0.0.1']);
  });

  it('never seeds the demo into a PostgreSQL server unless asked, and can be told not to on PGlite', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/plein' }).demo).toBe(false);
    expect(loadConfig({ PLEIN_DEMO: '0' }).demo).toBe(false);
    expect(loadConfig({ PLEIN_DATA_DIR: '/var/lib/plein' }).database).toEqual({
      kind: 'embedded',
      dataDir: '/var/lib/plein',
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '', PLEIN_LANGUAGE: '' })).toMatchObject({
      port: 3000,
      database: { kind: 'embedded' },
      language: 'nl',
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '80.5' }, 'PORT'],
    [{ PLEIN_LANGUAGE: 'de' }, 'PLEIN_LANGUAGE'],
    [{ DATABASE_URL: 'mysql://root@localhost/plein' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ PLEIN_DEMO: 'maybe' }, 'PLEIN_DEMO'],
    [{ PLEIN_LOG_LEVEL: 'loud' }, 'PLEIN_LOG_LEVEL'],
    [{ PLEIN_ADMIN_EMAIL: 'admin@example.org' }, 'PLEIN_ADMIN_PASSWORD'],
    [{ PLEIN_ADMIN_PASSWORD: 'a long enough secret' }, 'PLEIN_ADMIN_PASSWORD'],
    [
      { PLEIN_ADMIN_EMAIL: 'not-an-email', PLEIN_ADMIN_PASSWORD: 'a long enough secret' },
      'PLEIN_ADMIN_EMAIL',
    ],
    [{ PLEIN_ADMIN_EMAIL: 'admin@example.org', PLEIN_ADMIN_PASSWORD: 'short' }, 'PLEIN_ADMIN_PASSWORD'],
  ])('rejects %o with a ConfigError naming %s', (env, variable) => {
    const error = configError(env);
    expect(error.message).toMatch(/^Invalid configuration:/);
    expect(error.message).toMatch(new RegExp(`^  ${variable}: \\S`, 'm'));
  });

  it('says that the admin email and password belong together', () => {
    expect(configError({ PLEIN_ADMIN_EMAIL: 'admin@example.org' }).message).toMatch(
      /PLEIN_ADMIN_EMAIL and PLEIN_ADMIN_PASSWORD must be set together/,
    );
  });

  it('names every bad variable at once, so one restart fixes them all', () => {
    const { message } = configError({ PORT: 'abc', PLEIN_LANGUAGE: 'de', DATABASE_URL: 'mysql://x/y' });
    expect(
      message
        .split('\n')
        .slice(1)
        .map((line) => line.trim().split(':')[0]),
    ).toEqual(expect.arrayContaining(['PORT', 'PLEIN_LANGUAGE', 'DATABASE_URL']));
  });
});
