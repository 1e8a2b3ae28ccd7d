import {
  Alert,
  Badge,
  Button,
  FileButton,
  FileInput,
  Group,
  PasswordInput,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDateVi } from '../../../../core/text/dates.ts';
import { api, type ListResult, queryString } from '../../api/client.ts';
import type { UserView } from '../../api/types.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { useT } from '../../i18n/locale.tsx';
import { hasPermission, useMe } from '../auth/session.ts';
import { UnitPicker } from '../units/UnitPicker.tsx';

interface Certificate {
  id: number;
  unitId: number;
  kind: 'organisation' | 'person';
  userId: number | null;
  userName: string | null;
  subjectName: string;
  organisation: string | null;
  serial: string;
  issuerName: string;
  notBefore: string;
  notAfter: string;
  hasImage: boolean;
  retiredAt: string | null;
  state: 'active' | 'expired' | 'retired';
}

interface SigningForm {
  trustRoots: { subject: string; serial: string; notAfter: string; fingerprint256: string }[];
  tsaUrl: string | null;
  version: number;
}

const day = (iso: string) => formatDateVi(iso.slice(0, 10));

/**
 * The administrator's page for digital signing: each unit's certificates (the organisation's seal and
 * its signers' own), and, for the whole installation, the trust list and the time-stamping service.
 */
export function SigningPage() {
  const { t } = useT();
  const { data: me } = useMe();
  const own = me?.grants.find((grant) => grant.unitId !== null);
  const [unitId, setUnitId] = useState<string | null>(own?.unitId ? String(own.unitId) : null);
  return (
    <Stack maw={1100}>
      <Title order={2}>{t('signingTitle')}</Title>
      <Text c="dimmed">{t('signingHelp')}</Text>
      <Title order={3} size="h4">
        {t('certificatesTitle')}
      </Title>
      <UnitPicker
        label={t('unit')}
        value={unitId}
        onChange={setUnitId}
        selectedLabel={own?.unitName ?? undefined}
      />
      {unitId && <UnitCertificates key={unitId} unitId={Number(unitId)} />}
      {hasPermission(me, 'documents.certificates') && <InstallationSigning />}
    </Stack>
  );
}

function UnitCertificates({ unitId }: { unitId: number }) {
  const { t } = useT();
  const client = useQueryClient();
  const key = ['signing-certificates', unitId];
  const list = useQuery({
    queryKey: key,
    queryFn: () => api<{ items: Certificate[] }>('GET', `/api/units/${unitId}/signing-certificates`),
  });
  const [retiring, setRetiring] = useState<Certificate | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: key });
  const retire = useMutation({
    mutationFn: (id: number) => api<Certificate>('POST', `/api/signing-certificates/${id}/retire`),
    onSuccess: () => {
      setRetiring(null);
      void refresh();
    },
  });
  const image = useMutation({
    mutationFn: ({ id, file }: { id: number; file: File }) => {
      const body = new FormData();
      body.append('file', file);
      return api<Certificate>('PUT', `/api/signing-certificates/${id}/image`, body);
    },
    onSuccess: () => void refresh(),
  });
  const stateColour = { active: 'green', expired: 'orange', retired: 'gray' } as const;
  const stateLabel = {
    active: t('certificateActive'),
    expired: t('certificateExpired'),
    retired: t('certificateRetired'),
  } as const;
  return (
    <Stack gap="sm">
      {list.error && <Alert color="red">{list.error.message}</Alert>}
      {image.error && <Alert color="red">{image.error.message}</Alert>}
      {list.data && list.data.items.length === 0 && <Text c="dimmed">{t('certificatesNone')}</Text>}
      {list.data && list.data.items.length > 0 && (
        <ScrollTable minWidth={900}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('certificateKind')}</Table.Th>
                <Table.Th>{t('certificateSubject')}</Table.Th>
                <Table.Th>{t('certificateIssuer')}</Table.Th>
                <Table.Th>{t('certificateValidity')}</Table.Th>
                <Table.Th>{t('certificateImage')}</Table.Th>
                <Table.Th>{t('certificateState')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((certificate) => (
                <Table.Tr key={certificate.id}>
                  <Table.Td>
                    {certificate.kind === 'organisation'
                      ? t('certificateKindOrganisation')
                      : `${t('certificateKindPerson')}: ${certificate.userName ?? ''}`}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{certificate.subjectName}</Text>
                    {certificate.organisation && (
                      <Text size="xs" c="dimmed">
                        {certificate.organisation}
                      </Text>
                    )}
                    <Text size="xs" c="dimmed">
                      {t('certificateSerial')}: {certificate.serial}
                    </Text>
                  </Table.Td>
                  <Table.Td>{certificate.issuerName}</Table.Td>
                  <Table.Td>
                    {day(certificate.notBefore)} – {day(certificate.notAfter)}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {certificate.hasImage ? t('certificateHasImage') : t('certificateNoImage')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={stateColour[certificate.state]} variant="light">
                      {stateLabel[certificate.state]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {certificate.state !== 'retired' && (
                      <Group gap={4} wrap="nowrap">
                        <FileButton
                          accept="image/png"
                          onChange={(file) => file && image.mutate({ id: certificate.id, file })}
                        >
                          {(props) => (
                            <Button
                              {...props}
                              size="xs"
                              variant="light"
                              title={
                                certificate.kind === 'organisation'
                                  ? t('certificateImageHelpOrganisation')
                                  : t('certificateImageHelpPerson')
                              }
                            >
                              {t('certificateImageSet')}
                            </Button>
                          )}
                        </FileButton>
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          aria-haspopup="dialog"
                          onClick={() => setRetiring(certificate)}
                        >
                          {t('certificateRetire')}
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      <UploadCertificate unitId={unitId} onDone={() => void refresh()} />
      <ConfirmDialog
        opened={retiring !== null}
        title={t('certificateRetireTitle')}
        confirmLabel={t('certificateRetire')}
        danger
        isBusy={retire.isPending}
        error={retire.error?.message ?? null}
        onConfirm={() => retiring && retire.mutate(retiring.id)}
        onClose={() => setRetiring(null)}
      >
        {t('certificateRetireWhat').replace('{subject}', retiring?.subjectName ?? '')}
      </ConfirmDialog>
    </Stack>
  );
}

function UploadCertificate({ unitId, onDone }: { unitId: number; onDone: () => void }) {
  const { t } = useT();
  const [kind, setKind] = useState<'organisation' | 'person'>('organisation');
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [userId, setUserId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const people = useQuery({
    queryKey: ['users', 'signers', debounced],
    queryFn: () =>
      api<ListResult<UserView>>('GET', `/api/users${queryString({ q: debounced, perPage: 20 })}`),
    enabled: kind === 'person',
  });
  const [done, setDone] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: () => {
      const body = new FormData();
      body.append('kind', kind);
      if (kind === 'person' && userId) body.append('userId', userId);
      body.append('password', password);
      if (file) body.append('file', file);
      return api<Certificate>('POST', `/api/units/${unitId}/signing-certificates`, body);
    },
    onSuccess: (certificate) => {
      setDone(t('certificateUploaded').replace('{subject}', certificate.subjectName));
      setFile(null);
      setPassword('');
      onDone();
    },
  });
  return (
    <Stack gap="xs" maw={560}>
      <Title order={4} size="h5">
        {t('certificateUploadTitle')}
      </Title>
      <SegmentedControl
        value={kind}
        onChange={(value) => setKind(value as 'organisation' | 'person')}
        data={[
          { value: 'organisation', label: t('certificateKindOrganisation') },
          { value: 'person', label: t('certificateKindPerson') },
        ]}
      />
      {kind === 'person' && (
        <Select
          label={t('certificateSigner')}
          placeholder={t('certificateSignerSearch')}
          searchable
          clearable
          searchValue={search}
          onSearchChange={setSearch}
          value={userId}
          onChange={setUserId}
          data={(people.data?.items ?? []).map((user) => ({ value: String(user.id), label: user.fullName }))}
        />
      )}
      <FileInput label={t('certificateFile')} accept=".p12,.pfx" value={file} onChange={setFile} clearable />
      <PasswordInput
        label={t('certificatePassword')}
        value={password}
        onChange={(event) => setPassword(event.currentTarget.value)}
        autoComplete="new-password"
      />
      <Text size="xs" c="dimmed">
        {t('certificateReplaces')}
      </Text>
      {upload.error && <Alert color="red">{upload.error.message}</Alert>}
      {done && !upload.error && <Alert color="green">{done}</Alert>}
      <Group>
        <Button
          onClick={() => {
            setDone(null);
            upload.mutate();
          }}
          loading={upload.isPending}
          disabled={!file || (kind === 'person' && !userId)}
        >
          {t('certificateUpload')}
        </Button>
      </Group>
    </Stack>
  );
}

function InstallationSigning() {
  const { t } = useT();
  const client = useQueryClient();
  const settings = useQuery({
    queryKey: ['signing-settings'],
    queryFn: () => api<SigningForm>('GET', '/api/signing/settings'),
    retry: false,
  });
  const [removing, setRemoving] = useState<SigningForm['trustRoots'][number] | null>(null);
  const [tsa, setTsa] = useState<string | null>(null);
  const done = (form: SigningForm) => client.setQueryData(['signing-settings'], form);
  const version = settings.data?.version ?? 0;
  const add = useMutation({
    mutationFn: (file: File) => {
      const body = new FormData();
      body.append('file', file);
      return api<SigningForm>('POST', `/api/signing/trust?version=${version}`, body);
    },
    onSuccess: done,
  });
  const remove = useMutation({
    mutationFn: (fingerprint: string) =>
      api<SigningForm>('DELETE', `/api/signing/trust/${encodeURIComponent(fingerprint)}?version=${version}`),
    onSuccess: (form) => {
      done(form);
      setRemoving(null);
    },
  });
  const saveTsa = useMutation({
    mutationFn: () => api<SigningForm>('PUT', '/api/signing/tsa', { tsaUrl: tsa ?? '', version }),
    onSuccess: (form) => {
      done(form);
      setTsa(null);
    },
  });
  // Installation-wide: an administrator of one unit is not answered, and sees only the unit's part.
  if (!settings.data) return null;
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        {t('trustTitle')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('trustHelp')}
      </Text>
      {settings.data.trustRoots.length === 0 ? (
        <Text c="orange">{t('trustNone')}</Text>
      ) : (
        <ScrollTable minWidth={600}>
          <Table>
            <Table.Tbody>
              {settings.data.trustRoots.map((root) => (
                <Table.Tr key={root.fingerprint256}>
                  <Table.Td>{root.subject}</Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {t('certificateSerial')}: {root.serial}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {t('trustExpires')}: {day(root.notAfter)}
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      aria-haspopup="dialog"
                      onClick={() => setRemoving(root)}
                    >
                      {t('trustRemove')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {add.error && <Alert color="red">{add.error.message}</Alert>}
      <Group>
        <FileButton accept=".pem,.cer,.crt" onChange={(file) => file && add.mutate(file)}>
          {(props) => (
            <Button {...props} variant="light" loading={add.isPending}>
              {t('trustAdd')}
            </Button>
          )}
        </FileButton>
      </Group>
      <Title order={3} size="h4">
        {t('tsaTitle')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('tsaHelp')}
      </Text>
      <Group align="flex-end">
        <TextInput
          label={t('tsaUrl')}
          value={tsa ?? settings.data.tsaUrl ?? ''}
          onChange={(event) => setTsa(event.currentTarget.value)}
          error={saveTsa.error?.message}
          w={{ base: '100%', sm: 420 }}
        />
        <Button onClick={() => saveTsa.mutate()} loading={saveTsa.isPending} disabled={tsa === null}>
          {t('save')}
        </Button>
      </Group>
      <ConfirmDialog
        opened={removing !== null}
        title={t('trustRemoveTitle')}
        confirmLabel={t('trustRemove')}
        danger
        isBusy={remove.isPending}
        error={remove.error?.message ?? null}
        onConfirm={() => removing && remove.mutate(removing.fingerprint256)}
        onClose={() => setRemoving(null)}
      >
        {t('trustRemoveWhat').replace('{subject}', removing?.subject ?? '')}
      </ConfirmDialog>
    </Stack>
  );
}
