/**
 * `npm run samples`: write the sample workbooks and samples/manifest.json.
 * Usage: node bin/generate-samples.js [--out <dir>]
 */
import { promises as fsp } from 'fs';
import * as path from 'path';
import { generateSamples } from './catalog';

export async function main(argv: string[] = []): Promise<number> {
  const i = argv.indexOf('--out');
  const outDir = path.resolve(i >= 0 && argv[i + 1] ? argv[i + 1] : path.join(__dirname, '..', '..', 'samples'));
  const { files, manifest } = await generateSamples();
  for (const f of files) {
    const target = path.join(outDir, ...f.path.split('/'));
    await fsp.mkdir(path.dirname(target), { recursive: true });
    await fsp.writeFile(target, f.data);
  }
  await fsp.writeFile(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  process.stdout.write(`Đã ghi ${files.length} tệp mẫu vào / Wrote ${files.length} sample files to ${outDir}\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
