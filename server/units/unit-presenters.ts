export {
  type UnitDetail,
  type UnitSummary,
  unitDetailSchema,
  unitSummarySchema,
} from '../../core/units/unit-views.ts';

/** What the audit trail records of a unit: every field a person can change. */
export function auditedUnit(row: {
  code: string | null;
  name: string;
  shortName: string | null;
  type: string;
  parentId: number | null;
  validFrom: string;
  validTo: string | null;
  headName: string | null;
  headTitle: string | null;
  headPhone: string | null;
  headEmail: string | null;
  address: string | null;
}) {
  const {
    code,
    name,
    shortName,
    type,
    parentId,
    validFrom,
    validTo,
    headName,
    headTitle,
    headPhone,
    headEmail,
    address,
  } = row;
  return {
    code,
    name,
    shortName,
    type,
    parentId,
    validFrom,
    validTo,
    headName,
    headTitle,
    headPhone,
    headEmail,
    address,
  };
}
