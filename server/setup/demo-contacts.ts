import { eq } from 'drizzle-orm';
import { unitContactsSchema } from '../../core/units/unit-schemas.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/engine.ts';
import { units } from '../db/schema/index.ts';
import { slug } from '../public/format.ts';
import { saveUnitContacts } from '../units/unit-contacts.ts';
import type { DemoCtx } from './demo-rounds.ts';

/**
 * The demo's contacts: every commune and department keeps its head's name and title, a phone, an
 * e-mail and its address current, as the units themselves do (`units.contacts`, through the same
 * service and audit as the web form). Names are made up from common Vietnamese names, phones are in
 * the province's area code (0221) and e-mail addresses at `hungyen.example` (a domain that cannot
 * exist, RFC 2606): a demo site must never send a citizen to a real person. The public site of a demo
 * says its data are illustrative (`SiteIdentity.demo`).
 */
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thanh', 'Quang', 'Hữu', 'Ngọc', 'Xuân', 'Hồng'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hùng', 'Lan', 'Long', 'Mai'];

interface ContactUnit {
  id: number;
  type: string;
  path: string;
  name: string;
}

/** "Chủ tịch UBND phường", "Chủ tịch UBND xã", or the department's own title ("Giám đốc Sở"). */
function headTitleOf(unit: ContactUnit, current: string | null): string {
  if (unit.type !== 'commune') return current ?? 'Thủ trưởng cơ quan';
  const kind = /^(Phường|Xã|Đặc khu)\s/u.exec(unit.name)?.[1]?.toLocaleLowerCase('vi') ?? 'xã';
  return `Chủ tịch UBND ${kind}`;
}

export async function loadDemoContacts(scene: {
  db: Db;
  units: ContactUnit[];
  as: (user: SessionUser, clock: Clock) => DemoCtx;
  actingFor: (role: 'unit_head' | 'unit_reporter', unit: ContactUnit) => SessionUser;
  at: (date: string, minutes?: number) => Clock;
  today: string;
  random: () => number;
}): Promise<number> {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(scene.random() * list.length)] as T;
  let saved = 0;
  for (const [i, unit] of scene.units.entries()) {
    const [row] = await scene.db
      .select({ headTitle: units.headTitle, version: units.version })
      .from(units)
      .where(eq(units.id, unit.id));
    if (!row) continue;
    const words = slug(unit.name).replaceAll('-', '');
    const number = String(3_860_000 + ((i * 7_919) % 140_000)).padStart(7, '0');
    const headName = `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`;
    await saveUnitContacts(
      scene.as(scene.actingFor('unit_head', unit), scene.at(scene.today, i)),
      unit.id,
      unitContactsSchema.parse({
        headName,
        headTitle: headTitleOf(unit, row.headTitle),
        headPhone: `0221 ${number.slice(0, 3)} ${number.slice(3)}`,
        headEmail: `${unit.type === 'commune' ? 'ubnd.' : ''}${words}@hungyen.example`,
        address:
          unit.type === 'commune'
            ? `Trụ sở UBND ${unit.name}, tỉnh Hưng Yên`
            : `${unit.name} tỉnh Hưng Yên, phường Phố Hiến`,
        version: row.version,
      }),
    );
    saved += 1;
  }
  return saved;
}
