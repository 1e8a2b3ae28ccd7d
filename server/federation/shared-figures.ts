import { sql } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import type { Db } from '../db/engine.ts';
import { dataVersion } from '../db/read-cache.ts';
import { readPublishing, readSubscriptions } from './federation-settings.ts';
import { refreshFederation } from './refresh.ts';

const recomputedAt = new WeakMap<Db, number>();

/**
 * The shared tables as the national view and the DHIS2 export read them, and a version of them that
 * changes whenever a province's figures do (the newest recomputation of any province, and how many).
 *
 * On a national instance the provinces' rows arrive by logical replication; on a publishing province
 * the publisher keeps its own rows current. A province alone (neither) has its own rows recomputed
 * here first, at most once per committed change this process knows of: its figures are then shown
 * and exported as a national instance would receive them.
 */
export async function sharedFiguresVersion(db: Db, now: Date): Promise<string> {
  const version = dataVersion();
  if (recomputedAt.get(db) !== version) {
    const [publishing, subscriptions] = await Promise.all([readPublishing(db), readSubscriptions(db)]);
    if (!publishing.on && subscriptions.provinces.length === 0) {
      try {
        await refreshFederation(db, { now });
      } catch (error) {
        // An installation that is no province (a national one before its first subscription, or units
        // not imported yet) has nothing of its own to share.
        if (!(error instanceof AppError)) throw error;
      }
    }
    recomputedAt.set(db, version);
  }
  const { rows } = await db.execute<{ newest: string | null; provinces: number }>(
    sql`select max(refreshed_at)::text as newest, count(*)::int as provinces from federation.provinces`,
  );
  return `${rows[0]?.newest ?? ''}|${rows[0]?.provinces ?? 0}`;
}
