/** Output file names per report format, shared by every writer so `--out-dir` results are predictable. */

/** Formats that have a report file. */
export type ReportFileFormat = 'text' | 'json' | 'md' | 'html' | 'junit';

const FILE_NAMES: Record<ReportFileFormat, string> = {
  text: 'drift-report.txt',
  json: 'drift-report.json',
  md: 'drift-report.md',
  html: 'drift-report.html',
  junit: 'drift-report.junit.xml',
};

/** The file name of a format's report (`drift-report.html`, `drift-report.junit.xml`, ...). */
export function reportFileName(format: ReportFileFormat): string {
  const name = FILE_NAMES[format];
  if (!name)
    throw new Error(
      `unknown report format "${String(format)}"; expected one of ${Object.keys(FILE_NAMES).join(', ')}`,
    );
  return name;
}
