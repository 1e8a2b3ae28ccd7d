/**
 * What waits for the signed-in person on their home page: each hand-off that needs them, with a
 * count and where to act. Worded per role by the web app (a head reads "Báo cáo chờ thủ trưởng
 * duyệt", an appraiser "Phiếu chờ thẩm định").
 */
import { z } from 'zod';

export const TODO_KINDS = [
  /** A reporter: the unit's reports not yet presented or sent (none yet, draft, returned). */
  'reportsToWrite',
  /** A head: reports the reporter presented, waiting to be sent or returned. */
  'reportsAwaitingHead',
  /** A head: the unit's reports not yet sent, not presented either. */
  'reportsNotSent',
  /** A coordinator: reports sent, waiting for a decision. */
  'reportsToReview',
  /** A unit: self-assessment sheets of open rounds not yet sent. */
  'sheetsToFill',
  /** A unit: sheets where the council returned criteria for an explanation not yet given. */
  'explanationsToGive',
  /** An appraiser: sheets of rounds in an appraisal stage still to appraise. */
  'sheetsToAppraise',
  /** A unit: plans asking for the unit's own plan, not answered yet. */
  'plansToMake',
] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

export const todoSchema = z.object({
  kind: z.enum(TODO_KINDS),
  count: z.number().int(),
  /** Where to act: the one record when there is one, the list otherwise. */
  link: z.string(),
  /** Something in it is past its deadline. */
  overdue: z.boolean(),
});
export type Todo = z.infer<typeof todoSchema>;

export const todosSchema = z.object({ items: z.array(todoSchema) });
