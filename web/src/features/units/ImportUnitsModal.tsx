import { Alert, Button, FileInput, Group, Modal, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { ApiError, api, type RowIssue } from '../../api/client.ts';
import { type FileColumn, FileColumns } from '../../components/FileColumns.tsx';
import { notifySaved } from '../../components/form.ts';
import { RowIssuesTable } from '../../components/RowIssuesTable.tsx';
import { useT } from '../../i18n/locale.tsx';

interface Summary {
  created: number;
  updated: number;
  dryRun: boolean;
}

/** The columns the unit import reads (core/units/unit-import.ts), as the template has them. */
const UNIT_COLUMNS: readonly FileColumn[] = [
  { title: 'Mã đơn vị', en: 'unit code' },
  { title: 'Tên đơn vị', en: 'unit name' },
  { title: 'Loại đơn vị', en: 'unit type' },
  { title: 'Mã đơn vị cấp trên', en: 'code of the unit above' },
  { title: 'Ngày hiệu lực', en: 'in force from' },
  { title: 'Thủ trưởng', en: 'head' },
  { title: 'Chức vụ', en: 'head’s title' },
  { title: 'Điện thoại', en: 'phone' },
  { title: 'Thư điện tử', en: 'e-mail' },
  { title: 'Địa chỉ', en: 'address' },
];

/** Upload a unit file: "Kiểm tra" checks without writing, "Nhập" writes all rows or none. */
export function ImportUnitsModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useT();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [rows, setRows] = useState<RowIssue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setSummary(null);
    setRows([]);
    setError(null);
    const form = new FormData();
    form.append('file', file);
    try {
      const result = await api<Summary>('POST', `/api/units/import${dryRun ? '?dryRun=true' : ''}`, form);
      setSummary(result);
      if (!dryRun) {
        await client.invalidateQueries({ queryKey: ['units'] });
        notifySaved(`${t('import')}: ${result.created} + ${result.updated}`);
      }
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      if (caught instanceof ApiError) setRows(caught.rows);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('importFromFile')} size="xl">
      <Stack>
        <FileInput label={t('chooseFile')} accept=".xlsx,.csv" value={file} onChange={setFile} clearable />
        {summary && (
          <Alert color="green">
            {summary.dryRun ? 'Kiểm tra xong, tệp hợp lệ' : 'Đã nhập'}: {summary.created} đơn vị mới,{' '}
            {summary.updated} đơn vị cập nhật.
          </Alert>
        )}
        {error && (
          <Alert color="red" title={rows.length > 0 ? t('nothingWritten') : undefined}>
            {error}
          </Alert>
        )}
        {rows.length > 0 && <RowIssuesTable issues={rows} label={t('nothingWritten')} />}
        <FileColumns size="xs" c="dimmed" columns={UNIT_COLUMNS} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => send(true)} disabled={!file} loading={isBusy}>
            {t('check')}
          </Button>
          <Button onClick={() => send(false)} disabled={!file} loading={isBusy}>
            {t('import')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
