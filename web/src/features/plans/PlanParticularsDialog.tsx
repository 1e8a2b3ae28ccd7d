import { Alert, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { formatDateVi, parseDate } from '../../../../core/text/dates.ts';
import { conflictOf } from '../../api/autosave.ts';
import { ApiError } from '../../api/client.ts';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { useT } from '../../i18n/locale.tsx';
import { type PlanDetail, useUpdatePlan } from './api.ts';

/** The document's particulars once it is issued: number and symbol, date, place, signer, title. */
export function PlanParticularsDialog({ plan, onClose }: { plan: PlanDetail; onClose: () => void }) {
  const { t } = useT();
  const update = useUpdatePlan(plan.id);
  const [number, setNumber] = useState(plan.number ?? '');
  const [issuedOn, setIssuedOn] = useState(formatDateVi(plan.issuedOn));
  const [place, setPlace] = useState(plan.place ?? '');
  const [signer, setSigner] = useState(plan.signer ?? '');
  const [title, setTitle] = useState(plan.title);
  const [error, setError] = useState<ApiError | null>(null);
  const fieldError = (path: string) => error?.fields.find((field) => field.path === path)?.message;

  const save = async () => {
    setError(null);
    try {
      await update.mutateAsync({
        number: number || null,
        issuedOn: issuedOn ? (parseDate(issuedOn) ?? issuedOn) : null,
        place: place || null,
        signer: signer || null,
        title,
        version: plan.version,
      });
      onClose();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'INTERNAL', String(caught)));
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('editParticulars')} size="lg">
      <Stack>
        <Group grow>
          <TextInput
            label={t('documentNumber')}
            placeholder="12/KH-UBND"
            value={number}
            onChange={(event) => setNumber(event.currentTarget.value)}
            error={fieldError('number')}
          />
          <TextInput
            label={t('issuedOn')}
            placeholder="dd/mm/yyyy"
            value={issuedOn}
            onChange={(event) => setIssuedOn(event.currentTarget.value)}
            error={fieldError('issuedOn')}
          />
        </Group>
        <Group grow>
          <TextInput
            label={t('placeOfIssue')}
            value={place}
            onChange={(event) => setPlace(event.currentTarget.value)}
            error={fieldError('place')}
          />
          <TextInput
            label={t('signer')}
            value={signer}
            onChange={(event) => setSigner(event.currentTarget.value)}
            error={fieldError('signer')}
          />
        </Group>
        <Textarea
          label={t('titleSummary')}
          autosize
          minRows={2}
          value={title}
          onChange={(event) => setTitle(event.currentTarget.value)}
          error={fieldError('title')}
        />
        {error && error.fields.length === 0 && (
          <Alert color="red" role="alert">
            {conflictOf(error) ? t('particularsConflict') : error.message}
          </Alert>
        )}
        <DialogFooter onClose={onClose} onSubmit={() => void save()} isBusy={update.isPending} />
      </Stack>
    </Modal>
  );
}
