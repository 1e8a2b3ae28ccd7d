import { Alert, Button, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ListFooter } from '../../components/ListFooter.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { fill } from '../../i18n/fill.ts';
import { formatDateTimeVi, useT } from '../../i18n/locale.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { hasPermission, useMe } from '../auth/session.ts';
import { type HeldOut, type SurveyArea, useHeldOut, useSetExclusion } from './results-api.ts';

/** The responses not counted, with why (a flag on arrival or a coordinator's words), and "Tính lại". */
export function HeldOutResponses({ surveyId, area }: { surveyId: number; area: SurveyArea }) {
  const { t, label } = useT();
  const { data: me } = useMe();
  const [page, setPage] = useState(1);
  const { data, error } = useHeldOut(surveyId, { ...area, page });
  const restore = useSetExclusion(surveyId);
  const [restoring, setRestoring] = useState<HeldOut | null>(null);
  const canRestore = hasPermission(me, 'surveys.manage');
  return (
    <Stack gap="xs" component="section" aria-labelledby="survey-held-out">
      <Title order={3} size="h4" id="survey-held-out">
        {t('surveyHeldOut')}
      </Title>
      {error && (
        <Alert color="red" role="alert">
          {error.message}
        </Alert>
      )}
      {data && data.total === 0 ? (
        <Text size="sm" c="dimmed">
          {t('surveyHeldOutNone')}
        </Text>
      ) : (
        <ScrollTable minWidth={640} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('unit')}</Table.Th>
              <Table.Th>{t('surveyHoldOutReason')}</Table.Th>
              <Table.Th>{t('surveyAnswers')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data?.items.map((row) => (
              <Table.Tr key={row.responseId}>
                <Table.Td>
                  {row.unitName}
                  <Text size="xs" c="dimmed">
                    {t(`surveySource${row.source}` as MessageKey)} ·{' '}
                    {formatDateTimeVi(row.answeredAt).slice(0, 10)}
                  </Text>
                </Table.Td>
                <Table.Td>{label(row.reasonText)}</Table.Td>
                <Table.Td>{row.answers}</Table.Td>
                <Table.Td>
                  {canRestore && (
                    <Button size="compact-sm" variant="light" onClick={() => setRestoring(row)}>
                      {t('surveyRestore')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {data && data.total > data.perPage && (
        <ListFooter total={data.total} page={data.page} perPage={data.perPage} onPage={setPage} />
      )}
      <ConfirmDialog
        opened={restoring !== null}
        title={t('surveyRestoreTitle')}
        confirmLabel={t('surveyRestore')}
        isBusy={restore.isPending}
        error={restore.error?.message ?? null}
        onClose={() => setRestoring(null)}
        onConfirm={() =>
          restoring &&
          restore.mutate(
            { responseId: restoring.responseId, reason: null },
            { onSuccess: () => setRestoring(null) },
          )
        }
      >
        {fill(t('surveyRestoreText'), { unit: restoring?.unitName ?? '' })}
      </ConfirmDialog>
    </Stack>
  );
}
