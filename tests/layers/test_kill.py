"""``kill -9`` during a load, at every step of the write: the previous version stays current.

The load runs as ``gim-broadband`` in a child process whose writing functions are wrapped so
that it stops, and says so, at a chosen moment; the test then kills it with SIGKILL. No timing
is involved: the child waits until it is killed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from app.catalog import load_catalog, load_layer
from app.layers.kinds import Kind
from app.layers.loader import LoadOptions

# Moments, in the order a write goes through them.
MOMENTS = ("writing", "staged", "renamed", "described")
CHILD = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    import pyogrio
    from app.layers import store

    moment = sys.argv[1]
    write_dataframe, replace = pyogrio.write_dataframe, os.replace

    def stop_at(name):
        if name == moment:
            print("stopped", flush=True)
            time.sleep(3600)

    def half_written(frame, path, **options):
        write_dataframe(frame, path, **options)
        os.truncate(path, os.path.getsize(path) // 2)  # as if killed inside GDAL
        stop_at("writing")

    def pausing_replace(source, target):
        name = Path(target).name
        stop_at({".gpkg": "staged", ".json": "renamed"}.get(Path(target).suffix, "")
                if name != "current.json" else "described")
        replace(source, target)

    store.pyogrio.write_dataframe = half_written
    store.os.replace = pausing_replace
    from app.cli import main
    sys.argv = ["gim-broadband", *sys.argv[2:]]
    main()
    """
)


def killed_load(tmp_path, store, layer_files, moment):
    """Start a load of community points, wait until it stops at ``moment``, SIGKILL it."""
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    csv = layer_files / "community_points_cp1252.csv"
    command = [sys.executable, str(script), moment, "load", "community_points", str(csv)]
    child = subprocess.Popen(
        [*command, "--store", str(store.root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ | {"PYTHONPATH": os.getcwd()},
    )
    line = child.stdout.readline()
    assert line.strip() == "stopped", child.stderr.read()
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL


@pytest.mark.slow
@pytest.mark.parametrize("moment", MOMENTS)
def test_a_load_killed_at_any_moment_leaves_the_previous_version_current(
    tmp_path, store, layer_files, moment
):
    before = store.read(Kind.COMMUNITY_POINTS)
    killed_load(tmp_path, store, layer_files, moment)
    frame, meta = store.read(Kind.COMMUNITY_POINTS)
    assert store.current()[Kind.COMMUNITY_POINTS] == 1
    assert meta == before[1] and frame.equals(before[0])
    assert load_catalog(store).layer(Kind.COMMUNITY_POINTS).meta.version == 1
    # The next load works, and sweeps what the killed one left behind.
    csv = layer_files / "community_points_cp1252.csv"
    report = load_layer(store, LoadOptions(Kind.COMMUNITY_POINTS, csv))
    assert store.current()[Kind.COMMUNITY_POINTS] == report.version
    assert store.read(Kind.COMMUNITY_POINTS)[0].shape[0] == 3
    assert not list(store.root.rglob(".staging-*")) and not list(store.root.glob(".current*"))


def test_the_gim_broadband_script_is_installed():
    script = os.path.join(os.path.dirname(sys.executable), "gim-broadband")
    result = subprocess.run([script, "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "load" in result.stdout and "rollback" in result.stdout


UPLOAD_CHILD = textwrap.dedent(
    """
    import sys, time
    from app.layers.store import LayerStore

    with LayerStore(sys.argv[1]).staging() as folder:
        (folder / "layer.csv").write_bytes(b"x" * 1_000_000)
        print("stopped", flush=True)
        time.sleep(3600)
    """
)


@pytest.mark.slow
def test_an_upload_killed_in_the_staging_area_is_swept_by_the_next_writer(
    tmp_path, store, layer_files
):
    script = tmp_path / "upload_child.py"
    script.write_text(UPLOAD_CHILD)
    child = subprocess.Popen(
        [sys.executable, str(script), str(store.root)],
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ | {"PYTHONPATH": os.getcwd()},
    )
    assert child.stdout.readline().strip() == "stopped"
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert len(list(store.root.glob(".staging-*"))) == 1  # what the killed upload left
    load_layer(
        store, LoadOptions(Kind.COMMUNITY_POINTS, layer_files / "community_points_cp1252.csv")
    )
    assert not list(store.root.glob(".staging-*"))
