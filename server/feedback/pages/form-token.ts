import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, gt, lt } from 'drizzle-orm';
import { AppError, msg } from '../../../core/errors.ts';
import type { SubmitFeedback } from '../../../core/feedback/feedback-schemas.ts';
import { foldVietnamese } from '../../../core/text/vietnamese.ts';
import type { DbOrTx, Tx } from '../../db/engine.ts';
import { feedbackFormTokens, feedbackItems, units } from '../../db/schema/index.ts';
import type { Attachment } from '../feedback-attachments.ts';
import { answerOf, sha256 } from '../feedback-intake.ts';
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
  /** The private link's token of the petition a form token sends from an address with a content. */
  privateLinkToken(nonce: string, address: string, content: string): string;
}

/**
 * The tokens of one kind of form: `feedback` (the petition form) or `survey` (the start of a
 * satisfaction survey), each signed under a key of its own, so one form's token never passes for the
 * other's. Spent nonces of both share one table (random, they cannot collide).
 */
export function formTokens(secret: string, form: 'feedback' | 'survey' = 'feedback'): FormTokens {
  // A key of its own: a form token can never pass for a session's hash, nor the reverse.
  const key = createHmac('sha256', secret).update(`chiso:${form}-form-token`).digest();
  const sign = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url');
  const linkKey = createHmac('sha256', secret).update('chiso:feedback-private-link').digest();
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
    privateLinkToken(nonce, address, content) {
      // 24 bytes, as long as a drawn one; the three parts cannot run into each other (a nonce is
      // base64url, an address has no newline, the content is a digest).
      return createHmac('sha256', linkKey)
        .update(`${nonce}\n${address}\n${content}`)
        .digest()
        .subarray(0, 24)
        .toString('base64url');
    },
  };
}

/**
 * Sending the same form twice: a double click on "Gửi" without JavaScript, or a post sent again after
 * its answer was lost, spends no second token and makes no second petition, yet the citizen must see
 * the first one's confirmation (its code and private link) rather than "already used". The private
 * link's token is stored only as its SHA-256, so it cannot be read back; instead the form page does
 * not draw it but derives it (`privateLinkToken`, an HMAC under a key of its own from the server's
 * secret) from the form token's random part, the sender's address and a digest of everything sent
 * (`contentDigest`: the fields as parsed and each file's name and bytes). A second post of a spent
 * token derives the same value only from the same address with the same content, and then finds its
 * petition by that hash (`sentWithToken`, at most `RESEND_MS` after it was stored); from another
 * address, or with anything changed, it finds nothing and is refused as before (`tokenUsed`). Nothing
 * new is stored: no plain private token is kept anywhere, and the form token was already in the page
 * the citizen holds. (Someone who had both the server's secret and the database could derive the links
 * of tokens spent in the last four hours, whose nonces are kept until they expire; with the database
 * alone they read the petitions anyway.)
 */
export const RESEND_MS = 10 * 60_000;

/** What a form sent, as one digest: its fields as parsed (in a fixed order) and its files. */
export function contentDigest(input: SubmitFeedback, files: Attachment[]): string {
  const fields = Object.entries(input).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const hash = createHash('sha256').update(JSON.stringify(fields));
  for (const file of files)
    hash.update(`\n${file.fileName}\n`).update(createHash('sha256').update(file.data).digest('hex'));
  return hash.digest('base64url');
}

/** The petition a form sent with the derived private-link token, stored less than `RESEND_MS` ago. */
export async function sentWithToken(
  db: DbOrTx,
  input: Pick<SubmitFeedback, 'communeCode' | 'text'>,
  token: string,
  now: Date,
) {
  // The commune and the text's key lead to the repeat check's index; the token's hash decides.
  const [row] = await db
    .select({ item: feedbackItems })
    .from(feedbackItems)
    .innerJoin(units, eq(units.id, feedbackItems.unitId))
    .where(
      and(
        eq(units.code, input.communeCode),
        eq(feedbackItems.textKey, sha256(foldVietnamese(input.text))),
        eq(feedbackItems.tokenHash, sha256(token)),
        gt(feedbackItems.createdAt, new Date(now.getTime() - RESEND_MS)),
      ),
    )
    .limit(1);
  return row ? answerOf(row.item, token) : null;
}

/** Whether a checked token already sent a petition. */
export async function isSpentToken(db: DbOrTx, nonce: string): Promise<boolean> {
  const [row] = await db
    .select({ nonce: feedbackFormTokens.nonce })
    .from(feedbackFormTokens)
    .where(eq(feedbackFormTokens.nonce, nonce));
  return row !== undefined;
}

/** The refusal of a spent token (shown above the form, which gets a fresh token). */
export const tokenUsed = () =>
  new AppError('CONFLICT', msg(W.tokenUsed.vi, W.tokenUsed.en), {
    fields: [{ path: 'formToken', message: W.tokenUsed }],
  });

/**
 * Spends a checked token inside the transaction that stores the petition (so a refused petition
 * leaves it unspent); the second use is refused. Spent tokens past their expiry are purged.
 */
export async function spendFormToken(
  tx: Tx,
  token: { nonce: string; expiresAt: Date },
  now: Date,
  used: () => AppError = tokenUsed,
) {
  await tx.delete(feedbackFormTokens).where(lt(feedbackFormTokens.expiresAt, now));
  const [spent] = await tx
    .insert(feedbackFormTokens)
    .values({ nonce: token.nonce, expiresAt: token.expiresAt })
    .onConflictDoNothing()
    .returning({ nonce: feedbackFormTokens.nonce });
  if (!spent) throw used();
}
