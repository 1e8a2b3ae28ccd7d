import { eq } from 'drizzle-orm';
import { fieldError, msg } from '../../core/errors.ts';
import { daysLate, isLate } from '../../core/indicators/dossier-indicators.ts';
import { formatDateVi, todayInVietnam } from '../../core/text/dates.ts';
import { fileNamePart } from '../../core/text/file-names.ts';
import { pathIds } from '../../core/units/unit-tree.ts';
import { nowOf } from '../clock.ts';
import { units } from '../db/schema/index.ts';
import { assertChangesDossier } from '../dossiers/dossier-access.ts';
import { type DocumentFormat, renderDocumentFile } from '../files/document-render.ts';
import type { DocumentSpec, RunSpec } from '../files/document-spec.ts';
import { issuerOfUnit, placeOfIssuingUnit } from '../plans/plan-document.ts';
import type { IndicatorContext } from './indicator-access.ts';

const BLANK = '……………………………';

const dateOf = (time: Date | null) => (time ? formatDateVi(todayInVietnam(time)) : BLANK);

/**
 * The draft of the apology slip of a late dossier (Phiếu xin lỗi và hẹn lại ngày trả kết quả, Thông
 * tư 01/2018/TT-VPCP mẫu 04) in the format of Nghị định 30/2020, issued by the dossier's unit and
 * signed by its head, dated from the unit's own place (a commune's from the commune); what the
 * system cannot know (the applicant, the reason) is left to fill in. The new date it promises is the
 * one the person chose (`newDate`), or for a dossier already finished the day its result was ready.
 */
export async function apologyLetter(
  ctx: IndicatorContext,
  code: string,
  options: { newDate?: string | undefined; format?: DocumentFormat } = {},
) {
  const { spec, stem } = await apologySpec(ctx, code, options);
  return renderDocumentFile(spec, options.format ?? 'docx', stem);
}

/** The apology slip as the description its .docx and PDF are made from (the register prepares it to sign). */
export async function apologySpec(
  ctx: IndicatorContext,
  code: string,
  options: { newDate?: string | undefined } = {},
): Promise<{ spec: DocumentSpec; stem: string }> {
  const { dossier, unit, procedureName } = await assertChangesDossier(ctx, code);
  const now = nowOf(ctx);
  if (!isLate(dossier, now))
    throw fieldError(
      'code',
      msg(
        'Hồ sơ không trễ hạn: không cần thư xin lỗi.',
        'The dossier is not late: no apology letter is needed.',
      ),
    );
  const today = todayInVietnam(now);
  if (options.newDate !== undefined && options.newDate < today)
    throw fieldError(
      'newDate',
      msg(
        'Ngày hẹn trả kết quả mới không được trước hôm nay.',
        'The new date for returning the result cannot be before today.',
      ),
    );
  const newDate = options.newDate ?? (dossier.finishedAt ? todayInVietnam(dossier.finishedAt) : null);
  if (!newDate)
    throw fieldError(
      'newDate',
      msg('Vui lòng chọn ngày hẹn trả kết quả mới.', 'Choose the new date for returning the result.'),
    );
  const [province] = await ctx.db
    .select({ name: units.name })
    .from(units)
    .where(eq(units.id, pathIds(unit.path)[0] ?? 0));
  const place = placeOfIssuingUnit(unit, province?.name ?? null);
  const issuer = issuerOfUnit(unit);
  const late = daysLate(dossier, now);
  const procedure = procedureName ?? dossier.procedureCode;
  const paragraphs: RunSpec[][] = [
    [{ text: `Kính gửi: Ông/Bà ${BLANK}`, bold: true }],
    [
      {
        text:
          `Ngày ${dateOf(dossier.receivedAt)}, ${issuer} tiếp nhận hồ sơ mã số ${dossier.code} đề nghị giải quyết ` +
          `thủ tục hành chính “${procedure}” (lĩnh vực ${dossier.field}). Thời hạn trả kết quả theo quy định là ` +
          `ngày ${dateOf(dossier.dueAt)}.`,
      },
    ],
    [
      {
        text: dossier.finishedAt
          ? `Hồ sơ được giải quyết xong ngày ${dateOf(dossier.finishedAt)}, chậm ${late} ngày so với thời hạn.`
          : `Đến nay hồ sơ chưa được giải quyết xong, đã chậm ${late} ngày so với thời hạn.`,
      },
    ],
    [{ text: `Lý do chậm: ${BLANK}${BLANK}` }],
    [
      {
        text:
          `Sự chậm trễ này đã gây phiền hà, tốn kém thời gian của Ông/Bà. ${issuer} thành thật xin lỗi Ông/Bà ` +
          `và hẹn lại ngày trả kết quả là ngày ${formatDateVi(newDate)}.`,
      },
    ],
    ...(unit.headPhone || unit.headEmail
      ? [
          [
            {
              text: `Mọi phản ánh, kiến nghị xin liên hệ: ${[unit.headName, unit.headPhone, unit.headEmail].filter(Boolean).join(', ')}.`,
            },
          ],
        ]
      : []),
  ];
  const spec: DocumentSpec = {
    head: {
      issuer,
      number: null,
      type: 'PXL',
      place,
      issuedOn: today,
      year: Number(today.slice(0, 4)),
      title: `Hồ sơ ${dossier.code}`,
      signer: unit.headName,
    },
    paragraphs,
    recipients: ['Như trên'],
  };
  return { spec, stem: fileNamePart(`Phiếu xin lỗi hồ sơ ${dossier.code}`) };
}
