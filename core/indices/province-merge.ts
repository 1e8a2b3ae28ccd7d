/**
 * The 1 July 2025 merger of 63 provinces into 34, as data (reference/dvhc/provinces_merge_2025.csv):
 * results published for the old provinces are read against the province each became part of.
 */
export interface ProvinceMerge {
  oldCode: string;
  oldName: string;
  newCode: string;
  newName: string;
}

export function parseProvinceMerge(csv: string): ProvinceMerge[] {
  const [, ...lines] = csv
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  return lines.map((line) => {
    const [oldCode = '', oldName = '', newCode = '', newName = ''] = line.split(',');
    return { oldCode, oldName, newCode, newName };
  });
}

/** The old provinces that formed a province of today, in code order. */
export function predecessorsOf(merges: readonly ProvinceMerge[], newCode: string): ProvinceMerge[] {
  return merges
    .filter((merge) => merge.newCode === newCode)
    .sort((a, b) => a.oldCode.localeCompare(b.oldCode));
}
