/** What a 409 VERSION_CONFLICT carries in `details.current`: the record as it is now, who changed it and when. */
export interface CurrentVersion<T = Record<string, unknown>> {
  version: number;
  /** null: the record was removed (an entered value cleared) since the writer read it. */
  record: T | null;
  updatedAt: string | null;
  updatedBy: { id: number; name: string } | null;
}
