/**
 * Downloads from the page. The CSV and YAML texts themselves come from the scenario layer
 * (`resultToWideCsv`, `sweepToCsv`, `scenarioToYaml`), the same functions the CLI writes with.
 */

/** A file name safe on every OS, from a scenario name. */
export function safeFileName(name: string, ext: string): string {
  const base = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'ferrosim';
  return `${base}.${ext}`;
}

/** Offers `content` as a download (browser only). */
export function download(fileName: string, content: string | Blob, type = 'text/plain'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type: `${type};charset=utf-8` }) : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
