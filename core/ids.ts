import { z } from 'zod';

/**
 * Record ids and versions are PostgreSQL `integer` columns: a larger number sent in a path, a query or
 * a body is refused here as a 400 naming the field, instead of failing in the database as a 500.
 */
export const MAX_ID = 2_147_483_647;

const ID_MESSAGE = `Mã không hợp lệ: cần một số nguyên dương không quá ${MAX_ID}.`;
const VERSION_MESSAGE = `Phiên bản không hợp lệ: cần một số nguyên dương không quá ${MAX_ID}.`;

/** An id in a JSON body. */
export const idSchema = z
  .number({ error: ID_MESSAGE })
  .int(ID_MESSAGE)
  .positive(ID_MESSAGE)
  .max(MAX_ID, ID_MESSAGE);

/** An id in a path or a query string (text, read as a number). */
export const idParam = z.coerce
  .number({ error: ID_MESSAGE })
  .int(ID_MESSAGE)
  .positive(ID_MESSAGE)
  .max(MAX_ID, ID_MESSAGE);

/** The version a client read, sent back with a change (optimistic locking). */
export const versionSchema = z
  .number({ error: VERSION_MESSAGE })
  .int(VERSION_MESSAGE)
  .min(1, VERSION_MESSAGE)
  .max(MAX_ID, VERSION_MESSAGE);

/**
 * The version a client read of a record that is created on its first save (a score, an entered value,
 * a setting): 0 means "it did not exist yet".
 */
export const versionOrNewSchema = z
  .number({ error: VERSION_MESSAGE })
  .int(VERSION_MESSAGE)
  .min(0, VERSION_MESSAGE)
  .max(MAX_ID, VERSION_MESSAGE);
