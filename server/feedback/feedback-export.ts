import { FEEDBACK_CHANNELS, type FeedbackChannel } from '../../core/feedback/feedback-schemas.ts';
import { FEEDBACK_KINDS, type FeedbackKind } from '../../core/feedback/kinds.ts';
import {
  FEEDBACK_OUTCOMES,
  FEEDBACK_STATUSES,
  type FeedbackOutcome,
  type FeedbackStatus,
} from '../../core/feedback/workflow.ts';
import { formatDateVi } from '../../core/text/dates.ts';
import { fileNamePart } from '../../core/text/file-names.ts';
import { todayOf } from '../clock.ts';
import { CONTENT_TYPES, writeWorkbook } from '../files/tabular.ts';
import type { FeedbackContext } from './feedback-access.ts';
import { feedbackInbox, type InboxQuery } from './feedback-queries.ts';

const INBOX_FILTER_NAMES: Record<InboxQuery['filter'], string> = {
  all: 'tất cả',
  new: 'mới',
  open: 'đang mở',
  due_soon: 'sắp đến hạn',
  overdue: 'quá hạn',
};

/**
 * The inbox as a spreadsheet, every item the filters select (not one page): the list a unit used to
 * keep by hand, in words (kind, status, outcome, channel) with dates as dd/mm/yyyy. No contact details.
 */
export async function exportFeedbackInbox(ctx: FeedbackContext, query: Omit<InboxQuery, 'page' | 'perPage'>) {
  const items = [];
  for (let page = 1; ; page++) {
    const batch = await feedbackInbox(ctx, { ...query, page, perPage: 100 });
    items.push(...batch.items);
    if (batch.items.length < 100) break;
  }
  const rows = items.map((item) => [
    item.code,
    formatDateVi(item.receivedOn),
    FEEDBACK_KINDS[item.kind as FeedbackKind]?.vi ?? item.kind,
    item.categoryName,
    item.communeName,
    item.handlingUnitName,
    FEEDBACK_CHANNELS[item.channel as FeedbackChannel]?.vi ?? item.channel,
    FEEDBACK_STATUSES[item.status as FeedbackStatus]?.vi ?? item.status,
    item.outcome ? (FEEDBACK_OUTCOMES[item.outcome as FeedbackOutcome]?.vi ?? item.outcome) : '',
    formatDateVi(item.dueOn),
    item.isOverdue ? 'Quá hạn' : '',
    item.excerpt,
  ]);
  const data = await writeWorkbook([
    {
      name: 'Phản ánh',
      headers: [
        'Mã theo dõi',
        'Ngày nhận',
        'Loại',
        'Lĩnh vực',
        'Xã, phường',
        'Đơn vị xử lý',
        'Kênh tiếp nhận',
        'Trạng thái',
        'Kết quả',
        'Hạn xử lý',
        'Quá hạn',
        'Nội dung (trích)',
      ],
      rows,
    },
  ]);
  const day = formatDateVi(todayOf(ctx)).replaceAll('/', '-');
  return {
    fileName: `${fileNamePart(`Phản ánh, kiến nghị (${INBOX_FILTER_NAMES[query.filter]}) ngày ${day}`)}.xlsx`,
    contentType: CONTENT_TYPES.xlsx,
    data,
  };
}
