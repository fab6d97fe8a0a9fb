"""The public API is what ``__all__`` says, and each name is really there (httpx's habit)."""

import newstrace


def test_every_exported_name_resolves():
    for name in newstrace.__all__:
        assert getattr(newstrace, name) is not None, name


def test_unknown_names_raise_attribute_error():
    try:
        newstrace.no_such_thing  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:
        raise AssertionError("expected AttributeError")


def test_library_never_imports_the_cli():
    import subprocess
    import sys

    code = "import sys, newstrace.api, newstrace.pipeline; assert 'newstrace.cli' not in sys.modules; assert 'typer' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
