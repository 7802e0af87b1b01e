from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.leaders import demo_register_people
from demo.region import DEMO_PASSWORD, build_demo_region


class Command(BaseCommand):
    help = "Loads the deterministic demo region and prints a demo sign-in for each role."

    def handle(self, *args, **options):
        # The demo's people are synthetic, share a published password and a known second-factor key:
        # production settings refuse them (DEMO_DATA_ALLOWED = False in config/settings/production.py).
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(
                "The demo region cannot be loaded here: these settings do not allow demo data "
                "(its people share a published password). Load the real register instead (README.md)."
            )
        people = build_demo_region()
        self.stdout.write(f"\nDemo sign-ins (password for all: {DEMO_PASSWORD}):")
        for person in people:
            self.stdout.write(f"  {person.role.label:<28} {person.email}")
        self.stdout.write("More people in the register of system leaders:")
        for email, text in demo_register_people():
            self.stdout.write(f"  {text:<28} {email}")
        self.stdout.write(
            "Staff roles also give a code from an authenticator app. Get the current code with:\n"
            "  .venv/bin/python manage.py demo_code\n"
        )
