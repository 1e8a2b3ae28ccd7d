import { eq } from 'drizzle-orm';
import { TARGET_STATUS } from '../../core/indicators/targets.ts';
import { periodFileName, periodName } from '../../core/periods/period-names.ts';
import { ITEM_STATUS_NAMES, type ItemStatus, type PlanDetail } from '../../core/plans/plan-views.ts';
import { NARRATIVE_SECTIONS, type NarrativeSection } from '../../core/reports/report.ts';
import { formatDateVi, todayInVietnam } from '../../core/text/dates.ts';
import { units } from '../db/schema/index.ts';
import { renderDocx } from '../files/docx-render.ts';
import { CONTENT_TYPES, writeWorkbook } from '../files/tabular.ts';
import type { JobProgress } from '../jobs/jobs.ts';
import { labelOf, placeOfUnit, type RunSpec } from '../plans/plan-document.ts';
import { sentReports, unitIndicatorRows } from './consolidated-data.ts';
import { periodOverview, type ReportContext } from './report-service.ts';
import { countersByUnit, measureTargets, type TargetValue } from './target-values.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'];

/** "95,3%": Vietnamese decimal comma. */
const percent = (value: number) => `${value.toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`;
const statusName = (status: string) => ITEM_STATUS_NAMES[status as ItemStatus]?.vi ?? status;
const OPERATOR_WORDS: Record<string, string> = {
  '>': 'trên',
  '>=': 'từ',
  '<': 'dưới',
  '<=': 'không quá',
  '=': 'bằng',
};

function targetLine(target: TargetValue): string {
  const goal = `${OPERATOR_WORDS[target.op] ?? target.op} ${target.value.toLocaleString('vi-VN')}${target.unit}`;
  if (!target.measured || target.measured.rate === null)
    return `${target.text} (chỉ tiêu: ${goal}; chưa có số liệu đo được trong kỳ)`;
  const { numerator, denominator, rate } = target.measured;
  const status = target.status ? TARGET_STATUS[target.status].vi.toLocaleLowerCase('vi') : '';
  return (
    `${target.text}: đạt ${percent(rate)} (${numerator.toLocaleString('vi-VN')}/` +
    `${(denominator ?? 0).toLocaleString('vi-VN')} hồ sơ; chỉ tiêu ${goal}) — ${status}`
  );
}

/**
 * The province's report for a period, in the format of Nghị định 30/2020, and its .xlsx annex: the
 * targets with what they measured, then the body following the plan (each section, each provincial
 * task with its status and what each unit did, named), the units' shortcomings, causes, next tasks
 * and proposals, who reported and who did not.
 */
export async function consolidatedReport(
  ctx: ReportContext,
  plan: PlanDetail,
  periodCode: string,
  progress: JobProgress,
) {
  const overview = await periodOverview(ctx, periodCode, {});
  const code = overview.period.code;
  const periodWords = periodName(code, 'vi', { inSentence: true });
  const sent = await sentReports(
    ctx,
    plan,
    code,
    overview.units.map((entry) => entry.unit.id),
  );
  const steps = sent.length + 4;
  await progress(1, steps, 'Đã đọc kế hoạch và các báo cáo');
  const [planUnit] = await ctx.db.select({ path: units.path }).from(units).where(eq(units.id, plan.unit.id));
  const perUnit = await countersByUnit(ctx.db, code);
  const targets = planUnit ? measureTargets(perUnit, planUnit.path, code, plan.targets) : [];
  await progress(2, steps, 'Đã tính các chỉ tiêu');

  const content: RunSpec[][] = [];
  const heading = (text: string) => content.push([{ text, bold: true }]);
  const counts = overview.counts.total;
  content.push([
    {
      text:
        `Thực hiện Kế hoạch số ${plan.number ?? '…'} về ${plan.title.charAt(0).toLowerCase()}${plan.title.slice(1)}, ` +
        `${counts.submitted}/${counts.expected} đơn vị đã gửi báo cáo ${periodWords} ` +
        `(số liệu từ ${formatDateVi(overview.period.dataFrom)} đến ${formatDateVi(overview.period.dataTo)}; ` +
        `${counts.onTime} đúng hạn, ${counts.late} muộn, ${counts.missing} quá hạn chưa gửi). Kết quả như sau:`,
    },
  ]);
  let part = 0;
  const numbered = (text: string) => heading(`${ROMAN[part++]}. ${text}`);
  if (targets.length > 0) {
    numbered('KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU');
    for (const target of targets) content.push([{ text: `- ${targetLine(target)}.` }]);
  }
  numbered('KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ');
  const annex: (string | number | null)[][] = [];
  for (const item of plan.items) {
    if (item.kind === 'section') {
      // The plan's own parts ("II. NHIỆM VỤ…") sit under the report's parts: named "Mục II." so they do not clash.
      const part = /^[IVXLC]+$/.test(item.ref) ? 'Mục ' : '';
      content.push([{ text: `${part}${labelOf(item.ref)}${item.text}`, bold: true, italics: true }]);
      continue;
    }
    const status = statusName(item.status).toLocaleLowerCase('vi');
    content.push([
      { text: `- ${item.text} ` },
      { text: `(${status}, ${percent(item.progress)})`, italics: true },
    ]);
    for (const report of sent) {
      const task = report.tasks.get(item.id);
      if (!task) continue;
      content.push([
        { text: `+ ${report.unitName}: `, italics: true },
        { text: `${task.done ?? ''} (${statusName(task.status)}, ${percent(task.progress)})` },
      ]);
      annex.push([
        report.unitName,
        item.ref,
        item.text,
        statusName(task.status),
        task.progress,
        task.done ?? '',
      ]);
    }
  }
  await progress(3, steps, 'Đã tổng hợp kết quả theo nhiệm vụ');
  const sections = Object.keys(NARRATIVE_SECTIONS).filter((key) => key !== 'results') as NarrativeSection[];
  for (const section of sections) {
    numbered(NARRATIVE_SECTIONS[section].vi.toLocaleUpperCase('vi'));
    for (const report of sent) {
      const text = report.narrative[section];
      if (text) content.push([{ text: `- ${report.unitName}: `, italics: true }, { text }]);
    }
  }
  numbered('KẾT QUẢ CỦA TỪNG ĐƠN VỊ');
  for (const [index, report] of sent.entries()) {
    const text = report.narrative.results;
    if (text) content.push([{ text: `- ${report.unitName}: `, italics: true }, { text }]);
    await progress(index + 4, steps, `Đã đưa báo cáo của ${report.unitName}`);
  }
  const missing = overview.units.filter((entry) => entry.toChase).map((entry) => entry.unit.name);
  if (missing.length > 0)
    content.push([
      { text: 'Các đơn vị chưa gửi báo cáo: ', italics: true },
      { text: `${missing.join(', ')}.` },
    ]);

  // A plan saved without its particulars still yields a proper header: the plan unit issues the report.
  const issuer = plan.issuer ?? plan.unit.name;
  const isCommittee = /^(ủy ban nhân dân|ubnd)\s/iu.test(issuer);
  const docx = await renderDocx({
    head: {
      issuer,
      number: null,
      type: 'BC',
      place: plan.place ?? placeOfUnit(plan.unit.name),
      issuedOn: todayInVietnam(),
      year: Number(code.slice(0, 4)),
      title: `Kết quả thực hiện Kế hoạch ${plan.number ?? ''} ${periodWords}`.replace(/\s+/g, ' '),
      signer: null,
    },
    paragraphs: content,
    // A committee reports up to the Ministry and the province's leadership; a department to its committee.
    recipients: isCommittee
      ? ['Bộ Nội vụ', 'Thường trực Tỉnh ủy', 'Thường trực HĐND tỉnh', 'Chủ tịch, các Phó Chủ tịch UBND tỉnh']
      : ['Ủy ban nhân dân tỉnh', 'Bộ Nội vụ'],
  });
  const xlsx = await writeWorkbook([
    {
      name: 'Nhiệm vụ',
      headers: ['Đơn vị', 'Số TT', 'Nhiệm vụ', 'Trạng thái', 'Tiến độ (%)', 'Kết quả thực hiện'],
      rows: annex,
    },
    {
      name: 'Chỉ số',
      headers: ['Đơn vị', 'Mã chỉ số', 'Chỉ số', 'Tử số', 'Mẫu số', 'Giá trị'],
      rows: await unitIndicatorRows(
        ctx.db,
        code,
        overview.units.map((entry) => entry.unit),
        perUnit,
      ),
    },
  ]);
  await progress(steps, steps, 'Đã lập xong');
  const name = `bao-cao-${periodFileName(code)}-ke-hoach-${plan.id}`;
  return {
    files: [
      { fileName: `${name}.docx`, contentType: DOCX, data: docx },
      { fileName: `${name}-phu-luc.xlsx`, contentType: CONTENT_TYPES.xlsx, data: xlsx },
    ],
  };
}
