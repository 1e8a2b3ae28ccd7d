import { parseArgs } from 'node:util';
import { AppError, msg } from '../../core/errors.ts';
import { levers } from '../../core/indices/levers.ts';
import { PAPI_DIMENSIONS, PAPI_GROUP_NAMES, type PapiGroup } from '../../core/indices/papi.ts';
import { papiName } from '../../core/indices/papi-codebook.ts';
import type { PapiRow } from '../../core/indices/papi-data.ts';
import { provincesMatching } from '../../core/indices/province-match.ts';
import { type PapiChange, type PapiYearScores, simulate } from '../../core/indices/simulator.ts';
import { type PapiTarget, smallestChangesFor } from '../../core/indices/smallest-changes.ts';
import { type PapiReference, papiReference, papiYearScores } from './papi-reference.ts';

/**
 * `npx chiso papi simulate | levers | target`: the PAPI rank simulator on the shipped data
 * (reference/papi), offline. JSON on stdout with --json, else a short table in Vietnamese; a wrong
 * province, year, code or option is told on stderr with exit code 2.
 */
const USAGE = {
  simulate:
    'npx chiso papi simulate --province "Hưng Yên" --year 2024 --change PAPI.5=+0.5 [--change PAPI.2.1=+0.1 …] [--json]',
  levers: 'npx chiso papi levers --province "Hưng Yên" --year 2024 [--json]',
  target: 'npx chiso papi target --province "Hưng Yên" --year 2024 (--rank 10 | --group 1) [--json]',
};

const usage = (command: keyof typeof USAGE) =>
  new AppError('VALIDATION_FAILED', msg(`Cách dùng: ${USAGE[command]}`, `Usage: ${USAGE[command]}`));

/** The year's scores and the province asked for, or a refusal naming what is wrong. */
function yearAndProvince(
  data: PapiReference,
  year: string | undefined,
  province: string | undefined,
  command: keyof typeof USAGE,
): { scores: PapiYearScores; provinceCode: string } {
  if (year === undefined || province === undefined) throw usage(command);
  const scores = papiYearScores(data, year);
  const wanted = scores.year;
  const found = provincesMatching(scores.provinces, province);
  if (found.length === 0)
    throw new AppError(
      'NOT_FOUND',
      msg(
        `Không tìm thấy tỉnh "${province}" trong kết quả PAPI năm ${wanted} (63 tỉnh, thành phố trước khi hợp nhất 1/7/2025).`,
        `No province "${province}" in the PAPI results of ${wanted} (the 63 provinces before the merger of 1 July 2025).`,
      ),
    );
  if (found.length > 1) {
    const names = found.map((row) => row.unit).join(', ');
    throw new AppError(
      'VALIDATION_FAILED',
      msg(
        `"${province}" khớp với nhiều tỉnh: ${names}. Hãy ghi đủ tên tỉnh.`,
        `"${province}" matches several provinces: ${names}. Give the full name.`,
      ),
    );
  }
  return {
    scores,
    provinceCode: (found[0] as PapiRow).unitCode,
  };
}

/** "PAPI.5=+0.5" (or "+0,5") → { code, delta }. */
function parsedChange(text: string): PapiChange {
  const match = /^\s*(PAPI(?:\.\d+){1,2})\s*=\s*([+-]?\d+(?:[.,]\d+)?)\s*$/i.exec(text);
  if (!match)
    throw new AppError(
      'VALIDATION_FAILED',
      msg(
        `Không hiểu thay đổi "${text}": ghi MÃ=MỨC, ví dụ PAPI.5=+0.5 hoặc PAPI.5.1=-0.2.`,
        `Cannot read the change "${text}": write CODE=AMOUNT, for example PAPI.5=+0.5 or PAPI.5.1=-0.2.`,
      ),
    );
  return { code: (match[1] as string).toUpperCase(), delta: Number((match[2] as string).replace(',', '.')) };
}

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;
const decimal = (value: number, digits = 4) => value.toFixed(digits).replace('.', ',');
const signed = (value: number, digits = 4) => `${value >= 0 ? '+' : ''}${decimal(value, digits)}`;
const bound = (value: number | null) => String(value).replace('.', ',');
const groupInWords = (group: PapiGroup) => `${group} (${PAPI_GROUP_NAMES[group].vi})`;
const dash = (value: number | null, format: (value: number) => string) =>
  value === null ? '—' : format(value);

/** Every papi command: its refusals on stderr, exit code 2 (as for a wrong command). */
async function refusingWith2(command: keyof typeof USAGE, run: () => void): Promise<number> {
  try {
    run();
    return 0;
  } catch (error) {
    if (error instanceof AppError) console.error(error.message);
    // parseArgs: an unknown option or a missing value.
    else if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
      console.error(usage(command).message);
    else throw error;
    return 2;
  }
}

const common = {
  province: { type: 'string' },
  year: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export const papiSimulateCommand = (args: string[]) =>
  refusingWith2('simulate', () => {
    const { values } = parseArgs({
      args,
      options: { ...common, change: { type: 'string', multiple: true } },
    });
    const data = papiReference();
    const { scores, provinceCode } = yearAndProvince(data, values.year, values.province, 'simulate');
    const changes = (values.change ?? []).map(parsedChange);
    const result = simulate(scores, provinceCode, changes);
    const clamped = result.changes.filter((change) => change.clamped);
    if (values.json) {
      const { province, year, totalBefore, totalAfter, rankBefore, rankAfter, groupBefore, groupAfter } =
        result;
      console.log(
        JSON.stringify({
          province,
          year,
          totalBefore: round4(totalBefore),
          totalAfter: round4(totalAfter),
          rankBefore,
          rankAfter,
          groupBefore,
          groupAfter,
        }),
      );
      for (const change of clamped)
        console.error(
          `Lưu ý: ${change.code} chỉ thay đổi được ${signed(change.applied)} vì chạm giới hạn ${bound(change.bound)} của thang điểm.`,
        );
      return;
    }
    const lines = [
      `${result.province} — PAPI ${result.year} (${result.ranked} tỉnh, thành phố được xếp hạng)`,
    ];
    if (changes.length === 0) lines.push('  Không thay đổi chỉ số nào.');
    for (const change of result.changes)
      lines.push(
        `  ${change.code} ${papiName(data.codebook, change.code)}: ${signed(change.delta)}${
          change.clamped
            ? ` → chỉ ${signed(change.applied)} (chạm giới hạn ${bound(change.bound)} của thang điểm)`
            : ''
        }`,
      );
    // A sub-dimension moves its dimension (their sum): each dimension moved, before and after.
    for (const dimension of PAPI_DIMENSIONS) {
      const { before, after } = result.dimensions[dimension];
      if (changes.some((change) => change.code.startsWith(`${dimension}.`)))
        lines.push(
          `  → ${dimension} ${papiName(data.codebook, dimension)}: ${decimal(before)} → ${decimal(after)}`,
        );
    }
    lines.push(
      `               ${'Trước'.padStart(10)} ${'Sau'.padStart(10)}`,
      `  Tổng điểm    ${decimal(result.totalBefore).padStart(10)} ${decimal(result.totalAfter).padStart(10)}`,
      `  Thứ hạng     ${String(result.rankBefore).padStart(10)} ${String(result.rankAfter).padStart(10)}`,
      `  Nhóm         ${String(result.groupBefore).padStart(10)} ${String(result.groupAfter).padStart(10)}  (${PAPI_GROUP_NAMES[result.groupAfter].vi})`,
    );
    console.log(lines.join('\n'));
  });

export const papiLeversCommand = (args: string[]) =>
  refusingWith2('levers', () => {
    const { values } = parseArgs({ args, options: common });
    const data = papiReference();
    const { scores, provinceCode } = yearAndProvince(data, values.year, values.province, 'levers');
    const result = levers(scores, provinceCode, data.gains);
    if (values.json) {
      console.log(JSON.stringify(result));
      return;
    }
    const standing = simulate(scores, provinceCode, []);
    const row = (cells: string[], name: string) =>
      `  ${(cells[0] ?? '').padEnd(8)}${[7, 9, 9, 11, 12, 19].map((width, k) => ` ${(cells[k + 1] ?? '').padStart(width)}`).join('')}  ${name}`.trimEnd();
    const lines = [
      `${standing.province} — PAPI ${standing.year}: hạng ${standing.rankBefore}/${standing.ranked}, tổng điểm ${decimal(standing.totalBefore)}, nhóm ${groupInWords(standing.groupBefore)}`,
      row(
        ['Nội dung', 'Điểm', 'Trung vị', 'Cao nhất', 'Lên 1 hạng', 'Hạng/1 điểm', 'Tăng điển hình/năm'],
        '',
      ),
      ...result.map((lever) =>
        row(
          [
            lever.dimension,
            decimal(lever.score),
            decimal(lever.median),
            decimal(lever.best),
            dash(lever.pointsToNextRank, (value) => `+${decimal(value)}`),
            String(lever.ranksPerPoint),
            dash(lever.typicalYearlyGain, decimal),
          ],
          papiName(data.codebook, lever.dimension),
        ),
      ),
    ];
    lines.push(
      '  Lên 1 hạng: điểm cần tăng ở riêng nội dung đó (— khi đã đứng đầu hoặc vượt quá thang điểm 10).',
      '  Tăng điển hình/năm: phân vị 90 của mức thay đổi hằng năm của các tỉnh, 2018–2024.',
    );
    console.log(lines.join('\n'));
  });

export const papiTargetCommand = (args: string[]) =>
  refusingWith2('target', () => {
    const { values } = parseArgs({
      args,
      options: { ...common, rank: { type: 'string' }, group: { type: 'string' } },
    });
    if ((values.rank === undefined) === (values.group === undefined)) throw usage('target');
    const target: PapiTarget =
      values.rank !== undefined
        ? { rank: Number(values.rank) }
        : { group: Number(values.group) as PapiGroup };
    const data = papiReference();
    const { scores, provinceCode } = yearAndProvince(data, values.year, values.province, 'target');
    const plan = smallestChangesFor(scores, provinceCode, target, data.gains);
    const { simulation } = plan;
    if (values.json) {
      console.log(
        JSON.stringify({
          province: simulation.province,
          year: simulation.year,
          target: plan.target,
          totalBefore: round4(simulation.totalBefore),
          rankBefore: simulation.rankBefore,
          groupBefore: simulation.groupBefore,
          alreadyMet: plan.alreadyMet,
          reached: plan.reached,
          withinTypicalGains: plan.withinTypicalGains,
          totalIncrease: plan.totalIncrease,
          changes: plan.changes,
          totalAfter: round4(simulation.totalAfter),
          rankAfter: simulation.rankAfter,
          groupAfter: simulation.groupAfter,
        }),
      );
      return;
    }
    const wanted = 'rank' in target ? `hạng ${target.rank}` : `nhóm ${groupInWords(target.group)}`;
    const lines = [
      `${simulation.province} — PAPI ${simulation.year}: mục tiêu ${wanted} (hiện hạng ${simulation.rankBefore}/${simulation.ranked}, nhóm ${simulation.groupBefore}, tổng điểm ${decimal(simulation.totalBefore)})`,
    ];
    if (plan.alreadyMet) lines.push('  Đã đạt mục tiêu: không cần thay đổi.');
    else {
      lines.push(`  Cần tăng tổng cộng ${decimal(plan.totalIncrease, 2)} điểm:`);
      for (const change of plan.changes)
        lines.push(
          `    ${change.dimension} ${papiName(data.codebook, change.dimension)}: +${decimal(change.delta, 2)} (tăng điển hình/năm ${dash(change.typicalYearlyGain, decimal)}${change.beyondTypical > 0 ? `; vượt ${decimal(change.beyondTypical, 2)}` : ''})`,
        );
      lines.push(
        `  Khi đó: tổng điểm ${decimal(simulation.totalAfter)}, hạng ${simulation.rankAfter}, nhóm ${groupInWords(simulation.groupAfter)}.`,
        !plan.reached
          ? '  Không đạt được mục tiêu kể cả khi mọi nội dung đạt điểm tối đa của thang điểm.'
          : plan.withinTypicalGains
            ? '  Mọi mức tăng đều trong mức các tỉnh thường đạt được trong một năm (phân vị 90, 2018–2024).'
            : '  Không đạt được nếu chỉ tăng trong mức các tỉnh thường đạt được trong một năm: phần "vượt" là mức cần thêm.',
      );
    }
    console.log(lines.join('\n'));
  });
