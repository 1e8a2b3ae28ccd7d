import { Anchor, Button, FileButton, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { SignatureBadge } from '../../components/SignatureBadge.tsx';
import { formatDateTimeVi, useT } from '../../i18n/locale.tsx';
import { useAttachSignedCopy, useSignedCopies } from './api.ts';

/**
 * The report as a document to sign (.docx in the format of Nghị định 30/2020, the unit as issuer, its
 * head as signer), and the signed copy (PDF or a scan) attached back to the report.
 */
export function ReportSignedCopy({ reportId, canAttach }: { reportId: number; canAttach: boolean }) {
  const { t } = useT();
  const { data: copies } = useSignedCopies(reportId);
  const attach = useAttachSignedCopy(reportId);
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('signedCopies')}
      </Title>
      <Group gap="sm">
        <Button
          component="a"
          variant="light"
          size="xs"
          href={`/api/reports/${reportId}/export.docx`}
          download
        >
          {t('reportDocx')}
        </Button>
        <Button component="a" variant="light" size="xs" href={`/api/reports/${reportId}/export.pdf`} download>
          {t('downloadPdf')}
        </Button>
        {canAttach && (
          <FileButton
            accept=".pdf,.jpg,.jpeg,.png"
            onChange={(file) =>
              file &&
              attach.mutate(file, {
                onSuccess: () => notifications.show({ color: 'green', message: t('signedCopyAttached') }),
                onError: (caught) => notifications.show({ color: 'red', message: caught.message }),
              })
            }
          >
            {(props) => (
              <Button variant="light" size="xs" loading={attach.isPending} {...props}>
                {t('attachSignedCopy')}
              </Button>
            )}
          </FileButton>
        )}
      </Group>
      {copies && copies.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('noSignedCopy')}
        </Text>
      )}
      {copies?.map((copy) => (
        <Group key={copy.id} gap={6}>
          <Anchor size="sm" href={`/api/reports/${reportId}/signed-copies/${copy.id}`} download>
            {copy.fileName}
          </Anchor>
          <SignatureBadge signature={copy.signature} fileName={copy.fileName} />
          <Text span size="xs" c="dimmed">
            {formatDateTimeVi(copy.uploadedAt)} · {copy.uploadedBy ?? ''}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
