"""``/admin``: bearer token, size limit, uploads validated like the command line, reload now."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.layers.kinds import Kind
from app.layers.store import LayerStore
from app.main import create_app
from app.settings import Settings

LAYER_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "layers"
TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def admin_client(store_dir: Path, **settings) -> TestClient:
    options = {"store_dir": store_dir, "reload_interval_s": 0, "tiles_url": "", "_env_file": None}
    return TestClient(create_app(Settings(**options | settings)))


@pytest.fixture
def admin(store_dir):
    with admin_client(store_dir, admin_token=TOKEN, max_upload_mb=1) as client:
        yield client


def upload(client, kind, name, headers=AUTH, **form):
    path = LAYER_FIXTURES / name
    files = {"file": (name, path.read_bytes())}
    if "speeds" in form:
        speeds = form.pop("speeds")
        files["speeds"] = (speeds, (LAYER_FIXTURES / speeds).read_bytes())
    return client.post(f"/admin/layers/{kind}", files=files, data=form, headers=headers)


def test_without_a_configured_token_admin_is_disabled(store_dir):
    with admin_client(store_dir) as client:
        response = client.post("/admin/reload", headers=AUTH)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "GIM_ADMIN_TOKEN" in response.json()["detail"]


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}]
)
def test_a_missing_or_wrong_token_is_refused(admin, headers):
    response = admin.post("/admin/reload", headers=headers)
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    assert response.json()["detail"].startswith("Jeton manquant ou invalide")


def test_an_upload_is_loaded_and_served_at_once(admin, store_dir):
    response = upload(admin, "community_points", "community_points_cp1252.csv", vintage="2024-06")
    body = response.json()
    assert response.status_code == 200, body
    assert (body["version"], body["features"], body["file"]) == (
        2,
        3,
        "community_points_cp1252.csv",
    )
    assert body["catalog"] == admin.get("/healthz").json()["catalog"]
    assert admin.get("/healthz").json()["layers"]["community_points"]["version"] == 2
    assert LayerStore(store_dir).meta(Kind.COMMUNITY_POINTS).vintage == "2024-06"


def test_ised_households_upload_with_its_speeds_file(admin):
    response = upload(
        admin, "households", "phh_points.csv", speeds="phh_speeds_bom.csv", vintage="2024"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["features"] == 7
    assert admin.get("/healthz").json()["layers"]["households"]["features"] == 7


def test_a_bad_upload_is_refused_in_the_request_language_and_nothing_changes(admin, store_dir):
    state = LayerStore(store_dir).state()
    response = admin.post(
        "/admin/layers/community_points?lang=en",
        files={"file": ("swapped.csv", (LAYER_FIXTURES / "swapped.csv").read_bytes())},
        headers=AUTH,
    )
    assert response.status_code == 422
    assert response.json()["detail"].startswith("swapped.csv: latitude and longitude are swapped")
    assert LayerStore(store_dir).state() == state


def test_a_dry_run_upload_writes_nothing(admin, store_dir):
    state = LayerStore(store_dir).state()
    response = upload(admin, "mrcs", "mrcs.geojson", dry_run="true")
    assert response.status_code == 200 and response.json()["dry_run"] is True
    assert LayerStore(store_dir).state() == state


def test_an_upload_over_the_size_limit_is_refused_before_it_is_read(admin, store_dir):
    big = b"x" * (1024 * 1024 + 1)
    response = admin.post("/admin/layers/mrcs", files={"file": ("big.csv", big)}, headers=AUTH)
    assert response.status_code == 413
    assert "1 Mo" in response.json()["detail"]


def test_a_chunked_upload_over_the_limit_is_cut_short(admin):
    def chunks():
        for _ in range(3):
            yield b"y" * (512 * 1024)

    headers = AUTH | {"content-type": "multipart/form-data; boundary=xyz"}
    response = admin.post("/admin/layers/mrcs", content=chunks(), headers=headers)
    assert response.status_code == 413


def test_reload_now_takes_up_a_version_made_current_outside(admin, store_dir):
    store = LayerStore(store_dir)
    frame, meta = store.read(Kind.MRCS)
    store.write(Kind.MRCS, frame, meta)
    before = admin.get("/healthz").json()["catalog"]
    body = admin.post("/admin/reload", headers=AUTH).json()
    assert body["changed"] is True and body["catalog"] != before
    assert body["layers"]["mrcs"] == 2
    assert admin.post("/admin/reload", headers=AUTH).json()["changed"] is False


def test_a_failed_reload_answers_503_and_keeps_serving_the_old_catalogue(admin, store_dir):
    store = LayerStore(store_dir)
    frame, meta = store.read(Kind.MRCS)
    written = store.write(Kind.MRCS, frame, meta)
    (store_dir / "mrcs" / f"{written.version:04d}.gpkg").write_bytes(b"damaged")
    before = admin.get("/healthz").json()["catalog"]
    response = admin.post("/admin/reload?lang=en", headers=AUTH)
    assert response.status_code == 503
    assert response.json()["detail"].startswith("Reload failed, the previous catalogue is still")
    assert admin.get("/healthz").json()["catalog"] == before


def test_a_300_character_filename_is_refused_in_one_short_line(admin, store_dir):
    name = "x" * 150 + "." + "y" * 150
    response = admin.post(
        "/admin/layers/mrcs?lang=en", files={"file": (name, b"a,b\n1,2\n")}, headers=AUTH
    )
    assert response.status_code == 422
    assert len(response.json()["detail"]) < 400 and response.json()["detail"].startswith("xxx")


def test_a_full_disk_during_an_upload_is_422_and_the_staging_area_is_emptied(
    admin, store_dir, monkeypatch
):
    state = LayerStore(store_dir).state()

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("app.layers.store.pyogrio.write_dataframe", full)
    response = upload(admin, "mrcs", "mrcs.geojson")
    assert response.status_code == 422, response.text
    assert "No space left on device" in response.json()["detail"]
    assert LayerStore(store_dir).state() == state
    assert not list(store_dir.glob(".staging-*")) and not list(store_dir.rglob(".staging-*"))
