/**
 * Saving a file the pane made (the Word report) on this computer: a Blob and a temporary
 * `<a download>` link, the browser's own download. Nothing leaves the page.
 */
import { downloadBytes } from '../standalone/download';
import type { SavedFile, SaveOutcome, WorkbookHost } from './types';

export function saveWithLink(file: SavedFile, doc: Document = document): void {
  downloadBytes(file.name, file.data, doc, file.mime);
}

/** The host's way of saving, else the download link. */
export async function saveFileOn(host: WorkbookHost, file: SavedFile): Promise<SaveOutcome> {
  if (host.saveFile) return host.saveFile(file);
  saveWithLink(file);
  return 'downloaded';
}
