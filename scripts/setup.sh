#!/usr/bin/env bash
# Sets up a fresh machine: Debian packages the project needs (only when missing), then the npm packages.
#   bash scripts/setup.sh            # to run the assistant (incl. OCR of scanned PDFs and images)
#   bash scripts/setup.sh --tests    # also what the tests need: Debian's chromium for the browser tests,
#                                    # postgresql and nginx for the replicated-mode tests (they start
#                                    # their own private cluster and proxy; the system services stay off)
set -euo pipefail
cd "$(dirname "$0")/.."

want=()
if [[ "${1:-}" == "--tests" ]]; then
  command -v chromium >/dev/null 2>&1 || want+=(chromium)
  [[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || want+=(fonts-dejavu-core)
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || want+=(postgresql)
  [[ -x /usr/sbin/nginx ]] || want+=(nginx)
fi
command -v g++ >/dev/null 2>&1 || want+=(g++ make python3)
# OCR of scanned pages: tesseract with its Vietnamese model, poppler's pdftoppm to rasterise PDF pages.
command -v tesseract >/dev/null 2>&1 || want+=(tesseract-ocr)
[[ -f /usr/share/tesseract-ocr/5/tessdata/vie.traineddata || -f /usr/share/tesseract-ocr/4.00/tessdata/vie.traineddata ]] || want+=(tesseract-ocr-vie)
command -v pdftoppm >/dev/null 2>&1 || want+=(poppler-utils)

if ((${#want[@]})); then
  echo "setup: installing Debian packages: ${want[*]}"
  sudo_cmd=""
  [[ "$(id -u)" == 0 ]] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${want[@]}"
fi

# onnxruntime-node must not try to download GPU binaries (its CPU binaries ship inside the package).
export ONNXRUNTIME_NODE_INSTALL=skip ONNXRUNTIME_NODE_INSTALL_CUDA=skip
# `npm install` rather than `npm ci`: the registry reachable here serves only the Linux builds of
# platform-specific optional packages (rollup's, esbuild's), so the lock file cannot list the
# others and `npm ci` refuses it as out of sync. With a lock file present, `npm install` installs
# the locked versions.
npm install --no-audit --no-fund
