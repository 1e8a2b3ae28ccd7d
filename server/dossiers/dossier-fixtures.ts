import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '../../core/auth/roles.ts';
import { DOSSIER_FIELDS } from '../../core/dossiers/dossier-fields.ts';
import type { Database } from '../db/engine.ts';
import { csvCell } from '../files/tabular.ts';
import { SYSTEM_ACTOR } from '../setup/initialise.ts';
import type { DossierContext } from './dossier-mapping-service.ts';

/** Test fixtures for dossier imports: rows, files in a temporary folder, counts of what was written. */

export type DossierCells = Partial<Record<(typeof DOSSIER_FIELDS)[number], string>>;

let sequence = 0;

/** A good row of the demo province (Sở Nội vụ, a civil-status procedure), with overrides. */
export function dossierRow(overrides: DossierCells = {}): DossierCells {
  sequence += 1;
  return {
    code: `HS-${sequence}`,
    unitCode: '33.SNV',
    procedureCode: '1.001',
    procedureName: 'Đăng ký khai sinh',
    field: 'Hộ tịch',
    level: 'Cấp tỉnh',
    channel: 'online_full',
    receivedAt: '2026-01-05T08:00:00+07:00',
    dueAt: '2026-01-10T17:00:00+07:00',
    finishedAt: '2026-01-08T10:00:00+07:00',
    returnedAt: '',
    status: 'Đã trả kết quả',
    digitised: 'true',
    apologyIssued: 'false',
    ...overrides,
  };
}

export function dossierCsv(rows: DossierCells[], headers: readonly string[] = DOSSIER_FIELDS): string {
  const fields = DOSSIER_FIELDS.slice(0, headers.length);
  return [headers.join(','), ...rows.map((row) => fields.map((field) => csvCell(row[field] ?? '')).join(','))]
    .join('\n')
    .concat('\n');
}

export function dossierJsonLines(rows: DossierCells[]): string {
  return rows.map((row) => JSON.stringify(row)).join('\n');
}

/** Files written to a folder of their own, removed by `cleanup`. */
export function tempFiles() {
  const dir = mkdtempSync(join(tmpdir(), 'chiso-dossier-test-'));
  return {
    dir,
    write: (name: string, content: string | Buffer) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The CLI's context: the installation itself, every unit in scope. */
export function systemContext(database: Database): DossierContext {
  return {
    db: database.db,
    actor: SYSTEM_ACTOR,
    ip: null,
    user: { grants: [{ role: 'admin' as Role, unitId: 0, unitPath: '/' }] },
  };
}

/** How many rows the import's tables hold: a refused import must leave all three as they were. */
export async function writtenCounts(database: Database) {
  const { rows } = await database.pool.query<{ dossiers: number; procedures: number; rollups: number }>(
    `select (select count(*)::int from dossiers) as dossiers, (select count(*)::int from procedures) as procedures,
       (select count(*)::int from dossier_rollups) as rollups`,
  );
  return rows[0];
}
