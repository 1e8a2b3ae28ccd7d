import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { FEEDBACK_CHANNELS } from '../../../../core/feedback/feedback-schemas.ts';
import { OPEN311_CHANNELS, registerClientSchema } from '../../../../core/open311/open311-schemas.ts';
import { formatDateVi, todayInVietnam } from '../../../../core/text/dates.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { notifySaved, useFieldErrors } from '../../components/form.ts';
import { ListFooter } from '../../components/ListFooter.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { SortHeader } from '../../components/SortHeader.tsx';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import {
  type Open311Client,
  useOpen311Clients,
  useRegisterOpen311Client,
  useRevokeOpen311Client,
} from './open311-api.ts';

const PER_PAGE = 20;
/** A moment as the day it was in Vietnam, dd/mm/yyyy. */
const day = (iso: string) => formatDateVi(todayInVietnam(new Date(iso)));

/** "Đăng ký ứng dụng": its name and channel; then its key, shown this once, with a copy button. */
function RegisterDialog({ onClose }: { onClose: () => void }) {
  const { t, label } = useT();
  const register = useRegisterOpen311Client();
  const { errors, formError, check, fail } = useFieldErrors();
  const [name, setName] = useState('');
  const [channel, setChannel] = useState<string | null>('app');
  const [made, setMade] = useState<{ name: string; key: string } | null>(null);

  const save = async () => {
    const input = check(registerClientSchema, { name, channel: channel ?? undefined });
    if (!input) return;
    try {
      const answer = await register.mutateAsync(input);
      setMade({ name: answer.client.name, key: answer.key });
    } catch (error) {
      fail(error);
    }
  };

  if (made)
    return (
      <Modal opened onClose={onClose} title={fill(t('open311KeyTitle'), { name: made.name })} size="lg">
        <Stack>
          <Alert color="yellow">{t('open311KeyOnce')}</Alert>
          <Code block data-open311-key>
            {made.key}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={made.key}>
              {({ copied, copy }) => (
                <Button variant="default" color={copied ? 'green' : undefined} onClick={copy}>
                  {copied ? t('open311Copied') : t('open311Copy')}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose}>{t('open311KeySaved')}</Button>
          </Group>
        </Stack>
      </Modal>
    );
  return (
    <Modal opened onClose={onClose} title={t('open311Register')}>
      <Stack>
        <TextInput
          label={t('open311Name')}
          required
          maxLength={200}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.name}
          data-autofocus
        />
        <Select
          label={t('open311Channel')}
          required
          data={OPEN311_CHANNELS.map((value) => ({ value, label: label(FEEDBACK_CHANNELS[value]) }))}
          value={channel}
          onChange={setChannel}
          allowDeselect={false}
          error={errors.channel}
        />
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <DialogFooter
          onClose={onClose}
          onSubmit={() => void save()}
          isBusy={register.isPending}
          label={t('open311Register')}
        />
      </Stack>
    </Modal>
  );
}

function State({ client }: { client: Open311Client }) {
  const { t } = useT();
  return client.isActive ? (
    <Badge color="green" variant="light">
      {t('open311Active')}
    </Badge>
  ) : (
    <Badge color="gray" variant="light">
      {fill(t('open311Revoked'), { date: client.revokedAt ? day(client.revokedAt) : '' })}
    </Badge>
  );
}

/**
 * The province's applications that push petitions through Open311 (coordinator, administrator): the
 * list with each one's channel, the end of its key, when it was registered and whether it is revoked;
 * registering one shows its key once; revoking one is confirmed first.
 */
export function Open311ClientsPage() {
  const { t, label } = useT();
  const [sort, setSort] = useState('-createdAt');
  const [page, setPage] = useState(1);
  const [isRegistering, setRegistering] = useState(false);
  const [revoking, setRevoking] = useState<Open311Client | null>(null);
  const { data, isPending, error } = useOpen311Clients({ page, perPage: PER_PAGE, sort });
  const revoke = useRevokeOpen311Client();
  const endpoint = `${window.location.origin}/open311/v2/`;
  const changeSort = (next: string) => {
    setSort(next);
    setPage(1);
  };

  return (
    <Stack>
      <Anchor size="sm" renderRoot={(props) => <Link {...props} to="/feedback" />}>
        ← {t('feedbackBack')}
      </Anchor>
      <Group justify="space-between">
        <Title order={2}>{t('open311Clients')}</Title>
        {/* Offered once the list answered: only those who manage the province's settings get it. */}
        {data && (
          <Button aria-haspopup="dialog" onClick={() => setRegistering(true)}>
            {t('open311Register')}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {fill(t('open311ClientsHelp'), { url: endpoint })}
      </Text>
      {error && (
        <Alert color="red" role="alert">
          {error.message}
        </Alert>
      )}
      <ScrollTable striped withTableBorder aria-label={t('open311Clients')} minWidth={760}>
        <Table.Thead>
          <Table.Tr>
            <SortHeader field="name" sort={sort} onSort={changeSort}>
              {t('open311Name')}
            </SortHeader>
            <Table.Th>{t('open311Channel')}</Table.Th>
            <Table.Th>{t('open311KeyHint')}</Table.Th>
            <SortHeader field="createdAt" sort={sort} onSort={changeSort}>
              {t('open311Created')}
            </SortHeader>
            <Table.Th>{t('open311State')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data?.items.map((client) => (
            <Table.Tr key={client.id} data-open311-client={client.name}>
              <Table.Td fw={600}>{client.name}</Table.Td>
              <Table.Td>{label(FEEDBACK_CHANNELS[client.channel])}</Table.Td>
              <Table.Td>{fill(t('open311KeyEnding'), { hint: client.keyHint })}</Table.Td>
              <Table.Td>
                {day(client.createdAt)}
                {client.createdByName ? ` · ${client.createdByName}` : ''}
              </Table.Td>
              <Table.Td>
                <State client={client} />
              </Table.Td>
              <Table.Td>
                {client.isActive && (
                  <Button
                    size="xs"
                    variant="light"
                    color="red"
                    aria-haspopup="dialog"
                    onClick={() => setRevoking(client)}
                  >
                    {t('open311Revoke')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
      {!isPending && data?.total === 0 && (
        <Text c="dimmed" ta="center">
          {t('open311None')}
        </Text>
      )}
      <ListFooter total={data?.total ?? 0} page={page} perPage={PER_PAGE} onPage={setPage} />
      {isRegistering && <RegisterDialog onClose={() => setRegistering(false)} />}
      <ConfirmDialog
        opened={revoking !== null}
        title={fill(t('open311RevokeTitle'), { name: revoking?.name ?? '' })}
        confirmLabel={t('open311Revoke')}
        danger
        isBusy={revoke.isPending}
        error={revoke.error?.message ?? null}
        onClose={() => {
          setRevoking(null);
          revoke.reset();
        }}
        onConfirm={() => {
          if (!revoking) return;
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              notifySaved(fill(t('open311RevokedDone'), { name: revoking.name }));
              setRevoking(null);
            },
          });
        }}
      >
        {t('open311RevokeText')}
      </ConfirmDialog>
    </Stack>
  );
}
