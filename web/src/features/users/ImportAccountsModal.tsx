import { Alert, Anchor, Button, FileInput, Group, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { AccountImportResult } from '../../../../core/auth/account-views.ts';
import { ROLES } from '../../../../core/auth/roles.ts';

import { ApiError, api, type RowIssue } from '../../api/client.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { type FileColumn, FileColumns } from '../../components/FileColumns.tsx';
import { RowIssuesTable } from '../../components/RowIssuesTable.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { StackedModal } from '../../components/StackedModal.tsx';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';

/** The columns the account import reads (server/users/user-import-service.ts), as the template has them. */
const ACCOUNT_COLUMNS: readonly FileColumn[] = [
  { title: 'Họ và tên', en: 'full name' },
  { title: 'Tên đăng nhập', en: 'username' },
  { title: 'Thư điện tử', en: 'e-mail' },
  { title: 'Điện thoại', en: 'phone' },
  { title: 'Đơn vị', en: 'unit', note: { vi: 'tên hoặc mã', en: 'its name or code' } },
  {
    title: 'Vai trò',
    en: 'role',
    note: { vi: 'ghi bằng chữ', en: 'in Vietnamese words' },
    example: 'Thủ trưởng đơn vị',
  },
];

/**
 * Accounts from a sheet: "Xem trước" checks it and lists the accounts (or every bad row); creating them
 * is confirmed, all or nothing, and the temporary passwords are downloaded once as .xlsx.
 */
export function ImportAccountsModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t, label } = useT();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<AccountImportResult | null>(null);
  const [result, setResult] = useState<AccountImportResult | null>(null);
  const [issues, setIssues] = useState<RowIssue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [isConfirming, setConfirming] = useState(false);
  const [isDownloaded, setDownloaded] = useState(false);

  const reset = () => {
    setPreview(null);
    setResult(null);
    setIssues([]);
    setError(null);
    setDownloaded(false);
  };
  const close = () => {
    reset();
    setFile(null);
    onClose();
  };
  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setIssues([]);
    const form = new FormData();
    form.append('file', file);
    try {
      const answer = await api<AccountImportResult>('POST', `/api/users/import?dryRun=${dryRun}`, form);
      if (dryRun) setPreview(answer);
      else {
        setResult(answer);
        setConfirming(false);
        await client.invalidateQueries({ queryKey: ['users'] });
      }
    } catch (caught) {
      setPreview(null);
      setConfirming(false);
      setError(caught instanceof Error ? caught.message : String(caught));
      if (caught instanceof ApiError) setIssues(caught.rows);
    } finally {
      setBusy(false);
    }
  };
  const count = String(preview?.count ?? 0);

  return (
    <StackedModal opened={opened} onClose={close} title={t('importAccounts')} size="xl">
      <Stack>
        <FileColumns size="sm" columns={ACCOUNT_COLUMNS} />
        <Anchor href="/api/users/import-template" size="sm">
          {t('accountTemplate')}
        </Anchor>
        <FileInput
          label={t('chooseFile')}
          accept=".xlsx,.csv"
          value={file}
          onChange={(chosen) => {
            setFile(chosen);
            reset();
          }}
          clearable
          disabled={result !== null}
        />
        {error && (
          <Alert color="red" title={issues.length > 0 ? t('nothingWritten') : undefined}>
            {error}
          </Alert>
        )}
        {issues.length > 0 && <RowIssuesTable issues={issues} label={t('nothingWritten')} />}
        {preview && !result && <Alert color="blue">{fill(t('accountsReady'), { count: count })}</Alert>}
        {result && (
          <Alert color="green">
            <Stack gap="xs">
              <Text size="sm">{fill(t('accountsCreated'), { count: String(result.count) })}</Text>
              {isDownloaded ? (
                <Text size="sm">{t('passwordsDownloaded')}</Text>
              ) : (
                <Button
                  component="a"
                  href={`/api/users/import/credentials/${result.credentialsToken}`}
                  onClick={() => setDownloaded(true)}
                  w="fit-content"
                >
                  {t('downloadPasswords')}
                </Button>
              )}
            </Stack>
          </Alert>
        )}
        {preview && (
          <ScrollTable striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('row')}</Table.Th>
                <Table.Th>{t('fullName')}</Table.Th>
                <Table.Th>{t('username')}</Table.Th>
                <Table.Th>{t('unit')}</Table.Th>
                <Table.Th>{t('role')}</Table.Th>
                <Table.Th>{t('email')}</Table.Th>
                <Table.Th>{t('headPhone')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.accounts.map((account) => (
                <Table.Tr key={account.row}>
                  <Table.Td>{account.row}</Table.Td>
                  <Table.Td>{account.fullName}</Table.Td>
                  <Table.Td>{account.username}</Table.Td>
                  <Table.Td>{account.unitName}</Table.Td>
                  <Table.Td>{label(ROLES[account.role])}</Table.Td>
                  <Table.Td>{account.email ?? ''}</Table.Td>
                  <Table.Td>{account.phone ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        )}
        <Group justify="flex-end">
          {result ? (
            <Button variant="default" onClick={close}>
              {t('done')}
            </Button>
          ) : (
            <>
              <Button variant="default" onClick={() => send(true)} disabled={!file} loading={isBusy}>
                {t('previewAccounts')}
              </Button>
              <Button
                aria-haspopup="dialog"
                onClick={() => setConfirming(true)}
                disabled={!preview || preview.count === 0}
              >
                {fill(t('createAccounts'), { count: count })}
              </Button>
            </>
          )}
        </Group>
      </Stack>
      <ConfirmDialog
        opened={isConfirming}
        title={t('importAccounts')}
        confirmLabel={fill(t('createAccounts'), { count: count })}
        isBusy={isBusy}
        onConfirm={() => send(false)}
        onClose={() => setConfirming(false)}
      >
        {fill(t('confirmCreateAccounts'), { count: count })}
      </ConfirmDialog>
    </StackedModal>
  );
}
