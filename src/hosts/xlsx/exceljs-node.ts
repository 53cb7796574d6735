/**
 * Node only (the command line), loaded before anything else of the .xlsx host — performance, see
 * bench/ and docs/benchmarks.md. ExcelJS's main module also loads its streaming reader and writer
 * (unzipper, archiver and a dozen small dependencies), which this tool never uses: about a third of
 * ExcelJS's load time, paid at every start of `par-scorecard`. The main module is registered in
 * Node's module cache with the same exports, the streaming classes loaded on first use. Anything
 * unexpected (another ExcelJS layout, a bundler) leaves the normal module in place.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- registers ExcelJS's own CommonJS modules in Node's module cache, some only on first use; import cannot do either */
import Module from 'node:module';

type Exports = Record<string, unknown>;

function install(): void {
  if (typeof require !== 'function' || !require.cache) return;
  const main = require.resolve('exceljs');
  if (require.cache[main]) return;
  const light: Exports = {
    Workbook: require('exceljs/lib/doc/workbook'),
    ModelContainer: require('exceljs/lib/doc/modelcontainer'),
  };
  Object.assign(light, require('exceljs/lib/doc/enums'));
  let stream: Exports | undefined;
  Object.defineProperty(light, 'stream', {
    enumerable: true,
    get: () =>
      (stream ??= {
        xlsx: {
          WorkbookWriter: require('exceljs/lib/stream/xlsx/workbook-writer'),
          WorkbookReader: require('exceljs/lib/stream/xlsx/workbook-reader'),
        },
      }),
  });
  const m = new Module(main, module);
  m.filename = main;
  m.loaded = true;
  m.exports = light;
  require.cache[main] = m;
}

try {
  install();
} catch {
  // The full module loads as usual.
}
