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
      invitationDays: 7,
      disableCspForTests: false,
      mail: {
        smtpUrl: null,
        from: 'Plein <plein@localhost>',
        domain: 'localhost',
        publicUrl: 'http://127.0.0.1:3000',
        secret: expect.stringMatching(/^[0-9a-f]{64}$/),
        leaseSeconds: 120,
      },
      mailIn: { smtpPort: null, webhookSecret: null, maxBytes: 10_000_000 },
      importMaxBytes: 2 * 1024 ** 3,
      publicUrl: null,
      oidc: null,
      saml: null,
      scim: { groupRoles: {}, testTokenRoute: false },
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
      PLEIN_INVITATION_DAYS: '14',
      PLEIN_SCIM_GROUP_ROLES: '{"Plein admins": "admin"}',
      SMTP_URL: 'smtps://plein:pw@relay.example.org:465',
      PLEIN_MAIL_FROM: 'Plein <Plein@Mail.Example.org>',
      PLEIN_PUBLIC_URL: 'https://plein.example.org/',
      PLEIN_MAIL_SECRET: 'a mail secret of at least 32 characters',
      PLEIN_MAIL_LEASE_SECONDS: '60',
      PLEIN_SMTP_IN_PORT: '2525',
      PLEIN_MAIL_INBOUND_SECRET: 'an inbound secret of at least 32 characters',
      PLEIN_MAIL_IN_MAX_BYTES: '2000000',
      PLEIN_IMPORT_MAX_BYTES: '500000000',
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
      invitationDays: 14,
      disableCspForTests: false,
      mail: {
        smtpUrl: 'smtps://plein:pw@relay.example.org:465',
        from: 'Plein <Plein@Mail.Example.org>',
        domain: 'mail.example.org',
        publicUrl: 'https://plein.example.org',
        secret: 'a mail secret of at least 32 characters',
        leaseSeconds: 60,
      },
      mailIn: {
        smtpPort: 2525,
        webhookSecret: 'an inbound secret of at least 32 characters',
        maxBytes: 2_000_000,
      },
      importMaxBytes: 500_000_000,
      publicUrl: 'https://plein.example.org',
      oidc: null,
      saml: null,
      scim: { groupRoles: { 'plein admins': 'admin' }, testTokenRoute: false },
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

  it('wants a mail secret with an SMTP server, and a sane From', () => {
    expect(configError({ SMTP_URL: 'smtp://relay.example.org' }).message).toMatch(
      /^ {2}PLEIN_MAIL_SECRET: /m,
    );
    expect(configError({ PLEIN_MAIL_FROM: 'no address' }).message).toMatch(/^ {2}PLEIN_MAIL_FROM: /m);
    expect(
      configError({ SMTP_URL: 'http://relay.example.org', PLEIN_MAIL_SECRET: 'x'.repeat(32) }).message,
    ).toMatch(/^ {2}SMTP_URL: /m);
  });

  it('reads single sign-on by OpenID Connect, with safe defaults for what is left unset', () => {
    const base = {
      PLEIN_PUBLIC_URL: 'https://plein.example.org/',
      PLEIN_OIDC_ISSUER: 'https://login.example.org/tenant',
      PLEIN_OIDC_CLIENT_ID: 'plein',
    };
    const minimal = loadConfig(base);
    expect(minimal.publicUrl).toBe('https://plein.example.org');
    expect(minimal.oidc).toEqual({
      issuer: 'https://login.example.org/tenant',
      clientId: 'plein',
      clientSecret: null,
      scopes: 'openid email profile',
      allowedDomains: [],
      label: 'SSO',
      hidePasswordForm: false,
      linkByEmail: false,
      createPeople: false,
      requireVerifiedEmail: true,
      groupsClaim: 'groups',
      roleGroups: { admin: [], communityManager: [], leader: [] },
    });
    const full = loadConfig({
      ...base,
      PLEIN_OIDC_CLIENT_SECRET: 's3cret',
      PLEIN_OIDC_SCOPES: ' openid  email profile groups',
      PLEIN_OIDC_ALLOWED_DOMAINS: 'Example.org, example.nl',
      PLEIN_OIDC_LABEL: 'Entra ID',
      PLEIN_OIDC_HIDE_PASSWORD_FORM: '1',
      PLEIN_OIDC_LINK_BY_EMAIL: 'yes',
      PLEIN_OIDC_CREATE_PEOPLE: 'on',
      PLEIN_OIDC_REQUIRE_VERIFIED_EMAIL: 'false',
      PLEIN_OIDC_GROUPS_CLAIM: 'roles',
      PLEIN_OIDC_ADMIN_GROUPS: 'plein-admins',
      PLEIN_OIDC_COMMUNITY_MANAGER_GROUPS: 'comms, hr',
      PLEIN_OIDC_LEADER_GROUPS: 'mt',
    }).oidc;
    expect(full).toMatchObject({
      clientSecret: 's3cret',
      scopes: 'openid email profile groups',
      allowedDomains: ['example.org', 'example.nl'],
      label: 'Entra ID',
      hidePasswordForm: true,
      linkByEmail: true,
      createPeople: true,
      requireVerifiedEmail: false,
      groupsClaim: 'roles',
      roleGroups: { admin: ['plein-admins'], communityManager: ['comms', 'hr'], leader: ['mt'] },
    });
  });

  it('refuses single sign-on that cannot work: no client id, no public address, plain http, no openid scope', () => {
    const issues = (env: NodeJS.ProcessEnv) =>
      configError(env)
        .message.split('\n')
        .slice(1)
        .map((line) => line.trim().split(':')[0]);
    expect(issues({ PLEIN_OIDC_ISSUER: 'https://login.example.org' })).toEqual([
      'PLEIN_OIDC_CLIENT_ID',
      'PLEIN_PUBLIC_URL',
    ]);
    expect(
      issues({
        PLEIN_PUBLIC_URL: 'https://plein.example.org',
        PLEIN_OIDC_ISSUER: 'http://login.example.org',
        PLEIN_OIDC_CLIENT_ID: 'plein',
        PLEIN_OIDC_SCOPES: 'email profile',
      }),
    ).toEqual(['PLEIN_OIDC_ISSUER', 'PLEIN_OIDC_SCOPES']);
    // Plain http is for a provider on this machine, as the tests run one.
    expect(
      loadConfig({
        PLEIN_PUBLIC_URL: 'http://127.0.0.1:3000',
        PLEIN_OIDC_ISSUER: 'http://127.0.0.1:4000',
        PLEIN_OIDC_CLIENT_ID: 'plein',
      }).oidc?.issuer,
    ).toBe('http://127.0.0.1:4000');
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

  it('drops the CSP only for a test run or the demo, never for a real deployment', () => {
    expect(
      loadConfig({ PLEIN_TEST_DISABLE_CSP: '1', NODE_ENV: 'test', PLEIN_DEMO: '0' }).disableCspForTests,
    ).toBe(true);
    expect(loadConfig({ PLEIN_TEST_DISABLE_CSP: '1', PLEIN_DEMO: '1' }).disableCspForTests).toBe(true);
    expect(loadConfig({ PLEIN_TEST_DISABLE_CSP: '0', NODE_ENV: 'production' }).disableCspForTests).toBe(
      false,
    );
    for (const env of [
      { PLEIN_TEST_DISABLE_CSP: '1', NODE_ENV: 'production', DATABASE_URL: 'postgres://localhost/plein' },
      { PLEIN_TEST_DISABLE_CSP: '1', PLEIN_DEMO: '0' },
      { PLEIN_TEST_DISABLE_CSP: 'yes', DATABASE_URL: 'postgres://localhost/plein' },
    ]) {
      expect(configError(env).message).toMatch(/^ {2}PLEIN_TEST_DISABLE_CSP: is only for tests/m);
    }
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

  it('reads PLEIN_SCIM_GROUP_ROLES as group name → role, names in lower case, and refuses anything else', () => {
    expect(
      loadConfig({ PLEIN_SCIM_GROUP_ROLES: '{"Plein Admins": "admin", "Leaders": "leader"}' }).scim
        .groupRoles,
    ).toEqual({ 'plein admins': 'admin', leaders: 'leader' });
    expect(configError({ PLEIN_SCIM_GROUP_ROLES: '{"x": "owner"}' }).message).toMatch(
      /PLEIN_SCIM_GROUP_ROLES/,
    );
    expect(configError({ PLEIN_SCIM_GROUP_ROLES: 'admins=admin' }).message).toMatch(/not JSON/);
  });

  it('allows the test-only SCIM token route only with NODE_ENV=test and no demo', () => {
    expect(configError({ PLEIN_SCIM_TEST_TOKEN_ROUTE: '1' }).message).toMatch(
      /PLEIN_SCIM_TEST_TOKEN_ROUTE: is test-only/,
    );
    expect(configError({ PLEIN_SCIM_TEST_TOKEN_ROUTE: '1', PLEIN_DEMO: '0' }).message).toMatch(/test-only/);
    expect(configError({ PLEIN_SCIM_TEST_TOKEN_ROUTE: '1', NODE_ENV: 'test' }).message).toMatch(/test-only/);
    expect(
      loadConfig({ PLEIN_SCIM_TEST_TOKEN_ROUTE: '1', NODE_ENV: 'test', PLEIN_DEMO: '0' }).scim.testTokenRoute,
    ).toBe(true);
  });
});
