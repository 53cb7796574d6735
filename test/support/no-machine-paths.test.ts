/**
 * The tests run from any clone on any machine: nothing in test/ names an absolute path of one
 * machine (a checkout, a home folder, a tool's install location). Files are found from the
 * repository root (test/support/shared.ts), temporary folders from os.tmpdir(), tools on PATH
 * (test/support/tools.ts). Issue #20: a fixtures path of the build machine once lived here.
 */
import { readdirSync, readFileSync } from 'fs';
import path from 'path';
import { ROOT } from './shared';

const TEST_DIR = path.join(ROOT, 'test');

/** An absolute Unix path under a machine folder, or a Windows drive path. */
const MACHINE_PATH =
  /(?<![\w.~:/-])\/(?:work|home|Users|root|tmp|mnt|media|srv|opt|usr|var|etc|private|Volumes|snap|nix)\/[^\s'"`),;]*|(?<![\w\\])[A-Za-z]:\\{1,2}(?!n\b|t\b|r\b)[A-Za-z][^\s'"`),;]*/g;

/** Strings that look like machine paths but are test data, each with why. */
const ALLOWED: { file: string; text: string; why: string }[] = [
  {
    file: 'fixtures/bad/expected.json',
    text: ['', 'etc', 'passwd'].join('/'),
    why: 'describes the external-entity attack in xml-entities.xlsx',
  },
];

function textFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return textFiles(full);
    const bytes = readFileSync(full);
    return bytes.includes(0) || /\.(xlsx|xlsm|xls|png|zip|ods|doc)$/i.test(e.name) ? [] : [full];
  });
}

function machinePaths(text: string): string[] {
  return [...text.matchAll(MACHINE_PATH)].map((m) => m[0]);
}

test('the detector finds the paths it is meant to find', () => {
  const sep = '/';
  const found = [
    ['', 'work', 'shared', 'fixtures'].join(sep),
    `'${['', 'home', 'dev', 'clone', 'samples'].join(sep)}'`,
    `const SOFFICE = '${['', 'usr', 'bin', 'soffice'].join(sep)}';`,
    `"${['C:', 'Users', 'dev'].join('\\')}"`,
  ].map((s) => machinePaths(s).length);
  expect(found).toEqual([1, 1, 1, 1]);
  expect(machinePaths("path.join(ROOT, 'samples'); https://example.org/usr/x; ../shared/fixtures; 'with z:\\n  for'")).toEqual([]);
});

test('no file in test/ names an absolute path of a machine', () => {
  const offenders = textFiles(TEST_DIR).flatMap((file) => {
    const rel = path.relative(TEST_DIR, file).split(path.sep).join('/');
    return readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) =>
        machinePaths(line)
          .filter((p) => !ALLOWED.some((a) => a.file === rel && p.startsWith(a.text)))
          .map((p) => `test/${rel}:${i + 1}: ${p}`),
      );
  });
  expect(offenders).toEqual([]);
});
