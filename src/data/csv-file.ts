/**
 * Reading CSV files from disk for the parsers in csv.ts. Kept apart so that csv.ts stays free of
 * Node-only APIs: the browser panels bundle the parsers (a CSV dropped onto the playground) but
 * never read a file by path.
 */
import { readFile } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { parseCsv, parseCsvGrid } from './csv.js';
import type { CsvDataset, CsvGrid, CsvOptions } from './csv.js';

/** Read and parse a CSV file. A missing or unreadable file is a `UserError` naming it. */
export async function readCsv(path: string, options: CsvOptions = {}): Promise<CsvDataset> {
  return parseCsv(await readText(path), path, options);
}

async function readText(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory, expected a CSV file'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : `cannot be read (${(err as Error).message})`;
    throw new UserError(`${path}: ${reason}`);
  }
  return text;
}

/** Read a file for `parseCsvGrid`; a missing or unreadable file is a `UserError` naming it. */
export async function readCsvGrid(path: string, options: { leaveOut?: string } = {}): Promise<CsvGrid> {
  return parseCsvGrid(await readText(path), path, options);
}
