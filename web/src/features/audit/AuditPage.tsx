import { Alert, Button, Code, Group, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { parseDate } from '../../../../core/text/dates.ts';
import { api, type ListResult, queryString } from '../../api/client.ts';
import type { AuditEvent } from '../../api/types.ts';
import { ListFooter } from '../../components/ListFooter.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { SortHeader } from '../../components/SortHeader.tsx';
import { formatDateTimeVi, useT } from '../../i18n/locale.tsx';

const PER_PAGE = 50;
type ChainResult =
  | { ok: true; checked: number }
  | { ok: false; checked: number; brokenAt: number; reason: string };

export function AuditPage() {
  const { t } = useT();
  const [filters, setFilters] = useState({ action: '', entityType: '', from: '', to: '' });
  const [sort, setSort] = useState('-at');
  const [page, setPage] = useState(1);
  const [openSeq, setOpenSeq] = useState<number | null>(null);
  const [chain, setChain] = useState<ChainResult | null>(null);
  const params = {
    ...filters,
    from: parseDate(filters.from) ?? undefined,
    to: parseDate(filters.to) ?? undefined,
    sort,
    page,
    perPage: PER_PAGE,
  };
  const { data } = useQuery({
    queryKey: ['audit', params],
    queryFn: () => api<ListResult<AuditEvent>>('GET', `/api/audit${queryString(params)}`),
    placeholderData: (previous) => previous,
  });
  const set = (field: keyof typeof filters) => (event: { currentTarget: { value: string } }) => {
    setFilters({ ...filters, [field]: event.currentTarget.value });
    setPage(1);
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('audit')}</Title>
        <Button
          variant="light"
          onClick={async () => setChain(await api<ChainResult>('GET', '/api/audit/verify'))}
        >
          {t('verifyChain')}
        </Button>
      </Group>
      {chain && (
        <Alert color={chain.ok ? 'green' : 'red'} role="status">
          {chain.ok
            ? `${t('chainOk')}: ${chain.checked}`
            : `${t('chainBroken')} ${chain.brokenAt} (${chain.reason})`}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <TextInput
          label={t('action')}
          placeholder="unit.updated"
          value={filters.action}
          onChange={set('action')}
        />
        <TextInput
          label={t('entity')}
          placeholder="unit, user"
          value={filters.entityType}
          onChange={set('entityType')}
        />
        <TextInput label={t('from')} placeholder="dd/mm/yyyy" value={filters.from} onChange={set('from')} />
        <TextInput label={t('to')} placeholder="dd/mm/yyyy" value={filters.to} onChange={set('to')} />
      </SimpleGrid>
      <ScrollTable striped highlightOnHover withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <SortHeader field="at" sort={sort} onSort={setSort}>
              {t('time')}
            </SortHeader>
            <Table.Th>{t('actor')}</Table.Th>
            <Table.Th>{t('ip')}</Table.Th>
            <Table.Th>{t('action')}</Table.Th>
            <Table.Th>{t('entity')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data?.items.map((event) => (
            <Fragment key={event.seq}>
              <Table.Tr
                onClick={() => setOpenSeq(openSeq === event.seq ? null : event.seq)}
                style={{ cursor: 'pointer' }}
                aria-expanded={openSeq === event.seq}
              >
                <Table.Td>{formatDateTimeVi(event.at)}</Table.Td>
                <Table.Td>{event.actorName}</Table.Td>
                <Table.Td>{event.ip}</Table.Td>
                <Table.Td>{event.action}</Table.Td>
                <Table.Td>
                  {event.entityType}
                  {event.entityId ? ` #${event.entityId}` : ''}
                </Table.Td>
              </Table.Tr>
              {openSeq === event.seq && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <ChangeView before={event.before} after={event.after} />
                  </Table.Td>
                </Table.Tr>
              )}
            </Fragment>
          ))}
        </Table.Tbody>
      </ScrollTable>
      <ListFooter total={data?.total ?? 0} page={page} perPage={PER_PAGE} onPage={setPage} />
    </Stack>
  );
}

/** Before and after side by side; changed keys are marked. */
function ChangeView({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useT();
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  if (keys.length === 0)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <ScrollTable withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th />
          <Table.Th>{t('before')}</Table.Th>
          <Table.Th>{t('after')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {keys.map((key) => {
          const changed = JSON.stringify(b[key]) !== JSON.stringify(a[key]);
          return (
            <Table.Tr key={key} bg={changed ? 'yellow.0' : undefined}>
              <Table.Td fw={changed ? 700 : 400}>{key}</Table.Td>
              <Table.Td>
                <Code>{JSON.stringify(b[key] ?? null)}</Code>
              </Table.Td>
              <Table.Td>
                <Code>{JSON.stringify(a[key] ?? null)}</Code>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </ScrollTable>
  );
}
