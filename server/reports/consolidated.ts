import type { Paragraph } from 'docx';
import { and, eq, inArray } from 'drizzle-orm';
import { ITEM_STATUS_NAMES, type ItemStatus, type PlanDetail } from '../../core/plans/plan-views.ts';
import { NARRATIVE_SECTIONS, type NarrativeSection } from '../../core/reports/report.ts';
import { formatDateVi, todayInVietnam } from '../../core/text/dates.ts';
import { planItems, reports, units } from '../db/schema/index.ts';
import { CONTENT_TYPES, writeTable } from '../files/tabular.ts';
import type { JobProgress } from '../jobs/jobs.ts';
import { body, labelOf, nd30Document, run } from '../plans/plan-document.ts';
import { getPlan } from '../plans/plan-service.ts';
import { periodOverview, type ReportContext } from './report-service.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const SENT = ['submitted', 'accepted', 'locked'];
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI'];

interface UnitReport {
  unitId: number;
  unitName: string;
  narrative: Record<string, string | null>;
  /** Provincial task id → what the unit reported of it (its own task or the one implementing it). */
  tasks: Map<number, { status: string; progress: number; done: string | null }>;
}

/** The reports units sent for the period, each task mapped back onto the provincial plan's task. */
async function sentReports(ctx: ReportContext, plan: PlanDetail, periodCode: string): Promise<UnitReport[]> {
  const rows = await ctx.db
    .select({ report: reports, unitName: units.name })
    .from(reports)
    .innerJoin(units, eq(units.id, reports.unitId))
    .where(and(eq(reports.periodCode, periodCode), inArray(reports.status, SENT)));
  const itemIds = rows.flatMap((row) => row.report.taskUpdates.map((task) => task.itemId));
  const implementing = itemIds.length
    ? await ctx.db
        .select({ id: planItems.id, implementsItemId: planItems.implementsItemId, planId: planItems.planId })
        .from(planItems)
        .where(inArray(planItems.id, itemIds))
    : [];
  const provincial = new Set(plan.items.map((item) => item.id));
  const target = new Map(
    implementing.map((item) => [item.id, provincial.has(item.id) ? item.id : item.implementsItemId]),
  );
  const collator = new Intl.Collator('vi');
  return rows
    .map(({ report, unitName }) => ({
      unitId: report.unitId,
      unitName,
      narrative: report.narrative,
      tasks: new Map(
        report.taskUpdates.flatMap((task) => {
          const id = target.get(task.itemId);
          return id ? [[id, { status: task.status, progress: task.progress, done: task.done }] as const] : [];
        }),
      ),
    }))
    .sort((a, b) => collator.compare(a.unitName, b.unitName));
}

const percent = (value: number) => `${value.toLocaleString('vi-VN')}%`;

/**
 * The province's report for a period, in the format of Nghị định 30/2020, and its .xlsx annex: the
 * body follows the plan (each section, each provincial task with its status and what each unit did,
 * named), then the units' shortcomings, causes, next tasks and proposals, and who reported.
 */
export async function consolidatedReport(
  ctx: ReportContext,
  planId: number,
  periodCode: string,
  progress: JobProgress,
) {
  const plan = await getPlan(ctx, planId);
  const overview = await periodOverview(ctx, periodCode, {});
  const sent = await sentReports(ctx, plan, overview.period.code);
  await progress(1, sent.length + 3, 'Đã đọc kế hoạch và các báo cáo');

  const content: Paragraph[] = [];
  const heading = (text: string) => content.push(body([run(text, { bold: true })]));
  const counts = overview.counts.total;
  content.push(
    body([
      run(
        `Thực hiện Kế hoạch số ${plan.number ?? '…'} về ${plan.title.charAt(0).toLowerCase()}${plan.title.slice(1)}, ` +
          `${counts.submitted}/${counts.expected} đơn vị đã gửi báo cáo kỳ ${overview.period.code} ` +
          `(số liệu từ ${formatDateVi(overview.period.dataFrom)} đến ${formatDateVi(overview.period.dataTo)}; ` +
          `${counts.onTime} đúng hạn, ${counts.late} muộn, ${counts.missing} chưa gửi). Kết quả như sau:`,
      ),
    ]),
  );
  heading('I. KẾT QUẢ THỰC HIỆN');
  const annex: string[][] = [];
  for (const item of plan.items) {
    if (item.kind === 'section') {
      content.push(body([run(`${labelOf(item.ref)}${item.text}`, { bold: true, italics: true })]));
      continue;
    }
    const status = ITEM_STATUS_NAMES[item.status as ItemStatus].vi.toLocaleLowerCase('vi');
    content.push(
      body([run(`- ${item.text} `), run(`(${status}, ${percent(item.progress)})`, { italics: true })]),
    );
    for (const report of sent) {
      const task = report.tasks.get(item.id);
      if (!task) continue;
      content.push(
        body([
          run(`+ ${report.unitName}: `, { italics: true }),
          run(
            `${task.done ?? ''} (${ITEM_STATUS_NAMES[task.status as ItemStatus]?.vi ?? task.status}, ${percent(task.progress)})`,
          ),
        ]),
      );
      annex.push([
        report.unitName,
        item.ref,
        item.text,
        ITEM_STATUS_NAMES[task.status as ItemStatus]?.vi ?? task.status,
        String(task.progress).replace('.', ','),
        task.done ?? '',
      ]);
    }
  }
  await progress(2, sent.length + 3, 'Đã tổng hợp kết quả theo nhiệm vụ');
  const sections = Object.keys(NARRATIVE_SECTIONS).filter((key) => key !== 'results') as NarrativeSection[];
  sections.forEach((section, index) => {
    heading(`${ROMAN[index + 1]}. ${NARRATIVE_SECTIONS[section].vi.toLocaleUpperCase('vi')}`);
    for (const report of sent) {
      const text = report.narrative[section];
      if (text) content.push(body([run(`- ${report.unitName}: `, { italics: true }), run(text)]));
    }
  });
  heading(`${ROMAN[sections.length + 1]}. KẾT QUẢ CỦA TỪNG ĐƠN VỊ`);
  for (const [index, report] of sent.entries()) {
    const text = report.narrative.results;
    if (text) content.push(body([run(`- ${report.unitName}: `, { italics: true }), run(text)]));
    await progress(index + 3, sent.length + 3, `Đã đưa báo cáo của ${report.unitName}`);
  }
  const docx = await nd30Document(
    {
      issuer: plan.issuer,
      number: null,
      type: 'BC',
      place: plan.place,
      issuedOn: todayInVietnam(),
      year: Number(overview.period.code.slice(0, 4)),
      title: `Kết quả thực hiện Kế hoạch ${plan.number ?? ''} kỳ ${overview.period.code}`.replace(
        /\s+/g,
        ' ',
      ),
      signer: null,
    },
    content,
    ['Ủy ban nhân dân tỉnh', 'Bộ Nội vụ'],
  );
  const xlsx = await writeTable(
    {
      headers: ['Đơn vị', 'Số TT', 'Nhiệm vụ', 'Trạng thái', 'Tiến độ (%)', 'Kết quả thực hiện'],
      rows: annex,
    },
    'xlsx',
    'Phụ lục',
  );
  const name = `bao-cao-${overview.period.code}-ke-hoach-${plan.id}`;
  return {
    files: [
      { fileName: `${name}.docx`, contentType: DOCX, data: docx },
      { fileName: `${name}-phu-luc.xlsx`, contentType: CONTENT_TYPES.xlsx, data: xlsx },
    ],
  };
}
