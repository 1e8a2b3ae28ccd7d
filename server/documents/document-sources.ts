import { eq } from 'drizzle-orm';
import { AppError, msg } from '../../core/errors.ts';
import { pathIds } from '../../core/units/unit-tree.ts';
import { units } from '../db/schema/index.ts';
import { quarterListSpec } from '../disclosures/quarter-list.ts';
import type { DocumentSpec } from '../files/document-spec.ts';
import { apologySpec } from '../indicators/apology-letter.ts';
import { issuerOfUnit, placeOfIssuingUnit, planToSpec } from '../plans/plan-document.ts';
import { getPlan } from '../plans/plan-queries.ts';
import { chasingSpec } from '../reports/chasing-letter.ts';
import { reportSpec } from '../reports/report-document.ts';
import { loadUnit } from '../units/unit-access.ts';
import type { RegisterContext } from './register-access.ts';

/**
 * The Chiso document an entry of the register stands for, as the description both its .docx and its
 * PDF are made from, with the particulars the register gave it (number, date, signer). Documents made
 * outside Chiso (or of a kind Chiso does not write yet) are brought as a PDF instead.
 */
export async function sourceSpec(
  ctx: RegisterContext,
  entry: {
    unitId: number;
    sourceKind: string;
    sourceId: string | null;
    number: string;
    issuedOn: string;
    signerName: string | null;
  },
): Promise<DocumentSpec> {
  const spec = await specOf(ctx, entry.sourceKind, entry.sourceId, entry.unitId);
  // A plan typed in Chiso may name no issuer or place: the issuing unit's own.
  const unit = await loadUnit(ctx.db, entry.unitId);
  const [province] = await ctx.db
    .select({ name: units.name })
    .from(units)
    .where(eq(units.id, pathIds(unit.path)[0] ?? 0));
  return {
    ...spec,
    head: {
      ...spec.head,
      issuer: spec.head.issuer ?? issuerOfUnit(unit),
      place: spec.head.place ?? placeOfIssuingUnit(unit, province?.name ?? null),
      number: entry.number,
      issuedOn: entry.issuedOn,
      year: Number(entry.issuedOn.slice(0, 4)),
      signer: entry.signerName ?? spec.head.signer,
    },
  };
}

async function specOf(
  ctx: RegisterContext,
  kind: string,
  id: string | null,
  unitId: number | null,
): Promise<DocumentSpec> {
  const key = Number(id);
  if ((kind === 'plan' || kind === 'remediation') && Number.isInteger(key))
    return planToSpec(await getPlan(ctx, key));
  if (kind === 'report' && Number.isInteger(key)) return (await reportSpec(ctx, key)).spec;
  // The apology slip by its dossier's code, the chasing letter by its period, the quarter's list by its quarter.
  if (kind === 'apology' && id) return (await apologySpec(ctx, id)).spec;
  if (kind === 'chasing' && id) return (await chasingSpec(ctx, id)).spec;
  if (kind === 'quarter_list' && id && unitId !== null) return (await quarterListSpec(ctx, unitId, id)).spec;
  throw new AppError(
    'CONFLICT',
    msg(
      'Chiso không tự soạn được văn bản này: tải lên bản PDF của văn bản để ký.',
      'Chiso does not write this document itself: upload its PDF to sign it.',
    ),
  );
}
