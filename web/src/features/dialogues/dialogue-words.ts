import { COMMITMENT_STATES, type CommitmentState, DIALOGUE_KINDS } from '../../../../core/dialogues/kinds.ts';
import { formatDateVi, todayInVietnam } from '../../../../core/text/dates.ts';

/** The kinds as options for a select, in the reader's language. */
export function kindOptions(label: (pair: { vi: string; en: string }) => string) {
  return Object.entries(DIALOGUE_KINDS).map(([value, words]) => ({ value, label: label(words) }));
}

export const STATE_COLORS: Record<CommitmentState, string> = {
  not_started: 'gray',
  in_progress: 'blue',
  overdue: 'red',
  done: 'green',
  cancelled: 'dark',
};

export { COMMITMENT_STATES, DIALOGUE_KINDS };

const THIS_YEAR = Number(todayInVietnam().slice(0, 4));
/** The years to pick: next year, this year and the four before. */
export const YEARS = Array.from({ length: 6 }, (_, i) => String(THIS_YEAR + 1 - i));

/** A date typed dd/mm/yyyy shown back as it was stored. */
export const shownDate = (iso: string | null) => formatDateVi(iso);
