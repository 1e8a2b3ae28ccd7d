import { and, asc, desc, eq, gte, isNotNull } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inLocale, type Msg } from '../../core/errors.ts';
import { PROJECT_STATUSES, type ProjectStatus } from '../../core/projects/books.ts';
import type { PublicProjectQuery } from '../../core/projects/project-schemas.ts';
import { formatDateVi } from '../../core/text/dates.ts';
import { todayOf } from '../clock.ts';
import type { Db } from '../db/engine.ts';
import { assessmentRounds, receptionSessions, roundUnits, units } from '../db/schema/index.ts';
import { publicObligations, publicUnits } from '../disclosures/disclosure-public.ts';
import { publicProjects } from '../projects/project-public.ts';
import { decimal, percentText } from './format.ts';
import { html } from './html.ts';
import { layout, link, notFoundPage, pageContext } from './layout.ts';
import { sendPublic } from './public-cache.ts';
import { publishedResults, roundPath } from './round-pages.ts';
import { SW, say } from './site-words.ts';

/**
 * One commune's (or department's) page for its citizens (`/cong-khai/don-vi/phuong-pho-hien`): what a
 * resident checking their commune on a phone looks for, in one place — its result in the latest
 * published round and the criteria it lost points on, what it disclosed lately, its community
 * projects, its head and how to reach them, its next reception day. Published data only, through the
 * same queries as the site's other pages.
 */
const T = {
  choose: { vi: 'Xã, phường hoặc cơ quan của bạn', en: 'Your commune, ward or agency' },
  show: { vi: 'Xem', en: 'Show' },
  result: { vi: 'Kết quả đánh giá gần nhất', en: 'Latest assessment result' },
  rankOf: (rank: number, of: number): Msg => ({ vi: `Hạng ${rank}/${of}`, en: `Rank ${rank} of ${of}` }),
  notTaking: {
    vi: 'Không tham gia (không gửi tự đánh giá)',
    en: 'Did not take part (no self-assessment sent)',
  },
  score: { vi: 'Điểm', en: 'Score' },
  band: { vi: 'Xếp loại', en: 'Band' },
  lost: { vi: 'Tiêu chí bị trừ điểm nhiều nhất', en: 'Criteria with the most points lost' },
  wholeRound: { vi: 'Xem cả bảng xếp hạng', en: 'See the whole ranking' },
  noResult: {
    vi: 'Chưa có kết quả đánh giá nào được công bố.',
    en: 'No assessment result is published yet.',
  },
  disclosed: { vi: 'Đã công khai gần đây', en: 'Recently disclosed' },
  allDisclosed: { vi: 'Xem tất cả thông tin công khai', en: 'See everything disclosed' },
  noDisclosure: { vi: 'Chưa có thông tin công khai nào.', en: 'Nothing disclosed yet.' },
  projects: { vi: 'Công trình dân góp', en: 'Community projects' },
  contact: { vi: 'Liên hệ', en: 'Contact' },
  head: { vi: 'Người đứng đầu', en: 'Head' },
  phone: { vi: 'Điện thoại', en: 'Phone' },
  email: { vi: 'Thư điện tử', en: 'E-mail' },
  address: { vi: 'Địa chỉ', en: 'Address' },
  notGiven: { vi: 'Chưa cập nhật', en: 'Not given yet' },
  reception: { vi: 'Lịch tiếp công dân sắp tới', en: 'Next reception days' },
  noReception: { vi: 'Chưa công bố lịch tiếp mới.', en: 'No upcoming reception day is published.' },
  feedback: { vi: 'Gửi phản ánh, kiến nghị', en: 'Send feedback' },
} as const;

async function showUnit(request: FastifyRequest<{ Params: { unit: string } }>, reply: FastifyReply, db: Db) {
  return sendPublic(request, reply, async () => {
    const ctx = pageContext(request);
    const { lang } = ctx;
    const s = (message: Msg) => say(lang, message);
    const today = todayOf({ now: request.server.clock });
    const wanted = request.params.unit;
    const found = (await publicUnits(db, today)).find(
      (entry) => entry.slug === wanted || String(entry.id) === wanted,
    );
    if (!found) return { status: 404, type: 'text/html; charset=utf-8', body: notFoundPage(ctx).markup };
    if (found.slug !== wanted)
      return {
        status: 301,
        type: 'text/plain; charset=utf-8',
        body: '',
        headers: { location: link(ctx, `/cong-khai/don-vi/${found.slug}`) },
      };
    const [unit] = await db.select().from(units).where(eq(units.id, found.id));
    if (!unit) return { status: 404, type: 'text/html; charset=utf-8', body: notFoundPage(ctx).markup };
    const [round] = await db
      .select({ id: assessmentRounds.id })
      .from(assessmentRounds)
      .innerJoin(roundUnits, eq(roundUnits.roundId, assessmentRounds.id))
      .where(and(eq(assessmentRounds.stage, 'published'), eq(roundUnits.unitId, unit.id)))
      .orderBy(desc(assessmentRounds.year), desc(assessmentRounds.publishedAt))
      .limit(1);
    const results = round ? await publishedResults(db, round.id, request) : null;
    const own = results?.units.find((entry) => entry.unitId === unit.id);
    const ranked = results?.units.filter((entry) => entry.rank !== null).length ?? 0;
    const disclosures = await publicObligations(db, { unitId: unit.id, today, limit: 5 });
    const projects = (
      await publicProjects(db, { page: 1, perPage: 20, unitId: unit.id } as PublicProjectQuery)
    ).items;
    const sessions = await db
      .select()
      .from(receptionSessions)
      .where(
        and(
          eq(receptionSessions.unitId, unit.id),
          isNotNull(receptionSessions.publishedAt),
          eq(receptionSessions.status, 'planned'),
          gte(receptionSessions.on, today),
        ),
      )
      .orderBy(asc(receptionSessions.on), asc(receptionSessions.startTime))
      .limit(3);
    const body = html`<h1>${unit.name}</h1>
<div class="grid two">
<section class="card" aria-labelledby="ket-qua"><h2 id="ket-qua">${s(T.result)}</h2>
${
  results && own
    ? html`<p class="meta">${results.round.name}</p>
${
  own.participating && own.rank !== null
    ? html`<p class="big">${s(T.rankOf(own.rank, ranked))}</p>
<p>${s(T.score)}: ${decimal(own.total, lang)} (${percentText(own.percent, lang)}) · ${s(T.band)}: ${own.band ?? '—'}</p>
${
  own.gaps.length > 0
    ? html`<h3>${s(T.lost)}</h3><ul>${own.gaps
        .slice(0, 5)
        .map((gap) => html`<li>${gap.code} ${gap.nameVi}: −${decimal(gap.lost, lang)}</li>`)}</ul>`
    : null
}`
    : html`<p>${s(T.notTaking)}</p>`
}
<p><a href="${link(ctx, roundPath(results.round))}">${s(T.wholeRound)}</a></p>`
    : html`<p>${s(T.noResult)}</p>`
}
</section>
<section class="card" aria-labelledby="lien-he"><h2 id="lien-he">${s(T.contact)}</h2><dl>
<dt>${s(T.head)}</dt><dd>${unit.headName ? html`${unit.headName}${unit.headTitle ? html`<br><span class="meta">${unit.headTitle}</span>` : null}` : s(T.notGiven)}</dd>
<dt>${s(T.phone)}</dt><dd>${unit.headPhone ? html`<a href="tel:${unit.headPhone.replace(/[^\d+]/g, '')}">${unit.headPhone}</a>` : s(T.notGiven)}</dd>
<dt>${s(T.email)}</dt><dd>${unit.headEmail ? html`<a href="mailto:${unit.headEmail}">${unit.headEmail}</a>` : s(T.notGiven)}</dd>
<dt>${s(T.address)}</dt><dd>${unit.address ?? s(T.notGiven)}</dd>
</dl>
<h3>${s(T.reception)}</h3>
${
  sessions.length
    ? html`<ul>${sessions.map(
        (session) =>
          html`<li>${formatDateVi(session.on)}, ${session.startTime}–${session.endTime} · ${session.location}</li>`,
      )}</ul>`
    : html`<p>${s(T.noReception)}</p>`
}
<p><a href="${link(ctx, '/phan-anh')}">${s(T.feedback)}</a></p>
</section>
</div>
<section aria-labelledby="cong-khai"><h2 id="cong-khai">${s(T.disclosed)}</h2>
${
  disclosures.length
    ? html`<ul class="items">${disclosures.map(
        (entry) => html`<li><strong>${entry.title}</strong>
<p class="meta">${entry.itemName ? inLocale(entry.itemName, lang) : entry.itemCode} · ${formatDateVi(entry.places[0]?.from ?? entry.publishedOn)}</p></li>`,
      )}</ul>
<p><a href="${link(ctx, `/cong-khai/thong-tin/${found.slug}`)}">${s(T.allDisclosed)}</a></p>`
    : html`<p>${s(T.noDisclosure)}</p>`
}
</section>
${
  projects.length
    ? html`<section aria-labelledby="cong-trinh"><h2 id="cong-trinh">${s(T.projects)}</h2><ul class="items">${projects.map(
        (project) => html`<li><a href="${link(ctx, project.path)}">${project.name}</a>
<p class="meta">${inLocale(PROJECT_STATUSES[project.status as ProjectStatus] ?? PROJECT_STATUSES.preparing, lang)} · ${percentText(project.progress, lang)}</p></li>`,
      )}</ul></section>`
    : null
}`;
    return {
      status: 200,
      type: 'text/html; charset=utf-8',
      body: layout(ctx, {
        title: unit.name,
        body,
        wide: true,
        section: 'home',
        crumbs: [{ label: s(SW.home), href: '/cong-khai' }, { label: unit.name }],
      }).markup,
    };
  });
}

/** The home page's chooser without JavaScript: its GET lands here and is sent on to the unit's address. */
async function chooseUnit(request: FastifyRequest, reply: FastifyReply, db: Db) {
  const asked = String((request.query as { 'don-vi'?: unknown })['don-vi'] ?? '');
  const today = todayOf({ now: request.server.clock });
  const unit = (await publicUnits(db, today)).find((entry) => String(entry.id) === asked);
  const ctx = pageContext(request);
  return reply.redirect(link(ctx, unit ? `/cong-khai/don-vi/${unit.slug}` : '/cong-khai'), 303);
}

/** The chooser on the home page: every commune and department in force, by name. */
export async function unitChooser(request: FastifyRequest, db: Db) {
  const ctx = pageContext(request);
  const s = (message: Msg) => say(ctx.lang, message);
  const choices = await publicUnits(db, todayOf({ now: request.server.clock }));
  return html`<form method="get" action="/cong-khai/don-vi/chon" class="card" role="search">
${ctx.chosen ? html`<input type="hidden" name="lang" value="${ctx.lang}">` : null}
<div class="field"><label for="don-vi">${s(T.choose)}</label><select id="don-vi" name="don-vi">${choices.map(
    (unit) => html`<option value="${unit.id}">${unit.name}</option>`,
  )}</select></div>
<button type="submit">${s(T.show)}</button>
</form>`;
}

export async function unitPages(app: FastifyInstance, { db }: { db: Db }) {
  const config = { policy: 'public' as const };
  const schema = { hide: true };
  app.get('/cong-khai/don-vi/chon', { config, schema }, (request, reply) => chooseUnit(request, reply, db));
  app.get<{ Params: { unit: string } }>('/cong-khai/don-vi/:unit', { config, schema }, (request, reply) =>
    showUnit(request, reply, db),
  );
}

export const unitSitemap = async (db: Db) =>
  (await publicUnits(db, todayOf({}))).map((unit) => `/cong-khai/don-vi/${unit.slug}`);
