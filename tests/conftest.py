import pytest

from pots.bases import BASES

POTS_APPS = ("pots", "pots_pos", "pots_ora", "pots_mys")
MODEL_NAMES = tuple(BASES)


@pytest.fixture
def models_of():
    """The concrete models of one pots app, by name."""
    from django.apps import apps

    def get(app_label):
        return {name: apps.get_model(app_label, name) for name in MODEL_NAMES}

    return get


def pytest_addoption(parser):
    parser.addoption("--save-screenshot", metavar="PATH",
                     help="also write the browser test's 1400 px screenshot to PATH")
    parser.addoption(
        "--regenerate-golden",
        action="store_true",
        help="rewrite tests/golden/ from the current offline DDL instead of comparing",
    )


@pytest.fixture
def regenerate_golden(request):
    return request.config.getoption("--regenerate-golden")


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "slow: walks the fidelity corpus or a big synthetic project (CI's slow stage; -m 'not slow' skips it)")
