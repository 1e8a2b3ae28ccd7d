import { Anchor, Box, Breadcrumbs, Text } from '@mantine/core';
import { useT } from '../i18n/locale.tsx';

/** The units from the top of the reader's scope down to the one shown; an ancestor's name climbs to it. */
export function UnitBreadcrumbs({
  crumbs,
  current,
  onClimb,
}: {
  crumbs: readonly { id: number; name: string }[];
  current: number;
  onClimb: (unitId: number) => void;
}) {
  const { t } = useT();
  return (
    <Box component="nav" aria-label={t('unit')}>
      <Breadcrumbs separator="›">
        {crumbs.map((crumb) =>
          crumb.id === current ? (
            <Text key={crumb.id} size="sm" fw={600} aria-current="page">
              {crumb.name}
            </Text>
          ) : (
            <Anchor
              key={crumb.id}
              component="button"
              type="button"
              size="sm"
              onClick={() => onClimb(crumb.id)}
            >
              {crumb.name}
            </Anchor>
          ),
        )}
      </Breadcrumbs>
    </Box>
  );
}
