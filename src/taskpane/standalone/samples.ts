/**
 * The built-in sample ("Dùng tệp mẫu"): samples/tong-hop-xa-2025.xlsx and its prior year
 * tong-hop-xa-2024.xlsx, copied into the build by webpack and fetched from the page's own origin.
 */
import type { PickedFile } from '../host/types';

export const SAMPLE_CURRENT = 'tong-hop-xa-2025.xlsx';
export const SAMPLE_PRIOR = 'tong-hop-xa-2024.xlsx';

/** Where the build puts the samples, relative to taskpane.html. */
export const SAMPLES_PATH = 'samples/';

export async function fetchSample(name: string, base: string = document.baseURI): Promise<PickedFile> {
  const url = new URL(`${SAMPLES_PATH}${name}`, base);
  const response = await fetch(url.href, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${response.status} ${response.statusText || ''}`.trim());
  return { name, data: await response.arrayBuffer() };
}
