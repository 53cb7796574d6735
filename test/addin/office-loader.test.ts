/**
 * taskpane.html loads office.js through src/taskpane/office-loader.js, which writes the office.js
 * <script> except on the standalone page (issue #15, point 5). The loader is plain ES5 (it runs
 * before any bundle), so it has its own parser of `?standalone`: it must agree with the pane's
 * (src/taskpane/standalone/mode.ts), or a page would load office.js and then render standalone,
 * or skip office.js and then wait for Office forever.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { standaloneRequested } from '../../src/taskpane/standalone/mode';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const loader = require('../../src/taskpane/office-loader.js') as { standaloneRequested: (search: string) => boolean };

const ROOT = path.resolve(__dirname, '../..');

const QUERIES = [
  '',
  '?',
  '?standalone',
  '?standalone=',
  '?standalone=1',
  '?standalone=yes',
  '?standalone=0',
  '?standalone=false',
  '?standalone=FALSE',
  '?standalone=no',
  '?view=rank&standalone',
  '?view=rank&standalone=0',
  '?view=rank',
  '?standalonex=1',
  '?xstandalone',
  '?standalone=0&standalone=1',
  '?standalone=1&standalone=0',
  '?stand%61lone=1',
  '?standalone=%30',
  '?standalone=n%6F',
  '?standalone=%E0%A4%A',
  '?view=check#standalone',
];

describe('office-loader.js', () => {
  test.each(QUERIES)('"%s": the same answer as the pane', (query) => {
    expect(loader.standaloneRequested(query)).toBe(standaloneRequested(query));
  });

  test('taskpane.html references office.js only through the loader; commands.html (always in Office) directly', () => {
    const pane = readFileSync(path.join(ROOT, 'src/taskpane/taskpane.html'), 'utf8');
    expect(pane).toMatch(
      /<script id="office-js-loader" src="office-loader\.js" data-office-js="<%= officeJsUrl %>" data-standalone-chunks="[^"]*"><\/script>/,
    );
    expect(pane).not.toMatch(/<script[^>]*src="<%= officeJsUrl %>"/);
    // The loader sits in <head>, where Microsoft's docs require office.js.
    expect(pane.indexOf('office-loader.js')).toBeLessThan(pane.indexOf('</head>'));
    const commands = readFileSync(path.join(ROOT, 'src/commands/commands.html'), 'utf8');
    expect(commands).toMatch(/<script src="<%= officeJsUrl %>"><\/script>/);
  });

  test('both pages declare an icon that the build ships (no request for a missing /favicon.ico)', () => {
    for (const page of ['src/taskpane/taskpane.html', 'src/commands/commands.html']) {
      const html = readFileSync(path.join(ROOT, page), 'utf8');
      const href = /<link rel="icon"[^>]*href="([^"]+)"/.exec(html)?.[1];
      expect([page, href]).toEqual([page, 'assets/icon-32.png']);
    }
  });
});
