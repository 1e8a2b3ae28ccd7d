import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, createTestApp, signIn, type TestApp } from '../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('Cache-Control', () => {
  it('every API answer, data, refusal or download, is no-store', async () => {
    const user = await buildUser(t.database, [{ role: 'admin', unitCode: null }]);
    const session = await signIn(t.app, user.username, user.password);
    const units = await session.request('GET', '/api/units');
    expect(units.status).toBe(200);
    expect(units.headers['cache-control']).toBe('no-store');
    const me = await session.request('GET', '/api/auth/me');
    expect(me.headers['cache-control']).toBe('no-store');
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/units' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['cache-control']).toBe('no-store');
    const missing = await session.request('GET', '/api/units/2147483647');
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control']).toBe('no-store');
    const template = await session.request('GET', '/api/units/import-template?format=csv');
    expect(template.status).toBe(200);
    expect(template.headers['cache-control']).toBe('no-store');
  });

  it('the OpenAPI viewer’s files keep their own caching', async () => {
    const viewer = await t.app.inject({ method: 'GET', url: '/api/docs/static/swagger-ui.css' });
    expect(viewer.statusCode).toBe(200);
    expect(viewer.headers['cache-control']).not.toBe('no-store');
  });
});
