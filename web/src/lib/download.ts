/** Characters Windows and macOS refuse in file names, and control characters. */
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_FILENAME = /[\\/:*?"<>|\u0000-\u001f]/g;

/** A file name built from parts (an office name, a fiscal year): unsafe characters become `_`. */
export const safeFilename = (...parts: string[]): string =>
  parts
    .map((part) => part.trim().replace(UNSAFE_IN_FILENAME, '_').replace(/\s+/g, '_'))
    .filter((part) => part !== '')
    .join('_');

/**
 * Saves a fetched file through a temporary object URL. Nothing is stored by the portal itself: the
 * Blob lives until the browser has handed it to its download manager, then the URL is revoked.
 */
export const saveBlob = (blob: Blob, filename: string): void => {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};
