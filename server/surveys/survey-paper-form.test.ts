import { eq } from 'drizzle-orm';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surveys } from '../db/schema/index.ts';
import { signInAs } from '../test/factories.ts';
import { createTestApp, type TestApp, unitIdByCode } from '../test/harness.ts';
import { PAPER_FORM_WORDS } from './survey-paper-form.ts';

let t: TestApp;
let surveyId: number;

beforeAll(async () => {
  t = await createTestApp();
  const [row] = await t.database.db.select({ id: surveys.id }).from(surveys).where(eq(surveys.code, 'SIPAS'));
  surveyId = row?.id ?? 0;
});
afterAll(() => t.close());

/** Every page's text, lines joined by spaces. */
async function pdfText(data: Buffer): Promise<{ pages: number; text: string }> {
  const pdf = await getDocument({ data: new Uint8Array(data), useSystemFonts: false }).promise;
  const texts: string[] = [];
  for (let n = 1; n <= pdf.numPages; n += 1) {
    const content = await (await pdf.getPage(n)).getTextContent();
    texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return { pages: pdf.numPages, text: texts.join(' ').replace(/\s+/g, ' ') };
}

describe('the questionnaire to print', () => {
  it('lists every question with its code, its answers to tick, the conditions in words and the unit', async () => {
    const reporter = await signInAs(t, 'unit_reporter', '11953');
    const unitId = await unitIdByCode(t.database, '11953');
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${surveyId}/paper-form?unitId=${unitId}`,
      headers: { cookie: reporter.cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const { pages, text } = await pdfText(response.rawPayload);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(text).toContain('Phường Phố Hiến');
    expect(text).toContain(PAPER_FORM_WORDS.number);
    expect(text).toContain('DV1.1. Nơi tiếp nhận hồ sơ có biển hiệu, chỉ dẫn rõ ràng, dễ tìm');
    expect(text).toContain('DV4.1. Nhận kết quả đúng hẹn');
    expect(text).toContain('1 Rất không hài lòng');
    expect(text).toContain('5 Rất hài lòng');
    expect(text).toContain('(Chỉ trả lời nếu câu KENH chọn “Trực tuyến (qua Cổng dịch vụ công)”)');
    expect(text).toContain('0 Không');
  });

  it('is refused for another commune, and needs an account', async () => {
    const reporter = await signInAs(t, 'unit_reporter', '11953');
    const other = await unitIdByCode(t.database, '11977');
    expect(
      (await reporter.request('GET', `/api/surveys/${surveyId}/paper-form?unitId=${other}`)).status,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/surveys/${surveyId}/paper-form` })).statusCode,
    ).toBe(401);
  });
});
