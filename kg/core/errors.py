"""Typed errors mapped to the documented exit codes."""

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_USAGE = 2


class KGError(Exception):
    """An error a user can act on; the CLI prints its message on one line."""

    exit_code = EXIT_USAGE


class InputError(KGError):
    """Unusable input: missing, empty, binary or undecodable file, bad option."""


class CheckFailed(KGError):
    """The data was read but fails a check (e.g. SHACL validation)."""

    exit_code = EXIT_CHECK_FAILED
