import { eq } from 'drizzle-orm';
import { fieldError, msg } from '../../core/errors.ts';
import { periodFileName, periodName } from '../../core/periods/period-names.ts';
import { ITEM_STATUS_NAMES, type ItemStatus } from '../../core/plans/plan-views.ts';
import { formatPercentVi } from '../../core/reports/consolidated-summary.ts';
import { NARRATIVE_SECTIONS, type NarrativeSection } from '../../core/reports/report.ts';
import { formatDateVi } from '../../core/text/dates.ts';
import { fileNamePart } from '../../core/text/file-names.ts';
import { pathIds } from '../../core/units/unit-tree.ts';
import { mutate } from '../audit/audit-log.ts';
import { nowOf, todayOf } from '../clock.ts';
import { units } from '../db/schema/index.ts';
import { type DocumentFormat, renderDocumentFile } from '../files/document-render.ts';
import type { BlockSpec, DocumentSpec } from '../files/document-spec.ts';
import {
  attachEvidence,
  type EvidenceMeta,
  type EvidenceOwner,
  evidenceFile,
  evidenceMeta,
  listEvidence,
} from '../files/evidence.ts';
import { issuerOfUnit, placeOfIssuingUnit, placeOfUnit } from '../plans/plan-document.ts';
import { loadUnit } from '../units/unit-access.ts';
import { assertChangesReport, assertReadsReport } from './report-access.ts';
import { getReport, type ReportContext } from './report-service.ts';

const ROMAN = ['I', 'II', 'III', 'IV', 'V'];

const lower = (text: string) => `${text.charAt(0).toLocaleLowerCase('vi')}${text.slice(1)}`;

/**
 * A unit's periodic report as a Word document to sign (Nghị định 30/2020): the unit issues it, its
 * head signs, dated from the unit's own place; "Kính gửi" the province's committee; the five sections
 * with the unit's tasks as a table under the results.
 */
export async function reportSpec(
  ctx: ReportContext,
  id: number,
): Promise<{ spec: DocumentSpec; stem: string }> {
  const report = await getReport(ctx, id);
  const unit = await loadUnit(ctx.db, report.unit.id);
  const [province] = await ctx.db
    .select({ name: units.name })
    .from(units)
    .where(eq(units.id, pathIds(unit.path)[0] ?? 0));
  const provinceName = province?.name ?? null;
  const period = periodName(report.period.code);
  const paragraphs: BlockSpec[] = [
    [{ text: `Kính gửi: Ủy ban nhân dân tỉnh ${placeOfUnit(provinceName ?? '') ?? ''}`.trim() }],
    [
      {
        text:
          `${unit.name} báo cáo tình hình, kết quả thực hiện nhiệm vụ ${lower(period)} ` +
          `(số liệu từ ${formatDateVi(report.period.dataFrom)} đến ${formatDateVi(report.period.dataTo)}) như sau:`,
      },
    ],
  ];
  (Object.keys(NARRATIVE_SECTIONS) as NarrativeSection[]).forEach((section, index) => {
    paragraphs.push([
      { text: `${ROMAN[index]}. ${NARRATIVE_SECTIONS[section].vi.toLocaleUpperCase('vi')}`, bold: true },
    ]);
    const lines = (report.narrative[section] ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    for (const line of lines) paragraphs.push([{ text: line }]);
    if (lines.length === 0) paragraphs.push([{ text: 'Không có.', italics: true }]);
    if (section === 'results' && report.tasks.length > 0) {
      paragraphs.push([{ text: 'Kết quả thực hiện các nhiệm vụ được giao:', italics: true }]);
      paragraphs.push({
        table: {
          headers: ['STT', 'Nhiệm vụ', 'Trạng thái', 'Tiến độ', 'Kết quả thực hiện'],
          rows: report.tasks.map((task, at) => [
            String(at + 1),
            task.text,
            ITEM_STATUS_NAMES[task.reported.status as ItemStatus]?.vi ?? task.reported.status,
            formatPercentVi(task.reported.status === 'done' ? 100 : task.reported.progress),
            task.reported.done ?? '',
          ]),
          numeric: [true, false, false, true, false],
        },
      });
    }
  });
  const spec: DocumentSpec = {
    head: {
      issuer: issuerOfUnit(unit),
      number: null,
      type: 'BC',
      place: placeOfIssuingUnit(unit, provinceName),
      issuedOn: todayOf(ctx),
      year: Number(report.period.code.slice(0, 4)),
      title: `Tình hình, kết quả thực hiện nhiệm vụ ${lower(period)}`,
      signer: unit.headName,
    },
    paragraphs,
    recipients: ['Như trên', 'Sở Nội vụ'],
  };
  const stem = fileNamePart(`Báo cáo ${periodFileName(report.period.code)} - ${unit.name}`);
  return { spec, stem };
}

export async function reportDocument(ctx: ReportContext, id: number, format: DocumentFormat = 'docx') {
  const { spec, stem } = await reportSpec(ctx, id);
  return renderDocumentFile(spec, format, stem);
}

// ---- The signed copy: the report as signed and stamped, scanned, attached to the report -----------

// Not "report": the report's history lists its own audit events by that entity type.
const signedOwner = (reportId: number): EvidenceOwner => ({
  type: 'report_signed_copy',
  key: String(reportId),
});
const SIGNED_TYPES = ['.pdf', '.jpg', '.jpeg', '.png'];

/** The unit attaches the signed copy (PDF or a scan); checked and stored as every evidence file. */
export async function addSignedCopy(
  ctx: ReportContext,
  id: number,
  file: { fileName: string; data: Buffer },
): Promise<EvidenceMeta> {
  await assertChangesReport(ctx, id);
  const extension = file.fileName.toLowerCase().match(/\.[a-z0-9]+$/)?.[0] ?? '';
  if (!SIGNED_TYPES.includes(extension))
    throw fieldError(
      'file',
      msg(
        'Bản đã ký phải là tệp PDF hoặc ảnh chụp (.pdf, .jpg, .png).',
        'The signed copy must be a PDF or a photo (.pdf, .jpg, .png).',
      ),
    );
  const evidenceId = await mutate(ctx, (tx, audit) =>
    attachEvidence(tx, audit, signedOwner(id), file, ctx.user.userId),
  );
  return evidenceMeta(ctx.db, signedOwner(id), evidenceId, nowOf(ctx));
}

export async function listSignedCopies(ctx: ReportContext, id: number): Promise<EvidenceMeta[]> {
  await assertReadsReport(ctx, id);
  return listEvidence(ctx.db, signedOwner(id), nowOf(ctx));
}

export async function signedCopyFile(ctx: ReportContext, id: number, evidenceId: number) {
  await assertReadsReport(ctx, id);
  return evidenceFile(ctx.db, signedOwner(id), evidenceId);
}
