import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, inLocale, type Msg } from '../../../core/errors.ts';
import { visibleScreens } from '../../../core/surveys/screens.ts';
import type { SurveyAnswers } from '../../../core/surveys/survey.ts';
import { todayInVietnam } from '../../../core/text/dates.ts';
import type { ServiceContext } from '../../audit/audit-log.ts';
import { actorOf } from '../../auth/policy.ts';
import type { Db } from '../../db/engine.ts';
import { formTokens, isSpentToken, spendFormToken } from '../../feedback/pages/form-token.ts';
import { httpStatusOf } from '../../http/errors.ts';
import { link, type PageContext, pageContext, sendPage } from '../../public/layout.ts';
import { setUpCitizenPages } from '../../public/page-setup.ts';
import {
  draftByToken,
  fixedCodes,
  isKioskKey,
  kioskKey,
  type PublicUnit,
  publicSurvey,
  readScreen,
  type Sender,
  type SurveyDraft,
  saveDraft,
  startResponse,
  submitDraft,
  unitByCode,
} from '../public-response-service.ts';
import { publishedSurveyOf } from '../survey-service.ts';
import {
  type StartState,
  screenPage,
  startPage,
  surveyName,
  surveyPath,
  thanksPage,
} from './survey-views.ts';
import { SW } from './survey-words.ts';

/**
 * The citizen's survey pages, HTML without JavaScript (policy 'public'): the desk's short link
 * `/ks/:unitCode`, the start page, one screen per element, the resume link and the thanks. The draft
 * is found by its resume token, kept in an HttpOnly cookie scoped to the survey's path and shown as a
 * link to keep; a device without the cookie is sent back to the start page.
 */
const COOKIE = 'chiso_ks';
const COOKIE_DAYS = 30;
const TOKEN_REFUSALS = {
  invalid: SW.tokenInvalid,
  too_fast: SW.tokenTooFast,
  expired: SW.tokenExpired,
} as const;
const surveyTokenUsed = () =>
  new AppError('CONFLICT', SW.tokenUsed, { fields: [{ path: 'formToken', message: SW.tokenUsed }] });

type Params = { unitCode: string; surveyId: string };

const senderOf = (request: FastifyRequest): Sender => ({
  ip: request.ip,
  userAgent: String(request.headers['user-agent'] ?? '').slice(0, 300),
});

export async function surveyPages(app: FastifyInstance, { db, secret }: { db: Db; secret: string }) {
  const tokens = formTokens(secret, 'survey');
  /** The citizen as the services see them: no account and no address (the audit keeps none). */
  const anonymous = (request: FastifyRequest): ServiceContext => ({
    db,
    actor: actorOf(null),
    ip: null,
    now: request.server.clock,
  });
  const config = { policy: 'public' as const };
  const schema = { hide: true };
  setUpCitizenPages(app, { path: '/phan-anh', label: SW.home });

  /** The unit, the questionnaire and the draft this device holds (if any) of a survey page's address. */
  async function pageOf(request: FastifyRequest) {
    const { unitCode, surveyId } = request.params as Params;
    const id = Number(surveyId);
    if (!/^\d{1,9}$/.test(surveyId)) throw new AppError('NOT_FOUND');
    const unit = await unitByCode(db, unitCode);
    const survey = await publicSurvey(db, id);
    const draft = await draftByToken(db, request.cookies[COOKIE], unit.id, survey.id);
    return { ctx: pageContext(request), unit, survey, draft };
  }

  const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;
  const screenUrl = (ctx: PageContext, unit: PublicUnit, surveyId: number, n: number) =>
    link(ctx, `${surveyPath(unit, surveyId)}/phan/${n}`);
  const toStart = (
    reply: FastifyReply,
    ctx: PageContext,
    unit: PublicUnit,
    surveyId: number,
    lost: boolean,
  ) =>
    reply
      .header('cache-control', 'no-store')
      .redirect(link(ctx, surveyPath(unit, surveyId), { lost: lost ? 1 : null }), 303);
  const keepToken = (
    request: FastifyRequest,
    reply: FastifyReply,
    unit: PublicUnit,
    surveyId: number,
    token: string,
    /** On the desk's device the cookie lasts the browser session only. */
    kiosk = false,
  ) =>
    reply.setCookie(COOKIE, token, {
      path: surveyPath(unit, surveyId),
      httpOnly: true,
      sameSite: 'lax',
      secure: request.protocol === 'https',
      ...(kiosk ? {} : { maxAge: COOKIE_DAYS * 86_400 }),
    });

  /** The first screen with nothing answered yet (where a returning citizen goes on), else the last. */
  const resumeScreen = (draft: SurveyDraft, definition: Parameters<typeof visibleScreens>[0]) => {
    const screens = visibleScreens(definition, draft.answers, fixedCodes(definition, draft));
    const open = screens.findIndex((screen) =>
      screen.questions.every((q) => draft.answers[q.code] === undefined),
    );
    return (open < 0 ? screens.length - 1 : open) + 1;
  };

  // The desk's short link: the survey in use this year (SIPAS unless `?s=` names another code).
  app.get('/ks/:unitCode', { config, schema }, async (request, reply) => {
    const ctx = pageContext(request);
    const unit = await unitByCode(db, (request.params as { unitCode: string }).unitCode);
    const asked = (request.query as { s?: unknown }).s;
    const code = typeof asked === 'string' && /^[\w.-]{1,40}$/.test(asked) ? asked : 'SIPAS';
    const year = Number(todayInVietnam(request.server.clock()).slice(0, 4));
    const survey = await publishedSurveyOf(db, code, year);
    if (!survey) throw new AppError('NOT_FOUND', SW.noSurvey);
    // The desk's device keeps its key through the redirect; the start page checks it.
    const quay = (request.query as { quay?: unknown }).quay;
    return reply
      .header('cache-control', 'no-store')
      .redirect(
        link(ctx, surveyPath(unit, survey.id), { quay: typeof quay === 'string' ? quay.slice(0, 40) : null }),
        303,
      );
  });

  /** The desk device's key from a form or an address, if it opens this unit's desk. */
  const kioskOf = (unit: PublicUnit, key: unknown) =>
    isKioskKey(secret, unit.id, key) ? (key as string) : undefined;

  app.get('/khao-sat/:unitCode/:surveyId', { config, schema }, async (request, reply) => {
    const { ctx, unit, survey, draft } = await pageOf(request);
    const kiosk = kioskOf(unit, (request.query as { quay?: unknown }).quay);
    const state: StartState = {
      formToken: tokens.issue(request.server.clock()),
      dossierCode: '',
      general: [],
      kiosk,
      // On the desk's device an unfinished survey is the previous person's: never offered to the next.
      continueAt:
        draft && !kiosk ? screenUrl(ctx, unit, survey.id, resumeScreen(draft, survey.definition)) : undefined,
      lost: (request.query as { lost?: unknown }).lost === '1',
    };
    return sendPage(reply, 200, startPage(ctx, view(ctx, unit, survey), state));
  });

  const view = (
    ctx: PageContext,
    unit: PublicUnit,
    survey: { id: number; definition: { nameVi: string; nameEn?: string | undefined } },
  ) => ({
    unit,
    surveyId: survey.id,
    surveyName: surveyName(survey.definition, ctx.lang),
  });

  app.post('/khao-sat/:unitCode/:surveyId', { config, schema }, async (request, reply) => {
    const { ctx, unit, survey, draft } = await pageOf(request);
    const values = (request.body ?? {}) as Record<string, string>;
    const now = request.server.clock();
    const dossierCode = values.action === 'without-code' ? '' : String(values.dossierCode ?? '').trim();
    const kiosk = kioskOf(unit, values.quay);
    const checked = tokens.check(values.formToken, now);
    try {
      if (!checked.ok) throw new AppError('VALIDATION_FAILED', TOKEN_REFUSALS[checked.refusal]);
      // "Bắt đầu" pressed twice: the first press made the draft this device holds; go on with it.
      if (draft && (await isSpentToken(db, checked.nonce)))
        return reply.redirect(screenUrl(ctx, unit, survey.id, resumeScreen(draft, survey.definition)), 303);
      const started = await startResponse(anonymous(request), {
        unit,
        surveyId: survey.id,
        definition: survey.definition,
        dossierCode: dossierCode || null,
        sender: senderOf(request),
        kiosk: kiosk !== undefined,
        within: (tx) => spendFormToken(tx, checked, now, surveyTokenUsed),
      });
      keepToken(request, reply, unit, survey.id, started.token, kiosk !== undefined);
      return reply.header('cache-control', 'no-store').redirect(screenUrl(ctx, unit, survey.id, 1), 303);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const onCode = error.details.fields?.find((field) => field.path === 'dossierCode');
      const keep = checked.ok
        ? !error.details.fields?.some((f) => f.path === 'formToken')
        : checked.refusal === 'too_fast';
      const state: StartState = {
        formToken: keep ? String(values.formToken) : tokens.issue(now),
        dossierCode,
        codeError: onCode ? inLocale(onCode.message, ctx.lang) : undefined,
        general: onCode ? [] : [inLocale(error.text, ctx.lang)],
        kiosk,
      };
      return sendPage(reply, httpStatusOf(error.code), startPage(ctx, view(ctx, unit, survey), state));
    }
  });

  app.get('/khao-sat/:unitCode/:surveyId/tiep', { config, schema }, async (request, reply) => {
    const { ctx, unit, survey } = await pageOf(request);
    const token = (request.query as { t?: unknown }).t;
    const draft = await draftByToken(db, typeof token === 'string' ? token : undefined, unit.id, survey.id);
    if (!draft || typeof token !== 'string') return toStart(reply, ctx, unit, survey.id, true);
    keepToken(request, reply, unit, survey.id, token);
    return reply
      .header('cache-control', 'no-store')
      .redirect(screenUrl(ctx, unit, survey.id, resumeScreen(draft, survey.definition)), 303);
  });

  /** A screen shown (again, with its problems): the resume link from the cookie's token. */
  function showScreen(
    request: FastifyRequest,
    reply: FastifyReply,
    page: Awaited<ReturnType<typeof pageOf>> & { draft: SurveyDraft },
    n: number,
    answers: SurveyAnswers,
    errors: Record<string, string> = {},
    status = 200,
  ) {
    const { ctx, unit, survey, draft } = page;
    const screens = visibleScreens(survey.definition, answers, fixedCodes(survey.definition, draft));
    const screen = screens[n - 1];
    if (!screen)
      return reply.redirect(screenUrl(ctx, unit, survey.id, Math.max(1, Math.min(n, screens.length))), 303);
    const resumeUrl =
      draft.source === 'kiosk'
        ? null
        : `${origin(request)}${surveyPath(unit, survey.id)}/tiep?t=${encodeURIComponent(request.cookies[COOKIE] ?? '')}${ctx.chosen ? `&lang=${ctx.lang}` : ''}`;
    return sendPage(
      reply,
      status,
      screenPage(ctx, {
        unit,
        surveyId: survey.id,
        screen,
        index: n - 1,
        total: screens.length,
        answers,
        errors,
        resumeUrl,
      }),
    );
  }

  const screenNumber = (request: FastifyRequest) => {
    const raw = (request.params as { n: string }).n;
    if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1) throw new AppError('NOT_FOUND');
    return Number(raw);
  };

  app.get('/khao-sat/:unitCode/:surveyId/phan/:n', { config, schema }, async (request, reply) => {
    const page = await pageOf(request);
    const n = screenNumber(request);
    if (!page.draft) return toStart(reply, page.ctx, page.unit, page.survey.id, true);
    return showScreen(request, reply, { ...page, draft: page.draft }, n, page.draft.answers);
  });

  app.post('/khao-sat/:unitCode/:surveyId/phan/:n', { config, schema }, async (request, reply) => {
    const page = await pageOf(request);
    const n = screenNumber(request);
    const { ctx, unit, survey, draft } = page;
    if (!draft) return toStart(reply, ctx, unit, survey.id, true);
    const values = (request.body ?? {}) as Record<string, string>;
    const forward = values.action !== 'back';
    const { definition } = survey;
    const read = readScreen(definition, draft, n - 1, values, forward);
    const words = (issues: { question: string; reason: Msg }[]) =>
      Object.fromEntries(issues.map((issue) => [issue.question, inLocale(issue.reason, ctx.lang)]));
    if (read.issues.length > 0)
      return showScreen(request, reply, { ...page, draft }, n, read.answers, words(read.issues), 400);
    const service = anonymous(request);
    const screens = visibleScreens(definition, read.answers, fixedCodes(definition, draft));
    if (!forward || n < screens.length) {
      await saveDraft(service, draft, read.answers);
      return reply
        .header('cache-control', 'no-store')
        .redirect(screenUrl(ctx, unit, survey.id, forward ? n + 1 : Math.max(1, n - 1)), 303);
    }
    const sent = await submitDraft(service, {
      draft,
      definition,
      answers: read.answers,
      sender: senderOf(request),
      secret,
    });
    if ('issues' in sent) {
      // An earlier screen lacks a required answer (its address was skipped): save, then go there.
      await saveDraft(service, draft, read.answers);
      const first = sent.issues[0]?.question;
      const at = screens.findIndex((screen) => screen.questions.some((question) => question.code === first));
      return reply.redirect(screenUrl(ctx, unit, survey.id, at < 0 ? 1 : at + 1), 303);
    }
    reply.clearCookie(COOKIE, { path: surveyPath(unit, survey.id) });
    const next = draft.source === 'kiosk' ? kioskKey(secret, unit.id) : null;
    return reply
      .header('cache-control', 'no-store')
      .redirect(link(ctx, `${surveyPath(unit, survey.id)}/cam-on`, { quay: next }), 303);
  });

  app.get('/khao-sat/:unitCode/:surveyId/cam-on', { config, schema }, async (request, reply) => {
    const { ctx, unit, survey } = await pageOf(request);
    const kiosk = kioskOf(unit, (request.query as { quay?: unknown }).quay);
    return sendPage(reply, 200, thanksPage(ctx, { unit, surveyId: survey.id, kiosk }));
  });

  // Anything else under /khao-sat/ is not the web app's: a 404 page here.
  app.get('/khao-sat/*', { config, schema }, async () => {
    throw new AppError('NOT_FOUND');
  });
}
