import { ActionIcon, Box, Text } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { optionsOf, type SurveyDefinition } from '../../../../core/surveys/survey.ts';
import { formatDateVi } from '../../../../core/text/dates.ts';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import {
  DATE,
  emptyRow,
  type GridColumn,
  type GridRow,
  isCellOpen,
  isRowEmpty,
  nextCell,
  optionForKey,
  withCell,
} from './paper-grid.ts';
import {
  cellStyle,
  headStyle,
  inputStyle,
  ROW_HEAD_WIDTH,
  rowHeadStyle,
  widthOf,
} from './paper-grid-styles.ts';

/** Problems the server named, by `${rowId}|${columnKey}` (an empty key: the whole form). */
export type CellProblems = Map<string, string>;

/**
 * One row per paper form, one column per question: a digit fills an answer cell and moves right,
 * Enter/Tab/arrows move, Backspace clears, the end of a row starts the next form. Cells a form does
 * not ask are grey and skipped.
 */
export function PaperGrid({
  definition,
  columns,
  rows,
  onRows,
  problems,
  onEdited,
  defaultDate,
}: {
  definition: SurveyDefinition;
  columns: readonly GridColumn[];
  rows: readonly GridRow[];
  onRows: (rows: GridRow[]) => void;
  problems: CellProblems;
  onEdited: (rowId: string, key: string) => void;
  defaultDate: string | null;
}) {
  const { t, label } = useT();
  const cells = useRef(new Map<string, HTMLInputElement>());
  const pending = useRef<{ row: number; column: number } | null>(null);
  const [focused, setFocused] = useState<number | null>(null);

  useEffect(() => {
    if (!pending.current) return;
    const { row, column } = pending.current;
    pending.current = null;
    const input = cells.current.get(`${row}:${column}`);
    input?.focus();
    input?.select();
  });

  const focusCell = (row: number, column: number) => {
    pending.current = { row, column };
    const input = cells.current.get(`${row}:${column}`);
    // A cell the change just opened is still disabled until the next render: focused then.
    if (input && !input.disabled) {
      pending.current = null;
      input.focus();
      input.select();
    }
  };

  const set = (rowIndex: number, key: string, value: string): GridRow[] => {
    const row = rows[rowIndex];
    if (!row) return [...rows];
    const next = [...rows];
    next[rowIndex] = withCell(definition, columns, row, key, value);
    onEdited(row.id, key);
    return next;
  };

  /** Right (or left) to the next open cell; past the last row's end, a new form begins. */
  const move = (current: readonly GridRow[], at: { row: number; column: number }, step: 1 | -1): boolean => {
    const target = nextCell(definition, columns, current, at, step);
    if (target) {
      if (current !== rows) onRows([...current]);
      focusCell(target.row, target.column);
      return true;
    }
    const last = current[at.row];
    if (step === -1 || !last || isRowEmpty(last)) {
      if (current !== rows) onRows([...current]);
      return false;
    }
    onRows([...current, emptyRow()]);
    pending.current = { row: at.row + 1, column: 0 };
    return true;
  };

  const vertical = (at: { row: number; column: number }, step: 1 | -1) => {
    const row = rows[at.row + step];
    if (!row) return;
    const column = columns[at.column];
    if (column && isCellOpen(column, definition, row)) focusCell(at.row + step, at.column);
    else {
      const target = nextCell(definition, columns, rows, { row: at.row + step, column: at.column }, 1);
      if (target) focusCell(target.row, target.column);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>, at: { row: number; column: number }) => {
    const column = columns[at.column];
    if (!column || event.altKey || event.ctrlKey || event.metaKey) return;
    const input = event.currentTarget;
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    const atEnd = input.selectionStart === input.value.length;
    const isOption = 'question' in column && column.kind === 'option';
    const key = event.key;
    if (key === 'Tab' || key === 'Enter') {
      if (move(rows, at, event.shiftKey ? -1 : 1)) event.preventDefault();
    } else if (key === 'ArrowRight' && (isOption || atEnd)) {
      event.preventDefault();
      move(rows, at, 1);
    } else if (key === 'ArrowLeft' && (isOption || atStart)) {
      event.preventDefault();
      move(rows, at, -1);
    } else if (key === 'ArrowDown' || key === 'ArrowUp') {
      event.preventDefault();
      vertical(at, key === 'ArrowDown' ? 1 : -1);
    } else if (isOption && (key === 'Backspace' || key === 'Delete')) {
      event.preventDefault();
      onRows(set(at.row, column.key, ''));
    } else if (isOption && key.length === 1) {
      event.preventDefault();
      const value = optionForKey(column.question, key);
      if (value !== null) move(set(at.row, column.key, String(value)), at, 1);
    }
  };

  const focusedColumn = focused === null ? undefined : columns[focused];
  return (
    <Box>
      <Text size="sm" mih={22} c="dimmed" aria-live="polite">
        {focusedColumn && 'question' in focusedColumn
          ? `${focusedColumn.key} — ${label({ vi: focusedColumn.question.textVi, en: focusedColumn.question.textEn ?? focusedColumn.question.textVi })}${
              focusedColumn.kind === 'option'
                ? ` (${optionsOf(focusedColumn.question)
                    .map(
                      (option) => `${option.value}: ${label({ vi: option.vi, en: option.en ?? option.vi })}`,
                    )
                    .join('; ')})`
                : ''
            }`
          : ''}
      </Text>
      <Box style={{ overflow: 'auto', maxHeight: '60vh', border: '1px solid var(--mantine-color-gray-4)' }}>
        <table
          style={{
            borderCollapse: 'collapse',
            tableLayout: 'fixed',
            // A fixed layout keeps each column its width only when the table is as wide as their sum.
            width: ROW_HEAD_WIDTH + columns.reduce((sum, column) => sum + widthOf(column), 0),
          }}
          aria-label={t('surveyPaperTitle')}
        >
          <thead>
            <tr>
              <th style={{ ...headStyle, left: 0, zIndex: 3, width: ROW_HEAD_WIDTH }}>
                {t('surveyPaperRowNumber')}
              </th>
              {columns.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  title={
                    'question' in column
                      ? label({
                          vi: column.question.textVi,
                          en: column.question.textEn ?? column.question.textVi,
                        })
                      : undefined
                  }
                  style={{ ...headStyle, width: widthOf(column) }}
                >
                  {column.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, rowIndex) => {
              const rowProblem = problems.get(`${row.id}|`);
              return (
                <tr key={row.id}>
                  <th
                    scope="row"
                    title={rowProblem}
                    style={{
                      ...rowHeadStyle,
                      background: rowProblem ? 'var(--mantine-color-red-1)' : rowHeadStyle.background,
                    }}
                  >
                    <Box style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
                      <span>{rowIndex + 1}</span>
                      <ActionIcon
                        size="xs"
                        variant="subtle"
                        color="gray"
                        tabIndex={-1}
                        aria-label={`${t('surveyPaperRemoveRow')} ${rowIndex + 1}`}
                        onClick={() => {
                          const next = rows.filter((other) => other.id !== row.id);
                          onRows(next.length > 0 ? next : [emptyRow()]);
                        }}
                      >
                        <IconX size={12} />
                      </ActionIcon>
                    </Box>
                  </th>
                  {columns.map((column, columnIndex) => {
                    const open = isCellOpen(column, definition, row);
                    const problem = problems.get(`${row.id}|${column.key}`);
                    const at = { row: rowIndex, column: columnIndex };
                    return (
                      <td
                        key={column.key}
                        style={{
                          ...cellStyle,
                          background: problem
                            ? 'var(--mantine-color-red-2)'
                            : open
                              ? undefined
                              : 'var(--mantine-color-gray-3)',
                        }}
                        title={problem}
                      >
                        <input
                          ref={(element) => {
                            const key = `${rowIndex}:${columnIndex}`;
                            if (element) cells.current.set(key, element);
                            else cells.current.delete(key);
                          }}
                          aria-label={fill('{column}, {form} {n}', {
                            column: column.title,
                            form: t('surveyPaperRowNumber'),
                            n: rowIndex + 1,
                          })}
                          aria-invalid={problem ? true : undefined}
                          disabled={!open}
                          tabIndex={open ? 0 : -1}
                          inputMode={column.kind === 'option' ? 'numeric' : undefined}
                          value={row.cells[column.key] ?? ''}
                          placeholder={
                            column.key === DATE && defaultDate ? formatDateVi(defaultDate) : undefined
                          }
                          onFocus={(event) => {
                            setFocused(columnIndex);
                            event.currentTarget.select();
                          }}
                          onKeyDown={(event) => onKeyDown(event, at)}
                          onChange={(event) => {
                            // Option cells take keys in onKeyDown; what arrives here (a paste) keeps its last valid digit.
                            const value = event.currentTarget.value;
                            if ('question' in column && column.kind === 'option') {
                              const digit = optionForKey(column.question, value.slice(-1));
                              if (digit !== null) onRows(set(rowIndex, column.key, String(digit)));
                            } else onRows(set(rowIndex, column.key, value));
                          }}
                          style={{
                            ...inputStyle,
                            textAlign: column.kind === 'option' ? 'center' : 'left',
                            cursor: open ? 'text' : 'not-allowed',
                          }}
                        />
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </Box>
    </Box>
  );
}
