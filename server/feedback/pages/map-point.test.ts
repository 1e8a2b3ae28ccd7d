import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackItems } from '../../db/schema/index.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { openCitizenForm, petition, postCitizenForm, submitJson } from '../feedback-fixtures.ts';
import { MIN_AGE_MS } from './form-token.ts';

/**
 * The map point a citizen's device gives: the form's optional block and its script, a point in the
 * province kept for the unit (never published), one elsewhere refused by name with everything typed kept.
 */
let t: TestApp;
let now = Date.parse('2026-12-03T09:00:00+07:00');
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(now) });
});
afterAll(() => t.close());

/** A form opened, then sent a moment later (a form sent at once is a script's). */
async function sendForm(fields: Record<string, string>) {
  const { token } = await openCitizenForm(t);
  now += MIN_AGE_MS + 1000;
  return postCitizenForm(t, { ...fields, formToken: token });
}

// Phường Phố Hiến, Hưng Yên; and the Hoàn Kiếm lake, Hà Nội.
const PHO_HIEN = { lat: '20.64640', lng: '106.05110' };
const HA_NOI = { lat: '21.02880', lng: '105.85220' };

describe('the map point', () => {
  it('is an optional block, hidden until the script finds a location service', async () => {
    const { page } = await openCitizenForm(t);
    expect(page.body).toContain('<div class="field" id="locate" hidden>');
    expect(page.body).toContain('<input type="hidden" id="lat" name="lat" value="">');
    expect(page.body).toContain('<script src="/phan-anh/vi-tri.js" defer></script>');
    expect(page.body).toContain('data-done="Đã ghi vị trí %lat; %lng (sai số khoảng %m m)."');
    const script = await t.app.inject({ url: '/phan-anh/vi-tri.js' });
    expect([script.statusCode, script.headers['content-type']]).toEqual([
      200,
      'text/javascript; charset=utf-8',
    ]);
    expect(script.body).toContain('navigator.geolocation.getCurrentPosition');
    // It is plain ES5 a cheap phone's browser runs, and small.
    expect(script.body).not.toMatch(/=>|\blet\b|\bconst\b/);
    expect(script.body.length).toBeLessThan(3500);
  });

  it('keeps a point in the province for the unit, never on the public page', async () => {
    const sent = await sendForm({ ...(petition() as Record<string, string>), ...PHO_HIEN });
    expect(sent.statusCode).toBe(303);
    const code = String(sent.headers.location).match(/\/phan-anh\/([^?]+)/)?.[1] ?? '';
    const [row] = await t.database.db
      .select({ lat: feedbackItems.lat, lng: feedbackItems.lng })
      .from(feedbackItems)
      .where(eq(feedbackItems.code, code));
    expect(row).toEqual({ lat: 20.6464, lng: 106.0511 });
    const publicPage = await t.app.inject({ url: `/phan-anh/${code}` });
    expect(publicPage.body).not.toContain('20.6464');
    expect(publicPage.body).not.toContain('106.0511');
  });

  it('refuses a point in another province by its name, keeping what was typed and the point to remove', async () => {
    const typed = petition() as Record<string, string>;
    const refused = await sendForm({ ...typed, ...HA_NOI });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(
      'Vị trí trên bản đồ nằm ở Thành phố Hà Nội, không thuộc Tỉnh Hưng Yên: hãy lấy lại vị trí, hoặc bỏ vị trí và chỉ chọn xã, phường.',
    );
    expect(refused.body).toContain('<div class="field" id="locate">');
    expect(refused.body).toContain('<input type="hidden" id="lat" name="lat" value="21.02880">');
    expect(refused.body).toContain('Vị trí đã ghi: 21,02880; 105,85220.');
    expect(refused.body).toContain(typed.text);
  });

  it('needs both halves, in range; the JSON intake checks the same', async () => {
    const half = await submitJson(t, petition({ lat: 20.6464 }));
    expect([half.status, half.json.error.details.fields[0]]).toEqual([
      400,
      { path: 'lng', message: 'Vị trí cần có cả vĩ độ và kinh độ.' },
    ]);
    const wrong = await submitJson(t, petition({ lat: 'abc', lng: 106 }));
    expect([wrong.status, wrong.json.error.details.fields[0].path]).toEqual([400, 'lat']);
    const far = await submitJson(t, petition({ lat: 10.7769, lng: 106.7009 }));
    expect(far.json.error.details.fields[0].message).toContain('nằm ở Thành phố Hồ Chí Minh');
    // A point a little over the simplified border (under 2 km) is given the benefit of the doubt.
    const inside = await submitJson(t, petition({ lat: 20.6464, lng: 106.0511 }));
    expect(inside.status).toBe(201);
  });
});
