import type { Msg } from '../errors.ts';
import type { RatioValue } from '../indicators/rollup.ts';
import { addDays } from '../text/dates.ts';
import type { CatalogueItem, DisclosurePlace } from './catalogue.ts';

/**
 * Whether an obligation to disclose was met: its due date from the rule in force, then for each place
 * the rule requires, what the records of that place show on `today`, and the obligation as a whole.
 *
 * Periods in days follow Bộ luật Dân sự 2015 Điều 147: the day of the event is not counted, so "30 ngày
 * kể từ ngày niêm yết" posted on 01/02 runs to 03/03 and "30 ngày sau ngày ban hành" of 10/01 ends on
 * 09/02. A loudspeaker's "03 ngày liên tục" are days of broadcasting: 05, 06 and 07/02. Working days
 * come from the province's calendar (weekends, public holidays and its overrides).
 */
export interface Obligation {
  /** The decision or document that triggers the duty (the approved estimate's decision date). */
  decisionDate: string;
  /** The period it covers (a quarter, a plan's years); the end triggers quarterly reports and ends plan-long postings. */
  periodFrom: string | null;
  periodTo: string | null;
}

export interface DisclosureRecord {
  place: DisclosurePlace;
  placeDetail?: string | null;
  /** First day posted (broadcast, published, sent). */
  from: string;
  /** Last day posted; null while it is still up. */
  to: string | null;
}

export interface Workdays {
  addWorkdays(date: string, n: number): string;
}

type Rule = Pick<CatalogueItem, 'places' | 'period' | 'loudspeakerDays' | 'deadline'>;

export const PLACE_STATUSES = {
  not_due: { vi: 'Chưa đến hạn', en: 'Not yet due' },
  missing: { vi: 'Chưa công khai', en: 'Missing' },
  taken_down_early: { vi: 'Gỡ trước thời hạn', en: 'Taken down early' },
  running: { vi: 'Đang công khai', en: 'Running' },
  complete: { vi: 'Đủ thời gian', en: 'Complete' },
} as const satisfies Record<string, Msg>;
export type PlaceStatus = keyof typeof PLACE_STATUSES;

export const OBLIGATION_STATUSES = {
  not_due: { vi: 'Chưa đến hạn', en: 'Not yet due' },
  missing: { vi: 'Thiếu, quá hạn', en: 'Missing' },
  taken_down_early: { vi: 'Gỡ trước thời hạn', en: 'Taken down early' },
  late: { vi: 'Công khai chậm', en: 'Late' },
  on_time: { vi: 'Đúng hạn', en: 'On time' },
} as const satisfies Record<string, Msg>;
export type ObligationStatus = keyof typeof OBLIGATION_STATUSES;
export const OBLIGATION_STATUS_CODES = Object.keys(OBLIGATION_STATUSES) as [
  ObligationStatus,
  ...ObligationStatus[],
];

/** The day the duty is due, or null when the trigger is not known (a quarterly report without its quarter). */
export function dueDate(
  rule: Pick<Rule, 'deadline'>,
  obligation: Obligation,
  calendar: Workdays,
): string | null {
  const { kind, days } = rule.deadline;
  if (kind === 'after_period_end')
    return obligation.periodTo === null ? null : addDays(obligation.periodTo, days);
  if (kind === 'workdays') return calendar.addWorkdays(obligation.decisionDate, days);
  return addDays(obligation.decisionDate, days);
}

/**
 * The last day a posting at `place` must stand, from its first day: null while it must stay up
 * (permanent, or a plan with no end given). A written notice is sent once.
 */
export function requiredUntil(
  rule: Rule,
  obligation: Obligation,
  place: DisclosurePlace,
  from: string,
): string | null {
  if (place === 'written') return from;
  if (place === 'loudspeaker') return addDays(from, (rule.loudspeakerDays ?? 1) - 1);
  if (rule.period.kind === 'days') return addDays(from, rule.period.days);
  // Permanent postings and plans stand until the document stops being in force (the period's end).
  return obligation.periodTo;
}

export interface RecordResult extends DisclosureRecord {
  status: Exclude<PlaceStatus, 'not_due' | 'missing'>;
  late: boolean;
  requiredUntil: string | null;
}

export function recordResult(
  rule: Rule,
  obligation: Obligation,
  record: DisclosureRecord,
  due: string | null,
  today: string,
): RecordResult {
  const until = requiredUntil(rule, obligation, record.place, record.from);
  const late = due !== null && record.from > due;
  const endedEarly = record.to !== null && (until === null || record.to < until);
  const status = endedEarly ? 'taken_down_early' : until !== null && today >= until ? 'complete' : 'running';
  return { ...record, status, late, requiredUntil: until };
}

export interface PlaceResult {
  place: DisclosurePlace;
  status: PlaceStatus;
  late: boolean;
  records: RecordResult[];
}

const RECORD_ORDER: Record<RecordResult['status'], number> = { taken_down_early: 0, running: 1, complete: 2 };

export interface ObligationResult {
  due: string | null;
  status: ObligationStatus;
  /** Every required place stood its whole minimum period. */
  complete: boolean;
  places: PlaceResult[];
  /** Records at places the rule does not require (shown, not judged). */
  extra: DisclosureRecord[];
}

/**
 * The places a unit must use for a rule: the loudspeaker only where the commune has a system ("nơi
 * có hệ thống loa truyền thanh", Luật 10/2022 Điều 13 khoản 3; TT 343/2016 Điều 17).
 */
export function requiredPlaces(
  rule: Pick<Rule, 'places'>,
  unit: { loudspeaker: boolean },
): DisclosurePlace[] {
  return unit.loudspeaker ? [...rule.places] : rule.places.filter((place) => place !== 'loudspeaker');
}

/**
 * An obligation judged on `today`. Each required place: no record is missing once the due day has
 * passed (not yet due before); with records, the worst of them (one village taken down early marks
 * the place), late if one was first posted after the due day. The obligation: missing before taken
 * down early before not yet due before late before on time. A unit without a loudspeaker system is
 * not asked for broadcasts (one it records anyway is shown, not judged).
 */
export function judgeObligation(
  rule: Rule,
  obligation: Obligation,
  records: readonly DisclosureRecord[],
  today: string,
  calendar: Workdays,
  unit: { loudspeaker: boolean } = { loudspeaker: true },
): ObligationResult {
  const due = dueDate(rule, obligation, calendar);
  const placesOf = requiredPlaces(rule, unit);
  const required = new Set<DisclosurePlace>(placesOf);
  const places = placesOf.map((place): PlaceResult => {
    const results = records
      .filter((record) => record.place === place)
      .map((record) => recordResult(rule, obligation, record, due, today));
    if (results.length === 0)
      return { place, status: due !== null && today > due ? 'missing' : 'not_due', late: false, records: [] };
    const worst = results.reduce((a, b) => (RECORD_ORDER[b.status] < RECORD_ORDER[a.status] ? b : a));
    return { place, status: worst.status, late: results.some((result) => result.late), records: results };
  });
  const has = (status: PlaceStatus) => places.some((place) => place.status === status);
  const status: ObligationStatus = has('missing')
    ? 'missing'
    : has('taken_down_early')
      ? 'taken_down_early'
      : has('not_due')
        ? 'not_due'
        : places.some((place) => place.late)
          ? 'late'
          : 'on_time';
  return {
    due,
    status,
    complete: places.every((place) => place.status === 'complete'),
    places,
    extra: records.filter((record) => !required.has(record.place)),
  };
}

/**
 * Whether the legal posting period still runs on `today`, and to which day: the latest end among the
 * postings still standing their minimum period (`running`). `until` null while one must stay up with no
 * end (a permanent posting, a plan without its last day). Taking the item off the public register then
 * is allowed, but the one who does it is told.
 */
export type PostingPeriod = { runs: false } | { runs: true; until: string | null };

export function postingPeriod(result: Pick<ObligationResult, 'places'>): PostingPeriod {
  const running = result.places.flatMap((place) =>
    place.records.filter((record) => record.status === 'running'),
  );
  if (running.length === 0) return { runs: false };
  if (running.some((record) => record.requiredUntil === null)) return { runs: true, until: null };
  const ends = running.map((record) => record.requiredUntil as string).sort();
  return { runs: true, until: ends.at(-1) ?? null };
}

export interface ComplianceTally {
  on_time: number;
  late: number;
  missing: number;
  taken_down_early: number;
  not_due: number;
}

export const emptyTally = (): ComplianceTally => ({
  on_time: 0,
  late: 0,
  missing: 0,
  taken_down_early: 0,
  not_due: 0,
});

export function tallyStatuses(statuses: Iterable<ObligationStatus>, into = emptyTally()): ComplianceTally {
  for (const status of statuses) into[status] += 1;
  return into;
}

export function addTallies(into: ComplianceTally, other: ComplianceTally): ComplianceTally {
  for (const key of Object.keys(into) as ObligationStatus[]) into[key] += other[key];
  return into;
}

/**
 * DISCLOSURE_ON_TIME as a ratio that sums up the unit tree: obligations disclosed on time in every
 * required place over the obligations judged (all but those not yet due).
 */
export function onTimeRatio(tally: ComplianceTally): RatioValue {
  return {
    numerator: tally.on_time,
    denominator: tally.on_time + tally.late + tally.missing + tally.taken_down_early,
  };
}
