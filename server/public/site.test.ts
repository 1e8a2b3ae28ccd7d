import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bumpDataVersion } from '../db/read-cache.ts';
import { DEMO_YEAR_KEY } from '../setup/demo-year-state.ts';
import { COMMUNE_A, signInAs } from '../test/factories.ts';
import { createTestApp, type TestApp } from '../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('IHDR-bieu-trung'),
]);

describe('the province’s emblem', () => {
  it('is set by the province’s coordinator, shown on every page and served as an image; a commune’s is refused', async () => {
    const coordinator = await signInAs(t, 'coordinator', '33');
    const before = await coordinator.request('GET', '/api/site');
    expect(before.json).toEqual({ emblem: false, version: 0 });
    expect((await t.app.inject({ method: 'GET', url: '/cong-khai/bieu-trung' })).statusCode).toBe(404);
    const svg = await coordinator.upload(
      '/api/site/emblem?version=0',
      'bieu-trung.svg',
      Buffer.from('<svg/>'),
    );
    expect(svg.status).toBe(400);
    const fake = await coordinator.upload(
      '/api/site/emblem?version=0',
      'bieu-trung.png',
      Buffer.from('GIF89a'),
    );
    expect(fake.status).toBe(400);
    const big = await coordinator.upload(
      '/api/site/emblem?version=0',
      'a.png',
      Buffer.concat([PNG, Buffer.alloc(210 * 1024)]),
    );
    expect(big.status).toBe(400);
    const commune = await signInAs(t, 'coordinator', COMMUNE_A);
    expect((await commune.upload('/api/site/emblem?version=0', 'a.png', PNG)).status).toBe(403);

    const set = await coordinator.upload('/api/site/emblem?version=0', 'bieu-trung.png', PNG);
    expect(set.status).toBe(200);
    expect(set.json).toEqual({ emblem: true, version: 1 });
    const image = await t.app.inject({ method: 'GET', url: '/cong-khai/bieu-trung' });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.rawPayload.equals(PNG)).toBe(true);
    const home = await t.app.inject({ method: 'GET', url: '/cong-khai' });
    expect(home.body).toContain('<img src="/cong-khai/bieu-trung" alt="Biểu trưng" width="36" height="36">');

    const removed = await coordinator.request('DELETE', '/api/site/emblem?version=1');
    expect(removed.json).toEqual({ emblem: false, version: 2 });
    expect((await t.app.inject({ method: 'GET', url: '/cong-khai' })).body).not.toContain('bieu-trung');
  });
});

describe('the public site frame', () => {
  it('sends an anonymous visitor at / to the public home page, which names the province', async () => {
    const root = await t.app.inject({ method: 'GET', url: '/' });
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/cong-khai');
    const home = await t.app.inject({ method: 'GET', url: '/cong-khai' });
    expect(home.statusCode).toBe(200);
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(home.body).toContain('<title>Trang chủ · Cải cách hành chính tỉnh Hưng Yên</title>');
    expect(home.body).toContain('<html lang="vi">');
    expect(home.body).toContain('aria-current="page">Trang chủ</a>');
    const english = await t.app.inject({ method: 'GET', url: '/cong-khai?lang=en' });
    expect(english.body).toContain('<title>Home · Administrative reform, Hưng Yên</title>');
    expect(english.body).toContain('href="/cong-khai/ket-qua?lang=en"');
  });

  it('answers a reader who has the page with 304, and a changed language with another page', async () => {
    const first = await t.app.inject({ method: 'GET', url: '/cong-khai' });
    const etag = String(first.headers.etag);
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    expect(first.headers.vary).toBe('Accept-Language, Accept-Encoding');
    const again = await t.app.inject({
      method: 'GET',
      url: '/cong-khai',
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const english = await t.app.inject({
      method: 'GET',
      url: '/cong-khai',
      headers: { 'if-none-match': etag, 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(english.statusCode).toBe(200);
    expect(english.body).toContain('<html lang="en">');
  });

  it('lists its addresses in the sitemap and robots.txt, and answers an unknown address with a 404 page', async () => {
    const sitemap = await t.app.inject({ method: 'GET', url: '/sitemap.xml' });
    expect(sitemap.statusCode).toBe(200);
    expect(sitemap.body).toContain('<loc>http://localhost:3000/cong-khai</loc>');
    const robots = await t.app.inject({ method: 'GET', url: '/robots.txt' });
    expect(robots.body).toContain('Disallow: /api/');
    expect(robots.body).toContain('Sitemap: ');
    const missing = await t.app.inject({ method: 'GET', url: '/cong-khai/khong-co' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('<h1>Không tìm thấy</h1>');
  });
});

describe('a demo installation', () => {
  it('says on every public page that its data are illustrative; a real one says nothing of the kind', async () => {
    const banner = 'Trang thử nghiệm: dữ liệu minh họa';
    const before = await t.app.inject({ method: 'GET', url: '/cong-khai' });
    expect(before.statusCode).toBe(200);
    expect(before.body).not.toContain(banner);
    await t.database.pool.query(
      `insert into settings (key, value) values ('${DEMO_YEAR_KEY}', '2026-12-02T03:00:00.000Z')`,
    );
    // Written beside Chiso, as psql would: the caches learn of it as of any other change.
    bumpDataVersion();
    try {
      for (const url of ['/cong-khai', '/cong-khai/lien-he', '/phan-anh', '/cong-khai?lang=en']) {
        const page = await t.app.inject({ method: 'GET', url });
        expect(page.statusCode, url).toBe(200);
        expect(page.body, url).toContain(url.endsWith('en') ? 'Trial site: illustrative data' : banner);
      }
    } finally {
      await t.database.pool.query(`delete from settings where key = '${DEMO_YEAR_KEY}'`);
      bumpDataVersion();
    }
  });
});
