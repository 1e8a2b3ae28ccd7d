import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** One section of the feedback settings screen: a region named by its title, what it is for, then its form. */
export function SettingsSection({
  title,
  help,
  children,
}: {
  title: string;
  help: string;
  children: ReactNode;
}) {
  return (
    <section aria-label={title}>
      <Stack gap="xs">
        <Title order={3} size="h4">
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {help}
        </Text>
        {children}
      </Stack>
    </section>
  );
}
