import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRound, COMMUNE_A, signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp } from '../test/harness.ts';
import { buildScoredRound } from '../test/scored-round.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-12-04T03:00:00Z') });
});
afterAll(async () => {
  await t.close();
});

const PREVIEW_BANNER = 'Bản xem trước: đây đúng là trang người dân sẽ thấy khi đợt đánh giá được công bố';
const PUBLIC_BANNER = 'Đợt đánh giá đang được công bố; đây là trang công khai hiện tại';
const PATH_NAME = 'danh-gia-cai-cach-hanh-chinh-cap-xa-nam-2025';

const anonymous = (url: string) => t.app.inject({ method: 'GET', url });
const preview = (who: Session, id: number | string, query = '') =>
  t.app.inject({
    method: 'GET',
    url: `/cong-khai/ket-qua/xem-truoc/${id}${query}`,
    headers: { cookie: who.cookie },
  });
/** The page's text without tags, spaces run together. */
const textOf = (markup: string) =>
  markup
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
/** The page's <main> as markup, its preview banner taken out: what the public reads of the round. */
const mainOf = (markup: string) =>
  (/<main\b[^>]*>([\s\S]*)<\/main>/.exec(markup)?.[1] ?? '').replace(
    /<div class="alert info" role="status"><p>[^<]*<\/p><\/div>/,
    '',
  );

describe("the staff's preview of a round's public page", () => {
  it('shows the coordinator the ranking of a final round before it is public; once published, the public page is the preview', async () => {
    const round = await buildScoredRound(t, { stage: 'final' });
    const coordinator = await signInAs(t, 'coordinator', '33');
    const publicPath = `/cong-khai/ket-qua/${round.id}-${PATH_NAME}`;
    expect((await anonymous(publicPath)).statusCode).toBe(404);

    const before = await preview(coordinator, round.id);
    expect(before.statusCode).toBe(200);
    expect(before.headers['cache-control']).toBe('no-store');
    expect(before.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(before.body).toContain('<meta name="robots" content="noindex, nofollow">');
    const text = textOf(before.body);
    expect(text).toContain(`${PREVIEW_BANNER}. Trang này chưa công khai.`);
    expect(text).not.toContain(PUBLIC_BANNER);
    expect(text).toContain('Đánh giá cải cách hành chính cấp xã năm 2025');
    // Dated as publishing today would date it.
    expect(text).toContain('· 2025 · Công bố ngày 04/12/2026');
    expect(text).toContain('1 Xã Tân Hưng 100,00 100% Tốt');
    expect(text).toContain('2 Phường Phố Hiến 80,00 80% Khá');
    expect(text).toContain('— Xã Văn Giang Không tham gia');
    expect(text).toContain('Cải cách thủ tục hành chính 10,00 20,00');
    expect(text).toContain('2. Phường Phố Hiến · Bị trừ 20,00 điểm');
    const english = textOf((await preview(coordinator, round.id, '?lang=en')).body);
    expect(english).toContain(
      'Preview: this is exactly the page citizens will see once the round is published. It is not public yet.',
    );
    expect(english).toContain('2 Phường Phố Hiến 80.00 80% Khá');
    // Still not public: the preview published nothing.
    expect((await anonymous(publicPath)).statusCode).toBe(404);

    const published = await coordinator.request('POST', `/api/rounds/${round.id}/advance`, {
      version: round.version,
      reason: null,
    });
    expect(published.status).toBe(200);
    const page = await anonymous(publicPath);
    expect(page.statusCode).toBe(200);
    expect(textOf(page.body)).toContain('1 Xã Tân Hưng 100,00 100% Tốt');
    // The preview was exactly the page the public now reads, banner aside.
    expect(mainOf(before.body)).toBe(mainOf(page.body));
    expect(mainOf(page.body)).toContain(
      '<caption>Đánh giá cải cách hành chính cấp xã năm 2025: 2 đơn vị</caption>',
    );

    const after = await preview(coordinator, `${round.id}`);
    expect(after.statusCode).toBe(200);
    expect(after.headers['cache-control']).toBe('no-store');
    expect(textOf(after.body)).toContain(PUBLIC_BANNER);
    expect(textOf(after.body)).not.toContain(PREVIEW_BANNER);
    expect(mainOf(after.body)).toBe(mainOf(page.body));
  });

  it('is for whoever sees the results before publication: a commune in the round, the leader and an unknown id get the 404 page', async () => {
    const round = await buildScoredRound(t, { stage: 'final' });
    const appraiser = await signInAs(t, 'appraiser', '33');
    const appraised = await preview(appraiser, round.id);
    expect(appraised.statusCode).toBe(200);
    expect(textOf(appraised.body)).toContain('2 Phường Phố Hiến 80,00 80% Khá');

    // Phường Phố Hiến is in the round: its own reporter and coordinator see its sheet, not the others'.
    const refused = [
      await signInAs(t, 'unit_reporter', COMMUNE_A),
      await signInAs(t, 'coordinator', COMMUNE_A),
      await signInAs(t, 'leader', '33'),
    ];
    for (const who of refused) {
      const answer = await preview(who, round.id);
      expect(answer.statusCode).toBe(404);
      expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(answer.body).toContain('<h1>Không tìm thấy</h1>');
      expect(answer.body).not.toContain('Phường Phố Hiến 80,00');
    }
    const coordinator = await signInAs(t, 'coordinator', '33');
    for (const id of ['999999', 'abc']) {
      const answer = await preview(coordinator, id);
      expect(answer.statusCode).toBe(404);
      expect(answer.body).toContain('<h1>Không tìm thấy</h1>');
    }

    // Published, the results are the commune's to read in the app as on the site.
    const published = await coordinator.request('POST', `/api/rounds/${round.id}/advance`, {
      version: round.version,
      reason: null,
    });
    expect(published.status).toBe(200);
    const reporter = refused[0] as Session;
    const own = await preview(reporter, round.id);
    expect(own.statusCode).toBe(200);
    expect(textOf(own.body)).toContain(PUBLIC_BANNER);
  });

  it('asks an anonymous visitor to sign in, as the preview of a plan does', async () => {
    const round = await buildScoredRound(t, { stage: 'final' });
    const roundAnswer = await anonymous(`/cong-khai/ket-qua/xem-truoc/${round.id}`);
    const planAnswer = await anonymous('/cong-khai/ke-hoach/xem-truoc/1');
    expect(roundAnswer.statusCode).toBe(401);
    expect(planAnswer.statusCode).toBe(401);
    expect(roundAnswer.headers['cache-control']).toBe('no-store');
    expect(roundAnswer.body).toContain('<a href="/login">');
    expect(textOf(roundAnswer.body)).toBe(textOf(planAnswer.body));
    expect(roundAnswer.body).not.toContain('Phường Phố Hiến');
  });

  it('says there is nothing to show while no unit has sent its self-assessment', async () => {
    const round = await buildRound(t, { name: 'Đợt mới mở' });
    const coordinator = await signInAs(t, 'coordinator', '33');
    const answer = await preview(coordinator, round.id);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    const text = textOf(answer.body);
    expect(text).toContain(PREVIEW_BANNER);
    expect(text).toContain(
      'Đợt mới mở Chưa có kết quả để xem trước: chưa đơn vị nào gửi bản tự đánh giá, nên chưa có điểm để xếp hạng.',
    );
    expect(answer.body).not.toContain('<table');
  });
});
