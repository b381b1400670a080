import { join } from 'node:path';

/** The layout of the data folder. Paths stored in the database are relative to it. */
export const DATA_FOLDERS = {
  inbox: 'inbox',
  submissions: 'submissions',
  snapshots: 'snapshots',
  /** Uploads land here first, then move into the inbox. */
  uploads: 'uploads',
} as const;

export function dataPath(dataDir: string, folder: keyof typeof DATA_FOLDERS, ...parts: string[]): string {
  return join(dataDir, DATA_FOLDERS[folder], ...parts);
}

/** A path inside the data folder, `/`-separated, as stored in the database. */
export function storedPath(folder: keyof typeof DATA_FOLDERS, fileName: string): string {
  return `${DATA_FOLDERS[folder]}/${fileName}`;
}
