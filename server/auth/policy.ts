import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import {
  hasPermissionOn,
  hasPermissionSomewhere,
  PERMISSIONS,
  type Permission,
} from '../../core/auth/roles.ts';
import { AppError } from '../../core/errors.ts';
import type { Actor, ServiceContext } from '../audit/audit-log.ts';
import type { Db } from '../db/engine.ts';
import { ReadCache } from '../db/read-cache.ts';
import { findSession, isSessionDueForReading, SESSION_COOKIE, type SessionUser } from './sessions.ts';

/**
 * Every route declares its authorisation decision in `config.policy`:
 * - 'public': anyone, signed in or not;
 * - 'authenticated': any signed-in user (their own account);
 * - a permission from core/auth/roles.ts: the user must hold it on some unit, and the service checks
 *   the record's unit against the user's grants.
 * A route without a policy is refused at registration, so the server cannot start with one.
 */
export type RoutePolicy = 'public' | 'authenticated' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
    /** Open to a signed-in user who must still change a temporary password (who am I, change it, sign out). */
    isOpenBeforePasswordChange?: boolean;
  }
  interface FastifyRequest {
    user: SessionUser | null;
  }
  interface FastifyInstance {
    /** Every registered route with its authorisation decision (walked by a test). */
    routePolicies: { method: string; url: string; policy: RoutePolicy }[];
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isPolicy(value: unknown): value is RoutePolicy {
  return (
    value === 'public' || value === 'authenticated' || (typeof value === 'string' && value in PERMISSIONS)
  );
}

/** Routes added by plugins we do not write (the OpenAPI viewer): public, decided here. */
export const PUBLIC_PLUGIN_PREFIXES = ['/api/docs'];

export function policyOf(route: Pick<RouteOptions, 'url' | 'config'>): RoutePolicy | undefined {
  const declared = (route.config as { policy?: unknown } | undefined)?.policy;
  if (declared !== undefined) return isPolicy(declared) ? declared : undefined;
  return PUBLIC_PLUGIN_PREFIXES.some((prefix) => route.url.startsWith(prefix)) ? 'public' : undefined;
}

export function assertRouteHasPolicy(route: Pick<RouteOptions, 'url' | 'method' | 'config'>): void {
  if (!policyOf(route)) {
    throw new Error(`Route ${String(route.method)} ${route.url} has no authorisation policy (config.policy)`);
  }
}

export function actorOf(user: SessionUser | null): Actor {
  return user ? { userId: user.userId, name: user.username } : { userId: null, name: 'anonymous' };
}

/** The service context of a signed-in request. */
export function contextOf(request: FastifyRequest, db: Db): ServiceContext & { user: SessionUser } {
  if (!request.user) throw new AppError('UNAUTHENTICATED');
  // The page's language (sent by the web app) over the account's saved one: another device may differ.
  const shown = request.headers['x-chiso-locale'];
  const user =
    (shown === 'vi' || shown === 'en') && shown !== request.user.locale
      ? { ...request.user, locale: shown }
      : request.user;
  return { db, actor: actorOf(request.user), ip: request.ip, user, now: request.server.clock };
}

/** Record-level check: the user holds `permission` on the unit at `unitPath`. */
export function assertPermissionOn(user: SessionUser, permission: Permission, unitPath: string): void {
  if (!hasPermissionOn(user.grants, permission, unitPath)) throw new AppError('FORBIDDEN');
}

export const policyPlugin = fp(
  async (app: FastifyInstance, options: { db: Db; secret: string; cacheMs: number }) => {
    app.decorateRequest('user', null);
    const routes: { method: string; url: string; policy: RoutePolicy }[] = [];
    app.decorate('routePolicies', routes);
    app.addHook('onRoute', (route) => {
      assertRouteHasPolicy(route);
      route.config = { ...route.config, policy: policyOf(route) };
      for (const method of [route.method].flat())
        routes.push({ method, url: route.url, policy: policyOf(route) as RoutePolicy });
    });

    // A session is read from the database once, then from memory until any data changes (a logout,
    // a new grant, a disabled account…: every change bumps the data version) or for CHISO_READ_CACHE_SECONDS at most.
    // The extension of an active session's expiry is written when it is read again.
    const sessionCache = new ReadCache<SessionUser | null>({ maxEntries: 10_000, maxAgeMs: options.cacheMs });
    app.addHook('onRequest', async (request: FastifyRequest) => {
      const token = request.cookies[SESSION_COOKIE];
      if (!token) return;
      request.user = await sessionCache.get(
        token,
        () => findSession(options.db, token, options.secret, app.clock),
        (user) => user === null || !isSessionDueForReading(user, app.clock()),
      );
    });

    // Before body validation, so an anonymous caller learns nothing about a route's body schema.
    app.addHook('preValidation', async (request: FastifyRequest, _reply: FastifyReply) => {
      if (request.is404) return;
      const policy = request.routeOptions.config.policy;
      if (policy === undefined) throw new AppError('FORBIDDEN');
      if (policy === 'public') return;
      const user = request.user;
      if (!user) throw new AppError('UNAUTHENTICATED');
      // Cookie-authenticated writes must echo the session's CSRF token (SameSite=Strict is the first wall).
      if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== user.csrfToken) {
        throw new AppError('CSRF_FAILED');
      }
      // A temporary password (new account, admin reset, a real installation's first administrator)
      // opens only who-am-I, change-password and sign-out until it is changed.
      if (user.mustChangePassword && !request.routeOptions.config.isOpenBeforePasswordChange)
        throw new AppError('PASSWORD_CHANGE_REQUIRED');
      if (policy === 'authenticated') return;
      if (!hasPermissionSomewhere(user.grants, policy)) throw new AppError('FORBIDDEN');
    });
  },
);
