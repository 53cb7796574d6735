/**
 * Microsoft's office.js client (the `@microsoft/office-js` package, excel-web debug build: the
 * OfficeExtension runtime and the generated `Excel.*` proxy classes) loaded into a Node `vm`
 * context, without an Office host. Only the client side is used: its proxies record object paths
 * and actions exactly as in Excel, and its request builder serialises a batch into the body Excel
 * receives. Node only (file system and vm); the browser stand-in keeps the plain fake.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createContext, runInContext } from 'node:vm';

/** The globals office.js defines, as far as the request mirror uses them. */
export interface OfficeJsClient {
  Excel: {
    RequestContext: new () => OfficeJsContext;
    [name: string]: unknown;
  };
  OfficeExtension: {
    BatchApiHelper: {
      createChildItemObject(cls: unknown, hasIndexer: boolean, parent: unknown, data: unknown, index: number): unknown;
    };
  };
}

/** The internals of ClientRequestContext the mirror relies on (office.js debug build). */
export interface OfficeJsContext {
  workbook: unknown;
  application: unknown;
  _pendingRequest: {
    hasActions: boolean;
    buildRequestMessageBodyAndRequestFlags(): { body: { Actions: unknown[]; ObjectPaths: Record<string, unknown> } };
  };
  m_pendingRequest: unknown;
  processRequestExecutorResponseMessage(request: unknown, response: { ErrorCode: null; Body: unknown }): unknown;
}

/** The build the issue names: Excel on the web, where the 5 MB limit applies. */
export const OFFICE_JS_BUILD = 'dist/excel-web-16.00.debug.js';

let client: OfficeJsClient | undefined;

export function officeJsPath(): string {
  return join(dirname(require.resolve('@microsoft/office-js/package.json')), OFFICE_JS_BUILD);
}

/** Load office.js once per process (about 3 MB of script). */
export function loadOfficeJs(): OfficeJsClient {
  if (client) return client;
  const source = readFileSync(officeJsPath(), 'utf8');
  // The least of a browser office.js looks at while loading; nothing here reaches a host.
  const sandbox: Record<string, unknown> = {
    console,
    setTimeout,
    clearTimeout,
    Promise,
    navigator: { userAgent: 'node' },
    document: {
      readyState: 'complete',
      cookie: '',
      getElementsByTagName: () => [],
      createElement: () => ({ style: {} }),
      addEventListener: () => undefined,
    },
    location: {
      href: 'https://localhost/',
      search: '',
      hash: '',
      protocol: 'https:',
      host: 'localhost',
      hostname: 'localhost',
      pathname: '/',
    },
  };
  sandbox.window = sandbox;
  sandbox.self = sandbox;
  createContext(sandbox);
  runInContext(source, sandbox, { filename: 'excel-web-16.00.debug.js' });
  client = {
    Excel: sandbox.Excel as OfficeJsClient['Excel'],
    OfficeExtension: sandbox.OfficeExtension as OfficeJsClient['OfficeExtension'],
  };
  return client;
}
