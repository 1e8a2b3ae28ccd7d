import { eq } from 'drizzle-orm';
import { overlaps } from '../../core/disclosures/catalogue.ts';
import type { CatalogueItemForm, EditCatalogueItem } from '../../core/disclosures/disclosure-schemas.ts';
import { fieldError, msg } from '../../core/errors.ts';
import { mutate } from '../audit/audit-log.ts';
import { nowOf } from '../clock.ts';
import { disclosureItems } from '../db/schema/index.ts';
import { writeVersioned } from '../db/versioned.ts';
import { assertManagesCatalogue, type DisclosureContext } from './disclosure-access.ts';

/**
 * The catalogue of what must be disclosed, installation-wide: everyone who reads disclosures reads it;
 * a province's coordinator (disclosures.manage at the root) edits a version in place or adds one
 * (a new rule from a date: the old version gets its last day). A code's versions never overlap.
 */
export type CatalogueRow = typeof disclosureItems.$inferSelect;

export const presentItem = (row: CatalogueRow) => ({
  id: row.id,
  code: row.code,
  nameVi: row.nameVi,
  nameEn: row.nameEn,
  basis: row.basis,
  article: row.article,
  unitTypes: row.unitTypes,
  places: row.places,
  period: row.period,
  loudspeakerDays: row.loudspeakerDays,
  deadline: row.deadline,
  validFrom: row.validFrom,
  validTo: row.validTo,
  unconfirmed: row.unconfirmed,
  note: row.note,
  builtIn: row.builtIn,
  version: row.version,
});

export async function listCatalogue(ctx: DisclosureContext) {
  const rows = await ctx.db.select().from(disclosureItems);
  return rows
    .sort(
      (a, b) =>
        a.position - b.position || a.code.localeCompare(b.code) || a.validFrom.localeCompare(b.validFrom),
    )
    .map(presentItem);
}

async function assertNoOverlap(ctx: DisclosureContext, input: CatalogueItemForm, ownId: number | null) {
  if (input.validTo !== null && input.validTo < input.validFrom)
    throw fieldError(
      'validTo',
      msg('Ngày hết hiệu lực phải sau ngày áp dụng.', 'The last day must come after the first.'),
    );
  const versions = await ctx.db.select().from(disclosureItems).where(eq(disclosureItems.code, input.code));
  const clash = versions.find((row) => row.id !== ownId && overlaps(row, input));
  if (clash)
    throw fieldError(
      'validFrom',
      msg(
        `Mã ${input.code} đã có phiên bản áp dụng trong khoảng thời gian này (từ ${clash.validFrom}): hãy cho phiên bản cũ hết hiệu lực trước.`,
        `Code ${input.code} already has a version in force in this time (from ${clash.validFrom}): end the old version first.`,
      ),
    );
  return versions;
}

export async function createCatalogueItem(ctx: DisclosureContext, input: CatalogueItemForm) {
  assertManagesCatalogue(ctx);
  const versions = await assertNoOverlap(ctx, input, null);
  // A new version sits beside its code's others; a new code after the shipped items.
  const position = versions[0]?.position ?? 10_000;
  const row = await mutate(ctx, async (tx, audit) => {
    const [created] = await tx
      .insert(disclosureItems)
      .values({ ...input, position, updatedBy: ctx.user.userId, updatedAt: nowOf(ctx) })
      .returning();
    if (!created) throw new Error('catalogue insert returned nothing');
    await audit({
      action: 'disclosure_item.create',
      entityType: 'disclosure_item',
      entityId: created.id,
      after: input,
    });
    return created;
  });
  return presentItem(row);
}

export async function editCatalogueItem(ctx: DisclosureContext, id: number, input: EditCatalogueItem) {
  assertManagesCatalogue(ctx);
  const [before] = await ctx.db.select().from(disclosureItems).where(eq(disclosureItems.id, id));
  if (!before)
    throw fieldError('id', msg('Không tìm thấy nội dung trong danh mục.', 'Catalogue item not found.'));
  const { version, ...record } = input;
  if (record.code !== before.code)
    throw fieldError(
      'code',
      msg('Không đổi mã của nội dung đã có.', 'The code of an existing item cannot change.'),
    );
  await assertNoOverlap(ctx, record, id);
  const row = await mutate(ctx, async (tx, audit) => {
    const saved = await writeVersioned(tx, {
      table: disclosureItems,
      where: eq(disclosureItems.id, id),
      version,
      set: record,
      actorId: ctx.user.userId,
      at: nowOf(ctx),
      present: presentItem,
    });
    await audit({
      action: 'disclosure_item.update',
      entityType: 'disclosure_item',
      entityId: id,
      before: presentItem(before),
      after: record,
    });
    return saved;
  });
  return presentItem(row);
}
