"""Load test of the web app on loopback: article and search pages, bounded in count and time.

    python benchmarks/web_load.py                     # builds a demo store, serves it, loads it
    python benchmarks/web_load.py --db store.db       # serves an existing store
    python benchmarks/web_load.py --url http://127.0.0.1:8000   # a server already running
    python benchmarks/web_load.py --no-page-cache     # every page rendered, none cached

Starts ``sourcetrace serve`` in a subprocess on a free loopback port (unless
``--url`` names a running one, which must be a loopback address), then sends
``--requests`` GETs (default 1,000) from ``--clients`` concurrent clients
(default 20): article pages of every stored article and search pages for a
few queries, alternating. Prints p50/p95/p99/max latency, requests per second
and the error count (any status but 200, or a transport error); exits 1 if
there was an error. Stops after ``--deadline`` seconds whatever happens. Only
loopback addresses are ever contacted.

Limits: client and server share the machine (2 cores here), so the figures
include the client's own cost; latency is measured per request, connection set-up
included for the first request of each client.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

import httpx

from sourcetrace.web.settings import is_loopback

REPO = Path(__file__).resolve().parents[1]
QUERIES = ("pardon", "residence permit", "\"Civic Reserve Brigade\"", "detainees recruited",
           "ministry denied", "Velikan", "Caldmere", "five-year")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_demo_store(folder: str) -> str:
    """A SQLite store of the demo corpus (runs the extractor once)."""
    from sourcetrace.ingest_job import ingest_corpus
    from sourcetrace.store import open_store

    url = os.path.join(folder, "demo.db")
    with open_store(url) as store:
        report = ingest_corpus(store, [str(REPO / "demo")])
    print(f"built demo store: {report.new_articles} articles in {report.seconds:.1f} s",
          file=sys.stderr)
    return url


def start_server(db: str, port: int, cache_mb: int, log: IO[bytes]) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCETRACE_TOKEN"}
    code = "from sourcetrace.cli import main; main()"
    return subprocess.Popen(
        [sys.executable, "-c", code, "--db", db, "serve", "--host", "127.0.0.1",
         "--port", str(port), "--page-cache-mb", str(cache_mb)],
        stdout=subprocess.DEVNULL, stderr=log, env=env)


def wait_ready(base: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/v1/stats", timeout=2.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"server at {base} did not become ready in {timeout:.0f} s")


async def run_load(base: str, paths: list[str], requests: int, clients: int,
                   deadline: float) -> tuple[list[float], list[str], float]:
    latencies: list[float] = []
    errors: list[str] = []
    counter = iter(range(requests))
    stop_at = time.monotonic() + deadline
    # idle connections expire on the client before the server's keep-alive timeout, so a
    # request is never sent on a connection the server is closing at that moment
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients,
                          keepalive_expiry=2.0)

    async def client_loop(client: httpx.AsyncClient) -> None:
        for n in counter:
            if time.monotonic() > stop_at:
                return
            path = paths[n % len(paths)]
            started = time.perf_counter()
            problem = None
            try:
                response = await client.get(path)
                if response.status_code != 200:
                    problem = f"{path}: HTTP {response.status_code} {response.text[:200]!r}"
            except httpx.HTTPError as exc:
                problem = f"{path}: {type(exc).__name__}: {exc}"
            latencies.append(time.perf_counter() - started)
            if problem:
                errors.append(problem)

    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=10.0,
                                 trust_env=False) as client:
        await asyncio.gather(*(client_loop(client) for _ in range(clients)))
    return latencies, errors, time.perf_counter() - started


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="serve this store (default: a fresh demo store)")
    parser.add_argument("--url", help="load a server already running on loopback")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--deadline", type=float, default=180.0, help="seconds, at most")
    parser.add_argument("--no-page-cache", action="store_true",
                        help="serve with the rendered-page cache off (every page rendered)")
    args = parser.parse_args()
    if args.requests < 1 or args.clients < 1 or args.requests > 100_000:
        parser.error("--requests must be 1..100000 and --clients at least 1")
    folder = tempfile.mkdtemp(prefix="sourcetrace-load-")
    server: subprocess.Popen[bytes] | None = None
    try:
        if args.url:
            host = urlsplit(args.url).hostname or ""
            if not is_loopback(host):
                parser.error(f"refusing to load {host!r}: only loopback addresses")
            base = args.url.rstrip("/")
        else:
            db = args.db or build_demo_store(folder)
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            log = open(os.path.join(folder, "server.log"), "wb")
            server = start_server(db, port, 0 if args.no_page_cache else 64, log)
        wait_ready(base)
        ids = [a["id"] for a in httpx.get(base + "/api/v1/articles?limit=200",
                                          timeout=10).json()["items"]]
        if not ids:
            raise SystemExit("the store holds no article")
        searches = ["/?" + str(httpx.QueryParams({"q": q})) for q in QUERIES]
        paths: list[str] = []
        for k in range(max(len(ids), len(searches))):  # article, search, article, ...
            paths += [f"/articles/{ids[k % len(ids)]}", searches[k % len(searches)]]
        latencies, errors, seconds = asyncio.run(
            run_load(base, paths, args.requests, args.clients, args.deadline))
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
            log.close()
            text = Path(folder, "server.log").read_text(errors="replace")
            trouble = [line for line in text.splitlines()
                       if line.startswith(("ERROR", "WARNING", "Traceback"))]
            for line in trouble[:20]:  # the server's own account of what went wrong
                print(f"server: {line}", file=sys.stderr)
        shutil.rmtree(folder, ignore_errors=True)
    done = len(latencies)
    ms = [x * 1000 for x in latencies]
    cache = "" if args.url else (", page cache off" if args.no_page_cache else ", page cache on")
    print(f"web load: {done} requests ({args.clients} concurrent clients, article and search "
          f"pages, {len(ids)} articles{cache}) in {seconds:.1f} s = {done / seconds:.0f} req/s")
    print(f"latency ms: p50 {percentile(ms, 0.50):.1f}  p95 {percentile(ms, 0.95):.1f}  "
          f"p99 {percentile(ms, 0.99):.1f}  max {max(ms):.1f}  mean {statistics.mean(ms):.1f}")
    print(f"errors: {len(errors)}" + ("" if done == args.requests else
                                      f" (stopped at the {args.deadline:.0f} s deadline)"))
    for problem in errors[:5]:
        print(f"  {problem}")
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, load average {load[0]:.1f} / {load[1]:.1f} "
          f"(1 / 5 min) at the end: figures include other processes' load")
    return 1 if errors or done < args.requests else 0


if __name__ == "__main__":
    sys.exit(main())
