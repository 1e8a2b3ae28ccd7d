import { z } from 'zod';
import type { DbOrTx } from '../db/engine.ts';
import { readSetting } from '../db/settings.ts';

/**
 * The installation's part in the federation, as settings written by the CLI: a province that publishes
 * (`federation publish`), or a national instance that subscribes to provinces (`federation subscribe`).
 */
export const PUBLISHING_KEY = 'federation_publishing';
export const SUBSCRIPTIONS_KEY = 'federation_subscriptions';

export const publishingSchema = z.object({ on: z.boolean(), since: z.string().nullable() });
export type Publishing = z.output<typeof publishingSchema>;
export const NOT_PUBLISHING: Publishing = { on: false, since: null };

export const subscriptionSchema = z.object({
  provinceCode: z.string(),
  /** The subscription's and the publisher's slot names. */
  subscription: z.string(),
  slot: z.string(),
  /** Where from, without the password. */
  source: z.string(),
  since: z.string(),
});
export type Subscription = z.output<typeof subscriptionSchema>;
export const subscriptionsSchema = z.object({ provinces: z.array(subscriptionSchema) });
export const NO_SUBSCRIPTIONS: z.output<typeof subscriptionsSchema> = { provinces: [] };

export const readPublishing = (db: DbOrTx) =>
  readSetting(db, PUBLISHING_KEY, publishingSchema, NOT_PUBLISHING);
export const readSubscriptions = (db: DbOrTx) =>
  readSetting(db, SUBSCRIPTIONS_KEY, subscriptionsSchema, NO_SUBSCRIPTIONS);

/** The publication every province's database carries. */
export const PUBLICATION = 'chiso_federation';
/** Names are made of the province code: lower case letters, digits and underscores only. */
export const subscriptionName = (code: string) =>
  `chiso_fed_${code.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`;
export const slotName = (code: string) => `chiso_national_${code.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`;
