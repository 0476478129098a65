#!/usr/bin/env bash
# Executes every notebook here, headless, on an `augur evaluate mts` report directory
# (04-nab-report reads an `augur evaluate nab` report from env AUGUR_NAB_REPORT_DIR, default sample-nab-report).
# Usage: notebooks/run.sh REPORT_DIR [OUTPUT_DIR]
# Executed copies go to OUTPUT_DIR (default: a fresh temporary directory). Exits non-zero if a cell fails.
# Needs Debian's /usr/bin/python3 with jupyter-nbconvert, python3-ipykernel, python3-pandas, python3-matplotlib.
set -euo pipefail
if [[ $# -lt 1 || ! -f "$1/report.json" ]]; then
  echo "usage: $0 REPORT_DIR [OUTPUT_DIR]  (REPORT_DIR must hold report.json; got '${1:-}')" >&2
  exit 2
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export AUGUR_REPORT_DIR="$(cd "$1" && pwd)"
out="${2:-$(mktemp -d -t augur-notebooks.XXXXXX)}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
python=/usr/bin/python3
# Debian's kernel spec starts /usr/bin/python3; keep its tools first on PATH too.
export PATH="/usr/bin:$PATH"
export MPLBACKEND=Agg
export PYDEVD_DISABLE_FILE_VALIDATION=1
status=0
for nb in "$here"/*.ipynb; do
  name="$(basename "$nb")"
  echo "executing $name on $AUGUR_REPORT_DIR" >&2
  if ! (cd "$here" && "$python" -m jupyter nbconvert --to notebook --execute \
        --ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=600 \
        --output-dir "$out" "$name"); then
    echo "FAILED: $name" >&2
    status=1
  fi
done
echo "executed notebooks in $out" >&2
exit $status
