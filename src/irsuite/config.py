"""Small typed readers for settings taken from the environment."""

import os
from pathlib import Path


class ConfigurationError(RuntimeError):
    """A setting is missing or unsafe; the message says which and how to fix it."""


def env_str(name: str, default: str = "") -> str:
    """Read a string; `NAME_FILE` (a path) takes precedence so secrets can come from files."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ConfigurationError(f"{name}={raw!r} is not a yes/no value; use 1 or 0.")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigurationError(f"{name}={raw!r} is not a whole number.") from exc


# Values that must never serve as a production secret key (placeholders from examples).
PLACEHOLDER_SECRETS = frozenset(
    {"changeme", "change-me", "secret", "secret-key", "insecure", "django-insecure", "xxx"}
)
MIN_SECRET_LENGTH = 50


def production_problems(
    *, debug: bool, secret_key: str, allowed_hosts: list[str], secure_cookies: bool
) -> list[str]:
    """What makes a production configuration unsafe, one sentence each (empty when safe)."""
    problems = []
    if debug:
        problems.append(
            "IRSUITE_DEBUG is on: debug pages show settings and data; unset it in production."
        )
    if len(secret_key) < MIN_SECRET_LENGTH or secret_key.lower() in PLACEHOLDER_SECRETS:
        problems.append(
            f"IRSUITE_SECRET_KEY is a placeholder or shorter than {MIN_SECRET_LENGTH} characters: "
            "generate one with `python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    if not allowed_hosts or "*" in allowed_hosts:
        problems.append(
            "IRSUITE_ALLOWED_HOSTS must list this server's host names (no '*'), e.g. "
            "ir.example.org."
        )
    if not secure_cookies:
        problems.append(
            "IRSUITE_SECURE_COOKIES is off: session and CSRF cookies would travel without TLS; "
            "serve over HTTPS and remove the setting."
        )
    return problems


def refuse_unsafe_production(**settings: object) -> None:
    """Raise ConfigurationError naming every unsafe production setting at once."""
    problems = production_problems(**settings)  # type: ignore[arg-type]
    if problems:
        raise ConfigurationError(
            "irsuite refuses to start in production mode:\n- " + "\n- ".join(problems)
        )
