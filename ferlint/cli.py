"""The command line: parse arguments, call `api.check`, render, pick the exit code.

Exit codes: 0 no findings, 1 findings, 2 ferlint itself failed.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from pathlib import Path

from ferlint import __version__
from ferlint.render import FORMATS

logger = logging.getLogger("ferlint")

EXIT_CLEAN, EXIT_FINDINGS, EXIT_FAILURE = 0, 1, 2
_COMMANDS = ("check", "rule")


class UsageError(Exception):
    """A bad argument or setting; the message is shown as one line."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


class _ArgumentError(UsageError):
    """What argparse rejects: the message gets a pointer to --help."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "run `ferlint --help` for the options")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        raise _ArgumentError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ferlint",
        description="Finds where an image pipeline and a Keras model disagree, "
        "before training.",
    )
    parser.add_argument("--version", action="version", version=f"ferlint {__version__}")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    _add_check(
        commands.add_parser("check", help="check files and folders (the default)")
    )
    rule = commands.add_parser("rule", help="explain a rule, or list them all")
    rule.add_argument("code", nargs="?", help="a rule code such as FER001")
    rule.add_argument("--all", action="store_true", help="list every rule")
    return parser


def _add_check(check: argparse.ArgumentParser) -> None:
    check.add_argument(
        "paths", nargs="*", type=Path, help="files or folders (default: .)"
    )
    check.add_argument(
        "--format",
        choices=FORMATS,
        default="full",
        help="how to print the results (default: full)",
    )
    check.add_argument("--select", help="only these codes or prefixes, comma-separated")
    check.add_argument("--ignore", help="not these codes or prefixes, comma-separated")
    check.add_argument("--config", type=Path, help="read settings from this file")
    check.add_argument("--no-probe", action="store_true", help="do not run the probe")
    check.add_argument("--fix", action="store_true", help="apply the safe fixes")
    check.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix or --diff, also the fixes that change behaviour on purpose",
    )
    check.add_argument(
        "--diff", action="store_true", help="print the fixes as a diff; write nothing"
    )
    check.add_argument(
        "--show-refuted",
        action="store_true",
        help="also show findings the probe refuted",
    )
    check.add_argument(
        "--statistics", action="store_true", help="print a count per code"
    )
    check.add_argument(
        "--output-file", type=Path, help="write the results to this file"
    )
    check.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour output",
    )
    check.add_argument("-q", "--quiet", action="store_true", help="print findings only")
    check.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        help="worker processes for the static pass (default: the cores)",
    )
    check.add_argument(
        "--no-cache",
        action="store_true",
        help="do not read or write the static pass's cache (.ferlint_cache/static)",
    )
    check.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help="log progress to stderr (-vv: debug)",
    )


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(
            f"expected a whole number from 1, got {value!r}"
        )
    return jobs


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (
        argv[0] not in _COMMANDS and argv[0] not in ("-h", "--help", "--version")
    ):
        argv.insert(0, "check")
    try:
        args = build_parser().parse_args(argv)
        if args.command == "rule":
            return _rule(args)
        return _check(args)
    except UsageError as error:
        _fail(str(error) + (f"\n  {error.hint}" if error.hint else ""))
    except KeyboardInterrupt:
        _fail("interrupted")
    except Exception as error:  # a bug in ferlint: say so, never show a traceback
        logger.debug("internal error", exc_info=True)
        _fail(
            f"internal error: {type(error).__name__}: {error}\n"
            "  run with -vv for details"
        )
    return EXIT_FAILURE


def _fail(message: str) -> None:
    print(f"ferlint: error: {message}", file=sys.stderr)


def _setup_logging(verbosity: int) -> None:
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbosity, logging.DEBUG)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("ferlint: %(levelname)s: %(message)s"))
    logger.handlers[:] = [handler]
    logger.setLevel(level)


def _check(args: argparse.Namespace) -> int:
    from ferlint import api, parallel, sources
    from ferlint.cache import default_folder
    from ferlint.config import ConfigError, load_config
    from ferlint.render import render
    from ferlint.render.full import render_statistics

    _setup_logging(args.verbose)
    paths = args.paths or [Path(".")]
    select, ignore = (
        _codes(args.select, "--select"),
        _codes(args.ignore, "--ignore") or [],
    )
    try:
        config = load_config(
            paths[0] if paths[0].is_dir() else paths[0].parent, args.config
        )
    except ConfigError as error:
        raise UsageError(str(error)) from None
    settings = api.Settings(
        config, select, ignore, probe=False if args.no_probe else None
    )

    def run():
        try:
            return api.check(
                paths,
                settings,
                jobs=args.jobs or parallel.default_jobs(),
                cache_dir=None if args.no_cache else default_folder(config.root),
                spool=True,
            )
        except sources.MissingPath as error:
            raise UsageError(f"no such file or folder: {str(error)!r}") from None

    report = run()
    if args.diff:
        return _diff(report, args)
    if args.fix:
        report = _fix_until_stable(report, args, run)

    color = _use_color(args.color) and args.output_file is None
    failing = any(
        config.fails_on(f.severity) for f in report.counted(args.show_refuted)
    )
    with _output(args.output_file) as out:
        if args.statistics:
            out.write(render_statistics(report, show_refuted=args.show_refuted))
        elif not (args.quiet and args.format == "full" and not report.findings):
            render(
                report,
                args.format,
                color=color,
                width=_width(),
                show_refuted=args.show_refuted,
                out=out,
                summary=not (args.quiet and args.format == "full"),
            )
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def _planned(report, args):
    """The fixes chosen for the report, on the files as they are now."""
    from ferlint import fixes

    texts, errors = _current_texts(report)
    outcome = fixes.plan(report.counted(args.show_refuted), texts, args.unsafe_fixes)
    outcome.errors.extend(errors)
    return outcome


def _current_texts(report) -> tuple[dict[str, str], list]:
    """Each file with findings, read again; a file changed since it was checked
    is left out with an error entry."""
    from ferlint import sources
    from ferlint.findings import FileError
    from ferlint.notebook import read_notebook

    texts, errors = {}, []
    for path, checked in report.sources.items():
        try:
            text = sources.read_text(Path(path))
            now = (
                {cell.number: cell.text for cell in read_notebook(text).cells}
                if isinstance(checked, dict)
                else text
            )
        except Exception as error:  # unreadable now: nothing to fix there
            errors.append(FileError(path, f"not fixed: {error}"))
            continue
        if now != checked:
            errors.append(
                FileError(path, "it changed on disk since it was checked; not fixed")
            )
            continue
        texts[path] = text
    return texts, errors


def _diff(report, args) -> int:
    from ferlint import fixes

    outcome = _planned(report, args)
    for error in outcome.errors:
        print(f"ferlint: {error.path}: {error.reason}", file=sys.stderr)
    _write(fixes.unified_diff(outcome), args.output_file)
    count = len(outcome.fixed)
    print(
        f"Would fix {count} finding{'s' if count != 1 else ''} "
        f"in {len(outcome.changed)} file{'s' if len(outcome.changed) != 1 else ''}.",
        file=sys.stderr,
    )
    return EXIT_FINDINGS if outcome.changed else EXIT_CLEAN


MAX_FIX_PASSES = 10


def _fix_until_stable(report, args, run):
    """Apply fixes and check again until nothing more changes, as ruff does:
    fixes that overlapped in one pass are applied in the next."""
    from ferlint import fixes

    fixed, changed, errors = 0, set(), []
    for _ in range(MAX_FIX_PASSES):
        outcome = _planned(report, args)
        fixes.write(outcome)
        errors.extend(outcome.errors)
        if not outcome.changed:
            break
        fixed += len(outcome.fixed)
        changed |= set(outcome.changed)
        report = run()
    report.errors.extend(errors)
    if fixed:
        files = len(changed)
        print(
            f"Fixed {fixed} finding{'s' if fixed != 1 else ''} in {files} "
            f"file{'s' if files != 1 else ''}.",
            file=sys.stderr,
        )
    return report


def _codes(value: str | None, option: str) -> list[str] | None:
    if value is None:
        return None
    from ferlint.rules import RULES

    codes = [code.strip().upper() for code in value.split(",") if code.strip()]
    for code in codes:
        if not any(known.startswith(code) for known in RULES):
            raise UsageError(
                f"{option}: unknown rule code {code!r}; `ferlint rule --all` lists them"
            )
    return codes


@contextlib.contextmanager
def _output(path: Path | None):
    """Where the report is written as it is made: stdout, or the file."""
    if path is None:
        yield sys.stdout
        sys.stdout.flush()  # before any summary on stderr
        return
    try:
        handle = path.open("w", encoding="utf-8")
    except OSError as error:
        raise UsageError(
            f"cannot write {str(path)!r}: {error.strerror or error}"
        ) from None
    with handle:
        yield handle


def _write(output: str, path: Path | None) -> None:
    with _output(path) as out:
        out.write(output)


def _use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def _width() -> int:
    try:
        return max(60, min(os.get_terminal_size().columns, 160))
    except OSError:
        return 100


def _rule(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.markdown import Markdown
    from rich.table import Table

    from ferlint.rules import RULES, rule_page

    console = Console(highlight=False)
    if args.all or args.code is None:
        table = Table("code", "name", "severity", "what it finds", box=None)
        for rule in RULES.values():
            table.add_row(rule.code, rule.name, rule.severity, rule.summary)
        console.print(table)
        return EXIT_CLEAN
    code = args.code.upper()
    if code not in RULES:
        raise UsageError(
            f"unknown rule code {args.code!r}; `ferlint rule --all` lists them"
        )
    page = rule_page(code)
    if page is None:
        console.print(f"{code} {RULES[code].name}: {RULES[code].summary}")
    else:
        console.print(Markdown(page))
    return EXIT_CLEAN
