import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { MESSAGES, type MessageKey } from './messages.ts';

export type Locale = 'vi' | 'en';

interface LocaleContextValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey) => string;
  /** Picks the label for the current language from a { vi, en } pair (e.g. UNIT_TYPES, ROLES). */
  label: (pair: { vi: string; en: string }) => string;
}

/**
 * The reader's language for number formatting outside components (formatters in feature modules):
 * set by the provider as it renders, so everything below it formats with the language it shows.
 */
let activeLocale: Locale = 'vi';
const numberFormats = new Map<string, Intl.NumberFormat>();

/** The language the app is shown in now (for code outside components: the API client's messages). */
export const currentLocale = (): Locale => activeLocale;

/** A number in the reader's format: vi 1.234,5 ; en 1,234.5. */
export function formatNumber(value: number, options: Intl.NumberFormatOptions = {}): string {
  const key = `${activeLocale}${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(activeLocale === 'vi' ? 'vi-VN' : 'en-GB', options);
    numberFormats.set(key, format);
  }
  return format.format(value);
}

/** The decimal mark number fields accept and show: "," in Vietnamese, "." in English. */
export function decimalMark(): ',' | '.' {
  return activeLocale === 'vi' ? ',' : '.';
}

/** The thousands mark number fields show: "." in Vietnamese, "," in English (never the decimal mark). */
export function thousandsMark(): '.' | ',' {
  return activeLocale === 'vi' ? '.' : ',';
}

const LocaleContext = createContext<LocaleContextValue | null>(null);
const STORAGE_KEY = 'chiso.locale';

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() =>
    localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi',
  );
  activeLocale = locale;
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const setLocale = useCallback((next: Locale) => {
    // At once, not at the next render: requests sent right after the switch ask in the new language.
    activeLocale = next;
    localStorage.setItem(STORAGE_KEY, next);
    setLocaleState(next);
  }, []);
  const value = useMemo<LocaleContextValue>(
    () => ({ locale, setLocale, t: (key) => MESSAGES[key][locale], label: (pair) => pair[locale] }),
    [locale, setLocale],
  );
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useT(): LocaleContextValue {
  const value = useContext(LocaleContext);
  if (!value) throw new Error('useT outside LocaleProvider');
  return value;
}

/** "2026-11-23T01:17:52Z" → "23/11/2026 08:17:52" in Vietnam time. */
export function formatDateTimeVi(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(new Date(iso));
  return parts.replace(',', '');
}
