import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

/** An RSA signing key for a test provider: the private key, and its public JWK under `kid`. */
export function rsaKey(kid: string) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    kid,
    privateKey,
    privateJwk: { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' },
    publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' },
  };
}

export type RsaKey = ReturnType<typeof rsaKey>;

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A compact JWS, RS256 with `key`, or unsigned (`alg: none`, empty signature) when key is null. */
export function signJwt(payload: object, key: { kid: string; privateKey: KeyObject } | null): string {
  const header = key ? { alg: 'RS256', typ: 'JWT', kid: key.kid } : { alg: 'none', typ: 'JWT' };
  const input = `${part(header)}.${part(payload)}`;
  if (!key) return `${input}.`;
  return `${input}.${sign('sha256', Buffer.from(input), key.privateKey).toString('base64url')}`;
}

export const epochSeconds = (at = Date.now()) => Math.floor(at / 1000);
