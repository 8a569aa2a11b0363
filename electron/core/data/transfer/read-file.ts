import fs from 'node:fs/promises';
import { AppError } from '../../../../shared/contract/errors';

/** Far above any real history (the heavy four-year dataset exports to ~40 MB), far below trouble. */
export const MAX_IMPORT_BYTES = 256 * 2 ** 20;

const invalidFile = (message: string) => new AppError('VALIDATION', message, [{ path: 'path', message }]);

/** The file's text, refusing what is missing, huge, or not UTF-8. */
export async function readImportText(file: string): Promise<string> {
  let size: number;
  try {
    const st = await fs.stat(file);
    if (!st.isFile()) throw invalidFile(`${file} is not a file`);
    size = st.size;
  } catch (err) {
    if (err instanceof AppError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('NOT_FOUND', `file ${file} not found`);
    throw new AppError('FORBIDDEN', `cannot read ${file}: ${(err as Error).message}`);
  }
  if (size > MAX_IMPORT_BYTES) throw invalidFile(`${file} has ${size} bytes, more than the ${MAX_IMPORT_BYTES} an import accepts`);
  const bytes = await fs.readFile(file);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw invalidFile(`${file} is not UTF-8 text`);
  }
}

export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw invalidFile(`${file} is not valid JSON: ${(err as Error).message.slice(0, 200)}`);
  }
}
