/**
 * Turning whatever a host throws into a message that tells the user what to do.
 * Office.js errors carry a `code` (OfficeExtension.ErrorCodes); the .xlsx host's errors carry a
 * bilingual `messages`; the pane's own checks throw PaneError.
 */
import type { Locale } from '../../core/finding';
import { translate, type MessageKey, type MessageParams } from '../i18n';

export type ErrorKind = 'protected' | 'cell-edit' | 'unsupported' | 'read' | 'write' | 'other';

/** An error the pane raises itself, already worded for the user. */
export class PaneError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly key: MessageKey,
    readonly params?: MessageParams,
  ) {
    super(translate('en', key, params));
    this.name = 'PaneError';
  }
}

/** Writing into a protected sheet: refused before Excel is asked. */
export class ProtectedSheetError extends PaneError {
  constructor(readonly sheet: string) {
    super('protected', 'error.protected', { sheet });
    this.name = 'ProtectedSheetError';
  }
}

export interface UiError {
  kind: ErrorKind;
  /** The sentence that says what to do. */
  message: string;
  /** Extra context (sheet name), when known. */
  detail?: string;
}

interface ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  reason?: string;
  sheet?: string;
  messages?: Partial<Record<Locale, string>>;
  debugInfo?: { code?: string; message?: string; errorLocation?: string };
}

const PROTECTED_TEXT = /protect|bảo vệ/i;

export function describeError(error: unknown, locale: Locale): UiError {
  const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
  const e = (error ?? {}) as ErrorLike;
  if (error instanceof ProtectedSheetError) {
    return { kind: 'protected', message: t('error.protected'), detail: t('error.protectedSheet', { sheet: error.sheet }) };
  }
  if (error instanceof PaneError) return { kind: error.kind, message: t(error.key, error.params) };

  const code = e.code ?? e.debugInfo?.code ?? '';
  const text = `${e.message ?? ''} ${e.debugInfo?.message ?? ''}`;
  if (
    e.reason === 'protected' ||
    ((code === 'AccessDenied' || code === 'InvalidOperation') && PROTECTED_TEXT.test(text)) ||
    /sheet.*protected/i.test(text)
  ) {
    return {
      kind: 'protected',
      message: t('error.protected'),
      detail: e.sheet ? t('error.protectedSheet', { sheet: e.sheet }) : undefined,
    };
  }
  if (code === 'InvalidOperationInCellEditMode') return { kind: 'cell-edit', message: t('error.cellEdit') };
  if (code === 'ApiNotFound' || e.name === 'OfficeRequirementError' || e.reason === 'unsupported') {
    return { kind: 'unsupported', message: e.messages?.[locale] ?? t('error.unsupported') };
  }
  if (e.messages && typeof e.messages[locale] === 'string') {
    return { kind: e.name === 'WorkbookReadError' ? 'read' : 'other', message: e.messages[locale]! };
  }
  if (code === 'AccessDenied') return { kind: 'write', message: t('error.write') };
  const detail = (e.message ?? String(error)).split('\n')[0].slice(0, 200) || code || '?';
  return { kind: 'other', message: t('error.generic', { detail }) };
}
