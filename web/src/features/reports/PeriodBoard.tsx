import {
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { REPORT_STATUS_NAMES } from '../../../../core/reports/report.ts';
import { formatDateVi } from '../../../../core/text/dates.ts';
import { matchesSearch } from '../../../../core/text/vietnamese.ts';
import { queryString } from '../../api/client.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { useT } from '../../i18n/locale.tsx';
import { hasPermission, useMe } from '../auth/session.ts';
import { SendRemindersButton } from '../notifications/SendRemindersButton.tsx';
import { type PeriodOverview, useOpenReport, usePeriodOverview } from './api.ts';
import { ChasingActions } from './ChasingActions.tsx';
import { CountsByType } from './CountsByType.tsx';
import { PeriodPicker } from './PeriodPicker.tsx';

/** The unit's head as the unit record has it: title and name, phone, e-mail; what is missing is said. */
function HeadContact({ head }: { head: PeriodOverview['units'][number]['head'] }) {
  const { t } = useT();
  return (
    <Stack gap={0}>
      <Text size="sm">
        {head.title && `${head.title} `}
        {head.name ?? (
          <Text span size="sm" c="dimmed">
            ({t('headNameMissing')})
          </Text>
        )}
      </Text>
      {(head.phone || head.email) && (
        <Text size="xs">
          {head.phone && <Anchor href={`tel:${head.phone.replace(/\s/g, '')}`}>{head.phone}</Anchor>}
          {head.phone && head.email && ' · '}
          {head.email && <Anchor href={`mailto:${head.email}`}>{head.email}</Anchor>}
        </Text>
      )}
    </Stack>
  );
}

/** The period board: each unit's report, the counts per unit type, and whom to chase. */
export function PeriodBoard() {
  const { t, locale } = useT();
  const { data: me } = useMe();
  const navigate = useNavigate();
  const [period, setPeriod] = useState('');
  const [q, setQ] = useState('');
  const [onlyToChase, setOnlyToChase] = useState(false);
  const { data } = usePeriodOverview(period);
  const shown = (data?.units ?? []).filter(
    (entry) => (!onlyToChase || entry.toChase) && matchesSearch(entry.unit.name, q.trim()),
  );
  const canWrite = hasPermission(me, 'reports.write');
  const openReport = useOpenReport();
  const open = (unitId: number) => openReport(unitId, period);
  const count = (label: string, value: number | undefined, color?: string) => (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" c={color}>
        {value ?? 0}
      </Text>
    </Card>
  );
  return (
    <Stack>
      <Group justify="space-between">
        <Group>
          <TextInput
            aria-label={t('searchUnits')}
            placeholder={t('searchUnits')}
            leftSection={<IconSearch size={16} />}
            value={q}
            onChange={(event) => setQ(event.currentTarget.value)}
            w={280}
          />
          <Checkbox
            label={t('onlyToChase')}
            checked={onlyToChase}
            onChange={(event) => setOnlyToChase(event.currentTarget.checked)}
          />
          {hasPermission(me, 'reports.review') && period && (
            <SendRemindersButton periodCode={period} units={shown} />
          )}
          {hasPermission(me, 'reports.review') && data && (
            <ChasingActions period={data.period} units={shown} />
          )}
          <Button
            component="a"
            variant="default"
            href={`/api/reports/board.xlsx${queryString({ period })}`}
            download
          >
            {t('downloadXlsx')}
          </Button>
        </Group>
        <PeriodPicker value={period} onChange={setPeriod} />
      </Group>
      {data && (
        <Text size="sm" c="dimmed">
          {t('dataWindow')}: {formatDateVi(data.period.dataFrom)} – {formatDateVi(data.period.dataTo)} ·{' '}
          {t('due')}: {formatDateVi(data.period.due)}
          {data.period.internalDue && ` · ${t('internalDue')}: ${formatDateVi(data.period.internalDue)}`}
        </Text>
      )}
      <SimpleGrid cols={{ base: 2, md: 5 }}>
        {count(t('expected'), data?.counts.total.expected)}
        {count(t('onTime'), data?.counts.total.onTime, 'green')}
        {count(t('late'), data?.counts.total.late, 'orange')}
        {count(t('missing'), data?.counts.total.missing, 'red')}
        {count(t('notYetDue'), data?.counts.total.pending)}
      </SimpleGrid>
      {data && <CountsByType counts={data.counts.byType} />}
      <ScrollTable withTableBorder striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('mappedUnit')}</Table.Th>
            <Table.Th>{t('status')}</Table.Th>
            <Table.Th>{t('submitted')}</Table.Th>
            <Table.Th>{t('head')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((entry) => (
            <Table.Tr key={entry.unit.id}>
              <Table.Td>{entry.unit.name}</Table.Td>
              <Table.Td>
                {entry.report ? (
                  <Badge variant="light" tt="none">
                    {REPORT_STATUS_NAMES[entry.report.status][locale]}
                  </Badge>
                ) : (
                  <Badge color="gray" variant="light" tt="none">
                    {t('notStarted')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td c={entry.report?.onTime === false ? 'orange' : undefined}>
                {entry.report?.submittedOn ? formatDateVi(entry.report.submittedOn) : '—'}
              </Table.Td>
              <Table.Td>
                <HeadContact head={entry.head} />
              </Table.Td>
              <Table.Td>
                {entry.report ? (
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() =>
                      navigate({ to: '/reports/$reportId', params: { reportId: String(entry.report?.id) } })
                    }
                  >
                    {t('openReport')}
                  </Button>
                ) : (
                  canWrite && (
                    <Button size="xs" variant="light" onClick={() => open(entry.unit.id)}>
                      {t('writeReport')}
                    </Button>
                  )
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
      {data && data.units.length === 0 && <Text c="dimmed">{t('boardNoUnitsOwed')}</Text>}
    </Stack>
  );
}
