import { readFileSync } from 'node:fs';
import pg from 'pg';
import { AppError, msg } from '../../core/errors.ts';
import type { Database } from '../db/engine.ts';
import { settingVersion, writeSetting } from '../db/settings.ts';
import { SYSTEM_ACTOR, SYSTEM_USER } from '../setup/initialise.ts';
import {
  PUBLICATION,
  PUBLISHING_KEY,
  readPublishing,
  readSubscriptions,
  SUBSCRIPTIONS_KEY,
  type Subscription,
  slotName,
  subscriptionName,
} from './federation-settings.ts';
import { CHISO_VERSION, provinceOf, type RefreshResult, ROW_TABLES, refreshFederation } from './refresh.ts';

/** What `federation publish`, `subscribe`, `unsubscribe` and `unpublish` do; the CLI prints their results. */

const systemContext = (database: Database) => ({
  db: database.db,
  actor: SYSTEM_ACTOR,
  ip: null,
  user: SYSTEM_USER,
});

function needsPostgres(database: Database): void {
  if (database.kind !== 'postgresql')
    throw new AppError(
      'VALIDATION_FAILED',
      msg(
        'Chia sẻ số liệu lên cấp quốc gia cần PostgreSQL (đặt DATABASE_URL); cơ sở dữ liệu nhúng không dùng được.',
        'Sharing figures with the national level needs PostgreSQL (set DATABASE_URL); the embedded database cannot.',
      ),
    );
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;

export interface PublishOptions {
  replicationRole?: string | undefined;
  passwordFile?: string | undefined;
}

export interface PublishResult {
  provinceCode: string;
  database: string;
  publicationCreated: boolean;
  refresh: RefreshResult;
  /** Whether the role was created or updated here; false: the DBA must (`roleSql`). */
  roleReady: boolean;
  roleName: string;
  roleSql: string[];
}

/**
 * On a province's database: checks `wal_level = logical`, creates the publication of schema
 * `federation` (insert, update and delete only: never a truncate, which would empty the national
 * table that holds every province), turns publishing on, recomputes the shared tables once and, when
 * asked and allowed, creates the role the national instance connects as. Idempotent.
 */
export async function publishFederation(
  database: Database,
  options: PublishOptions = {},
): Promise<PublishResult> {
  needsPostgres(database);
  const { pool } = database;
  const walLevel = (await pool.query<{ wal_level: string }>('show wal_level')).rows[0]?.wal_level;
  if (walLevel !== 'logical')
    throw new AppError(
      'VALIDATION_FAILED',
      msg(
        `PostgreSQL đang chạy với wal_level = ${walLevel}. Hãy đặt trong postgresql.conf:\n  wal_level = logical\n  max_replication_slots = 10\n  max_wal_senders = 10\nrồi khởi động lại PostgreSQL (bắt buộc restart, reload không đủ), sau đó chạy lại lệnh này.`,
        `PostgreSQL runs with wal_level = ${walLevel}. Set in postgresql.conf: wal_level = logical, max_replication_slots = 10, max_wal_senders = 10, then restart PostgreSQL (a reload is not enough) and run this command again.`,
      ),
    );
  const province = await provinceOf(database.db);
  const exists = (await pool.query('select 1 from pg_publication where pubname = $1', [PUBLICATION]))
    .rowCount;
  try {
    if (!exists)
      await pool.query(
        `create publication ${PUBLICATION} for tables in schema federation with (publish = 'insert, update, delete')`,
      );
    else await pool.query(`alter publication ${PUBLICATION} set (publish = 'insert, update, delete')`);
  } catch (error) {
    throw new AppError(
      'FORBIDDEN',
      msg(
        `Không tạo được publication ${PUBLICATION}: ${(error as Error).message}. Lệnh cần chạy bằng tài khoản PostgreSQL có quyền superuser (hoặc nhờ DBA chạy: create publication ${PUBLICATION} for tables in schema federation with (publish = 'insert, update, delete');).`,
        `Cannot create the publication ${PUBLICATION}: ${(error as Error).message}. Run the command as a PostgreSQL superuser, or have the DBA create it.`,
      ),
    );
  }
  const ctx = systemContext(database);
  const state = await readPublishing(database.db);
  if (!state.on)
    await writeSetting(
      ctx,
      PUBLISHING_KEY,
      state,
      { on: true, since: new Date().toISOString() },
      await settingVersion(database.db, PUBLISHING_KEY),
    );
  const refresh = await refreshFederation(database.db);
  const roleName = options.replicationRole ?? 'chiso_national';
  const dbName = (await pool.query<{ db: string }>('select current_database() as db')).rows[0]?.db ?? '';
  const roleSql = [
    `create role ${quoteIdent(roleName)} with login replication password '…';`,
    `grant usage on schema federation to ${quoteIdent(roleName)};`,
    `grant select on all tables in schema federation to ${quoteIdent(roleName)};`,
    `alter default privileges in schema federation grant select on tables to ${quoteIdent(roleName)};`,
  ];
  let roleReady = false;
  if (options.replicationRole) {
    if (!options.passwordFile)
      throw new AppError(
        'VALIDATION_FAILED',
        msg(
          'Cần --password-file TỆP (mật khẩu của vai trò, một dòng) cùng với --replication-role.',
          '--replication-role needs --password-file FILE (the role’s password, one line).',
        ),
      );
    const password = readFileSync(options.passwordFile, 'utf8').trim();
    if (password.length < 12)
      throw new AppError(
        'VALIDATION_FAILED',
        msg(
          'Mật khẩu của vai trò cần ít nhất 12 ký tự.',
          'The role’s password needs at least 12 characters.',
        ),
      );
    roleReady = await ensureRole(pool, roleName, password);
  }
  return {
    provinceCode: province.code,
    database: dbName,
    publicationCreated: !exists,
    refresh,
    roleReady,
    roleName,
    roleSql,
  };
}

/** Creates or updates the national instance's role; false when this user may not (the DBA then runs `roleSql`). */
async function ensureRole(pool: pg.Pool, name: string, password: string): Promise<boolean> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const exists = (await client.query('select 1 from pg_roles where rolname = $1', [name])).rowCount;
    const verb = exists ? 'alter' : 'create';
    await client.query(
      `${verb} role ${quoteIdent(name)} with login replication password ${quoteLiteral(password)}`,
    );
    await client.query(`grant usage on schema federation to ${quoteIdent(name)}`);
    await client.query(`grant select on all tables in schema federation to ${quoteIdent(name)}`);
    await client.query(
      `alter default privileges in schema federation grant select on tables to ${quoteIdent(name)}`,
    );
    await client.query('commit');
    return true;
  } catch {
    await client.query('rollback').catch(() => {});
    return false;
  } finally {
    client.release();
  }
}

/** Turns publishing off, drops the publication and the national instance's slots no one is reading. */
export async function unpublishFederation(
  database: Database,
): Promise<{ droppedSlots: string[]; activeSlots: string[] }> {
  needsPostgres(database);
  const { pool } = database;
  const state = await readPublishing(database.db);
  if (state.on)
    await writeSetting(
      systemContext(database),
      PUBLISHING_KEY,
      state,
      { on: false, since: null },
      await settingVersion(database.db, PUBLISHING_KEY),
    );
  await pool.query(`drop publication if exists ${PUBLICATION}`);
  const slots = (
    await pool.query<{ slot_name: string; active: boolean }>(
      `select slot_name, active from pg_replication_slots where slot_type = 'logical' and slot_name like 'chiso_national_%'`,
    )
  ).rows;
  const droppedSlots: string[] = [];
  for (const slot of slots.filter((s) => !s.active)) {
    await pool.query('select pg_drop_replication_slot($1)', [slot.slot_name]);
    droppedSlots.push(slot.slot_name);
  }
  return { droppedSlots, activeSlots: slots.filter((s) => s.active).map((s) => s.slot_name) };
}

/** The source's address without its password (what the setting keeps and the status shows). */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(không đọc được địa chỉ)';
  }
}

export interface SubscribeResult {
  provinceCode: string;
  subscription: string;
  slot: string;
  created: boolean;
}

/**
 * On the national database: checks the source publishes `chiso_federation` and is the province it is
 * said to be, then subscribes (the source's current rows copied first, then every change) and records
 * the subscription. Idempotent; a wrong code or an unreachable source changes nothing.
 */
export async function subscribeProvince(
  database: Database,
  options: { provinceCode: string; from: string },
): Promise<SubscribeResult> {
  needsPostgres(database);
  const code = options.provinceCode.trim();
  if (!/^[0-9A-Za-z_.-]{1,20}$/.test(code))
    throw new AppError(
      'VALIDATION_FAILED',
      msg(`Mã tỉnh không hợp lệ: "${code}".`, `Invalid province code: "${code}".`),
    );
  const subscription = subscriptionName(code);
  const slot = slotName(code);
  const { pool } = database;
  const existing = (await pool.query('select 1 from pg_subscription where subname = $1', [subscription]))
    .rowCount;
  if (!existing) {
    await checkSource(options.from, code, slot);
    // Rows left by an earlier subscription would collide with the copy: the copy brings them again.
    await deleteProvinceRows(database, code);
    try {
      await pool.query(
        `create subscription ${subscription} connection ${quoteLiteral(options.from)} publication ${PUBLICATION} with (copy_data = true, slot_name = ${quoteLiteral(slot)})`,
      );
    } catch (error) {
      throw new AppError(
        'VALIDATION_FAILED',
        msg(
          `Không tạo được subscription ${subscription}: ${(error as Error).message}`,
          `Cannot create the subscription ${subscription}: ${(error as Error).message}`,
        ),
      );
    }
  } else await pool.query(`alter subscription ${subscription} enable`);
  const current = await readSubscriptions(database.db);
  const entry: Subscription = {
    provinceCode: code,
    subscription,
    slot,
    source: withoutPassword(options.from),
    since: current.provinces.find((p) => p.provinceCode === code)?.since ?? new Date().toISOString(),
  };
  await writeSetting(
    systemContext(database),
    SUBSCRIPTIONS_KEY,
    current,
    { provinces: [...current.provinces.filter((p) => p.provinceCode !== code), entry] },
    await settingVersion(database.db, SUBSCRIPTIONS_KEY),
  );
  return { provinceCode: code, subscription, slot, created: !existing };
}

/** The source is reachable, publishes, is province `code` alone, runs a Chiso no newer than this one; a stale slot of ours is dropped. */
async function checkSource(url: string, code: string, slot: string): Promise<void> {
  const source = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  const refuse = (vi: string, en: string): never => {
    throw new AppError('VALIDATION_FAILED', msg(vi, en));
  };
  try {
    await source.connect();
  } catch (error) {
    refuse(
      `Không kết nối được tới cơ sở dữ liệu của tỉnh (${withoutPassword(url)}): ${(error as Error).message}. Kiểm tra địa chỉ, mật khẩu, tường lửa và dòng pg_hba.conf bên tỉnh.`,
      `Cannot reach the province’s database (${withoutPassword(url)}): ${(error as Error).message}.`,
    );
  }
  try {
    const published = (await source.query('select 1 from pg_publication where pubname = $1', [PUBLICATION]))
      .rowCount;
    if (!published)
      refuse(
        `Cơ sở dữ liệu nguồn chưa có publication ${PUBLICATION}: bên tỉnh cần chạy "npx chiso federation publish" trước.`,
        `The source has no publication ${PUBLICATION}: the province must run "npx chiso federation publish" first.`,
      );
    const provinces = (
      await source.query<{ province_code: string; chiso_version: string }>(
        'select province_code, chiso_version from federation.provinces order by province_code',
      )
    ).rows;
    if (provinces.length !== 1 || provinces[0]?.province_code !== code)
      refuse(
        `Nguồn này là tỉnh ${provinces.map((p) => p.province_code).join(', ') || '(chưa có số liệu)'}, không phải tỉnh ${code}: không đăng ký.`,
        `This source is province ${provinces.map((p) => p.province_code).join(', ') || '(no figures yet)'}, not ${code}: nothing subscribed.`,
      );
    const theirs = provinces[0]?.chiso_version ?? '0';
    if (compareVersions(theirs, CHISO_VERSION) > 0)
      refuse(
        `Tỉnh ${code} chạy Chiso ${theirs}, mới hơn bản quốc gia (${CHISO_VERSION}): hãy nâng cấp Chiso cấp quốc gia trước.`,
        `Province ${code} runs Chiso ${theirs}, newer than the national one (${CHISO_VERSION}): upgrade the national instance first.`,
      );
    const stale = (
      await source.query<{ active: boolean }>(
        'select active from pg_replication_slots where slot_name = $1',
        [slot],
      )
    ).rows[0];
    if (stale?.active)
      refuse(
        `Slot ${slot} bên tỉnh đang được một máy khác đọc: có thể một bản Chiso quốc gia khác đã đăng ký tỉnh này.`,
        `The slot ${slot} at the province is being read by another subscriber.`,
      );
    if (stale) await source.query('select pg_drop_replication_slot($1)', [slot]);
  } finally {
    await source.end().catch(() => {});
  }
}

/** Compares "0.1.0"-style versions. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[.-]/).map((part) => Number.parseInt(part, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const diff = (x[i] ?? 0) - (y[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

const FED_TABLE_NAMES = [...ROW_TABLES, 'provinces'];

async function deleteProvinceRows(database: Database, code: string): Promise<number> {
  const client = await database.pool.connect();
  let deleted = 0;
  try {
    await client.query('begin');
    for (const table of FED_TABLE_NAMES)
      deleted +=
        (await client.query(`delete from federation.${table} where province_code = $1`, [code])).rowCount ??
        0;
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  return deleted;
}

/**
 * Drops a province's subscription (and its slot at the province when it can be reached; otherwise the
 * slot stays there and `slotLeft` says so) and, with `deleteRows`, the province's rows here.
 */
export async function unsubscribeProvince(
  database: Database,
  options: { provinceCode: string; deleteRows?: boolean },
): Promise<{ dropped: boolean; slotLeft: string | null; deletedRows: number }> {
  needsPostgres(database);
  const code = options.provinceCode.trim();
  const subscription = subscriptionName(code);
  const { pool } = database;
  const existing = (await pool.query('select 1 from pg_subscription where subname = $1', [subscription]))
    .rowCount;
  let slotLeft: string | null = null;
  if (existing) {
    try {
      await pool.query(`drop subscription ${subscription}`);
    } catch {
      // The province cannot be reached: the subscription goes without its slot, which the province drops.
      await pool.query(`alter subscription ${subscription} disable`);
      await pool.query(`alter subscription ${subscription} set (slot_name = none)`);
      await pool.query(`drop subscription ${subscription}`);
      slotLeft = slotName(code);
    }
  }
  const deletedRows = options.deleteRows ? await deleteProvinceRows(database, code) : 0;
  const current = await readSubscriptions(database.db);
  if (current.provinces.some((p) => p.provinceCode === code))
    await writeSetting(
      systemContext(database),
      SUBSCRIPTIONS_KEY,
      current,
      { provinces: current.provinces.filter((p) => p.provinceCode !== code) },
      await settingVersion(database.db, SUBSCRIPTIONS_KEY),
    );
  return { dropped: Boolean(existing), slotLeft, deletedRows };
}
