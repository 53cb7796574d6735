/// <reference types="office-js" />
/**
 * Install the fake as the `Excel`, `Office` and `OfficeExtension` globals, so code written
 * against office.js (Excel.run, Office.onReady, Office.actions.associate, requirement checks)
 * runs unchanged in jest or in a browser page that loads this bundle instead of office.js.
 */
import type { FakeExcel } from './index';
import { FakeOfficeError } from './objects';

export interface InstallOptions {
  /** Office.context.platform: 'PC', 'OfficeOnline', 'Mac'. */
  platform?: string;
}

export interface DialogCall {
  url: string;
  options: unknown;
  closed: boolean;
}

export interface InstalledOffice {
  /** Functions registered with Office.actions.associate. */
  actions: Map<string, (event: unknown) => unknown>;
  /** Dialogs opened with Office.context.ui.displayDialogAsync. */
  dialogs: DialogCall[];
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

export function installFakeOffice(fake: FakeExcel, options: InstallOptions = {}): InstalledOffice {
  const g = globalThis as Record<string, unknown>;
  const previous = { Excel: g.Excel, Office: g.Office, OfficeExtension: g.OfficeExtension };
  const actions = new Map<string, (event: unknown) => unknown>();
  const dialogs: DialogCall[] = [];
  const info = { host: 'Excel', platform: options.platform ?? 'PC' };

  g.Excel = {
    ...ENUMS,
    run: <T>(fn: (ctx: Excel.RequestContext) => Promise<T>) => fake.run(fn),
  };
  g.OfficeExtension = { Error: FakeOfficeError };
  g.Office = {
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
        actions.set(name, fn);
      },
    },
    context: {
      displayLanguage: fake.displayLanguage,
      contentLanguage: fake.displayLanguage,
      platform: info.platform,
      requirements: { isSetSupported: (name: string, version?: string) => fake.supports(name, version ?? '1.1') },
      ui: {
        displayDialogAsync(url: string, opts: unknown, cb?: (r: unknown) => void) {
          const call: DialogCall = { url, options: opts, closed: false };
          dialogs.push(call);
          const dialog = {
            close: () => {
              call.closed = true;
            },
            addEventHandler: () => undefined,
            messageChild: () => undefined,
          };
          cb?.({ status: 'succeeded', value: dialog });
        },
        messageParent: () => undefined,
      },
    },
  };
  return {
    actions,
    dialogs,
    uninstall() {
      g.Excel = previous.Excel;
      g.Office = previous.Office;
      g.OfficeExtension = previous.OfficeExtension;
    },
  };
}
