import {
  DISCLOSURE_PLACES,
  type DisclosurePlace,
  deadlineInWords,
  periodInWords,
} from '../../../../core/disclosures/catalogue.ts';
import {
  OBLIGATION_STATUSES,
  type ObligationStatus,
  PLACE_STATUSES,
  type PlaceStatus,
} from '../../../../core/disclosures/compliance.ts';

/** The register's words and colours, shared by its screens. */
export const STATUS_COLORS: Record<ObligationStatus, string> = {
  not_due: 'gray',
  missing: 'red',
  taken_down_early: 'orange',
  late: 'yellow',
  on_time: 'green',
};

export const PLACE_COLORS: Record<PlaceStatus, string> = {
  not_due: 'gray',
  missing: 'red',
  taken_down_early: 'orange',
  running: 'blue',
  complete: 'green',
};

export function placeOptions(label: (pair: { vi: string; en: string }) => string) {
  return (Object.keys(DISCLOSURE_PLACES) as DisclosurePlace[]).map((value) => ({
    value,
    label: label(DISCLOSURE_PLACES[value]),
  }));
}

export function statusOptions(label: (pair: { vi: string; en: string }) => string) {
  return (Object.keys(OBLIGATION_STATUSES) as ObligationStatus[]).map((value) => ({
    value,
    label: label(OBLIGATION_STATUSES[value]),
  }));
}

export { DISCLOSURE_PLACES, deadlineInWords, OBLIGATION_STATUSES, PLACE_STATUSES, periodInWords };
