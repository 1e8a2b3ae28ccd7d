import { Alert, Badge, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { periodName } from '../../../../core/periods/period-names.ts';
import { formatDateVi } from '../../../../core/text/dates.ts';
import { ListFooter } from '../../components/ListFooter.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { SortHeader } from '../../components/SortHeader.tsx';
import { useT } from '../../i18n/locale.tsx';
import { useReviewQueue } from './api.ts';

const PER_PAGE = 20;

/** The coordinator's queue: reports sent and waiting for a decision, oldest first. */
export function ReviewQueue() {
  const { t, locale } = useT();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState('submittedAt');
  const { data } = useReviewQueue({ page, perPage: PER_PAGE, sort, q: debounced });
  const sortBy = (value: string) => {
    setSort(value);
    setPage(1);
  };
  return (
    <Stack>
      <Group>
        <TextInput
          aria-label={t('searchUnits')}
          placeholder={t('searchUnits')}
          leftSection={<IconSearch size={16} />}
          value={q}
          onChange={(event) => {
            setQ(event.currentTarget.value);
            setPage(1);
          }}
          w={280}
        />
      </Group>
      {data && data.total === 0 ? (
        <Alert color="gray">{t('queueEmpty')}</Alert>
      ) : (
        <ScrollTable withTableBorder striped highlightOnHover aria-label={t('reviewQueue')}>
          <Table.Thead>
            <Table.Tr>
              <SortHeader field="periodCode" sort={sort} onSort={sortBy}>
                {t('period')}
              </SortHeader>
              <SortHeader field="unit" sort={sort} onSort={sortBy}>
                {t('mappedUnit')}
              </SortHeader>
              <SortHeader field="submittedAt" sort={sort} onSort={sortBy}>
                {t('submitted')}
              </SortHeader>
              <Table.Th>{t('submittedBy')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data?.items.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td fw={600}>{periodName(item.period.code, locale)}</Table.Td>
                <Table.Td>{item.unit.name}</Table.Td>
                <Table.Td>
                  {formatDateVi(item.submittedOn)}{' '}
                  {item.onTime === false && (
                    <Badge color="orange" variant="light" tt="none">
                      {t('late')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{item.submittedBy ?? '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() =>
                      navigate({ to: '/reports/$reportId', params: { reportId: String(item.id) } })
                    }
                  >
                    {t('openReport')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {data && data.total > 0 && (
        <ListFooter total={data.total} page={page} perPage={PER_PAGE} onPage={setPage} />
      )}
    </Stack>
  );
}
