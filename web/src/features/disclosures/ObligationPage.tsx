import { Alert, Anchor, Badge, Button, Card, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { formatDateVi } from '../../../../core/text/dates.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import { type ObligationDetail, useObligation, useObligationChange } from './api.ts';
import {
  DISCLOSURE_PLACES,
  deadlineInWords,
  PLACE_COLORS,
  PLACE_STATUSES,
  periodInWords,
} from './disclosure-words.ts';
import { FilesCard } from './FilesCard.tsx';
import { ObligationForm } from './ObligationForm.tsx';
import { PublicationCard } from './PublicationCard.tsx';
import { RecordRow } from './RecordRow.tsx';
import { StatusBadge } from './RegisterPanel.tsx';

function RuleCard({ obligation }: { obligation: ObligationDetail }) {
  const { t, label } = useT();
  const { rule } = obligation;
  if (!rule) return null;
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Group gap="xs">
          <Title order={3} size="h4">
            {t('disclosuresRule')}
          </Title>
          {rule.unconfirmed && (
            <Badge color="orange" variant="light">
              {t('disclosuresUnconfirmed')}
            </Badge>
          )}
        </Group>
        <Text size="sm">
          {t('disclosuresBasis')}: <span lang="vi">{rule.basis}</span>
        </Text>
        <Text size="sm">
          {t('disclosuresHowLong')}: {label(periodInWords(rule.period))}
          {rule.loudspeakerDays ? `; ${fill(t('disclosuresLoudspeaker'), { n: rule.loudspeakerDays })}` : ''}
        </Text>
        <Text size="sm">
          {t('disclosuresDeadline')}: {label(deadlineInWords(rule.deadline))} →{' '}
          <strong>{obligation.due ? formatDateVi(obligation.due) : t('disclosuresNoDue')}</strong>
        </Text>
        {rule.note && (
          <Text size="sm" c="dimmed" lang="vi">
            {rule.note}
          </Text>
        )}
        <ScrollTable withTableBorder minWidth={0} aria-label={t('disclosuresPlaces')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('disclosuresWhere')}</Table.Th>
              <Table.Th>{t('disclosuresStatus')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {obligation.places.map((place) => (
              <Table.Tr key={place.place} data-place={place.place}>
                <Table.Td>{label(DISCLOSURE_PLACES[place.place])}</Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <Badge color={PLACE_COLORS[place.status]} variant="light" miw="max-content">
                      {label(PLACE_STATUSES[place.status])}
                    </Badge>
                    {place.late && (
                      <Badge color="yellow" variant="light">
                        {t('disclosuresLateMark')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      </Stack>
    </Card>
  );
}

function RecordsCard({ obligation }: { obligation: ObligationDetail }) {
  const { t } = useT();
  const add = useObligationChange(obligation.id);
  const today = formatDateVi(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10));
  const first = obligation.places.find((place) => place.status === 'missing' || place.status === 'not_due');
  return (
    <Card withBorder>
      <Stack>
        <Title order={3} size="h4">
          {t('disclosuresPlaces')}
        </Title>
        {obligation.recordList.length === 0 && <Text c="dimmed">{t('disclosuresNone')}</Text>}
        {obligation.recordList.map((record) => (
          <RecordRow
            key={record.id}
            obligationId={obligation.id}
            record={record}
            canRecord={obligation.canRecord}
          />
        ))}
        {add.error && (
          <Text c="red" role="alert">
            {add.error.message}
          </Text>
        )}
        {obligation.canRecord && (
          <Group>
            <Button
              variant="light"
              loading={add.isPending}
              onClick={() =>
                add.mutate({
                  method: 'POST',
                  path: `/api/disclosures/${obligation.id}/records`,
                  body: { place: first?.place ?? 'office', from: today },
                })
              }
            >
              {t('disclosuresAddRecord')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

/**
 * The form starts again from what is stored when the document's fields change (a save, another's edit),
 * not when only the version moves (put on the public page): typed edits are not lost to the switch.
 */
const formKey = (obligation: ObligationDetail) =>
  JSON.stringify([
    obligation.itemCode,
    obligation.title,
    obligation.decisionNumber,
    obligation.decisionDate,
    obligation.periodFrom,
    obligation.periodTo,
    obligation.documentUrl,
  ]);

/**
 * One obligation: whether it is on the public page, the rule that applies and each place's status,
 * where and when it was disclosed, its document.
 */
export function ObligationPage() {
  const { t, label } = useT();
  const navigate = useNavigate();
  const { obligationId } = useParams({ strict: false }) as { obligationId: string };
  const { data: obligation, isPending, error } = useObligation(Number(obligationId));
  const remove = useObligationChange(Number(obligationId));
  const [isDeleting, setDeleting] = useState(false);
  if (isPending) return <Loader aria-label={t('loading')} />;
  if (error || !obligation)
    return (
      <Alert color="red" role="alert">
        {error?.message}
      </Alert>
    );
  return (
    <Stack>
      <Anchor renderRoot={(props) => <Link {...props} to="/disclosures" />}>← {t('disclosures')}</Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={2}>{obligation.title}</Title>
          <Text c="dimmed">
            {obligation.unitName} · {obligation.itemName ? label(obligation.itemName) : obligation.itemCode}
          </Text>
        </Stack>
        <StatusBadge status={obligation.status} />
      </Group>
      <PublicationCard obligation={obligation} />
      <RuleCard obligation={obligation} />
      <RecordsCard obligation={obligation} />
      <ObligationForm key={formKey(obligation)} obligation={obligation} />
      <FilesCard obligation={obligation} />
      {obligation.canRecord && (
        <Group justify="flex-end">
          <Button variant="subtle" color="red" aria-haspopup="dialog" onClick={() => setDeleting(true)}>
            {t('disclosuresDelete')}
          </Button>
        </Group>
      )}
      <ConfirmDialog
        opened={isDeleting}
        title={t('disclosuresDelete')}
        confirmLabel={t('disclosuresDelete')}
        danger
        isBusy={remove.isPending}
        error={remove.error?.message ?? null}
        onClose={() => setDeleting(false)}
        onConfirm={() =>
          remove.mutate(
            { method: 'DELETE', path: `/api/disclosures/${obligation.id}?version=${obligation.version}` },
            { onSuccess: () => navigate({ to: '/disclosures' }) },
          )
        }
      >
        <Text>{fill(t('disclosuresDeleteText'), { n: obligation.recordList.length })}</Text>
      </ConfirmDialog>
    </Stack>
  );
}
