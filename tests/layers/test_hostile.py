"""Hostile files (issue 11): each is refused in one line, quickly, in bounded memory, and the
store is left byte for byte as it was — through the loader, the command line and the admin API.

The corpus is written by ``scripts/make_hostile_corpus.py`` into a temporary folder; the zip
bombs are small on disk and expand to gigabytes.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.catalog import load_layer
from app.errors import LayerValidationError
from app.i18n import translate
from app.layers.kinds import Kind
from app.layers.loader import LoadOptions
from app.main import create_app
from app.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "make_hostile_corpus.py"
PEAK_RSS_MB = 600
# A hang guard, not a benchmark (benchmarks.hostile times the cases): far above any normal run.
HANG_S = 300
TOKEN = "hostile-token"


def _corpus_module():
    spec = importlib.util.spec_from_file_location("make_hostile_corpus", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


CORPUS = _corpus_module()
CASES = CORPUS.CASES


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    CORPUS.write_corpus(folder)
    return folder


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_hostile_file_is_refused_in_one_line_naming_it(corpus, store, snapshot, case):
    before = snapshot(store.root)
    with pytest.raises(LayerValidationError) as refusal:
        load_layer(store, LoadOptions(Kind(case.kind), corpus / case.name))
    assert refusal.value.reason_key == case.key
    for lang in ("fr", "en"):
        message = translate(refusal.value.key, lang, **refusal.value.params)
        assert message.startswith(case.name) and "\n" not in message and len(message) < 400
        assert not any(ord(char) < 32 for char in message)
    assert snapshot(store.root) == before


# The command line, reporting its own peak RSS when it exits. VmHWM belongs to the process's
# memory map, which exec makes new; the rusage of a child also counts the parent's peak.
MEASURED = """
import atexit, re, sys
from pathlib import Path

report = Path(sys.argv.pop(1))
status = Path("/proc/self/status")
atexit.register(lambda: report.write_text(re.search(r"VmHWM:\\s+(\\d+)", status.read_text())[1]))
from app.cli import main
sys.argv[0] = "gim-broadband"
main()
"""


def _cli(corpus: Path, store: Path, case, folder: Path) -> tuple[int, str, float, float]:
    """Run ``gim-broadband load`` on a case: exit status, stderr, seconds, peak RSS in MB."""
    peak = folder / f"{case.name}.peak"
    arguments = ["load", case.kind, str(corpus / case.name), "--store", str(store), "--lang", "en"]
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", MEASURED, str(peak), *arguments],
        capture_output=True,
        text=True,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
        check=False,
        timeout=HANG_S,
    )
    seconds = time.perf_counter() - started
    return result.returncode, result.stderr, seconds, int(peak.read_text()) / 1024


@pytest.mark.slow
def test_the_command_line_refuses_every_case_in_bounded_memory(corpus, store, snapshot, tmp_path):
    before = snapshot(store.root)

    def run(case):
        return _cli(corpus, store.root, case, tmp_path)

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(run, CASES))
    for case, (status, stderr, _seconds, peak_mb) in zip(CASES, results, strict=True):
        assert status == 1, (case.name, stderr)
        assert stderr.startswith(f"Error: {case.name}") and stderr.count("\n") == 1, stderr
        assert "Traceback" not in stderr
        assert peak_mb < PEAK_RSS_MB, (case.name, peak_mb)
    assert snapshot(store.root) == before


def test_the_admin_api_refuses_every_case_with_422(corpus, store_dir, snapshot):
    settings = Settings(
        store_dir=store_dir,
        reload_interval_s=0,
        tiles_url="",
        admin_token=TOKEN,
        max_upload_mb=20,
        _env_file=None,
    )
    before = snapshot(store_dir)
    with TestClient(create_app(settings)) as client:
        for case in CASES:
            response = client.post(
                f"/admin/layers/{case.kind}?lang=en",
                files={"file": (case.name, (corpus / case.name).read_bytes())},
                headers={"Authorization": f"Bearer {TOKEN}"},
            )
            assert response.status_code == 422, (case.name, response.text)
            detail = response.json()["detail"]
            assert detail.startswith(case.name) and "\n" not in detail
    assert snapshot(store_dir) == before
