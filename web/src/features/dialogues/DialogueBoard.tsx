import { Alert, Badge, Card, Group, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { formatDateVi, todayInVietnam } from '../../../../core/text/dates.ts';
import { ListFooter } from '../../components/ListFooter.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { SortHeader } from '../../components/SortHeader.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { fill } from '../../i18n/fill.ts';
import { formatNumber, useT } from '../../i18n/locale.tsx';
import { type BoardRow, useDialogueBoard } from './api.ts';
import { YEARS } from './dialogue-words.ts';

const PER_PAGE = 20;

function DutyBadge({ row }: { row: BoardRow }) {
  const { t } = useT();
  return (
    <Badge color={row.dutyMet ? 'green' : 'red'} variant="light">
      {row.dutyMet ? t('dialogueBoardHeld') : t('dialogueBoardNotHeld')}
    </Badge>
  );
}

/**
 * The yearly duty commune by commune: each commune in force with its number of dialogue conferences
 * (and of dialogues of every kind) in the year, those with none first; search, sort, pages.
 */
export function DialogueBoard() {
  const { t } = useT();
  const isPhone = useIsPhone();
  const [year, setYear] = useState(todayInVietnam().slice(0, 4));
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const [sort, setSort] = useState('conferences');
  const [page, setPage] = useState(1);
  const [missing, setMissing] = useState(false);
  const { data, isPending } = useDialogueBoard({
    year: Number(year),
    q: debounced,
    sort,
    page,
    perPage: PER_PAGE,
    missing,
  });
  const { data: missingCount } = useDialogueBoard({
    year: Number(year),
    q: '',
    sort: 'conferences',
    page: 1,
    perPage: 1,
    missing: true,
  });
  const changeSort = (next: string) => {
    setSort(next);
    setPage(1);
  };
  return (
    <Stack>
      {data?.duty && (
        <Text size="sm" c="dimmed">
          {fill(t('dialogueBoardDuty'), { count: data.duty.perYear })} (
          {/* The law's own title, in Vietnamese whatever the reader's language. */}
          <span lang="vi">{data.duty.basis}</span>).
        </Text>
      )}
      {missingCount && missingCount.total > 0 && (
        <Alert color="orange" role="status">
          {fill(t('dialogueBoardMissingCount'), { count: formatNumber(missingCount.total), year })}
        </Alert>
      )}
      <Group align="flex-end" wrap="wrap">
        <Select
          aria-label={t('dialoguesYear')}
          data={YEARS}
          value={year}
          onChange={(value) => {
            setYear(value ?? year);
            setPage(1);
          }}
          allowDeselect={false}
          w={120}
        />
        <TextInput
          style={{ flex: 1, minWidth: 220 }}
          aria-label={t('dialogueBoardSearch')}
          placeholder={t('dialogueBoardSearch')}
          value={q}
          onChange={(event) => {
            setQ(event.currentTarget.value);
            setPage(1);
          }}
        />
        <Switch
          label={t('dialogueBoardMissingOnly')}
          checked={missing}
          onChange={(event) => {
            setMissing(event.currentTarget.checked);
            setPage(1);
          }}
        />
      </Group>
      {isPhone ? (
        <Stack gap="xs" aria-label={t('dialoguesTabBoard')}>
          {data?.items.map((row) => (
            <Card key={row.unitId} withBorder padding="sm" data-commune={row.unitId}>
              <Stack gap={4}>
                <Text fw={600}>{row.name}</Text>
                <DutyBadge row={row} />
                <Text size="sm">
                  {t('dialogueBoardConferences')}: {formatNumber(row.conferences)} ·{' '}
                  {t('dialogueBoardDialogues')}: {formatNumber(row.dialogues)}
                </Text>
                {row.lastHeldOn && (
                  <Text size="sm" c="dimmed">
                    {t('dialogueBoardLast')}: {formatDateVi(row.lastHeldOn)}
                  </Text>
                )}
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : (
        <ScrollTable striped withTableBorder aria-label={t('dialoguesTabBoard')} minWidth={760}>
          <Table.Thead>
            <Table.Tr>
              <SortHeader field="name" sort={sort} onSort={changeSort}>
                {t('dialogueBoardCommune')}
              </SortHeader>
              <SortHeader field="conferences" sort={sort} onSort={changeSort}>
                {t('dialogueBoardConferences')}
              </SortHeader>
              <SortHeader field="dialogues" sort={sort} onSort={changeSort}>
                {t('dialogueBoardDialogues')}
              </SortHeader>
              <Table.Th>{t('dialogueBoardLast')}</Table.Th>
              <Table.Th>{t('dialogueBoardState')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data?.items.map((row) => (
              <Table.Tr key={row.unitId} data-commune={row.unitId}>
                <Table.Td>{row.name}</Table.Td>
                <Table.Td>{formatNumber(row.conferences)}</Table.Td>
                <Table.Td>{formatNumber(row.dialogues)}</Table.Td>
                <Table.Td>{formatDateVi(row.lastHeldOn)}</Table.Td>
                <Table.Td>
                  <DutyBadge row={row} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {!isPending && data?.total === 0 && (
        <Text c="dimmed" ta="center">
          {t('dialogueBoardNone')}
        </Text>
      )}
      <ListFooter total={data?.total ?? 0} page={page} perPage={PER_PAGE} onPage={setPage} />
    </Stack>
  );
}
