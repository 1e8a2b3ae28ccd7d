import { describe, expect, it } from 'vitest';
import { fromZod } from '../errors.ts';
import { workdayCalendar } from '../periods/workdays.ts';
import { representativeIssue, representativeRange } from './groups.ts';
import { onlineAllowed, onlineChecklist } from './online.ts';
import { createEntrySchema, createSessionSchema } from './reception-schemas.ts';
import { referralClocks } from './schedule.ts';

const calendar = workdayCalendar();

describe('groups with representatives (Luật TCD Điều 29–30)', () => {
  it('5–10 people: 1 or 2; more than 10: 1 to 5; fewer than 5: none needed', () => {
    expect([4, 5, 10, 11, 300].map(representativeRange)).toEqual([
      { min: 0, max: 4 },
      { min: 1, max: 2 },
      { min: 1, max: 2 },
      { min: 1, max: 5 },
      { min: 1, max: 5 },
    ]);
    expect(representativeIssue(5, 0)?.vi).toBe(
      'Từ 5 đến 10 người cùng nội dung thì cử 1 hoặc 2 người đại diện (Luật Tiếp công dân 2013, Điều 29–30).',
    );
    expect(representativeIssue(10, 3)?.en).toBe(
      '5 to 10 people with the same content appoint 1 or 2 representatives (Law on Citizen Reception 2013, Articles 29–30).',
    );
    expect(representativeIssue(11, 6)?.vi).toBe(
      'Trên 10 người cùng nội dung thì cử từ 1 đến 5 người đại diện (Luật Tiếp công dân 2013, Điều 29–30).',
    );
    expect([representativeIssue(10, 2), representativeIssue(11, 5), representativeIssue(1, 0)]).toEqual([
      null,
      null,
      null,
    ]);
  });

  it('the form refuses the numbers on the representatives field, in both languages', () => {
    const line = {
      unitId: 1,
      receivedOn: '03/12/2026',
      citizenName: 'Lê Văn Tâm',
      content: 'Đền bù giải phóng mặt bằng',
      kind: 'khieu_nai',
      peopleCount: 12,
      representatives: ['Lê Văn Tâm', 'A', 'B', 'C', 'D', 'E'],
    };
    const refused = createEntrySchema.safeParse(line);
    expect(refused.success).toBe(false);
    const issue = refused.error?.issues[0];
    expect([issue?.path, fromZod(issue?.message ?? '').en]).toEqual([
      ['representatives'],
      'More than 10 people with the same content appoint 1 to 5 representatives (Law on Citizen Reception 2013, Articles 29–30).',
    ]);
    const kept = createEntrySchema.parse({ ...line, representatives: ['Lê Văn Tâm', 'Phạm Thị Lan'] });
    expect([kept.peopleCount, kept.representatives]).toEqual([12, ['Lê Văn Tâm', 'Phạm Thị Lan']]);
  });
});

describe('online reception (Luật 136/2025 Điều 3a; NĐ 154/2026 unconfirmed)', () => {
  it('exists from 01/07/2026: a session on 30/06/2026 online is refused on its mode', () => {
    expect([onlineAllowed('2026-06-30'), onlineAllowed('2026-07-01')?.from]).toEqual([null, '2026-07-01']);
    const session = {
      unitId: 1,
      on: '30/06/2026',
      hostLevel: 'commune_chair',
      hostTitle: 'Chủ tịch UBND xã',
      startTime: '08:00',
      endTime: '11:00',
      location: 'Điểm cầu UBND xã',
      mode: 'online',
      onlineLink: 'https://hop.example.vn/tcd',
    };
    const refused = createSessionSchema.safeParse(session);
    expect(refused.error?.issues.map((issue) => issue.path)).toEqual([['mode']]);
    expect(refused.error?.issues[0]?.message).toBe(
      'Chỉ tiếp công dân trực tuyến từ ngày 01/07/2026 (Luật 136/2025/QH15, Điều 3a): buổi tiếp trước ngày đó phải là trực tiếp.',
    );
    const noLink = createSessionSchema.safeParse({ ...session, on: '05/01/2027', onlineLink: '' });
    expect(noLink.error?.issues.map((issue) => issue.path)).toEqual([['onlineLink']]);
    expect(createSessionSchema.parse({ ...session, on: '05/01/2027' }).mode).toBe('online');
  });

  it('the checklist counts working days back across New Year 2027 (Friday 01/01 off)', () => {
    const items = onlineChecklist(
      { on: '2027-01-05', startTime: '08:00', notifiedOn: '2026-12-29', testedOn: null },
      '2027-01-05',
      calendar,
    );
    expect(
      items.map(({ check, dueOn, dueAt, doneOn, late, source }) => [
        check,
        dueOn,
        dueAt,
        doneOn,
        late,
        source,
      ]),
    ).toEqual([
      ['notified', '2026-12-28', null, '2026-12-29', true, 'unconfirmed'],
      ['tested', '2027-01-04', null, null, true, 'unconfirmed'],
      ['connected', '2027-01-05', '07:00', null, false, 'unconfirmed'],
      ['recorded', '2027-01-05', null, null, false, 'unconfirmed'],
    ]);
    const onTime = onlineChecklist(
      { on: '2027-01-05', startTime: '00:30', notifiedOn: '2026-12-28', testedOn: '2027-01-04' },
      '2027-01-05',
      calendar,
    );
    expect(onTime.map((item) => [item.late, item.dueAt])).toEqual([
      [false, null],
      [false, null],
      [false, '00:00'],
      [false, null],
    ]);
  });
});

describe('the follow-up clocks of a transferred case (Luật TCD Điều 27 khoản 2, Điều 28 khoản 2)', () => {
  it('7 working days after resolving, across 1–2/9/2026; then 5 working days after the notice', () => {
    const line = { referredBy: 'Ban Dân nguyện', resolvedOn: '2026-08-28', referrerNotifiedOn: null };
    expect(referralClocks(line, calendar)).toEqual({ referrerDueOn: '2026-09-10', citizenInformDueOn: null });
    expect(referralClocks({ ...line, referrerNotifiedOn: '2026-09-11' }, calendar)).toEqual({
      referrerDueOn: '2026-09-10',
      citizenInformDueOn: '2026-09-18',
    });
    expect(referralClocks({ ...line, referredBy: null }, calendar)).toEqual({
      referrerDueOn: null,
      citizenInformDueOn: null,
    });
    expect(referralClocks({ ...line, resolvedOn: null }, calendar)).toEqual({
      referrerDueOn: null,
      citizenInformDueOn: null,
    });
  });
});
