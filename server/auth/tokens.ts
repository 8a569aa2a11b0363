import { createHash, randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

export const ACCESS_TOKEN_SECONDS = 15 * 60;
export const REFRESH_TOKEN_DAYS = 60;
const ISSUER = 'study-desk-platform';
const AUDIENCE = 'study-desk-api';

export interface TokenSigner {
  sign(userId: string, now: Date): Promise<string>;
  /** The user id of a valid access token, or null: tampered, expired, wrong algorithm, wrong audience. */
  verify(token: string, now: Date): Promise<string | null>;
}

/**
 * HS256 with a server secret, and verification pinned to HS256: `alg: none` and RS/HS confusion
 * are refused by jose before any signature maths. The clock is injected so tests expire tokens.
 */
export function createTokenSigner(secret: Uint8Array): TokenSigner {
  if (secret.length < 32) throw new Error('the JWT secret needs at least 32 bytes');
  return {
    sign: (userId, now) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(userId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(Math.floor(now.getTime() / 1000))
        .setExpirationTime(Math.floor(now.getTime() / 1000) + ACCESS_TOKEN_SECONDS)
        .sign(secret),
    async verify(token, now) {
      try {
        const { payload } = await jwtVerify(token, secret, {
          algorithms: ['HS256'],
          issuer: ISSUER,
          audience: AUDIENCE,
          currentDate: now,
          requiredClaims: ['sub', 'exp'],
        });
        return typeof payload.sub === 'string' && /^[0-9a-f-]{36}$/i.test(payload.sub) ? payload.sub : null;
      } catch (err) {
        if (err instanceof errors.JOSEError || err instanceof TypeError) return null;
        throw err;
      }
    },
  };
}

export const newRefreshToken = (): string => randomBytes(32).toString('base64url');
export const hashRefreshToken = (token: string): Buffer => createHash('sha256').update(token).digest();
