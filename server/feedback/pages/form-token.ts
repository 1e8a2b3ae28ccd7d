import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { lt } from 'drizzle-orm';
import { AppError, msg } from '../../../core/errors.ts';
import type { Tx } from '../../db/engine.ts';
import { feedbackFormTokens } from '../../db/schema/index.ts';
import { W } from './words.ts';

/**
 * The public form's guard against scripts, without a third-party CAPTCHA and without JavaScript: each
 * form carries a token naming when it was issued and a random part, signed with a key derived from
 * the server's secret (HMAC-SHA-256). It must be at least `MIN_AGE_MS` old (a person reads and types;
 * a script posts at once) and at most `MAX_AGE_MS`, and sends one petition only: its random part is
 * stored when the petition is, in the same transaction. The per-address rate limit and the repeat
 * check of the intake stay behind it.
 */
export const MIN_AGE_MS = 3_000;
export const MAX_AGE_MS = 4 * 3_600_000;

export type TokenRefusal = 'invalid' | 'too_fast' | 'expired';
export type TokenCheck = { ok: true; nonce: string; expiresAt: Date } | { ok: false; refusal: TokenRefusal };

export const TOKEN_REFUSALS = {
  invalid: W.tokenInvalid,
  too_fast: W.tokenTooFast,
  expired: W.tokenExpired,
} as const;

export interface FormTokens {
  issue(now: Date): string;
  check(token: unknown, now: Date): TokenCheck;
}

export function formTokens(secret: string): FormTokens {
  // A key of its own: a form token can never pass for a session's hash, nor the reverse.
  const key = createHmac('sha256', secret).update('chiso:feedback-form-token').digest();
  const sign = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url');
  return {
    issue(now) {
      const payload = `${now.getTime().toString(36)}.${randomBytes(12).toString('base64url')}`;
      return `${payload}.${sign(payload)}`;
    },
    check(token, now) {
      if (typeof token !== 'string' || token.length > 200) return { ok: false, refusal: 'invalid' };
      const parts = token.split('.');
      if (parts.length !== 3) return { ok: false, refusal: 'invalid' };
      const [issued = '', nonce = '', signature = ''] = parts;
      const expected = Buffer.from(sign(`${issued}.${nonce}`));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given))
        return { ok: false, refusal: 'invalid' };
      const issuedAt = Number.parseInt(issued, 36);
      const age = now.getTime() - issuedAt;
      if (!Number.isFinite(issuedAt) || age < MIN_AGE_MS) return { ok: false, refusal: 'too_fast' };
      if (age > MAX_AGE_MS) return { ok: false, refusal: 'expired' };
      return { ok: true, nonce, expiresAt: new Date(issuedAt + MAX_AGE_MS) };
    },
  };
}

/**
 * Spends a checked token inside the transaction that stores the petition (so a refused petition
 * leaves it unspent); the second use is refused. Spent tokens past their expiry are purged.
 */
export async function spendFormToken(tx: Tx, token: { nonce: string; expiresAt: Date }, now: Date) {
  await tx.delete(feedbackFormTokens).where(lt(feedbackFormTokens.expiresAt, now));
  const [spent] = await tx
    .insert(feedbackFormTokens)
    .values({ nonce: token.nonce, expiresAt: token.expiresAt })
    .onConflictDoNothing()
    .returning({ nonce: feedbackFormTokens.nonce });
  if (!spent)
    throw new AppError('CONFLICT', msg(W.tokenUsed.vi, W.tokenUsed.en), {
      fields: [{ path: 'formToken', message: W.tokenUsed }],
    });
}
