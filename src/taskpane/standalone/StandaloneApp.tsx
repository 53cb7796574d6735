/**
 * The standalone page: the task pane opened in a plain browser (no Excel), working on a workbook
 * file the user picks ("Mở tệp Excel…") or on the built-in sample ("Dùng tệp mẫu"). Every view
 * runs unchanged on a BrowserFileHost; beside the pane, a preview of the sheet shows the findings
 * and the selected cell; "Tải xuống" saves the resulting workbook. Everything stays in the page.
 */
import {
  Badge,
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
import { ArrowDownloadRegular, DocumentTableSearchRegular, FolderOpenRegular } from '@fluentui/react-icons';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { App, usePageStyles } from '../App';
import { Busy } from '../components/Busy';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { LanguagePicker } from '../components/LanguagePicker';
import { Notice } from '../components/Notice';
import { BrowserFileHost, loadXlsxModule, type OpenWorkbook } from '../host/BrowserFileHost';
import { describeError } from '../host/errors';
import type { PickedFile } from '../host/types';
import { I18nProvider, detectLocale, rememberLocale, useI18n, type Locale } from '../i18n';
import { useSession, type PriorSource } from '../session/WorkbookSession';
import { priorFromWorkbook } from '../views/Compare/comparison';
import { readPickedWorkbook } from '../views/Compare/load-prior';
import { VIEW_LOADERS, type ViewId } from '../views/registry';
import { downloadBytes } from './download';
import { SAMPLE_CURRENT, SAMPLE_PRIOR, fetchSample } from './samples';
import { SheetPreview } from './SheetPreview';
import { standaloneText, useStandaloneText } from './strings';

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
  fileBar: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    marginInline: tokens.spacingHorizontalM,
    marginBlockStart: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
  },
  // Focused (tabIndex -1) when a file opens, so focus does not fall back to <body>.
  fileName: { overflowWrap: 'anywhere', fontWeight: tokens.fontWeightSemibold, ':focus': { outlineStyle: 'none' } },
});

export interface StandaloneAppProps {
  /** The view shown first once a file is open. */
  initialView?: ViewId;
  theme?: Theme;
  /** The host (tests pass one with a stubbed file picker). */
  host?: BrowserFileHost;
}

type OpenError = { error: unknown; sample: boolean };

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
  const styles = useStyles();
  const host = useMemo(() => givenHost ?? new BrowserFileHost(), [givenHost]);
  const [generation, setGeneration] = useState(0);
  const [opening, setOpening] = useState(false);
  const [openError, setOpenError] = useState<OpenError | null>(null);
  const [priorSample, setPriorSample] = useState<PriorSource | null>(null);
  const [locale, setLocale] = useState<Locale>(() => detectLocale());
  const fluentTheme = useMemo(() => theme ?? browserTheme(), [theme]);
  const current = useSyncExternalStore(
    (listener) => host.subscribe(listener),
    () => host.current,
  );
  const [downloadedVersion, setDownloadedVersion] = useState<number | null>(null);
  const unsaved = hasUnsavedResults(current, downloadedVersion);
  useLeaveGuard(unsaved);

  useEffect(() => {
    if (typeof document !== 'undefined') document.documentElement.lang = locale;
  }, [locale]);

  // While the official picks a file, load what opening one needs (the .xlsx reader, the check
  // view), once the start page is painted and the page is idle (so the first button is not
  // delayed): file chosen → findings shown at 150x150, 478–506 → 337–368 ms (bench/browser.ts,
  // A/B in one run, load 6; at 8x48 within the noise).
  useEffect(() => {
    const load = () => void Promise.all([loadXlsxModule(), VIEW_LOADERS.check()]).catch(() => undefined);
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(load, { timeout: 2000 });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(load, 500); // no idle callback (Safari before 18)
    return () => clearTimeout(id);
  }, []);

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

  if (generation === 0) {
    const st = (key: Parameters<typeof standaloneText>[1], params?: Record<string, string | number>) => standaloneText(locale, key, params);
    return (
      <FluentProvider theme={fluentTheme}>
        <div className={styles.provider}>
          <I18nProvider locale={locale}>
            <main className={styles.start} aria-busy={opening} data-testid="standalone-start">
              <header className={styles.header}>
                <h1 className={styles.title}>{st('sa.title')}</h1>
                <LanguagePicker
                  value={locale}
                  onChange={(next) => {
                    rememberLocale(next);
                    setLocale(next);
                  }}
                />
              </header>
              <p className={styles.paragraph}>{st('sa.subtitle')}</p>
              <p className={mergeClasses(styles.paragraph, styles.muted)}>{st('sa.noExcel')}</p>
              <div className={styles.row}>
                <Button appearance="primary" icon={<FolderOpenRegular />} disabled={opening} onClick={() => void openPicked()}>
                  {st('sa.open')}
                </Button>
                <Button icon={<DocumentTableSearchRegular />} disabled={opening} onClick={() => void openSample()}>
                  {st('sa.sample')}
                </Button>
              </div>
              <Text size={200} className={styles.muted}>
                {st('sa.sampleNote')}
              </Text>
              {opening ? <Busy label={st('sa.reading')} /> : null}
              {openError ? <OpenErrorNotice failure={openError} onDismiss={() => setOpenError(null)} /> : null}
              <Text size={200} className={styles.muted}>
                {st('sa.privacy')}
              </Text>
            </main>
          </I18nProvider>
        </div>
      </FluentProvider>
    );
  }

  const frame = (pane: ReactNode) => (
    <div className={styles.page}>
      <div className={styles.paneColumn}>
        <FileBar
          host={host}
          unsaved={unsaved}
          downloaded={current !== null && downloadedVersion === current.version}
          onDownloaded={setDownloadedVersion}
          opening={opening}
          openError={openError}
          priorSample={priorSample}
          onOpen={() => void openPicked()}
          onSample={() => void openSample()}
          onDismissError={() => setOpenError(null)}
        />
        {pane}
      </div>
      <aside className={styles.previewColumn}>
        <SheetPreview host={host} />
      </aside>
    </div>
  );
  return <App key={generation} host={host} view={initialView} theme={fluentTheme} frame={frame} />;
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

function OpenErrorNotice({ failure, onDismiss }: { failure: OpenError; onDismiss: () => void }) {
  const { locale } = useI18n();
  const described = describeError(failure.error, locale);
  const message =
    failure.sample && described.kind !== 'read'
      ? standaloneText(locale, 'sa.sampleFailed', {
          detail: failure.error instanceof Error ? failure.error.message : String(failure.error),
        })
      : described.message;
  return (
    <Notice intent="error" title={standaloneText(locale, 'sa.openFailed')} onDismiss={onDismiss}>
      {message}
    </Notice>
  );
}

interface FileBarProps {
  host: BrowserFileHost;
  /** Results written and not downloaded: opening another file or the sample asks first. */
  unsaved: boolean;
  /** The current version was downloaded. */
  downloaded: boolean;
  onDownloaded: (version: number) => void;
  opening: boolean;
  openError: OpenError | null;
  priorSample: PriorSource | null;
  onOpen: () => void;
  onSample: () => void;
  onDismissError: () => void;
}

/** A second click within this time of a download is the same request (a double click). */
export const DOWNLOAD_REPEAT_MS = 1500;

/** The file open now, "Mở tệp khác…", "Dùng tệp mẫu" and "Tải xuống". */
function FileBar(props: FileBarProps) {
  const { host, unsaved, downloaded, onDownloaded, opening, openError, priorSample, onOpen, onSample, onDismissError } = props;
  const styles = useStyles();
  const st = useStandaloneText();
  const session = useSession();
  const current = useSyncExternalStore(
    (listener) => host.subscribe(listener),
    () => host.current,
  );
  const [pending, setPending] = useState<(() => void) | null>(null);
  const lastDownload = useRef(0);
  const nameRef = useRef<HTMLElement>(null);

  // The file bar mounts when a file has opened (the pane is re-created for each file): the
  // start page's button that had focus is gone, so focus goes to the name of the file now open.
  useEffect(() => {
    nameRef.current?.focus({ preventScroll: true });
  }, []);

  // The sample's prior year is the comparison's source as soon as the sample is open.
  const { setPrior } = session;
  useEffect(() => {
    if (priorSample) setPrior(priorSample);
  }, [priorSample, setPrior]);

  const busy = opening || session.loading || !!session.busy;
  const download = () => {
    const result = host.result();
    const version = host.current?.version;
    if (!result || version === undefined) return;
    const now = Date.now();
    if (now - lastDownload.current < DOWNLOAD_REPEAT_MS) return;
    lastDownload.current = now;
    downloadBytes(result.name, result.data);
    onDownloaded(version);
  };
  // Replacing the workbook while its results are unsaved asks first.
  const guarded = (action: () => void) => () => (unsaved ? setPending(() => action) : action());
  const resultName = host.result()?.name ?? '';

  return (
    <section className={styles.fileBar} aria-label={st('sa.file')} data-testid="file-bar">
      <div className={styles.row}>
        <Text className={styles.muted}>{st('sa.file')}:</Text>
        <Text className={styles.fileName} data-testid="file-name" tabIndex={-1} ref={nameRef}>
          {current?.name ?? ''}
        </Text>
        {current?.modified ? (
          <Badge appearance="tint" color="success">
            {st('sa.modified')}
          </Badge>
        ) : null}
      </div>
      <div className={styles.row}>
        <Button
          appearance="primary"
          icon={<ArrowDownloadRegular />}
          disabled={busy || !current}
          aria-label={st('sa.downloadLabel', { name: resultName })}
          onClick={download}
        >
          {st('sa.download')}
        </Button>
        <Button icon={<FolderOpenRegular />} disabled={busy} onClick={guarded(onOpen)}>
          {st('sa.openOther')}
        </Button>
        <Button appearance="subtle" icon={<DocumentTableSearchRegular />} disabled={busy} onClick={guarded(onSample)}>
          {st('sa.sample')}
        </Button>
      </div>
      {opening ? <Busy label={st('sa.reading')} /> : null}
      {openError ? <OpenErrorNotice failure={openError} onDismiss={onDismissError} /> : null}
      {downloaded ? <Notice intent="success">{st('sa.downloaded', { name: resultName })}</Notice> : null}
      <ConfirmDialog
        open={pending !== null}
        title={st('sa.discardTitle')}
        confirmLabel={st('sa.download')}
        alternativeLabel={st('sa.discard')}
        cancelLabel={st('sa.cancel')}
        onConfirm={() => {
          setPending(null);
          download();
        }}
        onAlternative={() => {
          const action = pending;
          setPending(null);
          action?.();
        }}
        onCancel={() => setPending(null)}
      >
        {st('sa.discardBody', { name: current?.name ?? '' })}
      </ConfirmDialog>
      {priorSample ? (
        <Text size={200} className={styles.muted}>
          {st('sa.priorSample', { name: priorSample.kind === 'file' ? priorSample.fileName : '' })}
        </Text>
      ) : null}
      <Text size={200} className={styles.muted}>
        {st('sa.privacy')}
      </Text>
    </section>
  );
}

export default StandaloneApp;
