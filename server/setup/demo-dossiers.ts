import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, inArray, isNull } from 'drizzle-orm';
import { DOSSIER_FIELDS } from '../../core/dossiers/dossier-fields.ts';
import { quartersEndingAt } from '../../core/indicators/quarters.ts';
import { parsePeriod, periodContaining, periodWindow } from '../../core/periods/periods.ts';
import { todayInVietnam } from '../../core/text/dates.ts';
import type { Database } from '../db/engine.ts';
import { units } from '../db/schema/index.ts';
import { importDossiers } from '../dossiers/dossier-import-service.ts';
import { csvCell } from '../files/tabular.ts';
import { SYSTEM_ACTOR, SYSTEM_USER } from './initialise.ts';

/**
 * One-stop dossiers as a province's systems export them, generated: the demo installation's eight
 * quarters of data (so its dashboards show something on the first day) and the benchmark's millions.
 * The same seed writes the same file.
 */

interface Procedure {
  code: string;
  name: string;
  field: string;
  /** Working time allowed, in days. */
  days: number;
}

// Common procedures of the national catalogue, by the level that settles them.
export const COMMUNE_PROCEDURES: Procedure[] = [
  { code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch', days: 1 },
  { code: '1.000894', name: 'Đăng ký kết hôn', field: 'Hộ tịch', days: 1 },
  { code: '1.000656', name: 'Đăng ký khai tử', field: 'Hộ tịch', days: 1 },
  { code: '2.000815', name: 'Chứng thực bản sao từ bản chính', field: 'Chứng thực', days: 1 },
  { code: '2.000884', name: 'Chứng thực chữ ký trong các giấy tờ, văn bản', field: 'Chứng thực', days: 1 },
  { code: '1.004227', name: 'Đăng ký biến động quyền sử dụng đất', field: 'Đất đai', days: 10 },
  { code: '1.001776', name: 'Xác nhận hộ gia đình làm nông nghiệp', field: 'Lao động', days: 5 },
];
export const DEPARTMENT_PROCEDURES: Procedure[] = [
  { code: '2.001612', name: 'Đăng ký thành lập doanh nghiệp', field: 'Thành lập doanh nghiệp', days: 3 },
  { code: '1.009972', name: 'Cấp giấy phép xây dựng', field: 'Xây dựng', days: 15 },
  { code: '1.004613', name: 'Cấp lý lịch tư pháp', field: 'Lý lịch tư pháp', days: 10 },
  { code: '1.001758', name: 'Cấp giấy phép lái xe (đổi)', field: 'Đường bộ', days: 5 },
  { code: '1.003008', name: 'Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh', field: 'Y tế', days: 20 },
  { code: '2.001822', name: 'Cấp giấy phép lao động cho người nước ngoài', field: 'Việc làm', days: 5 },
];

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface DossierGeneration {
  /** The units whose dossiers these are: communes get commune procedures, the others provincial ones. */
  units: readonly { code: string; type: string }[];
  rows: number;
  /** Received between these instants (epoch ms); nothing finishes after `to`. */
  from: number;
  to: number;
  /** Of the dossier codes, before their number ("HS-00000001"). */
  prefix?: string;
  seed?: number;
}

/**
 * Writes the CSV (canonical header, times ISO with +07:00) without holding it in memory. Each unit
 * has its own punctuality; the share of online and digitised dossiers grows over the span, as the
 * plans ask; about one late dossier in two has its apology letter.
 */
export async function writeDossierFile(path: string, generation: DossierGeneration): Promise<void> {
  // mulberry32: 32-bit integer arithmetic throughout (an LCG in floating point loses bits and cycles).
  let seed = generation.seed ?? 7;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const profiles = generation.units.map((unit) => ({
    code: unit.code,
    procedures: unit.type === 'commune' ? COMMUNE_PROCEDURES : DEPARTMENT_PROCEDURES,
    level: unit.type === 'commune' ? 'Cấp xã' : 'Cấp tỉnh',
    lateShare: 0.02 + random() * 0.12,
  }));
  const span = generation.to - generation.from;
  const vn = (ms: number) => `${new Date(ms + 7 * HOUR).toISOString().slice(0, 19)}+07:00`;
  const out = createWriteStream(path);
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', resolve));
  await write(`${DOSSIER_FIELDS.join(',')}\n`);
  let chunk = '';
  for (let i = 0; i < generation.rows; i++) {
    const unit = profiles[Math.floor(random() * profiles.length)];
    if (!unit) break;
    const procedure = unit.procedures[Math.floor(random() * unit.procedures.length)] ?? COMMUNE_PROCEDURES[0];
    if (!procedure) break;
    const progress = random();
    const received = generation.from + Math.floor(progress * span);
    const due = received + procedure.days * DAY + 9 * HOUR;
    const isLate = random() < unit.lateShare;
    const finishedAt = isLate
      ? due + Math.floor((0.2 + random() * 4) * DAY)
      : received + Math.floor(random() * (due - received));
    const finished = finishedAt <= generation.to ? finishedAt : null;
    const online = random() < 0.25 + 0.45 * progress;
    const channel = online
      ? random() < 0.6
        ? 'online_full'
        : 'online_partial'
      : random() < 0.9
        ? 'direct'
        : 'postal';
    chunk += [
      `${generation.prefix ?? 'HS-'}${String(i + 1).padStart(8, '0')}`,
      unit.code,
      procedure.code,
      csvCell(procedure.name),
      procedure.field,
      unit.level,
      channel,
      vn(received),
      vn(due),
      finished === null ? '' : vn(finished),
      finished === null || finished + 2 * HOUR > generation.to ? '' : vn(finished + 2 * HOUR),
      finished === null ? 'Đang xử lý' : 'Đã trả kết quả',
      random() < 0.45 + 0.4 * progress ? 'true' : 'false',
      finished !== null && isLate && random() < 0.5 ? 'true' : 'false',
    ].join(',');
    chunk += '\n';
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((resolve, reject) => {
    out.on('error', reject);
    out.end(resolve);
  });
}

/** About this many dossiers a unit receives in a quarter, in the demo. */
const DEMO_PER_UNIT_QUARTER = 40;

/**
 * The demo province's last eight quarters of dossiers, up to today, imported through the importer like
 * any file. Run once, on the installation's first start with the demo.
 */
export async function loadDemoDossiers(database: Database, today = todayInVietnam()): Promise<number> {
  const reporting = await database.db
    .select({ code: units.code, type: units.type })
    .from(units)
    .where(and(isNull(units.validTo), inArray(units.type, ['commune', 'department'])));
  const demoUnits = reporting.flatMap((unit) => (unit.code ? [{ code: unit.code, type: unit.type }] : []));
  if (demoUnits.length === 0) return 0;
  const [first] = quartersEndingAt(periodContaining(today, 'quarter').code, 8);
  const opening = first ? parsePeriod(first) : null;
  if (!opening) return 0;
  const from = Date.parse(`${periodWindow(opening).dataFrom}T00:00:00+07:00`);
  const to = Math.min(Date.now(), Date.parse(`${today}T23:59:59+07:00`));
  const folder = mkdtempSync(join(tmpdir(), 'chiso-demo-dossiers-'));
  try {
    const path = join(folder, 'ho-so-mau.csv');
    await writeDossierFile(path, {
      units: demoUnits,
      rows: demoUnits.length * DEMO_PER_UNIT_QUARTER * 8,
      from,
      to,
      prefix: 'MAU-',
    });
    const result = await importDossiers(
      { db: database.db, actor: SYSTEM_ACTOR, ip: null, user: SYSTEM_USER },
      { path, fileName: 'ho-so-mau.csv', format: 'csv', dryRun: false },
    );
    if (result.rejectedCount > 0)
      throw new Error(`demo dossiers refused: ${JSON.stringify(result.rejected.slice(0, 3))}`);
    return result.imported;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
