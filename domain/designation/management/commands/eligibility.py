"""manage.py eligibility FACTS.json --criteria SET_ID[@VERSION]: each criterion's result as JSON.
The facts format is in docs/eligibility.md. Reads files only; writes nothing."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from domain.designation.criteria import CriteriaSetError, FactsError, evaluate, facts_from_dict, get_set, load_sets


class Command(BaseCommand):
    help = "Checks the facts in a JSON file against a criteria set and prints each criterion's result as JSON."

    def add_arguments(self, parser):
        parser.add_argument("facts", nargs="?", help="a facts file (docs/eligibility.md)")
        parser.add_argument("--criteria", help="the set: ID, or ID@VERSION (default: latest published)")
        parser.add_argument("--list", action="store_true", help="list the criteria sets and stop")

    def handle(self, *args, **options):
        try:
            sets = load_sets()
        except CriteriaSetError as error:
            raise CommandError(f"Criteria sets: {error}") from None
        if options["list"]:
            for s in sets:
                self.stdout.write(f"{s.ref}\t{s.status}\t{s.role}\t{s.region}\t{s.title}")
            return
        if not options["facts"] or not options["criteria"]:
            raise CommandError("Give a facts file and --criteria SET_ID[@VERSION] (or --list)")
        try:
            criteria_set = get_set(options["criteria"], sets)
        except CriteriaSetError as error:
            raise CommandError(str(error)) from None
        path = Path(options["facts"])
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CommandError(f"{path}: no such facts file") from None
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{path}: cannot be read ({error})") from None
        except json.JSONDecodeError as error:
            raise CommandError(f"{path}: not valid JSON (line {error.lineno}: {error.msg})") from None
        try:
            facts = facts_from_dict(raw)
        except FactsError as error:
            raise CommandError(f"{path}: {error}") from None
        self.stdout.write(json.dumps(evaluate(criteria_set, facts).to_dict(), indent=2, ensure_ascii=False))
