import {
  Badge,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { formatDateVi } from '../../../../core/text/dates.ts';
import { useAutosave } from '../../api/autosave.ts';
import { api } from '../../api/client.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ConflictDialog } from '../../components/ConflictDialog.tsx';
import { SaveState } from '../../components/SaveState.tsx';
import { useT } from '../../i18n/locale.tsx';
import { type ObligationDetail, type RecordEntry, useObligationChange } from './api.ts';
import { PLACE_COLORS, PLACE_STATUSES, placeOptions } from './disclosure-words.ts';

interface RecordValues {
  place: string;
  placeDetail: string;
  from: string;
  to: string;
  note: string;
}

const valuesOf = (record: {
  place: string;
  placeDetail: string | null;
  from: string;
  to: string | null;
  note?: string | null;
}): RecordValues => ({
  place: record.place,
  placeDetail: record.placeDetail ?? '',
  from: formatDateVi(record.from),
  to: formatDateVi(record.to),
  note: record.note ?? '',
});

/**
 * One disclosure (where, from, to, an internal note), saved as typed at the version it was read; a
 * conflict with another person's save shows both versions; removing it asks first.
 */
export function RecordRow({
  obligationId,
  record,
  canRecord,
}: {
  obligationId: number;
  record: RecordEntry;
  canRecord: boolean;
}) {
  const { t, label } = useT();
  const client = useQueryClient();
  const [values, setValues] = useState<RecordValues>(() => valuesOf(record));
  const version = useRef(record.version);
  const [isRemoving, setRemoving] = useState(false);
  const remove = useObligationChange(obligationId);
  const autosave = useAutosave<RecordValues>({
    save: async (value, { keepalive }) => {
      const saved = await api<{ version: number; obligation: ObligationDetail }>(
        'PUT',
        `/api/disclosures/records/${record.id}`,
        { ...value, version: version.current },
        { keepalive },
      );
      version.current = saved.version;
      client.setQueryData(['disclosures', 'item', obligationId], saved.obligation);
    },
    leaveMessage: t('saveLeaveUnsaved'),
    enabled: canRecord,
  });
  const change = (key: keyof RecordValues, value: string) => {
    const next = { ...values, [key]: value };
    setValues(next);
    autosave.schedule(next);
  };
  const labels = {
    place: t('disclosuresPlace'),
    placeDetail: t('disclosuresPlaceDetail'),
    from: t('disclosuresFrom'),
    to: t('disclosuresTo'),
    note: t('disclosuresNote'),
  };
  const fieldError = autosave.status === 'error' ? autosave.error?.fields : undefined;
  const errorOf = (field: string) => fieldError?.find((issue) => issue.path === field)?.message;
  return (
    <Card withBorder padding="sm" data-record={record.id}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            {record.status && (
              <Badge color={PLACE_COLORS[record.status]} variant="light">
                {label(PLACE_STATUSES[record.status])}
              </Badge>
            )}
            {record.late && (
              <Badge color="yellow" variant="light">
                {t('disclosuresLateMark')}
              </Badge>
            )}
            {record.requiredUntil && (
              <Text size="xs" c="dimmed">
                {t('disclosuresRequiredUntil')} {formatDateVi(record.requiredUntil)}
              </Text>
            )}
          </Group>
          <SaveState autosave={autosave} />
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 4 }}>
          <Select
            label={labels.place}
            data={placeOptions(label)}
            value={values.place}
            onChange={(value) => value && change('place', value)}
            allowDeselect={false}
            disabled={!canRecord}
            error={errorOf('place')}
          />
          <TextInput
            label={labels.placeDetail}
            value={values.placeDetail}
            onChange={(event) => change('placeDetail', event.currentTarget.value)}
            disabled={!canRecord}
            error={errorOf('placeDetail')}
          />
          <TextInput
            label={labels.from}
            placeholder="dd/mm/yyyy"
            value={values.from}
            onChange={(event) => change('from', event.currentTarget.value)}
            disabled={!canRecord}
            error={errorOf('from')}
          />
          <TextInput
            label={labels.to}
            placeholder="dd/mm/yyyy"
            description={t('disclosuresToHint')}
            value={values.to}
            onChange={(event) => change('to', event.currentTarget.value)}
            disabled={!canRecord}
            error={errorOf('to')}
          />
        </SimpleGrid>
        <Textarea
          label={labels.note}
          value={values.note}
          onChange={(event) => change('note', event.currentTarget.value)}
          disabled={!canRecord}
          autosize
          minRows={1}
        />
        {canRecord && (
          <Group justify="flex-end">
            <Button
              size="xs"
              variant="subtle"
              color="red"
              aria-haspopup="dialog"
              onClick={() => setRemoving(true)}
            >
              {t('disclosuresRemoveRecord')}
            </Button>
          </Group>
        )}
      </Stack>
      <ConfirmDialog
        opened={isRemoving}
        title={t('disclosuresRemoveRecord')}
        confirmLabel={t('disclosuresRemoveRecord')}
        danger
        isBusy={remove.isPending}
        error={remove.error?.message ?? null}
        onClose={() => setRemoving(false)}
        onConfirm={() =>
          remove.mutate(
            { method: 'DELETE', path: `/api/disclosures/records/${record.id}?version=${version.current}` },
            { onSuccess: () => setRemoving(false) },
          )
        }
      >
        <Text>{t('disclosuresRemoveRecordText')}</Text>
      </ConfirmDialog>
      <ConflictDialog
        conflict={autosave.conflict}
        mine={autosave.unsaved as Record<string, unknown> | null}
        labels={labels}
        onKeepMine={(current) => {
          version.current = current.version;
          void autosave.retry();
        }}
        onTakeTheirs={(current) => {
          autosave.discard();
          version.current = current.version;
          const theirs = current.record as Parameters<typeof valuesOf>[0] | null;
          if (theirs) setValues(valuesOf(theirs));
        }}
      />
    </Card>
  );
}
