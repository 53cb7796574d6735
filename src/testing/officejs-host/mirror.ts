/// <reference types="office-js" />
/**
 * The request mirror: every call the code under test makes on a fake-Excel context is made, in the
 * same order and with the same arguments, on a real `Excel.RequestContext` of Microsoft's office.js
 * client (office-js.ts). At each `sync()` the real context's pending batch is serialised by
 * office.js's own request builder (`ClientRequest.buildRequestMessageBodyAndRequestFlags`, the body
 * `{Actions, ObjectPaths}` a request executor sends to Excel) and its UTF-8 length is what the fake
 * host measures and refuses above Excel on the web's 5 MB limit. The fake's in-memory workbook
 * still executes the batch and answers the loads: the real context never receives a response.
 *
 * So: request bodies (object paths, Instantiate actions, property names, arguments) come from
 * office.js; execution, results and errors are the fake's model. The response is measured as the
 * body of office.js's response message (`{"Results":[{"ActionId","Value"}]}`, property names as
 * office.js's `_handleResult` reads them, collections under `_Items`), filled with what the fake
 * loaded for each Query action of that very request.
 *
 * What the mirror cannot follow, it leaves to the fake and says so here:
 * - collection items: a real collection has no items without a response, so each loaded fake item
 *   gets the twin office.js itself would create from a load result (an indexer on the item's id,
 *   `BatchApiHelper.createChildItemObject`), the id padded to the 38 characters of Excel's GUIDs;
 * - objects returned by methods that Excel re-addresses after the response (worksheets.add): the
 *   real path is not rewritten to the new id, so later batches send the Add path again (a few
 *   bytes' difference);
 * - event sources, `trackedObjects`, ClientResult values: fake only.
 */
import { FObj, FakeContext, FCollection } from '../fake-excel/objects';
import { utf8Length } from '../../hosts/office/payload';
import { loadOfficeJs, type OfficeJsContext } from './office-js';

type AnyObj = Record<string | symbol, unknown>;

interface Twin {
  fake: object;
  real: AnyObj | undefined;
}

/** Per mirrored context: the real context and the proxies handed out. */
interface QueryAction {
  Id: number;
  ActionType: number;
  ObjectPathId: number;
  QueryInfo?: { Select?: string[] };
}

class Mirror {
  readonly real: OfficeJsContext;
  private readonly proxies = new WeakMap<object, object>();
  private readonly twins = new WeakMap<object, Twin>();
  /** The fake object behind each office.js object path id. */
  private readonly owners = new Map<number, FObj>();
  /** The Query actions of the request last sent, and that request. */
  private queries: QueryAction[] = [];
  private sent: unknown = null;
  private response: { Results: unknown[] } | null = null;

  constructor(readonly fakeCtx: FakeContext) {
    const { Excel } = loadOfficeJs();
    this.real = new Excel.RequestContext();
  }

  /** office.js's serialisation of the batch queued since the last sync (0: nothing to send). */
  takeRequestBytes(): number {
    const request = this.real._pendingRequest;
    const body = request.hasActions ? request.buildRequestMessageBodyAndRequestFlags().body : null;
    const bytes = body ? utf8Length(JSON.stringify(body)) : 0;
    this.queries = body ? (body.Actions as QueryAction[]).filter((a) => a.ActionType === 2) : [];
    this.sent = body ? request : null;
    // As ClientRequestContext.syncPrivateMain does: the next batch starts a new request.
    this.real.m_pendingRequest = null;
    return bytes;
  }

  /** The response message to the request last sent, once the fake has run it: built and measured. */
  buildResponse(): number {
    const results = this.queries.map((q) => {
      const owner = this.owners.get(q.ObjectPathId);
      return { ActionId: q.Id, Value: owner ? responseValue(owner, q.QueryInfo?.Select ?? []) : null };
    });
    this.queries = [];
    this.response = this.sent ? { Results: results } : null;
    return results.length === 0 ? 0 : utf8Length(JSON.stringify(this.response));
  }

  /** Hand the response to office.js, which parses it into its own objects (what the code reads). */
  deliverResponse(): void {
    const request = this.sent;
    const message = this.response;
    this.sent = null;
    this.response = null;
    if (!request || !message) return;
    const error = this.real.processRequestExecutorResponseMessage(request, { ErrorCode: null, Body: message });
    if (error) throw error;
  }

  context(): Excel.RequestContext {
    return this.wrap(this.fakeCtx, this.real as unknown as AnyObj) as unknown as Excel.RequestContext;
  }

  unwrap(value: unknown, side: 'fake' | 'real'): unknown {
    if (value && typeof value === 'object') {
      const twin = this.twins.get(value);
      if (twin) return side === 'fake' ? twin.fake : twin.real;
    }
    return value;
  }

  wrap(fake: object, real: AnyObj | undefined): object {
    const known = this.proxies.get(fake);
    if (known) return known;
    const proxy = new Proxy(fake, this.handler(real));
    this.proxies.set(fake, proxy);
    const pathId = (real as { _objectPath?: { objectPathInfo?: { Id?: number } } } | undefined)?._objectPath?.objectPathInfo?.Id;
    if (fake instanceof FObj && typeof pathId === 'number') this.owners.set(pathId, fake);
    this.twins.set(proxy, { fake, real });
    return proxy;
  }

  /** A fake value as the code under test sees it: objects mirrored, data as is. */
  private result(value: unknown, real: unknown): unknown {
    if (value instanceof FakeContext) return this.wrap(value, this.real as unknown as AnyObj);
    if (value instanceof FObj) return this.wrap(value, real as AnyObj | undefined);
    return value;
  }

  /** A loaded collection's items: office.js's own (made from the response), each with its fake twin. */
  private items(real: AnyObj | undefined, items: FObj[]): unknown[] {
    const realItems = real ? (real.items as AnyObj[]) : [];
    if (real && realItems.length !== items.length) {
      throw new Error(`office.js mirror: office.js has ${realItems.length} items where the fake has ${items.length}`);
    }
    return items.map((item, i) => this.proxies.get(item) ?? this.wrap(item, realItems[i]));
  }

  private handler(real: AnyObj | undefined): ProxyHandler<object> {
    return {
      get: (target, prop) => {
        const value = Reflect.get(target, prop, target);
        if (typeof value === 'function') {
          if (prop === 'constructor') return value;
          // sync() is the fake host's (it asks office.js for the body); a function a test put on
          // the object is the test's: neither goes to office.js's object.
          if (prop === 'sync' || Object.prototype.hasOwnProperty.call(target, prop)) {
            return (...args: unknown[]) => this.result((value as (...a: unknown[]) => unknown).apply(target, args), undefined);
          }
          return (...args: unknown[]) => {
            const out = (value as (...a: unknown[]) => unknown).apply(
              target,
              args.map((a) => this.unwrap(a, 'fake')),
            );
            const realFn = real?.[prop];
            const realOut =
              typeof realFn === 'function'
                ? (realFn as (...a: unknown[]) => unknown).apply(
                    real,
                    args.map((a) => this.unwrap(a, 'real')),
                  )
                : undefined;
            if (out === target) return this.proxies.get(target);
            return this.result(out, realOut);
          };
        }
        if (prop === 'items' && Array.isArray(value) && target instanceof FCollection) {
          return this.items(real, value as FObj[]);
        }
        if (value instanceof FObj) {
          return this.result(value, real ? Reflect.get(real, prop) : undefined);
        }
        if (real && typeof prop === 'string' && !UNMIRRORED.has(prop) && prop in real && !(value instanceof FakeContext)) {
          // Loaded data is read from office.js's object, filled from the response; the fake's copy
          // must agree (a disagreement is a fault of the response or of the fake).
          const actual = Reflect.get(real, prop);
          if (JSON.stringify(actual) !== JSON.stringify(value)) {
            throw new Error(
              `office.js mirror: ${String(prop)} reads ${JSON.stringify(actual)} through office.js, ${JSON.stringify(value)} in the fake`,
            );
          }
          return actual;
        }
        return this.result(value, undefined);
      },
      set: (target, prop, value) => {
        Reflect.set(target, prop, this.unwrap(value, 'fake'), target);
        if (real && typeof value !== 'function') Reflect.set(real, prop, this.unwrap(value, 'real'));
        return true;
      },
    };
  }
}

/** Read from the fake: state office.js keeps only after responses this mirror does not build. */
const UNMIRRORED = new Set([
  'isNullObject',
  'context',
  'onChanged',
  'onSelectionChanged',
  'onActivated',
  'onAdded',
  'onDeleted',
  'onCalculated',
  'toJSON',
]);

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** What Excel answers a Query action with: the selected properties as the fake loaded them. */
function responseValue(obj: FObj, select: readonly string[]): unknown {
  if (obj._nullKnown) return { _IsNull: true };
  if (obj instanceof FCollection) {
    return {
      _Items: (obj._items ?? []).map((item: FObj) => {
        const id = excelId(item);
        const v = responseValue(item, select) as Record<string, unknown>;
        return id === undefined ? v : { ...v, _Id: id };
      }),
    };
  }
  const value: Record<string, unknown> = {};
  const nested = new Map<string, string[]>();
  const names = select.length > 0 ? select : [...obj._loaded.keys()];
  for (const path of names) {
    const [head, ...rest] = path.split('/');
    if (rest.length > 0) nested.set(head, [...(nested.get(head) ?? []), rest.join('/')]);
    else if (obj._loaded.has(head)) value[pascal(head)] = obj._loaded.get(head);
    else {
      const kid = obj._kids.get(head);
      if (kid) value[pascal(head)] = responseValue(kid, []);
    }
  }
  for (const [head, paths] of nested) {
    const kid = obj._kids.get(head) ?? obj._nav(head);
    if (kid) value[pascal(head)] = responseValue(kid, paths);
  }
  return value;
}

/** An id of the length Excel gives (a GUID in braces) for a fake item's id, when it has one. */
function excelId(item: FObj): string | undefined {
  const b = item._binding as string | { cfId?: string } | null | undefined;
  const id = typeof b === 'string' ? b : b?.cfId;
  if (typeof id !== 'string') return undefined;
  const digits = Array.from(id, (c) => c.charCodeAt(0).toString(16))
    .join('')
    .padEnd(32, '0')
    .slice(-32);
  return `{${digits.slice(0, 8)}-${digits.slice(8, 12)}-${digits.slice(12, 16)}-${digits.slice(16, 20)}-${digits.slice(20)}}`;
}

/** A fake context whose syncs are measured by office.js: the context the code under test gets. */
export function mirrorContext(fakeCtx: FakeContext): Excel.RequestContext {
  const mirror = new Mirror(fakeCtx);
  fakeCtx._measureRequest = () => mirror.takeRequestBytes();
  fakeCtx._measureResponse = () => mirror.buildResponse();
  fakeCtx._deliverResponse = () => mirror.deliverResponse();
  return mirror.context();
}
