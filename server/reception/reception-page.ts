import { and, asc, eq, gte, inArray, isNotNull } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { inLocale, type Msg } from '../../core/errors.ts';
import { idParam } from '../../core/ids.ts';
import {
  HOST_LEVELS,
  type HostLevel,
  SESSION_KINDS,
  SESSION_MODES,
  type SessionKind,
  type SessionMode,
} from '../../core/reception/labels.ts';
import { formatDateVi } from '../../core/text/dates.ts';
import { todayOf } from '../clock.ts';
import type { Db } from '../db/engine.ts';
import { totalOver } from '../db/list-total.ts';
import { receptionSessions, units } from '../db/schema/index.ts';
import { say, W } from '../feedback/pages/words.ts';
import { html } from '../public/html.ts';
import { layout, link, pageContext } from '../public/layout.ts';
import { htmlRendered, type Rendered, sendPublic } from '../public/public-cache.ts';

/**
 * GET /tiep-cong-dan: the public reception schedule without JavaScript (Luật TCD Điều 24): every unit's
 * published sessions from today — day, hours, place, host, expected content and participants; a
 * postponed day with its reason and the new day; whether it is in person or online (never the link).
 * Filterable by unit with a GET form; 50 to a page. Nothing of the register (visitors, names, what they
 * raised) is ever read here: public data only, rendered once per data change (`sendPublic`).
 */
/** Sessions a page: the schedule of every unit of a province is long, and is never cut. */
const PER_PAGE = 50;

const T = {
  title: { vi: 'Lịch tiếp công dân', en: 'Citizen reception schedule' },
  intro: {
    vi: 'Lịch tiếp công dân định kỳ và đột xuất của lãnh đạo các cơ quan, xã, phường đã được công bố. Công dân đến đúng địa điểm, thời gian; mang theo giấy tờ tùy thân.',
    en: 'The published reception days of the heads of agencies, communes and wards. Come to the place at the time given, with an identity document.',
  },
  unit: { vi: 'Cơ quan, xã, phường', en: 'Agency, commune or ward' },
  allUnits: { vi: 'Tất cả', en: 'All' },
  nothing: { vi: 'Chưa có buổi tiếp nào được công bố.', en: 'No reception day is published yet.' },
  host: { vi: 'Người tiếp', en: 'Host' },
  place: { vi: 'Địa điểm', en: 'Place' },
  time: { vi: 'Thời gian', en: 'Time' },
  topic: { vi: 'Nội dung dự kiến', en: 'Expected content' },
  participants: { vi: 'Thành phần tham dự', en: 'Taking part' },
  postponed: { vi: 'Đã hoãn', en: 'Postponed' },
  reason: { vi: 'Lý do', en: 'Reason' },
  movedTo: { vi: 'Chuyển sang ngày', en: 'Moved to' },
  kind: { vi: 'Hình thức', en: 'Kind' },
  mode: { vi: 'Cách tiếp', en: 'How' },
  pages: { vi: 'Các trang lịch tiếp', en: 'Pages of the schedule' },
} satisfies Record<string, Msg>;

async function renderSchedule(request: FastifyRequest, db: Db): Promise<Rendered> {
  const ctx = pageContext(request);
  const { lang } = ctx;
  const s = (message: Msg) => say(lang, message);
  const raw = request.query as { unitId?: unknown; page?: unknown };
  const asked = idParam.safeParse(raw.unitId);
  const unitId = asked.success ? asked.data : undefined;
  const pageAsked = idParam.safeParse(raw.page);
  const page = pageAsked.success ? pageAsked.data : 1;
  const today = todayOf({ now: request.server.clock });
  const published = and(
    isNotNull(receptionSessions.publishedAt),
    inArray(receptionSessions.status, ['planned', 'postponed']),
    gte(receptionSessions.on, today),
  );
  const sessions = await db
    .select({
      id: receptionSessions.id,
      unitName: units.name,
      kind: receptionSessions.kind,
      // The way of receiving is public; an online session's link never is (it is not read here).
      mode: receptionSessions.mode,
      on: receptionSessions.on,
      startTime: receptionSessions.startTime,
      endTime: receptionSessions.endTime,
      location: receptionSessions.location,
      hostLevel: receptionSessions.hostLevel,
      hostTitle: receptionSessions.hostTitle,
      hostName: receptionSessions.hostName,
      topic: receptionSessions.topic,
      participants: receptionSessions.participants,
      status: receptionSessions.status,
      postponedReason: receptionSessions.postponedReason,
      total: totalOver(),
    })
    .from(receptionSessions)
    .innerJoin(units, eq(units.id, receptionSessions.unitId))
    .where(unitId === undefined ? published : and(published, eq(receptionSessions.unitId, unitId)))
    .orderBy(
      asc(receptionSessions.on),
      asc(receptionSessions.startTime),
      asc(units.name),
      asc(receptionSessions.id),
    )
    .limit(PER_PAGE)
    .offset((page - 1) * PER_PAGE);
  const total = sessions[0]?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PER_PAGE));
  const pageLink = (to: number) => link(ctx, '/tiep-cong-dan', { unitId, page: to });
  const replacements = await db
    .select({ replacesId: receptionSessions.replacesId, on: receptionSessions.on })
    .from(receptionSessions)
    .where(and(isNotNull(receptionSessions.replacesId), isNotNull(receptionSessions.publishedAt)));
  const choices = await db
    .selectDistinct({ id: units.id, name: units.name })
    .from(receptionSessions)
    .innerJoin(units, eq(units.id, receptionSessions.unitId))
    .where(published)
    .orderBy(units.name);
  const option = (value: string, label: string) =>
    html`<option value="${value}"${value === String(unitId ?? '') ? html` selected` : null}>${label}</option>`;
  const body = html`<h1>${s(T.title)}</h1>
<p>${s(T.intro)}</p>
<form method="get" action="/tiep-cong-dan" class="card" role="search">
${ctx.chosen ? html`<input type="hidden" name="lang" value="${lang}">` : null}
<div class="field"><label for="unitId">${s(T.unit)}</label><select id="unitId" name="unitId">
${option('', s(T.allUnits))}${choices.map((unit) => option(String(unit.id), unit.name))}
</select></div>
<button type="submit">${s(W.filter)}</button>
</form>
${
  sessions.length === 0
    ? html`<p>${s(T.nothing)}</p>`
    : html`<ul class="items">${sessions.map((session) => {
        const movedTo = replacements.find((entry) => entry.replacesId === session.id)?.on;
        return html`<li>
<h2>${formatDateVi(session.on)} · ${session.unitName}</h2>
${
  session.status === 'postponed'
    ? html`<div class="alert bad"><p><strong>${s(T.postponed)}</strong>${
        movedTo ? html` · ${s(T.movedTo)} ${formatDateVi(movedTo)}` : null
      }</p>${session.postponedReason ? html`<p>${s(T.reason)}: ${session.postponedReason}</p>` : null}</div>`
    : null
}
<dl>
<dt>${s(T.time)}</dt><dd>${session.startTime}–${session.endTime}</dd>
<dt>${s(T.place)}</dt><dd>${session.location}</dd>
<dt>${s(T.host)}</dt><dd>${session.hostTitle}${session.hostName ? ` ${session.hostName}` : ''} <span class="meta">(${inLocale(HOST_LEVELS[session.hostLevel as HostLevel] ?? HOST_LEVELS.other, lang)})</span></dd>
<dt>${s(T.kind)}</dt><dd>${inLocale(SESSION_KINDS[session.kind as SessionKind] ?? SESSION_KINDS.periodic, lang)}</dd>
<dt>${s(T.mode)}</dt><dd data-mode="${session.mode}">${inLocale(SESSION_MODES[session.mode as SessionMode] ?? SESSION_MODES.in_person, lang)}</dd>
${session.topic ? html`<dt>${s(T.topic)}</dt><dd class="text">${session.topic}</dd>` : null}
${session.participants ? html`<dt>${s(T.participants)}</dt><dd class="text">${session.participants}</dd>` : null}
</dl>
</li>`;
      })}</ul>`
}
<nav class="pages" aria-label="${s(T.pages)}">
${page > 1 ? html`<a href="${pageLink(page - 1)}" rel="prev">${s(W.previous)}</a>` : html`<span></span>`}
${page < pages ? html`<a href="${pageLink(page + 1)}" rel="next">${s(W.next)}</a>` : null}
</nav>
<p><a href="${link(ctx, '/phan-anh')}">${s(W.navForm)}</a></p>`;
  return htmlRendered(200, layout(ctx, { title: s(T.title), body, section: 'reception' }));
}

export async function receptionPage(app: FastifyInstance, { db }: { db: Db }) {
  app.get(
    '/tiep-cong-dan',
    { config: { policy: 'public' as const }, schema: { hide: true } },
    (request, reply) => sendPublic(request, reply, () => renderSchedule(request, db)),
  );
}
