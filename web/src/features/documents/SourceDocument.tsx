import { Anchor, Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { IssuedDocument } from '../../../../core/documents/register-schemas.ts';
import type { DocumentSigning } from '../../../../core/documents/signing-schemas.ts';
import { api, type ListResult, queryString } from '../../api/client.ts';
import { SignatureBadge } from '../../components/SignatureBadge.tsx';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import { hasPermission, useMe } from '../auth/session.ts';

/**
 * A Chiso document's entry in the register of outgoing documents, where it is signed: its number, what
 * its PDF's signatures say, and the way to it. Shown to those who keep the unit's register.
 */
export function SourceDocument({ kind, id }: { kind: 'plan' | 'report'; id: number }) {
  const { t } = useT();
  const { data: me } = useMe();
  const keeps = hasPermission(me, 'documents.register');
  const entries = useQuery({
    queryKey: ['documents', 'register', 'source', kind, id],
    queryFn: () =>
      api<ListResult<IssuedDocument>>(
        'GET',
        `/api/documents/register${queryString({ sourceKind: kind, sourceId: String(id), perPage: 5 })}`,
      ),
    enabled: keeps,
    retry: false,
  });
  const live = entries.data?.items.find((entry) => entry.status !== 'void');
  const signing = useQuery({
    queryKey: ['documents', 'signing', live?.id],
    queryFn: () => api<DocumentSigning>('GET', `/api/documents/${live?.id}/signing`),
    enabled: live !== undefined,
    retry: false,
  });
  if (!live) return null;
  const next = signing.data?.next;
  const words = next
    ? {
        prepare: t('documentNextPrepare'),
        sign: t('documentNextSign'),
        seal: t('documentNextSeal'),
        done: t('documentDone'),
        void: t('documentVoid'),
      }[next]
    : '';
  return (
    <Group gap="xs" wrap="wrap">
      <Anchor
        renderRoot={(props) => (
          <Link {...props} to="/documents/$documentId" params={{ documentId: String(live.id) }} />
        )}
      >
        {fill(t('documentOpen'), { number: live.number })}
      </Anchor>
      {signing.data?.signature && (
        <SignatureBadge signature={signing.data.signature} fileName={`${live.number}.pdf`} />
      )}
      <Text size="sm" c="dimmed">
        {words}
      </Text>
    </Group>
  );
}
