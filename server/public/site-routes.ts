import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Msg } from '../../core/errors.ts';
import type { Db } from '../db/engine.ts';
import { disclosureSitemap } from '../disclosures/disclosure-pages.ts';
import { findPapiResults, papiYears } from '../indices/index-service.ts';
import { projectSitemap } from '../projects/project-public.ts';
import { contactPages } from './contact-pages.ts';
import { percentText } from './format.ts';
import { html } from './html.ts';
import { layout, link, notFoundPage, pageContext, siteName } from './layout.ts';
import { setUpCitizenPages } from './page-setup.ts';
import { papiPages, papiSitemap, predecessorCodes } from './papi-pages.ts';
import { planPages, planSitemap } from './plan-pages.ts';
import { sendPublic } from './public-cache.ts';
import { planPath, publicPlan, publishedPlans } from './public-plans.ts';
import { publishedRounds, roundPages, roundPath, roundSitemap } from './round-pages.ts';
import { SECTIONS, say } from './site-words.ts';
import { unitChooser, unitPages, unitSitemap } from './unit-pages.ts';

/**
 * The public site (`/cong-khai`): what an anonymous visitor reaches at `/`, every page server-rendered
 * (its content is in its HTML; it works with JavaScript off), published data only, cached per data
 * change (`sendPublic`). Each area adds its pages in its own plugin under this prefix; this one holds
 * the home page, the sitemap and robots.txt, and the 404 page for any other address under the prefix.
 */
const T = {
  homeTitle: { vi: 'Trang chủ', en: 'Home' },
  homeIntro: {
    vi: 'Kết quả đánh giá cải cách hành chính, kế hoạch và tiến độ thực hiện, thông tin công khai và cách liên hệ với chính quyền: ai cũng xem được, không cần tài khoản.',
    en: 'Administrative reform results, plans and their progress, public disclosures and how to reach the authorities: open to everyone, no account needed.',
  },
  back: { vi: 'Về trang chủ', en: 'Back to the home page' },
  sections: { vi: 'Các mục', en: 'Sections' },
  papiOf: (year: number): Msg => ({ vi: `Xếp hạng PAPI năm ${year}`, en: `PAPI rank, ${year}` }),
  onTheMap: { vi: 'Xem trên bản đồ', en: 'See it on the map' },
  latestRound: { vi: 'Kỳ đánh giá mới công bố', en: 'Latest published assessment' },
  units: { vi: 'đơn vị được đánh giá', en: 'units assessed' },
  seeRanking: { vi: 'Xem bảng xếp hạng', en: 'See the ranking' },
  latestPlan: { vi: 'Tiến độ kế hoạch', en: 'Plan progress' },
  seeTasks: { vi: 'Xem các nhiệm vụ', en: 'See the tasks' },
} satisfies Record<string, Msg | ((year: number) => Msg)>;

/** What each section offers, in one line on the home page. */
const SECTION_HINTS: Partial<Record<(typeof SECTIONS)[number]['key'], Msg>> = {
  results: {
    vi: 'Xếp hạng, điểm số của các sở, ngành, xã, phường qua các kỳ đánh giá đã công bố.',
    en: 'Ranks and scores of departments, communes and wards in the published assessment rounds.',
  },
  papi: {
    vi: 'Chỉ số PAPI của tỉnh và cả nước 2018–2024 trên bản đồ, theo từng lĩnh vực.',
    en: 'The PAPI index of the province and the country, 2018–2024, on a map, by dimension.',
  },
  plans: {
    vi: 'Các kế hoạch tỉnh công bố: nhiệm vụ, cơ quan chủ trì, thời hạn và tiến độ.',
    en: 'The plans the province published: tasks, lead agencies, deadlines and progress.',
  },
  projects: {
    vi: 'Công trình xây dựng bằng đóng góp của người dân: quyết định của cộng đồng, sổ thu chi, ban giám sát và quyết toán.',
    en: 'Works built with residents’ contributions: their decision, the books, the supervision board and the final accounts.',
  },
  disclosures: {
    vi: 'Những gì xã, phường, sở, ngành đã công khai: ngân sách, hộ nghèo, đất đai; nơi niêm yết và thời gian.',
    en: 'What communes and departments disclosed: budgets, poor households, land; where and for how long.',
  },
  contacts: {
    vi: 'Người đứng đầu từng cơ quan, xã, phường: điện thoại, thư điện tử, địa chỉ.',
    en: 'The head of every agency, commune and ward: phone, e-mail, address.',
  },
  feedback: {
    vi: 'Gửi phản ánh, kiến nghị và theo dõi việc giải quyết.',
    en: 'Send feedback or a proposal and follow how it is handled.',
  },
  reception: { vi: 'Lịch tiếp công dân của lãnh đạo các cấp.', en: 'When the heads receive citizens.' },
  dialogues: {
    vi: 'Các buổi đối thoại với Nhân dân và việc thực hiện cam kết.',
    en: 'Dialogues with citizens and what was promised.',
  },
  data: {
    vi: 'Tải mọi bảng số liệu công khai dạng CSV, JSON.',
    en: 'Download every public table as CSV or JSON.',
  },
};

/** The home page's three figures: the province's latest PAPI ranks, the latest round, the latest public plan. */
async function headlines(request: FastifyRequest, db: Db) {
  const ctx = pageContext(request);
  const s = (message: Msg) => say(ctx.lang, message);
  const cards = [];
  const years = await papiYears(db);
  const year = years.at(-1);
  if (year !== undefined) {
    const results = await findPapiResults(db, year);
    const ranked = results.filter((result) => result.rank !== null).length;
    const own = predecessorCodes(ctx.site.code);
    const lines = results
      .filter((result) => own.has(result.unitCode))
      .sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER));
    if (lines.length > 0)
      cards.push(
        html`<li><p>${s(T.papiOf(year))}</p>${lines.map(
          (result) => html`<p class="big">${result.unit}: ${result.rank ?? '—'}/${ranked}</p>`,
        )}<p><a href="${link(ctx, `/cong-khai/papi/${year}`)}">${s(T.onTheMap)}</a></p></li>`,
      );
  }
  const [round] = await publishedRounds(db);
  if (round)
    cards.push(html`<li><p>${s(T.latestRound)}</p><p><strong>${round.name}</strong></p><p>${round.units} ${s(T.units)}</p>
<p><a href="${link(ctx, roundPath(round))}">${s(T.seeRanking)}</a></p></li>`);
  const [plan] = await publishedPlans(db);
  const planView = plan ? await publicPlan(db, plan.id, request.server.clock) : null;
  if (plan && planView)
    cards.push(html`<li><p>${s(T.latestPlan)}</p><p><strong>${plan.title}</strong></p><p class="big">${percentText(planView.progress, ctx.lang)}</p>
<p><a href="${link(ctx, planPath(plan))}">${s(T.seeTasks)}</a></p></li>`);
  return cards.length ? html`<ul class="cards">${cards}</ul>` : null;
}

async function home(request: FastifyRequest, reply: FastifyReply, db: Db) {
  return sendPublic(request, reply, async () => {
    const ctx = pageContext(request);
    const s = (message: Msg) => say(ctx.lang, message);
    const body = html`<h1>${siteName(ctx)}</h1>
<p>${s(T.homeIntro)}</p>
${await unitChooser(request, db)}
${await headlines(request, db)}
<h2>${s(T.sections)}</h2>
<ul class="cards">${SECTIONS.filter((section) => section.key !== 'home').map(
      (section) => html`<li><h2><a href="${link(ctx, section.path)}">${s(section.label)}</a></h2>
<p>${SECTION_HINTS[section.key] ? s(SECTION_HINTS[section.key] as Msg) : null}</p></li>`,
    )}</ul>`;
    return {
      status: 200,
      type: 'text/html; charset=utf-8',
      body: layout(ctx, {
        title: s(T.homeTitle),
        body,
        section: 'home',
        wide: true,
        description: s(T.homeIntro),
      }).markup,
    };
  });
}

/** Every public address a search engine should know: each area lists its own. */
export type SitemapSource = (db: Db) => Promise<string[]>;
const SITEMAP: SitemapSource[] = [
  papiSitemap,
  roundSitemap,
  planSitemap,
  disclosureSitemap,
  projectSitemap,
  unitSitemap,
];

/** The site's areas: each a plugin of its own, registered here so they share the error pages. */
const AREAS = [papiPages, roundPages, planPages, contactPages, unitPages];

export async function publicSite(app: FastifyInstance, { db, publicUrl }: { db: Db; publicUrl: string }) {
  const config = { policy: 'public' as const };
  const schema = { hide: true };
  const sitemap = SITEMAP;
  setUpCitizenPages(app, { path: '/cong-khai', label: T.back });
  for (const area of AREAS) await app.register(area, { db });

  app.get('/cong-khai', { config, schema }, (request, reply) => home(request, reply, db));
  app.get('/robots.txt', { config, schema }, async (_request, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(
        `User-agent: *\nAllow: /cong-khai\nAllow: /du-lieu-mo\nAllow: /phan-anh\nAllow: /tiep-cong-dan\nAllow: /doi-thoai\nDisallow: /api/\nDisallow: /khao-sat\nSitemap: ${publicUrl}/sitemap.xml\n`,
      ),
  );
  app.get('/sitemap.xml', { config, schema }, (request, reply) =>
    sendPublic(request, reply, async () => {
      const paths = [
        ...SECTIONS.map((section) => section.path),
        ...(await Promise.all(sitemap.map((source) => source(db)))).flat(),
      ];
      const urls = [...new Set(paths)].map(
        (path) => `<url><loc>${publicUrl}${path.replaceAll('&', '&amp;')}</loc></url>`,
      );
      return {
        status: 200,
        type: 'application/xml; charset=utf-8',
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`,
      };
    }),
  );
  app.get('/cong-khai/*', { config, schema }, async (request, reply) =>
    reply
      .status(404)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(notFoundPage(pageContext(request)).markup),
  );
}
