import { Group, SegmentedControl, Stack, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import type { ComplianceTally, ObligationStatus } from '../../../../core/disclosures/compliance.ts';
import { ListFooter } from '../../components/ListFooter.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { SortHeader } from '../../components/SortHeader.tsx';
import { formatNumber, useT } from '../../i18n/locale.tsx';
import { useComplianceBoard } from './api.ts';
import { OBLIGATION_STATUSES } from './disclosure-words.ts';
import type { RegisterFilter } from './RegisterPanel.tsx';

const PER_PAGE = 50;
const COLUMNS: ObligationStatus[] = ['missing', 'late', 'taken_down_early', 'on_time', 'not_due'];

const rate = (value: number | null) =>
  value === null ? '—' : `${formatNumber(value, { maximumFractionDigits: 1 })}%`;

/**
 * The coordinator's compliance board: every commune (or department) in scope with its obligations'
 * counts as judged today, the most problems first, and the sum of them all; a count opens the
 * register filtered to that unit and status.
 */
export function BoardPanel({ onOpen }: { onOpen: (filter: RegisterFilter) => void }) {
  const { t, label } = useT();
  const [unitType, setUnitType] = useState<'commune' | 'department'>('commune');
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const [sort, setSort] = useState('-problems');
  const [page, setPage] = useState(1);
  const { data } = useComplianceBoard({ unitType, q: debounced, sort, page, perPage: PER_PAGE });
  const count = (
    unit: { unitId: number; name: string } | null,
    counts: ComplianceTally,
    status: ObligationStatus,
  ) =>
    counts[status] === 0 ? (
      <Text c="dimmed">0</Text>
    ) : (
      <UnstyledButton
        fw={700}
        c={status === 'on_time' || status === 'not_due' ? undefined : 'red.8'}
        td="underline"
        aria-label={`${unit?.name ?? t('disclosuresTotal')}: ${label(OBLIGATION_STATUSES[status])} ${counts[status]}`}
        onClick={() => onOpen({ unitId: unit?.unitId ?? null, unitName: unit?.name, status })}
      >
        {formatNumber(counts[status])}
      </UnstyledButton>
    );
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('disclosuresBoardHelp')}
      </Text>
      <Group align="flex-end" wrap="wrap">
        <SegmentedControl
          aria-label={t('disclosuresBoardUnitType')}
          value={unitType}
          onChange={(value) => {
            setUnitType(value as 'commune' | 'department');
            setPage(1);
          }}
          data={[
            { value: 'commune', label: t('disclosuresCommunes') },
            { value: 'department', label: t('disclosuresDepartments') },
          ]}
        />
        <TextInput
          style={{ flex: 1, minWidth: 200 }}
          aria-label={t('disclosuresBoardSearch')}
          placeholder={t('disclosuresBoardSearch')}
          value={q}
          onChange={(event) => {
            setQ(event.currentTarget.value);
            setPage(1);
          }}
        />
      </Group>
      <ScrollTable withTableBorder striped aria-label={t('disclosuresBoard')} minWidth={820}>
        <Table.Thead>
          <Table.Tr>
            <SortHeader field="name" sort={sort} onSort={setSort}>
              {t('disclosuresUnit')}
            </SortHeader>
            {COLUMNS.map((status) => (
              <Table.Th key={status} ta="right">
                {label(OBLIGATION_STATUSES[status])}
              </Table.Th>
            ))}
            <SortHeader field="onTime" sort={sort} onSort={setSort}>
              {t('disclosuresOnTimeRate')}
            </SortHeader>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data && (
            <Table.Tr data-board-total fw={700}>
              <Table.Td>{t('disclosuresTotal')}</Table.Td>
              {COLUMNS.map((status) => (
                <Table.Td key={status} ta="right">
                  {count(null, data.overall.counts, status)}
                </Table.Td>
              ))}
              <Table.Td>
                {rate(data.overall.onTime)} ({data.overall.numerator}/{data.overall.denominator})
              </Table.Td>
            </Table.Tr>
          )}
          {data?.items.map((row) => (
            <Table.Tr key={row.unitId} data-board-unit={row.unitId}>
              <Table.Td>{row.name}</Table.Td>
              {COLUMNS.map((status) => (
                <Table.Td key={status} ta="right">
                  {count(row, row.counts, status)}
                </Table.Td>
              ))}
              <Table.Td>
                {rate(row.onTime)} {row.denominator > 0 ? `(${row.numerator}/${row.denominator})` : ''}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
      <ListFooter total={data?.total ?? 0} page={page} perPage={PER_PAGE} onPage={setPage} />
    </Stack>
  );
}
