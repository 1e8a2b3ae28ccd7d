import { REGISTER_STATUSES } from '../../core/documents/register.ts';
import type { IssuedDocument, RegisterListQuery } from '../../core/documents/register-schemas.ts';
import { formatDateVi } from '../../core/text/dates.ts';
import { fileNamePart } from '../../core/text/file-names.ts';
import { todayOf } from '../clock.ts';
import { CONTENT_TYPES, writeWorkbook } from '../files/tabular.ts';
import type { RegisterContext } from './register-access.ts';
import { listRegister } from './register-queries.ts';

/** The register's columns, as the sổ văn bản đi is kept on paper. */
export const REGISTER_EXPORT_HEADERS = [
  'Số',
  'Ký hiệu',
  'Ngày',
  'Trích yếu',
  'Người ký',
  'Nơi nhận',
  'Tình trạng',
] as const;

/** A register line as the spreadsheet writes it: the number as printed before its ký hiệu ("05"). */
export function exportLine(document: IssuedDocument): string[] {
  const status = REGISTER_STATUSES[document.status].vi;
  return [
    document.number.slice(0, document.number.indexOf('/')),
    document.symbol,
    formatDateVi(document.issuedOn),
    document.title,
    document.signerName ?? '',
    document.recipients.join('; '),
    document.status === 'void' ? `${status}: ${document.voidReason ?? ''}` : status,
  ];
}

/** Every line the filters select (not one page), in the order asked, as an .xlsx. */
export async function exportRegister(
  ctx: RegisterContext,
  query: Omit<RegisterListQuery, 'page' | 'perPage'>,
) {
  const items: IssuedDocument[] = [];
  for (let page = 1; ; page++) {
    const batch = await listRegister(ctx, { ...query, page, perPage: 100 });
    items.push(...batch.items);
    if (batch.items.length < 100) break;
  }
  const data = await writeWorkbook([
    { name: 'Sổ văn bản đi', headers: [...REGISTER_EXPORT_HEADERS], rows: items.map(exportLine) },
  ]);
  const day = formatDateVi(todayOf(ctx)).replaceAll('/', '-');
  const year = query.year ? ` năm ${query.year}` : '';
  return {
    fileName: `${fileNamePart(`Sổ văn bản đi${year} ngày ${day}`)}.xlsx`,
    contentType: CONTENT_TYPES.xlsx,
    data,
  };
}
