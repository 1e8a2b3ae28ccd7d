import {
  Alert,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { ENTRY_KIND_CODES, ENTRY_KINDS } from '../../../../core/reception/labels.ts';
import { createEntrySchema, entryFieldsSchema } from '../../../../core/reception/reception-schemas.ts';
import { formatDateVi, parseDate, todayInVietnam } from '../../../../core/text/dates.ts';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { notifySaved, useFieldErrors } from '../../components/form.ts';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import { type Entry, useSaveEntry } from './api.ts';

/**
 * A line of the register with the law's fields (Luật TCD Điều 25) and the 2026 form's columns. Checked
 * with the server's schema; on any refusal the dialog stays open with everything typed.
 */
export function EntryDialog({
  unitId,
  sessionId,
  day,
  entry,
  onClose,
}: {
  unitId: number;
  sessionId: number | null;
  /** The session's day, the default day received. */
  day?: string;
  entry: Entry | null;
  onClose: () => void;
}) {
  const { t, label } = useT();
  const save = useSaveEntry();
  const { errors, formError, check, fail } = useFieldErrors();
  const [receivedOn, setReceivedOn] = useState(formatDateVi(entry?.receivedOn ?? day ?? todayInVietnam()));
  const [citizenName, setName] = useState(entry?.citizenName ?? '');
  const [address, setAddress] = useState(entry?.address ?? '');
  const [idNumber, setIdNumber] = useState(entry?.idNumber ?? '');
  const [content, setContent] = useState(entry?.content ?? '');
  const [kind, setKind] = useState<string | null>(entry?.kind ?? null);
  const [peopleCount, setPeople] = useState<number | string>(entry?.peopleCount ?? 1);
  const [priorHandling, setPrior] = useState(entry?.priorHandling ?? '');
  const [request, setRequest] = useState(entry?.request ?? '');
  const [handling, setHandling] = useState(entry?.handling ?? '');
  const [inCompetence, setInCompetence] = useState(entry?.inCompetence ?? true);
  const [guidedTo, setGuided] = useState(entry?.guidedTo ?? '');
  const [transferredTo, setTransferred] = useState(entry?.transferredTo ?? '');
  const [note, setNote] = useState(entry?.note ?? '');
  const [representatives, setRepresentatives] = useState((entry?.representatives ?? []).join('\n'));
  const [referredBy, setReferredBy] = useState(entry?.referredBy ?? '');
  const [resolvedOn, setResolvedOn] = useState(formatDateVi(entry?.resolvedOn));
  const [referrerNotifiedOn, setReferrerNotifiedOn] = useState(formatDateVi(entry?.referrerNotifiedOn));
  const people = peopleCount === '' ? 1 : Number(peopleCount);
  const optionalDay = (value: string) => (value.trim() === '' ? null : (parseDate(value) ?? value));

  const submit = async () => {
    const values = {
      receivedOn: parseDate(receivedOn) ?? receivedOn,
      citizenName,
      address,
      idNumber,
      content,
      kind: kind ?? undefined,
      peopleCount: peopleCount === '' ? undefined : Number(peopleCount),
      priorHandling,
      request,
      handling,
      inCompetence,
      guidedTo,
      transferredTo,
      note,
      representatives:
        people >= 2
          ? representatives
              .split('\n')
              .map((name) => name.trim())
              .filter(Boolean)
          : [],
      referredBy,
      // The follow-up dates belong to a transferred case: none once the transferring body is cleared.
      resolvedOn: referredBy.trim() ? optionalDay(resolvedOn) : null,
      referrerNotifiedOn: referredBy.trim() ? optionalDay(referrerNotifiedOn) : null,
    };
    const fields = check(entryFieldsSchema, values);
    if (!fields) return;
    try {
      const saved = await save.mutateAsync({
        id: entry?.id ?? null,
        version: entry?.version ?? 0,
        fields,
        create: entry ? undefined : createEntrySchema.parse({ ...values, unitId, sessionId }),
      });
      notifySaved(fill(t('receptionEntrySaved'), { number: saved.number }));
      onClose();
    } catch (error) {
      fail(error);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t(entry ? 'receptionEntryEdit' : 'receptionEntryAdd')} size="xl">
      <Stack>
        <Alert color="gray">{t('receptionEntryHelp')}</Alert>
        <Group grow wrap="wrap" align="flex-start">
          <TextInput
            label={t('receptionReceivedOn')}
            placeholder="dd/mm/yyyy"
            required
            value={receivedOn}
            onChange={(event) => setReceivedOn(event.currentTarget.value)}
            error={errors.receivedOn}
          />
          <Select
            label={t('receptionEntryKind')}
            required
            data={ENTRY_KIND_CODES.map((value) => ({ value, label: label(ENTRY_KINDS[value]) }))}
            value={kind}
            onChange={setKind}
            error={errors.kind}
          />
        </Group>
        <Group grow wrap="wrap" align="flex-start">
          <TextInput
            label={t('receptionCitizen')}
            required
            value={citizenName}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.citizenName}
          />
          <TextInput
            label={t('receptionIdNumber')}
            value={idNumber}
            onChange={(event) => setIdNumber(event.currentTarget.value)}
            error={errors.idNumber}
          />
        </Group>
        <TextInput
          label={t('receptionAddress')}
          value={address}
          onChange={(event) => setAddress(event.currentTarget.value)}
          error={errors.address}
        />
        <Textarea
          label={t('receptionContent')}
          required
          autosize
          minRows={3}
          value={content}
          onChange={(event) => setContent(event.currentTarget.value)}
          error={errors.content}
        />
        <Group grow wrap="wrap" align="flex-start">
          <NumberInput
            label={t('receptionPeople')}
            min={1}
            value={peopleCount}
            onChange={setPeople}
            error={errors.peopleCount}
          />
          <TextInput
            label={t('receptionPrior')}
            value={priorHandling}
            onChange={(event) => setPrior(event.currentTarget.value)}
            error={errors.priorHandling}
          />
        </Group>
        {people >= 2 && (
          <Stack gap={4}>
            <Textarea
              label={t('receptionRepresentatives')}
              autosize
              minRows={2}
              value={representatives}
              onChange={(event) => setRepresentatives(event.currentTarget.value)}
              error={errors.representatives}
            />
            <Text size="sm" c="dimmed">
              {t('receptionGroupHelp')}
            </Text>
          </Stack>
        )}
        <Textarea
          label={t('receptionRequest')}
          autosize
          minRows={2}
          value={request}
          onChange={(event) => setRequest(event.currentTarget.value)}
          error={errors.request}
        />
        <Textarea
          label={t('receptionHandling')}
          autosize
          minRows={2}
          value={handling}
          onChange={(event) => setHandling(event.currentTarget.value)}
          error={errors.handling}
        />
        <Checkbox
          label={t('receptionInCompetence')}
          checked={inCompetence}
          onChange={(event) => setInCompetence(event.currentTarget.checked)}
        />
        <Group grow wrap="wrap" align="flex-start">
          <TextInput
            label={t('receptionGuidedTo')}
            value={guidedTo}
            onChange={(event) => setGuided(event.currentTarget.value)}
            error={errors.guidedTo}
          />
          <TextInput
            label={t('receptionTransferredTo')}
            value={transferredTo}
            onChange={(event) => setTransferred(event.currentTarget.value)}
            error={errors.transferredTo}
          />
        </Group>
        <TextInput
          label={t('receptionReferredBy')}
          value={referredBy}
          onChange={(event) => setReferredBy(event.currentTarget.value)}
          error={errors.referredBy}
        />
        {referredBy.trim() !== '' && (
          <>
            <Text size="sm" c="dimmed">
              {t('receptionReferralHelp')}
            </Text>
            <Group grow wrap="wrap" align="flex-start">
              <TextInput
                label={t('receptionResolvedOn')}
                placeholder="dd/mm/yyyy"
                value={resolvedOn}
                onChange={(event) => setResolvedOn(event.currentTarget.value)}
                error={errors.resolvedOn}
              />
              <TextInput
                label={t('receptionReferrerNotifiedOn')}
                placeholder="dd/mm/yyyy"
                value={referrerNotifiedOn}
                onChange={(event) => setReferrerNotifiedOn(event.currentTarget.value)}
                error={errors.referrerNotifiedOn}
              />
            </Group>
          </>
        )}
        <TextInput
          label={t('receptionNote')}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <DialogFooter onClose={onClose} onSubmit={submit} isBusy={save.isPending} />
      </Stack>
    </Modal>
  );
}
