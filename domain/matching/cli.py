"""The command line:

    python -m domain.matching solve INSTANCE.json [--time-limit S] [--top-k K] [--workers N] [--greedy]
    python -m domain.matching rank INSTANCE.json REQUEST_ID [--limit N]

Each prints JSON on standard output. Bad input (an unreadable or malformed file, unknown ids,
negative days, a missing field, a wrong option) prints one line on standard error and exits 2."""

from __future__ import annotations

import argparse
import json
import sys

from .assignment import DEFAULT_TIME_LIMIT, DEFAULT_TOP_K, DEFAULT_WORKERS, solve
from .model import InstanceError, load_instance
from .ranking import LeaderIndex, rank

BAD_INPUT = 2


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, not argparse's usage block
        raise UsageError(message)


def _positive(kind):
    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"{text!r} must be more than 0")
        return value

    return parse


def parser() -> Parser:
    main = Parser(prog="python -m domain.matching", description="Match system leaders to requests for support.")
    commands = main.add_subparsers(dest="command", required=True, parser_class=Parser)
    solve_command = commands.add_parser("solve", help="assign all the requests at once")
    solve_command.add_argument("instance")
    solve_command.add_argument(
        "--time-limit", type=_positive(float), default=DEFAULT_TIME_LIMIT, help="wall-clock seconds for the whole solve"
    )
    solve_command.add_argument("--top-k", type=_positive(int), default=DEFAULT_TOP_K, help="leaders per request")
    solve_command.add_argument("--all-pairs", action="store_true", help="consider every eligible pair (no top-k)")
    solve_command.add_argument("--workers", type=_positive(int), default=DEFAULT_WORKERS)
    solve_command.add_argument("--greedy", action="store_true", help="greedy only, without the solver")
    rank_command = commands.add_parser("rank", help="rank the leaders for one request")
    rank_command.add_argument("instance")
    rank_command.add_argument("request_id")
    rank_command.add_argument("--limit", type=_positive(int), default=10)
    return main


def main(argv: list[str] | None = None, stdout=None, stderr=None) -> int:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        arguments = parser().parse_args(argv)
        instance = load_instance(arguments.instance)
        if arguments.command == "solve":
            solution = solve(
                instance,
                time_limit=arguments.time_limit,
                top_k=None if arguments.all_pairs else arguments.top_k,
                workers=arguments.workers,
                use_solver=not arguments.greedy,
            )
            output = solution.as_dict()
        else:
            request = instance.request(str(arguments.request_id))
            output = rank(LeaderIndex(instance), request, limit=arguments.limit).as_dict()
    except (InstanceError, UsageError) as error:
        print(f"error: {error}", file=stderr)
        return BAD_INPUT
    json.dump(output, stdout, indent=2)
    stdout.write("\n")
    return 0
