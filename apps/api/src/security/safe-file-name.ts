import { basename, isAbsolute, relative, resolve } from 'node:path';

/**
 * Turns a file name supplied by a browser or client into one that is safe to store: no folder
 * parts (`../`, `..%2F`, `C:\`, absolute paths), no NUL or control characters, no leading dots,
 * only letters, digits, `.`, `_`, `-` and spaces, at most `maxLength` characters with the
 * extension kept. Never returns an empty name.
 */
export function safeFileName(supplied: string, maxLength = 120): string {
  let name = supplied;
  // Decode percent-encoding (repeatedly, to undo double encoding) so `..%2F..%2F` is seen as
  // folders and stripped below; a malformed sequence is kept as text.
  for (let round = 0; round < 3 && /%[0-9a-f]{2}/i.test(name); round += 1) {
    try {
      name = decodeURIComponent(name);
    } catch {
      break;
    }
  }
  // Keep only the last path segment, whichever separator the client's system used.
  name = name.replace(/\\/g, '/');
  name = basename(name.split('/').pop() ?? '');
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  name = name.replace(/[\u0000-\u001f\u007f]/g, '');
  name = name.normalize('NFKC').replace(/[^A-Za-z0-9._ -]/g, '_');
  name = name.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  name = name.replace(/\.{2,}/g, '.').replace(/\s+/g, ' ');
  // Windows device names are refused by the file system whatever the extension.
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(name)) name = `_${name}`;
  if (name === '') name = 'upload';
  if (name.length > maxLength) {
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = name.slice(0, maxLength - extension.length) + extension;
  }
  return name;
}

/** Thrown when a path would leave the folder it must stay in. */
export class UnsafePathError extends Error {
  constructor() {
    super('The file name is not allowed.');
    this.name = 'UnsafePathError';
  }
}

/**
 * The absolute path of `fileName` inside `folder`, after `safeFileName`. Throws if the result
 * would still leave the folder (defence in depth).
 */
export function safePathInside(folder: string, fileName: string): string {
  const root = resolve(folder);
  const target = resolve(root, safeFileName(fileName));
  const fromRoot = relative(root, target);
  if (fromRoot === '' || fromRoot.startsWith('..') || isAbsolute(fromRoot)) throw new UnsafePathError();
  return target;
}
