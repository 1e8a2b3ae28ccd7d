import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp } from '../test/harness.ts';

let t: TestApp;
let reporter: Session;

beforeAll(async () => {
  t = await createTestApp();
  reporter = await signInAs(t, 'unit_reporter', '11953');
});
afterAll(() => t.close());

const simulate = (changes: { code: string; delta: number }[], province = '33') =>
  reporter.request('POST', '/api/indices/papi/simulate', { year: 2024, province, changes });

describe('where the province stands in PAPI', () => {
  it("answers for the installation's province (Hưng Yên, formed from Hưng Yên and Thái Bình) when none is asked", async () => {
    const { status, json } = await reporter.request('GET', '/api/indices/papi/standing?year=2024');
    expect(status).toBe(200);
    expect(json.province).toEqual({ code: '33', name: 'Tỉnh Hưng Yên' });
    expect(json.predecessors.map((part: { unit: string }) => part.unit)).toEqual(['Hưng Yên', 'Thái Bình']);
    const [hungYen, thaiBinh] = json.predecessors;
    expect(hungYen.total).toEqual({
      score: 44.4042,
      median: 43.4796,
      topQuartileFloor: 44.6854,
      best: { unit: 'Quảng Ninh', unitCode: '22', score: 47.8212 },
      rank: 19,
      group: 2,
    });
    expect(hungYen.ranked).toBe(61);
    expect(hungYen.dimensions['PAPI.5']).toEqual({
      score: 7.3097,
      median: 7.2245,
      topQuartileFloor: 7.3666,
      best: { unit: 'Hậu Giang', unitCode: '93', score: 7.5928 },
      rank: 20,
      group: 2,
    });
    expect(hungYen.dimensions['PAPI.7']).toMatchObject({ score: 3.5847, median: 3.678, rank: 34, group: 3 });
    expect(thaiBinh.dimensions['PAPI.3']).toMatchObject({ score: 4.6101, rank: 1, group: 1 });
    expect(thaiBinh.total).toMatchObject({ score: 44.7379, rank: 15, group: 1 });
    expect(hungYen.trend.map((point: { rank: number }) => point.rank)).toEqual([37, 60, 44, 5, 11, 12, 19]);
    expect(hungYen.trend[3]).toEqual({ year: 2021, total: 45.3659, rank: 5, ranked: 60 });
    expect(hungYen.pointsToNextRank).toBe(0.0103);
    expect(hungYen.nextGroup).toEqual({ group: 1, points: 0.2812 });
    expect(thaiBinh.nextGroup).toBeNull();
  });

  it('labels the merged province a mean with equal weights, an estimate, placed among the other provinces', async () => {
    const { json } = await reporter.request('GET', '/api/indices/papi/standing?year=2024&province=33');
    expect(json.estimate).toMatchObject({
      basis: 'equal-weights',
      weights: [
        { unitCode: '33', unit: 'Hưng Yên', weight: 0.5 },
        { unitCode: '34', unit: 'Thái Bình', weight: 0.5 },
      ],
      total: 44.5711,
      rank: 16,
      ranked: 60,
    });
    expect(json.estimate.dimensions['PAPI.3']).toBe(4.4896);
    expect(json.estimate.note.vi).toContain('Ước tính, không phải kết quả công bố');
    expect(json.estimate.note.vi).toContain('trọng số bằng nhau (mỗi tỉnh 1/2)');
    // Each old province's sub-dimensions, named as the codebook names them.
    const hungYen = json.predecessors[0];
    expect(hungYen.subdimensions).toHaveLength(28);
    expect(hungYen.subdimensions[0]).toMatchObject({
      code: 'PAPI.1.1',
      dimension: 'PAPI.1',
      nameVi: 'Tri thức công dân',
      nameEn: 'Civic Knowledge',
    });
  });

  it('gives one province and no estimate for an old province of the data, not one of today', async () => {
    const { json } = await reporter.request('GET', '/api/indices/papi/standing?year=2024&province=34');
    expect(json.predecessors.map((part: { unit: string }) => part.unit)).toEqual(['Thái Bình']);
    expect(json.estimate).toBeNull();
  });

  it('costs exactly the points it states: the next rank and the next group, and not 0,0001 less', async () => {
    const up = async (delta: number) => (await simulate([{ code: 'PAPI.6', delta }])).json;
    expect(await up(0.0103)).toMatchObject({ rankAfter: 18, groupAfter: 2 });
    expect(await up(0.0102)).toMatchObject({ rankAfter: 19 });
    expect(await up(0.2812)).toMatchObject({ groupAfter: 1 });
    expect(await up(0.2811)).toMatchObject({ groupAfter: 2 });
  });
});

describe('the rank simulator', () => {
  it('moves Hưng Yên 2024 from rank 19 to 13 and into the top group on PAPI.5 +0,5 (as the CLI does)', async () => {
    const { status, json } = await simulate([{ code: 'PAPI.5', delta: 0.5 }]);
    expect(status).toBe(200);
    expect(json).toMatchObject({
      province: 'Hưng Yên',
      year: 2024,
      ranked: 61,
      totalBefore: 44.4042,
      totalAfter: 44.9042,
      rankBefore: 19,
      rankAfter: 13,
      groupBefore: 2,
      groupAfter: 1,
    });
    expect(json.changes).toEqual([{ code: 'PAPI.5', delta: 0.5, applied: 0.5, clamped: false, bound: null }]);
  });

  it('moves a sub-dimension: Dịch vụ chứng thực +0,1 moves procedures and the total by 0,1, to 18th', async () => {
    const { status, json } = await simulate([{ code: 'PAPI.5.1', delta: 0.1 }]);
    expect(status).toBe(200);
    expect(json).toMatchObject({ totalBefore: 44.4042, totalAfter: 44.5042, rankAfter: 18, groupAfter: 2 });
    expect(json.dimensions['PAPI.5'].after - json.dimensions['PAPI.5'].before).toBeCloseTo(0.1, 10);
    expect(json.changes).toEqual([
      { code: 'PAPI.5.1', delta: 0.1, applied: expect.closeTo(0.1, 10), clamped: false, bound: null },
    ]);
    // The same 0,1 on the dimension gives the same answer.
    const { json: onDimension } = await simulate([{ code: 'PAPI.5', delta: 0.1 }]);
    expect(onDimension).toMatchObject({ totalAfter: 44.5042, rankAfter: 18, groupAfter: 2 });
  });

  it('with no change gives the published rank', async () => {
    expect((await simulate([])).json).toMatchObject({ totalAfter: 44.4042, rankAfter: 19, groupAfter: 2 });
  });

  it('lists the levers: a point buys the same ranks on every dimension, the typical yearly gain differs', async () => {
    const { json } = await reporter.request('GET', '/api/indices/papi/levers?year=2024&province=33');
    expect(json.items).toHaveLength(8);
    expect(new Set(json.items.map((lever: { ranksPerPoint: number }) => lever.ranksPerPoint))).toEqual(
      new Set([10]),
    );
    expect(json.items[4]).toEqual({
      dimension: 'PAPI.5',
      score: 7.3097,
      median: 7.2245,
      best: 7.5928,
      pointsToNextRank: 0.0103,
      ranksPerPoint: 10,
      typicalYearlyGain: 0.2653,
    });
  });

  it('finds the smallest changes for rank 10: within what provinces gain in a year', async () => {
    const { json } = await reporter.request('GET', '/api/indices/papi/target?year=2024&province=33&rank=10');
    expect(json).toMatchObject({
      alreadyMet: false,
      reached: true,
      withinTypicalGains: true,
      totalIncrease: 0.79,
    });
    expect(
      json.changes.map((change: { dimension: string; delta: number }) => [change.dimension, change.delta]),
    ).toEqual([
      ['PAPI.4', 0.06],
      ['PAPI.6', 0.73],
    ]);
    expect(json.simulation).toMatchObject({ rankAfter: 10, totalAfter: 45.1942 });
  });

  it('refuses a wrong year, province, code or target with 400 and a Vietnamese message', async () => {
    const refusal = async (promise: Promise<{ status: number; json: { error: { message: string } } }>) => {
      const { status, json } = await promise;
      return [status, json.error.message];
    };
    expect(await refusal(reporter.request('GET', '/api/indices/papi/levers?year=2025&province=33'))).toEqual([
      400,
      'Không có kết quả PAPI năm 2025: dữ liệu đi kèm có các năm 2018–2024, của 63 tỉnh, thành phố trước khi hợp nhất (1/7/2025).',
    ]);
    expect(await refusal(reporter.request('GET', '/api/indices/papi/levers?year=2024&province=99'))).toEqual([
      400,
      'Không có tỉnh mã 99 trong kết quả PAPI năm 2024 (63 tỉnh, thành phố trước khi hợp nhất 1/7/2025).',
    ]);
    expect(await refusal(simulate([{ code: 'PAPI.5.2', delta: 0.5 }]))).toEqual([
      400,
      'Mã PAPI.5.2 không có trong PAPI năm 2024: dùng PAPI.1 … PAPI.8 (chỉ số nội dung) hoặc một chỉ số nội dung thành phần của năm đó (ví dụ PAPI.5.1).',
    ]);
    expect(
      await refusal(
        simulate([
          { code: 'PAPI.8.2', delta: 0.1 },
          { code: 'PAPI.8', delta: 0.1 },
        ]),
      ),
    ).toEqual([
      400,
      'Không thể thay đổi cùng lúc chỉ số nội dung PAPI.8 và chỉ số nội dung thành phần PAPI.8.2 của nó: điểm PAPI.8 là tổng các chỉ số thành phần. Hãy thay đổi hoặc PAPI.8, hoặc các chỉ số thành phần của nó.',
    ]);
    const [status, message] = await refusal(simulate([{ code: 'PAPI.9', delta: 0.5 }]));
    expect([status, message]).toEqual([
      400,
      'changes.0.code: Mã chỉ số phải có dạng PAPI.5 (chỉ số nội dung) hoặc PAPI.5.1 (chỉ số nội dung thành phần).',
    ]);
    expect(await refusal(reporter.request('GET', '/api/indices/papi/target?year=2024&province=33'))).toEqual([
      400,
      'querystring: Chọn một mục tiêu: thứ hạng (rank) hoặc nhóm (group), không chọn cả hai.',
    ]);
    expect(
      await refusal(reporter.request('GET', '/api/indices/papi/target?year=2024&province=33&rank=99')),
    ).toEqual([400, 'Thứ hạng mục tiêu phải là số nguyên từ 1 đến 61.']);
  });
});
