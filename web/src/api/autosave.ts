import { useBlocker } from '@tanstack/react-router';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CurrentVersion } from '../../../core/versions.ts';
import { ApiError } from './client.ts';

/** After a 503 DATABASE_UNAVAILABLE (its Retry-After is 3 s). */
const RETRY_UNAVAILABLE_MS = 3000;

export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'error' | 'conflict';

export interface AutosaveOptions<T> {
  /** Writes the whole value of the record; `keepalive` when the page is going away. Throws ApiError. */
  save: (value: T, options: { keepalive: boolean }) => Promise<void>;
  /** Quiet time after the last keystroke before saving. */
  delay?: number;
  enabled?: boolean;
  /** Asked before leaving when something could not be saved (the browser's own dialog). */
  leaveMessage: string;
}

export interface Autosave<T> {
  status: SaveStatus;
  savedAt: Date | null;
  error: ApiError | null;
  /** On a 409 VERSION_CONFLICT: the record as it is now, who saved it and when. */
  conflict: CurrentVersion | null;
  /** The value that could not be saved (shown beside the other version in a conflict). */
  unsaved: T | null;
  schedule(value: T): void;
  /** Saves what is pending now; false if it could not be saved. */
  flush(): Promise<boolean>;
  retry(): Promise<boolean>;
  /** Forget what was not saved (the user took the other version). */
  discard(): void;
}

/**
 * The one save model of the web app: every change is saved a moment after the user stops typing, one
 * write at a time (each carries the version the previous one returned), flushed before a route change
 * and sent with `keepalive` when the tab closes or reloads. Leaving while something could not be saved
 * asks first.
 */
export function useAutosave<T>({
  save,
  delay = 700,
  enabled = true,
  leaveMessage,
}: AutosaveOptions<T>): Autosave<T> {
  const pending = useRef<{ value: T } | null>(null);
  const failed = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inflight = useRef<Promise<void> | null>(null);
  const saveRef = useRef(save);
  saveRef.current = save;
  const [status, setStatus] = useState<SaveStatus>('idle');
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [unsaved, setUnsaved] = useState<T | null>(null);

  const run = useCallback(async (keepalive = false): Promise<boolean> => {
    clearTimeout(timer.current);
    // One write at a time: the next one carries the version the previous one returned.
    if (inflight.current) await inflight.current.catch(() => undefined);
    const next = pending.current;
    if (!next) return !failed.current;
    pending.current = null;
    setStatus('saving');
    const attempt = saveRef.current(next.value, { keepalive });
    inflight.current = attempt;
    try {
      await attempt;
      failed.current = false;
      setError(null);
      setUnsaved(null);
      setSavedAt(new Date());
      setStatus(pending.current ? 'pending' : 'saved');
      return true;
    } catch (caught) {
      const apiError =
        caught instanceof ApiError ? caught : new ApiError(0, 'INTERNAL', String(caught ?? 'error'));
      // Kept to be sent again, unless the user has typed something newer meanwhile.
      pending.current ??= next;
      failed.current = true;
      setError(apiError);
      setUnsaved(pending.current.value);
      setStatus(apiError.code === 'VERSION_CONFLICT' ? 'conflict' : 'error');
      // The database is moving to its standby (a few seconds): sent again by itself, as the answer asks.
      if (apiError.code === 'DATABASE_UNAVAILABLE')
        timer.current = setTimeout(() => void run(), RETRY_UNAVAILABLE_MS);
      return false;
    } finally {
      inflight.current = null;
    }
  }, []);

  const schedule = useCallback(
    (value: T) => {
      pending.current = { value };
      clearTimeout(timer.current);
      // After a conflict nothing is sent until the user chooses which version to keep.
      if (failed.current && error?.code === 'VERSION_CONFLICT') return;
      setStatus('pending');
      timer.current = setTimeout(() => void run(), delay);
    },
    [delay, run, error],
  );

  const hasUnsaved = () => pending.current !== null || inflight.current !== null;

  // A route change waits for the save; it asks only if the save failed.
  useBlocker({
    shouldBlockFn: async () => {
      await run();
      if (!hasUnsaved() && !failed.current) return false;
      return !window.confirm(leaveMessage);
    },
    enableBeforeUnload: false,
    disabled: !enabled,
  });

  // Closing or reloading the tab: what is pending is sent with keepalive (it outlives the page); the
  // browser asks only when something already failed to save.
  useEffect(() => {
    if (!enabled) return;
    const leave = (event: BeforeUnloadEvent) => {
      if (pending.current && !failed.current && !inflight.current) void run(true);
      else if (pending.current || inflight.current || failed.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', leave);
    return () => window.removeEventListener('beforeunload', leave);
  }, [enabled, run]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const conflictDetails = conflictOf(error);

  return {
    status,
    savedAt,
    error,
    conflict: conflictDetails,
    unsaved,
    schedule,
    flush: () => run(),
    retry: () => {
      failed.current = false;
      return run();
    },
    discard: () => {
      pending.current = null;
      failed.current = false;
      setError(null);
      setUnsaved(null);
      setStatus('idle');
    },
  };
}

/** The record as it is now that a 409 VERSION_CONFLICT carries, or null for any other error. */
export function conflictOf(error: ApiError | null | undefined): CurrentVersion | null {
  return error?.code === 'VERSION_CONFLICT'
    ? ((error.details as { current?: CurrentVersion } | null)?.current ?? null)
    : null;
}
