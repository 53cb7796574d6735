/// <reference types="office-js" />
/**
 * Install the fake as the `Excel`, `Office` and `OfficeExtension` globals, so code written
 * against office.js (Excel.run, Office.onReady, Office.actions.associate, requirement checks)
 * runs unchanged in jest or in a browser page that loads this bundle instead of office.js.
 */
import { FakeOfficeError } from './objects';

export interface InstallOptions {
  /** Office.context.platform: 'PC', 'OfficeOnline', 'Mac'. */
  platform?: string;
}

export interface DialogCall {
  url: string;
  options: unknown;
  closed: boolean;
  /** Who closed it: the add-in (dialog.close()), the user (the X button), or the command's runtime ending. */
  closedBy?: 'addin' | 'user' | 'runtime';
  /** The user closes the dialog with its X button: DialogEventReceived with error 12006. */
  closeByUser(): void;
  /** The dialog page calls Office.context.ui.messageParent(message): DialogMessageReceived. */
  messageFromDialog(message: string): void;
}

/** What a function command's handler gets (Office.AddinCommands.Event), with what completed() does. */
export interface FakeCommandEvent {
  completed(): void;
  readonly completedCalls: number;
}

export interface InstalledOffice {
  /** Functions registered with Office.actions.associate. */
  actions: Map<string, (event: unknown) => unknown>;
  /** Dialogs opened with Office.context.ui.displayDialogAsync. */
  dialogs: DialogCall[];
  /**
   * An Office.AddinCommands.Event for a function command. Its completed() ends the command's
   * runtime, and a dialog the runtime opened goes with it. office-js d.ts, Event.completed:
   * "Indicates that the add-in has completed processing and will automatically be closed."
   */
  commandEvent(): FakeCommandEvent;
  /**
   * URLs opened with Office.context.ui.openBrowserWindow (OpenBrowserWindowApi 1.1: Windows and
   * Mac, not the web; "The full URL to be opened including protocol (http or https)... Other
   * protocols like mailto aren't supported", office-js d.ts and
   * https://learn.microsoft.com/javascript/api/requirement-sets/common/open-browser-window-api-requirement-sets).
   */
  browserWindows: string[];
  /** Make the next displayDialogAsync fail (e.g. 12007: a dialog is already open). */
  failNextDialog(code: number): void;
  /** Put the previous globals back. */
  uninstall(): void;
}

const ENUMS = {
  ConditionalFormatType: {
    custom: 'Custom',
    dataBar: 'DataBar',
    colorScale: 'ColorScale',
    iconSet: 'IconSet',
    topBottom: 'TopBottom',
    presetCriteria: 'PresetCriteria',
    containsText: 'ContainsText',
    cellValue: 'CellValue',
  },
  DataValidationType: {
    none: 'None',
    wholeNumber: 'WholeNumber',
    decimal: 'Decimal',
    list: 'List',
    date: 'Date',
    time: 'Time',
    textLength: 'TextLength',
    custom: 'Custom',
    inconsistent: 'Inconsistent',
    mixedCriteria: 'MixedCriteria',
  },
  DataValidationOperator: {
    between: 'Between',
    notBetween: 'NotBetween',
    equalTo: 'EqualTo',
    notEqualTo: 'NotEqualTo',
    greaterThan: 'GreaterThan',
    lessThan: 'LessThan',
    greaterThanOrEqualTo: 'GreaterThanOrEqualTo',
    lessThanOrEqualTo: 'LessThanOrEqualTo',
  },
  DataValidationAlertStyle: { stop: 'Stop', warning: 'Warning', information: 'Information' },
  SheetVisibility: { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' },
  RangeValueType: {
    unknown: 'Unknown',
    empty: 'Empty',
    string: 'String',
    integer: 'Integer',
    double: 'Double',
    boolean: 'Boolean',
    error: 'Error',
    richValue: 'RichValue',
  },
  ClearApplyTo: { all: 'All', formats: 'Formats', contents: 'Contents', hyperlinks: 'Hyperlinks', removeHyperlinks: 'RemoveHyperlinks' },
  HorizontalAlignment: { general: 'General', left: 'Left', center: 'Center', right: 'Right', fill: 'Fill', justify: 'Justify' },
  VerticalAlignment: { top: 'Top', center: 'Center', bottom: 'Bottom', justify: 'Justify', distributed: 'Distributed' },
  CalculationMode: { automatic: 'Automatic', automaticExceptTables: 'AutomaticExceptTables', manual: 'Manual' },
  EventSource: { local: 'Local', remote: 'Remote' },
  DataChangeType: { unknown: 'Unknown', rangeEdited: 'RangeEdited', rowInserted: 'RowInserted' },
  ErrorCodes: {
    accessDenied: 'AccessDenied',
    apiNotFound: 'ApiNotFound',
    invalidArgument: 'InvalidArgument',
    invalidReference: 'InvalidReference',
    itemAlreadyExists: 'ItemAlreadyExists',
    itemNotFound: 'ItemNotFound',
    propertyNotLoaded: 'PropertyNotLoaded',
    requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
    responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded',
  },
};

type DialogHandler = (args: { message: string; origin: string | undefined } | { error: number }) => void;

/**
 * Office.Dialog (office-js d.ts, Dialog.addEventHandler): DialogMessageReceived carries
 * { message, origin }; DialogEventReceived, "triggered when the dialog box has been closed or
 * otherwise unloaded", carries { error } (12006: the user closed it with the X button).
 */
function openDialog(url: string, options: unknown): { record: DialogCall; dialog: unknown } {
  const handlers = new Map<string, DialogHandler[]>();
  const raise = (type: string, args: Parameters<DialogHandler>[0]) => {
    for (const h of handlers.get(type) ?? []) h(args);
  };
  const record: DialogCall = {
    url,
    options,
    closed: false,
    closeByUser() {
      if (record.closed) return;
      closeDialog(record, 'user');
      raise('dialogEventReceived', { error: 12006 });
    },
    messageFromDialog(message: string) {
      if (!record.closed) raise('dialogMessageReceived', { message, origin: new URL(url).origin });
    },
  };
  const dialog = {
    close: () => {
      if (!record.closed) closeDialog(record, 'addin');
    },
    addEventHandler: (type: string, handler: DialogHandler) => {
      handlers.set(type, [...(handlers.get(type) ?? []), handler]);
    },
    messageChild: () => undefined,
  };
  return { record, dialog };
}

function closeDialog(record: DialogCall, by: NonNullable<DialogCall['closedBy']>): void {
  record.closed = true;
  record.closedBy = by;
}

/** What installing needs of a fake Excel (a FakeExcel; named here because index.ts re-exports this module). */
export interface InstallableFake {
  run<T>(fn: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  supports(name: string, version: string): boolean;
  readonly displayLanguage: string;
}

/** What the installed globals record for the test to read back. */
interface AddinRecord {
  actions: Map<string, (event: unknown) => unknown>;
  dialogs: DialogCall[];
  browserWindows: string[];
  /** The error code the next displayDialogAsync fails with, once. */
  dialogFailure: number | null;
}

export function installFakeOffice(fake: InstallableFake, options: InstallOptions = {}): InstalledOffice {
  const g = globalThis as Record<string, unknown>;
  const previous = { Excel: g.Excel, Office: g.Office, OfficeExtension: g.OfficeExtension };
  const record: AddinRecord = { actions: new Map(), dialogs: [], browserWindows: [], dialogFailure: null };

  g.Excel = {
    ...ENUMS,
    run: <T>(fn: (ctx: Excel.RequestContext) => Promise<T>) => fake.run(fn),
  };
  g.OfficeExtension = { Error: FakeOfficeError };
  g.Office = officeNamespace(fake, record, options.platform ?? 'PC');
  return {
    actions: record.actions,
    dialogs: record.dialogs,
    browserWindows: record.browserWindows,
    commandEvent: () => commandEvent(record.dialogs),
    failNextDialog(code: number) {
      record.dialogFailure = code;
    },
    uninstall() {
      g.Excel = previous.Excel;
      g.Office = previous.Office;
      g.OfficeExtension = previous.OfficeExtension;
    },
  };
}

/** The `Office` global: onReady, actions.associate, and Office.context. */
function officeNamespace(fake: InstallableFake, record: AddinRecord, platform: string): unknown {
  const info = { host: 'Excel', platform };
  return {
    HostType: { Excel: 'Excel' },
    PlatformType: { PC: 'PC', OfficeOnline: 'OfficeOnline', Mac: 'Mac', iOS: 'iOS' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
    onReady(cb?: (i: typeof info) => void) {
      cb?.(info);
      return Promise.resolve(info);
    },
    actions: {
      associate(name: string, fn: (event: unknown) => unknown) {
        record.actions.set(name, fn);
      },
    },
    context: {
      displayLanguage: fake.displayLanguage,
      contentLanguage: fake.displayLanguage,
      platform,
      requirements: { isSetSupported: (name: string, version?: string) => fake.supports(name, version ?? '1.1') },
      ui: officeUi(fake, record),
    },
  };
}

/** Office.context.ui: dialogs, messageParent and openBrowserWindow. */
function officeUi(fake: InstallableFake, record: AddinRecord): unknown {
  return {
    displayDialogAsync(url: string, opts: unknown, cb?: (r: unknown) => void) {
      if (record.dialogFailure !== null) {
        const code = record.dialogFailure;
        record.dialogFailure = null;
        cb?.({ status: 'failed', error: { code, message: `Dialog failed (${code})` } });
        return;
      }
      const call = openDialog(url, opts);
      record.dialogs.push(call.record);
      cb?.({ status: 'succeeded', value: call.dialog });
    },
    messageParent: () => undefined,
    openBrowserWindow(url: string) {
      if (!fake.supports('OpenBrowserWindowApi', '1.1'))
        throw new Error('Office.context.ui.openBrowserWindow is not available (OpenBrowserWindowApi 1.1)');
      if (!/^https?:\/\//i.test(url)) throw new Error(`openBrowserWindow takes an http(s) URL, not ${url}`);
      record.browserWindows.push(url);
    },
  };
}

/** A function command's event: completed() ends the command's runtime and the dialogs it opened. */
function commandEvent(dialogs: DialogCall[]): FakeCommandEvent {
  let calls = 0;
  return {
    completed: () => {
      calls++;
      for (const d of dialogs) if (!d.closed) closeDialog(d, 'runtime');
    },
    get completedCalls() {
      return calls;
    },
  };
}
