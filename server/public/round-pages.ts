import { and, count, desc, eq, isNotNull } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Msg } from '../../core/errors.ts';
import { formatDateVi } from '../../core/text/dates.ts';
import { assertResultsVisible } from '../assessment/assessment-access.ts';
import { getResults } from '../assessment/round-queries.ts';
import { contextOf } from '../auth/policy.ts';
import { nowOf } from '../clock.ts';
import type { Db } from '../db/engine.ts';
import { assessmentRounds, frameworks, roundUnits, units } from '../db/schema/index.ts';
import { decimal, idOfSlug, percentText, slug } from './format.ts';
import { type Html, html } from './html.ts';
import { layout, link, notFoundPage, type PageContext, pageContext, tableBox } from './layout.ts';
import { listPage } from './list-page.ts';
import { htmlRendered, sendPublic } from './public-cache.ts';
import { type Lang, SW, say } from './site-words.ts';
import { sendPreview } from './staff-preview.ts';

/**
 * Published assessment rounds on the public site: the list (`/cong-khai/ket-qua`) and each round's
 * ranking (`/cong-khai/ket-qua/12-chi-so-cchc-xa-phuong-2025`): rank, score, band, change since the
 * last published round, the criteria where each unit lost points, the units that did not take part
 * shown as such. Only a round in the published stage is read: a withdrawn publication (back to the
 * final stage) is gone from the site at the next request. The staff preview the same page before
 * publishing (`/cong-khai/ket-qua/xem-truoc/12`, never cached).
 */
const T = {
  title: { vi: 'Kết quả đánh giá', en: 'Assessment results' },
  intro: {
    vi: 'Kết quả các kỳ đánh giá, xếp hạng cải cách hành chính của các sở, ngành, xã, phường đã được công bố.',
    en: 'The published results and rankings of the administrative reform assessments of departments, communes and wards.',
  },
  nothing: { vi: 'Chưa có kỳ đánh giá nào được công bố.', en: 'No assessment round is published yet.' },
  published: { vi: 'Công bố ngày', en: 'Published on' },
  units: { vi: 'đơn vị', en: 'units' },
  rank: { vi: 'Hạng', en: 'Rank' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  score: { vi: 'Điểm', en: 'Score' },
  percent: { vi: 'Tỷ lệ', en: 'Share' },
  band: { vi: 'Xếp loại', en: 'Band' },
  change: { vi: 'So với kỳ trước', en: 'Since the last round' },
  notTaking: { vi: 'Không tham gia', en: 'Did not take part' },
  notTakingHint: {
    vi: 'Đơn vị không gửi tự đánh giá: không chấm điểm, không xếp hạng.',
    en: 'Units that sent no self-assessment: no score, no rank.',
  },
  ranking: { vi: 'Bảng xếp hạng', en: 'Ranking' },
  averages: { vi: 'Điểm bình quân theo lĩnh vực', en: 'Mean score by area' },
  area: { vi: 'Lĩnh vực', en: 'Area' },
  mean: { vi: 'Bình quân', en: 'Mean' },
  max: { vi: 'Điểm tối đa', en: 'Maximum' },
  lostBy: { vi: 'Số đơn vị bị trừ điểm', en: 'Units that lost points' },
  weakest: { vi: 'Tiêu chí nhiều đơn vị bị trừ điểm nhất', en: 'Criteria where most units lost points' },
  criterion: { vi: 'Tiêu chí', en: 'Criterion' },
  lostTotal: { vi: 'Tổng điểm bị trừ', en: 'Points lost in all' },
  gapsOf: { vi: 'Tiêu chí bị trừ điểm của từng đơn vị', en: 'Where each unit lost points' },
  lost: { vi: 'Bị trừ', en: 'Lost' },
  full: { vi: 'Đạt điểm tối đa ở mọi tiêu chí.', en: 'Full marks on every criterion.' },
  points: { vi: 'điểm', en: 'points' },
  previous: (name: string): Msg => ({ vi: `Kỳ trước: ${name}.`, en: `Previous round: ${name}.` }),
  download: { vi: 'Tải bảng kết quả', en: 'Download the results' },
  preview: {
    vi: 'Bản xem trước: đây đúng là trang người dân sẽ thấy khi đợt đánh giá được công bố. Trang này chưa công khai.',
    en: 'Preview: this is exactly the page citizens will see once the round is published. It is not public yet.',
  },
  previewPublished: {
    vi: 'Đợt đánh giá đang được công bố; đây là trang công khai hiện tại.',
    en: 'The round is published; this is its public page as it stands.',
  },
  nothingYet: {
    vi: 'Chưa có kết quả để xem trước: chưa đơn vị nào gửi bản tự đánh giá, nên chưa có điểm để xếp hạng.',
    en: 'There are no results to preview yet: no unit has sent its self-assessment, so there are no scores to rank.',
  },
} satisfies Record<string, Msg | ((...args: never[]) => Msg)>;

export interface PublishedRound {
  id: number;
  name: string;
  year: number;
  framework: string;
  owner: string;
  publishedAt: Date | null;
  units: number;
}

/** The rounds in the published stage, newest first: nothing else is ever public. */
export async function publishedRounds(db: Db): Promise<PublishedRound[]> {
  return db
    .select({
      id: assessmentRounds.id,
      name: assessmentRounds.name,
      year: assessmentRounds.year,
      framework: frameworks.nameVi,
      owner: units.name,
      publishedAt: assessmentRounds.publishedAt,
      units: count(roundUnits.unitId),
    })
    .from(assessmentRounds)
    .innerJoin(frameworks, eq(frameworks.id, assessmentRounds.frameworkId))
    .innerJoin(units, eq(units.id, assessmentRounds.ownerUnitId))
    .leftJoin(roundUnits, eq(roundUnits.roundId, assessmentRounds.id))
    .where(eq(assessmentRounds.stage, 'published'))
    .groupBy(assessmentRounds.id, frameworks.nameVi, units.name)
    .orderBy(desc(assessmentRounds.year), desc(assessmentRounds.publishedAt), desc(assessmentRounds.id));
}

/**
 * A round's full results as its public page shows them (every criterion below full marks), whatever
 * its stage: the published page and the staff's preview read the same computation.
 */
function roundResults(db: Db, id: number, request: FastifyRequest) {
  return getResults(
    { db, actor: { userId: null, name: 'public' }, ip: request.ip, now: request.server.clock },
    id,
    { allGaps: true },
  );
}

/** A published round's full results, or null when it is not public. */
export async function publishedResults(db: Db, id: number, request: FastifyRequest) {
  const [round] = await db
    .select({ id: assessmentRounds.id })
    .from(assessmentRounds)
    .where(and(eq(assessmentRounds.id, id), eq(assessmentRounds.stage, 'published')));
  return round ? roundResults(db, id, request) : null;
}

export const roundPath = (round: { id: number; name: string }) =>
  `/cong-khai/ket-qua/${round.id}-${slug(round.name)}`;

async function showList(request: FastifyRequest, reply: FastifyReply, db: Db) {
  return sendPublic(request, reply, async () => {
    const ctx = pageContext(request);
    const s = (message: Msg) => say(ctx.lang, message);
    const rounds = await publishedRounds(db);
    return htmlRendered(
      200,
      listPage(ctx, {
        title: s(T.title),
        intro: s(T.intro),
        nothing: s(T.nothing),
        section: 'results',
        entries: rounds.map((round) => ({
          href: roundPath(round),
          name: round.name,
          meta: html`${round.framework} · ${round.owner} · ${round.units} ${s(T.units)}${
            round.publishedAt
              ? html` · ${s(T.published)} ${formatDateVi(round.publishedAt.toISOString().slice(0, 10))}`
              : null
          }`,
        })),
      }),
    );
  });
}

type Results = Awaited<ReturnType<typeof roundResults>>;

function changeText(change: number | null, lang: Lang): { text: string; className: string | null } {
  if (change === null) return { text: '—', className: null };
  const points = decimal(Math.abs(change), lang, 1);
  if (Math.abs(change) < 0.05) return { text: lang === 'vi' ? 'giữ nguyên' : 'unchanged', className: null };
  return change > 0
    ? { text: lang === 'vi' ? `tăng ${points} điểm %` : `up ${points} pts`, className: 'up' }
    : { text: lang === 'vi' ? `giảm ${points} điểm %` : `down ${points} pts`, className: 'down' };
}

/** Per criterion: how many units lost points on it and how many points in all, most units first. */
export function weakestCriteria(results: Results) {
  const byCode = new Map<string, { code: string; name: string; units: number; lost: number }>();
  for (const unit of results.units)
    for (const gap of unit.gaps) {
      const entry = byCode.get(gap.code) ?? { code: gap.code, name: gap.nameVi, units: 0, lost: 0 };
      entry.units += 1;
      entry.lost += gap.lost;
      byCode.set(gap.code, entry);
    }
  return [...byCode.values()].sort(
    (a, b) => b.units - a.units || b.lost - a.lost || a.code.localeCompare(b.code),
  );
}

/** Which preview banner the page carries: none on the public site itself. */
type Preview = 'unpublished' | 'published' | null;

/** A round's page: the public site's and, with its banner, the staff's preview. */
function roundPage(ctx: PageContext, results: Results, preview: Preview): Html {
  const { lang } = ctx;
  const s = (message: Msg) => say(lang, message);
  const taking = results.units.filter((unit) => unit.participating);
  const left = results.units.filter((unit) => !unit.participating);
  const weakest = weakestCriteria(results).slice(0, 15);
  const title = results.round.name;
  const body = html`${previewBanner(ctx, preview)}<h1>${title}</h1>
<p>${lang === 'en' && results.round.frameworkNameEn ? results.round.frameworkNameEn : results.round.frameworkName} · ${results.round.year}${
    results.round.publishedAt
      ? html` · ${s(T.published)} ${formatDateVi(results.round.publishedAt.slice(0, 10))}`
      : null
  }</p>
${results.previousRound ? html`<p class="meta">${s(T.previous(results.previousRound.name))}</p>` : null}
<h2>${s(T.ranking)}</h2>
${tableBox(
  `${title}: ${taking.length} ${s(T.units)}`,
  html`<table>
<caption>${title}: ${taking.length} ${s(T.units)}</caption>
<thead><tr><th scope="col" class="num">${s(T.rank)}</th><th scope="col">${s(T.unit)}</th><th scope="col" class="num">${s(T.score)}</th><th scope="col" class="num">${s(T.percent)}</th><th scope="col">${s(T.band)}</th><th scope="col">${s(T.change)}</th></tr></thead>
<tbody>${results.units.map((unit) => {
    const change = changeText(unit.change, lang);
    return unit.participating
      ? html`<tr><td class="num">${unit.rank ?? '—'}</td><th scope="row">${unit.name}</th><td class="num">${decimal(unit.total, lang)}</td><td class="num">${percentText(unit.percent, lang)}</td><td class="nowrap">${unit.band ?? '—'}</td><td class="nowrap ${change.className ?? ''}">${change.text}</td></tr>`
      : html`<tr><td class="num">—</td><th scope="row">${unit.name}</th><td colspan="4">${s(T.notTaking)}</td></tr>`;
  })}</tbody>
</table>`,
)}
${left.length > 0 ? html`<p class="meta">${s(T.notTakingHint)}</p>` : null}
<p>${s(T.download)}: <a href="${`/du-lieu-mo/ket-qua-${results.round.id}.csv`}" download>CSV</a> · <a href="${`/du-lieu-mo/ket-qua-${results.round.id}.json`}">JSON</a></p>
<h2>${s(T.averages)}</h2>
${tableBox(
  s(T.averages),
  html`<table>
<thead><tr><th scope="col">${s(T.area)}</th><th scope="col" class="num">${s(T.mean)}</th><th scope="col" class="num">${s(T.max)}</th></tr></thead>
<tbody>${results.criteria.map(
    (criterion) =>
      html`<tr><th scope="row">${criterion.nameVi}</th><td class="num">${decimal(results.average[criterion.code] ?? null, lang)}</td><td class="num">${decimal(criterion.maxPoints ?? null, lang)}</td></tr>`,
  )}</tbody>
</table>`,
)}
${
  weakest.length > 0
    ? html`<h2>${s(T.weakest)}</h2>
${tableBox(
  s(T.weakest),
  html`<table>
<thead><tr><th scope="col">${s(T.criterion)}</th><th scope="col" class="num">${s(T.lostBy)}</th><th scope="col" class="num">${s(T.lostTotal)}</th></tr></thead>
<tbody>${weakest.map(
    (entry) =>
      html`<tr><th scope="row">${entry.code} ${entry.name}</th><td class="num">${entry.units}/${taking.length}</td><td class="num">${decimal(entry.lost, lang)}</td></tr>`,
  )}</tbody>
</table>`,
)}`
    : null
}
<h2>${s(T.gapsOf)}</h2>
${taking.map(
  (unit) => html`<details class="card"><summary>${unit.rank ?? '—'}. ${unit.name} · ${s(T.lost)} ${decimal(
    unit.gaps.reduce((sum, gap) => sum + gap.lost, 0),
    lang,
  )} ${s(T.points)}</summary>
${
  unit.gaps.length === 0
    ? html`<p>${s(T.full)}</p>`
    : html`<ul>${unit.gaps.map(
        (gap) =>
          html`<li>${gap.code} ${gap.nameVi}: ${decimal(gap.score, lang)}/${decimal(gap.maxPoints, lang)} (${s(T.lost).toLocaleLowerCase(lang)} ${decimal(gap.lost, lang)})</li>`,
      )}</ul>`
}</details>`,
)}`;
  return layout(ctx, {
    title,
    body,
    wide: true,
    section: 'results',
    isPrivate: preview !== null,
    crumbs: roundCrumbs(ctx, title),
  });
}

const roundCrumbs = (ctx: PageContext, name: string) => [
  { label: say(ctx.lang, SW.home), href: '/cong-khai' },
  { label: say(ctx.lang, T.title), href: '/cong-khai/ket-qua' },
  { label: name },
];

function previewBanner(ctx: PageContext, preview: Preview): Html | null {
  if (!preview) return null;
  return html`<div class="alert info" role="status"><p>${say(ctx.lang, preview === 'published' ? T.previewPublished : T.preview)}</p></div>`;
}

async function showRound(request: FastifyRequest, reply: FastifyReply, db: Db, param: string) {
  return sendPublic(request, reply, async () => {
    const ctx = pageContext(request);
    const id = idOfSlug(param);
    const results = id === null ? null : await publishedResults(db, id, request);
    if (!results) return { status: 404, type: 'text/html; charset=utf-8', body: notFoundPage(ctx).markup };
    const canonical = roundPath(results.round);
    if (`/cong-khai/ket-qua/${param}` !== canonical)
      return {
        status: 301,
        type: 'text/plain; charset=utf-8',
        body: '',
        headers: { location: link(ctx, canonical) },
      };
    return htmlRendered(200, roundPage(ctx, results, null));
  });
}

/**
 * The staff's preview, for whoever sees the round's results in the app (its managers and appraisers
 * before publication): the page as publishing would make it now, dated today. Before any unit has sent
 * its self-assessment there is nothing to rank, and the page says so.
 */
function showPreview(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, db: Db) {
  return sendPreview(request, reply, async (ctx, id) => {
    const round = await assertResultsVisible(contextOf(request, db), id);
    if (round.stage === 'published') return roundPage(ctx, await roundResults(db, id, request), 'published');
    if (!(await hasSentSheets(db, id))) return nothingYetPage(ctx, round.name);
    const results = await roundResults(db, id, request);
    const publishedAt = nowOf({ now: request.server.clock }).toISOString();
    return roundPage(ctx, { ...results, round: { ...results.round, publishedAt } }, 'unpublished');
  });
}

/** Whether any unit of the round has sent its self-assessment (before that, nobody is scored). */
async function hasSentSheets(db: Db, id: number): Promise<boolean> {
  const [sent] = await db
    .select({ unitId: roundUnits.unitId })
    .from(roundUnits)
    .where(and(eq(roundUnits.roundId, id), isNotNull(roundUnits.selfSubmittedAt)))
    .limit(1);
  return sent !== undefined;
}

function nothingYetPage(ctx: PageContext, name: string): Html {
  const s = (message: Msg) => say(ctx.lang, message);
  return layout(ctx, {
    title: name,
    body: html`${previewBanner(ctx, 'unpublished')}<h1>${name}</h1><p>${s(T.nothingYet)}</p>`,
    section: 'results',
    isPrivate: true,
    crumbs: roundCrumbs(ctx, name),
  });
}

export async function roundPages(app: FastifyInstance, { db }: { db: Db }) {
  const config = { policy: 'public' as const };
  const schema = { hide: true };
  app.get('/cong-khai/ket-qua', { config, schema }, (request, reply) => showList(request, reply, db));
  app.get<{ Params: { id: string } }>(
    '/cong-khai/ket-qua/xem-truoc/:id',
    { config: { policy: 'assessment.read' }, schema },
    (request, reply) => showPreview(request, reply, db),
  );
  app.get<{ Params: { round: string } }>('/cong-khai/ket-qua/:round', { config, schema }, (request, reply) =>
    showRound(request, reply, db, request.params.round),
  );
}

export const roundSitemap = async (db: Db) => (await publishedRounds(db)).map(roundPath);
