import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness.ts';
import { isPolicy, policyPlugin } from './policy.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('authorisation policies', () => {
  it('every registered route carries an explicit, known decision', () => {
    const routes = t.app.routePolicies;
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes) expect(isPolicy(route.policy), `${route.method} ${route.url}`).toBe(true);
    // The OpenAPI viewer and, when the web app is built, its files (never /api paths) are public too.
    const publicRoutes = routes
      .filter((r) => r.policy === 'public' && !r.url.startsWith('/api/docs') && r.url !== '/*')
      .map((r) => `${r.method} ${r.url}`);
    // Citizens' feedback is sent and followed without an account (its private link carries a token).
    const feedback = [
      'GET /api/public/feedback',
      'POST /api/public/feedback',
      'GET /api/public/feedback/form',
      'GET /api/public/feedback/commune-at',
      'GET /api/public/feedback/:code',
      'GET /api/public/feedback/:code/files/:fileId',
      'POST /api/public/feedback/:code/rating',
      'POST /api/public/feedback/:code/reopen',
      'POST /api/public/feedback/:code/reply',
      // … and its pages, which work without JavaScript.
      'GET /phan-anh',
      'POST /phan-anh',
      'GET /phan-anh/danh-sach',
      // The form's one optional script (the map point).
      'GET /phan-anh/vi-tri.js',
      'GET /phan-anh/:code',
      'POST /phan-anh/:code/danh-gia',
      'POST /phan-anh/:code/mo-lai',
      'POST /phan-anh/:code/bo-sung',
      'GET /phan-anh/*',
    ];
    // The public record of dialogues (published ones only), read without an account or JavaScript.
    const dialogues = ['GET /doi-thoai', 'GET /doi-thoai/:id', 'GET /doi-thoai/*'];
    // The published community projects (never a draft, never a household that did not agree to be named).
    const projects = [
      'GET /cong-khai/cong-trinh',
      'GET /cong-khai/cong-trinh/:slug',
      'GET /cong-khai/cong-trinh/:slug/du-lieu.json',
      'GET /cong-khai/cong-trinh/:slug/dong-gop.csv',
    ];
    // The disclosures register: what units disclosed, and only the files they marked public.
    const disclosures = [
      'GET /cong-khai/thong-tin',
      'GET /cong-khai/thong-tin/:unit',
      'GET /cong-khai/thong-tin/tep/:fileId',
    ];
    // The citizens' satisfaction survey: the desk's short link, the start page, one screen per element,
    // the resume link and the thanks (a draft is reached only with its own token).
    const surveys = [
      'GET /ks/:unitCode',
      'GET /khao-sat/:unitCode/:surveyId',
      'POST /khao-sat/:unitCode/:surveyId',
      'GET /khao-sat/:unitCode/:surveyId/phan/:n',
      'POST /khao-sat/:unitCode/:surveyId/phan/:n',
      'GET /khao-sat/:unitCode/:surveyId/tiep',
      'GET /khao-sat/:unitCode/:surveyId/cam-on',
      'GET /khao-sat/*',
    ];
    // Open311 GeoReport v2 is public by the standard (a POST carries a registered client's api_key).
    const open311 = [
      'GET /open311/v2/*',
      'GET /open311/v2/discovery.:format',
      'GET /open311/v2/requests.:format',
      'GET /open311/v2/requests/:id.:format',
      'GET /open311/v2/services.:format',
      'GET /open311/v2/services/:code.:format',
      'GET /open311/v2/tokens/:token.:format',
      'POST /open311/v2/*',
      'POST /open311/v2/requests.:format',
    ];
    // The public site: published results, plans and registers, readable without JavaScript.
    const site = [
      'GET /cong-khai',
      'GET /cong-khai/*',
      'GET /robots.txt',
      'GET /sitemap.xml',
      'GET /cong-khai/papi',
      'GET /cong-khai/papi/chon',
      'GET /cong-khai/papi/:year',
      'GET /cong-khai/ket-qua',
      'GET /cong-khai/ket-qua/:round',
      'GET /cong-khai/ke-hoach',
      'GET /cong-khai/ke-hoach/:plan',
      'GET /cong-khai/lien-he',
      'GET /cong-khai/don-vi/chon',
      'GET /cong-khai/don-vi/:unit',
      'GET /cong-khai/bieu-trung',
      // Open data: every public table as CSV and JSON, and its data package.
      'GET /du-lieu-mo',
      'GET /du-lieu-mo/datapackage.json',
      'GET /du-lieu-mo/:file',
    ];
    expect(
      publicRoutes
        .filter(
          (route) =>
            !route.startsWith('HEAD /api/public/') &&
            !route.startsWith('HEAD /phan-anh') &&
            !route.startsWith('HEAD /doi-thoai') &&
            !route.startsWith('HEAD /cong-khai/cong-trinh') &&
            !route.startsWith('HEAD /tiep-cong-dan') &&
            !route.startsWith('HEAD /khao-sat') &&
            !route.startsWith('HEAD /ks/') &&
            !route.startsWith('HEAD /open311/') &&
            !route.startsWith('HEAD /cong-khai') &&
            !route.startsWith('HEAD /du-lieu-mo') &&
            route !== 'HEAD /robots.txt' &&
            route !== 'HEAD /sitemap.xml',
        )
        .sort(),
    ).toEqual(
      [
        'GET /api/health',
        'HEAD /api/health',
        'POST /api/auth/login',
        ...feedback,
        ...dialogues,
        ...projects,
        ...disclosures,
        ...surveys,
        // The published reception days of every unit (never the register).
        'GET /tiep-cong-dan',
        ...open311,
        ...site,
      ].sort(),
    );
  });

  it('every non-public API route refuses an anonymous request', async () => {
    for (const route of t.app.routePolicies.filter((r) => r.policy !== 'public' && r.method !== 'HEAD')) {
      const url = route.url.replace(/:[a-zA-Z]+/g, '1');
      const response = await t.app.inject({
        method: route.method as 'GET',
        url,
        payload: route.method === 'GET' ? undefined : {},
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it('refuses to register a route without a decision', async () => {
    const app = Fastify();
    await app.register(policyPlugin, { db: t.database.db, secret: 'x', cacheMs: 30_000 });
    await expect(
      app.register(async (scoped) => {
        scoped.get('/api/forgotten', async () => 'oops');
      }),
    ).rejects.toThrow(/no authorisation policy/);
  });

  it('serves the OpenAPI 3.1 description and health', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toContain('/api/units/{id}');
    const health = (await t.app.inject({ method: 'GET', url: '/api/health' })).json();
    expect(health).toMatchObject({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/api/nothing-here' })).json().error.code).toBe(
      'NOT_FOUND',
    );
  });
});
