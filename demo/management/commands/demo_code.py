import time
from binascii import unhexlify

from django.core.management.base import BaseCommand
from django_otp.oath import totp

from demo.region import DEMO_TOTP_KEY


class Command(BaseCommand):
    help = "Prints the current two-factor code of the demo's staff (demo data only)."

    def handle(self, *args, **options):
        code = totp(unhexlify(DEMO_TOTP_KEY), step=30, t0=0, digits=6)
        remaining = 30 - int(time.time()) % 30
        self.stdout.write(f"{code:06d}  (valid for another {remaining} seconds)")
