import {
  type ComboboxItem,
  Modal,
  type OptionsFilter,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { createObligationSchema } from '../../../../core/disclosures/disclosure-schemas.ts';
import { todayInVietnam } from '../../../../core/text/dates.ts';
import { matchesSearch } from '../../../../core/text/vietnamese.ts';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { useFieldErrors } from '../../components/form.ts';
import { useT } from '../../i18n/locale.tsx';
import { useMe } from '../auth/session.ts';
import { UnitPicker } from '../units/UnitPicker.tsx';
import { useCatalogue, useCreateObligation } from './api.ts';

/** Items found by their name typed with or without diacritics. */
const byName: OptionsFilter = ({ options, search }) =>
  (options as ComboboxItem[]).filter((option) => matchesSearch(option.label, search));

/** Records what a unit must disclose (the item, the document, the period), then opens it to record where and when. */
export function NewObligationDialog({ onClose }: { onClose: () => void }) {
  const { t, label } = useT();
  const { data: me } = useMe();
  const navigate = useNavigate();
  const { data: catalogue } = useCatalogue();
  const own = (me?.grants ?? []).find((grant) => grant.unitId !== null);
  const [values, setValues] = useState({
    unitId: own?.unitId ? String(own.unitId) : null,
    itemCode: null as string | null,
    title: '',
    decisionNumber: '',
    decisionDate: '',
    periodFrom: '',
    periodTo: '',
    documentUrl: '',
  });
  const set = (key: keyof typeof values) => (value: string | null) =>
    setValues((current) => ({ ...current, [key]: value }));
  const { errors, formError, check, fail } = useFieldErrors();
  const create = useCreateObligation();
  const today = todayInVietnam();
  // One choice per code: the version in force today names it.
  const items = (catalogue ?? []).filter(
    (item) => item.validFrom <= today && (item.validTo === null || item.validTo >= today),
  );
  const submit = () => {
    const body = { ...values, unitId: values.unitId ? Number(values.unitId) : undefined };
    if (!check(createObligationSchema, body)) return;
    create.mutate(body, {
      onSuccess: (detail) =>
        navigate({ to: '/disclosures/$obligationId', params: { obligationId: String(detail.id) } }),
      onError: fail,
    });
  };
  return (
    <Modal opened onClose={onClose} title={t('disclosuresNew')} size="lg">
      <Stack>
        <UnitPicker
          label={t('disclosuresUnit')}
          value={values.unitId}
          onChange={set('unitId')}
          selectedLabel={own?.unitName ?? undefined}
          error={errors.unitId}
        />
        <Select
          label={t('disclosuresItem')}
          data={items.map((item) => ({
            value: item.code,
            label: label({ vi: item.nameVi, en: item.nameEn }),
          }))}
          value={values.itemCode}
          onChange={set('itemCode')}
          searchable
          filter={byName}
          error={errors.itemCode}
          required
        />
        <TextInput
          label={t('disclosuresTitle')}
          value={values.title}
          onChange={(event) => set('title')(event.currentTarget.value)}
          error={errors.title}
          maxLength={500}
          required
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('disclosuresDecisionNumber')}
            value={values.decisionNumber}
            onChange={(event) => set('decisionNumber')(event.currentTarget.value)}
            error={errors.decisionNumber}
          />
          <TextInput
            label={t('disclosuresDecisionDate')}
            placeholder="dd/mm/yyyy"
            value={values.decisionDate}
            onChange={(event) => set('decisionDate')(event.currentTarget.value)}
            error={errors.decisionDate}
            required
          />
          <TextInput
            label={t('disclosuresPeriodFrom')}
            placeholder="dd/mm/yyyy"
            value={values.periodFrom}
            onChange={(event) => set('periodFrom')(event.currentTarget.value)}
            error={errors.periodFrom}
          />
          <TextInput
            label={t('disclosuresPeriodTo')}
            placeholder="dd/mm/yyyy"
            description={t('disclosuresPeriodHint')}
            value={values.periodTo}
            onChange={(event) => set('periodTo')(event.currentTarget.value)}
            error={errors.periodTo}
          />
        </SimpleGrid>
        <TextInput
          label={t('disclosuresDocumentUrl')}
          placeholder="https://"
          value={values.documentUrl}
          onChange={(event) => set('documentUrl')(event.currentTarget.value)}
          error={errors.documentUrl}
        />
        {formError && (
          <Text c="red" role="alert">
            {formError}
          </Text>
        )}
        <DialogFooter
          onClose={onClose}
          onSubmit={submit}
          isBusy={create.isPending}
          label={t('disclosuresNew')}
        />
      </Stack>
    </Modal>
  );
}
