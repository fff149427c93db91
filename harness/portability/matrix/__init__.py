"""Your own test suite on every backend: ``manage.py portability test``.

``run`` runs the suite once per target, each as the default alias (``as_default.launch``),
and parses the JUnit XML (``junit``) into plain dataclasses (``results``); ``render`` and
``html`` turn a Matrix into matrix.json / matrix.md / matrix.html; ``merge`` combines the
matrices of several CI jobs; ``runner.JUnitXMLRunner`` is the Django test runner for
projects that use ``manage.py test``; ``pytest_plugin`` adds the two JUnit properties the
parser needs. Nothing here is imported by the package itself: pytest loads the plugin early.
"""
