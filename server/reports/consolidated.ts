import { eq } from 'drizzle-orm';
import { type FeedbackTally, isFeedbackIndicator, kpisOfTally } from '../../core/feedback/kpi.ts';
import { ratePercent } from '../../core/indicators/rollup.ts';
import { TARGET_STATUS } from '../../core/indicators/targets.ts';
import { periodFileName, periodName } from '../../core/periods/period-names.ts';
import type { PlanDetail } from '../../core/plans/plan-views.ts';
import type { ConsolidatedSections } from '../../core/reports/consolidated-draft.ts';
import {
  formatPercentVi,
  type SummaryTask,
  summariseTasks,
} from '../../core/reports/consolidated-summary.ts';
import { formatDateVi } from '../../core/text/dates.ts';
import { fileNamePart } from '../../core/text/file-names.ts';
import { todayOf } from '../clock.ts';
import { units } from '../db/schema/index.ts';
import { disclosureTallies } from '../disclosures/disclosure-indicators.ts';
import { periodRange, periodTallies, subtreeTally } from '../feedback/feedback-figures.ts';
import { DOCUMENT_CONTENT_TYPES, renderDocument } from '../files/document-render.ts';
import type { BlockSpec, DocumentSpec } from '../files/document-spec.ts';
import { CONTENT_TYPES, writeWorkbook } from '../files/tabular.ts';
import type { JobProgress } from '../jobs/jobs.ts';
import { placeOfUnit } from '../plans/plan-document.ts';
import { surveyFiguresByUnit } from '../surveys/survey-indicators.ts';
import {
  indicatorSheet,
  indicatorTable,
  summarySheet,
  summaryTable,
  taskMatrix,
  taskSheet,
  taskTable,
} from './consolidated-annex.ts';
import { sentReports, unitIndicatorMatrix } from './consolidated-data.ts';
import { periodOverview, type ReportContext } from './report-service.ts';
import { countersByUnit, measureTargets, type TargetValue } from './target-values.ts';

const percent = formatPercentVi;
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
    `${(denominator ?? 0).toLocaleString('vi-VN')} ${countedIn(target.indicator)}; chỉ tiêu ${goal}) — ${status}`
  );
}

/** What a target's figure counts: dossiers, petitions, or the answers citizens rated. */
function countedIn(indicator: string | null): string {
  if (indicator === 'FEEDBACK_SATISFIED') return 'lượt đánh giá';
  return indicator && isFeedbackIndicator(indicator) ? 'phản ánh, kiến nghị' : 'hồ sơ';
}

const count = (value: number) => value.toLocaleString('vi-VN');

/**
 * The province's petitions in the period in one paragraph: received, answered, on time, resolved (never
 * "closed"), overdue, rated, and the median days to answer.
 */
function feedbackParagraph(tally: FeedbackTally): string {
  const kpis = kpisOfTally(tally);
  const { counters } = tally;
  const rate = (ratio: { numerator: number; denominator: number }) =>
    `${percent(ratePercent(ratio) ?? 0)} (${count(ratio.numerator)}/${count(ratio.denominator)})`;
  const parts = [
    `Tiếp nhận ${count(counters.received)} phản ánh, kiến nghị của người dân, đã trả lời ${count(counters.answered)}`,
    `tỷ lệ trả lời đúng hạn (gồm cả số còn trong hạn) ${rate(kpis.onTime)}`,
  ];
  if (counters.answered > 0) parts.push(`giải quyết được ${rate(kpis.resolved)} số đã trả lời`);
  parts.push(
    counters.overdue > 0
      ? `còn ${count(counters.overdue)} quá hạn chưa trả lời`
      : 'không có phản ánh quá hạn',
  );
  if (counters.rated > 0)
    parts.push(`người dân hài lòng với ${rate(kpis.satisfied)} câu trả lời được đánh giá`);
  if (kpis.medianDaysToAnswer !== null)
    parts.push(`thời gian trả lời trung vị ${kpis.medianDaysToAnswer.toLocaleString('vi-VN')} ngày`);
  return `${parts.join('; ')}.`;
}

/** A section the coordinator wrote: one paragraph per line, or a note that nothing was said. */
function sectionParagraphs(text: string | null): BlockSpec[] {
  const lines = (text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.length > 0 ? lines.map((line) => [{ text: line }]) : [[{ text: 'Không có.', italics: true }]];
}

const taskLine = (task: SummaryTask, note: string): BlockSpec => [
  { text: `- ${task.ref}. ${task.text} ` },
  { text: `(${note})`, italics: true },
];

/**
 * The province's report for a period, in the format of Nghị định 30/2020: who reported, the targets
 * with what they measured, the plan's tasks as a table of dimension × status with only those that stand
 * out named (done ahead of time, late, at risk), then the sections the coordinator wrote (saved draft, or
 * the units' words gathered). The annexes (unit × indicator, unit × task) close the .docx and make the .xlsx.
 */
export async function consolidatedReport(
  ctx: ReportContext,
  plan: PlanDetail,
  periodCode: string,
  sections: ConsolidatedSections,
  progress: JobProgress,
) {
  const overview = await periodOverview(ctx, periodCode, {});
  const code = overview.period.code;
  const period = periodName(code, 'vi');
  const periodInSentence = periodName(code, 'vi', { inSentence: true });
  const sent = await sentReports(
    ctx,
    plan,
    code,
    overview.units.map((entry) => entry.unit.id),
  );
  const steps = 4;
  await progress(1, steps, 'Đã đọc kế hoạch và các báo cáo');
  const [planUnit] = await ctx.db.select({ path: units.path }).from(units).where(eq(units.id, plan.unit.id));
  const today = todayOf(ctx);
  const range = await periodRange(ctx.db, code);
  const [perUnit, feedback, surveyed, disclosed] = await Promise.all([
    countersByUnit(ctx.db, code),
    periodTallies(ctx.db, code, today),
    surveyFiguresByUnit(ctx.db, code),
    range ? disclosureTallies(ctx.db, range, today) : [],
  ]);
  const targets = planUnit
    ? measureTargets(perUnit, planUnit.path, code, plan.targets, feedback, surveyed, disclosed)
    : [];
  const petitions = planUnit ? subtreeTally(feedback, planUnit.path) : null;
  await progress(2, steps, 'Đã tính các chỉ tiêu');

  const summary = summariseTasks(
    plan.items.filter((item) => item.kind === 'task'),
    { today, periodEnd: overview.period.dataTo },
  );
  const counts = overview.counts.total;
  const content: BlockSpec[] = [];
  const heading = (text: string) => content.push([{ text, bold: true }]);
  content.push([
    {
      text:
        `Thực hiện Kế hoạch số ${plan.number ?? '…'} về ${plan.title.charAt(0).toLowerCase()}${plan.title.slice(1)}, ` +
        `kết quả thực hiện ${periodInSentence} ` +
        `(số liệu từ ${formatDateVi(overview.period.dataFrom)} đến ${formatDateVi(overview.period.dataTo)}) như sau:`,
    },
  ]);
  heading('I. KẾT QUẢ THỰC HIỆN');
  let point = 0;
  const numbered = (text: string) => heading(`${++point}. ${text}`);
  numbered('Tình hình báo cáo của các đơn vị');
  const missing = overview.units.filter((entry) => entry.toChase).map((entry) => entry.unit.name);
  content.push([
    {
      text:
        `${counts.submitted}/${counts.expected} đơn vị đã gửi báo cáo (${counts.onTime} đúng hạn, ${counts.late} muộn)` +
        (missing.length > 0 ? `; ${missing.length} đơn vị chưa gửi: ${missing.join(', ')}.` : '.'),
    },
  ]);
  if (targets.length > 0) {
    numbered('Kết quả thực hiện các chỉ tiêu');
    for (const target of targets) content.push([{ text: `- ${targetLine(target)}.` }]);
  }
  if (petitions && petitions.counters.received > 0) {
    numbered('Tiếp nhận, trả lời phản ánh, kiến nghị của người dân');
    content.push([{ text: feedbackParagraph(petitions) }]);
  }
  numbered('Kết quả thực hiện các nhiệm vụ');
  const total = summary.total;
  content.push([
    {
      text:
        `Kế hoạch có ${total.total} nhiệm vụ: ${total.done} hoàn thành, ${total.inProgress} đang thực hiện, ` +
        `${total.notStarted} chưa thực hiện, ${total.late} trễ hạn. Theo từng lĩnh vực:`,
    },
  ]);
  content.push({ table: summaryTable(summary) });
  if (summary.doneEarly.length > 0) {
    content.push([{ text: 'Nhiệm vụ hoàn thành trước thời hạn:', italics: true, bold: true }]);
    for (const task of summary.doneEarly) content.push(taskLine(task, `thời hạn ${formatDateVi(task.due)}`));
  }
  if (summary.late.length > 0) {
    content.push([{ text: 'Nhiệm vụ trễ hạn:', italics: true, bold: true }]);
    for (const task of summary.late)
      content.push(taskLine(task, `thời hạn ${formatDateVi(task.due)}, đạt ${percent(task.progress)}`));
  }
  if (summary.atRisk.length > 0) {
    content.push([{ text: 'Nhiệm vụ có nguy cơ chậm tiến độ:', italics: true, bold: true }]);
    for (const task of summary.atRisk)
      content.push(taskLine(task, `thời hạn ${formatDateVi(task.due)}, mới đạt ${percent(task.progress)}`));
  }
  numbered('Đánh giá chung');
  content.push(...sectionParagraphs(sections.overview));
  heading('II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN');
  heading('1. Tồn tại, hạn chế');
  content.push(...sectionParagraphs(sections.shortcomings));
  heading('2. Nguyên nhân');
  content.push(...sectionParagraphs(sections.causes));
  heading('III. NHIỆM VỤ, GIẢI PHÁP KỲ TỚI');
  content.push(...sectionParagraphs(sections.nextTasks));
  heading('IV. ĐỀ XUẤT, KIẾN NGHỊ');
  content.push(...sectionParagraphs(sections.proposals));
  await progress(3, steps, 'Đã tổng hợp kết quả theo nhiệm vụ');

  const indicators = await unitIndicatorMatrix(
    ctx.db,
    code,
    overview.units.map((entry) => entry.unit),
    perUnit,
    feedback,
    surveyed,
  );
  const tasks = taskMatrix(plan, sent);
  const annexes: BlockSpec[] = [
    { heading: 'Phụ lục I' },
    { heading: `KẾT QUẢ CÁC CHỈ SỐ THEO ĐƠN VỊ, ${period.toLocaleUpperCase('vi')}` },
    indicators.rows.length > 0
      ? { table: indicatorTable(indicators) }
      : [{ text: 'Chưa có số liệu chỉ số của đơn vị nào trong kỳ.', italics: true }],
    { heading: 'Phụ lục II' },
    { heading: `TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ THEO ĐƠN VỊ, ${period.toLocaleUpperCase('vi')}` },
    tasks.rows.length > 0
      ? { table: taskTable(tasks) }
      : [{ text: 'Chưa có đơn vị nào báo cáo tiến độ nhiệm vụ trong kỳ.', italics: true }],
  ];

  // A plan saved without its particulars still yields a proper header: the plan unit issues the report.
  const issuer = plan.issuer ?? plan.unit.name;
  const isCommittee = /^(ủy ban nhân dân|ubnd)\s/iu.test(issuer);
  const spec: DocumentSpec = {
    head: {
      issuer,
      number: null,
      type: 'BC',
      place: plan.place ?? placeOfUnit(plan.unit.name),
      issuedOn: today,
      year: Number(code.slice(0, 4)),
      title: `Kết quả thực hiện Kế hoạch ${plan.number ?? ''} ${periodInSentence}`.replace(/\s+/g, ' '),
      signer: null,
    },
    paragraphs: content,
    // A committee reports up to the Ministry and the province's leadership; a department to its committee.
    recipients: isCommittee
      ? ['Bộ Nội vụ', 'Thường trực Tỉnh ủy', 'Thường trực HĐND tỉnh', 'Chủ tịch, các Phó Chủ tịch UBND tỉnh']
      : ['Ủy ban nhân dân tỉnh', 'Bộ Nội vụ'],
    annexes,
  };
  // The .docx to edit and the .pdf to sign and send, typeset at once in two workers.
  const [docx, pdf] = await Promise.all([renderDocument(spec, 'docx'), renderDocument(spec, 'pdf')]);
  const xlsx = await writeWorkbook([summarySheet(summary), indicatorSheet(indicators), taskSheet(tasks)]);
  await progress(steps, steps, 'Đã lập xong');
  // Named as the document is: the plan by its number (its title when it has none), the period in words.
  const name = fileNamePart(
    `Báo cáo kết quả thực hiện ${plan.number ? `Kế hoạch ${plan.number}` : plan.title} ${periodFileName(code)}`,
  );
  return {
    files: [
      { fileName: `${name}.docx`, contentType: DOCUMENT_CONTENT_TYPES.docx, data: docx.data },
      { fileName: `${name} - Phụ lục.xlsx`, contentType: CONTENT_TYPES.xlsx, data: xlsx },
      { fileName: `${name}.pdf`, contentType: DOCUMENT_CONTENT_TYPES.pdf, data: pdf.data },
    ],
  };
}
