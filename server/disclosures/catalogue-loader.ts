import { readFileSync } from 'node:fs';
import { type CatalogueItem, parseDisclosureCatalogue } from '../../core/disclosures/catalogue.ts';
import type { Tx } from '../db/engine.ts';
import { disclosureItems } from '../db/schema/index.ts';

const CATALOGUE_FILE = new URL('../../reference/disclosures/catalogue.json', import.meta.url);

let shipped: CatalogueItem[] | null = null;

/** The shipped catalogue of what must be disclosed, read and checked once. */
export function shippedDisclosureCatalogue(): readonly CatalogueItem[] {
  shipped ??= parseDisclosureCatalogue(JSON.parse(readFileSync(CATALOGUE_FILE, 'utf8')));
  return shipped;
}

/**
 * Adds the shipped versions the installation does not have yet (by code and first day): the
 * province's edits of a shipped version are kept, never overwritten by a restart.
 */
export async function loadDisclosureCatalogue(tx: Tx): Promise<number> {
  const rows = shippedDisclosureCatalogue().map((item, position) => ({ ...item, builtIn: true, position }));
  const added = await tx
    .insert(disclosureItems)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: disclosureItems.id });
  return added.length;
}
