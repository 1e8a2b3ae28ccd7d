import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planItems, reports } from '../db/schema/index.ts';
import { buildPlan, buildRound, signInAs, taskOf } from '../test/factories.ts';
import { createTestApp, type TestApp, unitIdByCode } from '../test/harness.ts';
import { buildScoredRound } from '../test/scored-round.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-12-04T03:00:00Z') });
});
afterAll(async () => {
  await t.close();
});

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });
/** The page's text without tags, spaces run together: what a reader (or a search engine) reads. */
const textOf = (markup: string) =>
  markup
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('PAPI on the public site', () => {
  it('shows the 2024 ranking in the HTML, the province’s predecessors first, and a map of the 63 provinces', async () => {
    const page = await get('/cong-khai/papi/2024');
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Chỉ số PAPI năm 2024');
    // The published ranks, as the reports give them.
    expect(text).toContain('1 Quảng Ninh 47,82 Cao nhất');
    expect(text).toContain('15 Thái Bình 44,74 Cao nhất tăng 2 bậc');
    expect(text).toContain('19 Hưng Yên 44,40 Trung bình cao giảm 7 bậc');
    expect(text).toContain('Thái Bình Hạng 15/61');
    expect(text).toContain('địa bàn Hưng Yên ngày nay gồm 2 tỉnh');
    const paths = page.body.match(/<path d="/g) ?? [];
    expect(paths).toHaveLength(63);
    // Hưng Yên (33) and Thái Bình (34) outlined.
    expect(page.body.match(/stroke="#c2410c"/g)).toHaveLength(2);
    expect(page.body).toContain('CC BY-SA 4.0');
  });

  it('ranks by a dimension when asked, sends the form on to the stable address, and 404s a year without data', async () => {
    const dimension = textOf((await get('/cong-khai/papi/2024?linh-vuc=papi-5')).body);
    expect(dimension).toContain('Thủ tục hành chính công');
    const chosen = await get('/cong-khai/papi/chon?nam=2019&linh-vuc=papi-2');
    expect(chosen.statusCode).toBe(303);
    expect(chosen.headers.location).toBe('/cong-khai/papi/2019?linh-vuc=papi-2');
    expect((await get('/cong-khai/papi/2017')).statusCode).toBe(404);
    expect((await get('/cong-khai/papi/abc')).statusCode).toBe(404);
    const english = textOf((await get('/cong-khai/papi/2024?lang=en')).body);
    expect(english).toContain('19 Hưng Yên 44.40 Upper middle down 7');
  });
});

const publishedRound = () => buildScoredRound(t, { stage: 'published' });

describe('assessment rounds on the public site', () => {
  it('shows a published round with its ranking and the criteria lost, and nothing once the publication is withdrawn', async () => {
    const round = await publishedRound();
    const list = textOf((await get('/cong-khai/ket-qua')).body);
    expect(list).toContain('Đánh giá cải cách hành chính cấp xã năm 2025');
    const path = `/cong-khai/ket-qua/${round.id}-danh-gia-cai-cach-hanh-chinh-cap-xa-nam-2025`;
    const redirect = await get(`/cong-khai/ket-qua/${round.id}`);
    expect(redirect.statusCode).toBe(301);
    expect(redirect.headers.location).toBe(path);
    const page = await get(path);
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('1 Xã Tân Hưng 100,00 100% Tốt');
    expect(text).toContain('2 Phường Phố Hiến 80,00 80% Khá');
    expect(text).toContain('— Xã Văn Giang Không tham gia');
    expect(text).toContain('Cải cách thủ tục hành chính 10,00 20,00');
    expect(text).toContain('Tiêu chí nhiều đơn vị bị trừ điểm nhất');
    expect(text).toMatch(/XA\.3\.\d[^0-9]+1\/2/);
    expect(text).toContain('2. Phường Phố Hiến · Bị trừ 20,00 điểm');

    const coordinator = await signInAs(t, 'coordinator', '33');
    const withdrawn = await coordinator.request('POST', `/api/rounds/${round.id}/withdraw`, {
      version: round.version,
      reason: 'Rà soát lại điểm của hai xã',
    });
    expect(withdrawn.status).toBe(200);
    expect((await get(path)).statusCode).toBe(404);
    expect(textOf((await get('/cong-khai/ket-qua')).body)).not.toContain('cấp xã năm 2025');
    expect((await get('/sitemap.xml')).body).not.toContain(`/cong-khai/ket-qua/${round.id}-`);
  });

  it('gives each commune its own page: its rank and lost criteria, its contacts; the home page leads to it', async () => {
    await publishedRound();
    const home = textOf((await get('/cong-khai')).body);
    expect(home).toContain('Xếp hạng PAPI năm 2024 Thái Bình: 15/61 Hưng Yên: 19/61');
    expect(home).toContain('Kỳ đánh giá mới công bố Đánh giá cải cách hành chính cấp xã năm 2025');
    const phoHien = await unitIdByCode(t.database, '11953');
    const chosen = await get(`/cong-khai/don-vi/chon?don-vi=${phoHien}`);
    expect(chosen.statusCode).toBe(303);
    expect(chosen.headers.location).toBe('/cong-khai/don-vi/phuong-pho-hien');
    const page = await get('/cong-khai/don-vi/phuong-pho-hien');
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Phường Phố Hiến');
    expect(text).toContain('Hạng 2/2');
    expect(text).toContain('Điểm: 80,00 (80%) · Xếp loại: Khá');
    expect(text).toMatch(/XA\.3\.\d [^:]+: −\d/);
    expect((await get('/cong-khai/don-vi/khong-co')).statusCode).toBe(404);
  });

  it('never shows a round that is not published', async () => {
    const round = await buildRound(t, { name: 'Đợt chưa công bố' });
    expect((await get(`/cong-khai/ket-qua/${round.id}`)).statusCode).toBe(404);
    expect((await get('/cong-khai/ket-qua')).body).not.toContain('Đợt chưa công bố');
  });
});

describe('plans on the public site', () => {
  it('publishes a plan behind its own switch: tasks, leads, progress and accepted reports, never notes, drafts or files', async () => {
    const coordinator = await signInAs(t, 'coordinator', '33');
    const plan = await buildPlan(t, {
      author: coordinator,
      title: 'Nâng cao Chỉ số PAPI năm 2026',
      tasks: 2,
    });
    const task = taskOf(plan, '1');
    await t.database.db.update(planItems).set({ note: 'GHI CHÚ NỘI BỘ' }).where(eq(planItems.id, task.id));
    const unitId = await unitIdByCode(t.database, '33.SNV');
    await t.database.db.insert(reports).values([
      {
        unitId,
        periodCode: '2026Q3',
        status: 'accepted',
        taskUpdates: [
          { itemId: task.id, status: 'in_progress', progress: 40, done: 'Đã tổ chức 3 hội nghị đối thoại' },
        ],
      },
      {
        unitId,
        periodCode: '2026Q4',
        status: 'draft',
        taskUpdates: [{ itemId: task.id, status: 'in_progress', progress: 60, done: 'BẢN NHÁP CHƯA GỬI' }],
      },
    ]);
    const evidence = await coordinator.upload(
      `/api/plans/${plan.id}/items/${task.id}/evidence`,
      'bien-ban-noi-bo.pdf',
      Buffer.from('%PDF-1.4\n%%EOF\n'),
    );
    expect(evidence.status).toBe(201);
    const path = `/cong-khai/ke-hoach/${plan.id}-nang-cao-chi-so-papi-nam-2026`;
    expect((await get(path)).statusCode).toBe(404);

    // What the confirmation says, and the preview: for staff only.
    const summary = await coordinator.request('GET', `/api/plans/${plan.id}/publication`);
    expect(summary.json).toMatchObject({ publishedAt: null, tasks: 2, reportedTasks: 1, publicPath: path });
    expect((await get(`/cong-khai/ke-hoach/xem-truoc/${plan.id}`)).statusCode).toBe(401);
    const preview = await t.app.inject({
      method: 'GET',
      url: `/cong-khai/ke-hoach/xem-truoc/${plan.id}`,
      headers: { cookie: coordinator.cookie },
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['cache-control']).toBe('no-store');
    expect(textOf(preview.body)).toContain('Xem trước: đây đúng là trang người dân sẽ thấy');

    // A commune's reporter may read but not publish it.
    const reporter = await signInAs(t, 'unit_reporter', '33.SNV');
    expect(
      (
        await reporter.request('PUT', `/api/plans/${plan.id}/publication`, {
          published: true,
          version: plan.version,
        })
      ).status,
    ).toBe(403);
    const published = await coordinator.request('PUT', `/api/plans/${plan.id}/publication`, {
      published: true,
      version: plan.version,
    });
    expect(published.status).toBe(200);
    expect(published.json.publishedAt).toBe('2026-12-04T03:00:00.000Z');

    const page = await get(path);
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Nâng cao Chỉ số PAPI năm 2026');
    expect(text).toContain('Nhiệm vụ 1');
    expect(text).toContain('Thời hạn 31/12/2026');
    expect(text).toContain('Đã báo cáo (1 đơn vị)');
    expect(text).toContain('Đã tổ chức 3 hội nghị đối thoại');
    expect(text).toContain('Quý III/2026');
    for (const secret of ['GHI CHÚ NỘI BỘ', 'BẢN NHÁP CHƯA GỬI', 'bien-ban-noi-bo'])
      expect(page.body).not.toContain(secret);
    expect(textOf((await get('/cong-khai/ke-hoach')).body)).toContain('Nâng cao Chỉ số PAPI năm 2026');
    expect((await get('/sitemap.xml')).body).toContain(path);

    // Taken off again: gone at the next request; a second "take off" is refused.
    const off = await coordinator.request('PUT', `/api/plans/${plan.id}/publication`, {
      published: false,
      version: published.json.version,
    });
    expect(off.status).toBe(200);
    expect((await get(path)).statusCode).toBe(404);
    const again = await coordinator.request('PUT', `/api/plans/${plan.id}/publication`, {
      published: false,
      version: off.json.version,
    });
    expect(again.status).toBe(409);
  });
});
