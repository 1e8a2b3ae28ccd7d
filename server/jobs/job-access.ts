import { eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import type { ServiceContext } from '../audit/audit-log.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { jobs } from '../db/schema/index.ts';

/**
 * A job (a dossier import, a consolidated report) and its files are read only by the person who
 * started it: what an import refused names another unit's dossiers. Anyone else gets NOT_FOUND.
 */
export function canReadJob(user: SessionUser, job: { createdBy: number | null }): boolean {
  return job.createdBy === user.userId;
}

export async function assertReadsJob(ctx: ServiceContext & { user: SessionUser }, id: number) {
  const [job] = await ctx.db.select().from(jobs).where(eq(jobs.id, id));
  if (!job || !canReadJob(ctx.user, job)) throw new AppError('NOT_FOUND');
  return job;
}
