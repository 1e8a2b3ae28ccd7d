import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Grant } from '../../core/auth/roles.ts';
import {
  DOSSIER_FIELD_LABELS,
  DOSSIER_FIELDS,
  type DossierColumns,
  type DossierField,
  headerSignature,
  mappingProblems,
  REQUIRED_DOSSIER_FIELDS,
  resolveColumns,
} from '../../core/dossiers/dossier-fields.ts';
import { AppError, type AppErrorDetails, fieldError, msg } from '../../core/errors.ts';
import { mutate, type ServiceContext } from '../audit/audit-log.ts';
import { nowOf } from '../clock.ts';
import { dossierMappings } from '../db/schema/index.ts';
import { nulInLine } from './csv-rows.ts';
import { canChangeDossierMappings } from './dossier-access.ts';

/** Who imports: the service context with the importer's grants (the CLI: the installation itself). */
/** `locale`: the reader's language, for the refusals an import lists (Vietnamese when unknown). */
export type DossierContext = ServiceContext & { user: { grants: readonly Grant[]; locale?: string } };

export type DossierMapping = Partial<Record<DossierField, string>>;

/** The fields as the mapping screen lists them. */
export const FIELD_LIST = DOSSIER_FIELDS.map((name) => ({
  name,
  required: REQUIRED_DOSSIER_FIELDS.includes(name),
  label: DOSSIER_FIELD_LABELS[name],
}));

/**
 * The file's columns: the mapping given, else the one remembered for this layout, over the titles we
 * recognise. Refused with DOSSIER_COLUMNS_UNMAPPED (headers, the columns to map, suggestions) when a required
 * field has no column.
 */
const mappingSchema = z.partialRecord(z.enum(DOSSIER_FIELDS), z.string().trim().min(1).max(200));

/** A column mapping as the web form or the command line sends it: JSON, canonical field → file header. */
export function parseDossierMapping(text: string): DossierMapping {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw fieldError(
      'mapping',
      msg(
        'Ánh xạ cột phải là một đối tượng JSON (trường → tiêu đề cột).',
        'The column mapping must be a JSON object (field → column header).',
      ),
    );
  }
  const checked = mappingSchema.safeParse(parsed);
  if (!checked.success)
    throw fieldError(
      'mapping',
      msg(
        'Ánh xạ cột không hợp lệ: mỗi trường chuẩn trỏ tới một tiêu đề cột của tệp.',
        'Invalid column mapping: each standard field points to a column header of the file.',
      ),
    );
  return checked.data;
}

export async function resolveDossierColumns(
  ctx: ServiceContext,
  headers: readonly string[],
  mapping?: DossierMapping,
): Promise<{ columns: DossierColumns; signature: string }> {
  if (headers.some((header) => header.includes('\u0000'))) throw nulInLine(1);
  const signature = headerSignature(headers);
  if (mapping) {
    const problems = mappingProblems(headers, mapping);
    if (problems.length > 0)
      throw new AppError('VALIDATION_FAILED', problems[0], {
        fields: problems.map((message) => ({ path: 'mapping', message })),
      });
  }
  let chosen = mapping;
  if (!chosen) {
    const [remembered] = await ctx.db
      .select()
      .from(dossierMappings)
      .where(eq(dossierMappings.signature, signature));
    chosen = remembered?.mapping;
  }
  const resolution = resolveColumns(headers, chosen ?? {});
  if (resolution.ok) return { columns: resolution.columns, signature };
  const missing = resolution.missing.map((field) => DOSSIER_FIELD_LABELS[field]).join(', ');
  // `columns` lists the fields to map; `fields` keeps meaning form errors, as everywhere else.
  const details = { headers: [...headers], columns: FIELD_LIST, suggested: resolution.suggested };
  throw new AppError(
    'DOSSIER_COLUMNS_UNMAPPED',
    msg(
      `Không tìm thấy cột cho: ${missing}. Hãy chọn cột tương ứng.`,
      `No column found for: ${missing}. Choose the matching column.`,
    ),
    details as unknown as AppErrorDetails,
  );
}

/**
 * Remembers a layout's mapping by its signature (audited), so the same export imports directly next
 * time; does nothing for someone who may not change mappings. Returns whether it was kept.
 */
export async function rememberDossierMapping(
  ctx: DossierContext & { actor: { userId: number | null } },
  headers: readonly string[],
  mapping: DossierMapping,
): Promise<boolean> {
  if (!canChangeDossierMappings(ctx.user.grants)) return false;
  const signature = headerSignature(headers);
  await mutate(ctx, async (tx, audit) => {
    const [before] = await tx.select().from(dossierMappings).where(eq(dossierMappings.signature, signature));
    await tx
      .insert(dossierMappings)
      .values({ signature, mapping, updatedBy: ctx.actor.userId })
      .onConflictDoUpdate({
        target: dossierMappings.signature,
        set: { mapping, updatedBy: ctx.actor.userId, updatedAt: nowOf(ctx) },
      });
    await audit({
      action: 'dossiers.mapping_saved',
      entityType: 'dossier_mapping',
      entityId: signature.slice(0, 200),
      before: before ? { mapping: before.mapping } : undefined,
      after: { headers, mapping },
    });
  });
  return true;
}

export async function findDossierMappings(ctx: ServiceContext) {
  const rows = await ctx.db.select().from(dossierMappings).orderBy(desc(dossierMappings.updatedAt));
  return rows.map((row) => ({
    signature: row.signature,
    mapping: row.mapping,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
  }));
}
