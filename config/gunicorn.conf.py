"""The production web server: gunicorn, serving config.wsgi (WhiteNoise serves the static files).
ADR 16 records the choice; docs/deployment.md how to run it:

    DJANGO_SETTINGS_MODULE=config.settings.production .venv/bin/gunicorn --config config/gunicorn.conf.py

Everything a platform usually sets comes from the environment:

    HOST              the address to listen on (default 0.0.0.0, every interface)
    PORT              the port (default 8000)
    WEB_CONCURRENCY   worker processes (default 2; about two for each core)
    GUNICORN_TIMEOUT  seconds a request may take before its worker is restarted (default 30)
    LOG_LEVEL         gunicorn's own log level (default info), as for the service's log

Its logs go to standard output, for the platform to collect.
"""

import os

wsgi_app = "config.wsgi:application"

# Every interface by default, as a container or platform expects (its proxy is the way in).
bind = [f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"]  # noqa: S104
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Synchronous workers: every page is a short database-bound request, and the pages that take longest
# (the contract as PDF, the exports) are bounded; background work runs in the worker (db_worker).
worker_class = "sync"

# A request that takes longer than this is abandoned and its worker restarted; a restarting worker
# gets as long again to finish the requests it holds.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Replace each worker after about a thousand requests, staggered, so no slow leak builds up.
max_requests = 1000
max_requests_jitter = 100

# Logs to standard output, in the format of the service's own log (config/settings/production.py):
# time, level, logger, message. One line for each request on gunicorn.access (address, request line,
# status, size, duration in microseconds); the server's own messages on gunicorn.error.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(D)sus'
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": loglevel.upper()},
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": loglevel.upper(), "propagate": False},
        "gunicorn.access": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
    },
}

# Behind a proxy that terminates TLS: trust its X-Forwarded-* headers from the addresses listed in
# FORWARDED_ALLOW_IPS (gunicorn reads that variable itself; default 127.0.0.1,::1). Django reads
# X-Forwarded-Proto itself (SECURE_PROXY_SSL_HEADER in config/settings/production.py).
proc_name = "s2s-web"
# No control socket (gunicornc): the platform manages the process by its signals, and two web
# processes on one machine would otherwise share the socket's default path in the home directory.
control_socket_disable = True
