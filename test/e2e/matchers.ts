/**
 * Waiting assertions on Playwright locators for jest (playwright-core has no test runner):
 * each polls until the condition holds or E2E_WAIT_MS (default 15 s) passes, then fails with
 * what the page showed.
 */
import type { Locator } from 'playwright-core';

const WAIT_MS = Number(process.env.E2E_WAIT_MS ?? 15_000);

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toBeVisibleSoon(): Promise<R>;
      toBeHiddenSoon(): Promise<R>;
      /** The element's whole text, trimmed, equals `text` (or matches the RegExp). */
      toHaveTextSoon(text: string | RegExp): Promise<R>;
      toContainTextSoon(text: string): Promise<R>;
      toHaveAttributeSoon(name: string, value: string): Promise<R>;
      toHaveCountSoon(count: number): Promise<R>;
      /** The element is document.activeElement. */
      toBeFocusedSoon(): Promise<R>;
    }
  }
}

async function poll(check: () => Promise<{ ok: boolean; seen: string }>): Promise<{ ok: boolean; seen: string }> {
  const end = Date.now() + WAIT_MS;
  let last = { ok: false, seen: '' };
  for (;;) {
    try {
      last = await check();
    } catch (e) {
      last = { ok: false, seen: `error: ${(e as Error).message.split('\n')[0]}` };
    }
    if (last.ok || Date.now() > end) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const norm = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

expect.extend({
  async toBeVisibleSoon(locator: Locator) {
    const r = await poll(async () => {
      const visible = await locator.first().isVisible();
      return { ok: visible, seen: visible ? 'visible' : `not visible (${await locator.count()} matching)` };
    });
    return { pass: r.ok, message: () => `expected ${locator} to be visible; ${r.seen}` };
  },
  async toBeHiddenSoon(locator: Locator) {
    const r = await poll(async () => {
      const visible = await locator.first().isVisible();
      return { ok: !visible, seen: visible ? 'visible' : 'hidden' };
    });
    return { pass: r.ok, message: () => `expected ${locator} to be hidden; ${r.seen}` };
  },
  async toHaveTextSoon(locator: Locator, text: string | RegExp) {
    const r = await poll(async () => {
      const seen = norm(await locator.first().textContent({ timeout: 1000 }));
      return { ok: typeof text === 'string' ? seen === text : text.test(seen), seen };
    });
    return { pass: r.ok, message: () => `expected ${locator} to have text ${String(text)}; it had "${r.seen}"` };
  },
  async toContainTextSoon(locator: Locator, text: string) {
    const r = await poll(async () => {
      const seen = norm(await locator.first().textContent({ timeout: 1000 }));
      return { ok: seen.includes(text), seen };
    });
    return { pass: r.ok, message: () => `expected ${locator} to contain "${text}"; it had "${r.seen}"` };
  },
  async toHaveAttributeSoon(locator: Locator, name: string, value: string) {
    const r = await poll(async () => {
      const seen = await locator.first().getAttribute(name, { timeout: 1000 });
      return { ok: seen === value, seen: String(seen) };
    });
    return { pass: r.ok, message: () => `expected ${locator} to have ${name}="${value}"; it had "${r.seen}"` };
  },
  async toHaveCountSoon(locator: Locator, count: number) {
    const r = await poll(async () => {
      const n = await locator.count();
      return { ok: n === count, seen: String(n) };
    });
    return { pass: r.ok, message: () => `expected ${count} of ${locator}; found ${r.seen}` };
  },
  async toBeFocusedSoon(locator: Locator) {
    const r = await poll(async () => {
      const focused = await locator.first().evaluate((e) => e === document.activeElement, undefined, { timeout: 1000 });
      const seen = focused
        ? 'focused'
        : await locator.first().evaluate((e) => {
            const a = e.ownerDocument.activeElement;
            return `focus on <${a?.tagName.toLowerCase()}${a?.getAttribute('data-testid') ? ` data-testid=${a.getAttribute('data-testid')}` : ''}>`;
          });
      return { ok: focused, seen };
    });
    return { pass: r.ok, message: () => `expected ${locator} to be focused; ${r.seen}` };
  },
});

export {};

/** Retry `check(await read())` until it stops throwing (or E2E_WAIT_MS passes, then rethrow). */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => void): Promise<void> {
  const end = Date.now() + WAIT_MS;
  for (;;) {
    try {
      check(await read());
      return;
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
