/// <reference types="office-js" />
/**
 * Fluent theme from Office's theme: dark Office themes get the dark theme. Office reports its
 * colours as strings; we only read the body background's lightness, we never paint with it.
 */
import { teamsDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';

/** Relative lightness (0–1) of a "#rrggbb" colour string; null when it is not one. */
export function lightness(color: string | undefined | null): number | null {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec((color ?? '').trim());
  if (!m) return null;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h, 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function officeIsDark(): boolean {
  try {
    const office = (globalThis as { Office?: typeof Office }).Office;
    const l = lightness(office?.context?.officeTheme?.bodyBackgroundColor);
    return l !== null && l < 0.5;
  } catch {
    return false;
  }
}

export function paneTheme(): Theme {
  return officeIsDark() ? teamsDarkTheme : webLightTheme;
}
