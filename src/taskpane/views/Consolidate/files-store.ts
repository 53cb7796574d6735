/**
 * The files chosen in "Tổng hợp từ các tệp", kept per host outside the view: reading goes on, and
 * what was read stays, when the user looks at another tab and comes back. Only the parsed
 * snapshots are kept; the files' bytes are dropped once read.
 */
import { useSyncExternalStore } from 'react';
import type { ConsolidateInput, ScoreChoice } from '../../../core/consolidate';
import type { PickedFile, WorkbookHost } from '../../host/types';
import { READ_CONCURRENCY, loadReader, readPicked, runLimited, uniqueNames, type ReadWorkbook } from './read-files';

export interface ChosenFile {
  /** The file's name in the consolidation (its picked name, made unique in the batch). */
  id: string;
  /** The name as picked. */
  name: string;
  read: boolean;
  /** The form's year, when its table has one. */
  year: number | null;
}

/** 'pick': the files could not be opened; 'reader': the .xlsx reader did not load. */
export interface ConsolidateFilesError {
  kind: 'pick' | 'reader';
  cause: unknown;
}

export interface ConsolidateFilesState {
  files: ChosenFile[];
  /** Files read so far (read or failed). */
  done: number;
  reading: boolean;
  /** Every file as read, in the order picked; null until the batch is read. */
  inputs: ConsolidateInput[] | null;
  /** Why the files could not be chosen or read at all: shown as an error. */
  error: ConsolidateFilesError | null;
  score: ScoreChoice;
  /** null: the year most forms have. */
  year: number | null;
}

const initial: ConsolidateFilesState = { files: [], done: 0, reading: false, inputs: null, error: null, score: 'appraised', year: null };

export class ConsolidateFilesStore {
  private state: ConsolidateFilesState = initial;
  private readonly listeners = new Set<() => void>();
  private batch = 0;

  constructor(private readonly loadRead: () => Promise<ReadWorkbook> = loadReader) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  readonly getState = (): ConsolidateFilesState => this.state;

  private set(patch: Partial<ConsolidateFilesState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  setScore(score: ScoreChoice): void {
    this.set({ score });
  }

  setYear(year: number | null): void {
    this.set({ year });
  }

  setError(error: ConsolidateFilesError | null): void {
    this.set({ error });
  }

  /** Read a new batch (it replaces the files chosen before; a batch still being read stops). */
  async load(picked: readonly PickedFile[]): Promise<void> {
    const batch = ++this.batch;
    const stopped = () => batch !== this.batch;
    const ids = uniqueNames(picked.map((f) => f.name));
    this.set({
      files: picked.map((f, i) => ({ id: ids[i], name: f.name, read: false, year: null })),
      done: 0,
      reading: true,
      inputs: null,
      error: null,
      year: null,
    });
    let read: ReadWorkbook;
    try {
      read = await this.loadRead();
    } catch (e) {
      if (!stopped()) this.set({ files: [], reading: false, error: { kind: 'reader', cause: e } });
      return;
    }
    const inputs: ConsolidateInput[] = new Array(picked.length);
    await runLimited(
      picked,
      READ_CONCURRENCY,
      async (file, i) => {
        const outcome = await readPicked(read, file, ids[i]);
        if (stopped()) return;
        inputs[i] = outcome.input;
        const files = this.state.files.slice();
        files[i] = { ...files[i], read: true, year: outcome.year };
        this.set({ files, done: this.state.done + 1 });
      },
      stopped,
    );
    if (!stopped()) this.set({ reading: false, inputs });
  }
}

const stores = new WeakMap<WorkbookHost, ConsolidateFilesStore>();

export function storeFor(host: WorkbookHost): ConsolidateFilesStore {
  let store = stores.get(host);
  if (!store) {
    store = new ConsolidateFilesStore();
    stores.set(host, store);
  }
  return store;
}

export function useConsolidateFiles(host: WorkbookHost): [ConsolidateFilesState, ConsolidateFilesStore] {
  const store = storeFor(host);
  return [useSyncExternalStore(store.subscribe, store.getState), store];
}
