/**
 * PAR Scorecard task pane: Tổng quan · Kiểm tra · Tổng hợp & xếp hạng · So sánh năm trước ·
 * Nhập điểm. The views talk to a WorkbookHost only; the host decides whether the workbook is
 * the one open in Excel (OfficeHost), a file opened in the browser, or an in-memory test double.
 *
 * Contract with index.tsx: named export `App`; `view` (or `initialView`) names the first view.
 */
import { Button, FluentProvider, Tab, TabList, makeStaticStyles, makeStyles, tokens, type Theme } from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import { Suspense, lazy, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Busy } from './components/Busy';
import { LanguagePicker } from './components/LanguagePicker';
import type { NoticeProps } from './components/Notice';
import { OfficeHost } from './host/office-host';
import type { WorkbookHost } from './host/types';
import { I18nProvider, detectLocale, rememberLocale, useI18n, type Locale } from './i18n';
import { SessionProvider, useSession } from './session/WorkbookSession';
import { paneTheme } from './theme';
import { VIEW_IDS, VIEW_LABELS, VIEWS, isViewId, viewFromQuery, type ViewId } from './views/registry';

export type { ViewId } from './views/registry';
export type { WorkbookHost } from './host/types';

const useStyles = makeStyles({
  provider: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2 },
  shell: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    maxWidth: '720px',
  },
  header: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  title: { margin: '0', fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  tools: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  tabs: { flexWrap: 'wrap' },
  main: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/**
 * The first paint shows no notice, so Fluent's MessageBar (about 5 KB gzip) loads with the first
 * one (the views load it too): the pane's initial scripts stay within the budget (bench/bundle.ts).
 */
const LazyNotice = lazy(() => import(/* webpackChunkName: "notice" */ './components/Notice').then((m) => ({ default: m.Notice })));

function Notice(props: NoticeProps) {
  return (
    <Suspense fallback={null}>
      <LazyNotice {...props} />
    </Suspense>
  );
}

/** The page itself: no browser margin around the pane (it would show the default white, also in dark Office themes). */
export const usePageStyles = makeStaticStyles({ body: { margin: '0' } });

export interface AppProps {
  /** The workbook the pane works on; by default the one open in Excel (Office.js). */
  host?: WorkbookHost;
  /** Forced locale; by default the pane's saved choice, else Office's display language, else Vietnamese. */
  locale?: Locale;
  /** First view; by default from `?view=` in the URL, else "Kiểm tra". */
  initialView?: ViewId;
  /** Same as initialView (the name index.tsx uses). */
  view?: string;
  /** Fluent theme; by default from Office's theme. */
  theme?: Theme;
  /**
   * Places the pane inside more page (the standalone page adds a file bar and a sheet preview);
   * it renders inside the pane's theme, language and session.
   */
  frame?: (pane: ReactNode) => ReactNode;
}

export function App({ host: givenHost, locale: forcedLocale, initialView, view: viewProp, theme, frame }: AppProps) {
  usePageStyles();
  const styles = useStyles();
  const host = useMemo(() => givenHost ?? new OfficeHost(), [givenHost]);
  const [locale, setLocale] = useState<Locale>(() => forcedLocale ?? detectLocale());
  // A new forced locale wins over the one chosen in the pane; adjusted during render, as React
  // recommends for state that follows a prop (https://react.dev/learn/you-might-not-need-an-effect).
  const [lastForced, setLastForced] = useState(forcedLocale);
  if (forcedLocale !== lastForced) {
    setLastForced(forcedLocale);
    if (forcedLocale) setLocale(forcedLocale);
  }
  useEffect(() => {
    if (typeof document !== 'undefined') document.documentElement.lang = locale;
  }, [locale]);
  const changeLocale = (next: Locale) => {
    rememberLocale(next);
    setLocale(next);
  };
  const [first] = useState<ViewId>(
    () =>
      initialView ?? (isViewId(viewProp) ? viewProp : viewFromQuery(typeof window !== 'undefined' ? window.location.search : undefined)),
  );
  return (
    // The page background sits on an inner element: FluentProvider copies its className onto the
    // portals of dropdowns and dialogs, where a full-height background would cover the pane.
    <FluentProvider theme={theme ?? paneTheme()}>
      <div className={styles.provider}>
        <I18nProvider locale={locale}>
          <SessionProvider host={host}>
            {frame ? (
              frame(<Shell initialView={first} locale={locale} onLocaleChange={changeLocale} />)
            ) : (
              <Shell initialView={first} locale={locale} onLocaleChange={changeLocale} />
            )}
          </SessionProvider>
        </I18nProvider>
      </div>
    </FluentProvider>
  );
}

interface ShellProps {
  initialView: ViewId;
  locale: Locale;
  onLocaleChange: (l: Locale) => void;
}

function Shell({ initialView, locale, onLocaleChange }: ShellProps) {
  const styles = useStyles();
  const [view, setView] = useState<ViewId>(initialView);
  return (
    <div className={styles.shell}>
      <ShellHeader locale={locale} onLocaleChange={onLocaleChange} />
      <ViewTabs view={view} onChange={setView} />
      <ShellMain view={view} />
    </div>
  );
}

/** The pane's name, the language picker and "Tải lại". */
function ShellHeader({ locale, onLocaleChange }: Omit<ShellProps, 'initialView'>) {
  const styles = useStyles();
  const { t } = useI18n();
  const session = useSession();
  return (
    <header className={styles.header}>
      <h1 className={styles.title}>{t('app.name')}</h1>
      <div className={styles.tools}>
        <LanguagePicker value={locale} onChange={onLocaleChange} />
        <Button
          appearance="subtle"
          icon={<ArrowClockwiseRegular />}
          aria-label={t('app.reload')}
          title={t('app.reload')}
          disabled={session.loading || !!session.busy}
          onClick={() => void session.reload()}
        />
      </div>
    </header>
  );
}

function ViewTabs({ view, onChange }: { view: ViewId; onChange: (view: ViewId) => void }) {
  const styles = useStyles();
  const { t } = useI18n();
  return (
    <nav aria-label={t('app.nav')}>
      <TabList className={styles.tabs} size="small" selectedValue={view} onTabSelect={(_, d) => onChange(d.value as ViewId)}>
        {VIEW_IDS.map((id) => (
          <Tab key={id} value={id} id={`tab-${id}`}>
            {t(VIEW_LABELS[id])}
          </Tab>
        ))}
      </TabList>
    </nav>
  );
}

/** The session's error and progress, then the view (once the workbook is read). */
function ShellMain({ view }: { view: ViewId }) {
  const styles = useStyles();
  const { t } = useI18n();
  const session = useSession();
  const View = VIEWS[view];
  // No table at all (not: every table excluded by the user, which "Tổng quan" shows and can undo).
  const noTable =
    session.analysis !== null && session.analysis.tables.length === 0 && !session.analysis.state.corrections.some((c) => c.excluded);
  return (
    <main className={styles.main} aria-busy={session.loading || !!session.busy}>
      <SessionError />
      {session.busy ? <Busy label={session.busy} bar /> : null}
      {session.loading && !session.snapshot ? (
        <Busy label={t('app.loading')} />
      ) : session.analysis ? (
        <>
          {noTable ? <Notice intent="warning">{t('app.noTable')}</Notice> : null}
          <div role="tabpanel" aria-labelledby={`tab-${view}`}>
            <Suspense fallback={<Busy label={t('app.loadingView')} />}>
              <View />
            </Suspense>
          </div>
        </>
      ) : null}
    </main>
  );
}

/** The session's last error, with "Thử lại" while there is no workbook to show. */
function SessionError() {
  const { t } = useI18n();
  const session = useSession();
  if (!session.error) return null;
  return (
    <Notice
      intent="error"
      title={t('error.title')}
      onDismiss={session.dismissError}
      action={session.snapshot ? undefined : { label: t('common.retry'), onClick: () => void session.reload() }}
    >
      {session.error.detail ? `${session.error.detail} ` : ''}
      {session.error.message}
    </Notice>
  );
}

export default App;
