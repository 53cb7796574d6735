/**
 * jsdom gaps the pane's tests need filled. Import first in every test file of test/taskpane.
 */
import { TextDecoder, TextEncoder } from 'util';

const g = globalThis as Record<string, unknown>;
if (!g.TextDecoder) g.TextDecoder = TextDecoder;
if (!g.TextEncoder) g.TextEncoder = TextEncoder;

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

// jest-axe's matcher.
import { toHaveNoViolations } from 'jest-axe';
expect.extend(toHaveNoViolations);
