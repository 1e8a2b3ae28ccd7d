import { describe, expect, it } from 'vitest';
import { chatText, reminderSummaryText, summariseReminders } from './chasing.ts';

describe('summariseReminders', () => {
  it('says who was reached in the app, by e-mail, and who has no account or address', () => {
    const results = [
      ...Array.from({ length: 2 }, () => ({ status: 'sent', recipients: ['a@x.vn'], accounts: 1 })),
      ...Array.from({ length: 2 }, () => ({ status: 'no_address', recipients: [], accounts: 2 })),
      ...Array.from({ length: 112 }, () => ({ status: 'no_address', recipients: [], accounts: 0 })),
      { status: 'skipped', recipients: [], accounts: 0 },
    ];
    const summary = summariseReminders(results);
    expect(summary).toEqual({
      units: 116,
      reached: 4,
      inApp: 4,
      mailed: 2,
      failed: 0,
      noAccount: 112,
      noEmail: 114,
      skipped: 1,
      mailOff: false,
    });
    expect(reminderSummaryText(summary)).toBe(
      'Đã nhắc 4 đơn vị: 4 qua ứng dụng, 2 qua thư; 112 đơn vị chưa có tài khoản; 114 đơn vị chưa có thư điện tử; 1 đơn vị bỏ qua (đã gửi báo cáo hoặc đã được nhắc)',
    );
  });

  it('with e-mail off says so instead of counting missing addresses; a unit mailed but with no account is reached', () => {
    const summary = summariseReminders([
      { status: 'in_app', recipients: ['x@y.vn'], accounts: 1 },
      { status: 'in_app', recipients: [], accounts: 0 },
    ]);
    expect(reminderSummaryText(summary)).toBe(
      'Đã nhắc 1 đơn vị: 1 qua ứng dụng, 0 qua thư; 1 đơn vị chưa có tài khoản; chưa cấu hình thư điện tử',
    );
    expect(summariseReminders([{ status: 'sent', recipients: ['x@y.vn'], accounts: 0 }]).reached).toBe(1);
    expect(reminderSummaryText(summary, 'en')).toBe(
      'Reminded 1 unit: 1 in the app, 0 by e-mail; 1 without an account; e-mail is not configured',
    );
  });
});

describe('chatText', () => {
  it('lists each unit with its head and phone, the period in words and the deadline', () => {
    const text = chatText(
      [
        { unit: { name: 'Sở Tư pháp' }, head: { name: 'Nguyễn Văn An', phone: '0912 345 678' } },
        { unit: { name: 'Xã Tân Hưng' }, head: { name: null, phone: null } },
      ],
      { code: '2026Q4', deadline: '2026-12-20' },
      '2026-12-22',
    );
    expect(text).toBe(
      [
        'Đến ngày 22/12/2026, 2 đơn vị chưa gửi báo cáo quý IV/2026 (hạn 20/12/2026, đã quá hạn):',
        '1. Sở Tư pháp: Nguyễn Văn An, 0912 345 678',
        '2. Xã Tân Hưng: chưa có tên thủ trưởng, chưa có số điện thoại',
        'Đề nghị các đơn vị khẩn trương gửi báo cáo trên Chiso. Trân trọng cảm ơn!',
      ].join('\n'),
    );
  });
});
