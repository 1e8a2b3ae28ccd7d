import { eq } from 'drizzle-orm';
import { hasPermissionOn } from '../../core/auth/roles.ts';
import { AppError, msg } from '../../core/errors.ts';
import type { ServiceContext } from '../audit/audit-log.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { DbOrTx } from '../db/engine.ts';
import { dialogues, units } from '../db/schema/index.ts';

/**
 * Who may see and record a dialogue: it belongs to the unit that held it, scoped as feedback is
 * (feedback-access.ts). Staff with feedback.read on the unit (its own people, the province above) read
 * it; feedback.handle on the unit records it. A dialogue the user cannot read is NOT_FOUND (its
 * existence is not told); one read but not recorded, FORBIDDEN. Once published, its record is changed
 * only after it is taken down (with a reason).
 */
export type DialogueContext = ServiceContext & { user: SessionUser };
export type DialogueRow = typeof dialogues.$inferSelect;
export interface LoadedDialogue {
  dialogue: DialogueRow;
  unitName: string;
  unitPath: string;
}

export async function loadDialogue(db: DbOrTx, id: number): Promise<LoadedDialogue | null> {
  const [row] = await db
    .select({ dialogue: dialogues, unitName: units.name, unitPath: units.path })
    .from(dialogues)
    .innerJoin(units, eq(units.id, dialogues.unitId))
    .where(eq(dialogues.id, id));
  return row ?? null;
}

export function canRecordDialogue(user: SessionUser, unitPath: string): boolean {
  return hasPermissionOn(user.grants, 'feedback.handle', unitPath);
}

export async function assertReadsDialogue(ctx: DialogueContext, id: number): Promise<LoadedDialogue> {
  const row = await loadDialogue(ctx.db, id);
  if (!row || !hasPermissionOn(ctx.user.grants, 'feedback.read', row.unitPath))
    throw new AppError('NOT_FOUND');
  return row;
}

export async function assertRecordsDialogue(ctx: DialogueContext, id: number): Promise<LoadedDialogue> {
  const row = await assertReadsDialogue(ctx, id);
  if (!canRecordDialogue(ctx.user, row.unitPath)) throw new AppError('FORBIDDEN');
  return row;
}

/** A dialogue whose record may change now: not published (taken down first, with a reason). */
export async function assertEditsDialogue(ctx: DialogueContext, id: number): Promise<LoadedDialogue> {
  const row = await assertRecordsDialogue(ctx, id);
  if (row.dialogue.publishedAt !== null)
    throw new AppError(
      'CONFLICT',
      msg(
        'Buổi đối thoại đã công khai: muốn sửa, hãy gỡ khỏi trang công khai (nêu lý do) rồi công khai lại.',
        'The dialogue is published: to change it, take it down (with a reason) and publish it again.',
      ),
    );
  return row;
}
