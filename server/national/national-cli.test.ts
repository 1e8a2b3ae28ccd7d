import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dhis2DataValueSetSchema } from '../../core/national/national-views.ts';
import type { Database } from '../db/engine.ts';
import { insertFederationFixture } from '../test/federation-fixture.ts';
import { openTestDatabase } from '../test/harness.ts';
import { nationalDhis2Command } from './national-cli.ts';

const run = promisify(execFile);
const BIN = new URL('../../bin/chiso.mjs', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'chiso-national-cli-'));
let database: Database;

beforeAll(async () => {
  database = await openTestDatabase();
  await insertFederationFixture(database.db);
});
afterAll(async () => {
  await database?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('npx chiso national dhis2', () => {
  it('is listed in the help', async () => {
    const { stdout } = await run(process.execPath, [BIN, 'help'], { timeout: 60_000 });
    expect(stdout).toContain('npx chiso national dhis2 --period 2026Q1 [--province MÃ] [--out FILE]');
  });

  it('writes one province’s data value set to a file and says what it left out', async () => {
    const out = join(scratch, 'hung-yen.json');
    const said = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(
        await nationalDhis2Command(database, ['--period', '2026q1', '--province', '33', '--out', out]),
      ).toBe(0);
      expect(said).toHaveBeenCalledWith(
        `Đã ghi 140 giá trị của 7 đơn vị, kỳ 2026Q1 vào ${out}; bỏ qua 2 đơn vị không có mã chính thức (số liệu của chúng đã nằm trong số của tỉnh).`,
      );
    } finally {
      said.mockRestore();
    }
    const set = dhis2DataValueSetSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(set.dataValues).toHaveLength(140);
    expect(set.dataValues[0]).toEqual({
      dataElement: 'DOSSIER_ON_TIME',
      period: '2026Q1',
      orgUnit: '33',
      categoryOptionCombo: 'NUMERATOR',
      value: '435',
    });
  });

  it('refuses a month or a missing period', async () => {
    await expect(nationalDhis2Command(database, ['--period', '2026M03'])).rejects.toThrow(/quý, 6 tháng/);
    await expect(nationalDhis2Command(database, [])).rejects.toThrow(/Cách dùng/);
  });
});
