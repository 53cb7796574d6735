/**
 * Source checks: nothing in the engine or the hosts can turn workbook content into code, and the
 * engine and the .xlsx host cannot reach the network or start processes, and the pages never turn
 * workbook text into HTML. (The built bundle is checked by test/e2e/bundle.e2e.test.ts; `npm run
 * audit:prod` needs the registry's advisory endpoint and is not run here.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers';

function sources(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(ts|tsx|js)$/.test(name)) out.push(full);
    }
  };
  walk(dir);
  return out;
}

/** Source text with comments and string literals blanked (so a comment mentioning eval is fine). */
function code(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/(^|[^:\\])\/\/.*$/gm, '$1')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g, '""');
}

const rel = (f: string) => path.relative(ROOT, f);
const hits = (files: string[], re: RegExp) => files.filter((f) => re.test(code(f))).map(rel);

describe('no dynamic code in the engine or the hosts', () => {
  const files = [...sources(path.join(ROOT, 'src', 'core')), ...sources(path.join(ROOT, 'src', 'hosts'))];

  it('scans a real tree', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it('no eval(…), new Function(…), Function(…) or string timers', () => {
    expect(hits(files, /\beval\s*\(/)).toEqual([]);
    expect(hits(files, /\bnew\s+Function\s*\(|(^|[^.\w])Function\s*\(/)).toEqual([]);
    expect(hits(files, /\bset(Timeout|Interval|Immediate)\s*\(\s*["'`]/)).toEqual([]);
    // dynamic import of a computed name (a bundler's /* webpackChunkName */ comment before a literal is fine)
    expect(hits(files, /\bimport\s*\(\s*(?:\/\*[^*]*\*\/\s*)?[^'"`)\s]/)).toEqual([]);
    expect(hits(files, /\brequire\s*\(\s*[^'"`)]/)).toEqual([]); // require of a computed name
  });

  it('the checks catch what they are meant to catch', () => {
    const probe = (text: string, re: RegExp) => re.test(text.replace(/\/\*[\s\S]*?\*\//g, ' '));
    expect(probe('const x = eval(s);', /\beval\s*\(/)).toBe(true);
    expect(probe('const f = new Function("a", s);', /\bnew\s+Function\s*\(/)).toBe(true);
    expect(probe('/* eval(x) in a comment */', /\beval\s*\(/)).toBe(false);
  });
});

describe('the engine and the .xlsx host cannot reach out or start processes', () => {
  const files = [...sources(path.join(ROOT, 'src', 'core')), ...sources(path.join(ROOT, 'src', 'hosts', 'xlsx'))];
  const raw = (f: string) => readFileSync(f, 'utf8');

  it('no network, DNS, process or worker modules, no fetch/XMLHttpRequest/WebSocket', () => {
    const modules =
      /from\s+['"](node:)?(http|https|http2|net|tls|dgram|dns|child_process|cluster|worker_threads|vm)['"]|require\(\s*['"](node:)?(http|https|http2|net|tls|dgram|dns|child_process|cluster|worker_threads|vm)['"]\s*\)/;
    expect(files.filter((f) => modules.test(raw(f))).map(rel)).toEqual([]);
    expect(
      hits(
        files,
        /\b(fetch|XMLHttpRequest|WebSocket|EventSource|importScripts)\s*\(|new\s+(XMLHttpRequest|WebSocket|EventSource|Worker)\b/,
      ),
    ).toEqual([]);
  });

  it('the engine touches no file system and no process', () => {
    const core = sources(path.join(ROOT, 'src', 'core'));
    expect(
      core.filter((f) => /from\s+['"](node:)?(fs|fs\/promises|os|process)['"]|require\(\s*['"](node:)?fs/.test(raw(f))).map(rel),
    ).toEqual([]);
    expect(hits(core, /\bprocess\.(env|exit|argv|cwd)\b/)).toEqual([]);
  });
});

describe('workbook text is never rendered as HTML', () => {
  const files = [...sources(path.join(ROOT, 'src', 'taskpane')), ...sources(path.join(ROOT, 'src', 'commands'))];
  const HTML_SINKS =
    /\b(innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML|createContextualFragment|srcdoc)\b|\bdocument\.write(ln)?\s*\(/;

  it('scans the pages', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('no HTML sink in the task pane or the ribbon commands: React text nodes only', () => {
    expect(hits(files, HTML_SINKS)).toEqual([]);
  });

  it('the check catches what it is meant to catch', () => {
    expect(HTML_SINKS.test('el.innerHTML = cell.v;')).toBe(true);
    expect(HTML_SINKS.test('<div dangerouslySetInnerHTML={{ __html: s }} />')).toBe(true);
    expect(HTML_SINKS.test('document.write(s)')).toBe(true);
    expect(HTML_SINKS.test('<Text>{cell.v}</Text>')).toBe(false);
  });
});
