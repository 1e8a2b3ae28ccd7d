import { describe, expect, it } from 'vitest';
import { checkCsv, parseCsv, tableSchema, toCsv, toJsonRows } from './table-schema.ts';

const schema = tableSchema(
  [
    { name: 'code', type: 'string', title: 'Mã', constraints: { required: true } },
    { name: 'score', type: 'number', title: 'Điểm' },
    { name: 'rank', type: 'integer', title: 'Hạng' },
    { name: 'on', type: 'date', title: 'Ngày' },
  ],
  ['code'],
);

describe('open-data tables', () => {
  it('writes CSV with quoting and reads it back to the same cells', () => {
    const csv = toCsv(schema, [
      { code: 'A, "B"', score: 44.4, rank: 19, on: '2026-12-04' },
      { code: 'C', score: null, rank: null, on: null },
    ]);
    expect(csv).toBe('code,score,rank,on\r\n"A, ""B""",44.4,19,2026-12-04\r\nC,,,\r\n');
    expect(parseCsv(csv)).toEqual([
      ['code', 'score', 'rank', 'on'],
      ['A, "B"', '44.4', '19', '2026-12-04'],
      ['C', '', '', ''],
    ]);
    expect(checkCsv(schema, csv)).toEqual([]);
    expect(toJsonRows(schema, [{ rank: 1, code: 'X', extra: 'dropped' }])).toEqual([
      { code: 'X', score: null, rank: 1, on: null },
    ]);
  });

  it('names what does not follow the schema', () => {
    const csv = 'code,score,rank,on\r\nA,4,5.5,04/12/2026\r\n,1,1,2026-01-01\r\nA,1,1,2026-02-30\r\n';
    expect(checkCsv(schema, csv)).toEqual([
      'line 2, rank: "5.5" is no integer',
      'line 2, on: "04/12/2026" is no date',
      'line 3, code: required',
      'line 4, on: "2026-02-30" is no date',
      'line 4: primary key repeated',
    ]);
    expect(checkCsv(schema, 'code,score\r\n')).toEqual(['header code,score ≠ code,score,rank,on']);
  });
});
