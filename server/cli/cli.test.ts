import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PG_URL } from '../test/harness.ts';

const run = promisify(execFile);
const BIN = new URL('../../bin/chiso.mjs', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'chiso-cli-'));
const env: Record<string, string> = {
  ...(process.env as Record<string, string>),
  NODE_ENV: 'development',
  CHISO_DATA_DIR: join(scratch, 'data'),
};
const databaseName = `chiso_cli_${process.pid}`;

async function chiso(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  if (!TEST_PG_URL) return;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${databaseName}`);
  await admin.query(`create database ${databaseName}`);
  await admin.end();
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${databaseName}`;
  env.DATABASE_URL = url.toString();
});

afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  if (!TEST_PG_URL) return;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${databaseName} with (force)`);
  await admin.end();
});

describe('npx chiso', () => {
  it('prints a period window and working days without touching any database', async () => {
    expect(JSON.parse((await chiso('period', 'show', '2026Q1', '--json')).stdout)).toEqual({
      code: '2026Q1',
      dataFrom: '2025-12-15',
      dataTo: '2026-03-14',
      due: '2026-03-20',
    });
    expect(JSON.parse((await chiso('workdays', 'add', '2026-02-12', '3', '--json')).stdout).date).toBe(
      '2026-02-24',
    );
    const refused = await chiso('period', 'show', '2026Q7');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Mã kỳ không hợp lệ/);
  });

  it('initialises an empty database like npm start, imports units all-or-nothing, and verifies the audit chain', async () => {
    // The new logins go to stderr, once: the first command's --json output stays parseable.
    const bad = join(scratch, 'bad.csv');
    writeFileSync(bad, 'code,name,type,parentCode\nCLI.1,Phòng một,office,33\nCLI.2,,office,33\n');
    const refused = await chiso('units', 'import', bad, '--json');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/admin\s+\S{16}/);
    expect(JSON.parse(refused.stdout).rejected).toEqual([
      { row: 3, column: 'Tên đơn vị', reason: 'Vui lòng nhập tên đơn vị.' },
    ]);
    const again = await chiso('migrate');
    expect(again.code).toBe(0);
    expect(`${again.stdout}${again.stderr}`).not.toMatch(/admin\s+\S{16}/);

    const good = join(scratch, 'good.csv');
    writeFileSync(good, 'code,name,type,parentCode\nCLI.1,Phòng một,office,33\n');
    expect(JSON.parse((await chiso('units', 'import', good, '--dry-run', '--json')).stdout)).toMatchObject({
      created: 1,
      dryRun: true,
    });
    expect(JSON.parse((await chiso('units', 'import', good, '--json')).stdout)).toMatchObject({
      created: 1,
      dryRun: false,
    });
    expect(JSON.parse((await chiso('units', 'import', good, '--json')).stdout)).toMatchObject({
      created: 0,
      updated: 1,
    });

    const created = await chiso(
      'user',
      'create',
      '--username',
      'cli.admin',
      '--full-name',
      'Quản trị CLI',
      '--role',
      'admin',
      '--unit',
      '33',
    );
    expect(created.stdout).toMatch(/cli\.admin — mật khẩu tạm: \S{16}/);

    const papi = JSON.parse((await chiso('results', 'show', 'PAPI', '--year', '2020', '--json')).stdout);
    expect(papi).toHaveLength(63);
    expect(papi.find((row: { unit: string }) => row.unit === 'Quảng Ninh')).toEqual({
      unit: 'Quảng Ninh',
      unitCode: '22',
      total: 48.8114,
      rank: 1,
      group: 1,
      dimensions: expect.objectContaining({ 'PAPI.1': 5.8053, 'PAPI.8': 3.14 }),
    });

    const verified = await chiso('audit', 'verify', '--json');
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true });
    // Each command opens the embedded database in a fresh process (about 1–2 s each, 5 s the first time).
  }, 180_000);
});
