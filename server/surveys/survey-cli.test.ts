import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { count, eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../db/engine.ts';
import { surveyResponses } from '../db/schema/index.ts';
import { TEST_PG_URL } from '../test/harness.ts';

const run = promisify(execFile);
const BIN = new URL('../../bin/chiso.mjs', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'chiso-survey-cli-'));
const dataDir = join(scratch, 'data');
const env: Record<string, string> = {
  ...(process.env as Record<string, string>),
  NODE_ENV: 'development',
  CHISO_DATA_DIR: dataDir,
};
const databaseName = `chiso_survey_cli_${process.pid}`;
let databaseUrl: string | undefined;

async function chiso(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const file = (name: string, lines: string[]) => {
  const path = join(scratch, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
};

// The command opens a copy of the test template (demo province loaded), as a server's data would be.
beforeAll(async () => {
  if (!TEST_PG_URL) {
    cpSync(inject('templateDir'), dataDir, { recursive: true });
    return;
  }
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${databaseName}`);
  await admin.query(`create database ${databaseName} template ${inject('templateDb')}`);
  await admin.end();
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${databaseName}`;
  databaseUrl = url.toString();
  env.DATABASE_URL = databaseUrl;
});

afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  if (!TEST_PG_URL) return;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${databaseName} with (force)`);
  await admin.end();
});

describe('npx chiso surveys import', () => {
  it('checks, records and refuses a file of paper forms, with exit codes and JSON', async () => {
    const good = file('phieu.csv', [
      'Số phiếu,Ngày,KENH,DV1.1,DV1.2',
      'C-1,05/03/2026,1,4,Hài lòng',
      'C-2,,2,5,3',
    ]);
    const args = ['surveys', 'import', good, '--survey', 'SIPAS', '--unit', '11953'];

    const missingDate = await chiso(...args, '--json');
    expect(missingDate.code).toBe(1);
    expect(JSON.parse(missingDate.stdout)).toEqual({
      error: {
        code: 'IMPORT_REJECTED',
        message: expect.stringMatching(/^Tệp có 1 lỗi; chưa ghi phiếu nào/),
        rows: [{ row: 3, column: 'Ngày', reason: 'Chưa ghi ngày trả lời (dd/mm/yyyy).' }],
      },
    });

    const checked = await chiso(...args, '--date', '06/03/2026', '--dry-run', '--json');
    expect(checked.code).toBe(0);
    expect(JSON.parse(checked.stdout)).toEqual({
      recorded: 2,
      dryRun: true,
      survey: {
        id: expect.any(Number),
        code: 'SIPAS',
        revision: 1,
        nameVi: expect.stringMatching(/^Phiếu khảo sát/),
      },
      unit: { id: expect.any(Number), code: '11953', name: 'Phường Phố Hiến' },
      batch: null,
    });

    const recorded = await chiso(...args, '--date', '06/03/2026', '--json');
    expect(recorded.code).toBe(0);
    const { batch, ...summary } = JSON.parse(recorded.stdout);
    expect(summary).toMatchObject({ recorded: 2, dryRun: false });

    // The same forms again: each number is already entered; nothing more is written.
    const again = await chiso(...args, '--date', '06/03/2026', '--json');
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout).error.rows).toEqual([
      { row: 2, column: 'Số phiếu', reason: 'Phiếu số C-1 của đơn vị đã được nhập.' },
      { row: 3, column: 'Số phiếu', reason: 'Phiếu số C-2 của đơn vị đã được nhập.' },
    ]);

    const unknown = await chiso(
      'surveys',
      'import',
      good,
      '--survey',
      'KHONG-CO',
      '--unit',
      '11953',
      '--json',
    );
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stdout)).toEqual({
      error: { code: 'NOT_FOUND', message: 'Không có phiếu khảo sát mã KHONG-CO đang dùng.', rows: [] },
    });
    const plain = await chiso(...args, '--date', '06/03/2026');
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('dòng 2, cột "Số phiếu": Phiếu số C-1 của đơn vị đã được nhập.');

    const database = await openDatabase(databaseUrl ? { databaseUrl, dataDir: '' } : { dataDir });
    try {
      const rows = await database.db
        .select({ n: count() })
        .from(surveyResponses)
        .where(eq(surveyResponses.source, 'import'));
      expect(rows[0]?.n).toBe(2);
      const [first] = await database.db
        .select()
        .from(surveyResponses)
        .where(eq(surveyResponses.batch, batch));
      expect(first?.enteredBy).toBeNull();
    } finally {
      await database.close();
    }
  }, 180_000);
});
