import { Alert, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { LETTER_TYPE } from '../../../../core/documents/register.ts';
import { takeNumberSchema } from '../../../../core/documents/register-schemas.ts';
import { DOCUMENT_TYPES } from '../../../../core/plans/document-number.ts';
import { parseDate } from '../../../../core/text/dates.ts';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { notifySaved, useFieldErrors } from '../../components/form.ts';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import { useTakeNumber } from './api.ts';

/**
 * "Lấy số": the type picked by its name (Kế hoạch, Công văn…, never a code), the trích yếu, the day
 * (empty: today), signer and recipients; a công văn names its drafting unit for its ký hiệu. Checked
 * with the server's schema; on a refusal the dialog stays open with everything typed.
 */
export function TakeNumberDialog({
  units,
  unitId: initialUnit,
  onClose,
}: {
  units: { value: string; label: string }[];
  unitId: string | null;
  onClose: () => void;
}) {
  const { t, locale } = useT();
  const take = useTakeNumber();
  const { errors, formError, check, fail } = useFieldErrors();
  const [unitId, setUnitId] = useState<string | null>(initialUnit);
  const [type, setType] = useState<string | null>('CV');
  const [title, setTitle] = useState('');
  const [issuedOn, setIssuedOn] = useState('');
  const [signerName, setSigner] = useState('');
  const [recipients, setRecipients] = useState('');
  const [drafter, setDrafter] = useState('');
  const types = DOCUMENT_TYPES.map((entry) => ({
    value: entry.abbr,
    label: locale === 'vi' ? entry.name : entry.en,
  }));

  const submit = async () => {
    const input = check(takeNumberSchema, {
      unitId: unitId === null ? undefined : Number(unitId),
      type: type ?? undefined,
      title,
      issuedOn: issuedOn.trim() === '' ? null : (parseDate(issuedOn) ?? issuedOn),
      signerName,
      recipients: recipients.split('\n'),
      drafter,
      sourceKind: 'other',
    });
    if (!input) return;
    try {
      const taken = await take.mutateAsync(input);
      notifySaved(fill(t('registerTaken'), { number: taken.number }));
      onClose();
    } catch (error) {
      fail(error);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('registerTakeTitle')} size="lg">
      <Stack>
        {units.length > 1 && (
          <Select
            label={t('registerUnit')}
            required
            data={units}
            value={unitId}
            onChange={setUnitId}
            searchable
            error={errors.unitId}
          />
        )}
        <Group grow wrap="wrap" align="flex-start">
          <Select
            label={t('registerType')}
            required
            data={types}
            value={type}
            onChange={setType}
            searchable
            allowDeselect={false}
            error={errors.type}
          />
          <TextInput
            label={t('registerDate')}
            placeholder="dd/mm/yyyy"
            description={t('registerDateHelp')}
            value={issuedOn}
            onChange={(event) => setIssuedOn(event.currentTarget.value)}
            error={errors.issuedOn}
          />
        </Group>
        <Textarea
          label={t('registerTitle')}
          required
          autosize
          minRows={2}
          value={title}
          onChange={(event) => setTitle(event.currentTarget.value)}
          error={errors.title}
        />
        {type === LETTER_TYPE && (
          <TextInput
            label={t('registerDrafter')}
            description={t('registerDrafterHelp')}
            value={drafter}
            onChange={(event) => setDrafter(event.currentTarget.value)}
            error={errors.drafter}
          />
        )}
        <TextInput
          label={t('registerSigner')}
          value={signerName}
          onChange={(event) => setSigner(event.currentTarget.value)}
          error={errors.signerName}
        />
        <Textarea
          label={t('registerRecipients')}
          description={t('registerRecipientsHelp')}
          autosize
          minRows={2}
          value={recipients}
          onChange={(event) => setRecipients(event.currentTarget.value)}
          error={errors.recipients}
        />
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <DialogFooter onClose={onClose} onSubmit={submit} isBusy={take.isPending} label={t('registerTake')} />
      </Stack>
    </Modal>
  );
}
