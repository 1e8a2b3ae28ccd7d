import { describe, expect, it } from 'vitest';
import { workdayCalendar } from '../periods/workdays.ts';
import { citizenSms, SMS_LIMIT } from './citizen-sms.ts';
import { dueDate, extendedDue, mayExtend, resumedDueDate, ruleInForce } from './clock-rules.ts';
import { decideIntake } from './kinds.ts';
import { addTally, emptyTally, feedbackFigure, feedbackKpis, type KpiItem, tallyFeedback } from './kpi.ts';
import { normaliseTrackingCode, trackingCode } from './tracking-code.ts';
import { type FeedbackAction, type FeedbackState, step } from './workflow.ts';

const calendar = workdayCalendar();

describe('telling the kinds apart at intake', () => {
  const intake = { identified: true, signed: false, mixed: false };
  it('handles a petition as a petition, signed or not, named or not', () => {
    expect(decideIntake({ ...intake, kind: 'pakn_general', identified: false })).toEqual({
      handled: true,
      procedure: 'petition',
    });
  });
  it('does not handle an anonymous denunciation as one, an unsigned complaint, or a mixed text', () => {
    expect(decideIntake({ ...intake, kind: 'denunciation', identified: false })).toEqual({
      handled: false,
      reason: 'anonymous_denunciation',
      basis: 'Luật Tố cáo 2018, Điều 25',
    });
    expect(decideIntake({ ...intake, kind: 'complaint' })).toMatchObject({ reason: 'unsigned_complaint' });
    expect(decideIntake({ ...intake, kind: 'complaint', signed: true })).toEqual({
      handled: true,
      procedure: 'complaint',
    });
    expect(decideIntake({ ...intake, kind: 'pakn_general', mixed: true })).toMatchObject({ reason: 'split' });
    expect(decideIntake({ ...intake, kind: 'denunciation' })).toEqual({
      handled: true,
      procedure: 'denunciation',
    });
  });
});

describe('the clocks, as the rule in force on the day of receipt counts them', () => {
  it('a complaint received before 1 July 2026 is accepted within 10 working days, after it within 7', () => {
    expect(ruleInForce('complaint', 'accept', '2026-06-30')).toMatchObject({ days: 10, source: 'law' });
    expect(ruleInForce('complaint', 'accept', '2026-07-01')).toMatchObject({
      days: 7,
      source: 'unconfirmed',
    });
    // Received on Tuesday 30 June 2026: ten working days later, the weekends skipped.
    const before = ruleInForce('complaint', 'accept', '2026-06-30');
    expect(before && dueDate('2026-06-30', before, calendar)).toBe('2026-07-14');
    const after = ruleInForce('complaint', 'accept', '2026-07-01');
    expect(after && dueDate('2026-07-01', after, calendar)).toBe('2026-07-10');
  });

  it('a petition’s answer: 15 working days unless the province sets its own; a number of the law it cannot change', () => {
    expect(ruleInForce('pakn_general', 'answer', '2026-12-02')).toMatchObject({
      days: 15,
      source: 'province_default',
    });
    const settings = { 'pakn_general.answer': 10, 'pakn_general.forward': 20 } as const;
    expect(ruleInForce('pakn_general', 'answer', '2026-12-02', settings)?.days).toBe(10);
    expect(ruleInForce('pakn_general', 'forward', '2026-12-02', settings)).toMatchObject({
      days: 5,
      source: 'law',
    });
    // A denunciation has no "answer" step: its clocks are its own.
    expect(ruleInForce('denunciation', 'answer', '2026-12-02')).toBeNull();
    expect(ruleInForce('denunciation', 'initial', '2026-12-02')?.days).toBe(7);
  });

  it('counts working days across Tết 2027 and its days in lieu', () => {
    // Tết Đinh Mùi: 5–9 February 2027, with 10 and 11 February for the days that fell on the weekend.
    const rule = ruleInForce('pakn_general', 'answer', '2027-02-01');
    expect(rule && dueDate('2027-02-01', rule, calendar)).toBe('2027-03-01');
    // The coordinator's overrides (an extra day off) move it on.
    const withDayOff = workdayCalendar({ daysOff: ['2027-02-12'] });
    expect(rule && dueDate('2027-02-01', rule, withDayOff)).toBe('2027-03-02');
  });

  it('stands still while the unit waits for the citizen: the deadline moves by the working days waited', () => {
    // Asked on Friday 4 December 2026, answered on Wednesday 9 December: 3 working days (7, 8, 9).
    expect(resumedDueDate('2026-12-15', '2026-12-04', '2026-12-09', calendar)).toBe('2026-12-18');
    // Answered the same day: nothing moves; over a weekend only: nothing moves either.
    expect(resumedDueDate('2026-12-15', '2026-12-04', '2026-12-04', calendar)).toBe('2026-12-15');
    expect(resumedDueDate('2026-12-15', '2026-12-04', '2026-12-06', calendar)).toBe('2026-12-15');
  });

  it('extends a complex case as the law allows: a complaint once to 45 days, a denunciation to 60 then 90', () => {
    const complaint = {
      kind: 'complaint' as const,
      receivedOn: '2026-11-30',
      acceptedOn: '2026-12-03',
      dueOn: '2027-01-04',
      extensions: 0,
    };
    // 45 days after 3 December 2026 is Sunday 17 January 2027: the next working day.
    expect(extendedDue(complaint, calendar)).toEqual({
      ok: true,
      dueOn: '2027-01-18',
      basis: 'Luật Khiếu nại 2011, Điều 28',
    });
    expect(extendedDue({ ...complaint, extensions: 1 }, calendar)).toEqual({
      ok: false,
      refusal: 'extended_enough',
    });
    expect(mayExtend(complaint)).toBe(true);
    expect(mayExtend({ ...complaint, extensions: 1 })).toBe(false);
    // A deadline already later (the clock paused while the unit waited for the citizen) is kept.
    expect(extendedDue({ ...complaint, dueOn: '2027-01-20' }, calendar)).toMatchObject({
      dueOn: '2027-01-20',
    });

    const denunciation = { ...complaint, kind: 'denunciation' as const };
    expect(extendedDue(denunciation, calendar)).toMatchObject({ ok: true, dueOn: '2027-02-01' });
    // The second extension ends 90 days after acceptance (Wednesday 3 March 2027), never later.
    expect(extendedDue({ ...denunciation, extensions: 1, dueOn: '2027-02-01' }, calendar)).toEqual({
      ok: true,
      dueOn: '2027-03-03',
      basis: 'Luật Tố cáo 2018, Điều 30 khoản 1',
    });
    expect(extendedDue({ ...denunciation, extensions: 2 }, calendar)).toMatchObject({
      refusal: 'extended_enough',
    });
    // A petition has no extension, nor a case not yet accepted.
    expect(extendedDue({ ...complaint, kind: 'pakn_general' }, calendar)).toMatchObject({
      refusal: 'no_extension',
    });
    expect(extendedDue({ ...complaint, acceptedOn: null }, calendar)).toMatchObject({
      refusal: 'no_extension',
    });
    expect(mayExtend({ ...complaint, kind: 'pakn_conduct' })).toBe(false);
  });

  it('a period of days that ends on a holiday ends on the next working day', () => {
    const rule = ruleInForce('complaint', 'resolve', '2026-03-31');
    // 30 days after 31 March 2026 is 30 April (holiday), then 1 May (holiday) and the weekend.
    expect(rule && dueDate('2026-03-31', rule, calendar)).toBe('2026-05-04');
  });
});

describe('a petition’s way, its outcome kept apart from its status', () => {
  const fresh: FeedbackState = { status: 'received', outcome: null, answeredOn: null, reopened: 0 };
  const run = (actions: [FeedbackAction, string][], state = fresh) =>
    actions.reduce((current, [action, on]) => {
      const next = step(current, action, on);
      if (!next.ok) throw new Error(`${action.type}: ${next.refusal}`);
      return next.state;
    }, state);

  it('received → accepted → in progress → answered → closed, then reopened once within 30 days', () => {
    const answered = run([
      [{ type: 'accept' }, '2026-12-01'],
      [{ type: 'start' }, '2026-12-02'],
      [{ type: 'answer', outcome: 'resolved', reason: null }, '2026-12-10'],
    ]);
    expect(answered).toEqual({
      status: 'answered',
      outcome: 'resolved',
      answeredOn: '2026-12-10',
      reopened: 0,
    });
    const closed = run([[{ type: 'close' }, '2026-12-11']], answered);
    expect(closed.status).toBe('closed');
    const reopened = run([[{ type: 'reopen' }, '2027-01-09']], closed);
    expect(reopened).toEqual({ status: 'in_progress', outcome: null, answeredOn: '2026-12-10', reopened: 1 });
    const again = run(
      [[{ type: 'answer', outcome: 'not_resolved', reason: 'Chờ vốn năm 2027' }, '2027-01-15']],
      reopened,
    );
    expect(step(again, { type: 'reopen' }, '2027-01-16')).toEqual({ ok: false, refusal: 'reopened_already' });
    expect(step(answered, { type: 'reopen' }, '2027-01-10')).toEqual({
      ok: false,
      refusal: 'reopen_too_late',
    });
    expect(step(fresh, { type: 'reopen' }, '2026-12-02')).toEqual({ ok: false, refusal: 'not_answered' });
  });

  it('needs a reason to forward, to answer "not resolved", to close as spam; a duplicate names its original', () => {
    expect(step(fresh, { type: 'forward', toUnitId: 2, reason: ' ' }, '2026-12-02')).toEqual({
      ok: false,
      refusal: 'reason_required',
    });
    expect(
      run([[{ type: 'forward', toUnitId: 2, reason: 'Thuộc thẩm quyền Sở Xây dựng' }, '2026-12-02']]).status,
    ).toBe('received');
    const accepted = run([[{ type: 'accept' }, '2026-12-02']]);
    expect(step(accepted, { type: 'answer', outcome: 'not_resolved', reason: null }, '2026-12-03')).toEqual({
      ok: false,
      refusal: 'reason_required',
    });
    expect(step(fresh, { type: 'close', outcome: 'spam' }, '2026-12-02')).toEqual({
      ok: false,
      refusal: 'reason_required',
    });
    expect(step(fresh, { type: 'close', outcome: 'duplicate' }, '2026-12-02')).toEqual({
      ok: false,
      refusal: 'duplicate_of_required',
    });
    expect(run([[{ type: 'close', outcome: 'duplicate', duplicateOf: 7 }, '2026-12-02']])).toMatchObject({
      status: 'closed',
      outcome: 'duplicate',
    });
    // Once the work has started it ends with an answer, not as spam.
    const started = run([[{ type: 'start' }, '2026-12-02']], accepted);
    expect(step(started, { type: 'close', outcome: 'spam', reason: 'Quảng cáo' }, '2026-12-02')).toEqual({
      ok: false,
      refusal: 'not_now',
    });
    // Asking the citizen for more, and going on when they answer.
    const waiting = run([[{ type: 'ask_info', question: 'Xin cho biết số nhà' }, '2026-12-03']], started);
    expect(waiting.status).toBe('needs_info');
    expect(run([[{ type: 'info_given' }, '2026-12-04']], waiting).status).toBe('accepted');
  });
});

describe('a unit’s figures: closed is never resolved', () => {
  const item = (patch: Partial<KpiItem>): KpiItem => ({
    status: 'received',
    outcome: null,
    receivedOn: '2026-10-01',
    answerDueOn: '2026-10-22',
    answeredOn: null,
    ...patch,
  });
  it('counts on time, resolved and the median days to answer, leaving spam, duplicates and others’ items out', () => {
    const items = [
      item({ status: 'closed', outcome: 'resolved', answeredOn: '2026-10-05', rating: 'satisfied' }), // 4 days, on time
      item({ status: 'closed', outcome: 'not_resolved', answeredOn: '2026-10-21', rating: 'not_satisfied' }), // 20 days, on time
      item({ status: 'answered', outcome: 'resolved', answeredOn: '2026-10-30' }), // 29 days, late
      item({ status: 'in_progress', answerDueOn: '2026-12-20' }), // not yet due
      item({ status: 'accepted' }), // overdue
      item({ status: 'in_progress', outcome: null, answeredOn: '2026-10-06', answerDueOn: '2026-10-22' }), // reopened, overdue
      item({ status: 'closed', outcome: 'spam' }),
      item({ status: 'closed', outcome: 'duplicate' }),
      item({ status: 'closed', outcome: 'not_competent' }),
    ];
    expect(feedbackKpis(items, '2026-12-02')).toEqual({
      onTime: { numerator: 3, denominator: 6 },
      resolved: { numerator: 2, denominator: 3 },
      satisfied: { numerator: 1, denominator: 2 },
      medianDaysToAnswer: 20,
      overdue: 2,
    });
    expect(feedbackKpis([], '2026-12-02')).toEqual({
      onTime: { numerator: 0, denominator: 0 },
      resolved: { numerator: 0, denominator: 0 },
      satisfied: { numerator: 0, denominator: 0 },
      medianDaysToAnswer: null,
      overdue: 0,
    });
  });
  it('adds tallies of units as counts and takes the median over every answer, not the mean of medians', () => {
    const first = tallyFeedback(
      [
        item({ status: 'answered', outcome: 'resolved', answeredOn: '2026-10-02' }), // 1 day
        item({ status: 'answered', outcome: 'resolved', answeredOn: '2026-10-03' }), // 2 days
        item({ status: 'answered', outcome: 'resolved', answeredOn: '2026-10-04' }), // 3 days
      ],
      '2026-12-02',
    );
    const second = tallyFeedback(
      [item({ status: 'closed', outcome: 'not_resolved', answeredOn: '2026-10-31' })], // 30 days, late
      '2026-12-02',
    );
    const total = addTally(addTally(emptyTally(), first), second);
    expect(total.counters).toEqual({
      arrived: 4,
      closed: 1,
      received: 4,
      onTime: 3,
      answered: 4,
      resolved: 3,
      rated: 0,
      satisfied: 0,
      overdue: 0,
    });
    expect(feedbackFigure('FEEDBACK_ON_TIME', total)).toEqual({ numerator: 3, denominator: 4, rate: 75 });
    expect(feedbackFigure('FEEDBACK_RESOLVED', total)).toEqual({ numerator: 3, denominator: 4, rate: 75 });
    expect(feedbackFigure('FEEDBACK_SATISFIED', total)).toEqual({ numerator: 0, denominator: 0, rate: null });
    expect(feedbackFigure('FEEDBACK_RECEIVED', total)).toEqual({ numerator: 4, denominator: null, rate: 4 });
    // The median of 1, 2, 3 and 30 days is 2.5; the mean of the two units' medians would be 16.
    expect(feedbackFigure('FEEDBACK_MEDIAN_DAYS', total)).toEqual({
      numerator: 2.5,
      denominator: null,
      rate: 2.5,
    });
    expect(feedbackFigure('FEEDBACK_MEDIAN_DAYS', emptyTally()).rate).toBeNull();
  });
});

describe('tracking codes', () => {
  it('carry the day and five characters that read the same on paper and over the phone', () => {
    const code = trackingCode('hy', '2026-12-02', [20, 7, 23, 4, 31]);
    expect(code).toBe('HY-20261202-M7Q4Z');
    expect(normaliseTrackingCode(' hy 20261202 m7q4z ')).toBe(code);
    expect(normaliseTrackingCode('HY.20261202.1O1L1')).toBe('HY-20261202-10111');
    expect(normaliseTrackingCode('HY-2026120-M7Q4Z')).toBeNull();
    expect(normaliseTrackingCode('HY-20261202-M7Q4U')).toBeNull();
    expect(() => trackingCode('HY', '2026-12-02', [1, 2, 3])).toThrow(RangeError);
  });
});

describe('the SMS to a citizen who left only a phone', () => {
  const input = {
    code: 'PAKN-20261203-K7M2Q',
    citizenName: null,
    receivedOn: '2026-12-03',
    on: '2026-12-10',
    note: null,
    unitName: 'Phường Phố Hiến',
    outcome: null,
    publicUrl: 'https://chiso.hungyen.gov.vn',
  };
  it('says the step without diacritics, in one message, with the public page', () => {
    expect(citizenSms({ ...input, action: 'answer', outcome: 'resolved' })).toBe(
      'Phan anh PAKN-20261203-K7M2Q: Tra loi (Da giai quyet). Xem: https://chiso.hungyen.gov.vn/phan-anh/PAKN-20261203-K7M2Q',
    );
    expect(citizenSms({ ...input, action: 'extend', dueOn: '2027-01-18' })).toBe(
      'Phan anh PAKN-20261203-K7M2Q: Gia han thoi han giai quyet den 18/01/2027. Xem: https://chiso.hungyen.gov.vn/phan-anh/PAKN-20261203-K7M2Q',
    );
  });
  it('leaves out a detail that would not fit, never the link', () => {
    const long = citizenSms({
      ...input,
      action: 'forward',
      unitName: 'Sở Nông nghiệp và Môi trường tỉnh Hưng Yên',
    });
    expect(long).toBe(
      'Phan anh PAKN-20261203-K7M2Q: Chuyen don vi co tham quyen. Xem: https://chiso.hungyen.gov.vn/phan-anh/PAKN-20261203-K7M2Q',
    );
    expect(long.length).toBeLessThanOrEqual(SMS_LIMIT);
    expect(/^[\x20-\x7e]+$/.test(long)).toBe(true);
  });
});
