#!/bin/sh
# Compiles kernels.wat into kernels-wasm.ts (the bytes, base64) with wat2wasm from Debian's
# wabt package (installed when missing and root). Run it after editing kernels.wat; the test
# kernels.test.ts checks that the two agree whenever wat2wasm is there.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v wat2wasm >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then echo "build-kernels: wat2wasm not found; install it with: sudo apt-get install -y wabt" >&2; exit 1; fi
  echo "build-kernels: installing Debian's wabt package (apt-get install -y wabt)..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wabt >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wabt >/dev/null)
fi
tmp=$(mktemp)
wat2wasm --enable-threads "$here/kernels.wat" -o "$tmp"
{
  echo '// Generated from kernels.wat by scripts/build-kernels.sh: do not edit.'
  printf "export const kernelsWasm = '%s';\n" "$(base64 -w0 "$tmp")"
} > "$here/kernels-wasm.ts"
rm -f "$tmp"
echo "build-kernels: wrote $here/kernels-wasm.ts"
