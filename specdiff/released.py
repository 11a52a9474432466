"""The gate's default base: the commit that released the working copy's `info.version`.

Worked out from git history alone, since CI runs on a fresh clone of main without tags: walk
the commits that touched the spec, newest first, along HEAD's first parents (a merge counts
as the commit that brought its spec to main). With V the working copy's version:

- HEAD's spec has another version than V: a bump is pending in the working tree, and HEAD is
  the latest state of the previous release.
- Otherwise the base is the oldest commit of the run of commits, ending at HEAD, whose spec
  has version V: the commit that released V. Whatever changed since then is judged against
  it, however many commits it took.

  That commit is also compared with itself, so a breaking change made *in* it (together with a
  minor bump, say) would pass. So when it has a predecessor, the newest commit before the run
  (the last state of the previous version), the working copy is compared with that too and
  must raise the major version over it if anything broke (`Base.previous`). Without a readable
  spec there (none before the release, a deleted or an unreadable one) there is no second
  comparison.
"""

from dataclasses import dataclass
from pathlib import Path

from specdiff.loader import SpecError, base_problem, git_show, parse, run_git
from specdiff.version import api_version
from specdiff.version import parse as semver

_UNREADABLE = "an unreadable spec"


@dataclass(frozen=True)
class Base:
    ref: str  # what git is given: "HEAD" or a full sha
    label: str  # what is printed: "HEAD" or a short sha
    why: str
    previous: "Base | None" = None  # the last commit of the previous version, also compared with

    def line(self) -> str:
        return f"base: {self.label} ({self.why})"


def released_base(spec: Path, version: str) -> Base | str:
    """The base for a working copy at `version`, or a `base_problem` string: "before history"
    (no commit yet), "shallow" (the clone's history stops inside the run of commits at
    `version`, so the one that released it is unknown), or "unknown: ..."."""
    folder = spec.parent if str(spec.parent) else Path(".")
    problem = base_problem("HEAD", folder)
    if problem is not None:
        return problem
    head = _version_at("HEAD", spec)
    if head != version:
        return Base("HEAD", "HEAD", _pending(head, version))
    commits = _spec_commits(spec, folder)
    run: list[tuple[str, str]] = []
    previous: Base | None = None
    for full, short in commits:
        before = _version_at(full, spec)
        if before != version:
            if before is not None and before != _UNREADABLE:
                previous = Base(full, short, f"{before or '?'}: the last commit before the release of "
                                             f"{version or '?'}; breaking changes only")
            break
        run.append((full, short))
    if not run:  # cannot happen: HEAD's spec is the one of the newest commit that touched it
        return Base("HEAD", "HEAD", f"{version}: no commit of the spec found")
    full, short = run[-1]
    if len(run) == len(commits) and base_problem(f"{full}~1", folder) == "shallow":
        return "shallow"
    return Base(full, short, f"released {version or '?'}: the first commit with this version", previous)


def _pending(head: str | None, version: str) -> str:
    if head is None:
        return "no spec at HEAD"
    old, new = semver(head), semver(version)
    verb = "raises" if old is not None and new is not None and new > old else "changes"
    return f"{head or '?'}; the working copy {verb} it to {version or '?'}"


def _version_at(ref: str, spec: Path) -> str | None:
    """The spec's info.version at `ref`: None without a spec there, "" when it names none."""
    text, _ = git_show(ref, spec)
    if text is None:
        return None
    try:
        return api_version(parse(text, f"{ref}:{spec}"))
    except SpecError:  # never equal to a working copy's version; reported if it is the base
        return _UNREADABLE


def _spec_commits(spec: Path, folder: Path) -> list[tuple[str, str]]:
    """(sha, short sha) of the commits that touched the spec, newest first."""
    log = run_git(folder, "log", "--first-parent", "--format=%H %h", "HEAD", "--", f"./{spec.name}")
    if log is None or log.returncode != 0:
        raise SpecError(f"git log of {spec} failed: {log.stderr.strip() if log else 'git cannot be run'}")
    return [(full, short) for full, short in (line.split() for line in log.stdout.splitlines())]
