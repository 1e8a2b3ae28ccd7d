import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, migrateDatabase, openDatabase } from '../db/engine.ts';
import { initialise, SYSTEM_ACTOR, SYSTEM_USER } from '../setup/initialise.ts';
import { cleanupFedFiles, importFedDossiers, seedProvince } from '../test/federation-seed.ts';
import { type Cluster, clustersEnabled, createCluster } from '../test/pg-cluster.ts';
import { importUnits } from '../units/unit-import-service.ts';
import { publishFederation, subscribeProvince, unsubscribeProvince } from './federation-commands.ts';
import { startPublisher } from './publisher.ts';
import { ROW_TABLES, refreshFederation } from './refresh.ts';
import { federationStatus } from './status.ts';

/**
 * Two provinces publish (the demo Hưng Yên "33" and a small Hà Nội "01" on one cluster with
 * wal_level = logical), a national instance on a cluster of its own subscribes to both, and the
 * national tables follow the provinces' own — through an import, the national server stopped, and the
 * provinces' server stopped.
 */
const TABLES = ['provinces', ...ROW_TABLES];
const silent = { info: () => {}, warn: () => {} };

async function waitFor<T>(what: string, check: () => Promise<T | false>, timeoutMs = 30_000): Promise<T> {
  const started = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const result = await check();
      if (result !== false) return result;
    } catch (error) {
      last = error;
    }
    if (Date.now() - started > timeoutMs)
      throw new Error(`${what}: not within ${timeoutMs} ms (${String(last ?? '')})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(!clustersEnabled)('federation over logical replication', () => {
  let provinces: Cluster;
  let national: Cluster;
  let hy: Database;
  let hn: Database;
  let nation: Database;
  const stops: (() => Promise<void>)[] = [];

  /** A province's shared rows, in a stable order, as text. */
  const snapshot = async (database: Database, code: string) => {
    const parts: string[] = [];
    for (const table of TABLES) {
      const { rows } = await database.pool.query<{ rows: string }>(
        `select coalesce(json_agg(t order by t::text), '[]')::text as rows from federation.${table} t where province_code = $1`,
        [code],
      );
      parts.push(`${table}: ${rows[0]?.rows}`);
    }
    return parts.join('\n');
  };
  const caughtUp = (source: Database, code: string, timeoutMs?: number) =>
    waitFor(
      `national equals province ${code}`,
      async () => {
        const [theirs, ours] = [await snapshot(source, code), await snapshot(nation, code)];
        return theirs === ours && theirs;
      },
      timeoutMs,
    );

  beforeAll(async () => {
    provinces = await createCluster({ walLevel: 'logical' });
    national = await createCluster();
    const open = async (cluster: Cluster, name: string) => {
      const database = await openDatabase({
        databaseUrl: await cluster.createDatabase(name),
        dataDir: '',
        poolSize: 4,
      });
      await migrateDatabase(database);
      return database;
    };
    hy = await open(provinces, 'chiso_hy');
    await initialise(hy.db, { loadDemo: true });
    await seedProvince(hy);
    hn = await open(provinces, 'chiso_hn');
    await initialise(hn.db, { loadDemo: false });
    const csv = [
      'Mã đơn vị,Tên đơn vị,Loại đơn vị,Mã đơn vị cấp trên,Ngày hiệu lực',
      '01,Thành phố Hà Nội,Tỉnh,,01/07/2025',
      '00004,Phường Ba Đình,Phường,01,01/07/2025',
      '00008,Phường Ngọc Hà,Phường,01,01/07/2025',
    ].join('\n');
    await importUnits(
      { db: hn.db, actor: SYSTEM_ACTOR, ip: null, user: { grants: SYSTEM_USER.grants } },
      { data: Buffer.from(csv), format: 'csv' },
      { dryRun: false },
    );
    await importFedDossiers(hn, [{ unitCode: '00004' }, { unitCode: '00008', channel: 'direct' }]);
    nation = await open(national, 'chiso_nation');
    await initialise(nation.db, { loadDemo: false });
  }, 180_000);

  afterAll(async () => {
    for (const stop of stops) await stop().catch(() => {});
    for (const database of [hy, hn, nation]) await database?.close().catch(() => {});
    await provinces?.destroy();
    await national?.destroy();
    cleanupFedFiles();
  }, 60_000);

  it('publishes each province and subscribes the nation to both: the national tables equal the provinces’ own', async () => {
    const first = await publishFederation(hy);
    expect(first).toMatchObject({ provinceCode: '33', publicationCreated: true, roleReady: false });
    expect(first.refresh.rows).toBeGreaterThan(100);
    // Idempotent: a second run creates nothing and changes nothing.
    expect(await publishFederation(hy)).toMatchObject({ publicationCreated: false, refresh: { changed: 0 } });
    const passwordFile = join(provinces.root, 'national-password');
    writeFileSync(passwordFile, 'mat-khau-quoc-gia-2026\n');
    const small = await publishFederation(hn, { replicationRole: 'chiso_national', passwordFile });
    expect(small).toMatchObject({ provinceCode: '01', roleReady: true });

    // Refused, and nothing made: a source that is another province, a source that cannot be reached.
    await expect(
      subscribeProvince(nation, { provinceCode: '34', from: provinces.url('chiso_hy') }),
    ).rejects.toThrow(/không phải tỉnh 34/);
    await expect(
      subscribeProvince(nation, { provinceCode: '02', from: 'postgres://postgres@127.0.0.1:1/none' }),
    ).rejects.toThrow(/Không kết nối được/);
    expect((await nation.pool.query('select subname from pg_subscription')).rows).toEqual([]);

    expect(
      await subscribeProvince(nation, { provinceCode: '33', from: provinces.url('chiso_hy') }),
    ).toMatchObject({
      subscription: 'chiso_fed_33',
      created: true,
    });
    const asRole = `postgres://chiso_national:mat-khau-quoc-gia-2026@127.0.0.1:${provinces.port}/chiso_hn`;
    await subscribeProvince(nation, { provinceCode: '01', from: asRole });
    expect(await subscribeProvince(nation, { provinceCode: '01', from: asRole })).toMatchObject({
      created: false,
    });
    const hySnapshot = await caughtUp(hy, '33');
    expect(hySnapshot).toContain('"unit_key":"11953"');
    expect(await caughtUp(hn, '01')).toContain('"unit_key":"00004"');
    const status = await federationStatus(nation);
    expect(status.role).toBe('national');
    expect(status.national?.map((p) => [p.provinceCode, p.enabled, p.freshness.level])).toEqual([
      ['01', true, 'live'],
      ['33', true, 'live'],
    ]);
    const provinceStatus = await federationStatus(hy);
    expect(
      provinceStatus.province?.slots.map((slot) => slot.name).filter((name) => name.startsWith('chiso_')),
    ).toEqual(['chiso_national_01', 'chiso_national_33']);
  }, 120_000);

  it('shows an import in a province nationally within 5 s, through the publisher', async () => {
    stops.push(startPublisher(hy, silent, { debounceMs: 100 }));
    const cell = `select received from federation.dossier_rollups where province_code = '33' and unit_key = '33.SNV' and period_code = '2026Q1'`;
    const before = (await nation.pool.query<{ received: number }>(cell)).rows[0]?.received ?? 0;
    const started = Date.now();
    await importFedDossiers(hy, [{ unitCode: '33.SNV', receivedAt: '2026-01-07T08:00:00+07:00' }]);
    await waitFor(
      'the import nationally',
      async () =>
        ((await nation.pool.query<{ received: number }>(cell)).rows[0]?.received ?? 0) === before + 1,
      5_000,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    await caughtUp(hy, '33');
  }, 60_000);

  it('FAULT 1: the national server stopped while a province imports catches up from its slot', async () => {
    await national.stop();
    await importFedDossiers(hy, [
      { unitCode: '11953', receivedAt: '2026-02-02T08:00:00+07:00', finishedAt: '2026-02-03T08:00:00+07:00' },
    ]);
    // The province's tables equal a recomputation (the publisher has refreshed them).
    await waitFor('the province refreshed', async () => (await refreshFederation(hy.db)).changed === 0);
    const held = await federationStatus(hy);
    // Nobody reads the slot: it keeps the WAL the national instance has not confirmed.
    const slot = held.province?.slots.find((entry) => entry.name === 'chiso_national_33');
    expect(slot?.active).toBe(false);
    expect(slot?.walHeldBytes).toBeGreaterThan(0);
    await national.start();
    const after = await caughtUp(hy, '33', 60_000);
    expect(after).toContain('"unit_key":"11953","field":"Hộ tịch","period_code":"2026Q1"');
  }, 120_000);

  it('FAULT 2: a province’s server stopped for a while (the subscription retries), then written to: the nation catches up', async () => {
    await provinces.stop();
    // The apply worker loses its source, errors and is restarted again and again until the source returns.
    await waitFor('the subscription worker to fail', async () => {
      const { rows } = await nation.pool.query(
        `select 1 from pg_stat_subscription st join pg_subscription s on s.oid = st.subid
         where s.subname = 'chiso_fed_33' and st.pid is not null`,
      );
      const log = readFileSync(join(national.root, 'log'), 'utf8');
      return (
        rows.length === 0 && /could not (connect to the publisher|receive data from WAL stream)/.test(log)
      );
    });
    await provinces.start();
    await waitFor(
      'the province’s database again',
      async () => (await hy.pool.query('select 1')).rowCount === 1,
    );
    await importFedDossiers(hy, [
      { unitCode: '11977', receivedAt: '2026-03-02T08:00:00+07:00', finishedAt: '' },
    ]);
    await waitFor('the province refreshed', async () => (await refreshFederation(hy.db)).changed === 0);
    const after = await caughtUp(hy, '33', 60_000);
    expect(after).toContain('"unit_key":"11977","field":"Hộ tịch","period_code":"2026Q1"');
    // Hà Nội's rows came through the same outage untouched.
    await caughtUp(hn, '01', 60_000);
  }, 120_000);

  it('unsubscribes a province and deletes its rows, leaving the other’s', async () => {
    expect(await unsubscribeProvince(nation, { provinceCode: '01', deleteRows: true })).toMatchObject({
      dropped: true,
      slotLeft: null,
    });
    expect(
      (await nation.pool.query(`select 1 from federation.units where province_code = '01'`)).rowCount,
    ).toBe(0);
    expect(
      (await provinces.query(`select 1 from pg_replication_slots where slot_name = 'chiso_national_01'`))
        .length,
    ).toBe(0);
    await caughtUp(hy, '33');
  }, 60_000);
});
