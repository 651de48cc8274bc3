import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import type { OidcConfig } from '../../config.js';
import type { Clock } from '../../platform/clock.js';
import { providerKeys } from './oidc.js';

const BACKCHANNEL_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
// A logout token is sent the moment the person signs out at the provider: an old one is a replay.
const MAX_AGE_SECONDS = 5 * 60;
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

export class InvalidLogoutToken extends Error {}

/**
 * Checks a back-channel logout token (OpenID Connect Back-Channel Logout 1.0, §2.6): signed by the provider's key,
 * our issuer and audience, recent `iat`, the logout event, `sid` or `sub`, and no `nonce` (so an ID token cannot
 * pose as one). Returns whose sign-in it ends.
 */
export async function verifyLogoutToken(
  oidc: OidcConfig,
  clock: Clock,
  token: string,
): Promise<{ issuer: string; sid: string | null; sub: string | null }> {
  const keys = await providerKeys(oidc, clock);
  let keySet = keySets.get(keys.jwksUri);
  if (!keySet) {
    keySet = createRemoteJWKSet(new URL(keys.jwksUri));
    keySets.set(keys.jwksUri, keySet);
  }
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keySet, {
      issuer: keys.issuer,
      audience: oidc.clientId,
      algorithms: (keys.algorithms ?? ['RS256']).filter((alg) => alg !== 'none'),
      currentDate: clock.now(),
      maxTokenAge: MAX_AGE_SECONDS,
      requiredClaims: ['iat', 'events'],
    }));
  } catch (error) {
    throw new InvalidLogoutToken((error as Error).message);
  }
  const events = payload.events;
  const event =
    events && typeof events === 'object' ? (events as Record<string, unknown>)[BACKCHANNEL_EVENT] : undefined;
  if (!event || typeof event !== 'object') throw new InvalidLogoutToken('no back-channel logout event');
  if ('nonce' in payload) throw new InvalidLogoutToken('a logout token carries no nonce');
  const sid = typeof payload.sid === 'string' && payload.sid ? payload.sid : null;
  const sub = typeof payload.sub === 'string' && payload.sub ? payload.sub : null;
  if (!sid && !sub) throw new InvalidLogoutToken('neither sid nor sub');
  return { issuer: keys.issuer, sid, sub };
}
