import { and, asc, eq, gte, inArray, isNotNull, isNull, like, or, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Msg } from '../../core/errors.ts';
import { idParam } from '../../core/ids.ts';
import { formatDateVi } from '../../core/text/dates.ts';
import { searchPattern } from '../../core/text/vietnamese.ts';
import { todayOf } from '../clock.ts';
import type { Db } from '../db/engine.ts';
import { totalOver } from '../db/list-total.ts';
import { receptionSessions, units } from '../db/schema/index.ts';
import { html } from './html.ts';
import { layout, link, pageContext } from './layout.ts';
import { sendPublic } from './public-cache.ts';
import { SW, say } from './site-words.ts';

/**
 * Every unit's head and how to reach them (`/cong-khai/lien-he`): name and title, the public phone and
 * e-mail as links a phone can follow, the address, and the unit's next published reception day. The
 * units keep these themselves (units.contacts). Units in force only; searched without diacritics,
 * filtered by kind, 30 to a page.
 */
const PER_PAGE = 30;

const T = {
  title: { vi: 'Liên hệ', en: 'Contacts' },
  intro: {
    vi: 'Người đứng đầu các cơ quan, xã, phường và cách liên hệ. Các đơn vị tự cập nhật thông tin này.',
    en: 'The heads of agencies, communes and wards and how to reach them. Each unit keeps its own up to date.',
  },
  search: { vi: 'Tìm theo tên đơn vị', en: 'Search by unit name' },
  kind: { vi: 'Loại đơn vị', en: 'Kind of unit' },
  all: { vi: 'Tất cả', en: 'All' },
  departments: { vi: 'Sở, ban, ngành', en: 'Departments' },
  communes: { vi: 'Xã, phường, đặc khu', en: 'Communes and wards' },
  province: { vi: 'Ủy ban nhân dân tỉnh', en: 'Provincial People’s Committee' },
  show: { vi: 'Tìm', en: 'Search' },
  head: { vi: 'Người đứng đầu', en: 'Head' },
  phone: { vi: 'Điện thoại', en: 'Phone' },
  email: { vi: 'Thư điện tử', en: 'E-mail' },
  address: { vi: 'Địa chỉ', en: 'Address' },
  reception: { vi: 'Lịch tiếp công dân gần nhất', en: 'Next reception day' },
  notGiven: { vi: 'Chưa cập nhật', en: 'Not given yet' },
  nothing: { vi: 'Không có đơn vị nào khớp.', en: 'No unit matches.' },
  count: (page: number, pages: number, total: number): Msg => ({
    vi: `Trang ${page}/${pages} · ${total} đơn vị`,
    en: `Page ${page} of ${pages} · ${total} units`,
  }),
  previous: { vi: '‹ Trang trước', en: '‹ Previous' },
  next: { vi: 'Trang sau ›', en: 'Next ›' },
} as const;

const KINDS = { so: ['department'], xa: ['commune'], tinh: ['province'] } as const;
type KindKey = keyof typeof KINDS;

async function showContacts(request: FastifyRequest, reply: FastifyReply, db: Db) {
  return sendPublic(request, reply, async () => {
    const ctx = pageContext(request);
    const s = (message: Msg) => say(ctx.lang, message);
    const raw = request.query as { q?: unknown; loai?: unknown; trang?: unknown };
    const q = typeof raw.q === 'string' ? raw.q.trim().slice(0, 100) : '';
    const kind = typeof raw.loai === 'string' && raw.loai in KINDS ? (raw.loai as KindKey) : null;
    const pageAsked = idParam.safeParse(raw.trang);
    const page = pageAsked.success ? pageAsked.data : 1;
    const today = todayOf({ now: request.server.clock });
    const conditions = [
      or(isNull(units.validTo), gte(units.validTo, today)),
      inArray(units.type, kind ? [...KINDS[kind]] : ['province', 'department', 'commune']),
    ];
    if (q) conditions.push(like(units.nameSearch, searchPattern(q)));
    const rows = await db
      .select({
        id: units.id,
        name: units.name,
        type: units.type,
        headName: units.headName,
        headTitle: units.headTitle,
        headPhone: units.headPhone,
        headEmail: units.headEmail,
        address: units.address,
        total: totalOver(),
      })
      .from(units)
      .where(and(...conditions))
      .orderBy(
        sql`case ${units.type} when 'province' then 0 when 'department' then 1 else 2 end`,
        sql`${units.name} collate vi`,
        asc(units.id),
      )
      .limit(PER_PAGE)
      .offset((page - 1) * PER_PAGE);
    const total = rows[0]?.total ?? 0;
    const pages = Math.max(1, Math.ceil(total / PER_PAGE));
    const sessions = rows.length
      ? await db
          .selectDistinctOn([receptionSessions.unitId], {
            unitId: receptionSessions.unitId,
            on: receptionSessions.on,
            startTime: receptionSessions.startTime,
            endTime: receptionSessions.endTime,
            location: receptionSessions.location,
          })
          .from(receptionSessions)
          .where(
            and(
              inArray(
                receptionSessions.unitId,
                rows.map((row) => row.id),
              ),
              isNotNull(receptionSessions.publishedAt),
              eq(receptionSessions.status, 'planned'),
              gte(receptionSessions.on, today),
            ),
          )
          .orderBy(receptionSessions.unitId, asc(receptionSessions.on), asc(receptionSessions.startTime))
      : [];
    const nextSession = new Map(sessions.map((session) => [session.unitId, session]));
    const pageLink = (to: number) =>
      link(ctx, '/cong-khai/lien-he', { q, loai: kind, trang: to === 1 ? null : to });
    const option = (value: string, label: string) =>
      html`<option value="${value}"${value === (kind ?? '') ? html` selected` : null}>${label}</option>`;
    const body = html`<h1>${s(T.title)}</h1>
<p>${s(T.intro)}</p>
<form method="get" action="/cong-khai/lien-he" class="card" role="search">
${ctx.chosen ? html`<input type="hidden" name="lang" value="${ctx.lang}">` : null}
<div class="filters">
<div class="field"><label for="q">${s(T.search)}</label><input type="search" id="q" name="q" value="${q}"></div>
<div class="field"><label for="loai">${s(T.kind)}</label><select id="loai" name="loai">${option('', s(T.all))}${option('tinh', s(T.province))}${option('so', s(T.departments))}${option('xa', s(T.communes))}</select></div>
</div>
<button type="submit">${s(T.show)}</button>
</form>
<p class="meta" role="status">${s(T.count(page, pages, total))}</p>
${
  rows.length === 0
    ? html`<p>${s(T.nothing)}</p>`
    : html`<ul class="cards">${rows.map((unit) => {
        const session = nextSession.get(unit.id);
        return html`<li><h2>${unit.name}</h2><dl>
<dt>${s(T.head)}</dt><dd>${unit.headName ? html`${unit.headName}${unit.headTitle ? html`<br><span class="meta">${unit.headTitle}</span>` : null}` : s(T.notGiven)}</dd>
<dt>${s(T.phone)}</dt><dd>${unit.headPhone ? html`<a href="tel:${unit.headPhone.replace(/[^\d+]/g, '')}">${unit.headPhone}</a>` : s(T.notGiven)}</dd>
<dt>${s(T.email)}</dt><dd>${unit.headEmail ? html`<a href="mailto:${unit.headEmail}">${unit.headEmail}</a>` : s(T.notGiven)}</dd>
<dt>${s(T.address)}</dt><dd>${unit.address ?? s(T.notGiven)}</dd>
${
  session
    ? html`<dt>${s(T.reception)}</dt><dd><a href="${link(ctx, '/tiep-cong-dan', { unitId: unit.id })}">${formatDateVi(session.on)}, ${session.startTime}–${session.endTime}</a><br><span class="meta">${session.location}</span></dd>`
    : null
}
</dl></li>`;
      })}</ul>`
}
<nav class="pages" aria-label="${s(T.count(page, pages, total))}">
${page > 1 ? html`<a href="${pageLink(page - 1)}" rel="prev">${s(T.previous)}</a>` : html`<span></span>`}
${page < pages ? html`<a href="${pageLink(page + 1)}" rel="next">${s(T.next)}</a>` : null}
</nav>`;
    return {
      status: 200,
      type: 'text/html; charset=utf-8',
      body: layout(ctx, {
        title: s(T.title),
        body,
        wide: true,
        section: 'contacts',
        crumbs: [{ label: s(SW.home), href: '/cong-khai' }, { label: s(T.title) }],
        description: s(T.intro),
      }).markup,
    };
  });
}

export async function contactPages(app: FastifyInstance, { db }: { db: Db }) {
  app.get(
    '/cong-khai/lien-he',
    { config: { policy: 'public' as const }, schema: { hide: true } },
    (request, reply) => showContacts(request, reply, db),
  );
}
