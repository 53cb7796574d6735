/**
 * jsdom gaps the pane's tests need filled. Import first in every test file of test/taskpane.
 */
import { TextDecoder, TextEncoder } from 'util';
import { DecompressionStream } from 'stream/web';

const g = globalThis as Record<string, unknown>;
if (!g.TextDecoder) g.TextDecoder = TextDecoder;
if (!g.TextEncoder) g.TextEncoder = TextEncoder;
// The Compression Streams API, which every browser the page supports has (DecompressionStream:
// Chromium 80, Safari 16.4, Firefox 113) and jsdom does not: the .xlsx reader inflates with it
// (src/hosts/xlsx/zip.ts). Node's own implementation stands in.
if (!g.DecompressionStream) g.DecompressionStream = DecompressionStream;

if (typeof window !== 'undefined') {
  if (!window.matchMedia) {
    window.matchMedia = (query: string) =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => undefined,
        removeListener: () => undefined,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        dispatchEvent: () => false,
      }) as unknown as MediaQueryList;
  }
  if (!(g as { ResizeObserver?: unknown }).ResizeObserver) {
    g.ResizeObserver = class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
  }
}

// Waits: every findBy…/waitFor awaits its condition for up to 10 s (testing-library's default is
// 1 s, which a cold module cache or a busy machine exceeds: the first render lazily loads views
// and workbook readers). A passing wait returns as soon as the condition holds, so this costs
// nothing; a test gets 30 s in all unless its file sets more.
import { configure } from '@testing-library/react';
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);

// jest-axe's matcher.
import { toHaveNoViolations } from 'jest-axe';
expect.extend(toHaveNoViolations);
