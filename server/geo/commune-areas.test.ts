import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../db/schema/index.ts';
import { signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp } from '../test/harness.ts';

/**
 * The communes' boundaries a province loads (a GeoJSON file with the official codes), all or nothing,
 * and the commune they give for a point: inside, on a border drawn a little off, or nowhere known.
 */
let t: TestApp;
let coordinator: Session;
let reporter: Session;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-12-03T09:00:00+07:00') });
  coordinator = await signInAs(t, 'coordinator', '33');
  reporter = await signInAs(t, 'unit_reporter', '11953');
});
afterAll(() => t.close());

const square = (west: number, south: number, east: number, north: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ],
  ],
});
// Phường Phố Hiến and, east of it, Xã Tân Hưng: two squares sharing a border at 106.07° E.
const TWO_COMMUNES = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { code: '11953' }, geometry: square(106.03, 20.63, 106.07, 20.66) },
    { type: 'Feature', properties: { ma_xa: 11977 }, geometry: square(106.07, 20.63, 106.11, 20.66) },
  ],
};
const file = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
const at = (lat: number, lng: number) =>
  t.app.inject({ url: `/api/public/feedback/commune-at?lat=${lat}&lng=${lng}` });

describe("the communes' boundaries", () => {
  it('are loaded by the province and find the commune of a point', async () => {
    const before = await at(20.646, 106.05);
    expect([before.statusCode, before.json().error.message]).toEqual([
      404,
      'Chưa xác định được xã, phường tại vị trí này: hãy chọn trong danh sách.',
    ]);
    const loaded = await coordinator.upload('/api/feedback/commune-areas', 'xa.geojson', file(TWO_COMMUNES));
    expect(loaded.status).toBe(200);
    expect([loaded.json.loaded, loaded.json.communes, loaded.json.missing.length]).toEqual([2, 104, 102]);
    expect(loaded.json.missing).not.toContainEqual({ code: '11953', name: 'Phường Phố Hiến' });
    expect((await at(20.646, 106.05)).json()).toEqual({ code: '11953', name: 'Phường Phố Hiến' });
    expect((await at(20.645, 106.09)).json()).toEqual({ code: '11977', name: 'Xã Tân Hưng' });
    // About 100 m east of the last border drawn: still Tân Hưng; 5 km away: nobody's.
    expect((await at(20.645, 106.111)).json()).toEqual({ code: '11977', name: 'Xã Tân Hưng' });
    expect((await at(20.645, 106.16)).statusCode).toBe(404);
    const [audited] = await t.database.db
      .select({ after: auditEvents.after })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'feedback.commune_areas'));
    expect(audited?.after).toEqual({ communes: ['11953', '11977'] });
  });

  it('refuse a file with any wrong feature, naming each, and keep what was loaded', async () => {
    const wrong = {
      type: 'FeatureCollection',
      features: [
        TWO_COMMUNES.features[0],
        { type: 'Feature', properties: { code: '00004' }, geometry: square(105.8, 21.0, 105.9, 21.1) },
        {
          type: 'Feature',
          properties: { code: '11980' },
          geometry: { type: 'Point', coordinates: [106.1, 20.6] },
        },
        { type: 'Feature', properties: {}, geometry: square(106.0, 20.5, 106.1, 20.6) },
      ],
    };
    const refused = await coordinator.upload('/api/feedback/commune-areas', 'xa.geojson', file(wrong));
    expect([refused.status, refused.json.error.message]).toEqual([
      400,
      'Chưa nạp: Đối tượng 2: mã 00004 không phải xã, phường đang hoạt động của tỉnh. Đối tượng 3 (Phường Hồng Châu): hình phải là Polygon hoặc MultiPolygon theo kinh độ, vĩ độ. Đối tượng 4: thiếu mã xã, phường (thuộc tính "code").',
    ]);
    const notJson = await coordinator.upload(
      '/api/feedback/commune-areas',
      'xa.geojson',
      file('<kml></kml>'),
    );
    expect([notJson.status, notJson.json.error.details.fields[0].message]).toEqual([
      400,
      'Tệp không phải JSON (GeoJSON) hợp lệ.',
    ]);
    expect((await coordinator.request('GET', '/api/feedback/commune-areas')).json.loaded).toBe(2);
  });

  it('are the province’s: a commune reporter neither reads nor loads them', async () => {
    expect((await reporter.request('GET', '/api/feedback/commune-areas')).status).toBe(403);
    expect(
      (await reporter.upload('/api/feedback/commune-areas', 'xa.geojson', file(TWO_COMMUNES))).status,
    ).toBe(403);
  });
});
