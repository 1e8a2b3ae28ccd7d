import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull, ne } from 'drizzle-orm';
import { AppError, type Msg, msg } from '../../core/errors.ts';
import { type AnswerIssue, checkAnswers, readAnswer } from '../../core/surveys/answers.ts';
import { type ExclusionReason, MIN_SECONDS_PER_ANSWER } from '../../core/surveys/exclusions.ts';
import { scoredAnswerCount, visibleScreens, withoutUnasked } from '../../core/surveys/screens.ts';
import { answersFromDossier, type SurveyAnswers, type SurveyDefinition } from '../../core/surveys/survey.ts';
import { mutate, type ServiceContext } from '../audit/audit-log.ts';
import { nowOf, todayOf } from '../clock.ts';
import { type DbOrTx, sqlState, type Tx } from '../db/engine.ts';
import { dossiers, surveyResponses, units } from '../db/schema/index.ts';
import { countSubmission } from '../http/submission-limit.ts';
import { usableSurvey } from './survey-service.ts';

/**
 * A citizen answering on the public page, without an account. The first step stores a draft (source
 * web) with a random resume token of which only the SHA-256 is kept; each screen saves its answers;
 * the last one submits. Tied to a receipt's code, the dossier must be the unit's and have no answer
 * yet, and it answers the channel question. Without a code, starts are counted per sender and hour,
 * and the submitted response carries a keyed hash of the sender for the day: a repeat that day, or a
 * survey answered faster than a person reads, is kept but flagged (`excludedReason`), never refused.
 * Nothing else about the citizen is stored.
 */
export const SURVEYS_PER_HOUR = 5;

export interface PublicUnit {
  id: number;
  code: string;
  name: string;
}

export type SurveyDraft = typeof surveyResponses.$inferSelect;

/**
 * Who sends, known only to hold off floods and flag repeats: never stored as such, nor in the audit
 * (the pages' service context carries no address, so no event ties an address to answers).
 */
export interface Sender {
  ip: string | null;
  userAgent: string;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The open unit with this official code, or NOT_FOUND. */
export async function unitByCode(db: DbOrTx, code: string): Promise<PublicUnit> {
  const [unit] = await db
    .select({ id: units.id, code: units.code, name: units.name })
    .from(units)
    .where(and(eq(units.code, code), isNull(units.validTo)))
    .limit(1);
  if (!unit?.code)
    throw new AppError('NOT_FOUND', msg('Không có đơn vị với mã này.', 'No unit with this code.'));
  return { id: unit.id, code: unit.code, name: unit.name };
}

/** The questionnaire a citizen may answer: published; a draft or a retired one is not found here. */
export async function publicSurvey(db: DbOrTx, id: number) {
  try {
    return await usableSurvey(db, id);
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFLICT')
      throw new AppError(
        'NOT_FOUND',
        msg('Phiếu khảo sát này không còn nhận trả lời.', 'This survey no longer takes answers.'),
      );
    throw error;
  }
}

/** The keyed hash of a sender for a day: the same address and browser on the same day, nothing more. */
export function senderHashOf(secret: string, sender: Sender, day: string) {
  const key = createHmac('sha256', secret).update('chiso:survey-sender').digest();
  return createHmac('sha256', key)
    .update(`${sender.ip ?? 'unknown'}\n${sender.userAgent}\n${day}`)
    .digest('hex');
}

/**
 * The key in the desk device's link (`/ks/<unit>?quay=<key>`): a tablet or kiosk at the one-stop desk
 * that many citizens answer on in a day. Its starts are not limited per device and its responses are
 * not flagged as one sender's repeats; they still must not be too fast. Made from the installation
 * secret and the unit, so a key opens one unit's desk only; staff get it from the links page.
 */
export function kioskKey(secret: string, unitId: number): string {
  return createHmac('sha256', secret).update(`chiso:survey-kiosk:${unitId}`).digest('base64url').slice(0, 22);
}

export function isKioskKey(secret: string, unitId: number, key: unknown): boolean {
  if (typeof key !== 'string' || key.length !== 22) return false;
  const expected = Buffer.from(kioskKey(secret, unitId));
  const given = Buffer.from(key);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const codeIssue = (code: 'VALIDATION_FAILED' | 'CONFLICT', message: Msg) =>
  new AppError(code, message, { fields: [{ path: 'dossierCode', message }] });

export const DOSSIER_ANSWERED = msg('Hồ sơ này đã được đánh giá.', 'This dossier has already been rated.');

/** The dossier a receipt's code names, if it is the unit's and not yet answered in this survey. */
async function dossierToRate(db: DbOrTx, surveyId: number, unit: PublicUnit, code: string) {
  const [dossier] = await db
    .select({
      code: dossiers.code,
      unitId: dossiers.unitId,
      channel: dossiers.channel,
      procedureCode: dossiers.procedureCode,
    })
    .from(dossiers)
    .where(eq(dossiers.code, code));
  if (!dossier || dossier.unitId !== unit.id)
    throw codeIssue(
      'VALIDATION_FAILED',
      msg(
        `Không tìm thấy hồ sơ mã ${code} của ${unit.name}. Hãy xem lại mã trên giấy biên nhận, hoặc bắt đầu không cần mã.`,
        `No dossier ${code} of ${unit.name} was found. Check the code on the receipt, or start without it.`,
      ),
    );
  const [answered] = await db
    .select({ id: surveyResponses.id })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.dossierCode, code)));
  if (answered) throw codeIssue('CONFLICT', DOSSIER_ANSWERED);
  return dossier;
}

/**
 * Starts a draft: returns the resume token (given to the citizen once, kept only as its hash).
 * `within` runs first in the transaction (the page spends its one-use form token there).
 */
export async function startResponse(
  ctx: ServiceContext,
  input: {
    unit: PublicUnit;
    surveyId: number;
    definition: SurveyDefinition;
    dossierCode: string | null;
    sender: Sender;
    /** Opened on the desk's own device (its link's key checked by the page). */
    kiosk?: boolean;
    within: (tx: Tx) => Promise<void>;
  },
): Promise<{ token: string; id: number }> {
  const { unit, definition } = input;
  const now = nowOf(ctx);
  const dossier = input.dossierCode
    ? await dossierToRate(ctx.db, input.surveyId, unit, input.dossierCode)
    : null;
  const token = randomBytes(24).toString('base64url');
  try {
    const id = await mutate(ctx, async (tx, audit) => {
      await input.within(tx);
      // A receipt's code is its own limit (one answer a dossier), the desk's device serves everyone;
      // otherwise starts are counted per device.
      if (!dossier && !input.kiosk)
        await countSubmission(tx, {
          sender: `survey:${input.sender.ip ?? 'unknown'}\n${input.sender.userAgent}`,
          now,
          perHour: SURVEYS_PER_HOUR,
          refusal: msg(
            `Mỗi máy chỉ bắt đầu được ${SURVEYS_PER_HOUR} phiếu khảo sát trong một giờ. Vui lòng thử lại sau.`,
            `At most ${SURVEYS_PER_HOUR} surveys an hour can be started from one device. Try again later.`,
          ),
        });
      const [row] = await tx
        .insert(surveyResponses)
        .values({
          surveyId: input.surveyId,
          unitId: unit.id,
          source: input.kiosk ? 'kiosk' : 'web',
          status: 'draft',
          answers: dossier ? answersFromDossier(definition, dossier) : {},
          answeredAt: now,
          dossierCode: dossier?.code ?? null,
          procedureCode: dossier?.procedureCode ?? null,
          dossierChannel: dossier?.channel ?? null,
          resumeHash: hashToken(token),
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: surveyResponses.id });
      if (!row) throw new Error('survey response not stored');
      await audit({
        action: 'survey.public.start',
        entityType: 'survey_response',
        entityId: row.id,
        unitId: unit.id,
        after: { surveyId: input.surveyId, tiedToDossier: dossier !== null, kiosk: input.kiosk ?? false },
      });
      return row.id;
    });
    return { token, id };
  } catch (error) {
    // Two starts with one code at once: the second meets the unique index.
    if (sqlState(error) === '23505') throw codeIssue('CONFLICT', DOSSIER_ANSWERED);
    throw error;
  }
}

/** The draft a resume token opens for this unit and survey, or null (unknown, submitted, another unit's). */
export async function draftByToken(db: DbOrTx, token: string | undefined, unitId: number, surveyId: number) {
  if (!token || token.length > 100) return null;
  const [row] = await db
    .select()
    .from(surveyResponses)
    .where(
      and(
        eq(surveyResponses.resumeHash, hashToken(token)),
        eq(surveyResponses.unitId, unitId),
        eq(surveyResponses.surveyId, surveyId),
        eq(surveyResponses.status, 'draft'),
      ),
    );
  return row ?? null;
}

/** The codes the dossier answered (their screen is skipped). */
export function fixedCodes(definition: SurveyDefinition, draft: SurveyDraft): string[] {
  return draft.dossierChannel
    ? definition.questions
        .filter((question) => question.fromDossier === 'channel')
        .map((question) => question.code)
    : [];
}

/** The value that means "no opinion" (the question left unanswered). */
export const NO_ANSWER = '';

/**
 * One screen's answers read (`readAnswer`) and merged into the draft's; a required question must be
 * answered to move on (`forward`), not to go back. Returns the merged answers, or the problems.
 */
export function readScreen(
  definition: SurveyDefinition,
  draft: SurveyDraft,
  screenIndex: number,
  values: Record<string, string>,
  forward: boolean,
): { answers: SurveyAnswers; issues: AnswerIssue[] } {
  const screens = visibleScreens(definition, draft.answers, fixedCodes(definition, draft));
  const screen = screens[screenIndex];
  if (!screen) throw new AppError('NOT_FOUND');
  const answers: SurveyAnswers = { ...draft.answers };
  const issues: AnswerIssue[] = [];
  for (const question of screen.questions) {
    const { value, issue } = readAnswer(question, values[question.code] ?? NO_ANSWER);
    if (issue) issues.push({ question: question.code, reason: issue });
    else if (value === undefined) {
      delete answers[question.code];
      if (forward && question.required)
        issues.push({
          question: question.code,
          reason: msg('Hãy chọn một câu trả lời để tiếp tục.', 'Choose an answer to go on.'),
        });
    } else answers[question.code] = value;
  }
  return { answers: withoutUnasked(definition, answers), issues };
}

/** Saves a draft's answers; a response already submitted cannot be changed. */
export async function saveDraft(ctx: ServiceContext, draft: SurveyDraft, answers: SurveyAnswers) {
  await mutate(ctx, async (tx, audit) => {
    const [row] = await tx
      .update(surveyResponses)
      .set({ answers, updatedAt: nowOf(ctx) })
      .where(and(eq(surveyResponses.id, draft.id), eq(surveyResponses.status, 'draft')))
      .returning({ id: surveyResponses.id });
    if (!row) throw submittedAlready();
    await audit({
      action: 'survey.public.save',
      entityType: 'survey_response',
      entityId: draft.id,
      unitId: draft.unitId,
      after: { answered: Object.keys(answers).length },
    });
  });
}

const submittedAlready = () =>
  new AppError(
    'CONFLICT',
    msg(
      'Phiếu này đã được gửi, không sửa được nữa.',
      'This survey has been sent and can no longer be changed.',
    ),
  );

/**
 * Submits the draft: every answer checked again (`checkAnswers`), status submitted at the app's time,
 * the resume hash cleared. Flags, in this order: the sender already submitted for the unit and survey
 * today ("repeat", only without a receipt's code: with one there is no sender hash), then the whole
 * survey took less than `MIN_SECONDS_PER_ANSWER` per scored answer ("too_fast").
 */
export async function submitDraft(
  ctx: ServiceContext,
  input: {
    draft: SurveyDraft;
    definition: SurveyDefinition;
    answers: SurveyAnswers;
    sender: Sender;
    secret: string;
  },
): Promise<{ issues: AnswerIssue[] } | { excludedReason: ExclusionReason | null }> {
  const { draft, definition } = input;
  const checked = checkAnswers(definition, input.answers);
  if (checked.issues.length > 0) return { issues: checked.issues };
  const now = nowOf(ctx);
  // With a receipt's code, or on the desk's device, there is no one sender to tell repeats by.
  const senderHash =
    draft.dossierCode || draft.source === 'kiosk'
      ? null
      : senderHashOf(input.secret, input.sender, todayOf(ctx));
  return mutate(ctx, async (tx, audit) => {
    let excludedReason: ExclusionReason | null = null;
    if (senderHash) {
      const [earlier] = await tx
        .select({ id: surveyResponses.id })
        .from(surveyResponses)
        .where(
          and(
            eq(surveyResponses.surveyId, draft.surveyId),
            eq(surveyResponses.unitId, draft.unitId),
            eq(surveyResponses.senderHash, senderHash),
            eq(surveyResponses.status, 'submitted'),
            ne(surveyResponses.id, draft.id),
          ),
        )
        .limit(1);
      if (earlier) excludedReason = 'repeat';
    }
    const seconds = (now.getTime() - draft.createdAt.getTime()) / 1000;
    if (!excludedReason && seconds < MIN_SECONDS_PER_ANSWER * scoredAnswerCount(definition, checked.answers))
      excludedReason = 'too_fast';
    const [row] = await tx
      .update(surveyResponses)
      .set({
        status: 'submitted',
        answers: checked.answers,
        answeredAt: now,
        resumeHash: null,
        senderHash,
        excludedReason,
        excludedAt: excludedReason ? now : null,
        updatedAt: now,
      })
      .where(and(eq(surveyResponses.id, draft.id), eq(surveyResponses.status, 'draft')))
      .returning({ id: surveyResponses.id });
    if (!row) throw submittedAlready();
    await audit({
      action: 'survey.public.submit',
      entityType: 'survey_response',
      entityId: draft.id,
      unitId: draft.unitId,
      after: { status: 'submitted', excludedReason },
    });
    return { excludedReason };
  });
}
