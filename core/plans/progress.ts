/**
 * Progress of a plan's tree: a task's progress is given (the caller counts a done task as 100 and may
 * blend in the units carrying it out); a section's is the weighted mean of its children's; a cancelled
 * item counts for nothing. Overdue: a task not done by its due date.
 */
import type { ItemStatus } from './plan-views.ts';

export interface ProgressItem {
  id: number;
  parentId: number | null;
  kind: 'section' | 'task';
  status: ItemStatus;
  progress: number;
  weight: number;
  due: string | null;
}

export function isOverdue(item: Pick<ProgressItem, 'kind' | 'status' | 'due'>, today: string): boolean {
  return (
    item.kind === 'task' &&
    item.due !== null &&
    item.due < today &&
    item.status !== 'done' &&
    item.status !== 'cancelled'
  );
}

/** A task's own progress as reported: a task marked done counts 100 whatever figure was last given. */
export function taskProgress(item: { status: ItemStatus | string; progress: number }): number {
  return item.status === 'done' ? 100 : item.progress;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** Every item's progress after roll-up, and the plan's (the weighted mean of its top-level items). */
export function rollUpProgress(items: readonly ProgressItem[]): {
  byId: Map<number, number>;
  plan: number;
} {
  const children = new Map<number | null, ProgressItem[]>();
  for (const item of items) {
    const siblings = children.get(item.parentId) ?? [];
    siblings.push(item);
    children.set(item.parentId, siblings);
  }
  const byId = new Map<number, number>();
  // Returns the item's progress, or null when nothing under it counts (all cancelled, or empty).
  const visit = (item: ProgressItem): number | null => {
    if (item.kind === 'task') {
      const value = item.progress;
      byId.set(item.id, value);
      return item.status === 'cancelled' ? null : value;
    }
    const value = meanOf(children.get(item.id) ?? []);
    byId.set(item.id, value ?? 0);
    return item.status === 'cancelled' ? null : value;
  };
  const meanOf = (list: ProgressItem[]): number | null => {
    let sum = 0;
    let weights = 0;
    for (const child of list) {
      const value = visit(child);
      if (value === null || child.weight <= 0) continue;
      sum += value * child.weight;
      weights += child.weight;
    }
    return weights === 0 ? null : round(sum / weights);
  };
  const plan = meanOf(children.get(null) ?? []) ?? 0;
  return { byId, plan };
}

/**
 * A task's progress when units carry it out in plans of their own: `leadShare` % from the lead's own
 * report, the rest from the mean of the implementing tasks (just the report when there are none).
 */
export function blendedProgress(own: number, implementations: number | null, leadShare: number): number {
  if (implementations === null) return own;
  const share = Math.min(100, Math.max(0, leadShare)) / 100;
  return round(own * share + implementations * (1 - share));
}
