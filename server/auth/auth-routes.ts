import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  changePasswordSchema,
  loginSchema,
  updatePreferencesSchema,
} from '../../core/auth/account-schemas.ts';
import { AppError } from '../../core/errors.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/engine.ts';
import { changePassword, login, logout, updatePreferences } from './auth-service.ts';
import { contextOf } from './policy.ts';
import { presentMe, sessionResponseSchema } from './presenters.ts';
import { findSession, SESSION_COOKIE, SESSION_IDLE_MS } from './sessions.ts';

export async function authRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: config.isProduction,
    maxAge: SESSION_IDLE_MS / 1000,
  };

  api.post(
    '/api/auth/login',
    {
      // No in-memory rate limit here: failed sign-ins are counted in the database per address and per
      // username (sign-in-throttle.ts), which every server process shares; successful ones are not limited.
      config: { policy: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Đăng nhập',
        body: loginSchema,
        response: { 200: sessionResponseSchema },
      },
    },
    async (request, reply) => {
      const session = await login({
        db,
        input: request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        secret: config.secret,
        now: app.clock,
      });
      const user = await findSession(db, session.token, config.secret, app.clock);
      if (!user) throw new AppError('INTERNAL');
      reply.setCookie(SESSION_COOKIE, session.token, cookieOptions);
      return { user: presentMe(user), csrfToken: session.csrfToken };
    },
  );

  api.post(
    '/api/auth/logout',
    {
      config: { policy: 'authenticated', isOpenBeforePasswordChange: true },
      schema: { tags: ['auth'], summary: 'Đăng xuất' },
    },
    async (request, reply) => {
      await logout(contextOf(request, db));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  api.get(
    '/api/auth/me',
    {
      config: { policy: 'authenticated', isOpenBeforePasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'Tài khoản đang đăng nhập',
        response: { 200: sessionResponseSchema },
      },
    },
    async (request) => {
      const { user } = contextOf(request, db);
      return { user: presentMe(user), csrfToken: user.csrfToken };
    },
  );

  api.post(
    '/api/auth/password',
    {
      // Wrong current passwords are counted by the account's sign-in lock (sign-in-throttle.ts).
      config: { policy: 'authenticated', isOpenBeforePasswordChange: true },
      schema: { tags: ['auth'], summary: 'Đổi mật khẩu', body: changePasswordSchema },
    },
    async (request, reply) => {
      await changePassword(contextOf(request, db), request.body);
      return reply.status(204).send();
    },
  );

  api.patch(
    '/api/auth/me/preferences',
    {
      config: { policy: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Ngôn ngữ giao diện',
        body: updatePreferencesSchema,
        response: { 200: z.object({ user: sessionResponseSchema.shape.user }) },
      },
    },
    async (request) => {
      const ctx = contextOf(request, db);
      await updatePreferences(ctx, request.body);
      return { user: presentMe({ ...ctx.user, locale: request.body.locale }) };
    },
  );
}
