import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DISCLOSURE_PLACES, deadlineInWords, periodInWords } from '../../core/disclosures/catalogue.ts';
import { AppError, inLocale, type Msg } from '../../core/errors.ts';
import { formatDateVi, todayInVietnam } from '../../core/text/dates.ts';
import { contextOf } from '../auth/policy.ts';
import { todayOf } from '../clock.ts';
import type { Db } from '../db/engine.ts';
import { sendDownload } from '../http/downloads.ts';
import { type Html, html } from '../public/html.ts';
import { layout, link, type PageContext, pageContext, sendPage } from '../public/layout.ts';
import { setUpCitizenPages } from '../public/page-setup.ts';
import { sendPublic } from '../public/public-cache.ts';
import type { SitemapSource } from '../public/site-routes.ts';
import { SECTIONS, say } from '../public/site-words.ts';
import { assertReadsObligation } from './disclosure-access.ts';
import {
  DISCLOSURES_BASE,
  obligationAnchor,
  type PublicObligation,
  type PublicUnit,
  previewObligation,
  publicFile,
  publicObligations,
  publicUnits,
  REGISTER_UNIT_TYPES,
  requiredOf,
} from './disclosure-public.ts';

/**
 * The public register of disclosures (`/cong-khai/thong-tin`): choose a commune or department (a GET
 * form without JavaScript, or the list of links), then its page (`/cong-khai/thong-tin/phuong-pho-hien`):
 * what it discloses now and disclosed before (item, title, document, places and dates) and what the
 * catalogue requires of it. Published data only, rendered once per data change (`sendPublic`). The
 * staff's preview of one item (`/cong-khai/thong-tin/xem-truoc/12`, disclosures.read on it, never
 * cached) draws it with the same markup as the unit's page.
 */
const BASE = DISCLOSURES_BASE;
const SECTION = SECTIONS.find((section) => section.key === 'disclosures')?.label ?? {
  vi: 'Thông tin công khai',
  en: 'Public disclosures',
};

const W = {
  intro: {
    vi: 'Những gì các xã, phường và các sở, ngành đã công khai theo Luật Thực hiện dân chủ ở cơ sở, quy định về ngân sách và đất đai: nội dung, văn bản, nơi niêm yết và thời gian.',
    en: 'What the communes, wards and departments disclosed under the Law on Grassroots Democracy and the budget and land rules: the content, the document, where it was posted and for how long.',
  },
  choose: { vi: 'Chọn xã, phường hoặc sở, ngành', en: 'Choose a commune, ward or department' },
  province: { vi: 'Cấp tỉnh', en: 'Province' },
  communes: { vi: 'Xã, phường', en: 'Communes and wards' },
  departments: { vi: 'Sở, ban, ngành', en: 'Departments' },
  show: { vi: 'Xem', en: 'Show' },
  latest: { vi: 'Mới công khai', en: 'Latest disclosures' },
  nothing: { vi: 'Chưa có nội dung nào được công khai.', en: 'Nothing has been disclosed yet.' },
  now: { vi: 'Đang công khai', en: 'Disclosed now' },
  before: { vi: 'Đã công khai trước đây', en: 'Disclosed before' },
  required: { vi: 'Những nội dung phải công khai', en: 'What must be disclosed' },
  requiredIntro: {
    vi: 'Theo danh mục tỉnh áp dụng hôm nay; nội dung đánh dấu “chưa xác nhận” có quy định chưa được xác nhận từ văn bản chính thức.',
    en: 'From the catalogue the province applies today; items marked “unconfirmed” rest on rules not yet confirmed from an official text.',
  },
  item: { vi: 'Nội dung', en: 'Item' },
  basis: { vi: 'Căn cứ', en: 'Legal basis' },
  where: { vi: 'Nơi công khai', en: 'Where' },
  howLong: { vi: 'Thời gian', en: 'How long' },
  deadline: { vi: 'Thời hạn', en: 'Deadline' },
  loudspeaker: { vi: 'loa truyền thanh ít nhất', en: 'loudspeaker at least' },
  days: { vi: 'ngày liên tục', en: 'consecutive days' },
  unconfirmed: { vi: 'chưa xác nhận', en: 'unconfirmed' },
  decision: { vi: 'Văn bản', en: 'Document' },
  issued: { vi: 'ngày', en: 'of' },
  document: { vi: 'Xem văn bản', en: 'Read the document' },
  file: { vi: 'Tải văn bản', en: 'Download the document' },
  since: { vi: 'từ', en: 'from' },
  until: { vi: 'đến', en: 'to' },
  ongoing: { vi: 'đang niêm yết', en: 'still posted' },
  onThisPage: { vi: 'Đăng trên trang này từ', en: 'On this page since' },
  preview: {
    vi: 'Xem trước: đây đúng là nội dung người dân sẽ thấy trên trang công khai của đơn vị. Nội dung này chưa công khai.',
    en: 'Preview: this is exactly what citizens will see on the unit’s public page. It is not public yet.',
  },
  previewPublished: {
    vi: 'Xem trước: nội dung này đang được công khai; người dân thấy đúng như dưới đây.',
    en: 'Preview: this item is public; citizens see exactly what follows.',
  },
  back: { vi: '← Thông tin công khai của các đơn vị', en: '← Every unit’s disclosures' },
} as const satisfies Record<string, Msg>;

/** Each place with its dates, one line each (inside a card: no nested list, which would draw as cards). */
function placesLine(ctx: PageContext, entry: PublicObligation) {
  const s = (message: Msg) => say(ctx.lang, message);
  return entry.places.map(
    (place) =>
      html`<p class="place">${s(DISCLOSURE_PLACES[place.place])}${place.placeDetail ? html` (${place.placeDetail})` : null}: ${s(W.since)} ${formatDateVi(place.from)} ${
        place.to ? html`${s(W.until)} ${formatDateVi(place.to)}` : html`(${s(W.ongoing)})`
      }</p>`,
  );
}

/**
 * One item as the public reads it: the same markup on the unit's page, the register's latest list and
 * the staff's preview. Published before any posting began, it says since when it is on this page.
 */
export function obligationCard(ctx: PageContext, entry: PublicObligation, withUnit: boolean): Html {
  const s = (message: Msg) => say(ctx.lang, message);
  return html`<li id="${obligationAnchor(entry.id)}" data-disclosure="${entry.id}"><h3>${entry.title}</h3>
<p class="meta">${withUnit ? html`${entry.unitName} · ` : null}${entry.itemName ? inLocale(entry.itemName, ctx.lang) : entry.itemCode}</p>
<p>${s(W.decision)}: ${entry.decisionNumber ?? ''} ${s(W.issued)} ${formatDateVi(entry.decisionDate)}${
    entry.documentUrl ? html` · <a href="${entry.documentUrl}" rel="noopener">${s(W.document)}</a>` : null
  }${entry.file ? html` · <a href="${link(ctx, `${BASE}/tep/${entry.file.id}`)}">${s(W.file)} (${entry.file.fileName})</a>` : null}</p>
${entry.places.length > 0 ? placesLine(ctx, entry) : html`<p class="place">${s(W.onThisPage)} ${formatDateVi(entry.publishedOn)}</p>`}</li>`;
}

async function indexPage(request: FastifyRequest, reply: FastifyReply, db: Db) {
  const chosen = (request.query as { don_vi?: unknown }).don_vi;
  if (typeof chosen === 'string' && /^[a-z0-9-]{1,200}$/.test(chosen)) {
    const ctx = pageContext(request);
    return reply
      .status(303)
      .header('cache-control', 'no-store')
      .redirect(link(ctx, `${BASE}/${chosen}`));
  }
  return sendPublic(request, reply, async () => {
    const ctx = pageContext(request);
    const s = (message: Msg) => say(ctx.lang, message);
    const today = todayOf({ now: request.server.clock });
    const [list, latest] = [
      await publicUnits(db, today, REGISTER_UNIT_TYPES),
      await publicObligations(db, { unitId: null, today, limit: 20 }),
    ];
    const options = (type: string) =>
      list
        .filter((unit) => unit.type === type)
        .map((unit) => html`<option value="${unit.slug}">${unit.name}</option>`);
    const title = s(SECTION);
    const body = html`<h1>${title}</h1>
<p>${s(W.intro)}</p>
<form method="get" action="${BASE}" class="card">
${ctx.chosen ? html`<input type="hidden" name="lang" value="${ctx.lang}">` : null}
<div class="field"><label for="don_vi">${s(W.choose)}</label><select id="don_vi" name="don_vi">
${list.some((unit) => unit.type === 'province') ? html`<optgroup label="${s(W.province)}">${options('province')}</optgroup>` : null}
<optgroup label="${s(W.communes)}">${options('commune')}</optgroup>
<optgroup label="${s(W.departments)}">${options('department')}</optgroup>
</select></div>
<button type="submit">${s(W.show)}</button>
</form>
<h2>${s(W.latest)}</h2>
${latest.length === 0 ? html`<p>${s(W.nothing)}</p>` : html`<ul class="items">${latest.map((entry) => obligationCard(ctx, entry, true))}</ul>`}`;
    return {
      status: 200,
      type: 'text/html; charset=utf-8',
      body: layout(ctx, {
        title,
        body,
        section: 'disclosures',
        crumbs: [{ label: say(ctx.lang, SECTIONS[0].label), href: '/cong-khai' }, { label: title }],
        description: s(W.intro),
      }).markup,
    };
  });
}

/** What the catalogue requires, one card per item (a five-column table does not fit a phone). */
function requiredList(ctx: PageContext, items: Awaited<ReturnType<typeof requiredOf>>) {
  const s = (message: Msg) => say(ctx.lang, message);
  return html`<ul class="items">${items.map(
    (
      item,
    ) => html`<li data-required="${item.code}"><p><strong>${ctx.lang === 'en' ? item.nameEn : item.nameVi}</strong>${
      item.unconfirmed ? html` <span class="badge">${s(W.unconfirmed)}</span>` : null
    }</p>
<dl>
<dt>${s(W.where)}</dt><dd>${item.places.map((place) => s(DISCLOSURE_PLACES[place])).join('; ')}</dd>
<dt>${s(W.howLong)}</dt><dd>${s(periodInWords(item.period))}${item.loudspeakerDays ? html`; ${s(W.loudspeaker)} ${item.loudspeakerDays} ${s(W.days)}` : null}</dd>
<dt>${s(W.deadline)}</dt><dd>${s(deadlineInWords(item.deadline))}</dd>
<dt>${s(W.basis)}</dt><dd>${item.basis}</dd>
</dl></li>`,
  )}</ul>`;
}

async function unitPage(request: FastifyRequest, reply: FastifyReply, db: Db) {
  const ctx = pageContext(request);
  const today = todayOf({ now: request.server.clock });
  const wanted = (request.params as { unit: string }).unit;
  const unit: PublicUnit | undefined = (await publicUnits(db, today, REGISTER_UNIT_TYPES)).find(
    (entry) => entry.slug === wanted || String(entry.id) === wanted,
  );
  const s = (message: Msg) => say(ctx.lang, message);
  if (!unit) {
    const title = s({ vi: 'Không tìm thấy', en: 'Not found' });
    const body = html`<h1>${title}</h1><p><a href="${link(ctx, BASE)}">${s(W.back)}</a></p>`;
    return sendPage(reply, 404, layout(ctx, { title, body, section: 'disclosures' }));
  }
  return sendPublic(request, reply, async () => {
    const entries = await publicObligations(db, { unitId: unit.id, today });
    const now = entries.filter((entry) => entry.current);
    const before = entries.filter((entry) => !entry.current);
    const list = (items: PublicObligation[]) =>
      items.length === 0
        ? html`<p>${s(W.nothing)}</p>`
        : html`<ul class="items">${items.map((entry) => obligationCard(ctx, entry, false))}</ul>`;
    const title = `${s(SECTION)}: ${unit.name}`;
    const body = html`<h1>${title}</h1>
<h2>${s(W.now)}</h2>
${list(now)}
<h2>${s(W.before)}</h2>
${list(before)}
<h2>${s(W.required)}</h2>
<p>${s(W.requiredIntro)}</p>
${requiredList(ctx, await requiredOf(db, unit, today))}
<p><a href="${link(ctx, BASE)}">${s(W.back)}</a></p>`;
    return {
      status: 200,
      type: 'text/html; charset=utf-8',
      body: layout(ctx, {
        title,
        body,
        section: 'disclosures',
        wide: true,
        crumbs: [
          { label: say(ctx.lang, SECTIONS[0].label), href: '/cong-khai' },
          { label: s(SECTION), href: BASE },
          { label: unit.name },
        ],
      }).markup,
    };
  });
}

/**
 * The staff's preview of one item: the unit page's sections with only this item, drawn by the same
 * `obligationCard`, under a notice saying whether it is public now. Private and never cached; an item
 * the reader may not read is a 404 page (its existence is not told).
 */
async function previewPage(request: FastifyRequest, reply: FastifyReply, db: Db) {
  const ctx = pageContext(request);
  const s = (message: Msg) => say(ctx.lang, message);
  const notFound = () => {
    const title = s({ vi: 'Không tìm thấy', en: 'Not found' });
    const body = html`<h1>${title}</h1><p><a href="${link(ctx, BASE)}">${s(W.back)}</a></p>`;
    return sendPage(reply, 404, layout(ctx, { title, body, section: 'disclosures', isPrivate: true }));
  };
  const id = Number((request.params as { id: string }).id);
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) return notFound();
  const loaded = await assertReadsObligation(contextOf(request, db), id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
    throw error;
  });
  const entry = loaded && (await previewObligation(db, id, todayOf({ now: request.server.clock })));
  if (!loaded || !entry) return notFound();
  const title = `${s(SECTION)}: ${loaded.unitName}`;
  const notice = loaded.obligation.publishedAt === null ? W.preview : W.previewPublished;
  const body = html`<div class="alert info" role="status"><p>${s(notice)}</p></div>
<h1>${title}</h1>
<h2>${s(entry.current ? W.now : W.before)}</h2>
<ul class="items">${obligationCard(ctx, entry, false)}</ul>`;
  return reply
    .status(200)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(
      layout(ctx, {
        title,
        body,
        section: 'disclosures',
        wide: true,
        isPrivate: true,
        crumbs: [
          { label: say(ctx.lang, SECTIONS[0].label), href: '/cong-khai' },
          { label: s(SECTION), href: BASE },
          { label: loaded.unitName },
        ],
      }).markup,
    );
}

/** The public pages (policy 'public', kept out of the OpenAPI document: they answer HTML). */
export async function disclosurePages(app: FastifyInstance, { db }: { db: Db }) {
  const config = { policy: 'public' as const };
  const schema = { hide: true };
  setUpCitizenPages(app, { path: BASE, label: W.back });
  app.get(BASE, { config, schema }, (request, reply) => indexPage(request, reply, db));
  app.get(`${BASE}/:unit`, { config, schema }, (request, reply) => unitPage(request, reply, db));
  app.get(`${BASE}/xem-truoc/:id`, { config: { policy: 'disclosures.read' }, schema }, (request, reply) =>
    previewPage(request, reply, db),
  );
  app.get(`${BASE}/tep/:fileId`, { config, schema }, async (request, reply) => {
    const id = Number((request.params as { fileId: string }).fileId);
    const file = Number.isInteger(id) && id > 0 && id <= 2_147_483_647 ? await publicFile(db, id) : null;
    if (!file) {
      const ctx = pageContext(request);
      const title = say(ctx.lang, { vi: 'Không tìm thấy', en: 'Not found' });
      return sendPage(reply, 404, layout(ctx, { title, body: html`<h1>${title}</h1>` }));
    }
    return sendDownload(reply.header('cache-control', 'public, max-age=300'), file);
  });
}

/** Every unit's page, for the sitemap. */
export const disclosureSitemap: SitemapSource = async (db) => [
  BASE,
  ...(await publicUnits(db, todayInVietnam(), REGISTER_UNIT_TYPES)).map((unit) => `${BASE}/${unit.slug}`),
];
