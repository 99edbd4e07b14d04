"""Publishing: the headers and redirects a host sends, caching, the workflows that publish on
merge, reproducible builds, and the site served under a sub-path."""
from __future__ import annotations

import hashlib
import http.client
import os
import re
import shutil
import subprocess
import sys
from collections import deque
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from conftest import CONTENT, FIXTURES, ROOT, build_into, run_cli, soup
from hostserver import header_rules, netlify_config, serving
from napsite import hosting
from napsite.cli import github_annotation
from napsite.problems import ERROR, WARNING, Problem

WORKFLOWS = ROOT / ".github/workflows"
HASHED = re.compile(r"\.([0-9a-f]{10})\.[a-z0-9]+$")
BUNDLE = re.compile(r"^static/(?:[^/]+/)*[\w-]*?[.-][0-9a-f]{8,}/")


def served_path(rel: str) -> str:
    """The address a host serves an output file at."""
    return "/" + rel.removesuffix("index.html")


def fetch(base: str, path: str, **headers) -> tuple[int, dict, bytes]:
    """One request, redirects not followed (urllib would hide them)."""
    url = urlsplit(urljoin(base, path))
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    conn.request("GET", url.path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


# --- the policy, and the files that repeat it ---

def test_netlify_toml_sends_exactly_the_policy_of_napsite_hosting():
    declared = [(h["for"], h["values"]) for h in netlify_config()["headers"]]
    assert declared == [(r.pattern, r.headers) for r in hosting.rules()]


def test_the_policy_allows_scripts_and_styles_only_from_the_site():
    csp = dict(d.split(" ", 1) for d in hosting.CSP.split("; "))
    assert csp["default-src"] == "'self'"
    assert csp["script-src"] == "'self' 'wasm-unsafe-eval'"  # the search index is WebAssembly
    assert csp["style-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'" and csp["object-src"] == "'none'"
    assert "unsafe-inline" not in hosting.CSP and "'unsafe-eval'" not in hosting.CSP
    assert hosting.SECURITY["X-Content-Type-Options"] == "nosniff"
    assert hosting.SECURITY["Strict-Transport-Security"].startswith("max-age=31536000")
    assert {"Referrer-Policy", "Permissions-Policy"} <= set(hosting.SECURITY)


def parse_headers_file(text: str) -> list[tuple[str, dict]]:
    rules: list[tuple[str, dict]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            rules.append((line, {}))
        else:
            name, value = line.strip().split(": ", 1)
            rules[-1][1][name] = value
    return rules


def test_the_build_writes_the_same_policy_as_a_headers_file(mini_dir):
    written = parse_headers_file((mini_dir / "_headers").read_text("utf-8"))
    assert written == [(h["for"], h["values"]) for h in netlify_config()["headers"]]


def test_header_patterns_match_as_netlify_matches_them():
    feed, static = hosting.Rule("/*/feed.xml", {}), hosting.Rule("/static/*", {})
    assert feed.matches("/en/feed.xml") and feed.matches("/az/measures/4-1-3/feed.xml")
    assert not feed.matches("/en/feed.xml.bak")
    assert static.matches("/static/style.0123456789.css") and not static.matches("/az/static/x")
    assert hosting.Rule("/*", {}).matches("/") and not hosting.Rule("/", {}).matches("/az/")


def test_each_file_gets_one_cache_rule_a_year_only_when_its_name_has_its_hash(site_dir):
    rules = header_rules(netlify_config())
    files = [p for p in site_dir.rglob("*") if p.is_file() and p.name not in ("_headers", "_redirects")]
    assert len(files) > 500
    for f in files:
        rel = f.relative_to(site_dir).as_posix()
        cache = [r.headers["Cache-Control"] for r in rules if "Cache-Control" in r.headers
                 and r.matches(served_path(rel))]
        assert len(cache) == 1, f"{rel}: {len(cache)} Cache-Control rules (add one in hosting.py and netlify.toml)"
        if cache[0] == hosting.IMMUTABLE:
            digest = HASHED.search(f.name)
            if digest:  # our own assets: the name carries the hash of exactly these bytes
                assert hashlib.sha256(f.read_bytes()).hexdigest().startswith(digest[1]), rel
            else:  # a bundle (the search's) fingerprinted as a whole, in a folder named by its hash
                assert BUNDLE.search(rel), f"{rel}: cached for a year, but nothing in its name changes with it"
        else:
            assert cache[0] == hosting.REVALIDATE


def test_every_stylesheet_script_and_icon_a_page_uses_is_fingerprinted(site_dir):
    used: set[str] = set()
    for page in site_dir.rglob("*.html"):
        doc = soup(page)
        for el in doc.select("link[rel~=stylesheet], link[rel~=icon], script[src], img[src]"):
            url = urljoin(f"https://x.example/{page.relative_to(site_dir).as_posix()}", el.get("href") or el["src"])
            used.add(url.split("/nap/", 1)[-1] if "/nap/" in url else urlsplit(url).path.lstrip("/"))
    static = {u for u in used if u.startswith("static/")}
    assert {HASHED.sub("", u) for u in static} >= {"static/style", "static/favicon"}
    assert all(HASHED.search(u) or BUNDLE.search(u) for u in static), static
    # The one other image is the status badge: an address others embed, so it keeps its name and
    # is revalidated like the page it belongs to.
    assert {u.rsplit("/", 1)[-1] for u in used - static} == {"badge.svg"}


def test_no_page_or_image_has_inline_style_or_script(site_dir):
    for f in [*site_dir.rglob("*.html"), *site_dir.rglob("*.svg")]:
        doc = soup(f)
        assert not doc.find("style"), f
        # JSON-LD is a data block: browsers never run it, so script-src does not apply to it
        assert not [s for s in doc.find_all("script") if not s.get("src") and s.get("type") != "application/ld+json"], f
        assert not doc.select("[style]"), f
        assert not [a for el in doc.find_all(True) for a in el.attrs if a.lower().startswith("on")], f
        assert not doc.select('[href^="javascript:"]'), f


def test_the_404_page_speaks_both_languages(site_dir):
    doc = soup(site_dir / "404.html")
    assert doc.html["lang"] == "az"
    assert doc.h1.get_text() == "Səhifə tapılmadı"
    other = doc.select_one("main section[lang=en]")
    assert other.h2.get_text() == "Page not found"
    assert [a["href"] for a in doc.select("main a")] == ["/nap/az/", "/nap/en/"]  # from the root: on any host
    assert doc.title.get_text().startswith("Səhifə tapılmadı · Page not found")


def test_measure_aliases_are_permanent_redirects_and_keep_their_pages(mini_dir):
    lines = [line for line in (mini_dir / "_redirects").read_text("utf-8").splitlines() if not line.startswith("#")]
    assert lines == ["/az/measures/2-9/ /az/measures/2-1-1/ 301!", "/en/measures/2-9/ /en/measures/2-1-1/ 301!"]
    page = soup(mini_dir / "en/measures/2-9/index.html")
    assert page.select_one('meta[http-equiv="refresh"]')["content"] == "0; url=../2-1-1/"


def test_netlify_sends_readers_to_their_language_and_builds_previews_for_their_own_address():
    config = netlify_config()
    door = [(r["to"], r.get("conditions", {}).get("Language", [None])[0]) for r in config["redirects"]]
    assert door == hosting.root_redirects("az") == [("/en/", "en"), ("/az/", None)]
    assert all(r["from"] == "/" and r["status"] == 302 and r["force"] for r in config["redirects"])
    for context in ("deploy-preview", "branch-deploy"):
        assert '--base-url "$DEPLOY_PRIME_URL/"' in config["context"][context]["command"]
    # a host build never reads a build cache that a pull request could have committed
    for command in [config["build"]["command"]] + [config["context"][c]["command"] for c in ("deploy-preview", "branch-deploy")]:
        assert "build.py --no-cache " in command, command
    assert config["context"]["production"]["ignore"] == "exit 0"  # production comes from deploy.yml
    assert config["build"]["publish"] == "output"


def test_served_as_netlify_serves_it(mini_dir):
    with serving(mini_dir) as base:
        for accept, home in [("en-US,en;q=0.9", "/en/"), ("az,en;q=0.5", "/az/"), ("de", "/az/")]:
            status, headers, _ = fetch(base, "/", **{"Accept-Language": accept})
            assert (status, urlsplit(headers["location"]).path) == (302, home)
        status, headers, _ = fetch(base, "/en/measures/2-9/")
        assert (status, urlsplit(headers["location"]).path) == (301, "/en/measures/2-1-1/")
        status, headers, body = fetch(base, "/en/measures/2-1-1/")
        assert status == 200 and headers["cache-control"] == hosting.REVALIDATE
        assert {k: headers[k.lower()] for k in hosting.SECURITY} == hosting.SECURITY
        css = soup(mini_dir / "en/index.html").select_one("link[rel=stylesheet]")["href"]
        status, headers, _ = fetch(base, urljoin("/en/", css))
        assert status == 200 and headers["cache-control"] == hosting.IMMUTABLE
        assert fetch(base, "/en/feed.xml")[1]["content-type"] == hosting.ATOM
        status, _, body = fetch(base, "/en/nowhere/")
        assert status == 404 and body == (mini_dir / "404.html").read_bytes()


# --- content errors as annotations on the pull request ---

def test_github_annotations_escape_what_would_break_them():
    assert github_annotation(Problem("content/a,b:c.md", 3, "50% done\nnext", ERROR)) == \
        "::error file=content/a%2Cb%3Ac.md,line=3::50%25 done%0Anext"
    assert github_annotation(Problem("content/x.md", 1, "no text", WARNING)) == "::warning file=content/x.md,line=1::no text"


def test_check_in_github_format_puts_the_mistake_on_its_file_and_line(content_copy):
    note = content_copy / "progress/2017-06-30-8-5-mp-ethics-law-adopted.en.md"
    note.write_text(note.read_text("utf-8").replace("status: completed", "status: complete"), "utf-8")
    quiet = next(p for p in sorted((content_copy / "progress").glob("*.az.md")) if p.name[:10] != note.name[:10])
    front = quiet.read_text("utf-8").split("\n---\n", 1)[0] + "\n---\n"
    quiet.write_text(front, "utf-8")  # a note with no text: a warning, not an error
    result = run_cli("check", "--content", str(content_copy), "--format", "github", cwd=content_copy.parent)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=content/progress/2017-06-30-8-5-mp-ethics-law-adopted.en.md,line=6::'status': 'complete' is "
        "not allowed (did you mean 'completed'?); use one of: no-evidence, not-started, limited, substantial, completed",
        f"::warning file=content/progress/{quiet.name},line={front.count(chr(10)) + 1}::the note has no text after the "
        "front matter"]
    plain = run_cli("check", "--content", str(content_copy), cwd=content_copy.parent)
    assert plain.stdout == "" and plain.returncode == 1  # the default format is unchanged: stderr only
    assert plain.stderr == result.stderr


# --- the workflows ---

def actionlint() -> str | None:
    beside = Path(sys.executable).parent / "actionlint"
    return str(beside) if beside.exists() else shutil.which("actionlint")


def test_the_workflows_pass_actionlint():
    binary = actionlint()
    if binary is None:
        pytest.skip("actionlint is not installed (pip install -e '.[test]' brings it)")
    result = subprocess.run([binary, "-oneline", *sorted(map(str, WORKFLOWS.glob("*.yml")))], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text("utf-8"))
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return data


def steps_text(job: dict) -> str:
    return "\n".join(str(s.get("run", "")) + str(s.get("uses", "")) + str(s.get("with", "")) for s in job["steps"])


def test_pull_requests_check_the_content_and_run_every_test_with_chromium_and_nginx():
    flow = workflow("tests.yml")
    assert "pull_request" in flow["on"] and "workflow_call" in flow["on"]
    job = flow["jobs"]["tests"]
    assert job["container"].startswith("debian:")
    text = steps_text(job)
    for needed in ("chromium", "nginx", "build.py check --no-cache --format github", "GITHUB_STEP_SUMMARY",
                   "pytest", "actions/cache", "~/.cache/pip"):
        assert needed in text, needed
    run_tests = next(s for s in job["steps"] if "pytest" in str(s.get("run")))
    assert run_tests["env"] == {"REQUIRE_BROWSER": "1", "REQUIRE_NGINX": "1"}


def test_a_merge_to_main_is_tested_built_and_deployed_to_netlify():
    flow = workflow("deploy.yml")
    assert flow["on"]["push"]["branches"] == ["main"]
    assert flow["jobs"]["tests"]["uses"] == "./.github/workflows/tests.yml"
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "tests"
    text = steps_text(deploy)
    assert "build.py --no-cache --base-url" in text and "GITHUB_STEP_SUMMARY" in text and "cache': 'pip" in text
    step = next(s for s in deploy["steps"] if "netlify-cli" in str(s.get("run")))
    assert "deploy --prod --no-build --dir output" in step["run"]
    assert step["env"]["NETLIFY_AUTH_TOKEN"] == "${{ secrets.NETLIFY_AUTH_TOKEN }}"


def test_the_github_pages_alternative_builds_for_its_sub_path():
    flow = workflow("pages.yml")
    text = steps_text(flow["jobs"]["build"])
    assert 'build.py --no-cache --base-url "${BASE_URL%/}/"' in text and "upload-pages-artifact" in text
    assert flow["jobs"]["build"]["needs"] == "tests"


# --- reproducible ---

def cli_build(tmp_path: Path, name: str, **env) -> Path:
    out = tmp_path / name
    result = run_cli("--output", str(out), env={**os.environ, **env})
    assert result.returncode == 0, result.stderr
    return out


def tree(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_builds_on_other_days_and_in_other_time_zones_are_byte_identical(tmp_path):
    fake = {"PYTHONPATH": str(ROOT / "tests/fakeclock")}
    env_a = dict(fake, FAKE_NOW="1800000000", TZ="Pacific/Kiritimati")  # 2027-01-15, UTC+14
    env_b = dict(fake, FAKE_NOW="2200000000", TZ="Etc/GMT+12")  # 2039-09-19, UTC-12
    for env, day in [(env_a, "2027-01-15"), (env_b, "2039-09-18")]:  # the fake clock works
        probe = subprocess.run([sys.executable, "-c", "import datetime; print(datetime.date.today())"],
                               env={**os.environ, **env}, capture_output=True, text=True)
        assert probe.stdout.strip() == day
    a, b = cli_build(tmp_path, "a", **env_a), cli_build(tmp_path, "b", **env_b)
    assert tree(a) == tree(b)


def test_source_date_epoch_is_read_as_utc_whatever_the_time_zone(tmp_path):
    epoch = "1514764800"  # 2018-01-01 00:00 UTC: still 31 December 2017 at UTC-12
    a = cli_build(tmp_path, "a", SOURCE_DATE_EPOCH=epoch, TZ="Pacific/Kiritimati")
    b = cli_build(tmp_path, "b", SOURCE_DATE_EPOCH=epoch, TZ="Etc/GMT+12")
    assert tree(a) == tree(b)


# --- under a sub-path, as on GitHub Pages ---

PAGES_URL = "https://example.github.io/nap/"


def test_a_sub_path_build_works_served_under_that_path(tmp_path):
    site = build_into(CONTENT, tmp_path / "output", PAGES_URL)
    with serving(site, "/nap/") as base:
        status, headers, _ = fetch(base, base)
        assert status == 302 and headers["location"] == "/nap/az/"
        seen, queue, kinds = set(), deque(["az/", "en/", "en/nowhere/"]), {}
        while queue:
            rel = queue.popleft()
            if rel in seen:
                continue
            seen.add(rel)
            status, headers, body = fetch(base, rel)
            kinds[rel] = headers["content-type"].split(";")[0]
            assert status == (404 if rel == "en/nowhere/" else 200), rel
            if kinds[rel] != "text/html":
                continue
            doc = soup_bytes(body)
            for el in doc.select("a[href], link[href], img[src]"):
                url = el.get("href") or el["src"]
                absolute = urljoin(PAGES_URL + rel, url).split("#")[0]
                if absolute.startswith(PAGES_URL):
                    queue.append(absolute.removeprefix(PAGES_URL))
                else:
                    assert urlsplit(absolute).netloc not in ("example.github.io", "127.0.0.1"), (rel, url)
    assert len(seen) > 500
    assert [k for k, v in kinds.items() if v == "text/css"] and all(
        HASHED.search(k) or BUNDLE.search(k) for k, v in kinds.items() if v == "text/css")
    assert {"az/measures/4-1-3/", "en/institutions/", "data/measures.csv", "en/feed.xml"} <= seen


def soup_bytes(data: bytes):
    from bs4 import BeautifulSoup

    return BeautifulSoup(data.decode("utf-8"), "html.parser")


# --- the deployment guide ---

DEPLOY_GUIDE = ROOT / "docs/deploy.md"


def test_the_deployment_guide_states_the_headers_the_code_sends():
    guide = DEPLOY_GUIDE.read_text("utf-8")
    for name, value in hosting.SECURITY.items():
        shown = re.search(rf"^\| `{re.escape(name)}` \| `([^`]+)` \|", guide, re.M)[1]
        assert value == shown or (shown.endswith("…") and value.startswith(shown.rstrip("…"))), name
    assert f"`{hosting.IMMUTABLE}`" in guide and f"`{hosting.REVALIDATE}`" in guide


def test_the_deployment_guide_names_only_files_that_exist():
    named = set(re.findall(r"`((?:\.github|deploy|napsite|tests|content|docs)/[\w./-]+\.\w+)`",
                           DEPLOY_GUIDE.read_text("utf-8")))
    assert {"deploy/nginx.conf", "napsite/hosting.py", ".github/workflows/pages.yml"} <= named
    assert [n for n in named if not (ROOT / n).is_file()] == []
