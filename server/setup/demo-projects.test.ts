import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGrants } from '../auth/sessions.ts';
import { fixedClock } from '../clock.ts';
import { users } from '../db/schema/index.ts';
import { createTestApp, type TestApp, unitIdByCode } from '../test/harness.ts';
import { DEMO_PROJECTS, loadDemoProjects } from './demo-projects.ts';

let t: TestApp;
let ids: number[];
beforeAll(async () => {
  t = await createTestApp({ now: fixedClock('2026-12-02T10:00:00+07:00') });
  const [row] = await t.database.db.select().from(users).where(eq(users.username, 'baocao.phohien'));
  if (!row) throw new Error('no demo reporter');
  const reporter = {
    sessionId: '',
    csrfToken: '',
    userId: row.id,
    username: row.username,
    fullName: row.fullName,
    email: row.email,
    locale: 'vi',
    mustChangePassword: false,
    expiresAt: new Date(8.64e15),
    grants: await loadGrants(t.database.db, row.id),
  };
  ids = await loadDemoProjects(t.database.db, {
    today: '2026-12-02',
    unitId: await unitIdByCode(t.database, '11953'),
    reporter,
  });
}, 60_000);
afterAll(() => t.close());

describe('the demo projects', () => {
  it('publishes two projects of Phố Hiến: one with an unnamed household and an overdue answer, one settled', async () => {
    expect(ids).toHaveLength(DEMO_PROJECTS.count);
    const list = await t.app.inject({ method: 'GET', url: '/cong-khai/cong-trinh' });
    expect(list.body).toContain('Bê tông hóa ngõ 12 tổ dân phố số 5');
    expect(list.body).toContain('Sửa chữa nhà văn hóa tổ dân phố số 3');
    const lane = await t.app.inject({
      method: 'GET',
      url: `/cong-khai/cong-trinh/${ids[0]}-be-tong-hoa-ngo-12-to-dan-pho-so-5`,
    });
    expect(lane.statusCode).toBe(200);
    expect(lane.body).toContain('Trần Văn Hùng');
    expect(lane.body).not.toContain(DEMO_PROJECTS.hiddenHousehold);
    expect(lane.body).not.toContain('Đặng Thị Lan');
    expect(lane.body).toContain('Hộ gia đình (2 hộ không công khai tên)');
    expect(lane.body).toContain('71/86 (82,6%)');
    // Received 07/11/2026, due 22/11/2026 (a Sunday), so 23/11/2026: overdue on 02/12/2026.
    expect(lane.body).toContain('Quá hạn trả lời</span> (hạn trả lời 23/11/2026)');
    expect(lane.body).toContain('Đã trả lời đúng hạn');
    const house = await t.app.inject({
      method: 'GET',
      url: `/cong-khai/cong-trinh/${ids[1]}-sua-chua-nha-van-hoa-to-dan-pho-so-3`,
    });
    expect(house.body).toContain('Đã quyết toán');
    expect(house.body).toContain('Khớp với sổ thu, chi.');
    expect(house.body).toContain('1.500.000 đồng');
  });
});
