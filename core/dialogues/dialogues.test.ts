import { describe, expect, it } from 'vitest';
import { fromZod } from '../errors.ts';
import { commitmentSchema, createDialogueSchema, editDialogueSchema } from './dialogue-schemas.ts';
import {
  COMMITMENT_STATES,
  commitmentState,
  commitmentsPlanTitle,
  DIALOGUE_KINDS,
  dutyForYear,
  dutyMet,
  mayLeadCommitment,
} from './kinds.ts';

describe('kinds in words', () => {
  it('names each kind in Vietnamese and English', () => {
    expect(DIALOGUE_KINDS.annual_conference.vi).toBe('Hội nghị đối thoại với Nhân dân (hằng năm)');
    expect(DIALOGUE_KINDS.businesses.vi).toBe('Đối thoại với doanh nghiệp');
    expect(DIALOGUE_KINDS.decision.vi).toBe('Đối thoại trước khi ra quyết định hành chính');
    expect(DIALOGUE_KINDS.community.vi).toBe('Hội nghị cộng đồng dân cư');
    expect(Object.keys(DIALOGUE_KINDS)).toEqual([
      'annual_conference',
      'businesses',
      'decision',
      'community',
      'other',
    ]);
    for (const kind of Object.values(DIALOGUE_KINDS)) expect(kind.en).not.toBe(kind.vi);
  });
});

describe('the yearly duty (Luật 10/2022/QH15 Điều 32)', () => {
  it('is in force from 01/7/2023: a commune needs one annual conference a year', () => {
    const duty = dutyForYear(2026);
    expect(duty).toMatchObject({ unitType: 'commune', kind: 'annual_conference', perYear: 1 });
    expect(duty?.basis).toBe('Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15, Điều 32');
    // In force for part of 2023 is in force for 2023; not before.
    expect(dutyForYear(2023)?.effectiveFrom).toBe('2023-07-01');
    expect(dutyForYear(2022)).toBeNull();
  });

  it('is met by one conference, not by none', () => {
    const duty = dutyForYear(2026);
    expect(dutyMet(0, duty)).toBe(false);
    expect(dutyMet(1, duty)).toBe(true);
    expect(dutyMet(3, duty)).toBe(true);
    expect(dutyMet(0, null)).toBe(true);
  });

  it('ends with an end date', () => {
    const ended = [{ ...dutyForYear(2026)!, effectiveTo: '2027-06-30' }];
    expect(dutyForYear(2027, ended)).not.toBeNull();
    expect(dutyForYear(2028, ended)).toBeNull();
  });
});

describe('the plan of commitments and their states', () => {
  it('titles the plan after the meeting and its date', () => {
    expect(commitmentsPlanTitle('annual_conference', '2026-11-15')).toBe(
      'Thực hiện các cam kết tại Hội nghị đối thoại ngày 15/11/2026',
    );
    expect(commitmentsPlanTitle('businesses', '2026-03-02')).toBe(
      'Thực hiện các cam kết tại buổi đối thoại với doanh nghiệp ngày 02/03/2026',
    );
  });

  it('tells a commitment from its task', () => {
    expect(commitmentState({ status: 'not_started', due: '2026-12-31' }, '2026-12-03')).toBe('not_started');
    expect(commitmentState({ status: 'in_progress', due: '2026-12-31' }, '2026-12-03')).toBe('in_progress');
    expect(commitmentState({ status: 'in_progress', due: '2026-12-02' }, '2026-12-03')).toBe('overdue');
    expect(commitmentState({ status: 'done', due: '2026-12-02' }, '2026-12-03')).toBe('done');
    expect(commitmentState({ status: 'cancelled', due: '2026-12-02' }, '2026-12-03')).toBe('cancelled');
    expect(COMMITMENT_STATES.done.vi).toBe('Đã thực hiện');
  });

  it('lets the unit, its own units and provincial bodies lead, never another commune', () => {
    expect(mayLeadCommitment('/1/5/', { path: '/1/5/', type: 'commune' })).toBe(true);
    expect(mayLeadCommitment('/1/5/', { path: '/1/5/9/', type: 'office' })).toBe(true);
    expect(mayLeadCommitment('/1/5/', { path: '/1/7/', type: 'department' })).toBe(true);
    expect(mayLeadCommitment('/1/5/', { path: '/1/', type: 'province' })).toBe(true);
    expect(mayLeadCommitment('/1/5/', { path: '/1/6/', type: 'commune' })).toBe(false);
  });
});

describe('forms', () => {
  const dialogue = {
    unitId: 4,
    kind: 'annual_conference',
    heldOn: '15/11/2026',
    topic: '  Hội nghị đối thoại năm 2026 ',
    participants: 'Chủ tịch UBND xã\n\nChủ tịch UBMTTQ xã',
    participantCount: 120,
  };

  it('reads dd/mm/yyyy, trims text and keeps lines', () => {
    expect(createDialogueSchema.parse(dialogue)).toEqual({
      unitId: 4,
      kind: 'annual_conference',
      heldOn: '2026-11-15',
      topic: 'Hội nghị đối thoại năm 2026',
      location: null,
      chairedBy: null,
      participants: 'Chủ tịch UBND xã\nChủ tịch UBMTTQ xã',
      participantCount: 120,
      summary: null,
    });
  });

  it('refuses in clear Vietnamese', () => {
    const message = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
      result.error?.issues[0] ? fromZod(result.error.issues[0].message) : null;
    expect(message(createDialogueSchema.safeParse({ ...dialogue, heldOn: '31/02/2026' }))?.vi).toBe(
      'Ngày không hợp lệ (dd/mm/yyyy).',
    );
    expect(message(createDialogueSchema.safeParse({ ...dialogue, topic: '  ' }))).toEqual({
      vi: 'Hãy nhập chủ đề, nội dung đối thoại.',
      en: 'Enter the topic of the dialogue.',
    });
    expect(message(createDialogueSchema.safeParse({ ...dialogue, kind: 'party' }))?.vi).toBe(
      'Hãy chọn hình thức đối thoại.',
    );
    expect(message(createDialogueSchema.safeParse({ ...dialogue, participantCount: -1 }))?.vi).toBe(
      'Số người tham dự không thể âm.',
    );
    expect(message(editDialogueSchema.safeParse({ ...dialogue, version: 0 }))?.vi).toMatch(
      /^Phiên bản không hợp lệ/,
    );
    const commitment = { text: 'Sửa đường', leadUnitId: 3, dueOn: '31/03/2027', version: 1 };
    expect(commitmentSchema.parse(commitment)).toEqual({
      ...commitment,
      dueOn: '2027-03-31',
      questionId: null,
    });
    expect(message(commitmentSchema.safeParse({ ...commitment, leadUnitId: null }))?.vi).toBe(
      'Hãy chọn đơn vị chủ trì thực hiện.',
    );
    expect(message(commitmentSchema.safeParse({ ...commitment, dueOn: undefined }))?.vi).toBe(
      'Hãy nhập thời hạn (dd/mm/yyyy).',
    );
  });
});
