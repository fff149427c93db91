"""Small hand-written apps, each exercising one class of DDL-engine behaviour.

They are installed only by ``tests.edgecases.settings`` (used by the tests in subprocesses),
never by the project's own settings, so the normal test run does not see them.
"""
