import { periodFileName, periodName } from '../../core/periods/period-names.ts';
import { REPORT_STATUS_NAMES } from '../../core/reports/report.ts';
import { formatDateVi } from '../../core/text/dates.ts';
import { fileNamePart } from '../../core/text/file-names.ts';
import { UNIT_TYPES, type UnitType } from '../../core/units/unit-types.ts';
import { CONTENT_TYPES, writeWorkbook } from '../files/tabular.ts';
import { periodOverview, type ReportContext } from './report-service.ts';

/** The period board as the spreadsheet coordinators used to keep by hand: who sent what, when, whom to call. */
export async function exportPeriodBoard(ctx: ReportContext, periodCode: string) {
  const board = await periodOverview(ctx, periodCode, {});
  const rows = board.units.map((entry) => [
    entry.unit.name,
    UNIT_TYPES[entry.unit.type as UnitType]?.vi ?? entry.unit.type,
    entry.report ? REPORT_STATUS_NAMES[entry.report.status].vi : 'Chưa soạn',
    entry.report?.submittedOn ? formatDateVi(entry.report.submittedOn) : '',
    entry.report?.onTime === true ? 'Đúng hạn' : entry.report?.onTime === false ? 'Muộn' : '',
    entry.toChase ? 'Cần đôn đốc' : '',
    [entry.head.title, entry.head.name].filter(Boolean).join(' '),
    entry.head.phone ?? '',
    entry.head.email ?? '',
  ]);
  const data = await writeWorkbook([
    {
      // A sheet's name may not hold "/": "Quý IV-2026".
      name: periodName(board.period.code).replaceAll('/', '-'),
      headers: [
        'Đơn vị',
        'Loại',
        'Trạng thái',
        'Ngày gửi',
        'Đúng hạn',
        'Đôn đốc',
        'Thủ trưởng',
        'Điện thoại',
        'Thư điện tử',
      ],
      rows,
    },
  ]);
  return {
    fileName: `${fileNamePart(`Tình hình gửi báo cáo ${periodFileName(board.period.code)}`)}.xlsx`,
    contentType: CONTENT_TYPES.xlsx,
    data,
  };
}
