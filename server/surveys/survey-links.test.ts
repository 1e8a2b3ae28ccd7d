import { eq } from 'drizzle-orm';
import jsQRModule from 'jsqr';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surveys } from '../db/schema/index.ts';
import { signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';
import { qrMatrix } from './survey-links.ts';
import { POSTER_WORDS } from './survey-poster.ts';

/**
 * The desk's link, QR code and A4 poster: the unit's short link, a QR code that reads back as that
 * link, a PDF whose text carries the unit's name with its diacritics, and only for staff who read the
 * unit's surveys.
 */
let t: TestApp;
let sipas: number;
let phoHien: number;
let tanHung: number;
let coordinatorA: Session;
beforeAll(async () => {
  t = await createTestApp();
  const [row] = await t.database.db.select({ id: surveys.id }).from(surveys).where(eq(surveys.code, 'SIPAS'));
  sipas = row?.id ?? 0;
  phoHien = await unitIdByCode(t.database, '11953');
  tanHung = await unitIdByCode(t.database, '11977');
  coordinatorA = await signInAs(t, 'coordinator', '11953');
});
afterAll(() => t.close());

// jsqr is CommonJS: its module is the function itself, typed as a default export.
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;

/** The matrix as RGBA pixels (4 px a module, a 4-module quiet zone), read by jsQR. */
function decode(url: string): string | null {
  const qr = qrMatrix(url);
  const scale = 4;
  const size = (qr.size + 8) * scale;
  const pixels = new Uint8ClampedArray(size * size * 4).fill(255);
  for (let y = 0; y < size; y += 1)
    for (let x = 0; x < size; x += 1) {
      const row = Math.floor(y / scale) - 4;
      const column = Math.floor(x / scale) - 4;
      const dark = row >= 0 && column >= 0 && row < qr.size && column < qr.size && qr.isDark(row, column);
      if (dark) pixels.fill(0, (y * size + x) * 4, (y * size + x) * 4 + 3);
    }
  return jsQR(pixels, size, size)?.data ?? null;
}

/** The poster's text, its page size, and the QR code read from the page drawn at 72 dpi. */
async function readPoster(data: Buffer): Promise<{ text: string; size: number[]; qr: string | null }> {
  const task = getDocument({ data: new Uint8Array(data), useSystemFonts: false });
  const pdf = await task.promise;
  const page = await pdf.getPage(1);
  const content = await page.getTextContent();
  const text = content.items.map((item) => ('str' in item ? item.str : '')).join('\n');
  const viewport = page.getViewport({ scale: 1 });
  // pdf.js's own canvas in Node (@napi-rs/canvas, its optional dependency).
  const factory = pdf.canvasFactory as {
    create(
      width: number,
      height: number,
    ): {
      canvas: { width: number; height: number };
      context: {
        getImageData(
          x: number,
          y: number,
          w: number,
          h: number,
        ): { data: Uint8ClampedArray; width: number; height: number };
      };
    };
  };
  const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
  await page.render({ canvas: canvas as never, viewport, background: '#ffffff' }).promise;
  const image = context.getImageData(0, 0, canvas.width, canvas.height);
  const qr = jsQR(image.data, image.width, image.height)?.data ?? null;
  await task.destroy();
  return { text, size: page.view.map((value) => Math.round(value)), qr };
}

describe('the desk’s link', () => {
  it('gives the unit’s short link on the address the server was reached at, and its QR code', async () => {
    const answer = await coordinatorA.request('GET', `/api/surveys/${sipas}/links?unitId=${phoHien}`);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      unitId: phoHien,
      unitName: 'Phường Phố Hiến',
      url: 'http://localhost:80/ks/11953',
    });
    expect(answer.json.qrSvg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(decode(answer.json.url)).toBe('http://localhost:80/ks/11953');
    // The link opens the survey's start page.
    const opened = await t.app.inject({ method: 'GET', url: '/ks/11953' });
    expect(opened.headers.location).toBe(`/khao-sat/11953/${sipas}`);
  });

  it('is the unit’s staff’s only: another commune is not found, the signed-out are asked to sign in', async () => {
    expect((await coordinatorA.request('GET', `/api/surveys/${sipas}/links?unitId=${tanHung}`)).status).toBe(
      404,
    );
    expect((await coordinatorA.request('GET', `/api/surveys/${sipas}/poster?unitId=${tanHung}`)).status).toBe(
      404,
    );
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/surveys/${sipas}/links?unitId=${phoHien}` }))
        .statusCode,
    ).toBe(401);
    expect((await coordinatorA.request('GET', `/api/surveys/${sipas}/links`)).status).toBe(400);
    expect((await coordinatorA.request('GET', `/api/surveys/999999/links?unitId=${phoHien}`)).status).toBe(
      404,
    );
  });
});

describe('the poster', () => {
  it('is an A4 PDF named in words, with the unit’s name, the question, the link and its QR code', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${sipas}/poster?unitId=${phoHien}`,
      headers: { cookie: coordinatorA.cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="ap phich khao sat - phuong pho hien.pdf"; filename*=UTF-8''${encodeURIComponent('Áp phích khảo sát - Phường Phố Hiến.pdf')}`,
    );
    const data = response.rawPayload;
    expect(data.subarray(0, 5).toString()).toBe('%PDF-');
    expect(data.length).toBeLessThan(150_000);
    const { text, size, qr } = await readPoster(data);
    expect(qr).toBe('http://localhost:80/ks/11953');
    expect(size).toEqual([0, 0, 595, 842]);
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    expect(lines[0]).toBe('Phường Phố Hiến');
    expect(lines.join(' ')).toContain(POSTER_WORDS.question);
    expect(lines.join(' ')).toContain('Quét mã để đánh giá — mất khoảng 5 phút, không cần cho biết họ tên');
    expect(lines.at(-1)).toBe('http://localhost:80/ks/11953');
  });
});
