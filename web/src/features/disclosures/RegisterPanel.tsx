import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { ObligationStatus } from '../../../../core/disclosures/compliance.ts';
import { formatDateVi } from '../../../../core/text/dates.ts';
import { ListFooter } from '../../components/ListFooter.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { SortHeader } from '../../components/SortHeader.tsx';
import { useT } from '../../i18n/locale.tsx';
import { hasPermission, useMe } from '../auth/session.ts';
import { UnitPicker } from '../units/UnitPicker.tsx';
import { type ObligationItem, useObligations } from './api.ts';
import { OBLIGATION_STATUSES, STATUS_COLORS, statusOptions } from './disclosure-words.ts';
import { LoudspeakerSwitch } from './LoudspeakerSwitch.tsx';
import { NewObligationDialog } from './NewObligationDialog.tsx';
import { PublicBadge } from './PublicationCard.tsx';
import { QuarterListMenu } from './QuarterListMenu.tsx';

const PER_PAGE = 20;

export interface RegisterFilter {
  unitId: number | null;
  unitName?: string | undefined;
  status: ObligationStatus | null;
}

export function StatusBadge({ status }: { status: ObligationStatus }) {
  const { label } = useT();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" miw="max-content">
      {label(OBLIGATION_STATUSES[status])}
    </Badge>
  );
}

function TitleLink({ item }: { item: ObligationItem }) {
  return (
    <Anchor
      fw={600}
      renderRoot={(props) => (
        <Link {...props} to="/disclosures/$obligationId" params={{ obligationId: String(item.id) }} />
      )}
    >
      {item.title}
    </Anchor>
  );
}

/**
 * A unit's register (or every unit's in scope): each obligation with its due date, its status as
 * judged today and whether it is on the public page, filtered by unit and status (the board's counts
 * open here), searched and sorted.
 */
export function RegisterPanel({
  filter,
  onFilter,
}: {
  filter: RegisterFilter;
  onFilter: (filter: RegisterFilter) => void;
}) {
  const { t, label } = useT();
  const { data: me } = useMe();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const [sort, setSort] = useState('-decisionDate');
  const [page, setPage] = useState(1);
  const [isAdding, setAdding] = useState(false);
  const { data, isPending } = useObligations({
    unitId: filter.unitId,
    status: filter.status,
    q: debounced,
    sort,
    page,
    perPage: PER_PAGE,
  });
  // The quarter's list is a unit's: the one chosen, or a commune's own people's unit.
  const ownUnits = new Set(
    me?.grants
      .filter((grant) => grant.role === 'unit_head' || grant.role === 'unit_reporter')
      .map((grant) => grant.unitId),
  );
  const listUnit = filter.unitId ?? (ownUnits.size === 1 ? ([...ownUnits][0] ?? null) : null);
  const changeSort = (next: string) => {
    setSort(next);
    setPage(1);
  };
  return (
    <Stack>
      <Group align="flex-end" wrap="wrap">
        <div style={{ minWidth: 240 }}>
          <UnitPicker
            label={t('disclosuresUnit')}
            placeholder={t('disclosuresAllUnits')}
            value={filter.unitId === null ? null : String(filter.unitId)}
            selectedLabel={filter.unitName}
            onChange={(value) => {
              onFilter({ ...filter, unitId: value ? Number(value) : null });
              setPage(1);
            }}
          />
        </div>
        <Select
          label={t('disclosuresStatus')}
          placeholder={t('disclosuresAllStatuses')}
          data={statusOptions(label)}
          value={filter.status}
          onChange={(value) => {
            onFilter({ ...filter, status: (value as ObligationStatus | null) ?? null });
            setPage(1);
          }}
          clearable
          w={200}
        />
        <TextInput
          style={{ flex: 1, minWidth: 220 }}
          label={t('disclosuresSearch')}
          value={q}
          onChange={(event) => {
            setQ(event.currentTarget.value);
            setPage(1);
          }}
        />
        {listUnit !== null && <QuarterListMenu unitId={listUnit} />}
        {hasPermission(me, 'disclosures.record') && (
          <Button aria-haspopup="dialog" onClick={() => setAdding(true)}>
            {t('disclosuresNew')}
          </Button>
        )}
      </Group>
      {listUnit !== null && <LoudspeakerSwitch unitId={listUnit} />}
      <ScrollTable
        striped
        highlightOnHover
        withTableBorder
        aria-label={t('disclosuresRegister')}
        minWidth={1000}
      >
        <Table.Thead>
          <Table.Tr>
            <SortHeader field="title" sort={sort} onSort={changeSort}>
              {t('disclosuresTitle')}
            </SortHeader>
            <Table.Th>{t('disclosuresItem')}</Table.Th>
            <Table.Th>{t('disclosuresUnit')}</Table.Th>
            <SortHeader field="decisionDate" sort={sort} onSort={changeSort}>
              {t('disclosuresDecisionDate')}
            </SortHeader>
            <SortHeader field="due" sort={sort} onSort={changeSort}>
              {t('disclosuresDue')}
            </SortHeader>
            <Table.Th>{t('disclosuresStatus')}</Table.Th>
            <Table.Th>{t('disclosuresRecords')}</Table.Th>
            <Table.Th>{t('disclosuresPublicCard')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data?.items.map((item) => (
            <Table.Tr key={item.id} data-obligation={item.id}>
              <Table.Td>
                <TitleLink item={item} />
              </Table.Td>
              <Table.Td>{item.itemName ? label(item.itemName) : item.itemCode}</Table.Td>
              <Table.Td>{item.unitName}</Table.Td>
              <Table.Td>{formatDateVi(item.decisionDate)}</Table.Td>
              <Table.Td>{item.due ? formatDateVi(item.due) : t('disclosuresNoDue')}</Table.Td>
              <Table.Td>
                <StatusBadge status={item.status} />
              </Table.Td>
              <Table.Td>{item.records}</Table.Td>
              <Table.Td>
                <PublicBadge publishedAt={item.publishedAt} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
      {!isPending && data?.total === 0 && (
        <Text c="dimmed" ta="center">
          {t('disclosuresNone')}
        </Text>
      )}
      <ListFooter total={data?.total ?? 0} page={page} perPage={PER_PAGE} onPage={setPage} />
      {isAdding && <NewObligationDialog onClose={() => setAdding(false)} />}
    </Stack>
  );
}
