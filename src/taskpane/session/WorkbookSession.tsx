/**
 * The pane's shared session: the workbook snapshot, its analysis, the prior-year data chosen in
 * "So sánh năm trước" (used again by "Nhập điểm"), and the operations every view uses — reload,
 * save state, apply a plan — with progress and errors handled in one place.
 */
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { analyzeWorkbook, type Analysis } from '../../core/engine';
import type { WritePlan } from '../../core/plan';
import type { WorkbookSnapshot } from '../../core/snapshot';
import { readState, type WorkbookState } from '../../core/state';
import type { TableResult } from '../../core/totals';
import type { ScoringTable } from '../../core/model';
import { describeError, ProtectedSheetError, type UiError } from '../host/errors';
import type { ApplyResult, CellEvent, WorkbookHost } from '../host/types';
import { translate, useI18n } from '../i18n';
import type { Locale } from '../../core/finding';
import { withState } from './snapshot-state';

/**
 * The prior year chosen in "So sánh năm trước": a table of this workbook (looked up again after
 * every analysis, so edits show), or a table read from a file the user picked (kept as read).
 */
export type PriorSource =
  { kind: 'workbook'; tableId: string } | { kind: 'file'; fileName: string; table: ScoringTable; result: TableResult };

export interface WorkbookSession {
  host: WorkbookHost;
  snapshot: WorkbookSnapshot | null;
  analysis: Analysis | null;
  /** True while the workbook is read for the first time or reloaded. */
  loading: boolean;
  /** True while edits are re-validated in the background. */
  revalidating: boolean;
  /** The label of the running operation (shown with a spinner), null when idle. */
  busy: string | null;
  error: UiError | null;
  dismissError(): void;
  reload(): Promise<void>;
  /** Save a new workbook state (ignored findings, corrections) and re-analyse. */
  updateState(update: (state: WorkbookState) => WorkbookState): Promise<boolean>;
  /** Apply a plan; refuses writes into protected sheets with a clear message. Null on failure. */
  apply(plan: WritePlan, busyLabel: string): Promise<ApplyResult | null>;
  /** Run an operation with progress and error handling; null when it failed. */
  run<T>(busyLabel: string, operation: () => Promise<T>): Promise<T | null>;
  /** Select a cell in Excel (quick: no progress indicator); errors are shown like any other. */
  select(sheet: string, cell: string): Promise<void>;
  prior: PriorSource | null;
  setPrior(prior: PriorSource | null): void;
  /** The current-year table compared (null: the first ranked table). */
  compareTableId: string | null;
  setCompareTableId(id: string | null): void;
  /** The last cell the user selected in Excel. */
  selection: CellEvent | null;
}

const SessionContext = createContext<WorkbookSession | null>(null);

export function useSession(): WorkbookSession {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside <SessionProvider>');
  return s;
}

/** The sheets of the user's that a plan writes into (generated sheets are new or ours). */
export function sheetsWrittenBy(plan: WritePlan): string[] {
  const names = [
    ...plan.cellWrites.map((w) => w.sheet),
    ...plan.conditionalFormats.map((c) => c.sheet),
    ...(plan.dataValidations ?? []).map((d) => d.sheet),
  ];
  return [...new Set(names)];
}

/** The snapshot, its analysis and the reads that replace them; a newer read wins over an older one. */
function useWorkbookReads(host: WorkbookHost) {
  const [snapshot, setSnapshot] = useState<WorkbookSnapshot | null>(null);
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const snapshotRef = useRef<WorkbookSnapshot | null>(null);
  /** The snapshot the host returned last: what a read after edits may keep sheets of. */
  const lastRead = useRef<WorkbookSnapshot | null>(null);
  const generation = useRef(0);

  const adopt = useCallback((next: WorkbookSnapshot) => {
    snapshotRef.current = next;
    setSnapshot(next);
    setAnalysis(analyzeWorkbook(next));
  }, []);

  /**
   * Read the workbook again: everything, or (`changed`: the sheets named by change events since
   * the last read) only what the edits may have changed, the rest kept from the last read.
   */
  const readAgain = useCallback(
    async (changed?: ReadonlySet<string>) => {
      const mine = ++generation.current;
      const previous = lastRead.current;
      const next = await host.readSnapshot(changed && previous ? { previous, changed } : undefined);
      if (mine !== generation.current) {
        // The changes this read was for are not in the snapshot shown: the next read is full.
        lastRead.current = null;
        return;
      }
      lastRead.current = next;
      adopt(next);
    },
    [host, adopt],
  );
  /** Show a snapshot made here (not read): any read in flight is older and loses. */
  const showLocal = useCallback(
    (next: WorkbookSnapshot) => {
      generation.current++;
      adopt(next);
    },
    [adopt],
  );
  return { snapshot, analysis, snapshotRef, showLocal, readAgain };
}

/**
 * Re-validate as soon as the user's change arrives (a waiting debounce was most of the wait a user
 * felt, bench/browser.ts): only the sheets the events named are read again. Reads never overlap:
 * changes during a read ask for one more read after it, of the whole workbook (the read in flight
 * may have taken a sheet before or after the change).
 */
function useRevalidation(
  host: WorkbookHost,
  readAgain: (changed?: ReadonlySet<string>) => Promise<void>,
  fail: (e: unknown) => void,
): boolean {
  const [revalidating, setRevalidating] = useState(false);
  useEffect(() => {
    let reading = false;
    let again = false;
    let stopped = false;
    let changed = new Set<string>();
    const read = (full: boolean) => {
      reading = true;
      setRevalidating(true);
      const names = changed;
      changed = new Set();
      readAgain(full ? undefined : names)
        .catch(fail)
        .finally(() => {
          if (again && !stopped) {
            again = false;
            read(true);
            return;
          }
          reading = false;
          if (!stopped) setRevalidating(false);
        });
    };
    const off = host.onChanged((event) => {
      changed.add(event.sheet);
      if (reading) again = true;
      else read(false);
    });
    return () => {
      stopped = true;
      off();
    };
  }, [host, readAgain, fail]);
  return revalidating;
}

/** Reload on demand and once at the start; an unexplained read failure says what usually helps. */
function useReload(readAgain: () => Promise<void>, setError: (e: UiError | null) => void, localeRef: { current: Locale }) {
  const [loading, setLoading] = useState(true);
  const reload = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      await readAgain();
    } catch (e) {
      const described = describeError(e, localeRef.current);
      // An unexplained failure to read: say what usually helps (a dialog open in Excel).
      setError(described.kind === 'other' ? { kind: 'read', message: translate(localeRef.current, 'error.read') } : described);
    } finally {
      setLoading(false);
    }
  }, [readAgain, setError, localeRef]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- reading the workbook (an external system) is what this effect is for; reload marks the read as in flight
    void reload();
  }, [reload]);
  return { loading, reload };
}

/** Operations with progress and error handling: run, select. */
function useOperations(host: WorkbookHost, fail: (e: unknown) => void, setError: (e: UiError | null) => void) {
  const [busy, setBusy] = useState<string | null>(null);
  const run = useCallback(
    async <T,>(label: string, operation: () => Promise<T>): Promise<T | null> => {
      setBusy(label);
      setError(null);
      try {
        return await operation();
      } catch (e) {
        fail(e);
        return null;
      } finally {
        setBusy(null);
      }
    },
    [fail, setError],
  );

  const select = useCallback(
    async (sheet: string, cell: string) => {
      try {
        await host.select(sheet, cell);
      } catch (e) {
        fail(e);
      }
    },
    [host, fail],
  );
  return { busy, run, select };
}

type Reads = ReturnType<typeof useWorkbookReads>;

/** Save a new state (shown at once, undone if the write fails) and apply plans (then read again). */
function useWrites(
  host: WorkbookHost,
  reads: Reads,
  run: WorkbookSession['run'],
  fail: (e: unknown) => void,
  setError: (e: UiError | null) => void,
) {
  const { snapshotRef, showLocal, readAgain } = reads;
  const updateState = useCallback(
    async (update: (state: WorkbookState) => WorkbookState): Promise<boolean> => {
      const current = snapshotRef.current;
      if (!current) return false;
      const state = update(readState(current));
      // Show the result at once; the workbook is written behind it (and the change undone if that fails).
      showLocal(withState(current, state));
      setError(null);
      try {
        await host.saveState(state);
        return true;
      } catch (e) {
        showLocal(current);
        fail(e);
        return false;
      }
    },
    [host, showLocal, fail, setError, snapshotRef],
  );

  const apply = useCallback(
    (plan: WritePlan, label: string) =>
      run(label, async () => {
        const current = snapshotRef.current;
        for (const name of sheetsWrittenBy(plan)) {
          if (current?.sheets.find((s) => s.name === name)?.protected) throw new ProtectedSheetError(name);
        }
        const result = await host.applyPlan(plan);
        await readAgain();
        return result;
      }),
    [run, host, readAgain, snapshotRef],
  );
  return { updateState, apply };
}

export function SessionProvider({ host, children }: { host: WorkbookHost; children?: ReactNode }) {
  const { locale } = useI18n();
  const [error, setError] = useState<UiError | null>(null);
  const [prior, setPrior] = useState<PriorSource | null>(null);
  const [compareTableId, setCompareTableId] = useState<string | null>(null);
  const [selection, setSelection] = useState<CellEvent | null>(null);
  const localeRef = useRef(locale);
  // Before any effect or event handler reads it (a ref is not written during render).
  useLayoutEffect(() => {
    localeRef.current = locale;
  }, [locale]);
  const fail = useCallback((e: unknown) => setError(describeError(e, localeRef.current)), []);

  const reads = useWorkbookReads(host);
  const { snapshot, analysis, readAgain } = reads;
  const { loading, reload } = useReload(readAgain, setError, localeRef);
  const revalidating = useRevalidation(host, readAgain, fail);
  useEffect(() => host.onSelectionChanged(setSelection), [host]);
  const { busy, run, select } = useOperations(host, fail, setError);
  const { updateState, apply } = useWrites(host, reads, run, fail, setError);

  const value = useMemo<WorkbookSession>(
    () => ({
      host,
      snapshot,
      analysis,
      loading,
      revalidating,
      busy,
      error,
      dismissError: () => setError(null),
      reload,
      updateState,
      apply,
      run,
      select,
      prior,
      setPrior,
      compareTableId,
      setCompareTableId,
      selection,
    }),
    [
      host,
      snapshot,
      analysis,
      loading,
      revalidating,
      busy,
      error,
      reload,
      updateState,
      apply,
      run,
      select,
      prior,
      compareTableId,
      selection,
    ],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
