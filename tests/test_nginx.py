"""deploy/nginx.conf, as docs/deploy.md tells a reader to use it: Debian's nginx serving a built
site on 127.0.0.1, every answer checked against the header policy in napsite/hosting.py."""
from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, build_into
from napsite import hosting

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
if NGINX is None:
    if os.environ.get("REQUIRE_NGINX"):
        raise RuntimeError("REQUIRE_NGINX is set but nginx is missing: apt-get install nginx")
    pytest.skip("nginx is not installed (apt-get install nginx; .ci/run does)", allow_module_level=True)

MIME_TYPES = Path("/etc/nginx/mime.types")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def site_conf(output: Path, port: int) -> str:
    """The documented file with only what a reader changes: where it listens, where the site is."""
    text = (ROOT / "deploy/nginx.conf").read_text("utf-8")
    assert "listen 80;" in text and "root /srv/open-government-az/output;" in text
    return (text.replace("listen 80;", f"listen 127.0.0.1:{port};").replace("listen [::]:80;\n", "")
            .replace("root /srv/open-government-az/output;", f"root {output};"))


@pytest.fixture(scope="module")
def nginx(tmp_path_factory):
    """(base address, output folder) of the mini fixture served by nginx in the foreground."""
    work = tmp_path_factory.mktemp("nginx")
    output = build_into(FIXTURES / "mini", work / "output", "https://mini.example/")
    port = free_port()
    shutil.copy(MIME_TYPES, work / "mime.types")
    (work / "site.conf").write_text(site_conf(output, port), "utf-8")
    temp = {name: work / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for folder in temp.values():
        folder.mkdir()
    (work / "nginx.conf").write_text(f"""
daemon off;
master_process off;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{}}
http {{
    access_log off;
    client_body_temp_path {temp['body']};
    proxy_temp_path {temp['proxy']};
    fastcgi_temp_path {temp['fastcgi']};
    uwsgi_temp_path {temp['uwsgi']};
    scgi_temp_path {temp['scgi']};
    include {work}/site.conf;
}}
""", "utf-8")
    test = subprocess.run([NGINX, "-t", "-p", str(work), "-c", str(work / "nginx.conf")], capture_output=True,
                          text=True)
    assert test.returncode == 0, test.stderr
    proc = subprocess.Popen([NGINX, "-p", str(work), "-c", str(work / "nginx.conf")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            assert proc.poll() is None, proc.stderr.read().decode()
            time.sleep(0.05)
    yield port, output
    proc.terminate()
    proc.wait(timeout=10)


def get(port: int, path: str, **headers) -> tuple[int, dict, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def assert_security_headers(headers: dict) -> None:
    for name, value in hosting.SECURITY.items():
        assert headers.get(name.lower()) == value, name


def test_pages_feeds_and_data_are_served_with_the_policy_and_revalidated(nginx):
    port, _ = nginx
    for path, kind in [("/az/", "text/html; charset=utf-8"), ("/en/measures/2-1-1/", "text/html; charset=utf-8"),
                       ("/en/timeline/", "text/html; charset=utf-8"), ("/data/measures.json", "application/json; charset=utf-8"),
                       ("/data/measures.csv", "text/csv; charset=utf-8"), ("/sitemap.xml", "text/xml; charset=utf-8"),
                       ("/en/feed.xml", "application/atom+xml; charset=utf-8"),
                       ("/az/measures/2-1-1/feed.xml", "application/atom+xml; charset=utf-8")]:
        status, headers, _ = get(port, path)
        assert status == 200, path
        assert headers["content-type"] == kind, path
        assert_security_headers(headers)
        assert headers["cache-control"] == hosting.REVALIDATE, path
        assert hosting.headers_for(path).get("Cache-Control") == hosting.REVALIDATE


def test_fingerprinted_assets_are_cached_for_a_year(nginx):
    port, output = nginx
    assets = sorted(p.name for p in (output / "static").iterdir())
    # the site's files, and the share card of each of the mini fixture's measures in each language
    measures = ["1-1", "1-2", "1-3", "1-4", "1-5", "2-1-1", "2-1-2"]
    assert sorted(a.split(".")[0] for a in assets) == sorted(
        ["cite", "favicon", "filter", "lang", "search", "share-az", "share-en", "sort", "style"]
        + [f"share-{lang}-{m}" for lang in ("az", "en") for m in measures])
    for name in assets:
        status, headers, body = get(port, f"/static/{name}")
        assert status == 200 and body == (output / "static" / name).read_bytes()
        assert headers["cache-control"] == hosting.IMMUTABLE == hosting.headers_for(f"/static/{name}")["Cache-Control"]
        assert_security_headers(headers)
    assert get(port, f"/static/{assets[-1]}")[1]["content-type"] == "text/css; charset=utf-8"


def test_the_door_sends_readers_to_their_language(nginx):
    port, _ = nginx
    for accept, home in [("en-GB,en;q=0.9,az;q=0.5", "/en/"), ("az-AZ,az;q=0.9,en;q=0.8", "/az/"),
                         ("ru-RU,ru;q=0.9", "/az/"), (None, "/az/")]:
        status, headers, _ = get(port, "/", **({"Accept-Language": accept} if accept else {}))
        assert (status, headers["location"]) == (302, home), accept
        assert headers["vary"] == "Accept-Language"
        assert_security_headers(headers)
    assert "vary" not in get(port, "/az/")[1]


def test_an_unknown_address_gets_the_bilingual_404_with_status_404(nginx):
    port, output = nginx
    status, headers, body = get(port, "/en/measures/99-9/")
    assert status == 404
    assert body == (output / "404.html").read_bytes()
    assert_security_headers(headers)
    assert headers["cache-control"] == hosting.REVALIDATE


def test_folders_without_a_slash_redirect_relatively_and_aliases_keep_their_page(nginx):
    port, _ = nginx
    status, headers, _ = get(port, "/en/timeline")
    assert (status, headers["location"]) == (301, "/en/timeline/")
    status, _, body = get(port, "/en/measures/2-9/")  # nginx has no _redirects: the HTML page answers
    assert status == 200 and b'url=../2-1-1/' in body
