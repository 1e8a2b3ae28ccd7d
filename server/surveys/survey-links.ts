import { eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import { hasPermissionOn } from '../../core/auth/roles.ts';
import { AppError, msg } from '../../core/errors.ts';
import { units } from '../db/schema/index.ts';
import { kioskKey } from './public-response-service.ts';
import { assertSurveyUnit, type SurveyContext } from './survey-access.ts';
import { usableSurvey } from './survey-service.ts';

/**
 * The desk's way in to a unit's survey: the short link (`/ks/:unitCode`, absolute, on the configured
 * public address when there is one) and its QR code, as SVG for the screen and as a module matrix for
 * the printed poster. The short link names no survey: it always opens the one in use this year, so a
 * poster stays good when a new version is published; a survey other than SIPAS adds `?s=CODE`.
 */
export interface SurveyLink {
  unitId: number;
  unitName: string;
  url: string;
  /** The QR code of `url`, an SVG document. */
  qrSvg: string;
  /**
   * The link for the desk's own tablet or kiosk (many citizens a day on one device: not limited per
   * device, not flagged as repeats), shown only to those who enter the unit's surveys.
   */
  kioskUrl: string | null;
}

/** The QR code's dark modules, row by row (`size` × `size`). */
export interface QrMatrix {
  size: number;
  isDark(row: number, column: number): boolean;
}

/** Error correction M (15 %): a printed poster survives a crease or a stain. */
const QR_OPTIONS = { errorCorrectionLevel: 'M' } as const;

export function qrMatrix(text: string): QrMatrix {
  const { modules } = QRCode.create(text, QR_OPTIONS);
  return { size: modules.size, isDark: (row, column) => modules.data[row * modules.size + column] === 1 };
}

export async function surveyLink(
  ctx: SurveyContext,
  input: { surveyId: number; unitId: number; origin: string; secret: string },
): Promise<SurveyLink> {
  const unit = await assertSurveyUnit(ctx, input.unitId, 'surveys.read');
  const survey = await usableSurvey(ctx.db, input.surveyId);
  const [row] = await ctx.db.select({ code: units.code }).from(units).where(eq(units.id, unit.id));
  const unitCode = row?.code;
  if (!unitCode)
    throw new AppError(
      'CONFLICT',
      msg(
        'Đơn vị chưa có mã: chưa có đường dẫn khảo sát.',
        'The unit has no code: it has no survey link yet.',
      ),
    );
  if (unit.validTo)
    throw new AppError(
      'CONFLICT',
      msg('Đơn vị đã giải thể hoặc sáp nhập.', 'The unit has been dissolved or merged.'),
    );
  const code = survey.definition.code;
  const url = `${input.origin}/ks/${encodeURIComponent(unitCode)}${code === 'SIPAS' ? '' : `?s=${encodeURIComponent(code)}`}`;
  const qrSvg = await QRCode.toString(url, { ...QR_OPTIONS, type: 'svg', margin: 2 });
  const kioskUrl = hasPermissionOn(ctx.user.grants, 'surveys.enter', unit.path)
    ? `${url}${url.includes('?') ? '&' : '?'}quay=${kioskKey(input.secret, unit.id)}`
    : null;
  return { unitId: unit.id, unitName: unit.name, url, qrSvg, kioskUrl };
}
