import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { OidcConfig } from '../config.js';
import { type RsaKey, rsaKey } from './jwt.js';

/** A person the test provider knows; `sub` is also what its login form takes. */
export type TestAccount = {
  sub: string;
  email?: string;
  emailVerified?: boolean;
  name?: string;
  title?: string;
  department?: string;
  locale?: string;
  groups?: string[];
};

export type PleinClient = {
  redirectUri: string;
  postLogoutRedirectUri: string;
  /** Where the provider posts logout tokens: only when Plein listens on a real port. */
  backchannelLogoutUri?: string;
};

export const TEST_CLIENT = { id: 'plein', secret: 'plein-test-client-secret' };

/**
 * A real OpenID provider (panva's oidc-provider, OpenID Certified) on 127.0.0.1: discovery, JWKS, the authorization
 * endpoint with its login and consent pages, token, UserInfo, end-session and back-channel logout. It listens at
 * once, so its issuer is known; `register` adds Plein as its client when Plein's addresses are known.
 */
export async function startOidcProvider() {
  let handle: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const server = createServer((req, res) => {
    if (handle) return handle(req, res);
    res.statusCode = 503;
    res.end('no client registered yet');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const key: RsaKey = rsaKey('test-provider-key');
  const accounts = new Map<string, TestAccount>();

  const register = (plein: PleinClient) => {
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: TEST_CLIENT.id,
          client_secret: TEST_CLIENT.secret,
          redirect_uris: [plein.redirectUri],
          post_logout_redirect_uris: [plein.postLogoutRedirectUri],
          response_types: ['code'],
          grant_types: ['authorization_code'],
          ...(plein.backchannelLogoutUri
            ? {
                backchannel_logout_uri: plein.backchannelLogoutUri,
                backchannel_logout_session_required: true,
              }
            : {}),
        },
      ],
      jwks: { keys: [key.privateJwk as never] },
      cookies: {
        keys: ['test-provider-cookie-key'],
        // Plain http on 127.0.0.1: a browser drops SameSite=None cookies that are not Secure.
        long: { sameSite: 'lax' },
      },
      pkce: { required: () => true },
      // Said explicitly, so the provider does not print a notice for each default it falls back on.
      ttl: {
        Interaction: 600,
        Session: 3600,
        Grant: 3600,
        AccessToken: 600,
        IdToken: 600,
        AuthorizationCode: 60,
      },
      features: {
        devInteractions: { enabled: true },
        backchannelLogout: { enabled: true },
        rpInitiatedLogout: { enabled: true },
      },
      claims: {
        openid: ['sub'],
        email: ['email', 'email_verified'],
        profile: ['name', 'locale', 'title', 'department', 'groups'],
      },
      findAccount: async (_ctx, sub) => {
        const account = accounts.get(sub);
        if (!account) return undefined;
        return {
          accountId: sub,
          claims: async () => ({
            sub,
            email: account.email,
            email_verified: account.emailVerified ?? true,
            name: account.name,
            locale: account.locale,
            title: account.title,
            department: account.department,
            groups: account.groups ?? [],
          }),
        };
      },
    });
    handle = provider.callback();
  };

  return {
    issuer,
    key,
    register,
    addAccount: (account: TestAccount) => {
      accounts.set(account.sub, account);
      return account;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type TestOidcProvider = Awaited<ReturnType<typeof startOidcProvider>>;

/** Plein's OIDC settings for a test provider; override the rules a test is about. */
export function oidcSettings(issuer: string, overrides: Partial<OidcConfig> = {}): OidcConfig {
  return {
    issuer,
    clientId: TEST_CLIENT.id,
    clientSecret: TEST_CLIENT.secret,
    scopes: 'openid email profile',
    allowedDomains: [],
    label: 'Test IdP',
    hidePasswordForm: false,
    linkByEmail: false,
    createPeople: true,
    requireVerifiedEmail: true,
    groupsClaim: 'groups',
    roleGroups: { admin: ['plein-admins'], communityManager: ['comms'], leader: ['management'] },
    ...overrides,
  };
}
