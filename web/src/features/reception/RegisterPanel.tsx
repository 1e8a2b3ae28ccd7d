import { Button, Card, Checkbox, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { ENTRY_KINDS } from '../../../../core/reception/labels.ts';
import { formatDateVi, todayInVietnam } from '../../../../core/text/dates.ts';
import { queryString } from '../../api/client.ts';
import { ListFooter } from '../../components/ListFooter.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { SortHeader } from '../../components/SortHeader.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { useT } from '../../i18n/locale.tsx';
import { type Entry, useEntries } from './api.ts';
import { EntryDialog } from './EntryDialog.tsx';
import { EntryActions, GroupState, NoticeState, PetitionState, ReferralState } from './EntryLine.tsx';

const PER_PAGE = 20;

const excerpt = (text: string) => (text.length > 140 ? `${text.slice(0, 140)}…` : text);

/**
 * The unit's register of a year: search without diacritics, sort by number, day, name or notice due,
 * pages, only the lines whose notice is overdue; the year as .xlsx; add and edit lines.
 */
export function RegisterPanel({ unitId, canHandle }: { unitId: number; canHandle: boolean }) {
  const { t, label } = useT();
  const isPhone = useIsPhone();
  const thisYear = Number(todayInVietnam().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const [sort, setSort] = useState('-number');
  const [page, setPage] = useState(1);
  const [overdue, setOverdue] = useState(false);
  const [editing, setEditing] = useState<Entry | 'new' | null>(null);
  const { data, isPending } = useEntries({
    unitId,
    year,
    q: debounced,
    sort,
    page,
    perPage: PER_PAGE,
    ...(overdue && { overdue: true }),
  });
  const changeSort = (next: string) => {
    setSort(next);
    setPage(1);
  };

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('receptionNoticeHelp')}
      </Text>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          style={{ flex: 1, minWidth: 220 }}
          aria-label={t('receptionRegisterSearch')}
          placeholder={t('receptionRegisterSearch')}
          value={q}
          onChange={(event) => {
            setQ(event.currentTarget.value);
            setPage(1);
          }}
        />
        <Select
          aria-label={t('receptionYear')}
          data={[thisYear, thisYear - 1, thisYear - 2].map((value) => String(value))}
          value={String(year)}
          onChange={(value) => {
            setYear(Number(value ?? thisYear));
            setPage(1);
          }}
          allowDeselect={false}
          w={100}
        />
        <Checkbox
          label={t('receptionOnlyOverdue')}
          checked={overdue}
          onChange={(event) => {
            setOverdue(event.currentTarget.checked);
            setPage(1);
          }}
        />
        <Button
          component="a"
          variant="default"
          href={`/api/reception/entries/export.xlsx${queryString({ unitId, year, q: debounced, sort: sort.replace(/^-/, '') })}`}
          download
        >
          {t('downloadXlsx')}
        </Button>
        {canHandle && (
          <Button aria-haspopup="dialog" onClick={() => setEditing('new')}>
            {t('receptionEntryAdd')}
          </Button>
        )}
      </Group>
      {isPhone ? (
        <Stack gap="xs" aria-label={t('receptionTabRegister')}>
          {data?.items.map((entry) => (
            <Card key={entry.id} withBorder padding="sm" data-entry={entry.number}>
              <Stack gap={4}>
                <Text fw={600}>
                  {entry.number} · {entry.citizenName}
                </Text>
                <Text size="sm" c="dimmed">
                  {formatDateVi(entry.receivedOn)} · {label(ENTRY_KINDS[entry.kind])}
                </Text>
                <Text size="sm" lineClamp={2}>
                  {entry.content}
                </Text>
                <GroupState entry={entry} />
                <NoticeState entry={entry} />
                <ReferralState entry={entry} />
                <PetitionState entry={entry} />
                {canHandle && <EntryActions entry={entry} onEdit={() => setEditing(entry)} />}
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : (
        <ScrollTable striped withTableBorder aria-label={t('receptionTabRegister')} minWidth={1000}>
          <Table.Thead>
            <Table.Tr>
              <SortHeader field="number" sort={sort} onSort={changeSort}>
                {t('receptionNumber')}
              </SortHeader>
              <SortHeader field="receivedOn" sort={sort} onSort={changeSort}>
                {t('receptionDay')}
              </SortHeader>
              <SortHeader field="citizenName" sort={sort} onSort={changeSort}>
                {t('receptionCitizen')}
              </SortHeader>
              <Table.Th>{t('receptionEntryKind')}</Table.Th>
              <Table.Th>{t('receptionContent')}</Table.Th>
              <SortHeader field="noticeDueOn" sort={sort} onSort={changeSort}>
                {t('receptionNoticeDue')}
              </SortHeader>
              <Table.Th>{t('receptionPetitionOf')}</Table.Th>
              {canHandle && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data?.items.map((entry) => (
              <Table.Tr key={entry.id} data-entry={entry.number}>
                <Table.Td>{entry.number}</Table.Td>
                <Table.Td>{formatDateVi(entry.receivedOn)}</Table.Td>
                <Table.Td>
                  {entry.citizenName}
                  <GroupState entry={entry} />
                </Table.Td>
                <Table.Td>{label(ENTRY_KINDS[entry.kind])}</Table.Td>
                <Table.Td>{excerpt(entry.content)}</Table.Td>
                <Table.Td>
                  <NoticeState entry={entry} />
                  <ReferralState entry={entry} />
                </Table.Td>
                <Table.Td>
                  <PetitionState entry={entry} />
                </Table.Td>
                {canHandle && (
                  <Table.Td>
                    <EntryActions entry={entry} onEdit={() => setEditing(entry)} />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {!isPending && data?.total === 0 && (
        <Text c="dimmed" ta="center">
          {t('receptionRegisterNone')}
        </Text>
      )}
      <ListFooter total={data?.total ?? 0} page={page} perPage={PER_PAGE} onPage={setPage} />
      {editing && (
        <EntryDialog
          unitId={unitId}
          sessionId={null}
          entry={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}
