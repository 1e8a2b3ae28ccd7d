import {
  Checkbox,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import {
  catalogueItemFormSchema,
  editCatalogueItemSchema,
} from '../../../../core/disclosures/disclosure-schemas.ts';
import { formatDateVi } from '../../../../core/text/dates.ts';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { notifySaved, useFieldErrors } from '../../components/form.ts';
import { useT } from '../../i18n/locale.tsx';
import { type CatalogueEntry, useSaveCatalogueItem } from './api.ts';
import { placeOptions } from './disclosure-words.ts';

/** One version of a rule edited in place, or a new version of its code from a later date. */
export function CatalogueItemDialog({
  item,
  isNew,
  onClose,
}: {
  item: CatalogueEntry;
  isNew: boolean;
  onClose: () => void;
}) {
  const { t, label } = useT();
  const [values, setValues] = useState({
    code: item.code,
    nameVi: item.nameVi,
    nameEn: item.nameEn,
    basis: item.basis,
    article: item.article,
    unitTypes: item.unitTypes,
    places: item.places as string[],
    periodKind: item.period.kind as string,
    periodDays: item.period.kind === 'days' ? item.period.days : 30,
    loudspeakerDays: item.loudspeakerDays,
    deadlineKind: item.deadline.kind as string,
    deadlineDays: item.deadline.days,
    validFrom: isNew ? '' : formatDateVi(item.validFrom),
    validTo: isNew ? '' : formatDateVi(item.validTo),
    unconfirmed: item.unconfirmed,
    note: item.note ?? '',
  });
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
  const { errors, formError, check, fail } = useFieldErrors();
  const save = useSaveCatalogueItem();
  const submit = () => {
    const { periodKind, periodDays, deadlineKind, deadlineDays, ...rest } = values;
    const body = {
      ...rest,
      period: periodKind === 'days' ? { kind: 'days', days: periodDays } : { kind: periodKind },
      deadline: { kind: deadlineKind, days: deadlineDays },
      ...(isNew ? {} : { version: item.version }),
    };
    if (!check(isNew ? catalogueItemFormSchema : editCatalogueItemSchema, body)) return;
    save.mutate(
      { id: isNew ? null : item.id, body },
      {
        onSuccess: () => {
          notifySaved(t('disclosuresSaved'));
          onClose();
        },
        onError: fail,
      },
    );
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={isNew ? t('disclosuresNewVersion') : t('disclosuresEditItem')}
      size="xl"
    >
      <Stack>
        <Text size="sm" c="dimmed">
          {t('disclosuresCode')}: {item.code}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('disclosuresNameVi')}
            value={values.nameVi}
            onChange={(event) => set('nameVi', event.currentTarget.value)}
            error={errors.nameVi}
            required
          />
          <TextInput
            label={t('disclosuresNameEn')}
            value={values.nameEn}
            onChange={(event) => set('nameEn', event.currentTarget.value)}
            error={errors.nameEn}
            required
          />
        </SimpleGrid>
        <Textarea
          label={t('disclosuresBasis')}
          value={values.basis}
          onChange={(event) => set('basis', event.currentTarget.value)}
          error={errors.basis}
          autosize
          required
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('disclosuresArticle')}
            value={values.article}
            onChange={(event) => set('article', event.currentTarget.value)}
            error={errors.article}
            required
          />
          <MultiSelect
            label={t('disclosuresUnitTypes')}
            data={[
              { value: 'commune', label: t('disclosuresCommune') },
              { value: 'department', label: t('disclosuresDepartment') },
              { value: 'province', label: t('disclosuresProvince') },
            ]}
            value={values.unitTypes}
            onChange={(value) => set('unitTypes', value)}
            error={errors.unitTypes}
          />
        </SimpleGrid>
        <MultiSelect
          label={t('disclosuresWhere')}
          data={placeOptions(label)}
          value={values.places}
          onChange={(value) => set('places', value)}
          error={errors.places}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('disclosuresPeriodKind')}
            data={[
              { value: 'days', label: t('disclosuresPeriodDays') },
              { value: 'permanent', label: t('disclosuresPermanent') },
              { value: 'plan_period', label: t('disclosuresPlanPeriod') },
            ]}
            value={values.periodKind}
            onChange={(value) => set('periodKind', value ?? 'days')}
            allowDeselect={false}
          />
          <NumberInput
            label={t('disclosuresPeriodDays')}
            value={values.periodDays}
            onChange={(value) => set('periodDays', typeof value === 'number' ? value : 30)}
            disabled={values.periodKind !== 'days'}
            min={1}
            allowDecimal={false}
            error={errors['period.days']}
          />
          <NumberInput
            label={t('disclosuresLoudspeakerDays')}
            value={values.loudspeakerDays ?? ''}
            onChange={(value) => set('loudspeakerDays', typeof value === 'number' ? value : null)}
            min={1}
            allowDecimal={false}
            error={errors.loudspeakerDays}
          />
          <Select
            label={t('disclosuresDeadlineKind')}
            data={[
              { value: 'workdays', label: t('disclosuresDeadlineWorkdays') },
              { value: 'days', label: t('disclosuresDeadlineDays') },
              { value: 'after_period_end', label: t('disclosuresDeadlineAfterPeriod') },
            ]}
            value={values.deadlineKind}
            onChange={(value) => set('deadlineKind', value ?? 'workdays')}
            allowDeselect={false}
          />
          <NumberInput
            label={t('disclosuresDeadlineN')}
            value={values.deadlineDays}
            onChange={(value) => set('deadlineDays', typeof value === 'number' ? value : 5)}
            min={1}
            allowDecimal={false}
            error={errors['deadline.days']}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('disclosuresValidFrom')}
            placeholder="dd/mm/yyyy"
            value={values.validFrom}
            onChange={(event) => set('validFrom', event.currentTarget.value)}
            error={errors.validFrom}
            required
          />
          <TextInput
            label={t('disclosuresValidTo')}
            placeholder="dd/mm/yyyy"
            value={values.validTo}
            onChange={(event) => set('validTo', event.currentTarget.value)}
            error={errors.validTo}
          />
        </SimpleGrid>
        <Checkbox
          label={t('disclosuresUnconfirmed')}
          checked={values.unconfirmed}
          onChange={(event) => set('unconfirmed', event.currentTarget.checked)}
        />
        <Textarea
          label={t('disclosuresItemNote')}
          value={values.note}
          onChange={(event) => set('note', event.currentTarget.value)}
          autosize
        />
        {formError && (
          <Text c="red" role="alert">
            {formError}
          </Text>
        )}
        <DialogFooter onClose={onClose} onSubmit={submit} isBusy={save.isPending} />
      </Stack>
    </Modal>
  );
}
