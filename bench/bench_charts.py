"""Charts benchmark: how soon each dashboard shows its first chart in a browser.

Full run: the demo department (`irsuite demo`, 5,000 procedures, seed 7) served by
`irsuite serve` (gunicorn) on a free loopback port; headless Chromium (Debian's, through
Playwright) opens the dose dashboard and the quality dashboard of percutaneous nephrostomy as
the physicist and the quality lead. Per page, over repeated loads: the server time of the same
URL (a plain HTTP GET with the session cookie), and in the browser the navigation timing (first
byte, DOMContentLoaded, load), first contentful paint, the first frame in which a chart is in
the page, and the JavaScript the page loaded.
Baseline, measured in the same run: the same pages drawn by Plotly in the browser (the last
commit before server-drawn charts, BENCH_CHARTS_BASELINE_REV, checked out as a git worktree,
with Plotly installed beside it from uv's cache), on its own demo department of the same size
and seed.
Quick run: 200 procedures, two loads per page.
Target: every dashboard's first chart drawn within 1 s.
"""

from __future__ import annotations

import http.cookiejar
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import ROOT, VAR, percentiles

BASELINE_REV = os.environ.get(
    "BENCH_CHARTS_BASELINE_REV",
    "fb1f4ebcaa6b376c403144d0ffc732dad3ad8014",  # the last commit drawing dashboards with Plotly
)
PLOTLY = "plotly==7.1.0"
CHROMIUM = os.environ.get("IRSUITE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TARGET_MS = 1000.0
SEED = 7
PAGES = [  # (name, persona, path)
    ("dose dashboard", "physicist", "/dose/dashboard/"),
    ("quality dashboard (PCN)", "quality-lead", "/outcomes/quality/?entry=PCN"),
]
# When the first chart is on the screen: the frame after an SVG drawn by the server, or the SVG
# that Plotly adds when it has drawn, is in the page. Installed before any page script runs.
WATCH_CHARTS = """
(() => {
  const selector = 'figure.chart svg, .js-plotly-plot .main-svg';
  const seen = () => {
    if (window.__firstChart !== undefined || !document.querySelector(selector)) return false;
    window.__firstChart = null;
    // The frame that paints the chart, then a task after it: the chart is on the screen.
    requestAnimationFrame(() => setTimeout(() => { window.__firstChart = performance.now(); }));
    return true;
  };
  new MutationObserver((_, observer) => { if (seen()) observer.disconnect(); })
    .observe(document, {childList: true, subtree: true});
})();
"""
READ_TIMINGS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  const scripts = performance.getEntriesByType('resource')
    .filter(r => r.initiatorType === 'script');
  return {ttfb: nav.responseStart, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
          fcp: paint ? paint.startTime : null, chart: window.__firstChart ?? null,
          js: scripts.reduce((sum, r) => sum + r.decodedBodySize, 0),
          html: nav.decodedBodySize};
}"""


@dataclass
class Side:
    """One version of irsuite to serve: its source folder, Python path and data folder."""

    name: str
    src: Path
    data: Path
    pythonpath: str

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("IRSUITE_")}
        env.update(IRSUITE_DATA_DIR=str(self.data), IRSUITE_MODE="demo", PYTHONPATH=self.pythonpath)
        env["IRSUITE_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
        return env


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _baseline() -> Side | None:
    """The Plotly version in a worktree, with Plotly installed beside it; None if impossible."""
    folder = VAR / "charts"
    tree, packages = folder / "plotly-src", folder / "plotly-packages"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        if not tree.exists():
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), BASELINE_REV],
                check=True,
                capture_output=True,
            )
        if not packages.exists():
            uv = shutil.which("uv") or str(Path(sys.executable).parent / "uv")
            subprocess.run(
                [uv, "pip", "install", "--quiet", "--target", str(packages), PLOTLY],
                check=True,
                capture_output=True,
            )
    except (subprocess.CalledProcessError, OSError) as error:
        print(f"   no baseline: {error}", file=sys.stderr)
        return None
    return Side(
        "Plotly (baseline)", tree / "src", folder / "plotly-data", f"{tree / 'src'}:{packages}"
    )


def _build(side: Side, procedures: int) -> None:
    """The demo department of that version, built once per size."""
    marker = side.data / f"built-{procedures}"
    if marker.exists():
        return
    shutil.rmtree(side.data, ignore_errors=True)
    side.data.mkdir(parents=True)
    print(f"   building the demo for {side.name} ({procedures} procedures)", file=sys.stderr)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "irsuite",
            "demo",
            "--no-serve",
            "--procedures",
            str(procedures),
            "--seed",
            str(SEED),
        ],
        env=side.env(),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    marker.touch()


def _serve(side: Side) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "irsuite", "serve", "--port", str(port), "--workers", "2"],
        env=side.env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            urllib.request.urlopen(f"{base}/login/", timeout=5).read()
            return server, base
        except OSError:
            time.sleep(0.2)
    _stop(server)
    raise RuntimeError(f"{side.name}: the server did not answer on {base}")


def _stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()


def _server_ms(base: str, path: str, cookies: list[dict[str, Any]], n: int) -> list[float]:
    """Milliseconds to fetch the page's HTML with the browser's session, n times."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    header = "; ".join(f"{c['name']}={c['value']}" for c in cookies)
    samples = []
    for _ in range(n):
        started = time.perf_counter()
        request = urllib.request.Request(base + path, headers={"Cookie": header})
        with opener.open(request, timeout=60) as response:
            response.read()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _log_in(page: Any, base: str, persona: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill(persona)
    page.get_by_label("Password").fill(f"demo-{persona}")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/")


def _measure_page(browser: Any, base: str, persona: str, path: str, n: int) -> dict[str, Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    _log_in(page, base, persona)
    context.add_init_script(WATCH_CHARTS)
    page.goto(base + path)  # warm-up: caches, the server's first rendering
    runs = []
    for _ in range(n):
        page.goto(base + path, wait_until="load")
        page.wait_for_function("window.__firstChart !== undefined && window.__firstChart !== null")
        runs.append(page.evaluate(READ_TIMINGS))
    server = _server_ms(base, path, context.cookies(), n)
    context.close()
    for r in runs:  # nothing is on the screen before the first paint
        r["chart"] = max(r["chart"], r["fcp"] or 0.0)
    column = {k: [float(r[k]) for r in runs if r[k] is not None] for k in runs[0]}
    return {
        "server": percentiles(server),
        **{k: percentiles(v) for k, v in column.items() if k not in {"js", "html"}},
        "js_kb": round(max(column["js"]) / 1024, 1),
        "html_kb": round(max(column["html"]) / 1024, 1),
    }


def _measure(side: Side, n: int) -> dict[str, dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    server, base = _serve(side)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            try:
                return {
                    name: _measure_page(browser, base, persona, path, n)
                    for name, persona, path in PAGES
                }
            finally:
                browser.close()
    finally:
        _stop(server)


def _rows(side: str, results: dict[str, dict[str, Any]]) -> list[str]:
    rows = []
    for name, r in results.items():
        chart = r["chart"]["p50_ms"]
        verdict = "yes" if chart <= TARGET_MS else "no"
        rows.append(
            f"| {name} | {side} | {r['server']['p50_ms']:.0f} | {r['ttfb']['p50_ms']:.0f} | "
            f"{r['fcp']['p50_ms']:.0f} | **{chart:.0f}** (p95 {r['chart']['p95_ms']:.0f}) | "
            f"{r['load']['p50_ms']:.0f} | {r['js_kb']:,.0f} | {r['html_kb']:,.0f} | {verdict} |"
        )
    return rows


def run(quick: bool = False) -> str:
    if not Path(CHROMIUM).exists():
        return "## Charts\n\nNot measured: Chromium is not installed at " + CHROMIUM + ".\n"
    procedures, n = (200, 2) if quick else (5000, 10)
    current = Side("server-drawn SVG", ROOT / "src", VAR / "charts" / "svg-data", str(ROOT / "src"))
    sides = [current]
    baseline = _baseline()
    if baseline is not None:
        sides.append(baseline)
    rows = []
    for side in sides:
        _build(side, procedures)
        rows += _rows(side.name, _measure(side, n))
    method = (
        f"The demo department ({procedures:,} procedures, seed {SEED}) served by "
        "`irsuite serve` (gunicorn, 2 workers); headless Chromium at 1366×900, "
        f"{n} loads per page after a warm-up, cache warm. Server: a plain GET of the page's "
        "HTML with the same session. First chart: once the frame after a chart's SVG is in "
        "the page has been painted (a MutationObserver, requestAnimationFrame and a task after "
        "it, installed before any page script), never before the first paint. Times in ms "
        "from the start of navigation, p50 unless said; sizes decoded."
    )
    lines = [
        "## Charts: time to the first chart in the browser",
        "",
        method,
        f"Baseline: the same pages drawn by Plotly in the browser (commit {BASELINE_REV[:10]}).",
        f"Target: first chart within {TARGET_MS:.0f} ms.",
        "",
        "| page | charts | server | first byte | first paint | first chart | load | JS kB "
        "| HTML kB | within 1 s |",
        "|---|---|---|---|---|---|---|---|---|---|",
        *rows,
    ]
    return "\n".join(lines) + "\n"
