export {
  type UnitDetail,
  type UnitSummary,
  unitDetailSchema,
  unitSummarySchema,
} from '../../core/units/unit-views.ts';

/** What the audit trail records of a unit: every field a person can change. */
const AUDITED_FIELDS = [
  'code',
  'name',
  'shortName',
  'type',
  'parentId',
  'validFrom',
  'validTo',
  'headName',
  'headTitle',
  'headPhone',
  'headEmail',
  'address',
] as const;

export function auditedUnit(row: Record<(typeof AUDITED_FIELDS)[number], unknown>) {
  return Object.fromEntries(AUDITED_FIELDS.map((field) => [field, row[field]]));
}
