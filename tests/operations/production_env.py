"""The environment a process needs to start under the production settings (docs/deployment.md),
for the tests that read them in a process of their own."""

PRODUCTION_ENV = {
    "PATH": "/usr/bin:/bin",
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "a-test-only-secret-key-" + "y" * 40,
    "NOTIFY_API_KEY": "test-placeholder",
    "DATABASE_URL": "postgres://s2s@db.invalid:5432/s2s",
    "SERVICE_BASE_URL": "https://school-to-school-support.example",
}
