# Sourced by .ci/studio and .ci/test: creates .venv on first use, then activates it.
# torch is pinned to 2.13.0: pip takes a local CPU build in seconds, while an unpinned
# torch resolves to a multi-GB CUDA build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
stamp="$venv/.installed-$(cat "$root/pyproject.toml" | cksum | cut -d' ' -f1)"
if [ ! -f "$stamp" ]; then
  python="${PYTHON:-python3}"
  [ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
  echo "Setting up $venv (first run only; about 2 minutes)..." >&2
  log="$venv/setup.log"
  pip_install() { "$venv/bin/python" -m pip install -q --disable-pip-version-check "$@" >>"$log" 2>&1 \
                  || { cat "$log" >&2; echo "set-up failed; the log is $log" >&2; exit 1; }; }
  pip_install "torch==2.13.0"
  pip_install -e "$root[test]"
  rm -f "$venv"/.installed-* && touch "$stamp"
fi
export PATH="$venv/bin:$PATH"
cd "$root"
