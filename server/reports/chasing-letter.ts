import { AppError, msg } from '../../core/errors.ts';
import { periodFileName, periodName } from '../../core/periods/period-names.ts';
import { formatDateVi } from '../../core/text/dates.ts';
import { fileNamePart } from '../../core/text/file-names.ts';
import { todayOf } from '../clock.ts';
import { type DocumentFormat, renderDocumentFile } from '../files/document-render.ts';
import type { DocumentSpec, RunSpec } from '../files/document-spec.ts';
import { overseenUnit } from '../overview/overseen-unit.ts';
import { placeOfUnit } from '../plans/plan-document.ts';
import { periodOverview, type ReportContext } from './report-service.ts';

type BoardEntry = Awaited<ReturnType<typeof periodOverview>>['units'][number];

/** "Kính gửi": each unit by name when they are few, else the kinds of unit they are. */
function addressees(late: BoardEntry[]): string[] {
  if (late.length <= 5) return late.map((entry) => entry.unit.name);
  const kinds = new Set(late.map((entry) => entry.unit.type));
  return [
    ...(kinds.has('department') ? ['Các sở, ban, ngành tỉnh'] : []),
    ...(kinds.has('commune') ? ['Ủy ban nhân dân các xã, phường'] : []),
  ];
}

/** "Sở Tư pháp (Giám đốc Sở Nguyễn Văn An, điện thoại 0912 345 678)": whom to call, as the unit record has it. */
function unitLine(entry: BoardEntry, index: number): string {
  const head = [entry.head.title, entry.head.name].filter(Boolean).join(' ');
  const contact = [head, entry.head.phone && `điện thoại ${entry.head.phone}`].filter(Boolean).join(', ');
  return `${index + 1}. ${entry.unit.name}${contact ? ` (${contact})` : ''};`;
}

/**
 * The công văn đôn đốc: the letter (Nghị định 30/2020, công văn form: number with no type part, "V/v"
 * under it, "Kính gửi", body, "Nơi nhận", signature) by which the overseeing unit presses the units
 * that have not sent their report for a period, listing each with its head and phone.
 */
export async function chasingLetter(ctx: ReportContext, periodCode: string, format: DocumentFormat = 'docx') {
  const { spec, stem } = await chasingSpec(ctx, periodCode);
  return renderDocumentFile(spec, format, stem);
}

/** The chasing letter as the description its .docx and PDF are made from (the register prepares it to sign). */
export async function chasingSpec(
  ctx: ReportContext,
  periodCode: string,
): Promise<{ spec: DocumentSpec; stem: string }> {
  const board = await periodOverview(ctx, periodCode, {});
  const late = board.units.filter((entry) => entry.toChase);
  const period = periodName(board.period.code, 'vi', { inSentence: true });
  if (late.length === 0)
    throw new AppError(
      'CONFLICT',
      msg(
        `Mọi đơn vị đã gửi báo cáo ${period}: không cần công văn đôn đốc.`,
        `Every unit has sent its report for ${period}: no chasing letter is needed.`,
      ),
    );
  const issuer = await overseenUnit(ctx.db, ctx.user, 'reports.review');
  const today = todayOf(ctx);
  const overdue = today > board.period.deadline;
  const to = addressees(late);
  const paragraphs: RunSpec[][] = [
    [{ text: 'Kính gửi:', bold: false }],
    ...to.map((name, index) => [{ text: `- ${name}${index === to.length - 1 ? '.' : ';'}` }]),
    [
      {
        text:
          `Thực hiện chế độ báo cáo định kỳ về công tác cải cách hành chính, báo cáo ${period} ` +
          `(số liệu từ ngày ${formatDateVi(board.period.dataFrom)} đến ngày ${formatDateVi(board.period.dataTo)}) ` +
          `phải gửi chậm nhất ngày ${formatDateVi(board.period.deadline)}. Đến ngày ${formatDateVi(today)}, ` +
          `còn ${late.length} cơ quan, đơn vị chưa gửi báo cáo, gồm:`,
      },
    ],
    ...late.map((entry, index) => [{ text: unitLine(entry, index) }]),
    [
      {
        text: overdue
          ? `Báo cáo ${period} đã quá hạn. Đề nghị Thủ trưởng các cơ quan, đơn vị nêu trên khẩn trương chỉ đạo ` +
            'hoàn thành và gửi báo cáo trên hệ thống Chiso; chậm gửi báo cáo là căn cứ đánh giá, chấm điểm ' +
            'công tác chỉ đạo, điều hành cải cách hành chính của cơ quan, đơn vị.'
          : 'Đề nghị Thủ trưởng các cơ quan, đơn vị nêu trên chỉ đạo hoàn thành và gửi báo cáo trên hệ thống ' +
            `Chiso đúng thời hạn (chậm nhất ngày ${formatDateVi(board.period.deadline)}).`,
      },
    ],
    [{ text: 'Đề nghị các cơ quan, đơn vị quan tâm, thực hiện./.' }],
  ];
  const spec: DocumentSpec = {
    head: {
      issuer: issuer.name,
      number: null,
      type: 'CV',
      place: placeOfUnit(issuer.name),
      issuedOn: today,
      year: Number(today.slice(0, 4)),
      title: `đôn đốc gửi báo cáo ${period}`,
      signer: issuer.headName,
    },
    paragraphs,
    recipients: [
      'Như trên',
      ...(issuer.type === 'province' ? ['Chủ tịch, các Phó Chủ tịch UBND tỉnh (để báo cáo)'] : []),
    ],
  };
  return { spec, stem: fileNamePart(`Công văn đôn đốc báo cáo ${periodFileName(board.period.code)}`) };
}
