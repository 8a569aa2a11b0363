import { z } from 'zod';
import { AppError } from '../../shared/contract/errors';
import { TimeZone } from '../../shared/contract/common';
import type { TokenPair } from '../../shared/contract/sync';
import { parseInput } from '../../shared/contract/validate';
import type { Tx } from '../../shared/db/db';
import { newId } from '../../shared/services/context';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../auth/passwords';
import { ACCESS_TOKEN_SECONDS, hashRefreshToken, newRefreshToken, REFRESH_TOKEN_DAYS } from '../auth/tokens';
import type { ServerDeps } from '../context';
import { reply, type Router } from '../http/router';

const Email = z.email().max(320);
const RegisterInput = z.strictObject({
  email: Email,
  password: z.string().min(8).max(1000),
  display_name: z.string().max(200).optional(),
  time_zone: TimeZone.optional(),
});
const LoginInput = z.strictObject({ email: Email, password: z.string().min(1).max(1000) });
const RefreshInput = z.strictObject({ refresh_token: z.string().min(1).max(200) });

const unauthorized = () => new AppError('UNAUTHORIZED', 'invalid credentials');

async function issueTokens(deps: ServerDeps, tx: Tx, userId: string, familyId: string): Promise<TokenPair> {
  const now = deps.clock();
  const refresh = newRefreshToken();
  await tx.query(
    `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)`,
    [userId, familyId, hashRefreshToken(refresh), new Date(now.getTime() + REFRESH_TOKEN_DAYS * 86_400_000).toISOString()],
  );
  return { access_token: await deps.signer.sign(userId, now), refresh_token: refresh, expires_in: ACCESS_TOKEN_SECONDS, user_id: userId };
}

export function authRoutes(router: Router, deps: ServerDeps): void {
  router.add('POST', '/api/auth/register', async (req) => {
    const input = parseInput(RegisterInput, req.body);
    const hash = await hashPassword(input.password);
    const zone = input.time_zone ?? 'UTC';
    const tokens = await deps.db.transaction(async (tx) => {
      const taken = await tx.query('SELECT 1 FROM credentials WHERE lower(email) = lower($1)', [input.email]);
      if (taken.rows.length > 0) throw new AppError('CONFLICT', 'an account with this email exists');
      const userId = newId();
      await tx.query('INSERT INTO users (id, platform_user_id, display_name, email, time_zone) VALUES ($1, $1, $2, $3, $4)',
        [userId, input.display_name ?? '', input.email, zone]);
      await tx.query('INSERT INTO settings (user_id, time_zone) VALUES ($1, $2)', [userId, zone]);
      await tx.query('INSERT INTO credentials (user_id, email, password_hash) VALUES ($1, $2, $3)', [userId, input.email, hash]);
      return issueTokens(deps, tx, userId, newId());
    });
    deps.log.info('account registered', { user_id: tokens.user_id });
    return reply(201, tokens);
  }, { auth: false });

  router.add('POST', '/api/auth/login', async (req) => {
    const input = parseInput(LoginInput, req.body);
    const wait = deps.loginLimiter.take(`${req.ip}|${input.email.toLowerCase()}`, deps.clock().getTime());
    if (wait !== null) {
      deps.log.warn('login rate limited', { ip: req.ip });
      return reply(429, { error: { code: 'UNAVAILABLE', message: 'too many login attempts' } }, { 'retry-after': String(wait) });
    }
    const { rows } = await deps.db.query<{ user_id: string; password_hash: string }>(
      'SELECT user_id, password_hash FROM credentials WHERE lower(email) = lower($1)', [input.email]);
    const ok = await verifyPassword(input.password, rows[0]?.password_hash ?? DUMMY_HASH);
    if (!rows[0] || !ok) throw unauthorized();
    const userId = rows[0].user_id;
    return reply(200, await deps.db.transaction((tx) => issueTokens(deps, tx, userId, newId())));
  }, { auth: false });

  router.add('POST', '/api/auth/refresh', async (req) => {
    const input = parseInput(RefreshInput, req.body);
    const result = await deps.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string; user_id: string; family_id: string; expires_at: string; revoked_at: string | null }>(
        'SELECT id, user_id, family_id, expires_at, revoked_at FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE',
        [hashRefreshToken(input.refresh_token)],
      );
      const token = rows[0];
      if (!token) return null;
      if (token.revoked_at) {
        // A rotated token came back: someone holds a copy. End the whole family.
        await tx.query('UPDATE refresh_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE family_id = $1', [token.family_id]);
        return 'reused' as const;
      }
      if (Date.parse(token.expires_at) <= deps.clock().getTime()) return null;
      await tx.query('UPDATE refresh_tokens SET revoked_at = now() WHERE id = $1', [token.id]);
      return issueTokens(deps, tx, token.user_id, token.family_id);
    });
    if (result === 'reused') deps.log.warn('refresh token reused; family revoked');
    if (!result || result === 'reused') throw unauthorized();
    return reply(200, result);
  }, { auth: false });
}
