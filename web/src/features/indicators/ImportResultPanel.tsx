import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  List,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { ListFooter } from '../../components/ListFooter.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { useT } from '../../i18n/locale.tsx';
import type { ImportResult } from './api.ts';
import { formatCount } from './format.ts';

const PER_PAGE = 25;

/**
 * What an import did (or, on a check, would do): the counts, new procedures, every refused row, and
 * the refused rows as a file to work through beside the data (`refusalsHref`).
 */
export function ImportResultPanel({
  result,
  refusalsHref,
  onAgain,
  onRunAgain,
  isBusy = false,
}: {
  result: ImportResult;
  refusalsHref?: string;
  onAgain: () => void;
  /** After a check: send the same file (and its mapping) again, checked once more or imported. */
  onRunAgain?: (dryRun: boolean) => void;
  isBusy?: boolean;
}) {
  const { t } = useT();
  const [page, setPage] = useState(1);
  const isRefused = result.rejected.length > 0 || result.rejectedCount > 0;
  const shown = result.rejected.slice((page - 1) * PER_PAGE, page * PER_PAGE);
  const count = (label: string, value: number, colour?: string) => (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz={26} c={colour}>
        {formatCount(value)}
      </Text>
    </Card>
  );

  return (
    <Stack>
      {isRefused ? (
        <Alert color="red" role="alert" title={t('importFailed')}>
          {t('nothingWritten')}
        </Alert>
      ) : (
        <Alert color="green" role="status">
          {result.dryRun ? t('dryRunDone') : t('importDone')}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {count(t('importedCount'), result.imported)}
        {count(t('updatedCount'), result.updated)}
        {count(
          t('rejectedCount'),
          result.rejectedCount || result.rejected.length,
          isRefused ? 'red' : undefined,
        )}
      </SimpleGrid>
      {isRefused && (
        <Stack gap="xs" component="section" aria-label={t('rejectedCount')}>
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {result.rejectedCount > result.rejected.length &&
                t('firstRejected')
                  .replace('{shown}', formatCount(result.rejected.length))
                  .replace('{total}', formatCount(result.rejectedCount))}
            </Text>
            {refusalsHref && (
              <Anchor href={refusalsHref} download size="sm">
                {t('downloadRejected')}
              </Anchor>
            )}
          </Group>
          <ScrollTable withTableBorder striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={90}>{t('row')}</Table.Th>
                <Table.Th w={220}>{t('column')}</Table.Th>
                <Table.Th>{t('reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((row) => (
                <Table.Tr key={`${row.line}-${row.column}-${row.reason}`}>
                  <Table.Td>{row.line}</Table.Td>
                  <Table.Td>{row.column ?? '—'}</Table.Td>
                  <Table.Td>{row.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
          {result.rejected.length > PER_PAGE && (
            <ListFooter total={result.rejected.length} page={page} perPage={PER_PAGE} onPage={setPage} />
          )}
        </Stack>
      )}
      {!isRefused && result.newProcedures.length > 0 && (
        <Stack gap={4}>
          <Title order={3} size="h5">
            {result.dryRun ? t('newProceduresToAdd') : t('newProcedures')} ({result.newProcedures.length})
          </Title>
          <List size="sm">
            {result.newProcedures.map((procedure) => (
              <List.Item key={procedure.code}>
                <Text span ff="monospace" size="sm">
                  {procedure.code}
                </Text>{' '}
                {procedure.name} — {procedure.field}
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
      <Group>
        <Button variant="default" onClick={onAgain}>
          {t('importAnother')}
        </Button>
        {result.dryRun && onRunAgain && (
          <Button variant="default" onClick={() => onRunAgain(true)} loading={isBusy}>
            {t('checkAgain')}
          </Button>
        )}
        {result.dryRun && !isRefused && onRunAgain && (
          <Button onClick={() => onRunAgain(false)} loading={isBusy}>
            {t('importThisFile')}
          </Button>
        )}
        {!isRefused && !result.dryRun && (
          <Button component={Link} to="/indicators">
            {t('openDashboard')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
