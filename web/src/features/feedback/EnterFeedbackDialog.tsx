import {
  Alert,
  Checkbox,
  type ComboboxItem,
  Group,
  Modal,
  Select,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import {
  FEEDBACK_CHANNELS,
  STAFF_CHANNELS,
  staffEntrySchema,
} from '../../../../core/feedback/feedback-schemas.ts';
import { FEEDBACK_KIND_CODES, FEEDBACK_KINDS } from '../../../../core/feedback/kinds.ts';
import { parseDate } from '../../../../core/text/dates.ts';
import { matchesSearch } from '../../../../core/text/vietnamese.ts';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { notifySaved, useFieldErrors } from '../../components/form.ts';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import { useEnterFeedback, useFeedbackChoices } from './api.ts';

/**
 * "Nhập phản ánh": what reached the unit by hotline, on paper, on the Zalo page, through the national
 * portal or in person, entered by staff with its channel (required) and the day it arrived.
 */
export function EnterFeedbackDialog({ onClose }: { onClose: () => void }) {
  const { t, locale, label } = useT();
  const navigate = useNavigate();
  const { data: choices } = useFeedbackChoices();
  const enter = useEnterFeedback();
  const { errors, formError, check, fail } = useFieldErrors();
  const [channel, setChannel] = useState<string | null>(null);
  const [receivedOn, setReceivedOn] = useState('');
  const [kind, setKind] = useState<string>('pakn_general');
  const [categoryCode, setCategory] = useState<string | null>(null);
  const [communeCode, setCommune] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [placeText, setPlace] = useState('');
  const [citizenName, setCitizenName] = useState('');
  const [contactPhone, setPhone] = useState('');
  const [contactEmail, setEmail] = useState('');
  const [contactAddress, setAddress] = useState('');
  const [publishName, setPublishName] = useState(false);
  const [signed, setSigned] = useState(false);
  const [mixed, setMixed] = useState(false);

  const save = async () => {
    const input = check(staffEntrySchema, {
      channel: channel ?? undefined,
      receivedOn: receivedOn.trim() ? (parseDate(receivedOn) ?? receivedOn) : undefined,
      kind,
      categoryCode: categoryCode ?? '',
      communeCode: communeCode ?? '',
      text,
      placeText,
      citizenName,
      contactPhone,
      contactEmail,
      contactAddress,
      publishName,
      signed,
      mixed,
    });
    if (!input) return;
    try {
      const saved = await enter.mutateAsync(input);
      notifySaved(fill(t('feedbackEntered'), { code: saved.code }));
      onClose();
      await navigate({ to: '/feedback/$feedbackId', params: { feedbackId: String(saved.id) } });
    } catch (error) {
      fail(error);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('feedbackEnter')} size="lg">
      <Stack>
        <Alert color="gray">{t('feedbackEnterHelp')}</Alert>
        <Group grow wrap="wrap">
          <Select
            label={t('feedbackChannel')}
            placeholder={t('feedbackChannelPick')}
            required
            data={STAFF_CHANNELS.map((value) => ({ value, label: label(FEEDBACK_CHANNELS[value]) }))}
            value={channel}
            onChange={setChannel}
            error={errors.channel}
          />
          <TextInput
            label={t('feedbackReceivedOn')}
            placeholder="dd/mm/yyyy"
            value={receivedOn}
            onChange={(event) => setReceivedOn(event.currentTarget.value)}
            error={errors.receivedOn}
          />
        </Group>
        <Select
          label={t('feedbackKind')}
          required
          data={FEEDBACK_KIND_CODES.map((value) => ({ value, label: label(FEEDBACK_KINDS[value]) }))}
          value={kind}
          onChange={(value) => setKind(value ?? 'pakn_general')}
          allowDeselect={false}
          error={errors.kind}
        />
        <Group grow wrap="wrap">
          <Select
            label={t('feedbackCategory')}
            required
            data={(choices?.categories ?? []).map((c) => ({ value: c.code, label: c[locale] }))}
            value={categoryCode}
            onChange={setCategory}
            error={errors.categoryCode}
          />
          <Select
            label={t('feedbackCommune')}
            required
            searchable
            // Diacritics optional: "pho hien" finds Phường Phố Hiến.
            filter={({ options, search }) =>
              (options as ComboboxItem[]).filter((option) => matchesSearch(option.label, search))
            }
            limit={50}
            data={(choices?.communes ?? []).map((c) => ({ value: c.code, label: c.name }))}
            value={communeCode}
            onChange={setCommune}
            error={errors.communeCode}
          />
        </Group>
        <Textarea
          label={t('feedbackText')}
          required
          autosize
          minRows={4}
          maxLength={5000}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          error={errors.text}
        />
        <TextInput
          label={t('feedbackPlace')}
          description={t('feedbackPlaceHint')}
          maxLength={300}
          value={placeText}
          onChange={(event) => setPlace(event.currentTarget.value)}
          error={errors.placeText}
        />
        <Group grow wrap="wrap">
          <TextInput
            label={t('feedbackSenderName')}
            value={citizenName}
            onChange={(event) => setCitizenName(event.currentTarget.value)}
            error={errors.citizenName}
          />
          <TextInput
            label={t('feedbackPhone')}
            value={contactPhone}
            onChange={(event) => setPhone(event.currentTarget.value)}
            error={errors.contactPhone}
          />
        </Group>
        <Group grow wrap="wrap">
          <TextInput
            label={t('feedbackEmail')}
            value={contactEmail}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={errors.contactEmail}
          />
          <TextInput
            label={t('feedbackAddress')}
            value={contactAddress}
            onChange={(event) => setAddress(event.currentTarget.value)}
            error={errors.contactAddress}
          />
        </Group>
        <Checkbox
          label={t('feedbackPublishName')}
          checked={publishName}
          onChange={(event) => setPublishName(event.currentTarget.checked)}
        />
        <Checkbox
          label={t('feedbackSigned')}
          checked={signed}
          onChange={(event) => setSigned(event.currentTarget.checked)}
        />
        <Checkbox
          label={t('feedbackMixed')}
          checked={mixed}
          onChange={(event) => setMixed(event.currentTarget.checked)}
        />
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <DialogFooter
          onClose={onClose}
          onSubmit={() => void save()}
          isBusy={enter.isPending}
          label={t('feedbackEnter')}
        />
      </Stack>
    </Modal>
  );
}
