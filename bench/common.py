"""Helpers for benchmarks: databases of a given size, Django in a child process, percentiles."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
PG_BIN_CANDIDATES = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
_postgres: dict[str, str] = {}


def percentiles(samples: list[float]) -> dict[str, float]:
    """p50 and p95 (nearest rank) of timings in milliseconds, with the count."""
    ordered = sorted(samples)
    if not ordered:
        return {"p50_ms": float("nan"), "p95_ms": float("nan"), "n": 0}

    def rank(q: float) -> float:
        return ordered[min(len(ordered) - 1, max(0, int(round(q * len(ordered) + 0.5)) - 1))]

    return {"p50_ms": round(rank(0.50), 2), "p95_ms": round(rank(0.95), 2), "n": len(ordered)}


def time_calls(call: Callable[[], Any], n: int, warmup: int = 5) -> list[float]:
    """Milliseconds per call over `n` calls after a warm-up."""
    for _ in range(warmup):
        call()
    samples = []
    for _ in range(n):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def time_get(client: Any, url: str, n: int = 200) -> dict[str, float]:
    """p50/p95 of GET `url` through the whole Django stack (test client, no network)."""

    def get() -> None:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")

    return percentiles(time_calls(get, n))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def postgres_url() -> str | None:
    """A throwaway PostgreSQL cluster for this run (None when PostgreSQL is not installed)."""
    if os.environ.get("BENCH_POSTGRES_URL"):
        return os.environ["BENCH_POSTGRES_URL"]
    if "url" in _postgres:
        return _postgres["url"]
    binaries = [b for b in PG_BIN_CANDIDATES if (b / "initdb").exists()]
    if not binaries:
        return None
    bin_dir = binaries[0]
    data = Path(tempfile.mkdtemp(prefix="irsuite-bench-pg-"))
    port = _free_port()
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_postgres:
        shutil.chown(data, "postgres", "postgres")
    subprocess.run(
        [*as_postgres, str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            *as_postgres,
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(data / "server.log"),
            "-w",
            "-o",
            f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c shared_buffers=512MB",
            "start",
        ],
        check=True,
        capture_output=True,
    )

    def stop() -> None:
        subprocess.run(
            [*as_postgres, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
            capture_output=True,
        )
        shutil.rmtree(data, ignore_errors=True)

    atexit.register(stop)
    _postgres["url"] = f"postgres://postgres@127.0.0.1:{port}/postgres"
    return _postgres["url"]


def create_pg_database(base_url: str, name: str) -> str:
    """Create database `name` on the cluster at `base_url` (if absent) and return its URL."""
    import psycopg

    with psycopg.connect(base_url.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    return base_url.rsplit("/", 1)[0] + f"/{name}"


def bench_database(kind: str, procedures: int, seed: int = 7, areas: bool = False) -> str | None:
    """A database URL holding the demo department with `procedures` cases (built once).

    `areas=False` builds the base case record only (fast); `areas=True` also runs every area's
    demo hook (dose reports, work-ups, outcomes ...)."""
    name = f"bench_{procedures}_{seed}{'_full' if areas else ''}"
    if kind == "sqlite":
        VAR.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{VAR / (name + '.sqlite3')}"
    else:
        base = postgres_url()
        if base is None:
            return None
        url = create_pg_database(base, name)
    in_django(url, "bench.common:_ensure_demo", procedures=procedures, seed=seed, areas=areas)
    return url


def _ensure_demo(procedures: int, seed: int, areas: bool) -> dict[str, Any]:
    from django.core.management import call_command
    from django.utils import timezone

    from bench.bulk import analyze
    from irsuite.demo.builder import build_demo
    from irsuite.demo.context import DemoContext
    from irsuite.people.models import Site

    call_command("migrate", interactive=False, verbosity=0)
    if not Site.objects.exists():
        started = time.monotonic()
        build_demo(
            DemoContext(seed=seed, procedures=procedures, now=timezone.now(), show_progress=False),
            say=lambda line: print(line, file=sys.stderr),
            areas=areas,
        )
        analyze()
        return {"built_s": round(time.monotonic() - started, 1)}
    return {"built_s": 0}


def in_django(database_url: str, target: str, **kwargs: Any) -> Any:
    """Run `module:function(**kwargs)` in a child process with Django on that database."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "IRSUITE_MODE": "dev",
        "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}",
    }
    result = subprocess.run(
        [sys.executable, "-m", "bench.child", target, json.dumps(kwargs)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{target} failed:\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def machine() -> str:
    """One line describing the machine the figures were measured on."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{memory}, Python {sys.version.split()[0]}"


def no_delay(event: Any) -> None:
    """pynetdicom EVT_CONN_OPEN handler: send each PDU at once (TCP_NODELAY), as irsuite's
    DICOM server does; the benchmarks' pynetdicom modality and bare server use it alike."""
    event.assoc.dul.socket.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
