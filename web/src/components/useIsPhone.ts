import { useMantineTheme } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';

/**
 * Below the `sm` breakpoint, where the shell hides its navigation behind a burger: a page that would
 * otherwise scroll sideways lays the same content out stacked. Read at the first render (no flash of
 * the wide layout on a phone).
 */
export function useIsPhone(): boolean {
  const theme = useMantineTheme();
  const isWide = useMediaQuery(`(min-width: ${theme.breakpoints.sm})`, true, {
    getInitialValueInEffect: false,
  });
  return !isWide;
}
