/**
 * When a unit has answered a request for a plan of its own: once it issued that plan ("ban hành"). A
 * draft is work in progress, not an answer; a plan withdrawn to a draft stops counting until issued
 * again. The cascade board, the to-dos and the reminders of a request all judge by this one rule (the
 * SQL in server/notifications/plan-notifications.ts says the same: `issued_at is not null`).
 */
import { todayInVietnam } from '../text/dates.ts';
import type { CascadeState } from './plan-views.ts';

export function isAnswer(plan: { issuedAt: Date | string | null }): boolean {
  return plan.issuedAt !== null;
}

/** On time, late, not yet, or missing after the deadline (`due`, ISO day; none: never missing). */
export function answerState(
  plan: { issuedAt: Date | string | null } | null,
  due: string | null,
  today: string,
): CascadeState {
  if (plan && isAnswer(plan)) {
    const issuedOn = todayInVietnam(new Date(plan.issuedAt as Date | string));
    return due && issuedOn > due ? 'late' : 'submitted';
  }
  return due && today > due ? 'missing' : 'pending';
}
