# Sourced by the bench scripts. peer_venv WORK MODULES PACKAGE...: makes sure WORK/venv is a
# virtual environment in which `import MODULES` works, installing PACKAGE... from PyPI when it
# does not.
peer_venv() {
  local work="$1" modules="$2"
  shift 2
  mkdir -p "$work"
  if ! "$work/venv/bin/python" -c "import $modules" 2>/dev/null; then
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install --quiet "$@"
  fi
}
