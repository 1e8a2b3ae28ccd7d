import {
  FEEDBACK_OUTCOMES,
  FEEDBACK_STATUSES,
  type FeedbackOutcome,
  type FeedbackStatus,
} from '../../core/feedback/workflow.ts';
import { ENTRY_KINDS, type EntryKind } from '../../core/reception/labels.ts';
import { formatDateVi } from '../../core/text/dates.ts';
import { fileNamePart } from '../../core/text/file-names.ts';
import { todayOf } from '../clock.ts';
import { CONTENT_TYPES, writeWorkbook } from '../files/tabular.ts';
import type { ReceptionContext } from './reception-access.ts';
import { type EntryQuery, listEntries } from './reception-queries.ts';

/** The register's columns: the law's fields (Luật TCD Điều 25 khoản 2) in the 2026 form's order (Mẫu 03/TCD). */
export const REGISTER_HEADERS = [
  'STT',
  'Ngày tiếp',
  'Họ tên',
  'Địa chỉ',
  'Số CCCD/hộ chiếu',
  'Nội dung sự việc',
  'Loại đơn',
  'Số người cùng nội dung',
  'Người đại diện',
  'Cơ quan đã giải quyết',
  'Yêu cầu của công dân',
  'Thuộc thẩm quyền',
  'Hướng dẫn đến',
  'Chuyển đến cơ quan thụ lý',
  'Kết quả tiếp và xử lý',
  'Hạn thông báo',
  'Ngày thông báo',
  'Chuyển đến từ',
  'Ngày giải quyết',
  'Hạn thông báo cơ quan chuyển đến',
  'Ngày thông báo cơ quan chuyển đến',
  'Hạn cơ quan chuyển đến trả lời công dân',
  'Theo dõi kết quả',
  'Ghi chú',
] as const;

/**
 * The register as a spreadsheet, every line the filters select (not one page), dates dd/mm/yyyy, kinds
 * and results in words. It carries the register's personal data: only those who read the unit's
 * register may download it.
 */
export async function exportRegister(ctx: ReceptionContext, query: Omit<EntryQuery, 'page' | 'perPage'>) {
  const items = [];
  for (let page = 1; ; page++) {
    const batch = await listEntries(ctx, { ...query, page, perPage: 100 });
    items.push(...batch.items);
    if (batch.items.length < 100) break;
  }
  const rows = items.map((entry) => [
    entry.number,
    formatDateVi(entry.receivedOn),
    entry.citizenName,
    entry.address ?? '',
    entry.idNumber ?? '',
    entry.content,
    ENTRY_KINDS[entry.kind as EntryKind]?.vi ?? entry.kind,
    entry.peopleCount,
    entry.representatives.join('; '),
    entry.priorHandling ?? '',
    entry.request ?? '',
    entry.inCompetence ? 'x' : '',
    entry.guidedTo ?? '',
    entry.transferredTo ?? '',
    entry.handling ?? '',
    formatDateVi(entry.noticeDueOn),
    formatDateVi(entry.noticedOn),
    entry.referredBy ?? '',
    formatDateVi(entry.resolvedOn),
    formatDateVi(entry.referrerDueOn) + (entry.referrerLate ? ' (chậm)' : ''),
    formatDateVi(entry.referrerNotifiedOn),
    formatDateVi(entry.citizenInformDueOn),
    entry.feedback
      ? [
          entry.feedback.code,
          FEEDBACK_STATUSES[entry.feedback.status as FeedbackStatus]?.vi,
          entry.feedback.outcome ? FEEDBACK_OUTCOMES[entry.feedback.outcome as FeedbackOutcome]?.vi : null,
        ]
          .filter(Boolean)
          .join(' · ')
      : '',
    entry.note ?? '',
  ]);
  const data = await writeWorkbook([{ name: 'Sổ tiếp công dân', headers: [...REGISTER_HEADERS], rows }]);
  const day = formatDateVi(todayOf(ctx)).replaceAll('/', '-');
  const year = query.year ? ` năm ${query.year}` : '';
  return {
    fileName: `${fileNamePart(`Sổ tiếp công dân${year} ngày ${day}`)}.xlsx`,
    contentType: CONTENT_TYPES.xlsx,
    data,
  };
}
