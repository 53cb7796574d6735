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
 * office.js; execution, results, errors and response sizes are the fake's model.
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
class Mirror {
  readonly real: OfficeJsContext;
  private readonly proxies = new WeakMap<object, object>();
  private readonly twins = new WeakMap<object, Twin>();

  constructor(readonly fakeCtx: FakeContext) {
    const { Excel } = loadOfficeJs();
    this.real = new Excel.RequestContext();
  }

  /** office.js's serialisation of the batch queued since the last sync (0: nothing to send). */
  takeRequestBytes(): number {
    const request = this.real._pendingRequest;
    const bytes = request.hasActions ? utf8Length(JSON.stringify(request.buildRequestMessageBodyAndRequestFlags().body)) : 0;
    // As ClientRequestContext.syncPrivateMain does: the next batch starts a new request.
    this.real.m_pendingRequest = null;
    return bytes;
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
    this.twins.set(proxy, { fake, real });
    return proxy;
  }

  /** A fake value as the code under test sees it: objects mirrored, data as is. */
  private result(value: unknown, real: unknown): unknown {
    if (value instanceof FakeContext) return this.wrap(value, this.real as unknown as AnyObj);
    if (value instanceof FObj) return this.wrap(value, real as AnyObj | undefined);
    return value;
  }

  private items(collection: FCollection<FObj>, real: AnyObj | undefined, items: FObj[]): unknown[] {
    const { Excel, OfficeExtension } = loadOfficeJs();
    const cls = real ? Excel[String((real.constructor as { name?: string }).name).replace(/Collection$/, '')] : undefined;
    return items.map((item, i) => {
      const known = this.proxies.get(item);
      if (known) return known;
      let twin: AnyObj | undefined;
      if (real && cls) {
        const id = excelId(item);
        const data = id === undefined ? {} : { Id: id };
        twin = OfficeExtension.BatchApiHelper.createChildItemObject(cls, typeof real.getItem === 'function', real, data, i) as AnyObj;
      }
      void collection;
      return this.wrap(item, twin);
    });
  }

  private handler(real: AnyObj | undefined): ProxyHandler<object> {
    const mirror = this;
    return {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (typeof value === 'function') {
          if (prop === 'constructor') return value;
          return (...args: unknown[]) => {
            const out = (value as (...a: unknown[]) => unknown).apply(
              target,
              args.map((a) => mirror.unwrap(a, 'fake')),
            );
            const realFn = real?.[prop];
            const realOut =
              typeof realFn === 'function'
                ? (realFn as (...a: unknown[]) => unknown).apply(
                    real,
                    args.map((a) => mirror.unwrap(a, 'real')),
                  )
                : undefined;
            if (out === target) return mirror.proxies.get(target);
            return mirror.result(out, realOut);
          };
        }
        if (prop === 'items' && Array.isArray(value) && target instanceof FCollection) {
          return mirror.items(target, real, value as FObj[]);
        }
        if (value instanceof FObj) {
          return mirror.result(value, real ? Reflect.get(real, prop) : undefined);
        }
        return mirror.result(value, undefined);
      },
      set(target, prop, value) {
        Reflect.set(target, prop, mirror.unwrap(value, 'fake'), target);
        if (real) Reflect.set(real, prop, mirror.unwrap(value, 'real'));
        return true;
      },
    };
  }
}

/** An id of the length Excel gives (a GUID in braces) for a fake item's id, when it has one. */
function excelId(item: FObj): string | undefined {
  const b = item._binding as string | { cfId?: string } | null | undefined;
  const id = typeof b === 'string' ? b : b?.cfId;
  if (typeof id !== 'string') return undefined;
  const digits = Array.from(id, (c) => c.charCodeAt(0).toString(16)).join('').padEnd(32, '0').slice(-32);
  return `{${digits.slice(0, 8)}-${digits.slice(8, 12)}-${digits.slice(12, 16)}-${digits.slice(16, 20)}-${digits.slice(20)}}`;
}

/** A fake context whose syncs are measured by office.js: the context the code under test gets. */
export function mirrorContext(fakeCtx: FakeContext): Excel.RequestContext {
  const mirror = new Mirror(fakeCtx);
  fakeCtx._measureRequest = () => mirror.takeRequestBytes();
  return mirror.context();
}
