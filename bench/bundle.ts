/**
 * The production bundle as Excel loads it. `taskpaneInitialGzipBytes`: every script and stylesheet
 * dist/taskpane.html loads before the first render (its <script src> and <link href> tags and the
 * chunks they import statically), office.js from Microsoft's CDN excluded. `xlsxChunkGzipBytes`:
 * what `import('…/hosts/xlsx')` (webpackChunkName "xlsx-reader") fetches later, i.e. the chunks of
 * that group not already loaded at start (the package path: the standalone page's file host); in
 * detail, `xlsxDirectGzipBytes`, what the pane's "prior year from a file" and "consolidate from
 * files" fetch (chunk "xlsx-direct", the package-path reader). Sizes are gzip (zlib, default level 6)
 * of each file.
 */
import { spawn } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleMeasure {
  taskpaneInitialGzipBytes: number | null;
  xlsxChunkGzipBytes: number | null;
  detail: {
    initialFiles: { file: string; gzipBytes: number }[];
    xlsxFiles: { file: string; gzipBytes: number }[];
    /** The default view's chunk group (loaded right after the first render), for information. */
    firstViewGzipBytes: number | null;
    /** The package reader's chunk group (hosts/xlsx/bytes.ts), for information. */
    xlsxDirectGzipBytes: number | null;
  };
  notes: string[];
}

const isRemote = (src: string) => /^(?:[a-z]+:)?\/\//i.test(src);
const isOfficeJs = (src: string) => /(?:^|\/)office(?:\.debug)?\.js(?:\?|$)/i.test(src);

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3] ?? null) : null;
}

/** Local scripts and stylesheets of an HTML page, in order (remote ones and office.js left out). */
export function pageAssets(html: string): { assets: string[]; skipped: string[] } {
  const assets: string[] = [];
  const skipped: string[] = [];
  const re = /<(script|link)\b[^>]*>/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    const tag = m[0];
    let ref: string | null = null;
    if (m[1].toLowerCase() === 'script') ref = attr(tag, 'src');
    else {
      const rel = (attr(tag, 'rel') ?? '').toLowerCase();
      if (/\b(stylesheet|modulepreload|preload)\b/.test(rel)) ref = attr(tag, 'href');
    }
    if (!ref) continue;
    if (isRemote(ref) || isOfficeJs(ref)) skipped.push(ref);
    else assets.push(ref.replace(/^\.\//, '').replace(/[?#].*$/, ''));
  }
  return { assets, skipped };
}

/** Relative files a script imports statically (ES modules: `import … from "./x.js"`). */
function staticImports(code: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["'](\.{1,2}\/[^"']+)["']/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(code))) out.push(m[1]);
  return out;
}

const gzipBytes = (data: Buffer) => gzipSync(data).length;

/** Newest modification time of the files under `dir` (recursively), 0 when there is none. */
export async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  const walk = async (d: string) => {
    const entries = await fsp.readdir(d, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile()) newest = Math.max(newest, (await fsp.stat(full)).mtimeMs);
    }
  };
  await walk(dir);
  return newest;
}

/** Run an npm script with its output on our stderr (stdout stays clean for --json). */
export function npmRun(root: string, script: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const child = spawn(npm, ['run', script], { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`npm run ${script} exited with ${code}`))));
  });
}

/** True when dist/taskpane.html is missing or older than a source file or the webpack config. */
export async function distStale(root: string): Promise<boolean> {
  const html = await fsp.stat(path.join(root, 'dist', 'taskpane.html')).catch(() => null);
  if (!html) return true;
  const newest = Math.max(
    await newestMtime(path.join(root, 'src')),
    (await fsp.stat(path.join(root, 'webpack.config.js'))).mtimeMs,
    (await fsp.stat(path.join(root, 'package.json'))).mtimeMs,
  );
  return html.mtimeMs < newest;
}

export async function measureBundle(root: string): Promise<BundleMeasure> {
  const dist = path.join(root, 'dist');
  const notes: string[] = [];
  const result: BundleMeasure = {
    taskpaneInitialGzipBytes: null,
    xlsxChunkGzipBytes: null,
    detail: { initialFiles: [], xlsxFiles: [], firstViewGzipBytes: null, xlsxDirectGzipBytes: null },
    notes,
  };
  const html = await fsp.readFile(path.join(dist, 'taskpane.html'), 'utf8').catch(() => null);
  if (html === null) {
    notes.push('dist/taskpane.html is missing (run `npm run build`): bundle not measured');
    return result;
  }
  const { assets, skipped } = pageAssets(html);
  if (skipped.length > 0) notes.push(`not counted (loaded from elsewhere): ${skipped.join(', ')}`);

  // The initial files and, transitively, what they import statically.
  const initial = new Map<string, number>();
  const queue = [...assets];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (initial.has(file)) continue;
    const data = await fsp.readFile(path.join(dist, file)).catch(() => null);
    if (!data) {
      notes.push(`${file} is referenced by taskpane.html but missing from dist/`);
      continue;
    }
    initial.set(file, gzipBytes(data));
    if (file.endsWith('.js') || file.endsWith('.mjs')) {
      for (const imp of staticImports(data.toString('utf8')))
        queue.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), imp)));
    }
  }
  result.detail.initialFiles = [...initial].map(([file, gzip]) => ({ file, gzipBytes: gzip }));
  result.taskpaneInitialGzipBytes = [...initial.values()].reduce((a, b) => a + b, 0);

  // Lazily loaded chunk groups: webpack's runtime names chunks by id; a dynamic import loads
  // Promise.all([r.e(id), …]) (or r.e(id) alone).
  const files = await fsp.readdir(dist);
  const jsFiles = files.filter((f) => f.endsWith('.js'));
  const code = new Map<string, string>();
  for (const f of jsFiles) code.set(f, await fsp.readFile(path.join(dist, f), 'utf8'));
  const idOfName = (name: string): string | null => {
    for (const text of code.values()) {
      const m = new RegExp(`(\\d+)\\s*:\\s*"${name}"`).exec(text);
      if (m) return m[1];
    }
    return null;
  };
  // A named chunk's file starts with its name (the runtime maps id → name: `468:"xlsx-direct"`);
  // the same map form holds the content hashes, which name no file.
  const namedFile = (id: string): string | undefined => {
    for (const text of code.values()) {
      for (const m of text.matchAll(new RegExp(`[{,]${id}\\s*:\\s*"([\\w-]+)"`, 'g'))) {
        const file = jsFiles.find((f) => f.startsWith(`${m[1]}.`));
        if (file) return file;
      }
    }
    return undefined;
  };
  const fileOfId = (id: string, name?: string): string | null =>
    jsFiles.find((f) => (name && f.startsWith(`${name}.`)) || f.startsWith(`${id}.`)) ?? namedFile(id) ?? null;
  const initialIds = new Set([...initial.keys()].map((f) => /^(\d+)\./.exec(f)?.[1]).filter((x): x is string => !!x));
  // The chunks an import of `id` loads: the chunk alone where some import loads it alone
  // (`n.e(468).then(…)`), else the smallest Promise.all group with it (a chunk shared by a larger
  // group, as the direct reader is by the ExcelJS one, is not charged that group).
  const groupOf = (id: string): string[] => {
    const alone = new RegExp(`(?<![,[])\\b\\w\\.e\\(${id}\\)\\.then`);
    let best: string[] | null = null;
    for (const text of code.values()) {
      if (alone.test(text)) return [id];
      const re = /Promise\.all\(\[([^\]]*)\]\)/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text))) {
        const ids = [...m[1].matchAll(/\.e\((\d+)\)/g)].map((x) => x[1]);
        if (ids.includes(id) && (!best || ids.length < best.length)) best = ids;
      }
    }
    return best ?? [id];
  };
  const names = new Map<string, string>();
  const groupBytes = async (name: string): Promise<{ file: string; gzipBytes: number }[] | null> => {
    const id = idOfName(name);
    if (!id) return null;
    names.set(id, name);
    const out: { file: string; gzipBytes: number }[] = [];
    for (const gid of groupOf(id)) {
      if (initialIds.has(gid)) continue;
      const file = fileOfId(gid, gid === id ? name : undefined);
      if (!file || initial.has(file)) continue;
      out.push({ file, gzipBytes: gzipBytes(await fsp.readFile(path.join(dist, file))) });
    }
    return out;
  };
  const xlsx = await groupBytes('xlsx-reader');
  if (xlsx) {
    result.detail.xlsxFiles = xlsx;
    result.xlsxChunkGzipBytes = xlsx.reduce((n, f) => n + f.gzipBytes, 0);
  } else notes.push('no "xlsx-reader" chunk found in dist/: xlsx chunk not measured');
  const direct = await groupBytes('xlsx-direct');
  if (direct) result.detail.xlsxDirectGzipBytes = direct.reduce((n, f) => n + f.gzipBytes, 0);
  const view = await groupBytes('view-check');
  if (view) result.detail.firstViewGzipBytes = view.reduce((n, f) => n + f.gzipBytes, 0);
  return result;
}
