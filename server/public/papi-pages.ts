import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Msg } from '../../core/errors.ts';
import {
  PAPI_DIMENSIONS,
  PAPI_GROUP_NAMES,
  type PapiDimension,
  type PapiGroup,
  type ProvinceResult,
} from '../../core/indices/papi.ts';
import { dimensionName } from '../../core/plans/plan-views.ts';
import type { Db } from '../db/engine.ts';
import { findPapiResults, papiYears, provincesSince2025 } from '../indices/index-service.ts';
import { decimal } from './format.ts';
import { html } from './html.ts';
import { layout, link, notFoundPage, pageContext, tableBox } from './layout.ts';
import { ATTRIBUTION, choropleth, GROUP_FILL, type MapValue, mapKindOfYear } from './maps.ts';
import { sendPublic } from './public-cache.ts';

import { type Lang, SW, say } from './site-words.ts';

/**
 * The national index on the public site (`/cong-khai/papi/2024?linh-vuc=papi-5`): every province's
 * score, rank and group on a map with the table beside it, the province's own predecessors (before
 * 1 July 2025 it was several provinces, each ranked) outlined and listed first, their ranks over the
 * years, and the year's table to download.
 */
const T = {
  title: (year: number): Msg => ({ vi: `Chỉ số PAPI năm ${year}`, en: `PAPI ${year}` }),
  intro: {
    vi: 'PAPI (Chỉ số Hiệu quả quản trị và hành chính công cấp tỉnh) đo trải nghiệm của người dân với chính quyền qua 8 lĩnh vực, do UNDP và các đối tác công bố hằng năm. Điểm tổng là tổng điểm 8 lĩnh vực; các tỉnh được chia 4 nhóm theo tứ phân vị.',
    en: 'PAPI (the Provincial Governance and Public Administration Performance Index) measures citizens’ experience of government in 8 dimensions, published yearly by UNDP and partners. The total is the sum of the 8 dimensions; provinces fall into 4 quartile groups.',
  },
  formed: (province: string, parts: string[]): Msg => ({
    vi: `Trước ngày 01/07/2025, địa bàn ${province} ngày nay gồm ${parts.length} tỉnh, mỗi tỉnh được xếp hạng riêng: ${parts.join(', ')}.`,
    en: `Before 1 July 2025 today’s ${province} was ${parts.length} provinces, each ranked on its own: ${parts.join(', ')}.`,
  }),
  year: { vi: 'Năm', en: 'Year' },
  measure: { vi: 'Lĩnh vực', en: 'Dimension' },
  total: { vi: 'Điểm tổng hợp', en: 'Total score' },
  show: { vi: 'Xem', en: 'Show' },
  province: { vi: 'Tỉnh, thành phố', en: 'Province' },
  score: { vi: 'Điểm', en: 'Score' },
  rank: { vi: 'Hạng', en: 'Rank' },
  group: { vi: 'Nhóm', en: 'Group' },
  change: { vi: 'So với năm trước', en: 'Since the year before' },
  up: (n: number): Msg => ({ vi: `tăng ${n} bậc`, en: `up ${n}` }),
  down: (n: number): Msg => ({ vi: `giảm ${n} bậc`, en: `down ${n}` }),
  same: { vi: 'giữ nguyên', en: 'unchanged' },
  ofRanked: (rank: number, ranked: number): Msg => ({ vi: `${rank}/${ranked}`, en: `${rank} of ${ranked}` }),
  unranked: { vi: 'Không xếp hạng (thiếu số liệu)', en: 'Not ranked (figures missing)' },
  mapTitle: (measure: string, year: number): Msg => ({
    vi: `Bản đồ các tỉnh theo nhóm, ${measure.toLocaleLowerCase('vi')}, năm ${year}`,
    en: `Provinces by group, ${measure}, ${year}`,
  }),
  mapNote: {
    vi: 'Viền cam: các tỉnh nay thuộc địa bàn tỉnh. Bảng bên cạnh có đủ số liệu của bản đồ.',
    en: 'Orange outline: the provinces that are part of the province today. The table beside holds every figure of the map.',
  },
  noData: { vi: 'Không có số liệu', en: 'No figures' },
  tableCaption: (measure: string, year: number): Msg => ({
    vi: `${measure}, năm ${year}: ${'các tỉnh theo hạng'}`,
    en: `${measure}, ${year}: provinces by rank`,
  }),
  download: { vi: 'Tải bảng số liệu', en: 'Download the table' },
  history: { vi: 'Thứ hạng qua các năm', en: 'Ranks over the years' },
  historyCaption: (measure: string): Msg => ({
    vi: `Hạng theo ${measure.toLocaleLowerCase('vi')}`,
    en: `Rank by ${measure}`,
  }),
  source: {
    vi: 'Nguồn: điểm các chỉ số nội dung thành phần PAPI 2018–2024 đã công bố (papi.org.vn); điểm lĩnh vực, điểm tổng và hạng tính lại đúng như báo cáo công bố.',
    en: 'Source: the published PAPI 2018–2024 sub-dimension scores (papi.org.vn); dimension totals, totals and ranks computed as the published reports do.',
  },
} as const;

type Measure = 'total' | PapiDimension;

/** "papi-5" ↔ "PAPI.5"; anything else is the total. */
const measureOf = (asked: unknown): Measure => {
  const match = typeof asked === 'string' ? /^papi-([1-8])$/.exec(asked) : null;
  return match ? (`PAPI.${match[1]}` as PapiDimension) : 'total';
};
const measureParam = (measure: Measure) => (measure === 'total' ? null : measure.replace('PAPI.', 'papi-'));
const measureName = (measure: Measure, lang: Lang) =>
  measure === 'total' ? say(lang, T.total) : dimensionName(measure, lang);

function figure(result: ProvinceResult, measure: Measure) {
  return measure === 'total'
    ? { score: result.total, rank: result.rank, group: result.group }
    : {
        score: result.dimensions[measure],
        rank: result.dimensionRanks[measure],
        group: result.dimensionGroups[measure],
      };
}

const byRank =
  (lang: Lang) => (a: { rank: number | null; name: string }, b: { rank: number | null; name: string }) =>
    (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) ||
    a.name.localeCompare(b.name, lang);

/** The old provinces a province of today was formed from (just itself when it was not merged). */
export function predecessorCodes(siteCode: string | null): Set<string> {
  if (!siteCode) return new Set();
  const today = provincesSince2025().find((province) => province.code === siteCode);
  return new Set(today?.predecessors.map((predecessor) => predecessor.code) ?? []);
}

async function showYear(request: FastifyRequest, reply: FastifyReply, db: Db, yearText: string | null) {
  return sendPublic(request, reply, async () => {
    const ctx = pageContext(request);
    const { lang } = ctx;
    const s = (message: Msg) => say(lang, message);
    const years = await papiYears(db);
    const year = yearText === null ? years.at(-1) : Number(yearText);
    if (year === undefined || !years.includes(year))
      return { status: 404, type: 'text/html; charset=utf-8', body: notFoundPage(ctx).markup };
    const measure = measureOf((request.query as { 'linh-vuc'?: unknown })['linh-vuc']);
    const name = measureName(measure, lang);
    const results = await findPapiResults(db, year);
    const previous = years.includes(year - 1) ? await findPapiResults(db, year - 1) : [];
    const previousRank = new Map(previous.map((result) => [result.unitCode, figure(result, measure).rank]));
    const kind = mapKindOfYear(year);
    const own =
      kind === 'provinces2025'
        ? new Set(ctx.site.code ? [ctx.site.code] : [])
        : predecessorCodes(ctx.site.code);
    const rows = results
      .map((result) => ({ code: result.unitCode, name: result.unit, ...figure(result, measure) }))
      .sort(byRank(lang));
    const ranked = rows.filter((row) => row.rank !== null).length;
    const values = new Map<string, MapValue>(
      rows.map((row) => [
        row.code,
        {
          group: row.group,
          label:
            row.rank === null
              ? `${row.name}: ${s(T.noData)}`
              : `${row.name}: ${decimal(row.score, lang)} · ${s(T.rank).toLocaleLowerCase(lang)} ${row.rank}`,
        },
      ]),
    );
    const change = (code: string, rank: number | null) => {
      const before = previousRank.get(code);
      if (rank === null || before === null || before === undefined) return '—';
      if (before === rank) return s(T.same);
      return before > rank ? s(T.up(before - rank)) : s(T.down(rank - before));
    };
    const changeClass = (code: string, rank: number | null) => {
      const before = previousRank.get(code);
      if (rank === null || before === null || before === undefined || before === rank) return null;
      return before > rank ? 'up' : 'down';
    };
    const groupName = (group: PapiGroup | null) => (group ? s(PAPI_GROUP_NAMES[group]) : '—');
    const ownRows = rows.filter((row) => own.has(row.code));
    const history = await Promise.all(
      years.map(async (each) => ({
        year: each,
        results: each === year ? results : await findPapiResults(db, each),
      })),
    );
    const option = (value: string, label: string, chosen: boolean) =>
      html`<option value="${value}"${chosen ? html` selected` : null}>${label}</option>`;
    const body = html`<h1>${s(T.title(year))}</h1>
<p>${s(T.intro)}</p>
${
  ownRows.length > 1 && ctx.site.code
    ? html`<p>${s(
        T.formed(
          ctx.site.name,
          ownRows.map((row) => row.name),
        ),
      )}</p>`
    : null
}
<form method="get" action="/cong-khai/papi/chon" class="card">
${ctx.chosen ? html`<input type="hidden" name="lang" value="${lang}">` : null}
<div class="filters">
<div class="field"><label for="nam">${s(T.year)}</label><select id="nam" name="nam">${[...years]
      .reverse()
      .map((each) => option(String(each), String(each), each === year))}</select></div>
<div class="field"><label for="linh-vuc">${s(T.measure)}</label><select id="linh-vuc" name="linh-vuc">${option('', s(T.total), measure === 'total')}${PAPI_DIMENSIONS.map(
      (dimension) =>
        option(measureParam(dimension) ?? '', dimensionName(dimension, lang), measure === dimension),
    )}</select></div>
</div>
<button type="submit">${s(T.show)}</button>
</form>
${
  ownRows.length > 0
    ? html`<ul class="cards">${ownRows.map(
        (row) => html`<li><h2>${row.name}</h2>
<p class="big">${row.rank === null ? s(T.unranked) : `${s(T.rank)} ${s(T.ofRanked(row.rank, ranked))}`}</p>
<p>${name}: ${decimal(row.score, lang)} · ${s(T.group)}: ${groupName(row.group)}</p>
<p class="${changeClass(row.code, row.rank)}">${s(T.change)}: ${change(row.code, row.rank)}</p></li>`,
      )}</ul>`
    : null
}
<div class="grid two">
<figure>
${choropleth(kind, values, { id: 'papi-map', title: s(T.mapTitle(name, year)), highlight: own })}
<ul class="legend">${([1, 2, 3, 4] as const).map(
      (group) =>
        html`<li><span style="background:${GROUP_FILL[group]}"></span>${s(PAPI_GROUP_NAMES[group])}</li>`,
    )}<li><span style="background:#c4c8ce"></span>${s(T.noData)}</li></ul>
<figcaption>${s(T.mapNote)} ${ATTRIBUTION[lang]}</figcaption>
</figure>
<div>
${tableBox(
  s(T.tableCaption(name, year)),
  html`<table>
<caption>${s(T.tableCaption(name, year))}</caption>
<thead><tr><th scope="col" class="num">${s(T.rank)}</th><th scope="col">${s(T.province)}</th><th scope="col" class="num">${s(T.score)}</th><th scope="col">${s(T.group)}</th><th scope="col">${s(T.change)}</th></tr></thead>
<tbody>${rows.map(
    (row) =>
      html`<tr${own.has(row.code) ? html` class="own"` : null}><td class="num">${row.rank ?? '—'}</td><th scope="row">${row.name}</th><td class="num">${decimal(row.score, lang)}</td><td class="nowrap">${groupName(row.group)}</td><td class="nowrap ${changeClass(row.code, row.rank) ?? ''}">${change(row.code, row.rank)}</td></tr>`,
  )}</tbody>
</table>`,
)}
<p>${s(T.download)}: <a href="${`/du-lieu-mo/papi-${year}.csv`}" download>CSV</a> · <a href="${`/du-lieu-mo/papi-${year}.json`}">JSON</a></p>
</div>
</div>
${
  own.size > 0
    ? html`<h2>${s(T.history)}</h2>
${tableBox(
  s(T.historyCaption(name)),
  html`<table>
<caption>${s(T.historyCaption(name))}</caption>
<thead><tr><th scope="col">${s(T.province)}</th>${history.map((entry) => html`<th scope="col" class="num">${entry.year}</th>`)}</tr></thead>
<tbody>${[...own].map((code) => {
    const label = results.find((result) => result.unitCode === code)?.unit ?? code;
    return html`<tr><th scope="row">${label}</th>${history.map((entry) => {
      const result = entry.results.find((each) => each.unitCode === code);
      const rank = result ? figure(result, measure).rank : null;
      return html`<td class="num">${rank === null ? '—' : rank}</td>`;
    })}</tr>`;
  })}</tbody>
</table>`,
)}`
    : null
}
<p class="meta">${s(T.source)}</p>`;
    return {
      status: 200,
      type: 'text/html; charset=utf-8',
      body: layout(ctx, {
        title: `${s(T.title(year))}${measure === 'total' ? '' : ` · ${name}`}`,
        body,
        wide: true,
        section: 'papi',
        crumbs: [{ label: s(SW.home), href: '/cong-khai' }, { label: s(T.title(year)) }],
        description: s(T.intro),
      }).markup,
    };
  });
}

/** The year form without JavaScript: its GET lands here and is sent on to the year's stable address. */
function chooseYear(request: FastifyRequest, reply: FastifyReply) {
  const query = request.query as { nam?: unknown; 'linh-vuc'?: unknown; lang?: unknown };
  const year = typeof query.nam === 'string' && /^\d{4}$/.test(query.nam) ? query.nam : '';
  const ctx = pageContext(request);
  const measure = measureParam(measureOf(query['linh-vuc']));
  return reply.redirect(
    link(ctx, year ? `/cong-khai/papi/${year}` : '/cong-khai/papi', { 'linh-vuc': measure }),
    303,
  );
}

export async function papiPages(app: FastifyInstance, { db }: { db: Db }) {
  const config = { policy: 'public' as const };
  const schema = { hide: true };
  app.get('/cong-khai/papi', { config, schema }, (request, reply) => showYear(request, reply, db, null));
  app.get('/cong-khai/papi/chon', { config, schema }, chooseYear);
  app.get<{ Params: { year: string } }>('/cong-khai/papi/:year', { config, schema }, (request, reply) =>
    /^\d{4}$/.test(request.params.year)
      ? showYear(request, reply, db, request.params.year)
      : reply
          .status(404)
          .type('text/html; charset=utf-8')
          .send(notFoundPage(pageContext(request)).markup),
  );
}

export const papiSitemap = async (db: Db) => (await papiYears(db)).map((year) => `/cong-khai/papi/${year}`);
