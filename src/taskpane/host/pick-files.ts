/**
 * Choosing several workbook files at once ("Tổng hợp từ các tệp"): a hidden
 * <input type="file" multiple>. The bytes are read locally (Blob.arrayBuffer / FileReader) and
 * never leave the computer. Any host that runs in a browser page (OfficeHost, a browser file
 * host) can use it as its `pickFiles()`.
 */
import { PaneError } from './errors';
import { WORKBOOK_ACCEPT, readFileBytes } from './pick-file';
import type { PickedFile } from './types';

/**
 * .xlsx and .xlsm, and also the old .xls: a unit that sent an .xls is then shown in the list
 * with "save it as .xlsx" instead of being invisible in the file dialog.
 */
export const WORKBOOKS_ACCEPT = `${WORKBOOK_ACCEPT},.xls,application/vnd.ms-excel`;

/** The bytes of every chosen file; a file that cannot be read stops the pick with its name. */
export async function readChosenFiles(files: readonly File[]): Promise<PickedFile[]> {
  return Promise.all(
    files.map(async (file) => {
      try {
        return { name: file.name, data: await readFileBytes(file) };
      } catch {
        throw new PaneError('read', 'consolidate.fileBytes', { name: file.name });
      }
    }),
  );
}

/** Open the browser's file dialog (several files allowed); resolves [] when the user cancels. */
export function pickFilesWithInput(doc: Document = document): Promise<PickedFile[]> {
  return new Promise((resolve, reject) => {
    const input = doc.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.accept = WORKBOOKS_ACCEPT;
    input.style.display = 'none';
    let settled = false;
    const finish = (files: File[]) => {
      if (settled) return;
      settled = true;
      input.remove();
      if (files.length === 0) return resolve([]);
      readChosenFiles(files).then(resolve, reject);
    };
    input.addEventListener('change', () => finish(Array.from(input.files ?? [])));
    // Browsers that support it report a cancelled dialog.
    input.addEventListener('cancel', () => finish([]));
    doc.body.appendChild(input);
    input.click();
  });
}
