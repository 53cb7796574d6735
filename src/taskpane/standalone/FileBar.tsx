/**
 * The standalone page's file bar, above the pane once a file is open: the file's name, "Tải xuống",
 * "Mở tệp khác…" and "Dùng tệp mẫu" (both asking first while results are unsaved), and what
 * happened (reading, an open failure, a download).
 */
import { Badge, Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownloadRegular, DocumentTableSearchRegular, FolderOpenRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { Busy } from '../components/Busy';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Notice } from '../components/Notice';
import type { BrowserFileHost, OpenWorkbook } from '../host/BrowserFileHost';
import { describeError } from '../host/errors';
import { useI18n } from '../i18n';
import { useSession, type PriorSource } from '../session/WorkbookSession';
import { downloadBytes } from './download';
import { standaloneText, useStandaloneText } from './strings';

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground3 },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
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

/** A file (or the sample) that could not be opened. */
export type OpenError = { error: unknown; sample: boolean };

/** A second click within this time of a download is the same request (a double click). */
export const DOWNLOAD_REPEAT_MS = 1500;

/** The workbook open in the host now (null before the first file). */
export function useCurrentWorkbook(host: BrowserFileHost): Readonly<OpenWorkbook> | null {
  return useSyncExternalStore(
    (listener) => host.subscribe(listener),
    () => host.current,
  );
}

export function OpenErrorNotice({ failure, onDismiss }: { failure: OpenError; onDismiss: () => void }) {
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

export interface FileBarProps {
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

/** The file open now, "Mở tệp khác…", "Dùng tệp mẫu" and "Tải xuống". */
export function FileBar(props: FileBarProps) {
  const { host, unsaved, downloaded, onDownloaded, opening, openError, priorSample, onOpen, onSample, onDismissError } = props;
  const styles = useStyles();
  const st = useStandaloneText();
  const session = useSession();
  const current = useCurrentWorkbook(host);
  const download = useDownload(host, onDownloaded);
  const [pending, setPending] = useState<(() => void) | null>(null);
  usePriorSample(priorSample);

  // Replacing the workbook while its results are unsaved asks first.
  const guarded = (action: () => void) => () => (unsaved ? setPending(() => action) : action());
  const resultName = host.result()?.name ?? '';
  const busy = opening || session.loading || !!session.busy;

  return (
    <section className={styles.fileBar} aria-label={st('sa.file')} data-testid="file-bar">
      <OpenFileName current={current} />
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
      <DiscardDialog name={current?.name ?? ''} pending={pending} onSettled={() => setPending(null)} onDownload={download} />
      <FileBarNotes priorSample={priorSample} />
    </section>
  );
}

/** "Tải xuống": the result workbook once per click (a double click is one download). */
function useDownload(host: BrowserFileHost, onDownloaded: (version: number) => void): () => void {
  const lastDownload = useRef(0);
  return () => {
    const result = host.result();
    const version = host.current?.version;
    if (!result || version === undefined) return;
    const now = Date.now();
    if (now - lastDownload.current < DOWNLOAD_REPEAT_MS) return;
    lastDownload.current = now;
    downloadBytes(result.name, result.data);
    onDownloaded(version);
  };
}

/** The sample's prior year is the comparison's source as soon as the sample is open. */
function usePriorSample(priorSample: PriorSource | null): void {
  const { setPrior } = useSession();
  useEffect(() => {
    if (priorSample) setPrior(priorSample);
  }, [priorSample, setPrior]);
}

/** "Tệp đang mở: name", with "đã ghi kết quả" once results are written into it. */
function OpenFileName({ current }: { current: Readonly<OpenWorkbook> | null }) {
  const styles = useStyles();
  const st = useStandaloneText();
  const nameRef = useRef<HTMLElement>(null);
  // The file bar mounts when a file has opened (the pane is re-created for each file): the
  // start page's button that had focus is gone, so focus goes to the name of the file now open.
  useEffect(() => {
    nameRef.current?.focus({ preventScroll: true });
  }, []);
  return (
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
  );
}

interface DiscardDialogProps {
  /** The open file's name. */
  name: string;
  /** The action waiting for the answer (another file, the sample); null: no question. */
  pending: (() => void) | null;
  onSettled: () => void;
  onDownload: () => void;
}

/** "Kết quả chưa được tải xuống": download first, drop the results and go on, or cancel. */
function DiscardDialog({ name, pending, onSettled, onDownload }: DiscardDialogProps) {
  const st = useStandaloneText();
  return (
    <ConfirmDialog
      open={pending !== null}
      title={st('sa.discardTitle')}
      confirmLabel={st('sa.download')}
      alternativeLabel={st('sa.discard')}
      cancelLabel={st('sa.cancel')}
      onConfirm={() => {
        onSettled();
        onDownload();
      }}
      onAlternative={() => {
        const action = pending;
        onSettled();
        action?.();
      }}
      onCancel={onSettled}
    >
      {st('sa.discardBody', { name })}
    </ConfirmDialog>
  );
}

/** Where the prior year comes from (the sample), and that the file stays on this computer. */
function FileBarNotes({ priorSample }: { priorSample: PriorSource | null }) {
  const styles = useStyles();
  const st = useStandaloneText();
  return (
    <>
      {priorSample ? (
        <Text size={200} className={styles.muted}>
          {st('sa.priorSample', { name: priorSample.kind === 'file' ? priorSample.fileName : '' })}
        </Text>
      ) : null}
      <Text size={200} className={styles.muted}>
        {st('sa.privacy')}
      </Text>
    </>
  );
}
