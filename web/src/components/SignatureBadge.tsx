import { Badge, Group, Popover, Stack, Text, UnstyledButton } from '@mantine/core';
import { type KeyboardEvent, type ReactNode, useState } from 'react';
import type { FileSignatureSummary, SignatureFacts } from '../../../core/files/signature-views.ts';
import { formatDateTimeVi, useT } from '../i18n/locale.tsx';
import type { MessageKey } from '../i18n/messages.ts';

const COLORS = { valid: 'green', untrusted: 'orange', broken: 'red' } as const;

/**
 * What a file's digital signatures say, beside it in every list of files: green when valid, orange when
 * signed but not by a trusted source, red when broken, grey for a PDF without one, nothing for other
 * files. A click (or Enter) opens each signature's facts; Escape closes them, not the dialog around.
 */
export function SignatureBadge({
  signature,
  fileName,
}: {
  signature: FileSignatureSummary | null | undefined;
  fileName: string;
}) {
  const { t } = useT();
  const [isOpen, setOpen] = useState(false);
  if (!signature) return null;
  if (signature.verdict === 'unsigned' || signature.verdict === 'unchecked')
    return (
      <Badge variant="light" color="gray" size="sm" tt="none">
        {t(signature.verdict === 'unsigned' ? 'signatureNone' : 'signatureUnchecked')}
      </Badge>
    );
  const words =
    signature.verdict === 'valid'
      ? t('signatureValid')
      : signature.verdict === 'untrusted'
        ? t('signatureUntrusted')
        : `${t('signatureBroken')}: ${t(signature.brokenBy === 'edited' ? 'signatureBrokenEdited' : 'signatureBrokenDamaged')}`;
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !isOpen) return;
    event.stopPropagation();
    setOpen(false);
  };
  return (
    <Popover
      width={340}
      position="bottom-start"
      withArrow
      shadow="md"
      returnFocus
      opened={isOpen}
      onChange={setOpen}
      closeOnEscape={false}
    >
      <Popover.Target>
        <UnstyledButton
          onClick={() => setOpen((open) => !open)}
          onKeyDown={closeOnEscape}
          aria-expanded={isOpen}
          // Mantine's modals close on Escape from a window listener unless the key's target says not to.
          data-mantine-stop-propagation={isOpen ? 'true' : undefined}
          aria-haspopup="dialog"
          aria-label={`${words}. ${t('signatureDetails')} ${fileName}`}
          style={{ maxWidth: '100%' }}
        >
          <Badge
            variant="light"
            color={COLORS[signature.verdict]}
            size="sm"
            tt="none"
            style={{ cursor: 'pointer', maxWidth: '100%', height: 'auto', whiteSpace: 'normal' }}
          >
            {words}
          </Badge>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown
        role="dialog"
        aria-label={`${t('signatureDetails')} ${fileName}`}
        onKeyDown={closeOnEscape}
        data-mantine-stop-propagation="true"
      >
        <Stack gap="sm">
          {signature.signatures.map((facts, index) => (
            // Signatures have no id of their own; their order in the file is theirs.
            // biome-ignore lint/suspicious/noArrayIndexKey: the file's order, fixed
            <SignatureFactsView key={index} facts={facts} />
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

function SignatureFactsView({ facts }: { facts: SignatureFacts }) {
  const { t, label } = useT();
  const yesNo = (value: boolean) => (
    <Text span size="sm" fw={600} c={value ? 'green.8' : 'red.8'}>
      {t(value ? 'signatureYes' : 'signatureNo')}
    </Text>
  );
  const line = (name: MessageKey, value: ReactNode) => (
    <Text size="sm">
      <Text span c="dimmed" size="sm">
        {t(name)}:
      </Text>{' '}
      {value}
    </Text>
  );
  return (
    <Stack gap={2}>
      {line('signatureSigner', <strong>{facts.signer ?? t('signatureUnknown')}</strong>)}
      {facts.organisation && line('signatureOrganisation', facts.organisation)}
      {facts.issuer && line('signatureIssuer', facts.issuer)}
      {line(
        'signatureTime',
        facts.signedAt
          ? `${formatDateTimeVi(facts.signedAt)}${facts.timestamped ? ` ${t('signatureTimestamped')}` : ''}`
          : t('signatureUnknown'),
      )}
      <Group gap="md">
        {line('signatureIntact', yesNo(facts.intact))}
        {line('signatureTrusted', yesNo(facts.trusted))}
      </Group>
      {facts.reason && line('signatureReason', label(facts.reason))}
      {facts.changesAfter === 'signatures-only' && (
        <Text size="xs" c="dimmed">
          {t('signatureLaterSignatures')}
        </Text>
      )}
    </Stack>
  );
}
