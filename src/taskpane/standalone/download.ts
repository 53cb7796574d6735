/**
 * Saving the result workbook from the browser: a Blob and a temporary download link. The bytes
 * go from this page to the user's Downloads folder; nothing is sent anywhere.
 */

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function downloadBytes(name: string, data: Uint8Array, doc: Document = document, mime: string = XLSX_MIME): void {
  // A copy into a plain ArrayBuffer (the bytes may be a view into a larger buffer).
  const copy = new Uint8Array(data.byteLength);
  copy.set(data);
  const blob = new Blob([copy.buffer], { type: mime });
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.style.display = 'none';
  doc.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL is released.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
