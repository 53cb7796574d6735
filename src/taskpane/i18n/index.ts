/**
 * Task-pane localisation: Vietnamese first; English when Office says the display language is
 * English ('en-*') or the user picks it in the pane (remembered in localStorage).
 */
/// <reference types="office-js" />
import { createContext, createElement, useContext, useMemo, type ReactNode } from 'react';
import type { Locale } from '../../core/finding';
import { formatNumber, type Numeric } from '../../core/format';
import { en } from './en';
import { vi, type MessageKey } from './vi';

export type { MessageKey } from './vi';
export type { Locale } from '../../core/finding';

export const catalogs: Record<Locale, Record<MessageKey, string>> = { vi, en };

export type MessageParams = Record<string, string | number>;

/** Fill {placeholders}; an unknown placeholder is left as it is (a visible, testable mistake). */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = catalogs[locale][key] ?? catalogs.vi[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

const LOCALE_STORAGE_KEY = 'par-scorecard.locale';

/** The user's choice in the pane, else Office's display language, else Vietnamese. */
export function detectLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    if (saved === 'vi' || saved === 'en') return saved;
  } catch {
    // Storage can be blocked in some Office hosts: fall through.
  }
  try {
    const lang = typeof Office !== 'undefined' ? Office.context?.displayLanguage : undefined;
    if (typeof lang === 'string' && /^en(-|$)/i.test(lang)) return 'en';
  } catch {
    // Office.context is not ready outside Office: Vietnamese.
  }
  return 'vi';
}

export function rememberLocale(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Not remembered: the choice still holds for this session.
  }
}

export interface I18n {
  locale: Locale;
  t: (key: MessageKey, params?: MessageParams) => string;
  /** Numbers in the locale's style: 91,25 (vi), 91.25 (en); 3 decimals at most, trailing zeros trimmed. */
  num: (value: Numeric, decimals?: number) => string;
}

export function makeI18n(locale: Locale): I18n {
  return {
    locale,
    t: (key, params) => translate(locale, key, params),
    num: (value, decimals = 3) => formatNumber(value, locale, decimals),
  };
}

const I18nContext = createContext<I18n>(makeI18n('vi'));

export function I18nProvider({ locale, children }: { locale: Locale; children?: ReactNode }) {
  const value = useMemo(() => makeI18n(locale), [locale]);
  return createElement(I18nContext.Provider, { value }, children);
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
