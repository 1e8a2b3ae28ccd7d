import { type QueryKey, useQuery, useQueryClient } from '@tanstack/react-query';
import { type Dispatch, type SetStateAction, useEffect, useRef, useState } from 'react';
import type { CurrentVersion } from '../../../core/versions.ts';
import { useT } from '../i18n/locale.tsx';
import { type Autosave, useAutosave } from './autosave.ts';
import { api } from './client.ts';

export interface AutosavedSetting<Form, Value> {
  /** The form as the server last answered it (`undefined` while loading). */
  data: Form | undefined;
  error: Error | null;
  /** What the user edits (null until the form is read, and after taking the saved version). */
  value: Value | null;
  /** A change by the user: shown now, saved a moment later. */
  change: (next: Value) => void;
  /** A change on screen only (e.g. a line not complete yet), saved with the next change. */
  set: Dispatch<SetStateAction<Value | null>>;
  autosave: Autosave<Value>;
  /** ConflictDialog's two choices. */
  keepMine: (current: CurrentVersion) => void;
  takeTheirs: () => void;
}

/**
 * An installation-wide setting saved whole as it is edited: read once (GET `url`), edited on screen,
 * written by `useAutosave` (PUT `url` with the version the last answer carried), each answer put back
 * in the query cache. After a conflict the user keeps theirs (sent again over the newer version) or
 * takes the saved one (read again). What is typed is never replaced by a later answer.
 */
export function useAutosavedSetting<Form extends { version: number }, Value>({
  queryKey,
  url,
  initial,
  body,
  onSaved,
}: {
  queryKey: QueryKey;
  url: string;
  /** The value edited, made from the form as first read. */
  initial: (form: Form) => Value;
  /** What is sent for a value, the version aside. */
  body: (value: Value) => object;
  /** After each save, with the answer (e.g. the codes given to new lines). */
  onSaved?: (saved: Form, set: Dispatch<SetStateAction<Value | null>>) => void;
}): AutosavedSetting<Form, Value> {
  const { t } = useT();
  const client = useQueryClient();
  // A commune's coordinator holds the permission but not installation-wide: no settings for them.
  const { data, error } = useQuery({ queryKey, queryFn: () => api<Form>('GET', url), retry: false });
  const [value, setValue] = useState<Value | null>(null);
  const version = useRef(0);
  const initialRef = useRef(initial);
  initialRef.current = initial;
  useEffect(() => {
    if (!data) return;
    version.current = data.version;
    setValue((current) => current ?? initialRef.current(data));
  }, [data]);
  const autosave = useAutosave<Value>({
    save: async (next, { keepalive }) => {
      const saved = await api<Form>('PUT', url, { ...body(next), version: version.current }, { keepalive });
      version.current = saved.version;
      client.setQueryData(queryKey, saved);
      onSaved?.(saved, setValue);
    },
    leaveMessage: t('saveLeaveUnsaved'),
  });
  return {
    data,
    error,
    value,
    change: (next) => {
      setValue(next);
      autosave.schedule(next);
    },
    set: setValue,
    autosave,
    keepMine: (current) => {
      version.current = current.version;
      void autosave.retry();
    },
    takeTheirs: () => {
      autosave.discard();
      setValue(null);
      void client.invalidateQueries({ queryKey });
    },
  };
}
