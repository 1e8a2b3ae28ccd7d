import { Alert, Stack, Text, Textarea } from '@mantine/core';
import { type ReactNode, useEffect, useState } from 'react';
import { useT } from '../i18n/locale.tsx';
import { DialogFooter } from './DialogFooter.tsx';
import { StackedModal } from './StackedModal.tsx';

/**
 * The one confirmation before a step that cannot simply be undone (sending, publishing, removing):
 * it says what will happen and to whom, and asks for a reason when the step goes against the rules
 * of the day (`reason: 'required'`). The action button stays disabled until a required reason is typed.
 */
export function ConfirmDialog({
  opened,
  title,
  children,
  confirmLabel,
  danger,
  reason = 'none',
  reasonLabel,
  isBusy,
  isReady = true,
  error,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  title: string;
  /** What will happen, to whom, what becomes read-only. */
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  reason?: 'none' | 'optional' | 'required';
  reasonLabel?: string;
  isBusy?: boolean;
  /** False while what the dialog states is still loading: nothing is confirmed unseen. */
  isReady?: boolean;
  /** A refusal from the server, shown in the dialog so nothing is lost by closing it. */
  error?: string | null;
  onConfirm: (reason: string | null) => void;
  onClose: () => void;
}) {
  const { t } = useT();
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    if (opened) {
      setText('');
      setTouched(false);
    }
  }, [opened]);
  const missing = reason === 'required' && text.trim() === '';
  const confirm = () => {
    setTouched(true);
    if (!missing && isReady) onConfirm(text.trim() || null);
  };
  return (
    // Above any dialog it is opened from (Mantine's modals sit at 200).
    <StackedModal opened={opened} onClose={onClose} title={title} size="lg" zIndex={300}>
      <Stack>
        <Stack gap="xs">{typeof children === 'string' ? <Text>{children}</Text> : children}</Stack>
        {reason !== 'none' && (
          <Textarea
            label={reasonLabel ?? t('confirmReason')}
            required={reason === 'required'}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            onBlur={() => setTouched(true)}
            error={touched && missing ? t('confirmReasonMissing') : undefined}
            autosize
            minRows={2}
            maxLength={2000}
            data-autofocus
          />
        )}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <DialogFooter
          onClose={onClose}
          onSubmit={confirm}
          isBusy={isBusy ?? false}
          label={confirmLabel}
          danger={danger}
          isDisabled={missing || !isReady}
        />
      </Stack>
    </StackedModal>
  );
}
