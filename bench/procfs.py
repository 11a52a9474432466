"""/proc readings shared by bench.run and bench.publisher: process trees, their CPU, sockets."""

import os

CLK_TCK = os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(c) for c in f.read().split()]
    except OSError:
        return []


def process_tree(pid: int) -> list[int]:
    """`pid` and its descendants (uvicorn with --workers N spawns them)."""
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        todo.extend(_children(p))
    return pids


def process_cpu(pid: int) -> float:
    """utime + stime of one process (all its threads), from /proc/<pid>/stat (10 ms ticks); 0 if gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime, stime (fields 14 and 15 of stat)


def cpu_seconds(*pids: int) -> float:
    """utime + stime of the process trees rooted at `pids`."""
    return sum(process_cpu(p) for pid in pids for p in process_tree(pid))


def cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def socket_inodes(pid: int) -> set[int]:
    """Inodes of the sockets `pid` holds open."""
    inodes: set[int] = set()
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return inodes
    for fd in fds:
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(int(target[8:-1]))
    return inodes


def established_tcp() -> dict[int, tuple[int, int]]:
    """Established IPv4 TCP sockets of this network namespace: inode -> (local port, remote port)."""
    out = {}
    with open("/proc/net/tcp") as f:
        next(f)
        for line in f:
            fields = line.split()
            if fields[3] != "01":  # TCP_ESTABLISHED
                continue
            local, remote = (int(addr.rsplit(":", 1)[1], 16) for addr in fields[1:3])
            out[int(fields[9])] = (local, remote)
    return out
