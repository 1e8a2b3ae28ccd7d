import {
  Alert,
  Button,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import {
  type AuditLocale,
  auditActionChoices,
  describeAuditEvent,
  entityTypeWord,
  fieldWord,
  valueWords,
} from '../../../../core/audit/audit-words.ts';
import { periodName } from '../../../../core/periods/period-names.ts';
import { parseDate } from '../../../../core/text/dates.ts';
import { api, type ListResult, queryString } from '../../api/client.ts';
import type { AuditEvent } from '../../api/types.ts';
import { ListFooter } from '../../components/ListFooter.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { SortHeader } from '../../components/SortHeader.tsx';
import { formatDateTimeVi, useT } from '../../i18n/locale.tsx';

/** The record kinds a reader may filter on, named in words. */
const ENTITY_TYPES = [
  'user',
  'unit',
  'plan',
  'plan_item',
  'assessment_round',
  'round_score',
  'report',
  'framework',
  'indicator_target',
  'settings',
  'reminder',
  'dossier',
  'system',
];

const PER_PAGE = 50;
type ChainResult =
  | { ok: true; checked: number }
  | { ok: false; checked: number; brokenAt: number; reason: string };

export function AuditPage() {
  const { t, locale } = useT();
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
  const setValue = (field: keyof typeof filters) => (value: string | null) => {
    setFilters({ ...filters, [field]: value ?? '' });
    setPage(1);
  };
  const set = (field: keyof typeof filters) => (event: { currentTarget: { value: string } }) =>
    setValue(field)(event.currentTarget.value);

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
        <Select
          label={t('action')}
          placeholder={t('auditAnyAction')}
          data={auditActionChoices(locale)}
          value={filters.action || null}
          onChange={setValue('action')}
          searchable
          clearable
        />
        <Select
          label={t('entity')}
          placeholder={t('auditAnyEntity')}
          data={ENTITY_TYPES.map((type) => ({ value: type, label: entityTypeWord(type, locale) }))}
          value={filters.entityType || null}
          onChange={setValue('entityType')}
          clearable
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
            <Table.Th>{t('auditEvent')}</Table.Th>
            <Table.Th>{t('ip')}</Table.Th>
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
                <Table.Td>{describeAuditEvent(event, locale, (code) => periodName(code, locale))}</Table.Td>
                <Table.Td>{event.ip}</Table.Td>
              </Table.Tr>
              {openSeq === event.seq && (
                <Table.Tr>
                  <Table.Td colSpan={3}>
                    <ChangeView before={event.before} after={event.after} locale={locale} />
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

/** Before and after side by side, each field by its name and each value in words; changes are marked. */
function ChangeView({ before, after, locale }: { before: unknown; after: unknown; locale: AuditLocale }) {
  const { t } = useT();
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  if (keys.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('auditNoDetail')}
      </Text>
    );
  return (
    <ScrollTable withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('auditField')}</Table.Th>
          <Table.Th>{t('before')}</Table.Th>
          <Table.Th>{t('after')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {keys.map((key) => {
          const changed = JSON.stringify(b[key]) !== JSON.stringify(a[key]);
          return (
            <Table.Tr key={key} bg={changed ? 'yellow.0' : undefined}>
              <Table.Td fw={changed ? 700 : 400}>{fieldWord(key, locale)}</Table.Td>
              <Table.Td>{valueWords(b[key], locale, key)}</Table.Td>
              <Table.Td>{valueWords(a[key], locale, key)}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </ScrollTable>
  );
}
