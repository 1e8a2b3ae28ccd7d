/**
 * Open data as Frictionless tables: each table has a Table Schema (fields with a type, a title and a
 * description), is written as CSV (RFC 4180, UTF-8, comma, "." decimals, ISO dates: for machines) and
 * JSON (an array of objects), and any CSV can be checked back against its schema. Pure: no I/O.
 */
export type FieldType = 'string' | 'integer' | 'number' | 'date' | 'boolean';

export interface Field {
  name: string;
  type: FieldType;
  title: string;
  description?: string;
  constraints?: { required?: boolean };
}

export interface TableSchema {
  fields: Field[];
  primaryKey?: string[];
  missingValues: string[];
}

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

export const tableSchema = (fields: Field[], primaryKey?: string[]): TableSchema => ({
  fields,
  ...(primaryKey && { primaryKey }),
  missingValues: [''],
});

function csvCell(value: Cell): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The rows as CSV, in the schema's field order, with a header line of the field names. */
export function toCsv(schema: TableSchema, rows: readonly Row[]): string {
  const names = schema.fields.map((field) => field.name);
  const lines = [
    names.join(','),
    ...rows.map((row) => names.map((name) => csvCell(row[name] ?? null)).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/** The rows as JSON objects with only the schema's fields, in order. */
export function toJsonRows(schema: TableSchema, rows: readonly Row[]): Row[] {
  return rows.map((row) =>
    Object.fromEntries(schema.fields.map((field) => [field.name, row[field.name] ?? null])),
  );
}

/** RFC 4180 CSV into records of strings (quoted fields, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

const VALID: Record<FieldType, (text: string) => boolean> = {
  string: () => true,
  integer: (text) => /^-?\d+$/.test(text),
  number: (text) => /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text),
  // A real day: 30 February rolls over to March, so it must read back as itself.
  date: (text) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
    const day = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
  },
  boolean: (text) => text === 'true' || text === 'false',
};

/** What in a CSV does not follow its schema: the header, each cell's type, required cells, the key. */
export function checkCsv(schema: TableSchema, text: string): string[] {
  const [header = [], ...records] = parseCsv(text);
  const names = schema.fields.map((field) => field.name);
  const problems: string[] = [];
  if (header.join(',') !== names.join(',')) problems.push(`header ${header.join(',')} ≠ ${names.join(',')}`);
  const keys = new Set<string>();
  records.forEach((record, index) => {
    const line = index + 2;
    if (record.length !== names.length)
      problems.push(`line ${line}: ${record.length} cells, ${names.length} fields`);
    schema.fields.forEach((field, column) => {
      const cell = record[column] ?? '';
      if (schema.missingValues.includes(cell)) {
        if (field.constraints?.required) problems.push(`line ${line}, ${field.name}: required`);
      } else if (!VALID[field.type](cell))
        problems.push(`line ${line}, ${field.name}: "${cell}" is no ${field.type}`);
    });
    if (schema.primaryKey) {
      const key = schema.primaryKey.map((name) => record[names.indexOf(name)]).join('\u0000');
      if (keys.has(key)) problems.push(`line ${line}: primary key repeated`);
      keys.add(key);
    }
  });
  return problems;
}
