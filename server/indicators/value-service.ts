import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';
import { AppError, atPath, type FieldIssue, fieldError, msg } from '../../core/errors.ts';
import {
  type FeedbackIndicatorCode,
  FILLED_FROM_FEEDBACK,
  feedbackFigure,
  isFeedbackIndicator,
} from '../../core/feedback/kpi.ts';
import type { IndicatorFigure } from '../../core/indicators/dossier-indicators.ts';
import { checkEnteredValue, type VersionedEnteredValue } from '../../core/indicators/indicator-schemas.ts';
import { ratePercent } from '../../core/indicators/rollup.ts';
import { asTarget, resolveTarget, type StoredTarget } from '../../core/indicators/target-resolution.ts';
import {
  TARGET_STATUS,
  type Target,
  type TargetStatus,
  targetStatus,
} from '../../core/indicators/targets.ts';
import { parsePeriod } from '../../core/periods/periods.ts';
import { mutate } from '../audit/audit-log.ts';
import { nowOf, todayOf } from '../clock.ts';
import { indicators, indicatorTargets, indicatorValues, units } from '../db/schema/index.ts';
import { deleteVersioned, writeVersioned } from '../db/versioned.ts';
import { disclosureTallies, subtreeDisclosureFigure } from '../disclosures/disclosure-indicators.ts';
import { periodRange, periodTallies, subtreeTally } from '../feedback/feedback-figures.ts';
import { subtreeSurveyFigure, surveyFiguresByUnit } from '../surveys/survey-indicators.ts';
import { shippedCatalogue } from './catalogue-loader.ts';
import { assertChangesIndicators, assertReadsIndicators, type IndicatorContext } from './indicator-access.ts';

export interface UnitIndicatorValue {
  code: string;
  nameVi: string;
  nameEn: string;
  measureUnit: string;
  kind: string;
  frameworkCode: string | null;
  description: string | null;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  /** A ratio in %, or the count or value itself. */
  rate: number | null;
  note: string | null;
  target: Target | null;
  status: TargetStatus | null;
  colour: string | null;
  updatedAt: string | null;
  /** 0: nothing entered yet. */
  version: number;
  /**
   * The unit and every unit below it together, numerators and denominators summed (never rates
   * averaged); null for a value indicator, which does not add up.
   */
  subtree: {
    numerator: number;
    denominator: number;
    value: number;
    rate: number | null;
    units: number;
  } | null;
  /** What the unit's own data measured for this entered indicator in the period, to fill it in (766 §5). */
  fromData: IndicatorFigure | null;
}

/** A figure the data measured for the unit's subtree in the period, with the target that applies. */
export interface MeasuredIndicator {
  code: string;
  nameVi: string;
  nameEn: string;
  measureUnit: string;
  kind: string;
  numerator: number;
  denominator: number | null;
  rate: number | null;
  target: Target | null;
  status: TargetStatus | null;
  /** For a survey's figure: the people behind the answers. */
  respondents?: number;
}

interface Totals {
  numerator: number;
  denominator: number;
  value: number;
  units: number;
}

/** A ratio over nothing measured nothing: there is nothing to fill in. */
const measuredOnly = (figure: IndicatorFigure) => ((figure.denominator ?? 0) > 0 ? figure : null);

/** What the units of a subtree entered for the period, summed per indicator. */
async function subtreeTotals(
  ctx: IndicatorContext,
  path: string,
  period: string,
): Promise<Map<string, Totals>> {
  const rows = await ctx.db
    .select({
      code: indicatorValues.indicatorCode,
      numerator: sql<number>`coalesce(sum(${indicatorValues.numerator}), 0)`.mapWith(Number),
      denominator: sql<number>`coalesce(sum(${indicatorValues.denominator}), 0)`.mapWith(Number),
      value: sql<number>`coalesce(sum(${indicatorValues.value}), 0)`.mapWith(Number),
      units: sql<number>`count(*)::int`,
    })
    .from(indicatorValues)
    .innerJoin(units, eq(units.id, indicatorValues.unitId))
    .where(and(eq(indicatorValues.periodCode, period), like(units.path, `${path}%`)))
    .groupBy(indicatorValues.indicatorCode);
  return new Map(rows.map(({ code, ...totals }) => [code, totals]));
}

function subtreeFigure(kind: string, totals: Totals | undefined): UnitIndicatorValue['subtree'] {
  if (kind === 'value') return null;
  const sum = totals ?? { numerator: 0, denominator: 0, value: 0, units: 0 };
  const rate = kind === 'ratio' ? ratePercent(sum) : sum.units === 0 ? null : sum.value;
  return { ...sum, rate };
}

function periodOf(code: string): string {
  const period = parsePeriod(code);
  if (!period)
    throw fieldError(
      'period',
      msg('Kỳ không hợp lệ (ví dụ 2026Q1, 2026S1, 2026).', 'Invalid period (e.g. 2026Q1, 2026S1, 2026).'),
    );
  return period.code;
}

/**
 * The entered indicators (source "entered") with the unit's values for the period and the target
 * that applies, and the feedback figures of the unit's subtree in the period's data window (those
 * fill in the 766 feedback indicators): what the periodic report form shows beside its narrative.
 */
export async function unitIndicatorValues(ctx: IndicatorContext, unitId: number, periodCode: string) {
  const unit = await assertReadsIndicators(ctx, unitId);
  const period = periodOf(periodCode);
  const range = await periodRange(ctx.db, period);
  const [catalogue, values, targets, totals, tallies, surveyed, disclosed] = await Promise.all([
    ctx.db
      .select()
      .from(indicators)
      .where(inArray(indicators.source, ['entered', 'feedback', 'survey', 'disclosures']))
      .orderBy(asc(indicators.position)),
    ctx.db
      .select()
      .from(indicatorValues)
      .where(and(eq(indicatorValues.unitId, unitId), eq(indicatorValues.periodCode, period))),
    ctx.db.select().from(indicatorTargets),
    subtreeTotals(ctx, unit.path, period),
    periodTallies(ctx.db, period, todayOf(ctx)),
    surveyFiguresByUnit(ctx.db, period, unit),
    range ? disclosureTallies(ctx.db, range, todayOf(ctx)) : [],
  ]);
  const tally = subtreeTally(tallies, unit.path);
  const byCode = new Map(values.map((row) => [row.indicatorCode, row]));
  const targetOf = (code: string) =>
    resolveTarget(targets as StoredTarget[], {
      indicatorCode: code,
      unitId,
      unitType: unit.type,
      periodCode: period,
    });
  const feedback = catalogue
    .filter((indicator) => indicator.source === 'feedback' && isFeedbackIndicator(indicator.code))
    .map((indicator): MeasuredIndicator => {
      const figure = feedbackFigure(indicator.code as FeedbackIndicatorCode, tally);
      const target = targetOf(indicator.code);
      return {
        code: indicator.code,
        nameVi: indicator.nameVi,
        nameEn: indicator.nameEn,
        measureUnit: indicator.measureUnit,
        kind: indicator.kind,
        ...figure,
        target: target ? asTarget(target) : null,
        status: target ? targetStatus(figure.rate, asTarget(target)) : null,
      };
    });
  // What the unit's satisfaction surveys measured (the questionnaire names the indicator it fills).
  const survey = catalogue
    .filter((indicator) => indicator.source === 'survey')
    .flatMap((indicator): MeasuredIndicator[] => {
      const figure = subtreeSurveyFigure(surveyed, indicator.code, unit.path);
      if (!figure) return [];
      const target = targetOf(indicator.code);
      return [
        {
          code: indicator.code,
          nameVi: indicator.nameVi,
          nameEn: indicator.nameEn,
          measureUnit: indicator.measureUnit,
          kind: indicator.kind,
          numerator: figure.numerator,
          denominator: figure.denominator,
          rate: figure.rate,
          respondents: figure.respondents,
          target: target ? asTarget(target) : null,
          status: target ? targetStatus(figure.rate, asTarget(target)) : null,
        },
      ];
    });
  // Mandatory disclosures due in the period's window, judged today (the register's compliance).
  const disclosures = catalogue
    .filter((indicator) => indicator.source === 'disclosures')
    .flatMap((indicator): MeasuredIndicator[] => {
      const figure = subtreeDisclosureFigure(disclosed, unit.path);
      if (figure.denominator === 0) return [];
      const target = targetOf(indicator.code);
      return [
        {
          code: indicator.code,
          nameVi: indicator.nameVi,
          nameEn: indicator.nameEn,
          measureUnit: indicator.measureUnit,
          kind: indicator.kind,
          numerator: figure.numerator,
          denominator: figure.denominator,
          rate: figure.rate,
          target: target ? asTarget(target) : null,
          status: target ? targetStatus(figure.rate, asTarget(target)) : null,
        },
      ];
    });
  const items = catalogue
    .filter((indicator) => indicator.source === 'entered')
    .map((indicator): UnitIndicatorValue => {
      const row = byCode.get(indicator.code);
      const rate = !row
        ? null
        : indicator.kind === 'ratio'
          ? ratePercent({ numerator: row.numerator ?? 0, denominator: row.denominator ?? 0 })
          : row.value;
      const target = targetOf(indicator.code);
      const status = target ? targetStatus(rate, asTarget(target)) : null;
      const filledFrom = FILLED_FROM_FEEDBACK[indicator.code];
      return {
        code: indicator.code,
        nameVi: indicator.nameVi,
        nameEn: indicator.nameEn,
        measureUnit: indicator.measureUnit,
        kind: indicator.kind,
        frameworkCode: indicator.frameworkCode,
        description: indicator.description,
        numerator: row?.numerator ?? null,
        denominator: row?.denominator ?? null,
        value: row?.value ?? null,
        rate,
        note: row?.note ?? null,
        target: target ? asTarget(target) : null,
        status,
        colour: status ? TARGET_STATUS[status].colour : null,
        updatedAt: row?.updatedAt.toISOString() ?? null,
        version: row?.version ?? 0,
        subtree: subtreeFigure(indicator.kind, totals.get(indicator.code)),
        fromData: filledFrom ? measuredOnly(feedbackFigure(filledFrom, tally)) : null,
      };
    });
  return {
    unit: { id: unit.id, name: unit.name, type: unit.type },
    period,
    items,
    feedback,
    survey,
    disclosures,
  };
}

const presentValue = (row: typeof indicatorValues.$inferSelect) => ({
  indicatorCode: row.indicatorCode,
  numerator: row.numerator,
  denominator: row.denominator,
  value: row.value,
  note: row.note,
});

/** Saves what the unit entered; all fields of an indicator left empty clears its value. All or nothing. */
export async function saveUnitIndicatorValues(
  ctx: IndicatorContext,
  unitId: number,
  periodCode: string,
  input: VersionedEnteredValue[],
) {
  const unit = await assertChangesIndicators(ctx, unitId);
  if (unit.validTo)
    throw new AppError(
      'CONFLICT',
      msg(
        'Đơn vị đã giải thể hoặc sáp nhập: không nhập số liệu mới.',
        'The unit has been dissolved or merged: no new figures can be entered.',
      ),
    );
  const period = periodOf(periodCode);
  const entered = await ctx.db
    .select({ code: indicators.code })
    .from(indicators)
    .where(eq(indicators.source, 'entered'));
  const allowed = new Set(entered.map((row) => row.code));
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  input.forEach((item, index) => {
    const path = `values.${index}`;
    const indicator = shippedCatalogue().get(item.indicatorCode);
    if (!indicator || !allowed.has(item.indicatorCode)) {
      issues.push({
        path: `${path}.indicatorCode`,
        message: msg(
          'Chỉ số này không nhập tay (hoặc không có trong danh mục).',
          'This indicator is not entered by hand (or is not in the catalogue).',
        ),
      });
      return;
    }
    if (seen.has(item.indicatorCode))
      issues.push({
        path: `${path}.indicatorCode`,
        message: msg('Chỉ số bị lặp.', 'The indicator is repeated.'),
      });
    seen.add(item.indicatorCode);
    const issue = checkEnteredValue(indicator, item, path);
    if (issue) issues.push(issue);
  });
  const [first] = issues;
  if (first) throw new AppError('VALIDATION_FAILED', atPath(first), { fields: issues });
  if (input.length === 0) return unitIndicatorValues(ctx, unitId, period);

  await mutate(ctx, async (tx, audit) => {
    const codes = input.map((item) => item.indicatorCode);
    const before = await tx
      .select()
      .from(indicatorValues)
      .where(
        and(
          eq(indicatorValues.unitId, unitId),
          eq(indicatorValues.periodCode, period),
          inArray(indicatorValues.indicatorCode, codes),
        ),
      );
    for (const [index, item] of input.entries()) {
      const key = and(
        eq(indicatorValues.indicatorCode, item.indicatorCode),
        eq(indicatorValues.unitId, unitId),
        eq(indicatorValues.periodCode, period),
      );
      const values = {
        numerator: item.numerator ?? null,
        denominator: item.denominator ?? null,
        value: item.value ?? null,
        note: item.note,
      };
      // Each value is checked against the version its writer read: a stale one rolls the batch back (409).
      const versioned = {
        table: indicatorValues,
        where: key,
        version: item.version,
        present: presentValue,
        details: { indicatorCode: item.indicatorCode, path: `values.${index}` },
      };
      if (values.numerator === null && values.denominator === null && values.value === null) {
        await deleteVersioned(tx, versioned);
        continue;
      }
      await writeVersioned(tx, {
        ...versioned,
        set: values,
        insert: { indicatorCode: item.indicatorCode, unitId, periodCode: period, ...values },
        actorId: ctx.user.userId,
        at: nowOf(ctx),
      });
    }
    await audit({
      action: 'indicator_values.save',
      entityType: 'unit',
      entityId: unitId,
      unitId,
      before: {
        period,
        values: before.map(({ indicatorCode, numerator, denominator, value, note }) => ({
          indicatorCode,
          numerator,
          denominator,
          value,
          note,
        })),
      },
      after: { period, values: input.map(({ version: _version, ...value }) => value) },
    });
  });
  return unitIndicatorValues(ctx, unitId, period);
}
