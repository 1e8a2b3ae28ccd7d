/** Puts values into a label's {placeholders}: fill('{count} đơn vị', { count: 3 }) → "3 đơn vị". */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}
