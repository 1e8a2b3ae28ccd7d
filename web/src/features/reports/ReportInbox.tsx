import { Alert, Badge, Button, Table, Text } from '@mantine/core';
import { periodName } from '../../../../core/periods/period-names.ts';
import { REPORT_STATUS_NAMES } from '../../../../core/reports/report.ts';
import { formatDateVi } from '../../../../core/text/dates.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { useT } from '../../i18n/locale.tsx';
import { useInbox, useOpenReport } from './api.ts';

/** The unit's inbox: the reports falling due around today, those still to write first. */
export function ReportInbox() {
  const { t, locale } = useT();
  const { data } = useInbox();
  const open = useOpenReport();
  if (data && data.items.length === 0) return <Alert color="gray">{t('inboxEmpty')}</Alert>;
  return (
    <ScrollTable withTableBorder striped highlightOnHover aria-label={t('inbox')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('period')}</Table.Th>
          <Table.Th>{t('mappedUnit')}</Table.Th>
          <Table.Th>{t('dataWindow')}</Table.Th>
          <Table.Th>{t('due')}</Table.Th>
          <Table.Th>{t('status')}</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {data?.items.map((item) => (
          <Table.Tr key={`${item.unit.id}:${item.period.code}`}>
            <Table.Td fw={600}>{periodName(item.period.code, locale)}</Table.Td>
            <Table.Td>{item.unit.name}</Table.Td>
            <Table.Td>
              {formatDateVi(item.period.dataFrom)} – {formatDateVi(item.period.dataTo)}
            </Table.Td>
            <Table.Td c={item.overdue ? 'red' : undefined}>
              {formatDateVi(item.period.deadline)}
              {item.period.internalDue && (
                <Text span size="xs" c="dimmed">
                  {' '}
                  ({t('internalDue').toLocaleLowerCase('vi')})
                </Text>
              )}
              {item.overdue && (
                <Badge ml="xs" color="red" variant="light" tt="none">
                  {t('overdue')}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>
              <Badge variant="light" color={item.report ? undefined : 'gray'} tt="none">
                {item.report ? REPORT_STATUS_NAMES[item.report.status][locale] : t('notStarted')}
              </Badge>
              {item.report?.status === 'returned' && item.report.reason && (
                <Text size="xs" c="orange">
                  {item.report.reason}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Button
                size="xs"
                variant={item.toWrite || item.awaitingHead ? 'filled' : 'light'}
                onClick={() => open(item.unit.id, item.period.code)}
              >
                {item.toWrite ? t('writeReport') : t('openReport')}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}
