/**
 * File names of one ingestion's Parquet output inside its partition: `<id>.parquet` when one file
 * holds every row, `<id>-part-00001.parquet` … when the row cap split them.
 */
export function parquetFileNames(ingestionId: string, parts: number): string[] {
  if (parts === 1) return [`${ingestionId}.parquet`];
  return Array.from({ length: parts }, (_, i) => `${ingestionId}-part-${String(i + 1).padStart(5, '0')}.parquet`);
}

/** True for a file an earlier commit of this ingestion may have written (and a new commit replaces). */
export function isParquetFileOf(ingestionId: string, fileName: string): boolean {
  if (fileName === `${ingestionId}.parquet`) return true;
  const partPrefix = `${ingestionId}-part-`;
  return fileName.startsWith(partPrefix) && /^\d{5,}\.parquet$/.test(fileName.slice(partPrefix.length));
}
