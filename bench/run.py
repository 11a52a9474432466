"""`make bench`: the fan-out benchmark, the service side by side with the original design.

    .venv/bin/python -m bench.run [--reps 3] [--clients 500] [--topics 10] [--capacity 10000] ...

Starts both servers (the service, `python -m app`, and the baseline: the original FastWS 0.1.7
design from bench/baseline, in its own virtualenv bench/.venv-baseline, created here), drives
them in turns with the same load client (bench/client.py) and publisher (bench/publisher.py),
each its own process, and prints one table; the full results go to bench/results/<time>.json.
Redis mode (on unless --no-redis) adds the service behind a redis-server of its own, once with
one worker and once with --redis-workers (2), for the saturated and paced rounds. The service
(memory broker) also gets a saturated round per other channel family (--families: quotes,
trades, order book updates), and an in-process micro-benchmark prices a 50-level order book's
upkeep per change (bench/book.py).
See bench/README.md for what each figure means.

Only 127.0.0.1 is ever a target. Every wait is bounded; every process started here is
stopped here (by its own PID), also on Ctrl-C or an error.
"""

import argparse
import hashlib
import json
import os
import resource
import select
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.client import symbol
from bench.procfs import CLK_TCK, cmdline, cpu_seconds, established_tcp, process_cpu, process_tree, socket_inodes
from tools.redis_server import RedisServer, die_with_parent

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
BASELINE_VENV = BENCH / ".venv-baseline"
BASELINE_REQS = BENCH / "baseline" / "requirements.txt"
PY = sys.executable
HOST = "127.0.0.1"
LONG = "3600"  # heartbeat: the clients send nothing while they listen
SERVER_ENV = {"WS_DEMO_FEED": "0", "WS_HEARTBEAT_INTERVAL": LONG, "WS_MAX_LIFESPAN": "7200"}
REDIS_PREFIX = "bench:"  # WS_BROKER_PREFIX: channels are bench:bars:BENCH0:1 ...
FAMILIES = ("bars", "quotes", "trades", "orderbook")  # bench.client and bench.publisher speak these
FAMILY_LABELS = {"quotes": "quotes", "trades": "trades", "orderbook": "book updates"}

# What the figures are judged against (ours vs the baseline, same run).
TARGET_CPU_RATIO = 1 / 4
TARGET_PACED_P99_RATIO = 1 / 3
TARGET_SLOW_P99_FACTOR = 1.5
TARGET_PUBLISH_MAX_MS = 50.0  # "no publish call waits": no timeout and no POST slower than this
TARGET_RSS_KIB = 10.0

STARTED: list[subprocess.Popen[Any]] = []  # every child, stopped in stop_all()
WORKERS: set[int] = set()  # uvicorn's worker processes (grandchildren), killed in stop_all() if they outlive it


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def spawn(cmd: list[str], **kw: Any) -> subprocess.Popen[Any]:
    proc = subprocess.Popen(cmd, cwd=ROOT, preexec_fn=die_with_parent, **kw)
    STARTED.append(proc)
    return proc


def stop(proc: subprocess.Popen[Any], grace: float = 10.0) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
    if proc in STARTED:
        STARTED.remove(proc)


def is_worker(pid: int) -> bool:
    """A uvicorn worker: multiprocessing's spawn child (its resource tracker is not one)."""
    return "spawn_main" in cmdline(pid)


def kill_workers(pids: set[int]) -> None:
    """SIGKILL those of `pids` still running as workers: their parent is gone, nobody else stops them."""
    for pid in list(pids):
        if is_worker(pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        pids.discard(pid)
        WORKERS.discard(pid)


def stop_all() -> None:
    for proc in reversed(list(STARTED)):
        stop(proc, grace=5.0)
    kill_workers(set(WORKERS))


# -- /proc readings


def machine_busy_seconds() -> float:
    """CPU time every process on the machine used (all cores), from /proc/stat."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / CLK_TCK  # user nice system idle iowait irq softirq steal


class Quiet:
    """Waits, within a budget for the whole run, until nothing else uses the machine.

    Other sessions' test suites share these 2 cores in bursts; a round measured during one
    is worth little. Each round still reports the load it saw (foreign_cores)."""

    def __init__(self, budget: float) -> None:
        self.left = budget

    def wait(self, max_wait: float = 8.0, threshold: float = 0.25) -> float:
        load, t0 = 0.0, time.monotonic()
        while self.left > 0:
            b0, s0 = machine_busy_seconds(), time.monotonic()
            time.sleep(0.3)
            load = (machine_busy_seconds() - b0) / (time.monotonic() - s0)  # cores; ours idle meanwhile
            if load < threshold or time.monotonic() - t0 > max_wait:
                break
        self.left -= time.monotonic() - t0
        return load


def service_counters(port: int) -> dict[str, int]:
    """The service's own counters of what it did not deliver as published (GET /metrics):
    conflated updates (a lagging client's waiting state replaced by a newer one, or a book's
    waiting updates by a fresh snapshot), updates dropped with a slow consumer, 1008 closes."""
    names = {
        "trading_ws_conflated_updates_total": "conflated",
        "trading_ws_dropped_updates_total": "dropped",
        "trading_ws_slow_consumer_disconnects_total": "slow_closes",
    }
    with socket.create_connection((HOST, port), timeout=5) as s:
        s.sendall(b"GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        chunks, deadline = [], time.monotonic() + 5
        while time.monotonic() < deadline and (chunk := s.recv(65536)):
            chunks.append(chunk)
    counters = {}
    for line in b"".join(chunks).decode(errors="replace").splitlines():
        name, _, value = line.partition(" ")
        if name in names:
            counters[names[name]] = int(float(value))
    return counters


def rss_kib(pid: int) -> int:
    total = 0
    for p in process_tree(pid):
        try:
            with open(f"/proc/{p}/status") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
        except (OSError, StopIteration):
            continue
    return total


# -- the servers and the client


def flags(**options: Any) -> list[str]:
    """`--name value` arguments (underscores in names become dashes)."""
    return [arg for name, value in options.items() for arg in (f"--{name.replace('_', '-')}", str(value))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def ensure_baseline_venv() -> Path:
    """bench/.venv-baseline with the pinned fastws 0.1.7 set; rebuilt when requirements.txt changes."""
    python = BASELINE_VENV / "bin" / "python"
    stamp = BASELINE_VENV / ".stamp"
    digest = hashlib.sha256(BASELINE_REQS.read_bytes()).hexdigest()
    if python.exists() and stamp.exists() and stamp.read_text() == digest:
        return python
    log(f"creating {BASELINE_VENV.relative_to(ROOT)} (fastws 0.1.7 and its pins)")
    subprocess.run([PY, "-m", "venv", "--clear", str(BASELINE_VENV)], check=True, timeout=120)
    pip = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", str(BASELINE_REQS)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if pip.returncode:
        raise RuntimeError(f"pip install -r {BASELINE_REQS} failed:\n{pip.stderr[-3000:]}")
    stamp.write_text(digest)
    return python


class BenchRedis(RedisServer):
    """tools.redis_server's instance (loopback, no persistence, a free port that is not 6379),
    started through spawn(): it dies with the bench even if the bench is killed, and stop_all()
    stops it. Its log goes beside the servers' logs."""

    def _spawn(self, args: list[str]) -> "subprocess.Popen[bytes]":
        # A session of its own, as in tools.redis_server: Ctrl-C reaches the bench and the
        # servers, and Redis is stopped after them, so no worker sees its broker go first.
        return spawn(args, stdout=subprocess.DEVNULL, start_new_session=True)

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None:
            stop(proc)

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def numsub(self, channels: list[str]) -> list[int]:
        """PUBSUB NUMSUB: how many connections (one per worker) subscribe each channel."""
        import redis  # the service's own dependency, in the venv

        client = redis.Redis(host=HOST, port=self.port, socket_timeout=2, socket_connect_timeout=2)
        try:
            return [int(n) for _, n in client.pubsub_numsub(*channels)]
        finally:
            client.close()


class Server:
    def __init__(
        self,
        name: str,
        cmd: Callable[[int], list[str]],
        logs: Path,
        workers: int = 1,
        redis: BenchRedis | None = None,
    ) -> None:
        self.name = name
        self.cmd = cmd
        self.logs = logs
        self.workers = workers
        self.redis = redis
        self.port = 0
        self.proc: subprocess.Popen[Any] | None = None
        self.worker_pids: list[int] = []

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    @property
    def url(self) -> str:
        return f"ws://{HOST}:{self.port}/api/v1/ws"

    def start(self) -> "Server":
        self.port = free_port()
        # Only the bench's settings: a WS_* variable of the caller's shell (a publish token, a
        # Redis broker) would change what is measured.
        env = {k: v for k, v in os.environ.items() if not k.startswith("WS_")} | SERVER_ENV
        if self.redis is not None:
            self.redis.start()
            env |= {"WS_BROKER_URL": self.redis.url, "WS_BROKER_PREFIX": REDIS_PREFIX}
        logfile = open(self.logs / f"{self.name}-{self.port}.log", "wb")  # the child writes to it
        self.proc = spawn(self.cmd(self.port), env=env, stdout=logfile, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}; see {logfile.name}")
            try:
                with socket.create_connection((HOST, self.port), timeout=1) as s:
                    s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    if s.recv(16).startswith(b"HTTP/1.1"):
                        break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"{self.name} did not answer on port {self.port} within 30 s")
        if self.redis is not None:
            self._wait_for_workers(deadline)
        else:
            self.worker_pids = [self.pid]
        return self

    def _wait_for_workers(self, deadline: float) -> None:
        """Behind Redis, one answer on the port says one worker is up: wait until all of them
        are, as seen from /proc: `workers` uvicorn workers (the parent itself with one), each
        holding a connection to Redis (its broker's, opened during startup; at log level warning
        there is no "Application startup complete." to wait for)."""
        assert self.redis is not None
        while True:
            tree = process_tree(self.pid)
            pids = [self.pid] if self.workers == 1 else [p for p in tree[1:] if is_worker(p)]
            WORKERS.update(p for p in pids if p != self.pid)
            tcp = established_tcp()
            ready = [p for p in pids if any(tcp.get(i, (0, 0))[1] == self.redis.port for i in socket_inodes(p))]
            if len(ready) == self.workers:
                self.worker_pids = sorted(ready)
                time.sleep(0.5)  # the broker connects first in startup; serving starts right after
                return
            if self.proc is None or self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{self.name}: {len(ready)} of {self.workers} workers connected to Redis")
            time.sleep(0.1)

    def connections_per_worker(self) -> list[int]:
        """Established connections to our port each worker process holds (the kernel's spread)."""
        tcp = established_tcp()
        return [sum(1 for i in socket_inodes(p) if tcp.get(i, (0, 0))[0] == self.port) for p in self.worker_pids]

    def channels(self, topics: int) -> list[str]:
        return [f"{REDIS_PREFIX}{{bars:{symbol(t)}:1}}" for t in range(topics)]  # asyncapi.yaml names them so

    def verify_subscriptions(self, topics: int, wait: float = 10.0) -> list[int]:
        """Behind Redis: wait (bounded) until every worker subscribes every topic's channel, so
        each bar crosses Redis once per worker; the counts per topic (PUBSUB NUMSUB)."""
        assert self.redis is not None
        deadline = time.monotonic() + wait
        while True:
            counts = self.redis.numsub(self.channels(topics))
            if min(counts) >= self.workers or time.monotonic() > deadline:
                if min(counts) < self.workers:
                    log(f"warning: {self.name}: PUBSUB NUMSUB per topic {counts}, expected {self.workers} each")
                return counts
            time.sleep(0.1)

    def stop(self) -> None:
        if self.proc is not None:
            stop(self.proc)
        kill_workers({p for p in self.worker_pids if p != self.pid})
        if self.redis is not None:
            self.redis.stop()


class ClientProc:
    """bench.client in its own process, one JSON command per line."""

    def __init__(
        self, server: Server, topics: int, read_buffer: int = 16 * 1024, families: tuple[str, ...] = ("bars",)
    ) -> None:
        # The delivery counter the saturated publisher reads (8 bytes, shared through the page
        # cache), beside the server's log: git-ignored, and left behind harmlessly on Ctrl-C.
        fd, self.progress = tempfile.mkstemp(prefix=f"progress-{server.name}-", dir=server.logs)
        os.write(fd, bytes(8))
        os.close(fd)
        cmd = [PY, "-m", "bench.client", *flags(url=server.url, topics=topics, read_buffer=read_buffer)]
        cmd += flags(progress=self.progress, families=",".join(families))
        self.proc = spawn(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def cmd(self, name: str, wait: float = 30.0, **kw: Any) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps({"cmd": name, **kw}).encode() + b"\n")
        self.proc.stdin.flush()
        ready, _, _ = select.select([self.proc.stdout], [], [], wait)
        if not ready:
            raise TimeoutError(f"client: no answer to {name} within {wait} s")
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"client exited ({self.proc.poll()}) during {name}")
        reply: dict[str, Any] = json.loads(line)
        return reply

    def quit(self) -> None:
        try:
            self.cmd("quit", wait=10)
        except (OSError, TimeoutError, RuntimeError):
            pass
        stop(self.proc)
        os.unlink(self.progress)


def publish(server: Server, topics: int, seq0: int, args: list[str], timeout: float = 60) -> dict[str, Any]:
    cmd = [PY, "-m", "bench.publisher", "--port", str(server.port), "--topics", str(topics), "--seq0", str(seq0)]
    proc = spawn([*cmd, *args], stdout=subprocess.PIPE)
    try:
        out, _ = proc.communicate(timeout=timeout)
    finally:
        stop(proc)
    if proc.returncode:
        raise RuntimeError(f"publisher failed ({proc.returncode})")
    result: dict[str, Any] = json.loads(out)
    return result


# -- rounds


class Bench:
    def __init__(self, opts: argparse.Namespace) -> None:
        self.o = opts
        self.seq = 1  # bar sequence numbers only grow, so no round counts another's bars

    def round(self, server: Server, client: ClientProc, kind: str, rep: int) -> dict[str, Any]:
        o = self.o
        client.cmd("prepare", wait=60)
        subscribers = o.clients // o.topics
        slow, slow_symbol = None, ""
        family = kind.partition("-")[2] or "bars"  # saturated-quotes: a saturated round of quotes
        if kind.startswith("saturated"):
            pub_args = flags(
                family=family,
                saturated=o.saturated_seconds,
                max_bars=o.saturated_bars,
                batch=o.batch,
                inflight=o.inflight,
                window=o.window,
                subscribers=subscribers,
                progress=client.progress,
                server_pid=server.pid,
                server_cpu=o.server_cpu,
            )
            if server.redis is not None:  # the round aims at o.server_cpu of workers and Redis together
                pub_args += flags(server_pid=server.redis.pid)
        else:
            rate = o.paced_rate / subscribers  # bars/s, so that deliveries/s = o.paced_rate
            pub_args = flags(paced=o.paced_seconds, rate=rate, post_timeout=o.post_timeout)
            if kind == "slow":
                slow = (rep * 7) % o.clients  # a different connection each repetition
                slow_symbol = f"SLOW{rep}"  # its own extra topic, which the fill burst fills
                pub_args += flags(fill=o.slow_fill, fill_symbol=slow_symbol)
        lat_seq0 = self.seq + (o.slow_fill if kind == "slow" else 0)
        # Behind Redis: measure only once every worker subscribes every topic.
        numsub = server.verify_subscriptions(o.topics) if server.redis is not None else None
        # The service's own count of conflated and dropped updates (one process: the memory broker).
        counters0 = service_counters(server.port) if server.name == "ours" else None
        client.cmd("start", wait=30, seq0=self.seq, lat_seq0=lat_seq0, slow=slow, slow_symbol=slow_symbol)
        redis_pid = server.redis.pid if server.redis is not None else None
        workers0 = [process_cpu(p) for p in server.worker_pids]
        redis0 = process_cpu(redis_pid) if redis_pid else 0.0
        cpu0, busy0, t0 = cpu_seconds(server.pid), machine_busy_seconds(), time.monotonic()
        pub = publish(server, o.topics, self.seq, pub_args)
        self.seq = pub["seq_next"]
        main_pub = pub["main"]
        res = client.cmd(
            "collect",
            wait=40,
            scheduled=main_pub["intended_by_topic"],
            issued=main_pub["issued_by_topic"],
            idle=0.5,
            max_wait=20,
        )
        cpu = cpu_seconds(server.pid) - cpu0  # every process of the server: uvicorn's parent and workers
        redis_cpu = process_cpu(redis_pid) - redis0 if redis_pid else 0.0
        workers_cpu = [round(process_cpu(p) - c0, 3) for p, c0 in zip(server.worker_pids, workers0, strict=True)]
        cpu += redis_cpu  # the server, behind Redis, is the workers and the redis-server
        # Whatever else ran meanwhile (another session's tests share these 2 cores): machine
        # CPU minus the server's, the client's and the publisher's, in cores.
        foreign = machine_busy_seconds() - busy0 - cpu - res["client_cpu_s"] - pub["publisher_cpu_s"]
        wall = time.monotonic() - t0
        counters = None
        if counters0 is not None:
            counters1 = service_counters(server.port)
            counters = {k: v - counters0.get(k, 0) for k, v in counters1.items()}
        resume = client.cmd("resume", wait=40, idle=1.0, max_wait=20) if slow is not None else None
        if resume is not None:
            resume["fill_timeouts"] = pub["fill"]["timeouts"]
        delivered = res["delivered_total"]
        first_send = pub.get("fill", main_pub)["first_send_us"]
        active = (res["last_rx_us"] - res["first_rx_us"]) / 1e6
        return {
            "server": server.name,
            "kind": kind,
            "family": family,
            "rep": rep,
            "server_cpu_s": round(cpu, 3),
            "wall_s": round(wall, 2),
            "foreign_cores": round(max(0.0, foreign) / wall, 2),
            "deliveries": delivered,
            "cpu_us_per_delivery": round(cpu * 1e6 / delivered, 3) if delivered else None,
            "workers": server.workers,
            "workers_cpu_s": workers_cpu,
            "redis_cpu_s": round(redis_cpu, 3) if redis_pid else None,
            "redis_cpu_us_per_delivery": round(redis_cpu * 1e6 / delivered, 3) if redis_pid and delivered else None,
            "numsub": numsub,
            "deliveries_per_s": round(delivered / ((res["last_rx_us"] - first_send) / 1e6)) if delivered else 0,
            "client_busy": round(res["client_cpu_s"] / active, 3) if active > 0 else None,
            "latency_us": res["latency_us"],
            "lost_others": res["lost_others"],
            "lost_of_issued": res["lost_of_issued"],
            "closed_others": res["closed_others"],
            "out_of_order": res["out_of_order"],
            "seq_gaps": res["seq_gaps"],
            "snapshots": res["snapshots"],
            "service_counters": counters,
            # Publish calls of the measured phase (the fill's are in raw.publisher.fill).
            "not_issued": main_pub["not_issued"],
            "post_timeouts": main_pub["timeouts"],
            "post_errors": main_pub["errors"],
            "post_max_us": main_pub["post_latency_us"].get("max", 0),
            "post_p50_us": main_pub["post_latency_us"].get("p50"),
            "post_p99_us": main_pub["post_latency_us"].get("p99"),
            "window_waits": main_pub["window_waits"],
            "publisher_cpu_s": pub["publisher_cpu_s"],
            "slow": res["slow"],
            "slow_after_resume": resume,
            "raw": {"publisher": pub, "client": res},
        }

    def capacity(self, server: Server) -> dict[str, Any]:
        """Fresh server: RSS per subscribed idle connection at `--capacity` connections, and how many it holds."""
        o = self.o
        client = ClientProc(server, o.topics, read_buffer=2048)
        try:
            client.cmd("connect", wait=60, n=o.topics)
            self._one_bar_per_topic(server, client)  # warm the publish and fan-out paths
            time.sleep(0.5)
            rss0 = rss_kib(server.pid)
            t0 = time.monotonic()
            conn = client.cmd("connect", wait=300, n=o.capacity)
            connect_s = time.monotonic() - t0
            time.sleep(1.0)
            rss1 = rss_kib(server.pid)
            time.sleep(o.hold)
            check = self._one_bar_per_topic(server, client)
            return {
                "server": server.name,
                "target": o.capacity,
                "opened": conn["open"],
                "failed": conn["failed"],
                "connect_s": round(connect_s, 2),
                "rss_before_kib": rss0,
                "rss_after_kib": rss1,
                "rss_per_conn_kib": round((rss1 - rss0) / conn["opened"], 2) if conn["opened"] else None,
                "held": check["reached"],
                "hold_s": o.hold,
            }
        finally:
            client.quit()

    def _one_bar_per_topic(self, server: Server, client: ClientProc) -> dict[str, Any]:
        client.cmd("start", seq0=self.seq, lat_seq0=self.seq, slow=None)
        pub = publish(server, self.o.topics, self.seq, ["--paced", "0.1", "--rate", str(self.o.topics / 0.1)])
        self.seq = pub["seq_next"]
        return client.cmd(
            "collect",
            wait=90,
            scheduled=pub["main"]["intended_by_topic"],
            issued=pub["main"]["issued_by_topic"],
            idle=1.0,
            max_wait=60,
        )


# -- summary


def median(values: list[Any]) -> Any:
    vs = [v for v in values if v is not None]
    return statistics.median(vs) if vs else None


def summarize(rounds: list[dict[str, Any]], name: str) -> dict[str, Any]:
    """Medians over the repetitions (of each rep's maximum, for publish calls); deliveries
    missed and publish calls timed out are the worst rep's."""
    mine = [r for r in rounds if r["server"] == name]

    def med(kind: str, f: Callable[[dict[str, Any]], Any]) -> Any:
        return median([f(r) for r in mine if r["kind"] == kind])

    def worst(kind: str, key: str) -> Any:
        return max((r[key] for r in mine if r["kind"] == kind), default=None)

    out: dict[str, Any] = {
        "deliveries_per_s": med("saturated", lambda r: r["deliveries_per_s"]),
        "cpu_us_per_delivery": med("saturated", lambda r: r["cpu_us_per_delivery"]),
        "redis_cpu_us_per_delivery": med("saturated", lambda r: r["redis_cpu_us_per_delivery"]),
        "paced_cpu_us_per_delivery": med("paced", lambda r: r["cpu_us_per_delivery"]),
        "paced_redis_cpu_us_per_delivery": med("paced", lambda r: r["redis_cpu_us_per_delivery"]),
        "redis_cpu_share": med(
            "saturated",
            lambda r: (
                r["redis_cpu_s"] / r["server_cpu_s"] if r["redis_cpu_s"] is not None and r["server_cpu_s"] else None
            ),
        ),
        "numsub_min": min((min(r["numsub"]) for r in mine if r["numsub"]), default=None),
        "client_busy": med("saturated", lambda r: r["client_busy"]),
        "publisher_cpu_share": med("saturated", lambda r: r["publisher_cpu_s"] / r["wall_s"]),
        "foreign_cores": median([r["foreign_cores"] for r in mine]),
        "foreign_cores_max": max((r["foreign_cores"] for r in mine), default=None),
        "out_of_order": sum(r["out_of_order"] for r in mine),
        "slow_fates": [fate(r["slow_after_resume"]) for r in mine if r["kind"] == "slow"],
    }
    for family in FAMILY_LABELS:  # the other families' saturated rounds (ours only)
        kind = f"saturated-{family}"
        if not any(r["kind"] == kind for r in mine):
            continue
        counted = [r["service_counters"] for r in mine if r["kind"] == kind and r["service_counters"]]
        out[family] = {
            "rounds": sum(r["kind"] == kind for r in mine),
            "cpu_us_per_delivery": med(kind, lambda r: r["cpu_us_per_delivery"]),
            "deliveries_per_s": med(kind, lambda r: r["deliveries_per_s"]),
            "deliveries": med(kind, lambda r: r["deliveries"]),
            "p50_us": med(kind, lambda r: r["latency_us"].get("p50")),
            "p99_us": med(kind, lambda r: r["latency_us"].get("p99")),
            "client_busy": med(kind, lambda r: r["client_busy"]),
            "foreign_cores": med(kind, lambda r: r["foreign_cores"]),
            "lost": worst(kind, "lost_others"),  # expected minus received, the worst rep
            "seq_gaps": sum(r["seq_gaps"] for r in mine if r["kind"] == kind),  # all reps
            "snapshots": sum(r["snapshots"] for r in mine if r["kind"] == kind),
            "closed": worst(kind, "closed_others"),
            "out_of_order": sum(r["out_of_order"] for r in mine if r["kind"] == kind),
            "post_errors": sum(r["post_errors"] + r["post_timeouts"] for r in mine if r["kind"] == kind),
            "window_waits": sum(r["window_waits"] for r in mine if r["kind"] == kind),
            # The server's own counts over all reps (GET /metrics before and after each round).
            "conflated": sum(c.get("conflated", 0) + c.get("dropped", 0) for c in counted) if counted else None,
        }
    for kind in ("saturated", "paced", "slow"):
        for q in ("p50", "p99", "p999"):
            out[f"{kind}_{q}_us"] = median([r["latency_us"].get(q) for r in mine if r["kind"] == kind])
        out[f"{kind}_lost"] = worst(kind, "lost_others")
        out[f"{kind}_post_p50_us"] = med(kind, lambda r: r["post_p50_us"])
        out[f"{kind}_post_max_us"] = med(kind, lambda r: r["post_max_us"])
        out[f"{kind}_timeouts"] = worst(kind, "post_timeouts")
    return out


def fate(slow: dict[str, Any] | None) -> str:
    """What became of the stopped reader: the close code it got once it read again, else
    "stalled" if the server stopped taking publish calls for it, else open."""
    if not slow:
        return "-"
    if slow["close_code"]:
        return str(slow["close_code"])
    if slow["closed"]:
        return "closed"
    return "stalled" if slow.get("fill_timeouts") else "open"


def fmt(v: Any, scale: float = 1.0, digits: int = 2) -> str:
    if v is None:
        return "-"
    if isinstance(v, str):
        return v
    return f"{v / scale:,.{digits}f}"


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def verdict(ok: bool | None) -> str:
    return "" if ok is None else ("  PASS" if ok else "  FAIL")


def column_title(name: str, setup: dict[str, dict[str, Any]]) -> str:
    if name == "ours":
        return "ours: memory, 1 worker"
    if name == "baseline":
        return "baseline"
    n = setup[name]["workers"]
    return f"ours: redis, {n} worker{'s' if n > 1 else ''}"


def table(
    s: dict[str, dict[str, Any]],
    caps: dict[str, dict[str, Any]],
    floor: dict[str, Any] | None,
    o: argparse.Namespace,
    setup: dict[str, dict[str, Any]],
    book: dict[str, Any] | None = None,
) -> str:
    """One text table: ours (memory broker) beside ours behind Redis (1 and N workers) and the
    baseline; ours/base compares the first column with the baseline, and PASS/FAIL applies to
    it. Redis columns also say how they compare with the memory column: (x ...)."""
    ours, base = s.get("ours", {}), s.get("baseline", {})
    both = bool(ours and base)
    cols = [n for n in ("ours", *[k for k in s if k.startswith("redis")], "baseline") if n in s]
    bare = s.get("floor", {})
    rows: list[tuple[str, ...]] = []

    def add(label: str, cell: Callable[[str, dict[str, Any]], str], r: str = "", target: str = "") -> None:
        rows.append((label, *[cell(n, s[n]) for n in cols], r, target))

    def vs_memory(name: str, side: dict[str, Any], key: str) -> str:
        """For a Redis column: its figure over the memory column's, e.g. " (x1.30)"."""
        x = ratio(side.get(key), ours.get(key)) if name.startswith("redis") else None
        return "" if x is None else f" (x{x:.2f})"

    def ms3(side: dict[str, Any], kind: str) -> str:
        return " / ".join(fmt(side.get(f"{kind}_{q}_us"), 1000) for q in ("p50", "p99", "p999"))

    def pair(side: dict[str, Any], *keys: str, scale: float = 1, digits: int = 0) -> str:
        return " / ".join(fmt(side.get(k), scale, digits) for k in keys)

    r = ratio(ours.get("deliveries_per_s"), base.get("deliveries_per_s"))
    add(
        "deliveries/s, saturated",
        lambda n, d: fmt(d.get("deliveries_per_s"), digits=0) + vs_memory(n, d, "deliveries_per_s"),
        fmt(r),
        "client-bound when client CPU >= 0.90",
    )
    r = ratio(ours.get("cpu_us_per_delivery"), base.get("cpu_us_per_delivery"))
    add(
        "server CPU µs per delivery, saturated",
        lambda n, d: fmt(d.get("cpu_us_per_delivery")) + vs_memory(n, d, "cpu_us_per_delivery"),
        fmt(r, digits=3),
        f"ratio <= {TARGET_CPU_RATIO:.2f}" + verdict(None if r is None else r <= TARGET_CPU_RATIO),
    )
    if any(n.startswith("redis") for n in cols):
        add(
            "  of which redis-server (share)",
            lambda n, d: (
                "-"
                if d.get("redis_cpu_us_per_delivery") is None
                else f"{fmt(d['redis_cpu_us_per_delivery'])} ({d['redis_cpu_share']:.0%})"
            ),
            "",
            "workers + Redis above; Redis alone here",
        )
    families = [f for f in FAMILY_LABELS if f in ours]
    if families:
        # The other families' saturated rounds: the service alone (the baseline has no such
        # families), same clients, topics and worker, the memory broker.
        names = " / ".join(FAMILY_LABELS[f] for f in families)

        def per_family(key: str, scale: float = 1.0, digits: int = 2) -> Callable[[str, dict[str, Any]], str]:
            return lambda n, d: " / ".join(fmt(d[f].get(key), scale, digits) for f in families) if n == "ours" else ""

        add(f"  server CPU µs per delivery, {names}", per_family("cpu_us_per_delivery"), "", "saturated, ours only")
        add(f"  deliveries/s, {names}", per_family("deliveries_per_s", digits=0), "", "saturated")
        add(f"  latency ms p99, {names}", per_family("p99_us", 1000), "", f"(<= {o.window} POSTs in flight)")
        clean = all(
            ours[f]["lost"] == 0
            and not (ours[f]["seq_gaps"] or ours[f]["snapshots"] or ours[f]["conflated"] or ours[f]["closed"])
            for f in families
        )

        def missed(f: dict[str, Any]) -> str:
            """Missed (expected - received, worst rep) / conflated or dropped (the server's count)."""
            cell = f"{fmt(f['lost'], digits=0)}/{fmt(f['conflated'], digits=0)}"
            if f["seq_gaps"] or f["snapshots"] or f["closed"]:
                cell += f" ({f['seq_gaps']} skipped, {f['snapshots']} snapshots, {f['closed']} closed)"
            return cell

        add(
            f"  missed / conflated, {names}",
            lambda n, d: ", ".join(missed(d[f]) for f in families) if n == "ours" else "",
            "",
            "0/0 each: every message delivered, none merged" + verdict(clean),
        )
    r = ratio(ours.get("saturated_p99_us"), base.get("saturated_p99_us"))
    add(
        "latency ms p50 / p99 / p999, saturated",
        lambda n, d: ms3(d, "saturated"),
        fmt(r, digits=3),
        f"(p99; <= {o.window} POSTs in flight)",
    )
    r = ratio(ours.get("paced_p99_us"), base.get("paced_p99_us"))
    add(
        f"latency ms p50 / p99 / p999, paced {o.paced_rate:,}/s",
        lambda n, d: ms3(d, "paced") + vs_memory(n, d, "paced_p99_us"),
        fmt(r, digits=3),
        f"p99 ratio <= {TARGET_PACED_P99_RATIO:.2f}" + verdict(None if r is None else r <= TARGET_PACED_P99_RATIO),
    )
    if bare:
        r = ratio(bare.get("paced_p99_us"), base.get("paced_p99_us"))
        add(
            "  floor: bare server (bench/floor_server.py)",
            lambda n, d: ms3(bare, "paced") if n == cols[0] else "",
            fmt(r, digits=3),
            "what machine, client and a write per delivery leave",
        )
    f_ours = ratio(ours.get("slow_p99_us"), ours.get("paced_p99_us"))
    add(
        "stopped reader: others' p99 ms (x own paced)",
        lambda n, d: (
            "-"
            if d.get("slow_p99_us") is None
            else f"{fmt(d['slow_p99_us'], 1000)} (x{fmt(ratio(d['slow_p99_us'], d.get('paced_p99_us')))})"
        ),
        "",
        f"x <= {TARGET_SLOW_P99_FACTOR}" + verdict(None if f_ours is None else f_ours <= TARGET_SLOW_P99_FACTOR),
    )
    lost_ok = None if not ours else ours["paced_lost"] == 0 and ours["slow_lost"] == 0
    add(
        "deliveries missed by others, paced / stopped",
        lambda n, d: pair(d, "paced_lost", "slow_lost"),
        "",
        "0" + verdict(lost_ok),
    )
    wait_ok = (
        None if not ours else (ours["slow_timeouts"] == 0 and ours["slow_post_max_us"] <= TARGET_PUBLISH_MAX_MS * 1000)
    )
    add(
        "publish call ms max, paced / stopped",
        lambda n, d: pair(d, "paced_post_max_us", "slow_post_max_us", scale=1000, digits=1),
        "",
        f"stopped <= {TARGET_PUBLISH_MAX_MS:.0f}, no timeout" + verdict(wait_ok),
    )
    add(
        f"publish calls timed out (> {o.post_timeout:g} s), paced / stopped",
        lambda n, d: pair(d, "paced_timeouts", "slow_timeouts"),
    )
    add(
        "stopped reader's fate, per rep",
        lambda n, d: ", ".join(d.get("slow_fates", [])) or "-",
        "",
        "close code, stalled or open",
    )
    add("publish call ms p50, paced (1 bar per POST)", lambda n, d: fmt(d.get("paced_post_p50_us"), 1000))
    add(
        "server CPU µs per delivery, paced (1 bar per POST)",
        lambda n, d: fmt(d.get("paced_cpu_us_per_delivery"), digits=1) + vs_memory(n, d, "paced_cpu_us_per_delivery"),
        "",
        "x 50 = CPU per POST, idle included",
    )
    co, cb = caps.get("ours", {}), caps.get("baseline", {})
    r = ratio(co.get("rss_per_conn_kib"), cb.get("rss_per_conn_kib"))
    rss = co.get("rss_per_conn_kib")
    add(
        "RSS KiB per idle subscribed connection",
        lambda n, d: fmt(caps.get(n, {}).get("rss_per_conn_kib")),
        fmt(r, digits=3),
        f"<= {TARGET_RSS_KIB:.0f}" + verdict(None if rss is None else rss <= TARGET_RSS_KIB),
    )
    add(
        f"connections held {o.hold:g} s (of {o.capacity:,})",
        lambda n, d: fmt(caps.get(n, {}).get("held"), digits=0),
        "",
        f"{o.capacity:,}" + verdict(co.get("held") == o.capacity if co else None),
    )
    add(
        "connections per worker process",
        lambda n, d: " / ".join(str(c) for c in setup.get(n, {}).get("connections_per_worker", [])) or "-",
        "",
        "the kernel's spread over the workers",
    )
    if any(n.startswith("redis") for n in cols):
        add(
            "workers subscribed per topic, min (NUMSUB)",
            lambda n, d: "-" if d.get("numsub_min") is None else f"{d['numsub_min']} of {setup[n]['workers']}",
            "",
            "all: each bar crosses Redis once per worker",
        )
    add(
        "client CPU while receiving, saturated (cores)",
        lambda n, d: fmt(d.get("client_busy")),
        "",
        "< 0.90: client not the bottleneck",
    )
    add("publisher CPU, saturated (cores)", lambda n, d: fmt(d.get("publisher_cpu_share")))
    add(
        "other load on the machine (cores, median / max)",
        lambda n, d: pair(d, "foreign_cores", "foreign_cores_max", digits=2),
        "",
        "~0: undisturbed",
    )
    add("updates out of order, all rounds", lambda n, d: fmt(d.get("out_of_order"), digits=0), "", "0")
    if floor:
        add(
            f"floor: CPU µs per frame, 1 write to {floor['sockets']} sockets",
            lambda n, d: fmt(floor["cpu_us_per_frame"]) if n == cols[0] else "",
            "",
            f"kernel {floor['sys_share']:.0%} of it",
        )
    if book:
        add(
            "book maintenance µs per change, depths 10+25+50",
            lambda n, d: (
                " / ".join(fmt(book[k]["mean_us"], digits=1) for k in ("book", "derived", "derived_subscribed"))
                if n == cols[0]
                else ""
            ),
            "",
            f"Book / Books.apply / +{book['subscribers_per_depth']} subscribers a depth; "
            f"{book['levels_per_change']} levels a change, ~{book['levels_per_side']} a side",
        )
    k = len(cols) + 1  # index of the ratio column
    if not both:
        rows = [(*row[:k], "", *row[k + 1 :]) for row in rows]
    head = (f"metric (median of {o.reps} reps)", *[column_title(n, setup) for n in cols], "ours/base", "target")
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in [head, *rows]]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


# -- main


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python -m bench.run", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--reps", type=int, default=3, help="repetitions of each round per server (median reported)")
    p.add_argument("--clients", type=int, default=500)
    p.add_argument("--topics", type=int, default=10)
    p.add_argument("--batch", type=int, default=20, help="bars per POST when saturated")
    p.add_argument("--inflight", type=int, default=2, help="POSTs in flight when saturated")
    p.add_argument("--window", type=int, default=4, help="POSTs' worth of deliveries in flight at most, saturated")
    p.add_argument("--server-cpu", type=float, default=1.0, help="server CPU seconds a saturated round aims at")
    p.add_argument("--saturated-seconds", type=float, default=6.0, help="bound on a saturated round's length")
    p.add_argument("--saturated-bars", type=int, default=400_000, help="bound on bars per saturated round")
    p.add_argument("--paced-rate", type=int, default=5000, help="deliveries/s in the paced rounds")
    p.add_argument("--paced-seconds", type=float, default=3.0)
    p.add_argument(
        "--slow-fill",
        type=int,
        default=40_000,
        help="bars burst to the stopped reader's own topic before the paced phase (> its ~4 MB of "
        "kernel send buffer on loopback, so the server sees it stop)",
    )
    p.add_argument("--post-timeout", type=float, default=1.0, help="seconds before a publish call is given up")
    p.add_argument("--capacity", type=int, default=10_000, help="connections for the RSS / held test (0: skip)")
    p.add_argument("--hold", type=float, default=3.0, help="seconds the capacity connections are held idle")
    p.add_argument(
        "--only",
        choices=["ours", "baseline", "redis"],
        action="append",
        help="drive only these (repeatable): ours (memory broker), baseline, redis (ours behind Redis)",
    )
    p.add_argument("--no-redis", action="store_true", help="skip Redis mode")
    p.add_argument(
        "--redis-workers", type=int, default=2, help="uvicorn workers behind Redis, beside the 1-worker Redis round"
    )
    p.add_argument(
        "--no-floor", action="store_true", help="skip the floor micro-benchmark and the bare server's paced rounds"
    )
    p.add_argument(
        "--quiet-budget", type=float, default=45.0, help="seconds in all to wait for other load on the machine to pass"
    )
    p.add_argument(
        "--families",
        default=",".join(FAMILIES),
        help="comma-separated families with saturated rounds; bars' rounds always run (against the baseline), the "
        "others (quotes, trades, orderbook) on ours alone: --families bars skips them",
    )
    p.add_argument("--no-book", action="store_true", help="skip the order book micro-benchmark (bench/book.py)")
    p.add_argument("--book-changes", type=int, default=20_000, help="book changes per micro-benchmark scenario")
    o = p.parse_args()
    o.families = [f for f in o.families.split(",") if f]
    unknown = set(o.families) - set(FAMILIES)
    if unknown:
        p.error(f"unknown families {', '.join(sorted(unknown))} (known: {', '.join(FAMILIES)})")
    return o


def main() -> int:
    o = parse_args()
    t_start = time.monotonic()
    # 10,000 connections need as many descriptors in the server and in the client: raise the
    # soft limit to the hard one here; every child inherits it.
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if o.capacity + 100 > hard:
        log(f"warning: RLIMIT_NOFILE hard limit {hard} is below {o.capacity} connections")
    # Every client connection takes a local port; 10,000 fit the usual 28,000-port range.
    low, high = map(int, Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split())
    if o.capacity > (high - low) * 0.9:
        log(f"warning: {high - low} ephemeral ports for {o.capacity} connections")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the finally: below
    stamp = time.strftime("%Y%m%d-%H%M%S")
    logs = RESULTS / "logs" / stamp
    logs.mkdir(parents=True, exist_ok=True)
    wanted = set(o.only or ["ours", "baseline"] + ([] if o.no_redis else ["redis"]))
    if "redis" in wanted and not shutil.which("redis-server"):
        log("warning: no redis-server (install it with `make redis-server`): Redis mode skipped")
        wanted.discard("redis")
    names = [n for n in ("ours", "baseline") if n in wanted]
    servers: dict[str, Server] = {}

    def ours_cmd(*extra: str) -> Callable[[int], list[str]]:
        return lambda p: [PY, "-m", "app", "--host", HOST, "--port", str(p), "--log-level", "warning", *extra]

    if "ours" in names:
        servers["ours"] = Server("ours", ours_cmd(), logs)
    if "baseline" in names:
        bpy = ensure_baseline_venv()
        servers["baseline"] = Server(
            "baseline",
            lambda p: [
                str(bpy),
                "bench/baseline/server.py",
                "--host",
                HOST,
                "--port",
                str(p),
                "--log-level",
                "warning",
            ],
            logs,
        )
    if not o.no_floor and names:
        # The bare floor server, paced rounds only: the latency this machine and client leave.
        servers["floor"] = Server("floor", lambda p: [PY, "-m", "bench.floor_server", "--port", str(p)], logs)
        names.append("floor")
    if "redis" in wanted:
        # Ours behind a redis-server of its own: one worker (the Redis hop alone), then N workers.
        for n in sorted({1, o.redis_workers}):
            name = f"redis-{n}w"
            servers[name] = Server(name, ours_cmd("--workers", str(n)), logs, workers=n, redis=BenchRedis(logs))
            names.append(name)
    kinds: dict[str, tuple[str, ...]] = {
        name: ("saturated", "paced") if server.redis else ("saturated", "paced", "slow")
        for name, server in servers.items()
    }
    kinds["floor"] = ("paced",)
    # The other families: saturated rounds of ours alone (the baseline has none of them).
    family_kinds = tuple(f"saturated-{f}" for f in FAMILIES if f in o.families and f != "bars")
    if "ours" in kinds:
        kinds["ours"] += family_kinds
    setup: dict[str, dict[str, Any]] = {}
    bench = Bench(o)
    quiet = Quiet(o.quiet_budget)
    rounds: list[dict[str, Any]] = []
    caps: dict[str, dict[str, Any]] = {}
    floor = book = None
    try:
        if not o.no_floor:
            quiet.wait()
            log("floor micro-benchmark")
            proc = spawn([PY, "-m", "bench.floor"], stdout=subprocess.PIPE)
            floor = json.loads(proc.communicate(timeout=60)[0])
            stop(proc)
        if not o.no_book:
            quiet.wait()
            log("order book micro-benchmark")
            proc = spawn([PY, "-m", "bench.book", "--json", "--changes", str(o.book_changes)], stdout=subprocess.PIPE)
            book = json.loads(proc.communicate(timeout=120)[0])
            stop(proc)
        clients: dict[str, ClientProc] = {}
        for name, server in servers.items():
            server.start()
            # Ours' connections hold the same symbol's topic of every family its rounds publish.
            families = ("bars", *(k.partition("-")[2] for k in family_kinds)) if name == "ours" else ("bars",)
            clients[name] = ClientProc(server, o.topics, families=families)
            r = clients[name].cmd("connect", wait=120, n=o.clients)
            log(f"{name}: pid {server.pid}, port {server.port}, {r['open']}/{o.clients} clients in {r['seconds']} s")
            if r["failed"]:
                raise RuntimeError(f"{name}: {r['failed']} connections failed")
            setup[name] = {
                "workers": server.workers,
                "worker_pids": server.worker_pids,
                "connections_per_worker": server.connections_per_worker(),
            }
            if server.redis is not None:
                setup[name] |= {
                    "redis_url": server.redis.url,
                    "redis_pid": server.redis.pid,
                    "numsub_after_connect": server.verify_subscriptions(o.topics),
                }
                log(
                    f"{name}: workers {server.worker_pids}, connections each {setup[name]['connections_per_worker']}, "
                    f"PUBSUB NUMSUB per topic {setup[name]['numsub_after_connect']}, redis pid {server.redis.pid}"
                )
        for rep in range(o.reps):
            # Alternate which server goes first, so drift (thermal, noisy neighbours) hits both alike.
            order = names if rep % 2 == 0 else names[::-1]
            for kind in ("saturated", "paced", "slow", *family_kinds):
                quiet.wait()
                for name in order:
                    if kind not in kinds[name]:
                        continue  # Redis mode: saturated and paced only
                    res = bench.round(servers[name], clients[name], kind, rep)
                    rounds.append(res)
                    log(
                        f"rep {rep} {kind:19} {name:8} {res['deliveries']:>8} deliveries, other load "
                        f"{res['foreign_cores']} cores, "
                        f"{res['cpu_us_per_delivery']} µs CPU each, p99 {res['latency_us'].get('p99')} µs, "
                        f"lost {res['lost_others']}, POST max {res['post_max_us']} µs, timeouts {res['post_timeouts']}"
                    )
        for name in names:
            clients[name].quit()
            servers[name].stop()
        if o.capacity:
            for name in [n for n in ("ours", "baseline") if n in names]:
                server = servers[name].start()  # fresh process: RSS not inflated by the rounds' traffic
                log(f"{name}: capacity test, {o.capacity:,} connections")
                try:
                    caps[name] = bench.capacity(server)
                except (TimeoutError, RuntimeError) as exc:  # what it reached is the result
                    caps[name] = {"server": name, "error": str(exc)}
                log(f"{name}: {caps[name]}")
                server.stop()
    finally:
        stop_all()
    summary = {name: summarize(rounds, name) for name in names}
    text = table(summary, caps, floor, o, setup, book)
    elapsed = time.monotonic() - t_start
    print(text)
    parts = []
    single = [n for n in ("ours", "baseline") if n in names]
    if single:
        parts.append(" and ".join(single) + ": one uvicorn worker each")
    if "floor" in names:
        parts.append("floor: bench/floor_server.py, paced rounds only")
    if "ours" in names and family_kinds:
        parts.append(
            "ours also: a saturated round of "
            + ", ".join(FAMILY_LABELS[k.partition("-")[2]] for k in family_kinds)
            + " per rep (its connections hold their symbol's topic of each; order books at depth 10)"
        )
    behind = [str(servers[n].workers) for n in names if servers[n].redis]
    if behind:
        parts.append(
            f"Redis mode: ours with {' and '.join(behind)} worker(s) behind a redis-server of its own, "
            "saturated and paced rounds, server CPU = workers + Redis"
        )
    print(f"\n{o.clients} clients over {o.topics} topics, {o.reps} reps; {'; '.join(parts)}; run took {elapsed:.0f} s")
    out_path = RESULTS / f"{stamp}.json"
    out_path.write_text(
        json.dumps(
            {
                "when": stamp,
                "seconds": round(elapsed, 1),
                "options": vars(o),
                "cpus": os.cpu_count(),
                "python": sys.version,
                "summary": summary,
                "capacity": caps,
                "setup": setup,
                "floor": floor,
                "book": book,
                "rounds": rounds,
                "table": text,
            },
            indent=1,
        )
    )
    print(f"results: {out_path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
