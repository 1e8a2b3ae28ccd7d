import { Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { addDays, formatDateVi, todayInVietnam } from '../../../../core/text/dates.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { fill } from '../../i18n/fill.ts';
import { formatNumber, useT } from '../../i18n/locale.tsx';
import { useCompliance } from './api.ts';

/** The province's board: each unit with reception days, the periods short of the minimum, late publication, overdue notices. */
export function CompliancePanel({ onShow }: { onShow: (unitId: number) => void }) {
  const { t } = useT();
  const isPhone = useIsPhone();
  const today = todayInVietnam();
  const from = `${addDays(today, -92).slice(0, 8)}01`;
  const to = addDays(today, 31);
  const { data, isPending } = useCompliance({ from, to });
  const shortText = (periods: { per: string; from: string; to: string }[]) =>
    periods
      .map((period) =>
        period.per === 'week'
          ? fill(t('receptionWeekOf'), { from: formatDateVi(period.from), to: formatDateVi(period.to) })
          : fill(t('receptionMonthOf'), { month: formatDateVi(period.from).slice(3) }),
      )
      .join('; ');
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('receptionComplianceHelp')} ({formatDateVi(from)} – {formatDateVi(to)})
      </Text>
      {isPhone ? (
        <Stack gap="xs">
          {data?.units.map((unit) => (
            <Card key={unit.unitId} withBorder padding="sm" data-unit={unit.unitName}>
              <Stack gap={4}>
                <Text fw={600}>{unit.unitName}</Text>
                <Text size="sm">
                  {t('receptionHeld')} {formatNumber(unit.held)} · {t('receptionPlanned')}{' '}
                  {formatNumber(unit.planned)}
                </Text>
                <Text size="sm" c={unit.shortPeriods.length > 0 ? 'red' : undefined}>
                  {t('receptionShort')}: {formatNumber(unit.shortPeriods.length)}/{formatNumber(unit.periods)}
                </Text>
                <Text size="sm">
                  {t('receptionLate')} {formatNumber(unit.publishedLate)} · {t('receptionOverdueNotices')}{' '}
                  {formatNumber(unit.noticeOverdue)}
                </Text>
                <Group>
                  <Button size="xs" variant="default" onClick={() => onShow(unit.unitId)}>
                    {t('receptionShow')}
                  </Button>
                </Group>
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : (
        <ScrollTable striped withTableBorder aria-label={t('receptionCompliance')} minWidth={900}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('receptionUnit')}</Table.Th>
              <Table.Th>{t('receptionHeld')}</Table.Th>
              <Table.Th>{t('receptionPlanned')}</Table.Th>
              <Table.Th>{t('receptionShort')}</Table.Th>
              <Table.Th>{t('receptionLate')}</Table.Th>
              <Table.Th>{t('receptionOverdueNotices')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data?.units.map((unit) => (
              <Table.Tr key={unit.unitId} data-unit={unit.unitName}>
                <Table.Td>{unit.unitName}</Table.Td>
                <Table.Td>{formatNumber(unit.held)}</Table.Td>
                <Table.Td>{formatNumber(unit.planned)}</Table.Td>
                <Table.Td c={unit.shortPeriods.length > 0 ? 'red' : undefined}>
                  {formatNumber(unit.shortPeriods.length)}/{formatNumber(unit.periods)}
                  {unit.shortPeriods.length > 0 && (
                    <Text size="xs" c="dimmed">
                      {shortText(unit.shortPeriods)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{formatNumber(unit.publishedLate)}</Table.Td>
                <Table.Td c={unit.noticeOverdue > 0 ? 'red' : undefined}>
                  {formatNumber(unit.noticeOverdue)}
                </Table.Td>
                <Table.Td>
                  <Button size="xs" variant="default" onClick={() => onShow(unit.unitId)}>
                    {t('receptionShow')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {!isPending && data?.units.length === 0 && (
        <Text c="dimmed" ta="center">
          {t('receptionComplianceNone')}
        </Text>
      )}
    </Stack>
  );
}
