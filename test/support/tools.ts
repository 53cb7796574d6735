/**
 * The system tools some checks run (xmllint, LibreOffice, python3 with openpyxl), looked up on
 * PATH — never at a fixed machine path. A missing tool fails the check that needs it, saying how to
 * install it; it never turns the check into a pass. `bash scripts/test.sh` installs all of them.
 */
import { accessSync, constants } from 'fs';
import path from 'path';

const INSTALL: Record<string, string> = {
  xmllint: 'apt-get install -y libxml2-utils',
  soffice: 'apt-get install -y --no-install-recommends libreoffice-calc-nogui',
  python3: 'apt-get install -y python3 python3-openpyxl',
};

/** Every executable of that name on PATH, in PATH order. */
export function findTools(name: string): string[] {
  const found: string[] = [];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      if (!found.includes(file)) found.push(file);
    } catch {
      // not in this folder
    }
  }
  return found;
}

/** The first executable of that name on PATH, or null. */
export function findTool(name: string): string | null {
  return findTools(name)[0] ?? null;
}

/** The full path of a tool the check cannot do without; throws, with the install command, when missing. */
export function requireTool(name: keyof typeof INSTALL | string): string {
  const found = findTool(name);
  if (found) return found;
  throw new Error(
    `${name} is missing (not on PATH): ${INSTALL[name] ?? `install ${name}`} — or run \`bash scripts/test.sh\`, which installs every tool the tests use.`,
  );
}
