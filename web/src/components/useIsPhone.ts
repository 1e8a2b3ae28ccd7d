import { type MantineBreakpoint, useMantineTheme } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';

/**
 * Whether the screen is narrower than a theme breakpoint, read at the first render (no flash of the
 * wide layout on a phone).
 */
export function useIsBelow(breakpoint: MantineBreakpoint): boolean {
  const theme = useMantineTheme();
  const isWide = useMediaQuery(`(min-width: ${theme.breakpoints[breakpoint]})`, true, {
    getInitialValueInEffect: false,
  });
  return !isWide;
}

/**
 * Below `sm`, where the shell hides its navigation behind a burger: a page that would otherwise scroll
 * sideways lays the same content out stacked.
 */
export function useIsPhone(): boolean {
  return useIsBelow('sm');
}
