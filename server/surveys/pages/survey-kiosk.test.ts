import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surveyResponses, surveys } from '../../db/schema/index.ts';
import { signInAs } from '../../test/factories.ts';
import { createTestApp, type TestApp, unitIdByCode } from '../../test/harness.ts';
import {
  type Citizen,
  citizen,
  freshCitizenAddress,
  inputValue,
  ONLINE,
  walker,
} from '../../test/survey-citizen.ts';

/**
 * The desk's own tablet: many citizens a day answer on one device, opened by the link staff get on the
 * links page (`…?quay=KEY`). Its starts are not counted per device, its responses are not one sender's
 * repeats, no resume link is shown, and each survey ends with "Mời người tiếp theo đánh giá".
 */
let t: TestApp;
let now = Date.parse('2026-12-03T09:00:00+07:00');
let base: string;
let surveyId: number;
let phoHien: number;
let key: string;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(now) });
  const [row] = await t.database.db.select({ id: surveys.id }).from(surveys).where(eq(surveys.code, 'SIPAS'));
  surveyId = row?.id ?? 0;
  base = `/khao-sat/11953/${surveyId}`;
  phoHien = await unitIdByCode(t.database, '11953');
  const reporter = await signInAs(t, 'unit_reporter', '11953');
  const links = await reporter.request('GET', `/api/surveys/${surveyId}/links?unitId=${phoHien}`);
  expect(links.json.kioskUrl).toMatch(/\/ks\/11953\?quay=[\w-]{22}$/);
  key = new URL(links.json.kioskUrl).searchParams.get('quay') ?? '';
});
afterAll(() => t.close());

const { answer } = walker(
  () => base,
  (ms) => {
    now += ms;
  },
);

/** Opens the desk's start page (through the short link) and presses "Bắt đầu". */
async function startAtDesk(c: Citizen, quay = key) {
  const short = await c.get(`/ks/11953?quay=${quay}`);
  expect(short.statusCode).toBe(303);
  const page = await c.get(String(short.headers.location));
  now += 5_000;
  return {
    page,
    started: await c.post(base, {
      formToken: inputValue(page.body, 'formToken') ?? '',
      dossierCode: '',
      quay: inputValue(page.body, 'quay') ?? '',
    }),
  };
}

describe('the desk’s device', () => {
  it('is offered only to those who enter the unit’s surveys', async () => {
    const leader = await signInAs(t, 'leader', '33');
    const links = await leader.request('GET', `/api/surveys/${surveyId}/links?unitId=${phoHien}`);
    expect(links.status).toBe(200);
    expect(links.json.kioskUrl).toBeNull();
  });

  it('serves many citizens in an hour, none a repeat, with no resume link and a button for the next person', async () => {
    const address = freshCitizenAddress();
    for (let i = 0; i < 7; i += 1) {
      const tablet = citizen(t, { address, userAgent: 'Quầy một cửa/Tablet' });
      const { page, started } = await startAtDesk(tablet);
      expect(page.body).toContain('Máy đặt tại quầy: mỗi người trả lời một phiếu riêng.');
      expect(started.statusCode).toBe(303);
      // The cookie lasts the browser session only.
      const screen = await tablet.get(`${base}/phan/1`);
      expect(screen.body).not.toContain('Lưu đường dẫn này để làm tiếp');
      await answer(tablet, ONLINE);
      const thanks = await tablet.get(`${base}/cam-on?quay=${key}`);
      expect(thanks.body).toContain('Mời người tiếp theo đánh giá');
      expect(thanks.body).toContain(`name="quay" value="${key}"`);
    }
    const rows = await t.database.db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.source, 'kiosk'));
    expect(rows.map((row) => [row.status, row.excludedReason, row.senderHash])).toEqual(
      Array(7).fill(['submitted', null, null]),
    );
  });

  it('still flags a survey answered too fast', async () => {
    const tablet = citizen(t);
    await startAtDesk(tablet);
    await answer(tablet, ONLINE, 1, 1_000);
    const [last] = (
      await t.database.db.select().from(surveyResponses).where(eq(surveyResponses.source, 'kiosk'))
    ).sort((a, b) => b.id - a.id);
    expect(last).toMatchObject({ status: 'submitted', excludedReason: 'too_fast' });
  });

  it('is not opened by a wrong key: the page is the citizen’s own, counted and limited per device', async () => {
    const address = freshCitizenAddress();
    for (let i = 0; i < 5; i += 1)
      expect((await startAtDesk(citizen(t, { address }), 'x'.repeat(22))).started.statusCode).toBe(303);
    const sixth = await startAtDesk(citizen(t, { address }), 'x'.repeat(22));
    expect(sixth.page.body).not.toContain('Máy đặt tại quầy');
    expect(sixth.started.statusCode).toBe(429);
    // Another unit's key does not open this desk.
    const other = await unitIdByCode(t.database, '11977');
    const reporter = await signInAs(t, 'coordinator', '33');
    const links = await reporter.request('GET', `/api/surveys/${surveyId}/links?unitId=${other}`);
    const otherKey = new URL(links.json.kioskUrl).searchParams.get('quay') ?? '';
    expect((await startAtDesk(citizen(t, { address }), otherKey)).started.statusCode).toBe(429);
  });
});
