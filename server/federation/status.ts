import { type Freshness, freshnessOf } from '../../core/federation/freshness.ts';
import type { Database } from '../db/engine.ts';
import { PUBLICATION, readPublishing, readSubscriptions } from './federation-settings.ts';

/**
 * Where the federation stands on this database, for the CLI (`federation status`) and, later, the
 * national page: as a province, its publication, the slots national instances read (and the WAL each
 * holds back) and its last refresh and heartbeat; as the national instance, every province subscribed
 * with its subscription's state and how fresh its figures are.
 */
export interface SlotStatus {
  name: string;
  active: boolean;
  /** Bytes of WAL the slot keeps on disk until its reader confirms them. */
  walHeldBytes: number | null;
}

export interface ProvinceSide {
  publishing: boolean;
  publication: boolean;
  slots: SlotStatus[];
  provinceCode: string | null;
  refreshedAt: string | null;
  heartbeatAt: string | null;
}

export interface NationalProvince {
  provinceCode: string;
  name: string | null;
  subscription: string;
  source: string;
  /** Whether the subscription exists here and is enabled. */
  enabled: boolean;
  lastMessageAt: string | null;
  refreshedAt: string | null;
  heartbeatAt: string | null;
  chisoVersion: string | null;
  freshness: Freshness;
}

export interface FederationStatus {
  role: 'province' | 'national' | 'none';
  province: ProvinceSide | null;
  national: NationalProvince[] | null;
}

const iso = (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : null);

export async function federationStatus(database: Database, now = new Date()): Promise<FederationStatus> {
  const publishing = await readPublishing(database.db);
  const subscriptions = await readSubscriptions(database.db);
  const postgres = database.kind === 'postgresql';
  const query = <R extends Record<string, unknown>>(text: string, values: unknown[] = []) =>
    database.pool.query<R>(text, values).then((result) => result.rows);

  const publication = postgres
    ? (await query('select 1 from pg_publication where pubname = $1', [PUBLICATION])).length > 0
    : false;
  let province: ProvinceSide | null = null;
  if (publishing.on || publication) {
    const slots = await query<{ slot_name: string; active: boolean; held: string | null }>(`
      select slot_name, active, pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint::text as held
      from pg_replication_slots where slot_type = 'logical' order by slot_name`);
    const [own] = await query<{ province_code: string; refreshed_at: Date; heartbeat_at: Date }>(
      `select province_code, refreshed_at, heartbeat_at from federation.provinces p
       where province_code = (select code from units where parent_id is null and type = 'province' and valid_to is null limit 1)`,
    );
    province = {
      publishing: publishing.on,
      publication,
      slots: slots.map((slot) => ({
        name: slot.slot_name,
        active: slot.active,
        walHeldBytes: slot.held === null ? null : Number(slot.held),
      })),
      provinceCode: own?.province_code ?? null,
      refreshedAt: iso(own?.refreshed_at),
      heartbeatAt: iso(own?.heartbeat_at),
    };
  }

  let national: NationalProvince[] | null = null;
  if (subscriptions.provinces.length > 0 && postgres) {
    const subs = await query<{ subname: string; subenabled: boolean; last_msg: Date | null }>(`
      select s.subname, s.subenabled, max(st.last_msg_receipt_time) as last_msg
      from pg_subscription s left join pg_stat_subscription st on st.subid = s.oid
      group by s.subname, s.subenabled`);
    const rows = await query<{
      province_code: string;
      name: string;
      refreshed_at: Date;
      heartbeat_at: Date;
      chiso_version: string;
    }>('select province_code, name, refreshed_at, heartbeat_at, chiso_version from federation.provinces');
    national = subscriptions.provinces
      .map((entry) => {
        const sub = subs.find((s) => s.subname === entry.subscription);
        const row = rows.find((r) => r.province_code === entry.provinceCode);
        return {
          provinceCode: entry.provinceCode,
          name: row?.name ?? null,
          subscription: entry.subscription,
          source: entry.source,
          enabled: sub?.subenabled ?? false,
          lastMessageAt: iso(sub?.last_msg),
          refreshedAt: iso(row?.refreshed_at),
          heartbeatAt: iso(row?.heartbeat_at),
          chisoVersion: row?.chiso_version ?? null,
          freshness: freshnessOf(row ? new Date(row.heartbeat_at) : null, now),
        };
      })
      .sort((a, b) => a.provinceCode.localeCompare(b.provinceCode));
  }
  return { role: national ? 'national' : province ? 'province' : 'none', province, national };
}
