import {
  Alert,
  Anchor,
  Button,
  Card,
  CopyButton,
  Group,
  Image,
  Loader,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useT } from '../../i18n/locale.tsx';
import { useMe } from '../auth/session.ts';
import { UnitPicker } from '../units/UnitPicker.tsx';
import { posterUrl, useSurveyLink, useSurveyName } from './links-api.ts';
import { paperFormUrl } from './paper-api.ts';

/** A link to read, select and copy. */
function CopyField({
  value,
  label,
  description,
  ariaLabel,
}: {
  value: string;
  label?: string;
  description?: string;
  ariaLabel?: string;
}) {
  const { t } = useT();
  return (
    <Group align="flex-end" wrap="nowrap">
      <TextInput
        label={label}
        description={description}
        aria-label={ariaLabel}
        value={value}
        readOnly
        style={{ flex: 1 }}
        onFocus={(event) => event.currentTarget.select()}
      />
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Button variant={copied ? 'filled' : 'light'} color={copied ? 'teal' : undefined} onClick={copy}>
            {copied ? t('surveyLinksCopied') : t('surveyLinksCopy')}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}

/**
 * The desk's way in to a survey: pick a unit in scope, see its short link (to copy), its QR code, and
 * download the A4 poster to print. The link opens the public pages citizens answer on.
 */
export function SurveyLinksPage() {
  const { t, locale } = useT();
  const { surveyId } = useParams({ strict: false }) as { surveyId: string };
  const id = Number(surveyId);
  const { data: me } = useMe();
  const own = (me?.grants ?? []).find((grant) => grant.unitId !== null);
  const [unitId, setUnitId] = useState<string | null>(own?.unitId ? String(own.unitId) : null);
  const survey = useSurveyName(id);
  const link = useSurveyLink(id, unitId ? Number(unitId) : null);
  const name = survey.data
    ? locale === 'en' && survey.data.nameEn
      ? survey.data.nameEn
      : survey.data.nameVi
    : '';
  return (
    <Stack maw={720}>
      <Anchor renderRoot={(props) => <Link {...props} to="/surveys" />} size="sm">
        ← {t('surveyLinksBack')}
      </Anchor>
      <Title order={1}>{t('surveyLinksTitle')}</Title>
      {name && <Text c="dimmed">{name}</Text>}
      <Text>{t('surveyLinksIntro')}</Text>
      <UnitPicker
        label={t('surveyLinksUnit')}
        value={unitId}
        onChange={setUnitId}
        selectedLabel={own?.unitName ?? undefined}
      />
      {!unitId && <Text c="dimmed">{t('surveyLinksChooseUnit')}</Text>}
      {unitId && link.isPending && <Loader size="sm" aria-label="…" />}
      {link.error && (
        <Alert color="red" role="alert">
          {link.error.message}
        </Alert>
      )}
      {link.data && (
        <Card withBorder>
          <Stack>
            <Title order={2} size="h3">
              {link.data.unitName}
            </Title>
            <CopyField
              value={link.data.url}
              label={t('surveyLinksShortLink')}
              description={t('surveyLinksShortLinkHelp')}
            />
            <Anchor href={link.data.url} target="_blank" rel="noopener">
              {t('surveyLinksOpen')}
            </Anchor>
            <Image
              src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(link.data.qrSvg)}`}
              alt={`${t('surveyLinksQrAlt')}: ${link.data.url}`}
              w={240}
              h={240}
              fit="contain"
            />
            <Alert variant="light" title={t('surveyLinksPoster')}>
              <Stack gap="xs">
                <Text size="sm">{t('surveyLinksPosterHelp')}</Text>
                <Group>
                  <Button component="a" href={posterUrl(id, link.data.unitId)} download>
                    {t('surveyLinksPoster')}
                  </Button>
                  <Button component="a" href={paperFormUrl(id, link.data.unitId)} download variant="light">
                    {t('surveyPaperPrint')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
            {link.data.kioskUrl && (
              <Alert variant="light" color="gray" title={t('surveyLinksKiosk')}>
                <Stack gap="xs">
                  <Text size="sm">{t('surveyLinksKioskHelp')}</Text>
                  <CopyField value={link.data.kioskUrl} ariaLabel={t('surveyLinksKiosk')} />
                </Stack>
              </Alert>
            )}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
