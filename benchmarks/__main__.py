import importlib
import os
import pkgutil
import sys
import tempfile
from pathlib import Path


def main(selected: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    here = Path(__file__).parent
    for module in sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_")):
        if selected and module not in selected:
            continue
        print(f"== {module}")
        importlib.import_module(f"benchmarks.{module}").run()


if __name__ == "__main__":
    main(sys.argv[1:])
