import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordObligation } from '../test/disclosure-register.ts';
import { COMMUNE_A, signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';

/**
 * The province's own budget disclosures (Luật NSNN 2015 Điều 15; TT 343/2016 Điều 9: on the portals of
 * the UBND tỉnh and the Sở Tài chính): recorded for the province by its coordinator, judged by the
 * province's rules (its portal only, 30 days after the estimate's decision), refused for a commune.
 */
let t: TestApp;
let coordinator: Session;
let province: number;
let communeA: number;

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-03-20T09:00:00+07:00') });
  coordinator = await signInAs(t, 'coordinator', '33');
  province = await unitIdByCode(t.database, '33');
  communeA = await unitIdByCode(t.database, COMMUNE_A);
}, 120_000);
afterAll(() => t.close());

describe('the province’s budget disclosures', () => {
  it('are recorded for the province and judged by its rule: the portal, 30 days after the decision', async () => {
    const estimate = await recordObligation(
      coordinator,
      province,
      {
        itemCode: 'NS_TINH_DU_TOAN',
        title: 'Dự toán ngân sách tỉnh năm 2026',
        decisionDate: '10/12/2025',
      },
      [{ place: 'website', from: '05/01/2026' }],
    );
    const judged = await coordinator.request('GET', `/api/disclosures/${estimate}`);
    expect(judged.json).toMatchObject({ due: '2026-01-09', status: 'on_time' });
    expect(judged.json.places).toEqual([{ place: 'website', status: 'running', late: false }]);
    const execution = await recordObligation(
      coordinator,
      province,
      {
        itemCode: 'NS_TINH_THUC_HIEN',
        title: 'Thực hiện dự toán ngân sách tỉnh quý IV/2025',
        decisionDate: '10/01/2026',
        periodTo: '31/12/2025',
      },
      [{ place: 'website', from: '20/01/2026' }],
    );
    const late = await coordinator.request('GET', `/api/disclosures/${execution}`);
    expect(late.json).toMatchObject({ due: '2026-01-15', status: 'late' });

    // Published, it has a page of the province's own on the public register.
    const published = await coordinator.request('PUT', `/api/disclosures/${estimate}/publication`, {
      published: true,
      version: judged.json.version,
    });
    expect(published.status).toBe(200);
    expect(published.json.publicPath).toBe(
      `/cong-khai/thong-tin/uy-ban-nhan-dan-tinh-hung-yen#noi-dung-${estimate}`,
    );
    const index = await t.app.inject({ method: 'GET', url: '/cong-khai/thong-tin' });
    expect(index.body).toContain(
      '<optgroup label="Cấp tỉnh"><option value="uy-ban-nhan-dan-tinh-hung-yen">Ủy ban nhân dân tỉnh Hưng Yên</option></optgroup>',
    );
    const page = await t.app.inject({
      method: 'GET',
      url: '/cong-khai/thong-tin/uy-ban-nhan-dan-tinh-hung-yen',
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Dự toán ngân sách tỉnh năm 2026');
    expect(page.body).not.toContain('Thực hiện dự toán ngân sách tỉnh quý IV/2025');
  });

  it('are not a commune’s, nor is a commune’s budget item the province’s', async () => {
    const commune = await coordinator.request('POST', '/api/disclosures', {
      unitId: communeA,
      itemCode: 'NS_TINH_DU_TOAN',
      title: 'Dự toán',
      decisionDate: '10/01/2026',
    });
    expect(commune.status).toBe(400);
    const provinceCommuneItem = await coordinator.request('POST', '/api/disclosures', {
      unitId: province,
      itemCode: 'NS_DU_TOAN',
      title: 'Dự toán',
      decisionDate: '10/01/2026',
    });
    expect(provinceCommuneItem.status).toBe(400);
  });
});
