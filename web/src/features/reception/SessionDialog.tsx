import { Alert, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import {
  HOST_LEVEL_CODES,
  HOST_LEVELS,
  SESSION_KINDS,
  SESSION_MODE_CODES,
  SESSION_MODES,
} from '../../../../core/reception/labels.ts';
import { createSessionSchema } from '../../../../core/reception/reception-schemas.ts';
import { parseDate } from '../../../../core/text/dates.ts';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { notifySaved, useFieldErrors } from '../../components/form.ts';
import { useT } from '../../i18n/locale.tsx';
import { type Rule, useCreateSession } from './api.ts';

/**
 * A one-off periodic day or an ad hoc session (đột xuất), prefilled from the unit's first rule; in person
 * or, from 01/07/2026, online with its link (kept for staff, never published).
 */
export function SessionDialog({
  unitId,
  rule,
  onClose,
}: {
  unitId: number;
  rule: Rule | null;
  onClose: () => void;
}) {
  const { t, label } = useT();
  const create = useCreateSession();
  const { errors, formError, check, fail } = useFieldErrors();
  const [kind, setKind] = useState<string>('ad_hoc');
  const [on, setOn] = useState('');
  const [hostLevel, setHostLevel] = useState<string>(rule?.hostLevel ?? 'commune_chair');
  const [hostTitle, setHostTitle] = useState(rule?.hostTitle ?? '');
  const [hostName, setHostName] = useState(rule?.hostName ?? '');
  const [startTime, setStart] = useState(rule?.startTime ?? '07:30');
  const [endTime, setEnd] = useState(rule?.endTime ?? '11:00');
  const [location, setLocation] = useState(rule?.location ?? '');
  const [topic, setTopic] = useState('');
  const [participants, setParticipants] = useState('');
  const [mode, setMode] = useState<string>('in_person');
  const [onlineLink, setOnlineLink] = useState('');

  const submit = async () => {
    const input = check(createSessionSchema, {
      unitId,
      kind,
      on: parseDate(on) ?? on,
      hostLevel,
      hostTitle,
      hostName,
      startTime,
      endTime,
      location,
      topic,
      participants,
      mode,
      onlineLink: mode === 'online' ? onlineLink : null,
    });
    if (!input) return;
    try {
      await create.mutateAsync(input);
      notifySaved(t('receptionSessionSaved'));
      onClose();
    } catch (error) {
      fail(error);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('receptionAdHoc')} size="lg">
      <Stack>
        <Group grow wrap="wrap">
          <Select
            label={t('receptionKind')}
            data={Object.entries(SESSION_KINDS).map(([value, name]) => ({ value, label: label(name) }))}
            value={kind}
            onChange={(value) => setKind(value ?? 'ad_hoc')}
            allowDeselect={false}
          />
          <TextInput
            label={t('receptionDay')}
            placeholder="dd/mm/yyyy"
            required
            value={on}
            onChange={(event) => setOn(event.currentTarget.value)}
            error={errors.on}
          />
        </Group>
        <Select
          label={t('receptionMode')}
          data={SESSION_MODE_CODES.map((value) => ({ value, label: label(SESSION_MODES[value]) }))}
          value={mode}
          onChange={(value) => setMode(value ?? 'in_person')}
          allowDeselect={false}
          error={errors.mode}
        />
        {mode === 'online' && (
          <>
            <Alert color="gray">{t('receptionOnlineHelp')}</Alert>
            <TextInput
              label={t('receptionOnlineLink')}
              required
              value={onlineLink}
              onChange={(event) => setOnlineLink(event.currentTarget.value)}
              error={errors.onlineLink}
            />
          </>
        )}
        <Select
          label={t('receptionHostLevel')}
          data={HOST_LEVEL_CODES.map((value) => ({ value, label: label(HOST_LEVELS[value]) }))}
          value={hostLevel}
          onChange={(value) => setHostLevel(value ?? 'commune_chair')}
          allowDeselect={false}
        />
        <Group grow wrap="wrap">
          <TextInput
            label={t('receptionHostTitle')}
            required
            value={hostTitle}
            onChange={(event) => setHostTitle(event.currentTarget.value)}
            error={errors.hostTitle}
          />
          <TextInput
            label={t('receptionHostName')}
            value={hostName}
            onChange={(event) => setHostName(event.currentTarget.value)}
          />
        </Group>
        <Group grow wrap="wrap">
          <TextInput
            label={t('receptionStart')}
            value={startTime}
            onChange={(event) => setStart(event.currentTarget.value)}
            error={errors.startTime}
          />
          <TextInput
            label={t('receptionEnd')}
            value={endTime}
            onChange={(event) => setEnd(event.currentTarget.value)}
            error={errors.endTime}
          />
        </Group>
        <TextInput
          label={t('receptionLocation')}
          required
          value={location}
          onChange={(event) => setLocation(event.currentTarget.value)}
          error={errors.location}
        />
        <Textarea
          label={t('receptionTopic')}
          autosize
          minRows={2}
          value={topic}
          onChange={(event) => setTopic(event.currentTarget.value)}
        />
        <Textarea
          label={t('receptionParticipants')}
          autosize
          minRows={2}
          value={participants}
          onChange={(event) => setParticipants(event.currentTarget.value)}
        />
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <DialogFooter onClose={onClose} onSubmit={submit} isBusy={create.isPending} />
      </Stack>
    </Modal>
  );
}
