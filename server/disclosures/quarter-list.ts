import { and, eq, exists, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DISCLOSURE_PLACES, type DisclosurePlace } from '../../core/disclosures/catalogue.ts';
import { fieldError, msg, zodMsg } from '../../core/errors.ts';
import { idParam } from '../../core/ids.ts';
import { periodName } from '../../core/periods/period-names.ts';
import { isoDate, parsePeriod } from '../../core/periods/periods.ts';
import { formatDateVi, todayInVietnam } from '../../core/text/dates.ts';
import { fileNamePart } from '../../core/text/file-names.ts';
import { pathIds } from '../../core/units/unit-tree.ts';
import { contextOf } from '../auth/policy.ts';
import { nowOf, todayOf } from '../clock.ts';
import type { Db } from '../db/engine.ts';
import { disclosureObligations, disclosureRecords, units } from '../db/schema/index.ts';
import { DOCUMENT_FORMATS, type DocumentFormat, renderDocumentFile } from '../files/document-render.ts';
import type { DocumentSpec, TableSpec } from '../files/document-spec.ts';
import { sendDownload } from '../http/downloads.ts';
import { issuerOfUnit, placeOfIssuingUnit } from '../plans/plan-document.ts';
import { assertReadsUnitRegister, type DisclosureContext } from './disclosure-access.ts';
import { judgeWhere } from './disclosure-judge.ts';

/**
 * The quarter's list of what a unit disclosed, with form and time (Luật 10/2022/QH15 Điều 13 khoản 2:
 * "định kỳ hằng quý, lập danh sách các thông tin đã được công khai, hình thức và thời điểm công khai",
 * posted at the commune's office and at the village points): a notice in the format of Nghị định
 * 30/2020 from the register, every posting whose first day falls in the quarter, by date. Read with
 * disclosures.read on the unit; the staff's notes are not read.
 */

export const quarterListQuery = z.object({
  quy: z
    .string()
    .regex(/^\d{4}Q[1-4]$/, zodMsg('Chọn một quý, ví dụ 2026Q4.', 'Choose a quarter, e.g. 2026Q4.')),
  /** The .docx to edit (by default) or the .pdf to sign and post. */
  format: z.enum(DOCUMENT_FORMATS).default('docx'),
});

export interface QuarterLine {
  itemName: string;
  title: string;
  decision: string;
  /** Each posting begun in the quarter: "Trụ sở HĐND, UBND: từ 03/02/2026, đang công khai". */
  postings: string[];
  /** The first of them, for the order. */
  first: string;
}

const postingText = (record: {
  place: string;
  placeDetail: string | null;
  from: string;
  to: string | null;
}) => {
  const place = DISCLOSURE_PLACES[record.place as DisclosurePlace]?.vi ?? record.place;
  const where = record.placeDetail ? `${place} (${record.placeDetail})` : place;
  return record.to
    ? `${where}: từ ${formatDateVi(record.from)} đến ${formatDateVi(record.to)}`
    : `${where}: từ ${formatDateVi(record.from)}, đang công khai`;
};

/** What the unit disclosed with a posting begun in the quarter, by its first such posting, then title. */
export async function quarterLines(ctx: DisclosureContext, unitId: number, quarter: string) {
  const unit = await assertReadsUnitRegister(ctx, unitId);
  const period = parsePeriod(quarter);
  if (period?.kind !== 'quarter')
    throw fieldError('quy', msg('Chọn một quý, ví dụ 2026Q4.', 'Choose a quarter, e.g. 2026Q4.'));
  const first = isoDate(period.year, period.firstMonth, 1);
  const last = isoDate(period.year, period.lastMonth + 1, 0);
  const begunIn = exists(
    sql`(select 1 from ${disclosureRecords} where ${disclosureRecords.obligationId} = ${disclosureObligations.id}
      and ${disclosureRecords.fromDate} between ${first} and ${last})`,
  );
  const judged = await judgeWhere(
    ctx.db,
    and(eq(disclosureObligations.unitId, unitId), begunIn),
    todayOf(ctx),
    { withNotes: false },
  );
  const collator = new Intl.Collator('vi');
  const lines: QuarterLine[] = judged.map(({ obligation, rule, records }) => {
    const inQuarter = records
      .filter((record) => record.from >= first && record.from <= last)
      .sort((a, b) => a.from.localeCompare(b.from) || a.place.localeCompare(b.place));
    return {
      itemName: rule?.nameVi ?? obligation.itemCode,
      title: obligation.title,
      decision: [obligation.decisionNumber, `ngày ${formatDateVi(obligation.decisionDate)}`]
        .filter(Boolean)
        .join(', '),
      postings: inQuarter.map(postingText),
      first: inQuarter[0]?.from ?? first,
    };
  });
  lines.sort((a, b) => a.first.localeCompare(b.first) || collator.compare(a.title, b.title));
  return { unit, period, lines };
}

export async function quarterListDocument(
  ctx: DisclosureContext,
  unitId: number,
  quarter: string,
  format: DocumentFormat = 'docx',
) {
  const { spec, stem, lines } = await quarterListSpec(ctx, unitId, quarter);
  return { ...(await renderDocumentFile(spec, format, stem)), lines };
}

/** The quarter's list as the description its .docx and PDF are made from (the register prepares it to sign). */
export async function quarterListSpec(
  ctx: DisclosureContext,
  unitId: number,
  quarter: string,
): Promise<{ spec: DocumentSpec; stem: string; lines: number }> {
  const { unit, period, lines } = await quarterLines(ctx, unitId, quarter);
  const [province] = await ctx.db
    .select({ name: units.name })
    .from(units)
    .where(eq(units.id, pathIds(unit.path)[0] ?? 0));
  const today = todayInVietnam(nowOf(ctx));
  const issuer = issuerOfUnit(unit);
  const quarterName = periodName(period, 'vi', { inSentence: true });
  const table: TableSpec = {
    headers: ['STT', 'Thông tin đã công khai', 'Văn bản', 'Hình thức và thời điểm công khai'],
    rows: lines.map((line, i) => [
      String(i + 1),
      `${line.title}\n(${line.itemName})`,
      line.decision,
      line.postings.join('\n'),
    ]),
    numeric: [true, false, false, false],
    widths: [7, 36, 17, 40],
  };
  const spec: DocumentSpec = {
    head: {
      issuer,
      number: null,
      type: 'TB',
      place: placeOfIssuingUnit(unit, province?.name ?? null),
      issuedOn: today,
      year: Number(today.slice(0, 4)),
      title: `Danh sách thông tin đã công khai ${quarterName}`,
      signer: unit.headName,
    },
    paragraphs: [
      [
        {
          text:
            `Thực hiện khoản 2 Điều 13 Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15, ${issuer} thông báo ` +
            `danh sách các thông tin đã công khai trong ${quarterName}, hình thức và thời điểm công khai như sau:`,
        },
      ],
      lines.length > 0
        ? { table }
        : [{ text: `Trong ${quarterName}, đơn vị không công khai thông tin nào.`, italics: true }],
      [
        {
          text:
            'Thông tin đã hết thời hạn công khai được cung cấp khi có yêu cầu theo quy định của Luật Tiếp cận ' +
            'thông tin. Mọi ý kiến xin gửi về Ủy ban nhân dân hoặc phản ánh trên trang công khai của tỉnh.',
        },
      ],
    ],
    recipients: ['Thường trực HĐND', 'Ủy ban MTTQ Việt Nam cùng cấp', 'Các thôn, tổ dân phố (để niêm yết)'],
  };
  const stem = fileNamePart(`Danh sách công khai ${periodName(period)} ${unit.name}`);
  return { spec, stem, lines: lines.length };
}

export async function quarterListRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/disclosures/units/:id/quarter-list',
    {
      config: { policy: 'disclosures.read' },
      schema: {
        tags: ['disclosures'],
        summary:
          'Danh sách thông tin đã công khai trong quý, hình thức và thời điểm (.docx, hoặc .pdf với format=pdf; để niêm yết)',
        params: z.object({ id: idParam }),
        querystring: quarterListQuery,
      },
    },
    async (request, reply) =>
      sendDownload(
        reply,
        await quarterListDocument(
          contextOf(request, db),
          request.params.id,
          request.query.quy,
          request.query.format,
        ),
      ),
  );
}
