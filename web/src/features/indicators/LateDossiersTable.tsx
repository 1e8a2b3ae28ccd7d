import { Badge, Button, Card, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ListFooter } from '../../components/ListFooter.tsx';
import { SortHeader } from '../../components/SortHeader.tsx';
import { useT } from '../../i18n/locale.tsx';
import { ApologySlipButton } from './ApologySlipButton.tsx';
import { type DashboardQuery, exportUrl, useLateDossiers, useRecordApology } from './api.ts';
import { formatDayVi } from './format.ts';
import { XlsxButton } from './XlsxButton.tsx';

const PER_PAGE = 20;
type Apology = 'all' | 'missing' | 'issued';

/** Dossiers finished (or still open) past their due date, and whether the apology letter went out. */
export function LateDossiersTable({
  query,
  canRecord,
}: {
  query: DashboardQuery;
  /** The server checks again on the dossier's unit (importers and coordinators). */
  canRecord: boolean;
}) {
  const { t } = useT();
  const [apology, setApology] = useState<Apology>('all');
  const [sort, setSort] = useState('-daysLate');
  const [page, setPage] = useState(1);
  // A new filter or order starts again from the first page (a new unit or period remounts the table).
  const changeApology = (value: Apology) => {
    setApology(value);
    setPage(1);
  };
  const changeSort = (value: string) => {
    setSort(value);
    setPage(1);
  };
  const { data, error } = useLateDossiers({
    ...query,
    apology: apology === 'all' ? undefined : apology,
    page,
    perPage: PER_PAGE,
    sort,
  });
  const record = useRecordApology();
  const recordApology = (code: string) =>
    record.mutate(code, {
      onSuccess: () => notifications.show({ color: 'green', message: t('apologyRecorded') }),
      onError: (caught) => notifications.show({ color: 'red', message: caught.message }),
    });

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="late-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4" id="late-title">
            {t('lateDossiers')}
          </Title>
          <Group gap="xs">
            <SegmentedControl
              size="xs"
              aria-label={t('apologyLetter')}
              value={apology}
              onChange={(value) => changeApology(value as Apology)}
              data={[
                { value: 'all', label: t('apologyAll') },
                { value: 'missing', label: t('apologyMissing') },
                { value: 'issued', label: t('apologyIssued') },
              ]}
            />
            <XlsxButton
              href={exportUrl({ ...query, apology: apology === 'all' ? undefined : apology }, 'late')}
              label={t('lateDossiers')}
            />
          </Group>
        </Group>
        {error && <Text c="red">{error.message}</Text>}
        {data && data.items.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('noLateDossiers')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover aria-labelledby="late-title" fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <SortHeader field="code" sort={sort} onSort={changeSort}>
                    {t('dossierCode')}
                  </SortHeader>
                  <Table.Th>{t('unit')}</Table.Th>
                  <Table.Th>{t('procedure')}</Table.Th>
                  <SortHeader field="receivedAt" sort={sort} onSort={changeSort}>
                    {t('receivedAt')}
                  </SortHeader>
                  <SortHeader field="dueAt" sort={sort} onSort={changeSort}>
                    {t('dueAt')}
                  </SortHeader>
                  <Table.Th>{t('finishedAt')}</Table.Th>
                  <SortHeader field="daysLate" sort={sort} onSort={changeSort}>
                    {t('daysLate')}
                  </SortHeader>
                  <Table.Th>{t('apologyLetter')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data?.items.map((dossier) => (
                  <Table.Tr key={dossier.code}>
                    <Table.Td ff="monospace">{dossier.code}</Table.Td>
                    <Table.Td>{dossier.unit.name}</Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={2}>
                        {dossier.procedureName ?? dossier.procedureCode}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {dossier.field}
                      </Text>
                    </Table.Td>
                    <Table.Td>{formatDayVi(dossier.receivedAt)}</Table.Td>
                    <Table.Td>{formatDayVi(dossier.dueAt)}</Table.Td>
                    <Table.Td>
                      {dossier.lateness === 'overdue' ? (
                        <Text size="sm" c="red.8">
                          {t('stillOpen')}
                        </Text>
                      ) : (
                        formatDayVi(dossier.finishedAt)
                      )}
                    </Table.Td>
                    <Table.Td ta="right" fw={600} c="red.8">
                      {dossier.daysLate}
                    </Table.Td>
                    <Table.Td>
                      {dossier.apologyIssued ? (
                        <Badge color="green" variant="light" tt="none">
                          {t('apologyIssued')}
                        </Badge>
                      ) : canRecord ? (
                        <Group gap={4} wrap="nowrap">
                          <ApologySlipButton code={dossier.code} isOpen={dossier.lateness === 'overdue'} />
                          <Button
                            size="compact-xs"
                            variant="light"
                            color="orange"
                            loading={record.isPending && record.variables === dossier.code}
                            onClick={() => recordApology(dossier.code)}
                            aria-label={`${t('recordApology')}: ${dossier.code}`}
                          >
                            {t('recordApology')}
                          </Button>
                        </Group>
                      ) : (
                        <Badge color="orange" variant="light" tt="none">
                          {t('apologyMissing')}
                        </Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {data && data.total > PER_PAGE && (
          <ListFooter total={data.total} page={page} perPage={PER_PAGE} onPage={setPage} />
        )}
      </Stack>
    </Card>
  );
}
