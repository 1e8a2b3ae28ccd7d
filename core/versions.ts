import { z } from 'zod';

/** The largest version a PostgreSQL `integer` holds: anything above is refused as a 400, never a 500. */
export const MAX_VERSION = 2_147_483_647;

/**
 * The version of a record the writer read, sent back with every write (optimistic versioning).
 * 0 means "the record did not exist yet" for records created on first save (scores, entered values).
 */
export const versionField = z
  .number()
  .int('Phiên bản phải là số nguyên.')
  .min(0, 'Phiên bản không được âm.')
  .max(MAX_VERSION, 'Phiên bản vượt quá giới hạn.');

/** What a 409 VERSION_CONFLICT carries in `details.current`: the record as it is now, who changed it and when. */
export interface CurrentVersion<T = Record<string, unknown>> {
  version: number;
  /** null: the record was removed (an entered value cleared) since the writer read it. */
  record: T | null;
  updatedAt: string | null;
  updatedBy: { id: number; name: string } | null;
}
