import { describe, expect, it } from 'vitest';
import { DOSSIER_FIELDS, resolveColumns } from './dossier-fields.ts';
import { validateDossierRow } from './dossier-rows.ts';
import { createRollupTally } from './dossier-tally.ts';

const headers = [...DOSSIER_FIELDS];
const resolved = resolveColumns(headers);
if (!resolved.ok) throw new Error('canonical headers must resolve');
const { columns } = resolved;

function row(values: Partial<Record<(typeof DOSSIER_FIELDS)[number], string>>) {
  const cells = DOSSIER_FIELDS.map(
    (field) =>
      ({
        code: 'HS-1',
        unitCode: '33',
        procedureCode: '1.001',
        channel: 'direct',
        receivedAt: '10/01/2026 08:00',
        ...values,
      })[field as string] ?? '',
  );
  const checked = validateDossierRow(headers, columns, 2, cells);
  if (!checked.row) throw new Error(JSON.stringify(checked.issues));
  return checked.row;
}

describe('roll-up tally', () => {
  it('counts receipt in the quarter received and the finish in the quarter finished', () => {
    const tally = createRollupTally();
    // Received in 2026Q1, finished late (after the 14/03 cut-off, so in 2026Q2) with an apology.
    tally.add(
      7,
      'Hộ tịch',
      row({
        channel: 'online_full',
        digitised: 'x',
        receivedAt: '10/03/2026 08:00',
        dueAt: '12/03/2026',
        finishedAt: '16/03/2026 09:00',
        apologyIssued: 'có',
      }),
    );
    // Received and finished early in 2026Q1.
    tally.add(
      7,
      'Hộ tịch',
      row({ receivedAt: '10/01/2026 08:00', dueAt: '20/01/2026', finishedAt: '12/01/2026 10:00' }),
    );
    // Another unit: its own cell.
    tally.add(8, 'Hộ tịch', row({ channel: 'online_partial' }));
    const cells = Object.fromEntries(
      tally.cells().map((cell) => [`${cell.unitId} ${cell.periodCode}`, cell.counts]),
    );
    expect(cells['7 2026Q1']).toEqual({
      received: 2,
      receivedOnline: 1,
      receivedOnlineFull: 1,
      receivedDigitised: 1,
      finished: 1,
      finishedOnTime: 1,
      finishedEarly: 1,
      finishedLate: 0,
      lateApologised: 0,
    });
    expect(cells['7 2026Q2']).toEqual({
      received: 0,
      receivedOnline: 0,
      receivedOnlineFull: 0,
      receivedDigitised: 0,
      finished: 1,
      finishedOnTime: 0,
      finishedEarly: 0,
      finishedLate: 1,
      lateApologised: 1,
    });
    expect(cells['8 2026Q1']).toMatchObject({
      received: 1,
      receivedOnline: 1,
      receivedOnlineFull: 0,
      finished: 0,
    });
    expect(tally.cells()).toHaveLength(3);
  });
});
