// Writes a brotli (quality 11) `.br` and a gzip (level 9) `.gz` beside each text or
// WASM file of the built app, so `attest serve` sends them as they are instead of
// compressing on every request at a lower level.
//
// Trunk runs it as a post_build hook (Trunk.toml) on its staging directory, which
// it fills afresh on every build, so every variant is made from the file beside it.
// It can also be run by hand: `node tools/precompress.mjs DIR`.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const COMPRESSIBLE = [".html", ".js", ".mjs", ".wasm", ".css", ".svg", ".json", ".txt", ".map"];
const VARIANTS = [".br", ".gz"];

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("precompress: no directory (pass one, or run as a Trunk hook)");
  process.exit(2);
}

/** Every file under `root`, recursively. */
function files(root) {
  return readdirSync(root, { withFileTypes: true }).flatMap((entry) => {
    const path = join(root, entry.name);
    return entry.isDirectory() ? files(path) : entry.isFile() ? [path] : [];
  });
}

const all = files(dir);
// Variants left from an earlier run would be served for a file that has since changed.
for (const path of all.filter((p) => VARIANTS.some((v) => p.endsWith(v)))) {
  rmSync(path);
}

let plain = 0;
let brotli = 0;
for (const path of all.filter((p) => COMPRESSIBLE.some((e) => p.endsWith(e)))) {
  const body = readFileSync(path);
  const br = brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      [constants.BROTLI_PARAM_MODE]: path.endsWith(".wasm")
        ? constants.BROTLI_MODE_GENERIC
        : constants.BROTLI_MODE_TEXT,
    },
  });
  const gz = gzipSync(body, { level: 9 });
  // A variant no smaller than the file is not worth a second copy: the server sends the file.
  for (const [ext, packed] of [[".br", br], [".gz", gz]]) {
    if (packed.length < body.length) {
      writeFileSync(path + ext, packed);
    }
  }
  plain += statSync(path).size;
  brotli += Math.min(br.length, body.length);
}
console.log(`precompress: ${(plain / 1024).toFixed(1)} KB -> ${(brotli / 1024).toFixed(1)} KB brotli in ${dir}`);
