import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, normalize } from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import helmet, { type HelmetOptions } from 'helmet';
import { AppError } from '../core/errors.ts';
import { assessmentRoutes } from './assessment/assessment-routes.ts';
import { weakCriteriaRoutes } from './assessment/weak-criteria.ts';
import { auditRoutes } from './audit/audit-routes.ts';
import { authRoutes } from './auth/auth-routes.ts';
import { policyPlugin } from './auth/policy.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import type { Database } from './db/engine.ts';
import { listenForChanges } from './db/read-cache.ts';
import { dialoguePages } from './dialogues/dialogue-pages.ts';
import { dialogueRoutes } from './dialogues/dialogue-routes.ts';
import { disclosurePages } from './disclosures/disclosure-pages.ts';
import { disclosureRoutes } from './disclosures/disclosure-routes.ts';
import { loudspeakerRoutes } from './disclosures/loudspeaker.ts';
import { quarterListRoutes } from './disclosures/quarter-list.ts';
import { certificateRoutes } from './documents/certificate-routes.ts';
import { documentRoutes } from './documents/document-routes.ts';
import { registerRoutes } from './documents/register-routes.ts';
import { signingSettingsRoutes } from './documents/signing-settings.ts';
import { dossierRoutes } from './dossiers/dossier-routes.ts';
import { startPublisher } from './federation/publisher.ts';
import { feedbackPublicRoutes } from './feedback/feedback-public-routes.ts';
import { feedbackRoutes } from './feedback/feedback-routes.ts';
import { feedbackPages } from './feedback/pages/pages-routes.ts';
import { envelope, errorHandler, readerLocale } from './http/errors.ts';
import { healthRoutes } from './http/health-routes.ts';
import { logRequest } from './http/log-redaction.ts';
import { refuseNulBytes } from './http/nul-bytes.ts';
import { replicaReads } from './http/replica-reads.ts';
import { indicatorRoutes } from './indicators/indicator-routes.ts';
import { indexRoutes } from './indices/index-routes.ts';
import { jobRoutes } from './jobs/job-routes.ts';
import { nationalRoutes } from './national/national-routes.ts';
import { notificationRoutes } from './notifications/notification-routes.ts';
import { open311ClientRoutes } from './open311/open311-client-routes.ts';
import { open311Routes } from './open311/open311-routes.ts';
import { overviewRoutes } from './overview/overview-routes.ts';
import { planPublicationRoutes } from './plans/plan-publication.ts';
import { planRoutes } from './plans/plan-routes.ts';
import { remediationRoutes } from './plans/remediation-draft.ts';
import { projectPages } from './projects/project-pages.ts';
import { projectRoutes } from './projects/project-routes.ts';
import { openDataRoutes } from './public/open-data.ts';
import { publicCachePlugin } from './public/public-cache.ts';
import { siteIdentityPlugin } from './public/site-identity.ts';
import { publicSite } from './public/site-routes.ts';
import { siteSettingsRoutes } from './public/site-settings.ts';
import { receptionPage } from './reception/reception-page.ts';
import { receptionRoutes } from './reception/reception-routes.ts';
import { reminderRoutes } from './reminders/reminder-routes.ts';
import { calendarRoutes } from './reports/calendar-routes.ts';
import { chasingRoutes } from './reports/chasing-routes.ts';
import { reportRoutes } from './reports/report-routes.ts';
import { surveyPages } from './surveys/pages/survey-pages.ts';
import { paperRoutes } from './surveys/paper-routes.ts';
import { surveyResultsRoutes } from './surveys/results-routes.ts';
import { surveyAdminRoutes } from './surveys/survey-admin-routes.ts';
import { surveyLinkRoutes } from './surveys/survey-link-routes.ts';
import { surveyRoutes } from './surveys/survey-routes.ts';
import { unitContactRoutes } from './units/unit-contacts.ts';
import { unitGroupRoutes } from './units/unit-group-routes.ts';
import { unitRoutes } from './units/unit-routes.ts';
import { userRoutes } from './users/user-routes.ts';

export const WEB_DIST = new URL('../web/dist', import.meta.url).pathname;
/** Uploads (unit imports) are read in memory: 10 MB is tens of thousands of rows. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** The built web app: real files as they are, every other non-API path gets index.html (client routing). */
async function webRoutes(app: FastifyInstance) {
  if (!existsSync(`${WEB_DIST}/index.html`)) return;
  await app.register(fastifyStatic, { root: WEB_DIST, serve: false });
  app.get('/*', { config: { policy: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const path = decodeURIComponent(request.url.split('?')[0] ?? '/');
    if (path.startsWith('/api/'))
      return reply.status(404).send(envelope(new AppError('NOT_FOUND'), readerLocale(request)));
    // An anonymous visitor's home is the public site; staff sign in from its footer.
    if (path === '/' && !request.user) return reply.redirect('/cong-khai', 302);
    const file = join(WEB_DIST, normalize(path));
    if (file.startsWith(WEB_DIST) && path !== '/' && existsSync(file) && statSync(file).isFile()) {
      const isHashed = path.startsWith('/assets/');
      return reply.sendFile(path, { maxAge: isHashed ? 31_536_000_000 : 0, immutable: isHashed });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}

/**
 * helmet's security headers (CSP, HSTS, frame and referrer policies…), computed once: they are the
 * same for every response, and helmet's middleware would rebuild them on each.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => {
      headers[name] = String(value);
    },
    removeHeader: () => {},
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => {});
  return headers;
}

export async function buildApp({
  database,
  config,
  now = systemClock,
}: {
  database: Database;
  config: Config;
  /** The clock services decide deadlines by (a test sets it). */
  now?: Clock;
}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'],
      serializers: { req: logRequest },
    },
    genReqId: () => randomUUID(),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  refuseNulBytes(app);
  app.decorate('clock', now);
  // First of all hooks: where a request's reads may go (a replica, or the primary).
  if (database.cluster?.replicated) replicaReads(app, database.cluster, config.isProduction);
  const stopListening = await listenForChanges(database);
  app.addHook('onClose', stopListening);
  app.addHook('onClose', startPublisher(database, app.log));

  const headers = securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Mantine and Swagger UI set inline styles.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        upgradeInsecureRequests: config.isProduction ? [] : null,
      },
    },
  });
  // Answers of the API are the signed-in person's own data: never kept by a browser or a proxy.
  // The OpenAPI viewer's files and the web app's keep their caching.
  const apiHeaders = { ...headers, 'cache-control': 'no-store' };
  app.addHook('onRequest', async (request, reply) => {
    const isApi = request.url.startsWith('/api/') && !request.url.startsWith('/api/docs');
    reply.headers(isApi ? apiHeaders : headers);
  });
  await app.register(cookie);
  await app.register(policyPlugin, { db: database.db, secret: config.secret, cacheMs: config.readCacheMs });
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Chiso API',
        version: '0.1.0',
        description: 'API của Chiso. Lỗi trả về dạng { error: { code, message, details } }.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'chiso_sid' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  await app.register(siteIdentityPlugin, { db: database.db, cacheMs: config.readCacheMs });
  await app.register(publicCachePlugin, { cacheMs: config.readCacheMs });
  await app.register(healthRoutes, { database });
  await app.register(authRoutes, { db: database.db, config });
  await app.register(unitRoutes, { db: database.db, cacheMs: config.readCacheMs });
  await app.register(unitGroupRoutes, { db: database.db });
  await app.register(unitContactRoutes, { db: database.db });
  await app.register(userRoutes, { db: database.db });
  await app.register(auditRoutes, { db: database.db });
  await app.register(indexRoutes, { db: database.db });
  await app.register(planRoutes, { db: database.db, tools: config.tools });
  await app.register(planPublicationRoutes, { db: database.db });
  await app.register(surveyRoutes, { db: database.db });
  await app.register(surveyResultsRoutes, { db: database.db, cacheMs: config.readCacheMs });
  await app.register(paperRoutes, { db: database.db });
  await app.register(surveyLinkRoutes, { db: database.db, config });
  await app.register(surveyAdminRoutes, { db: database.db });
  await app.register(reportRoutes, { db: database.db });
  await app.register(dossierRoutes, { db: database.db });
  await app.register(notificationRoutes, { db: database.db });
  await app.register(reminderRoutes, { db: database.db, config });
  await app.register(jobRoutes, { db: database.db });
  await app.register(calendarRoutes, { db: database.db });
  await app.register(assessmentRoutes, { db: database.db, cacheMs: config.readCacheMs });
  await app.register(weakCriteriaRoutes, { db: database.db });
  await app.register(remediationRoutes, { db: database.db });
  await app.register(indicatorRoutes, { db: database.db, cacheMs: config.readCacheMs });
  await app.register(overviewRoutes, { db: database.db, cacheMs: config.readCacheMs });
  await app.register(nationalRoutes, { db: database.db, cacheMs: config.readCacheMs });
  await app.register(chasingRoutes, { db: database.db });
  await app.register(feedbackRoutes, { db: database.db });
  await app.register(feedbackPublicRoutes, { db: database.db });
  await app.register(feedbackPages, {
    db: database.db,
    secret: config.secret,
    smsEnabled: config.smsUrl !== undefined,
  });
  await app.register(receptionRoutes, { db: database.db });
  await app.register(registerRoutes, { db: database.db });
  await app.register(receptionPage, { db: database.db });
  await app.register(open311ClientRoutes, { db: database.db });
  await app.register(open311Routes, { db: database.db, publicUrl: config.publicUrl });
  await app.register(dialogueRoutes, { db: database.db });
  await app.register(dialoguePages, { db: database.db });
  await app.register(disclosureRoutes, { db: database.db });
  await app.register(quarterListRoutes, { db: database.db });
  await app.register(loudspeakerRoutes, { db: database.db });
  await app.register(disclosurePages, { db: database.db });
  await app.register(surveyPages, { db: database.db, secret: config.secret });
  await app.register(projectRoutes, { db: database.db });
  await app.register(projectPages, { db: database.db });
  await app.register(publicSite, { db: database.db, publicUrl: config.publicUrl });
  await app.register(openDataRoutes, { db: database.db, publicUrl: config.publicUrl });
  await app.register(siteSettingsRoutes, { db: database.db });
  await app.register(signingSettingsRoutes, { db: database.db });
  await app.register(certificateRoutes, { db: database.db, secret: config.secret });
  await app.register(documentRoutes, { db: database.db, secret: config.secret });

  await app.register(webRoutes);
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(envelope(new AppError('NOT_FOUND'), readerLocale(request))),
  );
  return app;
}
