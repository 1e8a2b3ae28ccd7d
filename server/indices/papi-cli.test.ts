import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = new URL('../../bin/chiso.mjs', import.meta.url).pathname;

/** The command as a user runs it; the papi commands read the shipped data and open no database. */
async function chiso(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  // No data folder and no DATABASE_URL: a command that opened a database would fail.
  const env = { PATH: process.env.PATH ?? '', CHISO_DATA_DIR: '/nonexistent/chiso-papi-cli' };
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const HUNG_YEN_2024 = ['--province', 'hung yen', '--year', '2024'];

describe('npx chiso papi', () => {
  it('simulate --json: Hưng Yên 2024 as published, then with procedures +0.5', async () => {
    const [unchanged, changed, two] = await Promise.all([
      chiso('papi', 'simulate', '--province', 'Hưng Yên', '--year', '2024', '--json'),
      chiso('papi', 'simulate', ...HUNG_YEN_2024, '--change', 'PAPI.5=+0.5', '--json'),
      chiso(
        'papi',
        'simulate',
        ...HUNG_YEN_2024,
        '--change',
        'PAPI.5=+0.5',
        '--change',
        'PAPI.2.1=-0,1',
        '--json',
      ),
    ]);
    expect(unchanged).toEqual({
      code: 0,
      stdout:
        '{"province":"Hưng Yên","year":2024,"totalBefore":44.4042,"totalAfter":44.4042,"rankBefore":19,"rankAfter":19,"groupBefore":2,"groupAfter":2}\n',
      stderr: '',
    });
    expect(changed.code).toBe(0);
    expect(JSON.parse(changed.stdout)).toEqual({
      province: 'Hưng Yên',
      year: 2024,
      totalBefore: 44.4042,
      totalAfter: 44.9042,
      rankBefore: 19,
      rankAfter: 13,
      groupBefore: 2,
      groupAfter: 1,
    });
    // 44.8042 passes Cà Mau, Bắc Giang, Thái Bình and Quảng Trị (44.7473), not Thanh Hóa (44.8708).
    expect(JSON.parse(two.stdout)).toMatchObject({ totalAfter: 44.8042, rankAfter: 14, groupAfter: 1 });
  }, 60_000);

  it('simulate says on stderr when a change was held at its scale, and prints a table in Vietnamese', async () => {
    const [clamped, table] = await Promise.all([
      chiso('papi', 'simulate', ...HUNG_YEN_2024, '--change', 'PAPI.8=+9', '--json'),
      chiso('papi', 'simulate', ...HUNG_YEN_2024, '--change', 'PAPI.5=+0.5'),
    ]);
    expect(JSON.parse(clamped.stdout)).toMatchObject({ totalAfter: 50.9776, rankAfter: 1, groupAfter: 1 });
    expect(clamped.stderr).toBe(
      'Lưu ý: PAPI.8 chỉ thay đổi được +6,5733 vì chạm giới hạn 10 của thang điểm.\n',
    );
    expect(table.stdout).toBe(
      [
        'Hưng Yên — PAPI 2024 (61 tỉnh, thành phố được xếp hạng)',
        '  PAPI.5 Thủ tục hành chính công: +0,5000',
        '                    Trước        Sau',
        '  Tổng điểm       44,4042    44,9042',
        '  Thứ hạng             19         13',
        '  Nhóm                  2          1  (Cao nhất)',
        '',
      ].join('\n'),
    );
  }, 60_000);

  it('simulate a sub-dimension: it moves its dimension by the same amount; 5.2 in 2020; never with its dimension', async () => {
    const [table, permits, both] = await Promise.all([
      chiso('papi', 'simulate', ...HUNG_YEN_2024, '--change', 'PAPI.5.1=+0,1'),
      chiso(
        'papi',
        'simulate',
        '--province',
        'Hưng Yên',
        '--year',
        '2020',
        '--change',
        'PAPI.5.2=+0.1',
        '--json',
      ),
      chiso('papi', 'simulate', ...HUNG_YEN_2024, '--change', 'PAPI.5=+0.1', '--change', 'PAPI.5.3=+0.1'),
    ]);
    expect(table.stdout).toBe(
      [
        'Hưng Yên — PAPI 2024 (61 tỉnh, thành phố được xếp hạng)',
        '  PAPI.5.1 Dịch vụ chứng thực, xác nhận của chính quyền: +0,1000',
        '  → PAPI.5 Thủ tục hành chính công: 7,3097 → 7,4097',
        '                    Trước        Sau',
        '  Tổng điểm       44,4042    44,5042',
        '  Thứ hạng             19         18',
        '  Nhóm                  2          2  (Trung bình cao)',
        '',
      ].join('\n'),
    );
    // 2020: construction permits were still one of the four sub-dimensions of procedures.
    expect(JSON.parse(permits.stdout)).toEqual({
      province: 'Hưng Yên',
      year: 2020,
      totalBefore: 42.1698,
      totalAfter: 42.2698,
      rankBefore: 44,
      rankAfter: 42,
      groupBefore: 3,
      groupAfter: 3,
    });
    expect(both).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'Không thể thay đổi cùng lúc chỉ số nội dung PAPI.5 và chỉ số nội dung thành phần PAPI.5.3 của nó: điểm PAPI.5 là tổng các chỉ số thành phần. Hãy thay đổi hoặc PAPI.5, hoặc các chỉ số thành phần của nó.\n',
    });
  }, 60_000);

  it('levers --json: per dimension, as levers computes it', async () => {
    const result = await chiso('papi', 'levers', ...HUNG_YEN_2024, '--json');
    expect(result.code).toBe(0);
    const levers = JSON.parse(result.stdout);
    expect(levers.map((lever: { dimension: string }) => lever.dimension)).toEqual([
      'PAPI.1',
      'PAPI.2',
      'PAPI.3',
      'PAPI.4',
      'PAPI.5',
      'PAPI.6',
      'PAPI.7',
      'PAPI.8',
    ]);
    expect(levers[5]).toEqual({
      dimension: 'PAPI.6',
      score: 7.5498,
      median: 7.5125,
      best: 8.4198,
      pointsToNextRank: 0.0103,
      ranksPerPoint: 10,
      typicalYearlyGain: 0.736,
    });
  }, 60_000);

  it('target --json: the smallest changes to a rank or a group', async () => {
    const [rank, group] = await Promise.all([
      chiso('papi', 'target', ...HUNG_YEN_2024, '--rank', '10', '--json'),
      chiso('papi', 'target', ...HUNG_YEN_2024, '--group', '1', '--json'),
    ]);
    expect(JSON.parse(rank.stdout)).toEqual({
      province: 'Hưng Yên',
      year: 2024,
      target: { rank: 10 },
      totalBefore: 44.4042,
      rankBefore: 19,
      groupBefore: 2,
      alreadyMet: false,
      reached: true,
      withinTypicalGains: true,
      totalIncrease: 0.79,
      changes: [
        { dimension: 'PAPI.4', delta: 0.06, typicalYearlyGain: 0.6454, beyondTypical: 0 },
        { dimension: 'PAPI.6', delta: 0.73, typicalYearlyGain: 0.736, beyondTypical: 0 },
      ],
      totalAfter: 45.1942,
      rankAfter: 10,
      groupAfter: 1,
    });
    expect(JSON.parse(group.stdout)).toMatchObject({ totalIncrease: 0.29, rankAfter: 16, groupAfter: 1 });
  }, 60_000);

  it('refuses an unknown province or year, an ambiguous name, a bad change or target: message on stderr, exit 2', async () => {
    const results = await Promise.all([
      chiso('papi', 'simulate', '--province', 'Hà Tây', '--year', '2024', '--json'),
      chiso('papi', 'levers', '--province', 'Hưng Yên', '--year', '2025', '--json'),
      chiso('papi', 'levers', '--province', 'giang', '--year', '2024'),
      chiso('papi', 'simulate', ...HUNG_YEN_2024, '--change', 'PAPI.5+0.5'),
      chiso('papi', 'simulate', ...HUNG_YEN_2024, '--change', 'PAPI.5.2=+0.5'),
      chiso('papi', 'target', ...HUNG_YEN_2024, '--group', '5'),
      chiso('papi', 'target', ...HUNG_YEN_2024),
      chiso('papi', 'levers', '--year', '2024', '--json', '--provinc', 'Hưng Yên'),
      chiso('papi', 'levers', '--province', 'Vĩnh Phúc', '--year', '2024'),
    ]);
    expect(results.map(({ code, stdout, stderr }) => ({ code, stdout, stderr: stderr.trim() }))).toEqual(
      [
        'Không tìm thấy tỉnh "Hà Tây" trong kết quả PAPI năm 2024 (63 tỉnh, thành phố trước khi hợp nhất 1/7/2025).',
        'Không có kết quả PAPI năm 2025: dữ liệu đi kèm có các năm 2018–2024, của 63 tỉnh, thành phố trước khi hợp nhất (1/7/2025).',
        '"giang" khớp với nhiều tỉnh: Hà Giang, Bắc Giang, Tiền Giang, An Giang, Kiên Giang, Hậu Giang. Hãy ghi đủ tên tỉnh.',
        'Không hiểu thay đổi "PAPI.5+0.5": ghi MÃ=MỨC, ví dụ PAPI.5=+0.5 hoặc PAPI.5.1=-0.2.',
        'Mã PAPI.5.2 không có trong PAPI năm 2024: dùng PAPI.1 … PAPI.8 (chỉ số nội dung) hoặc một chỉ số nội dung thành phần của năm đó (ví dụ PAPI.5.1).',
        'Nhóm mục tiêu phải là 1 (cao nhất), 2, 3 hoặc 4 (thấp nhất).',
        'Cách dùng: npx chiso papi target --province "Hưng Yên" --year 2024 (--rank 10 | --group 1) [--json]',
        'Cách dùng: npx chiso papi levers --province "Hưng Yên" --year 2024 [--json]',
        'Vĩnh Phúc không được xếp hạng PAPI năm 2024 (thiếu số liệu công bố), nên không mô phỏng được.',
      ].map((stderr) => ({ code: 2, stdout: '', stderr })),
    );
  }, 60_000);

  it('is listed in the help', async () => {
    const help = await chiso('help');
    expect(help.stdout).toContain(
      'npx chiso papi simulate --province "Hưng Yên" --year 2024 --change PAPI.5=+0.5',
    );
    expect(help.stdout).toContain('npx chiso papi levers --province "Hưng Yên" --year 2024 [--json]');
    expect(help.stdout).toContain(
      'npx chiso papi target --province "Hưng Yên" --year 2024 (--rank 10 | --group 1)',
    );
  }, 60_000);
});
