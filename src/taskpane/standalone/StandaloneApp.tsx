/**
 * The standalone page: the task pane opened in a plain browser (no Excel), working on a workbook
 * file the user picks ("Mở tệp Excel…") or on the built-in sample ("Dùng tệp mẫu"). Every view
 * runs unchanged on a BrowserFileHost; beside the pane, a preview of the sheet shows the findings
 * and the selected cell; "Tải xuống" saves the resulting workbook. Everything stays in the page.
 */
import {
  Button,
  FluentProvider,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
  webDarkTheme,
  webLightTheme,
  type Theme,
} from '@fluentui/react-components';
import { DocumentTableSearchRegular, FolderOpenRegular } from '@fluentui/react-icons';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { App, usePageStyles } from '../App';
import { Busy } from '../components/Busy';
import { LanguagePicker } from '../components/LanguagePicker';
import { BrowserFileHost, loadXlsxModule, type OpenWorkbook } from '../host/BrowserFileHost';
import type { PickedFile } from '../host/types';
import { I18nProvider, detectLocale, rememberLocale, type Locale } from '../i18n';
import type { PriorSource } from '../session/WorkbookSession';
import { priorFromWorkbook } from '../views/Compare/comparison';
import { readPickedWorkbook } from '../views/Compare/load-prior';
import { VIEW_LOADERS, type ViewId } from '../views/registry';
import { FileBar, OpenErrorNotice, useCurrentWorkbook, type OpenError } from './FileBar';
import { SAMPLE_CURRENT, SAMPLE_PRIOR, fetchSample } from './samples';
import { SheetPreview } from './SheetPreview';
import { standaloneText } from './strings';

export { DOWNLOAD_REPEAT_MS } from './FileBar';

const useStyles = makeStyles({
  provider: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2 },
  start: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    maxWidth: '640px',
  },
  header: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  title: { margin: '0', fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  paragraph: { margin: '0' },
  muted: { color: tokens.colorNeutralForeground3 },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  page: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start' },
  paneColumn: { flexGrow: 0, flexShrink: 1, flexBasis: '460px', minWidth: '0', maxWidth: '720px' },
  previewColumn: {
    flexGrow: 1,
    flexShrink: 1,
    flexBasis: '340px',
    minWidth: '0',
    padding: tokens.spacingHorizontalM,
  },
});

export interface StandaloneAppProps {
  /** The view shown first once a file is open. */
  initialView?: ViewId;
  theme?: Theme;
  /** The host (tests pass one with a stubbed file picker). */
  host?: BrowserFileHost;
}

/** Outside Office there is no Office theme: follow the browser's (the system's) light or dark setting. */
export function browserTheme(): Theme {
  try {
    return typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches ? webDarkTheme : webLightTheme;
  } catch {
    return webLightTheme;
  }
}

/** The prior-year sample as the comparison's source, so "So sánh năm trước" works at once. */
async function loadPriorSample(): Promise<PriorSource | null> {
  const file = await fetchSample(SAMPLE_PRIOR);
  const found = priorFromWorkbook(await readPickedWorkbook(file));
  return found ? { kind: 'file', fileName: file.name, table: found.table, result: found.result } : null;
}

export function StandaloneApp({ initialView, theme, host: givenHost }: StandaloneAppProps) {
  usePageStyles();
  const host = useMemo(() => givenHost ?? new BrowserFileHost(), [givenHost]);
  const opener = useFileOpener(host);
  const [locale, setLocale] = useState<Locale>(() => detectLocale());
  const fluentTheme = useMemo(() => theme ?? browserTheme(), [theme]);
  const current = useCurrentWorkbook(host);
  const [downloadedVersion, setDownloadedVersion] = useState<number | null>(null);
  const unsaved = hasUnsavedResults(current, downloadedVersion);
  useLeaveGuard(unsaved);
  useDocumentLanguage(locale);
  usePreloadWhileIdle();

  if (opener.generation === 0) {
    const changeLocale = (next: Locale) => {
      rememberLocale(next);
      setLocale(next);
    };
    return <StartPage theme={fluentTheme} locale={locale} onLocaleChange={changeLocale} opener={opener} />;
  }

  const frame = (pane: ReactNode) => (
    <FilePage host={host}>
      <FileBar
        host={host}
        unsaved={unsaved}
        downloaded={current !== null && downloadedVersion === current.version}
        onDownloaded={setDownloadedVersion}
        opening={opener.opening}
        openError={opener.openError}
        priorSample={opener.priorSample}
        onOpen={() => void opener.openPicked()}
        onSample={() => void opener.openSample()}
        onDismissError={opener.dismissError}
      />
      {pane}
    </FilePage>
  );
  return <App key={opener.generation} host={host} view={initialView} theme={fluentTheme} frame={frame} />;
}

interface FileOpener {
  /** How many files have opened: the pane is re-created for each. */
  generation: number;
  opening: boolean;
  openError: OpenError | null;
  /** The sample's prior year, when the sample is open. */
  priorSample: PriorSource | null;
  openPicked: () => Promise<void>;
  openSample: () => Promise<void>;
  dismissError: () => void;
}

/** "Mở tệp Excel…" and "Dùng tệp mẫu": open the file in the host, with the sample's prior year. */
function useFileOpener(host: BrowserFileHost): FileOpener {
  const [generation, setGeneration] = useState(0);
  const [opening, setOpening] = useState(false);
  const [openError, setOpenError] = useState<OpenError | null>(null);
  const [priorSample, setPriorSample] = useState<PriorSource | null>(null);
  const open = useCallback(
    async (source: () => Promise<PickedFile | null>, sample: boolean) => {
      setOpenError(null);
      setOpening(true);
      try {
        const file = await source();
        if (!file) return;
        await host.open(file);
        let prior: PriorSource | null = null;
        if (sample) prior = await loadPriorSample().catch(() => null);
        setPriorSample(prior);
        setGeneration((g) => g + 1);
      } catch (error) {
        setOpenError({ error, sample });
      } finally {
        setOpening(false);
      }
    },
    [host],
  );
  const openPicked = useCallback(() => open(() => host.pickFile(), false), [open, host]);
  const openSample = useCallback(() => open(() => fetchSample(SAMPLE_CURRENT), true), [open]);
  const dismissError = useCallback(() => setOpenError(null), []);
  return { generation, opening, openError, priorSample, openPicked, openSample, dismissError };
}

function useDocumentLanguage(locale: Locale): void {
  useEffect(() => {
    if (typeof document !== 'undefined') document.documentElement.lang = locale;
  }, [locale]);
}

/**
 * While the official picks a file, load what opening one needs (the .xlsx reader, the check
 * view), once the start page is painted and the page is idle (so the first button is not
 * delayed): file chosen → findings shown at 150x150, 478–506 → 337–368 ms (bench/browser.ts,
 * A/B in one run, load 6; at 8x48 within the noise).
 */
function usePreloadWhileIdle(): void {
  useEffect(() => {
    const load = () => void Promise.all([loadXlsxModule(), VIEW_LOADERS.check()]).catch(() => undefined);
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(load, { timeout: 2000 });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(load, 500); // no idle callback (Safari before 18)
    return () => clearTimeout(id);
  }, []);
}

interface StartPageProps {
  theme: Theme;
  locale: Locale;
  onLocaleChange: (locale: Locale) => void;
  opener: FileOpener;
}

/** Before a file is open: what the page does, "Mở tệp Excel…" and "Dùng tệp mẫu". */
function StartPage({ theme, locale, onLocaleChange, opener }: StartPageProps) {
  const styles = useStyles();
  const { opening, openError } = opener;
  const st = (key: Parameters<typeof standaloneText>[1], params?: Record<string, string | number>) => standaloneText(locale, key, params);
  return (
    <FluentProvider theme={theme}>
      <div className={styles.provider}>
        <I18nProvider locale={locale}>
          <main className={styles.start} aria-busy={opening} data-testid="standalone-start">
            <header className={styles.header}>
              <h1 className={styles.title}>{st('sa.title')}</h1>
              <LanguagePicker value={locale} onChange={onLocaleChange} />
            </header>
            <p className={styles.paragraph}>{st('sa.subtitle')}</p>
            <p className={mergeClasses(styles.paragraph, styles.muted)}>{st('sa.noExcel')}</p>
            <div className={styles.row}>
              <Button appearance="primary" icon={<FolderOpenRegular />} disabled={opening} onClick={() => void opener.openPicked()}>
                {st('sa.open')}
              </Button>
              <Button icon={<DocumentTableSearchRegular />} disabled={opening} onClick={() => void opener.openSample()}>
                {st('sa.sample')}
              </Button>
            </div>
            <Text size={200} className={styles.muted}>
              {st('sa.sampleNote')}
            </Text>
            {opening ? <Busy label={st('sa.reading')} /> : null}
            {openError ? <OpenErrorNotice failure={openError} onDismiss={opener.dismissError} /> : null}
            <Text size={200} className={styles.muted}>
              {st('sa.privacy')}
            </Text>
          </main>
        </I18nProvider>
      </div>
    </FluentProvider>
  );
}

/** A file open: the file bar and the pane in one column, the sheet preview beside (or below) them. */
function FilePage({ host, children }: { host: BrowserFileHost; children: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.page}>
      <div className={styles.paneColumn}>{children}</div>
      <aside className={styles.previewColumn}>
        <SheetPreview host={host} />
      </aside>
    </div>
  );
}

/** Results written into the workbook and not downloaded since: leaving or replacing it loses them. */
export function hasUnsavedResults(current: Readonly<OpenWorkbook> | null, downloadedVersion: number | null): boolean {
  return !!current && current.modified && current.version !== downloadedVersion;
}

/**
 * While results are unsaved, closing or reloading the tab asks first (the browser's own "Leave
 * site?" question: a beforeunload handler that cancels the event; browsers show no custom text).
 */
function useLeaveGuard(active: boolean): void {
  useEffect(() => {
    if (!active || typeof window === 'undefined') return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older Chromium-based webviews ask only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [active]);
}

export default StandaloneApp;
