import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Msg } from '../../core/errors.ts';
import { periodName } from '../../core/periods/period-names.ts';
import { planName } from '../../core/plans/plan-name.ts';
import { ITEM_STATUS_NAMES, PLAN_STATUS_NAMES, type PlanStatus } from '../../core/plans/plan-views.ts';
import { formatDateVi } from '../../core/text/dates.ts';
import { contextOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import { assertReadsPlan } from '../plans/plan-access.ts';
import { idOfSlug, percentText } from './format.ts';
import { type Html, html } from './html.ts';
import { layout, link, notFoundPage, type PageContext, pageContext } from './layout.ts';
import { listPage } from './list-page.ts';
import { htmlRendered, sendPublic } from './public-cache.ts';
import { type PublicPlan, type PublicTask, planPath, publicPlan, publishedPlans } from './public-plans.ts';
import { SW, say } from './site-words.ts';
import { sendPreview } from './staff-preview.ts';

/**
 * Published plans on the public site: the list (`/cong-khai/ke-hoach`) and each plan
 * (`/cong-khai/ke-hoach/12-nang-cao-chi-so-papi-2026`) with its tasks in document order, the lead
 * units, deadlines, status, progress and what units reported; and the staff's preview of exactly that
 * page before it is published (`/cong-khai/ke-hoach/xem-truoc/12`, plans.read on the plan, never cached).
 */
const T = {
  title: { vi: 'Kế hoạch', en: 'Plans' },
  intro: {
    vi: 'Các kế hoạch cải cách hành chính, nâng cao các chỉ số mà tỉnh công khai: nhiệm vụ, cơ quan chủ trì, thời hạn, tiến độ và kết quả đã báo cáo.',
    en: 'The administrative reform plans the province made public: tasks, lead agencies, deadlines, progress and what was reported.',
  },
  nothing: { vi: 'Chưa có kế hoạch nào được công khai.', en: 'No plan is public yet.' },
  number: { vi: 'Số, ký hiệu', en: 'Number' },
  progress: { vi: 'Tiến độ chung', en: 'Overall progress' },
  tasks: { vi: 'nhiệm vụ', en: 'tasks' },
  issued: { vi: 'Ban hành ngày', en: 'Issued on' },
  issuer: { vi: 'Cơ quan ban hành', en: 'Issued by' },
  signer: { vi: 'Người ký', en: 'Signed by' },
  status: { vi: 'Trạng thái', en: 'Status' },
  lead: { vi: 'Chủ trì', en: 'Lead' },
  support: { vi: 'Phối hợp', en: 'Supporting' },
  due: { vi: 'Thời hạn', en: 'Deadline' },
  overdue: { vi: 'Quá hạn', en: 'Overdue' },
  reported: (n: number): Msg => ({ vi: `Đã báo cáo (${n} đơn vị)`, en: `Reported (${n} units)` }),
  counts: { vi: 'Tình hình thực hiện', en: 'Where the tasks stand' },
  preview: {
    vi: 'Xem trước: đây đúng là trang người dân sẽ thấy khi kế hoạch được công khai. Trang này chưa công khai.',
    en: 'Preview: this is exactly the page citizens will see once the plan is public. It is not public yet.',
  },
  previewPublished: {
    vi: 'Xem trước: kế hoạch đang được công khai; người dân thấy đúng trang này.',
    en: 'Preview: the plan is public; citizens see exactly this page.',
  },
} satisfies Record<string, Msg | ((n: number) => Msg)>;

async function showList(request: FastifyRequest, reply: FastifyReply, db: Db) {
  return sendPublic(request, reply, async () => {
    const ctx = pageContext(request);
    const s = (message: Msg) => say(ctx.lang, message);
    const list = await publishedPlans(db);
    return htmlRendered(
      200,
      listPage(ctx, {
        title: s(T.title),
        intro: s(T.intro),
        nothing: s(T.nothing),
        section: 'plans',
        entries: list.map((plan) => ({
          href: planPath(plan),
          name: plan.title,
          meta: html`${planName(plan, ctx.lang)}${plan.issuedOn ? html` · ${s(T.issued)} ${formatDateVi(plan.issuedOn)}` : null} · ${plan.unit}`,
        })),
      }),
    );
  });
}

function bar(progress: number, label: string): Html {
  const value = Math.round(progress);
  return html`<div class="bar-out" role="img" aria-label="${label}: ${value}%"><div class="bar-in" style="width:${value}%"></div></div>`;
}

function taskBlock(ctx: PageContext, task: PublicTask): Html {
  const s = (message: Msg) => say(ctx.lang, message);
  if (task.kind === 'section') return html`<h3>${task.ref} ${task.text}</h3>`;
  return html`<div class="card" id="nv-${task.id}">
<p><strong>${task.ref}</strong> ${task.text}</p>
<dl>
${task.lead.length ? html`<dt>${s(T.lead)}</dt><dd>${task.lead.join('; ')}</dd>` : null}
${task.support.length ? html`<dt>${s(T.support)}</dt><dd>${task.support.join('; ')}</dd>` : null}
<dt>${s(T.due)}</dt><dd>${task.due ? formatDateVi(task.due) : '—'}${task.overdue ? html` <span class="badge down">${s(T.overdue)}</span>` : null}</dd>
<dt>${s(T.status)}</dt><dd>${say(ctx.lang, ITEM_STATUS_NAMES[task.status])} · ${percentText(task.progress, ctx.lang)}</dd>
</dl>
${bar(task.progress, s(T.progress))}
${
  task.reported.length
    ? html`<details><summary>${s(T.reported(task.reported.length))}</summary><ul>${task.reported.map(
        (entry) =>
          html`<li><strong>${entry.unit}</strong> (${periodName(entry.period, ctx.lang)}): <span class="text">${entry.text}</span></li>`,
      )}</ul></details>`
    : null
}
</div>`;
}

function planPage(ctx: PageContext, plan: PublicPlan, preview: 'draft' | 'published' | null): Html {
  const s = (message: Msg) => say(ctx.lang, message);
  const tasks = plan.items.filter((item) => item.kind === 'task');
  const byStatus = (status: PublicTask['status']) => tasks.filter((task) => task.status === status).length;
  const overdue = tasks.filter((task) => task.overdue).length;
  const body = html`${
    preview
      ? html`<div class="alert info" role="status"><p>${s(preview === 'draft' ? T.preview : T.previewPublished)}</p></div>`
      : null
  }<h1>${plan.title}</h1>
<dl class="card">
<dt>${s(T.number)}</dt><dd>${plan.number ?? '—'}</dd>
${plan.issuedOn ? html`<dt>${s(T.issued)}</dt><dd>${formatDateVi(plan.issuedOn)}</dd>` : null}
<dt>${s(T.issuer)}</dt><dd>${plan.issuer ?? plan.unit}</dd>
${plan.signer ? html`<dt>${s(T.signer)}</dt><dd>${plan.signer}</dd>` : null}
<dt>${s(T.status)}</dt><dd>${say(ctx.lang, PLAN_STATUS_NAMES[plan.status as PlanStatus])}</dd>
</dl>
<h2>${s(T.counts)}</h2>
<ul class="cards stats">
<li><p>${s(T.progress)}</p><p class="big">${percentText(plan.progress, ctx.lang)}</p>${bar(plan.progress, s(T.progress))}</li>
<li><p>${say(ctx.lang, ITEM_STATUS_NAMES.done)}</p><p class="big">${byStatus('done')}/${tasks.length}</p><p>${s(T.tasks)}</p></li>
<li><p>${say(ctx.lang, ITEM_STATUS_NAMES.in_progress)}</p><p class="big">${byStatus('in_progress')}</p><p>${s(T.tasks)}</p></li>
<li><p>${s(T.overdue)}</p><p class="big">${overdue}</p><p>${s(T.tasks)}</p></li>
</ul>
${plan.items.map((item) => taskBlock(ctx, item))}`;
  return layout(ctx, {
    title: plan.title,
    body,
    section: 'plans',
    isPrivate: preview !== null,
    crumbs: [
      { label: s(SW.home), href: '/cong-khai' },
      { label: s(T.title), href: '/cong-khai/ke-hoach' },
      { label: plan.title },
    ],
  });
}

async function showPlan(request: FastifyRequest, reply: FastifyReply, db: Db, param: string) {
  return sendPublic(request, reply, async () => {
    const ctx = pageContext(request);
    const id = idOfSlug(param);
    const plan = id === null ? null : await publicPlan(db, id, request.server.clock);
    if (!plan) return { status: 404, type: 'text/html; charset=utf-8', body: notFoundPage(ctx).markup };
    const canonical = planPath(plan);
    if (`/cong-khai/ke-hoach/${param}` !== canonical)
      return {
        status: 301,
        type: 'text/plain; charset=utf-8',
        body: '',
        headers: { location: link(ctx, canonical) },
      };
    return htmlRendered(200, planPage(ctx, plan, null));
  });
}

/** The staff's preview: the page as it will be, for whoever reads the plan. */
function showPreview(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, db: Db) {
  return sendPreview(request, reply, async (ctx, id) => {
    await assertReadsPlan(contextOf(request, db), id);
    const plan = await publicPlan(db, id, request.server.clock, { preview: true });
    return plan && planPage(ctx, plan, plan.publishedAt && plan.status !== 'draft' ? 'published' : 'draft');
  });
}

export async function planPages(app: FastifyInstance, { db }: { db: Db }) {
  const config = { policy: 'public' as const };
  const schema = { hide: true };
  app.get('/cong-khai/ke-hoach', { config, schema }, (request, reply) => showList(request, reply, db));
  app.get<{ Params: { id: string } }>(
    '/cong-khai/ke-hoach/xem-truoc/:id',
    { config: { policy: 'plans.read' }, schema },
    (request, reply) => showPreview(request, reply, db),
  );
  app.get<{ Params: { plan: string } }>('/cong-khai/ke-hoach/:plan', { config, schema }, (request, reply) =>
    showPlan(request, reply, db, request.params.plan),
  );
}

export const planSitemap = async (db: Db) => (await publishedPlans(db)).map(planPath);
