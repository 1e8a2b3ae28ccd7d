import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AppError, msg } from '../../core/errors.ts';
import { nationalPeriodSchema } from '../../core/national/national-views.ts';
import type { Database } from '../db/engine.ts';
import { sharedFiguresVersion } from '../federation/shared-figures.ts';
import { SYSTEM_ACTOR, SYSTEM_USER } from '../setup/initialise.ts';
import { dhis2Export } from './national-dhis2.ts';

const USAGE = 'npx chiso national dhis2 --period 2026Q1 [--province MÃ_TỈNH] [--out FILE]';

/**
 * `npx chiso national dhis2 --period 2026Q1 [--province CODE] [--out FILE]`: the DHIS2 data value set
 * of the period (docs/dhis2.md), as the installation itself, to a file or stdout. What was written and
 * what was left out (units without an official code) is said on stderr, so stdout stays the JSON.
 */
export async function nationalDhis2Command(database: Database, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { period: { type: 'string' }, province: { type: 'string' }, out: { type: 'string' } },
  });
  const period = nationalPeriodSchema.safeParse(values.period ?? '');
  if (!period.success)
    throw new AppError(
      'VALIDATION_FAILED',
      msg(
        `Kỳ phải là một quý, 6 tháng hoặc một năm (2026Q1, 2026S1, 2026). Cách dùng: ${USAGE}`,
        `The period must be a quarter, a half or a year (2026Q1, 2026S1, 2026). Usage: ${USAGE}`,
      ),
    );
  const ctx = { db: database.db, actor: SYSTEM_ACTOR, ip: null, user: SYSTEM_USER };
  // A province alone exports its own figures as recomputed now.
  await sharedFiguresVersion(database.db, new Date());
  const result = await dhis2Export(ctx, { period: period.data, province: values.province });
  const json = `${JSON.stringify(result.set, null, 1)}\n`;
  if (values.out) writeFileSync(values.out, json);
  else process.stdout.write(json);
  console.error(
    `Đã ghi ${result.set.dataValues.length} giá trị của ${result.orgUnits} đơn vị, kỳ ${result.period}` +
      `${values.out ? ` vào ${values.out}` : ''}; bỏ qua ${result.omittedUnits} đơn vị không có mã chính thức ` +
      '(số liệu của chúng đã nằm trong số của tỉnh).',
  );
  return 0;
}
