import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  Stack,
  Stepper,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { typeName, WRITTEN_BY_CHISO } from '../../../../core/documents/register.ts';
import type { DocumentSigning } from '../../../../core/documents/signing-schemas.ts';
import { formatDateVi } from '../../../../core/text/dates.ts';
import { api } from '../../api/client.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { SignatureBadge } from '../../components/SignatureBadge.tsx';
import { fill } from '../../i18n/fill.ts';
import { formatDateTimeVi, useT } from '../../i18n/locale.tsx';

const STEP = { prepare: 0, sign: 1, seal: 2, done: 3, void: 0 } as const;

/**
 * One issued document on its way out (Nghị định 30/2020): its PDF made or brought, the head's signature,
 * the clerk's seal, or both made outside with a USB token and brought back. Each person sees the step
 * that is theirs; signing and sealing are confirmed, saying with which certificate.
 */
export function DocumentPage() {
  const { documentId } = useParams({ strict: false }) as { documentId: string };
  const id = Number(documentId);
  const { t, locale } = useT();
  const client = useQueryClient();
  const key = ['documents', 'signing', id];
  const { data, error } = useQuery({
    queryKey: key,
    queryFn: () => api<DocumentSigning>('GET', `/api/documents/${id}/signing`),
  });
  const [confirming, setConfirming] = useState<'sign' | 'seal' | null>(null);
  const done = (next: DocumentSigning) => {
    client.setQueryData(key, next);
    void client.invalidateQueries({ queryKey: ['documents', 'register'] });
    setConfirming(null);
  };
  const step = useMutation({
    mutationFn: (action: 'prepare' | 'sign' | 'seal' | 'outside') =>
      api<DocumentSigning>('POST', `/api/documents/${id}/${action}`),
    onSuccess: done,
  });
  const upload = useMutation({
    mutationFn: ({ file, to }: { file: File; to: 'pdf' | 'return' }) => {
      const body = new FormData();
      body.append('file', file);
      return api<DocumentSigning>('POST', `/api/documents/${id}/${to}`, body);
    },
    onSuccess: done,
  });
  if (error) return <Alert color="red">{error.message}</Alert>;
  if (!data) return null;
  const { document } = data;
  const failure = step.error ?? upload.error;
  const certificate = data.myCertificate;
  const mayOutside = (data.canSign || data.canSeal) && (data.next === 'sign' || data.next === 'seal');
  const nextWords = {
    prepare: t('documentNextPrepare'),
    sign: t('documentNextSign'),
    seal: t('documentNextSeal'),
    done: t('documentDone'),
    void: t('documentVoid'),
  }[data.next];
  const what = (words: string) =>
    fill(words, {
      number: document.number,
      title: document.title,
      subject: certificate
        ? `${certificate.subjectName}${certificate.organisation ? ` (${certificate.organisation})` : ''}`
        : '',
      issuer: certificate?.issuerName ?? '',
      until: certificate ? formatDateVi(certificate.notAfter.slice(0, 10)) : '',
    });
  const kindWords = {
    person: t('documentKindPerson'),
    organisation: t('documentKindOrganisation'),
    outside: t('documentKindOutside'),
  } as const;
  return (
    <Stack maw={960}>
      <Anchor component={Link} to="/documents/register" size="sm">
        ← {t('documentBack')}
      </Anchor>
      <div>
        <Title order={2}>{fill(t('documentTitle'), { number: document.number })}</Title>
        <Text fw={500}>{document.title}</Text>
        <Text size="sm" c="dimmed">
          {typeName(document.type, locale)} · {document.unitName} · {formatDateVi(document.issuedOn)}
          {document.signerName ? ` · ${document.signerName}` : ''}
        </Text>
      </div>
      <Stepper active={STEP[data.next]} size="sm" allowNextStepsSelect={false}>
        <Stepper.Step label={t('documentStepPdf')} description={t('documentStepPdfHelp')} />
        <Stepper.Step label={t('documentStepSign')} description={t('documentStepSignHelp')} />
        <Stepper.Step label={t('documentStepSeal')} description={t('documentStepSealHelp')} />
      </Stepper>
      <Alert color={data.next === 'done' ? 'green' : data.next === 'void' ? 'gray' : 'blue'}>
        {nextWords}
      </Alert>
      {failure && <Alert color="red">{failure.message}</Alert>}

      {document.pdfSha256 && (
        <Card withBorder padding="sm">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Group gap="xs" wrap="wrap">
              <Anchor href={`/api/documents/${id}/document.pdf`} download>
                {t('documentDownload')}
              </Anchor>
              <SignatureBadge signature={data.signature} fileName={`${document.number}.pdf`} />
            </Group>
            {data.preparedAt && (
              <Text size="xs" c="dimmed">
                {fill(t('documentPreparedAt'), { time: formatDateTimeVi(data.preparedAt) })}
              </Text>
            )}
          </Group>
        </Card>
      )}

      {data.canPrepare && (
        <Stack gap="xs">
          <Group>
            {WRITTEN_BY_CHISO.includes(document.sourceKind) && (
              <Button
                onClick={() => step.mutate('prepare')}
                variant={document.pdfSha256 ? 'default' : 'filled'}
                loading={step.isPending && step.variables === 'prepare'}
              >
                {document.pdfSha256 ? t('documentPrepareAgain') : t('documentPrepare')}
              </Button>
            )}
            <FileButton
              accept="application/pdf,.pdf"
              onChange={(file) => file && upload.mutate({ file, to: 'pdf' })}
            >
              {(props) => (
                <Button
                  {...props}
                  variant="light"
                  loading={upload.isPending && upload.variables?.to === 'pdf'}
                >
                  {t('documentUpload')}
                </Button>
              )}
            </FileButton>
          </Group>
          <Text size="xs" c="dimmed">
            {t('documentUploadHelp')}
          </Text>
        </Stack>
      )}

      {(data.canSign || data.canSeal) && (
        <Stack gap="xs">
          {certificate ? (
            <Group>
              <Button aria-haspopup="dialog" onClick={() => setConfirming(data.canSeal ? 'seal' : 'sign')}>
                {data.canSeal ? t('documentSeal') : t('documentSign')}
              </Button>
              <Text size="sm" c="dimmed">
                {certificate.subjectName} · {certificate.issuerName}
              </Text>
            </Group>
          ) : (
            <Alert color="orange">
              {data.canSeal ? t('documentNoSealCertificate') : t('documentNoCertificate')}
            </Alert>
          )}
        </Stack>
      )}

      {mayOutside && (
        <Card withBorder padding="sm">
          <Stack gap="xs">
            <Text fw={500}>{t('documentOutsideTitle')}</Text>
            <Text size="sm" c="dimmed">
              {t('documentOutsideHelp')}
            </Text>
            <Group>
              {data.awaitingOutside ? (
                <Button component="a" href={`/api/documents/${id}/outside.pdf`} download variant="light">
                  {t('documentOutsidePrepare')}
                </Button>
              ) : (
                <Button
                  variant="light"
                  onClick={() => step.mutate('outside')}
                  loading={step.isPending && step.variables === 'outside'}
                >
                  {t('documentOutsidePrepare')}
                </Button>
              )}
              <FileButton
                accept="application/pdf,.pdf"
                onChange={(file) => file && upload.mutate({ file, to: 'return' })}
              >
                {(props) => (
                  <Button {...props} variant="default" disabled={!data.awaitingOutside}>
                    {t('documentOutsideReturn')}
                  </Button>
                )}
              </FileButton>
            </Group>
          </Stack>
        </Card>
      )}

      <Title order={3} size="h4">
        {t('documentSignatures')}
      </Title>
      {data.signatures.length === 0 ? (
        <Text c="dimmed">{t('documentSignaturesNone')}</Text>
      ) : (
        <Stack gap="xs">
          {data.signatures.map((signature) => (
            <Card key={signature.id} withBorder padding="xs">
              <Group gap="xs" wrap="wrap">
                <Badge variant="light" color={signature.kind === 'organisation' ? 'red' : 'blue'}>
                  {kindWords[signature.kind]}
                </Badge>
                <Text size="sm">
                  {fill(t('documentSignedBy'), {
                    signer: `${signature.signerName}${signature.organisation ? ` (${signature.organisation})` : ''}`,
                    time: formatDateTimeVi(signature.signedAt),
                  })}
                </Text>
                {signature.byName && (
                  <Text size="xs" c="dimmed">
                    {fill(t('documentBrought'), { name: signature.byName })}
                  </Text>
                )}
              </Group>
            </Card>
          ))}
        </Stack>
      )}

      <ConfirmDialog
        opened={confirming !== null}
        title={fill(t(confirming === 'seal' ? 'documentSealTitle' : 'documentSignTitle'), {
          number: document.number,
        })}
        confirmLabel={confirming === 'seal' ? t('documentSeal') : t('documentSign')}
        isBusy={step.isPending}
        error={step.error?.message ?? null}
        onConfirm={() => confirming && step.mutate(confirming)}
        onClose={() => setConfirming(null)}
      >
        {what(t(confirming === 'seal' ? 'documentSealWhat' : 'documentSignWhat'))}
      </ConfirmDialog>
    </Stack>
  );
}
