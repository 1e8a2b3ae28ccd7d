import { Text, type TextProps } from '@mantine/core';
import { Fragment } from 'react';
import { useT } from '../i18n/locale.tsx';

/** A column a file to import must have: its Vietnamese title, what it holds in English, a note each. */
export interface FileColumn {
  /** The title as written in the file (the file's own words, Vietnamese whatever the reader's language). */
  title: string;
  en: string;
  note?: { vi: string; en: string };
  /** A value as written in the file ("Thủ trưởng đơn vị"). */
  example?: string;
}

/**
 * "Cột: …" under an import: the titles a file's columns carry. In English each title stays as the file
 * has it, marked Vietnamese (lang="vi"), with what it holds in English beside it.
 */
export function FileColumns({ columns, ...props }: { columns: readonly FileColumn[] } & TextProps) {
  const { t, locale } = useT();
  return (
    <Text {...props}>
      {t('fileColumns')}{' '}
      {columns.map((column, index) => {
        const note =
          locale === 'en' ? column.en + (column.note ? `, ${column.note.en}` : '') : column.note?.vi;
        return (
          <Fragment key={column.title}>
            {index > 0 && ', '}
            <span lang="vi">{column.title}</span>
            {(note || column.example) && ' ('}
            {note}
            {column.example && (
              <>
                {note && ', '}
                {t('forExample')} “<span lang="vi">{column.example}</span>”
              </>
            )}
            {(note || column.example) && ')'}
          </Fragment>
        );
      })}
      .
    </Text>
  );
}
