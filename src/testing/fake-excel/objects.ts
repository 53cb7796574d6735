/**
 * Proxy objects of the fake Excel. They behave like Office.js proxies where it matters:
 * - nothing happens until `context.sync()`: methods and property writes queue operations;
 * - reading a property that was not loaded (and synced) throws PropertyNotLoaded;
 * - objects resolve lazily, in queue order (a sheet added earlier in the batch can be used);
 * - `*OrNullObject` results are null objects after the sync (isNullObject), and objects derived
 *   from a null object are null too (loads on them are skipped);
 * - a batch runs on a copy of the workbook: any failing operation rejects the whole batch and
 *   nothing is applied (stricter than Excel, which keeps the operations before the failure —
 *   the adapter must not rely on either: it checks before writing);
 * - each sync is committed on its own: a later sync that fails leaves the earlier ones applied
 *   (see runSync in index.ts; the adapter records its outcome first so a retry repairs it).
 */
import type { FakeBook, FakeCell, FakeConditionalFormat, FakeFormatRecord, FakeSheet, Rect } from './model';
import type { DataChange } from './events';
import {
  MAX_COLUMNS,
  MAX_ROWS,
  cellFormula,
  cellKey,
  cellText,
  cellValue,
  cellValueType,
  enter,
  intersect,
  isEmptyCell,
  keyCol,
  keyRow,
  normalize,
  parseAddress,
  qualified,
  rectA1,
  rectColumns,
  rectRows,
  sameName,
  sheetNameProblem,
  sheetPrefix,
} from './model';
import { jsonBytes, utf8Length } from '../../hosts/office/payload';
import { columnLetter } from '../../core/a1';
import {
  DataValidationProblem,
  checkErrorAlert,
  checkIgnoreBlanks,
  checkPrompt,
  mergeErrorAlert,
  mergePrompt,
  normalizeRule,
  paint,
  uniformValue,
  validationType,
  validity,
} from './data-validation';

// ---------------------------------------------------------------------------------------------
// Errors

export class FakeOfficeError extends Error {
  override name = 'RichApi.Error';
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    this.code = code;
    this.debugInfo = { code, message, errorLocation };
  }
}

// Reading a property before load() and sync() fails with PropertyNotLoaded. Docs: "Application-
// specific API model" (Office Add-ins), section "load()":
// https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model#load-and-sync,
// and Excel.ErrorCodes.propertyNotLoaded ("Error codes for the Excel JavaScript APIs",
// https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-error-codes). The office.js
// mirror (src/testing/officejs-host) reads loaded values from office.js's own objects, which throw
// the same error.
const notLoaded = (prop: string, where: string) =>
  new FakeOfficeError(
    'PropertyNotLoaded',
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${where}.${prop}`,
  );
export const invalidArgument = (message: string, where: string) => new FakeOfficeError('InvalidArgument', message, where);
export const accessDenied = (where: string) =>
  new FakeOfficeError('AccessDenied', 'The cell or chart you are trying to change is on a protected sheet.', where);
export const itemNotFound = (where: string) => new FakeOfficeError('ItemNotFound', 'The requested resource does not exist.', where);
export const invalidObjectPath = (where: string) =>
  new FakeOfficeError('InvalidObjectPath', 'The object path is not working for what you are trying to do.', where);
/**
 * office-js d.ts, Range.getMergedAreasOrNullObject (ExcelApi 1.13): "Note that if the merged areas
 * count in this range is more than 512, then this method will fail to return the result."
 * The documentation names no error code; the fake fails the batch with GeneralException, so callers
 * must not depend on the code (src/hosts/office/read.ts reads on without merges).
 */
export const MERGED_AREAS_MAX = 512;
const tooManyMergedAreas = (where: string, count: number) =>
  new FakeOfficeError(
    'GeneralException',
    `There are ${count} merged areas in the range; more than ${MERGED_AREAS_MAX} cannot be returned.`,
    where,
  );
const apiNotFound = (api: string, set: string) =>
  new FakeOfficeError('ApiNotFound', `The API you are trying to use could not be found (${api}, ${set}).`, api);

// ---------------------------------------------------------------------------------------------
// The engine room: what a batch runs against

export interface FakeHost {
  book: FakeBook;
  supports(name: string, version: string): boolean;
  payloadLimitBytes: number;
  runSync(ctx: FakeContext): Promise<void>;
  addHandler(key: string, handler: (args: unknown) => unknown): void;
  removeHandler(key: string, handler: (args: unknown) => unknown): void;
  newId(prefix: string): string;
}

export interface Exec {
  book: FakeBook;
  host: FakeHost;
  after: (() => void)[];
  responseBytes: number;
  touched: FObj[];
  selectionChanged: boolean;
  /** Cell data this batch wrote: raised as onChanged once it has run (events.ts). */
  dataChanges?: DataChange[];
}

/** Note a write of cell data for the change events (events.ts). */
function dataChanged(exec: Exec, sheetId: string, rect: Rect): void {
  (exec.dataChanges ??= []).push({ sheetId, rect: { ...rect } });
}

export interface Op {
  label: string;
  bytes: number;
  write: boolean;
  run(exec: Exec): void;
}

export function sheetById(exec: Exec, id: string, where: string): FakeSheet {
  const s = exec.book.sheets.find((x) => x.id === id);
  if (!s) throw invalidObjectPath(where);
  return s;
}

export function writable(exec: Exec, id: string, where: string): FakeSheet {
  const s = sheetById(exec, id, where);
  if (s.protected) throw accessDenied(where);
  return s;
}

export function requireSet(exec: Exec, api: string, version: string): void {
  if (!exec.host.supports('ExcelApi', version)) throw apiNotFound(api, `ExcelApi ${version}`);
}

// ---------------------------------------------------------------------------------------------
// Context

export class FakeContext {
  readonly _host: FakeHost;
  _queue: Op[] = [];
  readonly workbook: FWorkbook;
  readonly application: FApplication;
  readonly trackedObjects = { add: (): void => undefined, remove: (): void => undefined };
  /**
   * Bytes of this batch's request as office.js serialises it (set by src/testing/officejs-host,
   * which mirrors every call onto office.js's own client); unset, the fake's estimate is used.
   */
  _measureRequest?: () => number;
  /** Bytes of the response message, built once the batch ran (set with `_measureRequest`). */
  _measureResponse?: () => number;
  /** Hand that response message to office.js, once the batch is committed. */
  _deliverResponse?: () => void;
  constructor(host: FakeHost) {
    this._host = host;
    this.workbook = new FWorkbook(this);
    this.application = this.workbook.application;
  }
  _enqueue(op: Op): void {
    this._queue.push(op);
  }
  sync<T>(passThrough?: T): Promise<T> {
    return this._host.runSync(this).then(() => passThrough as T);
  }
}

// ---------------------------------------------------------------------------------------------
// Base proxy

type LoadArg = string | string[] | { select?: string | string[]; expand?: string | string[] } | undefined;

function loadPaths(arg: LoadArg): string[] {
  if (arg === undefined || arg === null) return [];
  const list: string[] = [];
  const push = (v: string | string[] | undefined) => {
    if (v === undefined) return;
    for (const s of Array.isArray(v) ? v : [v]) list.push(...s.split(','));
  };
  if (typeof arg === 'string' || Array.isArray(arg)) push(arg);
  else {
    push(arg.select);
    push(arg.expand);
  }
  return list.map((s) => s.trim()).filter((s) => s !== '');
}

export abstract class FObj {
  readonly _ctx: FakeContext;
  /** undefined: not resolved yet; null: a null object. */
  _binding: unknown = undefined;
  _nullKnown: boolean | undefined;
  readonly _loaded = new Map<string, unknown>();
  readonly _kids = new Map<string, FObj>();
  /** Properties `load()` without arguments loads, and that may be loaded at all. */
  abstract readonly _props: readonly string[];
  readonly _where: string;

  constructor(ctx: FakeContext, where: string) {
    this._ctx = ctx;
    this._where = where;
  }

  get context(): FakeContext {
    return this._ctx;
  }

  protected abstract _resolve(exec: Exec): unknown;

  _bind(exec: Exec): unknown {
    if (this._binding === undefined) {
      this._binding = this._resolve(exec);
      exec.touched.push(this);
    }
    return this._binding;
  }

  get isNullObject(): boolean {
    if (this._nullKnown === undefined) throw notLoaded('isNullObject', this._where);
    return this._nullKnown;
  }

  protected _kid<T extends FObj>(name: string, make: () => T): T {
    let k = this._kids.get(name) as T | undefined;
    if (!k) {
      k = make();
      this._kids.set(name, k);
    }
    return k;
  }

  _get(prop: string): unknown {
    if (!this._loaded.has(prop)) throw notLoaded(prop, this._where);
    return this._loaded.get(prop);
  }

  _read(prop: string, _binding: unknown, _exec: Exec): unknown {
    throw invalidArgument(`Unknown property ${prop}`, this._where);
  }

  _write(prop: string, _value: unknown, _binding: unknown, _exec: Exec): void {
    throw invalidArgument(`The property ${prop} is read-only`, this._where);
  }

  _set(prop: string, value: unknown): void {
    this._ctx._enqueue({
      label: `${this._where}.${prop}=`,
      bytes: 48 + prop.length + jsonBytes(value),
      write: true,
      run: (exec) => {
        const b = this._bind(exec);
        if (b === null) throw invalidObjectPath(`${this._where}.${prop}`);
        this._write(prop, value, b, exec);
      },
    });
  }

  /** Queue a method call that changes the document (or, with write=false, only reads). */
  _call(name: string, args: unknown[], write: boolean, fn: (binding: unknown, exec: Exec) => void): void {
    this._ctx._enqueue({
      label: `${this._where}.${name}()`,
      bytes: 48 + name.length + jsonBytes(args),
      write,
      run: (exec) => {
        const b = this._bind(exec);
        if (b === null) throw invalidObjectPath(`${this._where}.${name}`);
        fn(b, exec);
      },
    });
  }

  load(arg?: LoadArg): this {
    const paths = loadPaths(arg);
    this._ctx._enqueue({
      label: `${this._where}.load(${paths.join(',')})`,
      bytes: 48 + utf8Length(paths.join(',')),
      write: false,
      run: (exec) => this._loadNow(paths, exec),
    });
    return this;
  }

  _loadNow(paths: string[], exec: Exec): void {
    const b = this._bind(exec);
    if (b === null) return;
    const list = paths.length === 0 ? [...this._props] : paths;
    const pending = new Map<string, unknown>();
    for (const path of list) {
      const [head, ...rest] = path.split('/');
      const kid = this._nav(head);
      if (rest.length > 0 || kid) {
        if (!kid) throw invalidArgument(`Cannot navigate ${head}`, this._where);
        kid._loadNow(rest.length ? [rest.join('/')] : [], exec);
        continue;
      }
      if (!this._props.includes(head)) throw invalidArgument(`Unknown property ${head}`, this._where);
      const v = this._read(head, b, exec);
      pending.set(head, v);
      exec.responseBytes += utf8Length(head) + 4 + jsonBytes(v);
    }
    exec.after.push(() => {
      for (const [k, v] of pending) this._loaded.set(k, v);
    });
  }

  /** Navigation properties (child objects) by name, for load paths. */
  _nav(_name: string): FObj | undefined {
    return undefined;
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }
}

/** Property accessors that read loaded values and queue writes. */
export function props(cls: { prototype: object }, names: readonly string[], writableNames: readonly string[] = []): void {
  for (const name of names) {
    Object.defineProperty(cls.prototype, name, {
      configurable: true,
      get(this: FObj) {
        return this._get(name);
      },
      set(this: FObj, v: unknown) {
        if (!writableNames.includes(name)) throw invalidArgument(`The property ${name} is read-only`, this._where);
        this._set(name, v);
      },
    });
  }
}

export class ClientResult<T> {
  _has = false;
  _value: T | undefined;
  get value(): T {
    if (!this._has) throw notLoaded('value', 'ClientResult');
    return this._value as T;
  }
}

export function resultOp<T>(obj: FObj, name: string, compute: (binding: unknown, exec: Exec) => T): ClientResult<T> {
  const r = new ClientResult<T>();
  obj._call(name, [], false, (b, exec) => {
    const v = compute(b, exec);
    exec.responseBytes += jsonBytes(v);
    exec.after.push(() => {
      r._value = v;
      r._has = true;
    });
  });
  return r;
}

/** Handlers registered at once (Office.js registers at the next sync; tests do not need the lag). */
export class FEventSource {
  constructor(
    private readonly host: FakeHost,
    private readonly key: () => string,
    private readonly ctx: FakeContext,
  ) {}
  add(handler: (args: unknown) => unknown): { context: FakeContext; remove(): void } {
    const key = this.key();
    this.host.addHandler(key, handler);
    return { context: this.ctx, remove: () => this.host.removeHandler(key, handler) };
  }
  remove(handler: (args: unknown) => unknown): void {
    this.host.removeHandler(this.key(), handler);
  }
}

// ---------------------------------------------------------------------------------------------
// Collections

export abstract class FCollection<T extends FObj> extends FObj {
  _items: T[] | undefined;
  abstract readonly _itemProps: readonly string[];
  get items(): T[] {
    if (!this._items) throw notLoaded('items', this._where);
    return this._items;
  }
  protected abstract _list(binding: unknown, exec: Exec): T[];
  override _loadNow(paths: string[], exec: Exec): void {
    const b = this._bind(exec);
    if (b === null) return;
    const itemPaths: string[] = [];
    for (const p of paths) {
      if (p === 'items' || p === '$all') continue;
      if (p.startsWith('items/')) itemPaths.push(p.slice(6));
      else itemPaths.push(p);
    }
    const items = this._list(b, exec);
    for (const item of items) {
      exec.touched.push(item);
      item._loadNow(itemPaths.length ? itemPaths : [...this._itemProps], exec);
    }
    exec.after.push(() => {
      this._items = items;
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Workbook, application

export class FApplication extends FObj {
  readonly _props = ['calculationMode'] as const;
  constructor(ctx: FakeContext) {
    super(ctx, 'Application');
  }
  protected _resolve(): unknown {
    return 'app';
  }
  override _read(prop: string): unknown {
    if (prop === 'calculationMode') return 'Automatic';
    return super._read(prop, null, null as unknown as Exec);
  }
  suspendApiCalculationUntilNextSync(): void {
    this._call('suspendApiCalculationUntilNextSync', [], false, (_b, exec) => {
      // office-js d.ts, Application.suspendApiCalculationUntilNextSync: "[Api set: ExcelApi 1.6]".
      requireSet(exec, 'Application.suspendApiCalculationUntilNextSync', '1.6');
      exec.book.calculationSuspensions++;
    });
  }
  calculate(_type?: string): void {
    this._call('calculate', [], false, () => undefined);
  }
}
props(FApplication, ['calculationMode']);

export class FWorkbookProtection extends FObj {
  readonly _props = ['protected'] as const;
  constructor(ctx: FakeContext) {
    super(ctx, 'WorkbookProtection');
  }
  protected _resolve(): unknown {
    return 'wbp';
  }
  override _read(prop: string, b: unknown, exec: Exec): unknown {
    if (prop === 'protected') return exec.book.protected;
    return super._read(prop, b, exec);
  }
}
props(FWorkbookProtection, ['protected']);

export class FWorkbook extends FObj {
  readonly _props = ['name'] as const;
  readonly application: FApplication;
  readonly worksheets: FWorksheetCollection;
  readonly protection: FWorkbookProtection;
  readonly names: FNamedItemCollection;
  constructor(ctx: FakeContext) {
    super(ctx, 'Workbook');
    this.application = new FApplication(ctx);
    this.worksheets = new FWorksheetCollection(ctx);
    this.protection = new FWorkbookProtection(ctx);
    this.names = new FNamedItemCollection(ctx);
  }
  protected _resolve(): unknown {
    return 'wb';
  }
  override _nav(name: string): FObj | undefined {
    if (name === 'protection') return this.protection;
    if (name === 'application') return this.application;
    if (name === 'names') return this.names;
    return undefined;
  }
  override _read(prop: string, b: unknown, exec: Exec): unknown {
    if (prop === 'name') return exec.book.name;
    return super._read(prop, b, exec);
  }
  get onSelectionChanged(): FEventSource {
    return new FEventSource(this._ctx._host, () => 'workbook:selection', this._ctx);
  }
  getSelectedRange(): FRange {
    return new FRange(this._ctx, 'Workbook.getSelectedRange()', (exec) => ({
      sheetId: exec.book.selection.sheetId,
      rect: { ...exec.book.selection.range },
    }));
  }
  getActiveCell(): FRange {
    return new FRange(this._ctx, 'Workbook.getActiveCell()', (exec) => {
      const r = exec.book.selection.range;
      return { sheetId: exec.book.selection.sheetId, rect: { top: r.top, left: r.left, bottom: r.top, right: r.left } };
    });
  }
}
props(FWorkbook, ['name']);

// ---------------------------------------------------------------------------------------------
// Defined names (workbook scope)
//
// Excel JavaScript API, NamedItemCollection (https://learn.microsoft.com/javascript/api/excel/excel.nameditemcollection):
// add(name, reference, comment) "Adds a new name to the collection of the given scope" [ExcelApi
// 1.4]; getItem [1.1]; getItemOrNullObject [1.4]. NamedItem: name, formula, visible, comment
// [1.1–1.4], delete() [1.4] (its value and type are not modelled). Names compare without regard to case, as in Excel's Name Manager; a
// second name of the same text is refused (ItemAlreadyExists), as Excel's New Name dialog does.

const sameDefinedName = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

export class FNamedItemCollection extends FCollection<FNamedItem> {
  readonly _props = [] as const;
  readonly _itemProps = ['name', 'formula', 'visible', 'comment'] as const;
  constructor(ctx: FakeContext) {
    super(ctx, 'NamedItemCollection');
  }
  protected _resolve(): unknown {
    return 'names';
  }
  protected _list(_b: unknown, exec: Exec): FNamedItem[] {
    return exec.book.names.map((n) => FNamedItem.bound(this._ctx, n.name));
  }
  add(name: string, reference: string | FRange, comment?: string): FNamedItem {
    const item = new FNamedItem(this._ctx, `NamedItemCollection.add(${name})`, () => {
      throw invalidObjectPath('NamedItemCollection.add');
    });
    if (typeof reference !== 'string')
      throw invalidArgument("The fake takes a formula string as a name's reference.", 'NamedItemCollection.add');
    this._call('add', [name, reference, comment ?? null], true, (_b, exec) => {
      requireSet(exec, 'NamedItemCollection.add', '1.4');
      if (!/^[\p{L}_\\][\p{L}\p{N}_.]*$/u.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]\d*$/.test(name)) {
        throw invalidArgument(`"${name}" is not a valid name.`, 'NamedItemCollection.add');
      }
      if (!reference.startsWith('=')) throw invalidArgument('A name\'s reference must start with "="', 'NamedItemCollection.add');
      if (exec.book.names.some((n) => sameDefinedName(n.name, name))) {
        throw new FakeOfficeError('ItemAlreadyExists', `A name "${name}" already exists.`, 'NamedItemCollection.add');
      }
      exec.book.names.push({ name, formula: reference, comment: comment ?? '' });
      item._binding = name;
      exec.touched.push(item);
    });
    return item;
  }
  getItem(name: string): FNamedItem {
    return new FNamedItem(this._ctx, `NamedItemCollection.getItem(${name})`, (exec) => {
      const n = exec.book.names.find((x) => sameDefinedName(x.name, name));
      if (!n) throw itemNotFound(`NamedItemCollection.getItem(${name})`);
      return n.name;
    });
  }
  getItemOrNullObject(name: string): FNamedItem {
    return new FNamedItem(this._ctx, `NamedItemCollection.getItemOrNullObject(${name})`, (exec) => {
      requireSet(exec, 'NamedItemCollection.getItemOrNullObject', '1.4');
      return exec.book.names.find((x) => sameDefinedName(x.name, name))?.name ?? null;
    });
  }
}

export class FNamedItem extends FObj {
  readonly _props = ['name', 'formula', 'visible', 'comment'] as const;
  constructor(
    ctx: FakeContext,
    where: string,
    private readonly resolver: (exec: Exec) => string | null,
  ) {
    super(ctx, where);
  }
  static bound(ctx: FakeContext, name: string): FNamedItem {
    const item = new FNamedItem(ctx, `NamedItem(${name})`, () => name);
    item._binding = name;
    return item;
  }
  protected _resolve(exec: Exec): unknown {
    return this.resolver(exec);
  }
  private item(exec: Exec, binding: unknown) {
    const n = exec.book.names.find((x) => sameDefinedName(x.name, binding as string));
    if (!n) throw invalidObjectPath(this._where);
    return n;
  }
  override _read(prop: string, binding: unknown, exec: Exec): unknown {
    const n = this.item(exec, binding);
    if (prop === 'name') return n.name;
    if (prop === 'formula') return n.formula;
    if (prop === 'visible') return true;
    if (prop === 'comment') return n.comment;
    return super._read(prop, binding, exec);
  }
  delete(): void {
    this._call('delete', [], true, (b, exec) => {
      requireSet(exec, 'NamedItem.delete', '1.4');
      const n = this.item(exec, b);
      exec.book.names = exec.book.names.filter((x) => x !== n);
    });
  }
}
props(FNamedItem, ['name', 'formula', 'visible', 'comment']);

// ---------------------------------------------------------------------------------------------
// Worksheets

const VISIBILITIES = ['Visible', 'Hidden', 'VeryHidden'];

export class FWorksheetCollection extends FCollection<FWorksheet> {
  readonly _props = [] as const;
  readonly _itemProps = ['name', 'id', 'position', 'visibility'] as const;
  constructor(ctx: FakeContext) {
    super(ctx, 'WorksheetCollection');
  }
  protected _resolve(): unknown {
    return 'sheets';
  }
  protected _list(_b: unknown, exec: Exec): FWorksheet[] {
    return exec.book.sheets.map((s) => FWorksheet.bound(this._ctx, s.id, s.name));
  }
  get onChanged(): FEventSource {
    return new FEventSource(this._ctx._host, () => 'worksheets:changed', this._ctx);
  }
  get onSelectionChanged(): FEventSource {
    return new FEventSource(this._ctx._host, () => 'worksheets:selection', this._ctx);
  }
  add(name?: string): FWorksheet {
    const sheet = new FWorksheet(this._ctx, `Worksheets.add(${name ?? ''})`, () => {
      throw invalidObjectPath('Worksheets.add');
    });
    this._call('add', [name ?? null], true, (_b, exec) => {
      if (exec.book.protected) throw accessDenied('WorksheetCollection.add');
      let n = name;
      if (n === undefined) {
        let i = exec.book.sheets.length + 1;
        while (exec.book.sheets.some((s) => sameName(s.name, `Sheet${i}`))) i++;
        n = `Sheet${i}`;
      }
      const problem = sheetNameProblem(n);
      if (problem) throw invalidArgument(problem, 'WorksheetCollection.add');
      if (exec.book.sheets.some((s) => sameName(s.name, n!))) {
        throw new FakeOfficeError('ItemAlreadyExists', `A sheet named "${n}" already exists.`, 'WorksheetCollection.add');
      }
      const id = exec.host.newId('sheet');
      exec.book.sheets.push(emptySheet(id, n));
      sheet._binding = id;
      exec.touched.push(sheet);
    });
    return sheet;
  }
  getItem(key: string): FWorksheet {
    return new FWorksheet(this._ctx, `Worksheets.getItem(${key})`, (exec) => {
      const s = findSheet(exec, key);
      if (!s) throw itemNotFound(`WorksheetCollection.getItem(${key})`);
      return s.id;
    });
  }
  getItemOrNullObject(key: string): FWorksheet {
    return new FWorksheet(this._ctx, `Worksheets.getItemOrNullObject(${key})`, (exec) => findSheet(exec, key)?.id ?? null);
  }
  getActiveWorksheet(): FWorksheet {
    return new FWorksheet(this._ctx, 'Worksheets.getActiveWorksheet()', (exec) => exec.book.activeSheetId);
  }
  getFirst(visibleOnly = false): FWorksheet {
    return new FWorksheet(this._ctx, 'Worksheets.getFirst()', (exec) => {
      const s = exec.book.sheets.find((x) => !visibleOnly || x.visibility === 'Visible');
      if (!s) throw itemNotFound('WorksheetCollection.getFirst');
      return s.id;
    });
  }
  getCount(visibleOnly = false): ClientResult<number> {
    return resultOp(this, 'getCount', (_b, exec) => exec.book.sheets.filter((s) => !visibleOnly || s.visibility === 'Visible').length);
  }
}

function findSheet(exec: Exec, key: string): FakeSheet | undefined {
  return exec.book.sheets.find((s) => s.id === key) ?? exec.book.sheets.find((s) => sameName(s.name, key));
}

export function emptySheet(id: string, name: string): FakeSheet {
  return {
    id,
    name,
    visibility: 'Visible',
    protected: false,
    cells: new Map(),
    merges: [],
    hiddenRows: new Set(),
    hiddenColumns: new Set(),
    conditionalFormats: [],
    formats: [],
    dataValidations: [],
    columnWidths: new Map(),
    rowHeights: new Map(),
    freezeRows: 0,
    freezeColumns: 0,
  };
}

export interface RangeBinding {
  sheetId: string;
  rect: Rect;
}

/**
 * Child objects of a worksheet modelled in their own files, which build on the classes here and so
 * cannot be imported by this one: each registers its factory when it loads (index.ts loads them).
 */
export const worksheetKids: { charts?: (sheet: FWorksheet) => FObj } = {};

export class FWorksheet extends FObj {
  readonly _props = ['name', 'id', 'position', 'visibility', 'tabColor'] as const;
  private readonly resolver: (exec: Exec) => string | null;
  constructor(ctx: FakeContext, where: string, resolver: (exec: Exec) => string | null) {
    super(ctx, where);
    this.resolver = resolver;
  }
  static bound(ctx: FakeContext, id: string, name: string): FWorksheet {
    const w = new FWorksheet(ctx, `Worksheet(${name})`, () => id);
    w._binding = id;
    return w;
  }
  protected _resolve(exec: Exec): unknown {
    return this.resolver(exec);
  }
  get protection(): FWorksheetProtection {
    return this._kid('protection', () => new FWorksheetProtection(this));
  }
  get freezePanes(): FFreezePanes {
    return this._kid('freezePanes', () => new FFreezePanes(this));
  }
  /** Worksheet.charts (ExcelApi 1.1), modelled in charts.ts. */
  get charts(): FObj {
    const make = worksheetKids.charts;
    if (!make) throw new Error('fake Excel: charts.ts is not loaded (import the fake through its index)');
    return this._kid('charts', () => make(this));
  }
  override _nav(name: string): FObj | undefined {
    if (name === 'protection') return this.protection;
    if (name === 'freezePanes') return this.freezePanes;
    if (name === 'charts') return this.charts;
    return undefined;
  }
  get onChanged(): FEventSource {
    return new FEventSource(this._ctx._host, () => `sheet:${this.requireId()}:changed`, this._ctx);
  }
  get onSelectionChanged(): FEventSource {
    return new FEventSource(this._ctx._host, () => `sheet:${this.requireId()}:selection`, this._ctx);
  }
  /** Event registration needs the sheet's id; resolve it against the live workbook. */
  private requireId(): string {
    if (typeof this._binding === 'string') return this._binding;
    const exec: Exec = {
      book: this._ctx._host.book,
      host: this._ctx._host,
      after: [],
      responseBytes: 0,
      touched: [],
      selectionChanged: false,
    };
    const id = this._resolve(exec);
    if (typeof id !== 'string') throw itemNotFound(this._where);
    return id;
  }
  override _read(prop: string, b: unknown, exec: Exec): unknown {
    const s = sheetById(exec, b as string, this._where);
    switch (prop) {
      case 'name':
        return s.name;
      case 'id':
        return s.id;
      case 'position':
        return exec.book.sheets.indexOf(s);
      case 'visibility':
        return s.visibility;
      case 'tabColor':
        return s.tabColor ?? '';
    }
    return super._read(prop, b, exec);
  }
  override _write(prop: string, value: unknown, b: unknown, exec: Exec): void {
    const s = sheetById(exec, b as string, this._where);
    if (prop === 'name') {
      if (exec.book.protected) throw accessDenied(`${this._where}.name`);
      const problem = sheetNameProblem(value);
      if (problem) throw invalidArgument(problem, `${this._where}.name`);
      if (exec.book.sheets.some((o) => o !== s && sameName(o.name, value as string))) {
        throw new FakeOfficeError('ItemAlreadyExists', `A sheet named "${value}" already exists.`, `${this._where}.name`);
      }
      replaceSheet(exec, s, { name: value as string });
      return;
    }
    if (prop === 'visibility') {
      if (!VISIBILITIES.includes(value as string)) throw invalidArgument('Bad visibility', `${this._where}.visibility`);
      if (exec.book.protected) throw accessDenied(`${this._where}.visibility`);
      if (value !== 'Visible' && exec.book.sheets.filter((o) => o !== s && o.visibility === 'Visible').length === 0) {
        throw invalidArgument('A workbook must contain at least one visible worksheet.', `${this._where}.visibility`);
      }
      replaceSheet(exec, s, { visibility: value as FakeSheet['visibility'] });
      return;
    }
    if (prop === 'tabColor') {
      replaceSheet(exec, s, { tabColor: String(value) });
      return;
    }
    super._write(prop, value, b, exec);
  }
  delete(): void {
    this._call('delete', [], true, (b, exec) => {
      if (exec.book.protected) throw accessDenied(`${this._where}.delete`);
      const s = sheetById(exec, b as string, this._where);
      if (s.visibility === 'Visible' && exec.book.sheets.filter((o) => o !== s && o.visibility === 'Visible').length === 0) {
        throw invalidArgument('A workbook must contain at least one visible worksheet.', `${this._where}.delete`);
      }
      exec.book.sheets = exec.book.sheets.filter((o) => o !== s);
      if (exec.book.activeSheetId === s.id || exec.book.selection.sheetId === s.id) {
        const first = exec.book.sheets.find((o) => o.visibility === 'Visible')!;
        exec.book.activeSheetId = first.id;
        exec.book.selection = { sheetId: first.id, range: { top: 1, left: 1, bottom: 1, right: 1 } };
        exec.selectionChanged = true;
      }
    });
  }
  activate(): void {
    this._call('activate', [], true, (b, exec) => {
      const s = sheetById(exec, b as string, this._where);
      if (s.visibility !== 'Visible') throw invalidArgument('Cannot activate a hidden sheet.', `${this._where}.activate`);
      exec.book.activeSheetId = s.id;
      exec.book.selection = { sheetId: s.id, range: { top: 1, left: 1, bottom: 1, right: 1 } };
      exec.selectionChanged = true;
    });
  }
  getRange(address?: string): FRange {
    return new FRange(this._ctx, `${this._where}.getRange(${address ?? ''})`, (exec) => {
      const id = this._bind(exec);
      if (id === null) return null;
      if (address === undefined || address === '')
        return { sheetId: id as string, rect: { top: 1, left: 1, bottom: MAX_ROWS, right: MAX_COLUMNS } };
      const p = parseAddress(address);
      if (!p) throw invalidArgument(`Bad address ${address}`, `${this._where}.getRange`);
      return { sheetId: id as string, rect: p.rect };
    });
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FRange {
    return new FRange(this._ctx, `${this._where}.getRangeByIndexes`, (exec) => {
      const id = this._bind(exec);
      if (id === null) return null;
      if (rowCount < 1 || columnCount < 1) throw invalidArgument('Empty range', `${this._where}.getRangeByIndexes`);
      return {
        sheetId: id as string,
        rect: { top: startRow + 1, left: startColumn + 1, bottom: startRow + rowCount, right: startColumn + columnCount },
      };
    });
  }
  getCell(row: number, column: number): FRange {
    return this.getRangeByIndexes(row, column, 1, 1);
  }
  getUsedRange(valuesOnly = false): FRange {
    return new FRange(this._ctx, `${this._where}.getUsedRange()`, (exec) => {
      const id = this._bind(exec);
      if (id === null) return null;
      const r = usedRect(sheetById(exec, id as string, this._where), valuesOnly);
      return { sheetId: id as string, rect: r ?? { top: 1, left: 1, bottom: 1, right: 1 } };
    });
  }
  getUsedRangeOrNullObject(valuesOnly = false): FRange {
    return new FRange(this._ctx, `${this._where}.getUsedRangeOrNullObject()`, (exec) => {
      const id = this._bind(exec);
      if (id === null) return null;
      const r = usedRect(sheetById(exec, id as string, this._where), valuesOnly);
      return r ? { sheetId: id as string, rect: r } : null;
    });
  }
}
props(FWorksheet, ['name', 'id', 'position', 'visibility', 'tabColor'], ['name', 'visibility', 'tabColor']);

function replaceSheet(exec: Exec, s: FakeSheet, patch: Partial<FakeSheet>): void {
  Object.assign(s, patch);
}

export function usedRect(sheet: FakeSheet, valuesOnly: boolean): Rect | null {
  let top = Infinity;
  let left = Infinity;
  let bottom = 0;
  let right = 0;
  for (const [k, c] of sheet.cells) {
    if (valuesOnly ? isEmptyCell(c) : isEmptyCell(c) && !c.numberFormat && !c.hyperlink) continue;
    const r = keyRow(k);
    const col = keyCol(k);
    if (r < top) top = r;
    if (r > bottom) bottom = r;
    if (col < left) left = col;
    if (col > right) right = col;
  }
  return bottom === 0 ? null : { top, left, bottom, right };
}

export class FWorksheetProtection extends FObj {
  readonly _props = ['protected'] as const;
  constructor(private readonly sheet: FWorksheet) {
    super(sheet._ctx, `${sheet._where}.protection`);
  }
  protected _resolve(exec: Exec): unknown {
    return this.sheet._bind(exec);
  }
  override _read(prop: string, b: unknown, exec: Exec): unknown {
    if (prop === 'protected') return sheetById(exec, b as string, this._where).protected;
    return super._read(prop, b, exec);
  }
  protect(): void {
    this._call('protect', [], true, (b, exec) => {
      sheetById(exec, b as string, this._where).protected = true;
    });
  }
  unprotect(): void {
    this._call('unprotect', [], true, (b, exec) => {
      sheetById(exec, b as string, this._where).protected = false;
    });
  }
}
props(FWorksheetProtection, ['protected']);

export class FFreezePanes extends FObj {
  readonly _props = [] as const;
  constructor(private readonly sheet: FWorksheet) {
    super(sheet._ctx, `${sheet._where}.freezePanes`);
  }
  protected _resolve(exec: Exec): unknown {
    return this.sheet._bind(exec);
  }
  freezeRows(count = 1): void {
    this._call('freezeRows', [count], true, (b, exec) => {
      const s = writable(exec, b as string, this._where);
      s.freezeRows = count;
      s.freezeColumns = 0;
    });
  }
  freezeColumns(count = 1): void {
    this._call('freezeColumns', [count], true, (b, exec) => {
      const s = writable(exec, b as string, this._where);
      s.freezeColumns = count;
      s.freezeRows = 0;
    });
  }
  freezeAt(range: string | FRange): void {
    this._call('freezeAt', [typeof range === 'string' ? range : 'range'], true, (b, exec) => {
      const s = writable(exec, b as string, this._where);
      const rect = typeof range === 'string' ? parseAddress(range)?.rect : (range._bind(exec) as RangeBinding | null)?.rect;
      if (!rect) throw invalidArgument('Bad range', `${this._where}.freezeAt`);
      s.freezeRows = rect.bottom;
      s.freezeColumns = rect.right;
    });
  }
  unfreeze(): void {
    this._call('unfreeze', [], true, (b, exec) => {
      const s = writable(exec, b as string, this._where);
      s.freezeRows = 0;
      s.freezeColumns = 0;
    });
  }
  getLocationOrNullObject(): FRange {
    return new FRange(this._ctx, `${this._where}.getLocationOrNullObject()`, (exec) => {
      const id = this._bind(exec) as string | null;
      if (id === null) return null;
      const s = sheetById(exec, id, this._where);
      if (!s.freezeRows && !s.freezeColumns) return null;
      return {
        sheetId: id,
        rect: { top: 1, left: 1, bottom: s.freezeRows || MAX_ROWS, right: s.freezeColumns || MAX_COLUMNS },
      };
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Ranges

type RangeResolver = (exec: Exec) => RangeBinding | null;

const RANGE_PROPS = [
  'address',
  'addressLocal',
  'rowIndex',
  'columnIndex',
  'rowCount',
  'columnCount',
  'cellCount',
  'values',
  'formulas',
  'formulasLocal',
  'numberFormat',
  'valueTypes',
  'text',
  'rowHidden',
  'columnHidden',
  'hidden',
  'hyperlink',
  'isEntireRow',
  'isEntireColumn',
] as const;

function grid<T>(rect: Rect, f: (row: number, col: number) => T): T[][] {
  const out: T[][] = [];
  for (let r = rect.top; r <= rect.bottom; r++) {
    const row: T[] = new Array(rectColumns(rect));
    for (let c = rect.left; c <= rect.right; c++) row[c - rect.left] = f(r, c);
    out.push(row);
  }
  return out;
}

function countIn(set: Set<number>, from: number, to: number): number {
  let n = 0;
  for (const x of set) if (x >= from && x <= to) n++;
  return n;
}

function hiddenState(set: Set<number>, from: number, to: number): boolean | null {
  const n = countIn(set, from, to);
  return n === 0 ? false : n === to - from + 1 ? true : null;
}

/** Shape check for 2-D input: a scalar applies to every cell; arrays must match exactly. */
function shaped(value: unknown, rect: Rect, where: string): (row: number, col: number) => unknown {
  if (!Array.isArray(value)) return () => value;
  const rows = rectRows(rect);
  const cols = rectColumns(rect);
  if (value.length !== rows || value.some((r) => !Array.isArray(r) || r.length !== cols)) {
    throw invalidArgument("The number of rows or columns in the input array doesn't match the size or dimensions of the range.", where);
  }
  return (row, col) => (value as unknown[][])[row - rect.top][col - rect.left];
}

function guardSize(rect: Rect, where: string): void {
  if (rectRows(rect) * rectColumns(rect) > 5_000_000) {
    throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', 'The range is too large to read or write at once.', where);
  }
}

/** Range.values / formulas: each cell as Excel takes what is typed into it (model.ts enter). */
function writeEntries(s: FakeSheet, rect: Rect, value: unknown, where: string): void {
  guardSize(rect, where);
  const at = shaped(value, rect, where);
  for (let r = rect.top; r <= rect.bottom; r++) {
    for (let c = rect.left; c <= rect.right; c++) {
      const k = cellKey(r, c);
      let next: FakeCell | undefined;
      try {
        next = enter(s.cells.get(k), at(r, c));
      } catch (e) {
        throw invalidArgument(`Bad value at ${columnLetter(c)}${r}: ${(e as Error).message}`, where);
      }
      if (next) s.cells.set(k, next);
      else s.cells.delete(k);
    }
  }
}

/** Range.numberFormat: null leaves a cell's format as it is; 'General' removes it. */
function writeNumberFormats(s: FakeSheet, rect: Rect, value: unknown, where: string): void {
  guardSize(rect, where);
  const at = shaped(value, rect, where);
  for (let r = rect.top; r <= rect.bottom; r++) {
    for (let c = rect.left; c <= rect.right; c++) {
      const f = at(r, c);
      if (f === null || f === undefined) continue;
      if (typeof f !== 'string') throw invalidArgument('A number format must be text', where);
      const k = cellKey(r, c);
      const prev = s.cells.get(k) ?? { value: null };
      const next: FakeCell = { ...prev };
      if (f === 'General') delete next.numberFormat;
      else next.numberFormat = f;
      if (isEmptyCell(next) && !next.numberFormat && !next.hyperlink) s.cells.delete(k);
      else s.cells.set(k, next);
    }
  }
}

/** Range.rowHidden / columnHidden: rows (or columns) from..to hidden or shown. */
function setHidden(set: Set<number>, from: number, to: number, hidden: boolean): void {
  for (let i = from; i <= to; i++) {
    if (hidden) set.add(i);
    else set.delete(i);
  }
}

/** Range.hyperlink: null removes the link; textToDisplay becomes the top-left cell's value. */
function writeHyperlinks(s: FakeSheet, rect: Rect, h: Record<string, unknown> | null): void {
  for (let r = rect.top; r <= rect.bottom; r++) {
    for (let c = rect.left; c <= rect.right; c++) {
      const k = cellKey(r, c);
      const next: FakeCell = { ...(s.cells.get(k) ?? { value: null }) };
      if (!h) delete next.hyperlink;
      else {
        next.hyperlink = hyperlinkOf(h);
        if (r === rect.top && c === rect.left && typeof h.textToDisplay === 'string') {
          next.value = h.textToDisplay;
          delete next.formula;
          delete next.error;
        }
      }
      s.cells.set(k, next);
    }
  }
}

function hyperlinkOf(h: Record<string, unknown>): NonNullable<FakeCell['hyperlink']> {
  const link: FakeCell['hyperlink'] = {};
  for (const key of ['address', 'documentReference', 'textToDisplay', 'screenTip'] as const) {
    if (typeof h[key] === 'string') link[key] = h[key] as string;
  }
  return link;
}

export class FRange extends FObj {
  readonly _props = RANGE_PROPS;
  private readonly resolver: RangeResolver;
  constructor(ctx: FakeContext, where: string, resolver: RangeResolver) {
    super(ctx, where);
    this.resolver = resolver;
  }
  protected _resolve(exec: Exec): unknown {
    return this.resolver(exec);
  }
  private derive(name: string, f: (b: RangeBinding, exec: Exec) => RangeBinding | null): FRange {
    return new FRange(this._ctx, `${this._where}.${name}`, (exec) => {
      const b = this._bind(exec) as RangeBinding | null;
      return b === null ? null : f(b, exec);
    });
  }
  get format(): FRangeFormat {
    return this._kid('format', () => new FRangeFormat(this));
  }
  get conditionalFormats(): FConditionalFormatCollection {
    return this._kid(
      'conditionalFormats',
      () =>
        new FConditionalFormatCollection(this._ctx, `${this._where}.conditionalFormats`, (exec) => {
          const b = this._bind(exec) as RangeBinding | null;
          return b;
        }),
    );
  }
  /** ExcelApi 1.8. */
  get dataValidation(): FDataValidation {
    return this._kid('dataValidation', () => new FDataValidation(this));
  }
  get worksheet(): FWorksheet {
    return this._kid(
      'worksheet',
      () => new FWorksheet(this._ctx, `${this._where}.worksheet`, (exec) => (this._bind(exec) as RangeBinding | null)?.sheetId ?? null),
    );
  }
  override _nav(name: string): FObj | undefined {
    if (name === 'format') return this.format;
    if (name === 'worksheet') return this.worksheet;
    if (name === 'dataValidation') return this.dataValidation;
    return undefined;
  }
  override _read(prop: string, binding: unknown, exec: Exec): unknown {
    const { sheetId, rect } = binding as RangeBinding;
    const s = sheetById(exec, sheetId, this._where);
    const cell = (r: number, c: number) => s.cells.get(cellKey(r, c));
    switch (prop) {
      case 'address':
      case 'addressLocal':
        return qualified(s.name, rect);
      case 'rowIndex':
        return rect.top - 1;
      case 'columnIndex':
        return rect.left - 1;
      case 'rowCount':
        return rectRows(rect);
      case 'columnCount':
        return rectColumns(rect);
      case 'cellCount':
        return rectRows(rect) * rectColumns(rect);
      case 'values':
        guardSize(rect, this._where);
        return grid(rect, (r, c) => cellValue(cell(r, c)));
      case 'formulas':
      case 'formulasLocal':
        guardSize(rect, this._where);
        return grid(rect, (r, c) => cellFormula(cell(r, c)));
      case 'numberFormat':
        guardSize(rect, this._where);
        return grid(rect, (r, c) => cell(r, c)?.numberFormat ?? 'General');
      case 'valueTypes':
        guardSize(rect, this._where);
        return grid(rect, (r, c) => cellValueType(cell(r, c)));
      case 'text':
        guardSize(rect, this._where);
        return grid(rect, (r, c) => cellText(cell(r, c)));
      case 'rowHidden':
        return hiddenState(s.hiddenRows, rect.top, rect.bottom);
      case 'columnHidden':
        return hiddenState(s.hiddenColumns, rect.left, rect.right);
      case 'hidden': {
        const rh = hiddenState(s.hiddenRows, rect.top, rect.bottom);
        const ch = hiddenState(s.hiddenColumns, rect.left, rect.right);
        return rh === true || ch === true;
      }
      case 'hyperlink': {
        const h = cell(rect.top, rect.left)?.hyperlink;
        return h ? { ...h } : null;
      }
      case 'isEntireRow':
        return rect.left === 1 && rect.right === MAX_COLUMNS;
      case 'isEntireColumn':
        return rect.top === 1 && rect.bottom === MAX_ROWS;
    }
    return super._read(prop, binding, exec);
  }
  override _write(prop: string, value: unknown, binding: unknown, exec: Exec): void {
    const { sheetId, rect } = binding as RangeBinding;
    const where = `${this._where}.${prop}`;
    const s = writable(exec, sheetId, where);
    switch (prop) {
      case 'values':
      case 'formulas':
      case 'formulasLocal':
        writeEntries(s, rect, value, where);
        dataChanged(exec, sheetId, rect);
        return;
      case 'numberFormat':
        writeNumberFormats(s, rect, value, where);
        return;
      case 'rowHidden':
        setHidden(s.hiddenRows, rect.top, rect.bottom, Boolean(value));
        return;
      case 'columnHidden':
        setHidden(s.hiddenColumns, rect.left, rect.right, Boolean(value));
        return;
      case 'hyperlink':
        requireSet(exec, 'Range.hyperlink', '1.7');
        writeHyperlinks(s, rect, value as Record<string, unknown> | null);
        return;
    }
    super._write(prop, value, binding, exec);
  }

  getRow(i: number): FRange {
    return this.derive(`getRow(${i})`, (b) => {
      if (i < 0 || i >= rectRows(b.rect)) throw invalidArgument('Row index out of range', `${this._where}.getRow`);
      return { sheetId: b.sheetId, rect: { ...b.rect, top: b.rect.top + i, bottom: b.rect.top + i } };
    });
  }
  getColumn(i: number): FRange {
    return this.derive(`getColumn(${i})`, (b) => {
      if (i < 0 || i >= rectColumns(b.rect)) throw invalidArgument('Column index out of range', `${this._where}.getColumn`);
      return { sheetId: b.sheetId, rect: { ...b.rect, left: b.rect.left + i, right: b.rect.left + i } };
    });
  }
  getCell(row: number, column: number): FRange {
    return this.derive(`getCell(${row},${column})`, (b) => {
      const r = b.rect.top + row;
      const c = b.rect.left + column;
      return { sheetId: b.sheetId, rect: { top: r, left: c, bottom: r, right: c } };
    });
  }
  getEntireRow(): FRange {
    return this.derive('getEntireRow()', (b) => ({ sheetId: b.sheetId, rect: { ...b.rect, left: 1, right: MAX_COLUMNS } }));
  }
  getEntireColumn(): FRange {
    return this.derive('getEntireColumn()', (b) => ({ sheetId: b.sheetId, rect: { ...b.rect, top: 1, bottom: MAX_ROWS } }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): FRange {
    return this.derive('getOffsetRange()', (b) => {
      const rect = {
        top: b.rect.top + rowOffset,
        bottom: b.rect.bottom + rowOffset,
        left: b.rect.left + columnOffset,
        right: b.rect.right + columnOffset,
      };
      if (rect.top < 1 || rect.left < 1 || rect.bottom > MAX_ROWS || rect.right > MAX_COLUMNS) {
        throw invalidArgument('Offset outside the sheet', `${this._where}.getOffsetRange`);
      }
      return { sheetId: b.sheetId, rect };
    });
  }
  getResizedRange(deltaRows: number, deltaColumns: number): FRange {
    return this.derive('getResizedRange()', (b) => {
      const rect = { ...b.rect, bottom: b.rect.bottom + deltaRows, right: b.rect.right + deltaColumns };
      if (rect.bottom < rect.top || rect.right < rect.left) throw invalidArgument('Bad resize', `${this._where}.getResizedRange`);
      return { sheetId: b.sheetId, rect };
    });
  }
  getAbsoluteResizedRange(numRows: number, numColumns: number): FRange {
    return this.derive('getAbsoluteResizedRange()', (b, exec) => {
      requireSet(exec, 'Range.getAbsoluteResizedRange', '1.7');
      if (numRows < 1 || numColumns < 1) throw invalidArgument('Bad size', `${this._where}.getAbsoluteResizedRange`);
      return {
        sheetId: b.sheetId,
        rect: { top: b.rect.top, left: b.rect.left, bottom: b.rect.top + numRows - 1, right: b.rect.left + numColumns - 1 },
      };
    });
  }
  getIntersectionOrNullObject(other: string | FRange): FRange {
    return this.derive('getIntersectionOrNullObject()', (b, exec) => {
      const o = typeof other === 'string' ? parseAddress(other)?.rect : (other._bind(exec) as RangeBinding | null)?.rect;
      if (!o) return null;
      const x = intersect(b.rect, o);
      return x ? { sheetId: b.sheetId, rect: x } : null;
    });
  }
  getBoundingRect(other: string | FRange): FRange {
    return this.derive('getBoundingRect()', (b, exec) => {
      const o = typeof other === 'string' ? parseAddress(other)?.rect : (other._bind(exec) as RangeBinding | null)?.rect;
      if (!o) throw invalidArgument('Bad range', `${this._where}.getBoundingRect`);
      return {
        sheetId: b.sheetId,
        rect: {
          top: Math.min(b.rect.top, o.top),
          left: Math.min(b.rect.left, o.left),
          bottom: Math.max(b.rect.bottom, o.bottom),
          right: Math.max(b.rect.right, o.right),
        },
      };
    });
  }
  getUsedRange(valuesOnly = false): FRange {
    return this.derive('getUsedRange()', (b, exec) => {
      const u = usedRect(sheetById(exec, b.sheetId, this._where), valuesOnly);
      const x = u ? intersect(u, b.rect) : null;
      if (!x) throw itemNotFound(`${this._where}.getUsedRange`);
      return { sheetId: b.sheetId, rect: x };
    });
  }
  getUsedRangeOrNullObject(valuesOnly = false): FRange {
    return this.derive('getUsedRangeOrNullObject()', (b, exec) => {
      const u = usedRect(sheetById(exec, b.sheetId, this._where), valuesOnly);
      const x = u ? intersect(u, b.rect) : null;
      return x ? { sheetId: b.sheetId, rect: x } : null;
    });
  }
  getVisibleView(): FRangeView {
    return new FRangeView(this._ctx, `${this._where}.getVisibleView()`, (exec) => this._bind(exec) as RangeBinding | null);
  }
  getMergedAreasOrNullObject(): FRangeAreas {
    return new FRangeAreas(this._ctx, `${this._where}.getMergedAreasOrNullObject()`, (exec) => {
      const b = this._bind(exec) as RangeBinding | null;
      if (b === null) return null;
      requireSet(exec, 'Range.getMergedAreasOrNullObject', '1.13');
      const s = sheetById(exec, b.sheetId, this._where);
      const rects = s.merges.filter((m) => intersect(m, b.rect));
      if (rects.length > MERGED_AREAS_MAX) throw tooManyMergedAreas(`${this._where}.getMergedAreasOrNullObject`, rects.length);
      return rects.length ? { sheetId: b.sheetId, rects } : null;
    });
  }
  merge(across = false): void {
    this._call('merge', [across], true, (b, exec) => {
      const { sheetId, rect } = b as RangeBinding;
      const s = writable(exec, sheetId, `${this._where}.merge`);
      const targets: Rect[] = across
        ? Array.from({ length: rectRows(rect) }, (_, i) => ({ ...rect, top: rect.top + i, bottom: rect.top + i }))
        : [rect];
      for (const t of targets) {
        if (rectRows(t) * rectColumns(t) < 2) continue;
        s.merges = s.merges.filter((m) => !intersect(m, t));
        for (const k of [...s.cells.keys()]) {
          const r = keyRow(k);
          const c = keyCol(k);
          if (r >= t.top && r <= t.bottom && c >= t.left && c <= t.right && !(r === t.top && c === t.left)) s.cells.delete(k);
        }
        s.merges.push({ ...t });
      }
    });
  }
  unmerge(): void {
    this._call('unmerge', [], true, (b, exec) => {
      const { sheetId, rect } = b as RangeBinding;
      const s = writable(exec, sheetId, `${this._where}.unmerge`);
      s.merges = s.merges.filter((m) => !intersect(m, rect));
    });
  }
  select(): void {
    this._call('select', [], true, (b, exec) => {
      const { sheetId, rect } = b as RangeBinding;
      const s = sheetById(exec, sheetId, `${this._where}.select`);
      if (s.visibility !== 'Visible') throw invalidArgument('Cannot select on a hidden sheet.', `${this._where}.select`);
      exec.book.activeSheetId = sheetId;
      exec.book.selection = { sheetId, range: { ...rect } };
      exec.selectionChanged = true;
    });
  }
  clear(applyTo: 'All' | 'Formats' | 'Contents' | 'Hyperlinks' | string = 'All'): void {
    this._call('clear', [applyTo], true, (b, exec) => {
      const { sheetId, rect } = b as RangeBinding;
      const s = writable(exec, sheetId, `${this._where}.clear`);
      for (const [k, c] of [...s.cells]) {
        const r = keyRow(k);
        const col = keyCol(k);
        if (r < rect.top || r > rect.bottom || col < rect.left || col > rect.right) continue;
        let next: FakeCell | undefined;
        if (applyTo === 'All') next = undefined;
        else if (applyTo === 'Contents')
          next = c.numberFormat || c.hyperlink ? { value: null, numberFormat: c.numberFormat, hyperlink: c.hyperlink } : undefined;
        else if (applyTo === 'Formats') {
          next = { ...c };
          delete next.numberFormat;
        } else {
          next = { ...c };
          delete next.hyperlink;
        }
        if (next && next.numberFormat === undefined) delete next.numberFormat;
        if (next && next.hyperlink === undefined) delete next.hyperlink;
        if (!next || (isEmptyCell(next) && !next.numberFormat && !next.hyperlink)) s.cells.delete(k);
        else s.cells.set(k, next);
      }
      if (applyTo === 'All' || applyTo === 'Formats') {
        s.formats = s.formats.filter((f) => !contains(rect, f.range));
        s.merges = s.merges.filter((m) => !contains(rect, m));
      }
      if (applyTo === 'All' || applyTo === 'Contents') dataChanged(exec, sheetId, rect);
    });
  }
}
props(FRange, RANGE_PROPS, ['values', 'formulas', 'formulasLocal', 'numberFormat', 'rowHidden', 'columnHidden', 'hyperlink']);

const contains = (outer: Rect, inner: Rect): boolean =>
  inner.top >= outer.top && inner.bottom <= outer.bottom && inner.left >= outer.left && inner.right <= outer.right;

export class FRangeView extends FObj {
  readonly _props = ['cellAddresses', 'values', 'formulas', 'numberFormat', 'valueTypes', 'text', 'rowCount', 'columnCount'] as const;
  constructor(
    ctx: FakeContext,
    where: string,
    private readonly resolver: RangeResolver,
  ) {
    super(ctx, where);
  }
  protected _resolve(exec: Exec): unknown {
    return this.resolver(exec);
  }
  override _read(prop: string, binding: unknown, exec: Exec): unknown {
    const { sheetId, rect } = binding as RangeBinding;
    const s = sheetById(exec, sheetId, this._where);
    guardSize(rect, this._where);
    const rows: number[] = [];
    for (let r = rect.top; r <= rect.bottom; r++) if (!s.hiddenRows.has(r)) rows.push(r);
    const cols: number[] = [];
    for (let c = rect.left; c <= rect.right; c++) if (!s.hiddenColumns.has(c)) cols.push(c);
    const cell = (r: number, c: number) => s.cells.get(cellKey(r, c));
    const each = <T>(f: (r: number, c: number) => T): T[][] => rows.map((r) => cols.map((c) => f(r, c)));
    switch (prop) {
      case 'cellAddresses':
        return each((r, c) => qualified(s.name, { top: r, left: c, bottom: r, right: c }));
      case 'values':
        return each((r, c) => cellValue(cell(r, c)));
      case 'formulas':
        return each((r, c) => cellFormula(cell(r, c)));
      case 'numberFormat':
        return each((r, c) => cell(r, c)?.numberFormat ?? 'General');
      case 'valueTypes':
        return each((r, c) => cellValueType(cell(r, c)));
      case 'text':
        return each((r, c) => cellText(cell(r, c)));
      case 'rowCount':
        return rows.length;
      case 'columnCount':
        return cols.length;
    }
    return super._read(prop, binding, exec);
  }
}
props(FRangeView, ['cellAddresses', 'values', 'formulas', 'numberFormat', 'valueTypes', 'text', 'rowCount', 'columnCount']);

export class FRangeAreas extends FObj {
  readonly _props = ['address', 'areaCount', 'cellCount'] as const;
  constructor(
    ctx: FakeContext,
    where: string,
    private readonly resolver: (exec: Exec) => { sheetId: string; rects: Rect[] } | null,
  ) {
    super(ctx, where);
  }
  protected _resolve(exec: Exec): unknown {
    return this.resolver(exec);
  }
  override _read(prop: string, binding: unknown, exec: Exec): unknown {
    const { sheetId, rects } = binding as { sheetId: string; rects: Rect[] };
    const s = sheetById(exec, sheetId, this._where);
    if (prop === 'address') return rects.map((r) => qualified(s.name, r)).join(', ');
    if (prop === 'areaCount') return rects.length;
    if (prop === 'cellCount') return rects.reduce((n, r) => n + rectRows(r) * rectColumns(r), 0);
    return super._read(prop, binding, exec);
  }
}
props(FRangeAreas, ['address', 'areaCount', 'cellCount']);

// ---------------------------------------------------------------------------------------------
// Range formatting (recorded per range, in order, never per cell)

function recordFormat(exec: Exec, b: RangeBinding, where: string, patch: Omit<FakeFormatRecord, 'range'>): void {
  const s = writable(exec, b.sheetId, where);
  s.formats.push({ range: { ...b.rect }, ...patch });
}

function formatAt(exec: Exec, b: RangeBinding, where: string, key: keyof FakeFormatRecord): unknown {
  const s = sheetById(exec, b.sheetId, where);
  let v: unknown = undefined;
  for (const f of s.formats)
    if (contains(f.range, { ...b.rect, bottom: b.rect.top, right: b.rect.left }) && f[key] !== undefined) v = f[key];
  return v;
}

export class FRangeFormat extends FObj {
  readonly _props = ['wrapText', 'columnWidth', 'rowHeight', 'horizontalAlignment', 'verticalAlignment'] as const;
  constructor(private readonly range: FRange) {
    super(range._ctx, `${range._where}.format`);
  }
  protected _resolve(exec: Exec): unknown {
    return this.range._bind(exec);
  }
  get fill(): FRangeFill {
    return this._kid('fill', () => new FRangeFill(this));
  }
  get font(): FRangeFont {
    return this._kid('font', () => new FRangeFont(this));
  }
  override _nav(name: string): FObj | undefined {
    if (name === 'fill') return this.fill;
    if (name === 'font') return this.font;
    return undefined;
  }
  override _read(prop: string, binding: unknown, exec: Exec): unknown {
    const b = binding as RangeBinding;
    const s = sheetById(exec, b.sheetId, this._where);
    if (prop === 'columnWidth') return s.columnWidths.get(b.rect.left) ?? 48;
    if (prop === 'rowHeight') return s.rowHeights.get(b.rect.top) ?? 15;
    if (prop === 'wrapText') return formatAt(exec, b, this._where, 'wrapText') ?? false;
    if (prop === 'horizontalAlignment') return formatAt(exec, b, this._where, 'horizontalAlignment') ?? 'General';
    if (prop === 'verticalAlignment') return formatAt(exec, b, this._where, 'verticalAlignment') ?? 'Bottom';
    return super._read(prop, binding, exec);
  }
  override _write(prop: string, value: unknown, binding: unknown, exec: Exec): void {
    const b = binding as RangeBinding;
    const where = `${this._where}.${prop}`;
    if (prop === 'columnWidth' || prop === 'rowHeight') {
      if (typeof value !== 'number' || value < 0) throw invalidArgument('Bad size', where);
      const s = writable(exec, b.sheetId, where);
      if (prop === 'columnWidth') for (let c = b.rect.left; c <= Math.min(b.rect.right, MAX_COLUMNS); c++) s.columnWidths.set(c, value);
      else for (let r = b.rect.top; r <= Math.min(b.rect.bottom, b.rect.top + 100000); r++) s.rowHeights.set(r, value);
      return;
    }
    if (prop === 'wrapText') return recordFormat(exec, b, where, { wrapText: Boolean(value) });
    if (prop === 'horizontalAlignment') return recordFormat(exec, b, where, { horizontalAlignment: String(value) });
    if (prop === 'verticalAlignment') return recordFormat(exec, b, where, { verticalAlignment: String(value) });
    super._write(prop, value, binding, exec);
  }
  autofitColumns(): void {
    this._call('autofitColumns', [], true, (b, exec) => void writable(exec, (b as RangeBinding).sheetId, this._where));
  }
  autofitRows(): void {
    this._call('autofitRows', [], true, (b, exec) => void writable(exec, (b as RangeBinding).sheetId, this._where));
  }
}
props(
  FRangeFormat,
  ['wrapText', 'columnWidth', 'rowHeight', 'horizontalAlignment', 'verticalAlignment'],
  ['wrapText', 'columnWidth', 'rowHeight', 'horizontalAlignment', 'verticalAlignment'],
);

export class FRangeFill extends FObj {
  readonly _props = ['color'] as const;
  constructor(private readonly format: FRangeFormat) {
    super(format._ctx, `${format._where}.fill`);
  }
  protected _resolve(exec: Exec): unknown {
    return this.format._bind(exec);
  }
  override _read(prop: string, binding: unknown, exec: Exec): unknown {
    if (prop === 'color') return formatAt(exec, binding as RangeBinding, this._where, 'fill') ?? null;
    return super._read(prop, binding, exec);
  }
  override _write(prop: string, value: unknown, binding: unknown, exec: Exec): void {
    if (prop === 'color') return recordFormat(exec, binding as RangeBinding, `${this._where}.color`, { fill: String(value) });
    super._write(prop, value, binding, exec);
  }
  clear(): void {
    this._call('clear', [], true, (b, exec) => recordFormat(exec, b as RangeBinding, `${this._where}.clear`, { fill: null }));
  }
}
props(FRangeFill, ['color'], ['color']);

export class FRangeFont extends FObj {
  readonly _props = ['bold', 'italic', 'color', 'size', 'name'] as const;
  constructor(private readonly format: FRangeFormat) {
    super(format._ctx, `${format._where}.font`);
  }
  protected _resolve(exec: Exec): unknown {
    return this.format._bind(exec);
  }
  override _read(prop: string, binding: unknown, exec: Exec): unknown {
    const b = binding as RangeBinding;
    if (prop === 'bold') return formatAt(exec, b, this._where, 'bold') ?? false;
    if (prop === 'italic') return formatAt(exec, b, this._where, 'italic') ?? false;
    if (prop === 'color') return formatAt(exec, b, this._where, 'fontColor') ?? '#000000';
    if (prop === 'size') return formatAt(exec, b, this._where, 'size') ?? 11;
    if (prop === 'name') return formatAt(exec, b, this._where, 'fontName') ?? 'Calibri';
    return super._read(prop, binding, exec);
  }
  override _write(prop: string, value: unknown, binding: unknown, exec: Exec): void {
    const b = binding as RangeBinding;
    const where = `${this._where}.${prop}`;
    if (prop === 'bold') return recordFormat(exec, b, where, { bold: Boolean(value) });
    if (prop === 'italic') return recordFormat(exec, b, where, { italic: Boolean(value) });
    if (prop === 'color') return recordFormat(exec, b, where, { fontColor: String(value) });
    if (prop === 'size') return recordFormat(exec, b, where, { size: Number(value) });
    if (prop === 'name') return recordFormat(exec, b, where, { fontName: String(value) });
    super._write(prop, value, binding, exec);
  }
}
props(FRangeFont, ['bold', 'italic', 'color', 'size', 'name'], ['bold', 'italic', 'color', 'size', 'name']);

// ---------------------------------------------------------------------------------------------
// Data validation (ExcelApi 1.8): kept per cell, see data-validation.ts

const DV_PROPS = ['type', 'rule', 'prompt', 'errorAlert', 'ignoreBlanks', 'valid'] as const;
const DV_WRITABLE = ['rule', 'prompt', 'errorAlert', 'ignoreBlanks'] as const;

/** "$A$1:$B$2", "$A:$C", "$3:$5". */
function absoluteA1(r: Rect): string {
  return rectA1(r)
    .split(':')
    .map((part) => part.replace(/^([A-Z]*)(\d*)$/, (_m, col: string, row: string) => `${col ? `$${col}` : ''}${row ? `$${row}` : ''}`))
    .join(':');
}

export class FDataValidation extends FObj {
  readonly _props = DV_PROPS;
  constructor(private readonly range: FRange) {
    super(range._ctx, `${range._where}.dataValidation`);
  }
  protected _resolve(exec: Exec): unknown {
    const b = this.range._bind(exec);
    if (b !== null) requireSet(exec, 'Range.dataValidation', '1.8');
    return b;
  }
  override _read(prop: string, binding: unknown, exec: Exec): unknown {
    const { sheetId, rect } = binding as RangeBinding;
    const s = sheetById(exec, sheetId, this._where);
    switch (prop) {
      case 'type':
        return validationType(s.dataValidations, rect);
      case 'valid':
        return validity(s, rect);
      case 'rule':
      case 'prompt':
      case 'errorAlert':
      case 'ignoreBlanks':
        return uniformValue(s.dataValidations, rect, prop);
    }
    return super._read(prop, binding, exec);
  }
  override _write(prop: string, value: unknown, binding: unknown, exec: Exec): void {
    const { sheetId, rect } = binding as RangeBinding;
    const where = `${this._where}.${prop}`;
    const s = writable(exec, sheetId, where);
    /** A Range operand or list source: its absolute reference, qualified when on another sheet. */
    const reference = (v: object): string | null => {
      if (!(v instanceof FRange)) return null;
      const rb = v._bind(exec) as RangeBinding | null;
      if (rb === null) return null;
      const other = sheetById(exec, rb.sheetId, where);
      return `=${other.id === sheetId ? '' : `${sheetPrefix(other.name)}!`}${absoluteA1(rb.rect)}`;
    };
    try {
      switch (prop) {
        case 'rule': {
          const rule = normalizeRule(value, reference);
          s.dataValidations = paint(s.dataValidations, rect, (d) => ({ ...d, rule }));
          return;
        }
        case 'prompt':
          checkPrompt(value);
          s.dataValidations = paint(s.dataValidations, rect, (d) => ({ ...d, prompt: mergePrompt(d.prompt, value) }));
          return;
        case 'errorAlert':
          checkErrorAlert(value);
          s.dataValidations = paint(s.dataValidations, rect, (d) => ({ ...d, errorAlert: mergeErrorAlert(d.errorAlert, value) }));
          return;
        case 'ignoreBlanks': {
          const ignoreBlanks = checkIgnoreBlanks(value);
          s.dataValidations = paint(s.dataValidations, rect, (d) => ({ ...d, ignoreBlanks }));
          return;
        }
      }
    } catch (e) {
      if (e instanceof DataValidationProblem) throw invalidArgument(e.message, where);
      throw e;
    }
    super._write(prop, value, binding, exec);
  }
  /** Removes the validation of the range's cells (of the overlapping cells only, for a record that extends beyond). */
  clear(): void {
    this._call('clear', [], true, (binding, exec) => {
      const { sheetId, rect } = binding as RangeBinding;
      const s = writable(exec, sheetId, `${this._where}.clear`);
      s.dataValidations = paint(s.dataValidations, rect, null);
    });
  }
  /** Several properties at once, in the order given (as separate writes). */
  set(properties: Record<string, unknown>): void {
    for (const [key, v] of Object.entries(properties ?? {})) {
      if (!(DV_WRITABLE as readonly string[]).includes(key)) throw invalidArgument(`The property ${key} is read-only`, this._where);
      this._set(key, v);
    }
  }
}
props(FDataValidation, DV_PROPS, DV_WRITABLE);

// ---------------------------------------------------------------------------------------------
// Conditional formats

interface CfBinding {
  sheetId: string;
  cfId: string;
}

function cfById(exec: Exec, b: CfBinding, where: string): { sheet: FakeSheet; cf: FakeConditionalFormat } {
  const sheet = sheetById(exec, b.sheetId, where);
  const cf = sheet.conditionalFormats.find((c) => c.id === b.cfId);
  if (!cf) throw invalidObjectPath(where);
  return { sheet, cf };
}

function patchCf(exec: Exec, b: CfBinding, where: string, patch: Partial<FakeConditionalFormat>): void {
  const sheet = writable(exec, b.sheetId, where);
  const i = sheet.conditionalFormats.findIndex((c) => c.id === b.cfId);
  if (i < 0) throw invalidObjectPath(where);
  sheet.conditionalFormats[i] = { ...sheet.conditionalFormats[i], ...patch };
}

export class FConditionalFormatCollection extends FCollection<FConditionalFormat> {
  readonly _props = [] as const;
  readonly _itemProps = ['id', 'type', 'priority', 'stopIfTrue'] as const;
  constructor(
    ctx: FakeContext,
    where: string,
    private readonly resolver: (exec: Exec) => RangeBinding | null,
  ) {
    super(ctx, where);
  }
  protected _resolve(exec: Exec): unknown {
    const b = this.resolver(exec);
    if (b) requireSet(exec, 'ConditionalFormatCollection', '1.6');
    return b;
  }
  private inRange(exec: Exec, b: RangeBinding): FakeConditionalFormat[] {
    return sheetById(exec, b.sheetId, this._where).conditionalFormats.filter((c) => intersect(c.range, b.rect));
  }
  protected _list(binding: unknown, exec: Exec): FConditionalFormat[] {
    const b = binding as RangeBinding;
    return this.inRange(exec, b).map((cf) => FConditionalFormat.bound(this._ctx, { sheetId: b.sheetId, cfId: cf.id }));
  }
  /**
   * Excel JavaScript API, ConditionalFormatCollection.add
   * (https://learn.microsoft.com/javascript/api/excel/excel.conditionalformatcollection#excel-excel-conditionalformatcollection-add-member(1)):
   * "Adds a new conditional format to the collection at the first/top priority." The sheet's list
   * is kept in priority order (index 0 = top, what wins where formats conflict), so a new format
   * goes to its front, above every earlier one of the sheet, whatever its range.
   */
  add(type: string): FConditionalFormat {
    const cfProxy = new FConditionalFormat(this._ctx, `${this._where}.add(${type})`, () => {
      throw invalidObjectPath('ConditionalFormatCollection.add');
    });
    this._call('add', [type], true, (binding, exec) => {
      const b = binding as RangeBinding;
      const s = writable(exec, b.sheetId, `${this._where}.add`);
      const cf: FakeConditionalFormat = { id: exec.host.newId('cf'), range: { ...b.rect }, type };
      s.conditionalFormats.unshift(cf);
      cfProxy._binding = { sheetId: b.sheetId, cfId: cf.id };
      exec.touched.push(cfProxy);
    });
    return cfProxy;
  }
  getCount(): ClientResult<number> {
    return resultOp(this, 'getCount', (b, exec) => this.inRange(exec, b as RangeBinding).length);
  }
  getItemAt(index: number): FConditionalFormat {
    return new FConditionalFormat(this._ctx, `${this._where}.getItemAt(${index})`, (exec) => {
      const b = this._bind(exec) as RangeBinding | null;
      if (b === null) return null;
      const cf = this.inRange(exec, b)[index];
      if (!cf) throw itemNotFound(`${this._where}.getItemAt(${index})`);
      return { sheetId: b.sheetId, cfId: cf.id };
    });
  }
  getItem(id: string): FConditionalFormat {
    return new FConditionalFormat(this._ctx, `${this._where}.getItem(${id})`, (exec) => {
      const b = this._bind(exec) as RangeBinding | null;
      if (b === null) return null;
      const cf = this.inRange(exec, b).find((c) => c.id === id);
      if (!cf) throw itemNotFound(`${this._where}.getItem(${id})`);
      return { sheetId: b.sheetId, cfId: cf.id };
    });
  }
  clearAll(): void {
    this._call('clearAll', [], true, (binding, exec) => {
      const b = binding as RangeBinding;
      const s = writable(exec, b.sheetId, `${this._where}.clearAll`);
      s.conditionalFormats = s.conditionalFormats.filter((c) => !intersect(c.range, b.rect));
    });
  }
}

export class FConditionalFormat extends FObj {
  readonly _props = ['id', 'type', 'priority', 'stopIfTrue'] as const;
  constructor(
    ctx: FakeContext,
    where: string,
    private readonly resolver: (exec: Exec) => CfBinding | null,
  ) {
    super(ctx, where);
  }
  static bound(ctx: FakeContext, b: CfBinding): FConditionalFormat {
    const cf = new FConditionalFormat(ctx, `ConditionalFormat(${b.cfId})`, () => b);
    cf._binding = b;
    return cf;
  }
  protected _resolve(exec: Exec): unknown {
    return this.resolver(exec);
  }
  get custom(): FCustomConditionalFormat {
    return this._kid('custom', () => new FCustomConditionalFormat(this, false));
  }
  get customOrNullObject(): FCustomConditionalFormat {
    return this._kid('customOrNullObject', () => new FCustomConditionalFormat(this, true));
  }
  override _nav(name: string): FObj | undefined {
    if (name === 'custom') return this.custom;
    if (name === 'customOrNullObject') return this.customOrNullObject;
    return undefined;
  }
  override _read(prop: string, binding: unknown, exec: Exec): unknown {
    const { sheet, cf } = cfById(exec, binding as CfBinding, this._where);
    if (prop === 'id') return cf.id;
    if (prop === 'type') return cf.type;
    // ConditionalFormat.priority (https://learn.microsoft.com/javascript/api/excel/excel.conditionalformat#excel-excel-conditionalformat-priority-member):
    // "The priority (or index) within the conditional format collection that this conditional
    // format currently exists in" — 0 at the top, contiguous: the position in the sheet's list.
    if (prop === 'priority') return sheet.conditionalFormats.indexOf(cf);
    if (prop === 'stopIfTrue') return cf.stopIfTrue ?? false;
    return super._read(prop, binding, exec);
  }
  override _write(prop: string, value: unknown, binding: unknown, exec: Exec): void {
    if (prop === 'stopIfTrue') return patchCf(exec, binding as CfBinding, `${this._where}.stopIfTrue`, { stopIfTrue: Boolean(value) });
    super._write(prop, value, binding, exec);
  }
  delete(): void {
    this._call('delete', [], true, (binding, exec) => {
      const b = binding as CfBinding;
      const s = writable(exec, b.sheetId, `${this._where}.delete`);
      if (!s.conditionalFormats.some((c) => c.id === b.cfId)) throw invalidObjectPath(`${this._where}.delete`);
      s.conditionalFormats = s.conditionalFormats.filter((c) => c.id !== b.cfId);
    });
  }
  getRange(): FRange {
    return new FRange(this._ctx, `${this._where}.getRange()`, (exec) => {
      const b = this._bind(exec) as CfBinding | null;
      if (b === null) return null;
      return { sheetId: b.sheetId, rect: { ...cfById(exec, b, this._where).cf.range } };
    });
  }
  getRangeOrNullObject(): FRange {
    return this.getRange();
  }
}
props(FConditionalFormat, ['id', 'type', 'priority', 'stopIfTrue'], ['stopIfTrue']);

export class FCustomConditionalFormat extends FObj {
  readonly _props = [] as const;
  constructor(
    private readonly cf: FConditionalFormat,
    private readonly orNull: boolean,
  ) {
    super(cf._ctx, `${cf._where}.custom`);
  }
  protected _resolve(exec: Exec): unknown {
    const b = this.cf._bind(exec) as CfBinding | null;
    if (b === null) return null;
    if (cfById(exec, b, this._where).cf.type !== 'Custom') {
      if (this.orNull) return null;
      throw invalidArgument('The conditional format is not of type Custom.', this._where);
    }
    return b;
  }
  get rule(): FConditionalFormatRule {
    return this._kid('rule', () => new FConditionalFormatRule(this));
  }
  get format(): FConditionalRangeFormat {
    return this._kid('format', () => new FConditionalRangeFormat(this));
  }
  override _nav(name: string): FObj | undefined {
    if (name === 'rule') return this.rule;
    if (name === 'format') return this.format;
    return undefined;
  }
}

export class FConditionalFormatRule extends FObj {
  readonly _props = ['formula', 'formulaLocal', 'formulaR1C1'] as const;
  constructor(private readonly parent: FObj) {
    super(parent._ctx, `${parent._where}.rule`);
  }
  protected _resolve(exec: Exec): unknown {
    return this.parent._bind(exec);
  }
  override _read(prop: string, binding: unknown, exec: Exec): unknown {
    if (prop === 'formula' || prop === 'formulaLocal') return cfById(exec, binding as CfBinding, this._where).cf.formula ?? '';
    return super._read(prop, binding, exec);
  }
  override _write(prop: string, value: unknown, binding: unknown, exec: Exec): void {
    if (prop === 'formula' || prop === 'formulaLocal') {
      if (typeof value !== 'string' || !value.startsWith('=')) throw invalidArgument('A rule formula must start with "="', this._where);
      return patchCf(exec, binding as CfBinding, `${this._where}.formula`, { formula: value });
    }
    super._write(prop, value, binding, exec);
  }
}
props(FConditionalFormatRule, ['formula', 'formulaLocal', 'formulaR1C1'], ['formula', 'formulaLocal']);

export class FConditionalRangeFormat extends FObj {
  readonly _props = ['numberFormat'] as const;
  constructor(private readonly parent: FObj) {
    super(parent._ctx, `${parent._where}.format`);
  }
  protected _resolve(exec: Exec): unknown {
    return this.parent._bind(exec);
  }
  get fill(): FConditionalRangeFill {
    return this._kid('fill', () => new FConditionalRangeFill(this));
  }
  get font(): FConditionalRangeFont {
    return this._kid('font', () => new FConditionalRangeFont(this));
  }
  override _nav(name: string): FObj | undefined {
    if (name === 'fill') return this.fill;
    if (name === 'font') return this.font;
    return undefined;
  }
  override _read(prop: string, binding: unknown, exec: Exec): unknown {
    if (prop === 'numberFormat') return null;
    return super._read(prop, binding, exec);
  }
}
props(FConditionalRangeFormat, ['numberFormat']);

export class FConditionalRangeFill extends FObj {
  readonly _props = ['color'] as const;
  constructor(private readonly parent: FObj) {
    super(parent._ctx, `${parent._where}.fill`);
  }
  protected _resolve(exec: Exec): unknown {
    return this.parent._bind(exec);
  }
  override _read(prop: string, binding: unknown, exec: Exec): unknown {
    if (prop === 'color') return cfById(exec, binding as CfBinding, this._where).cf.fill ?? null;
    return super._read(prop, binding, exec);
  }
  override _write(prop: string, value: unknown, binding: unknown, exec: Exec): void {
    if (prop === 'color') return patchCf(exec, binding as CfBinding, `${this._where}.color`, { fill: String(value) });
    super._write(prop, value, binding, exec);
  }
}
props(FConditionalRangeFill, ['color'], ['color']);

export class FConditionalRangeFont extends FObj {
  readonly _props = ['color', 'bold', 'italic'] as const;
  constructor(private readonly parent: FObj) {
    super(parent._ctx, `${parent._where}.font`);
  }
  protected _resolve(exec: Exec): unknown {
    return this.parent._bind(exec);
  }
  override _read(prop: string, binding: unknown, exec: Exec): unknown {
    const { cf } = cfById(exec, binding as CfBinding, this._where);
    if (prop === 'color') return cf.fontColor ?? null;
    if (prop === 'bold') return cf.bold ?? false;
    if (prop === 'italic') return false;
    return super._read(prop, binding, exec);
  }
  override _write(prop: string, value: unknown, binding: unknown, exec: Exec): void {
    const where = `${this._where}.${prop}`;
    if (prop === 'color') return patchCf(exec, binding as CfBinding, where, { fontColor: String(value) });
    if (prop === 'bold') return patchCf(exec, binding as CfBinding, where, { bold: Boolean(value) });
    super._write(prop, value, binding, exec);
  }
}
props(FConditionalRangeFont, ['color', 'bold', 'italic'], ['color', 'bold']);

export { normalize, rectA1 };
