/**
 * Choosing a workbook file from the task pane: a hidden <input type="file">. The bytes are read
 * locally with FileReader/Blob.arrayBuffer and never leave the computer.
 */
import type { PickedFile } from './types';

export const WORKBOOK_ACCEPT = '.xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function readFileBytes(file: Blob): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'));
    reader.readAsArrayBuffer(file);
  });
}

/** Open the browser's file dialog; resolves null when the user cancels. */
export function pickFileWithInput(doc: Document = document): Promise<PickedFile | null> {
  return new Promise((resolve, reject) => {
    const input = doc.createElement('input');
    input.type = 'file';
    input.accept = WORKBOOK_ACCEPT;
    input.style.display = 'none';
    let settled = false;
    const finish = (file: File | null) => {
      if (settled) return;
      settled = true;
      input.remove();
      if (!file) return resolve(null);
      readFileBytes(file).then((data) => resolve({ name: file.name, data }), reject);
    };
    input.addEventListener('change', () => finish(input.files?.[0] ?? null));
    // Browsers that support it report a cancelled dialog.
    input.addEventListener('cancel', () => finish(null));
    doc.body.appendChild(input);
    input.click();
  });
}
