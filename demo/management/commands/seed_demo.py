import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from demo.leaders import demo_register_people
from demo.region import DEMO_PASSWORD, build_demo_region
from demo.showcase import build_demo_showcase

SHOWCASE_SIGN_INS = (
    ("LLE in the directory", "harper.ellingworth@demo.test"),
    ("NLG in the directory", "emery.grassington@demo.test"),
    ("Applicant at the panel", "wynn.burnby@demo.test"),
    ("School with a deployment", "ola.bransholme@demo.test"),
)


class Command(BaseCommand):
    help = (
        "Loads the deterministic demo region, with its showcase (forty system leaders, applications, "
        "requests and deployments at every stage), and prints a demo sign-in for each role."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-only",
            action="store_true",
            help="Load only the base region that the tests build, without the showcase.",
        )

    def handle(self, *args, **options):
        # The demo's people are synthetic, share a published password and a known second-factor key:
        # production settings refuse them (DEMO_DATA_ALLOWED = False in config/settings/production.py).
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(
                "The demo region cannot be loaded here: these settings do not allow demo data "
                "(its people share a published password). Load the real register instead (README.md)."
            )
        started = time.monotonic()
        people = build_demo_region()
        if not options["base_only"]:
            # The showcase's referees are made up: their links are not e-mailed (not even to the console).
            with override_settings(MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}):
                built = build_demo_showcase()
            if built is not None:
                self.stdout.write(
                    f"The demo region and its showcase loaded in {time.monotonic() - started:.0f} seconds: "
                    f"{len(built.leaders)} more system leaders, {len(built.applications)} applications, "
                    f"{len(built.deployments)} more deployments."
                )
        self.stdout.write(f"\nDemo sign-ins (password for all: {DEMO_PASSWORD}):")
        for person in people:
            self.stdout.write(f"  {person.role.label:<28} {person.email}")
        self.stdout.write("More people in the register of system leaders:")
        for email, text in demo_register_people():
            self.stdout.write(f"  {text:<28} {email}")
        if not options["base_only"]:
            self.stdout.write("Some of the showcase's people (the same password):")
            for text, email in SHOWCASE_SIGN_INS:
                self.stdout.write(f"  {text:<28} {email}")
        self.stdout.write(
            "Staff roles also give a code from an authenticator app. Get the current code with:\n"
            "  .venv/bin/python manage.py demo_code\n"
        )
