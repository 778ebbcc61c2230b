"""The settings of the test run: Balai's own, plus apps that exist only to test core.

`balai.core.tests.hiring` declares a kind of owner that core has never heard of, with its
own models, scopes and routes, so that the tests prove a new kind joins area scoping and the
route walk without a change to core. It is installed here only: its tables exist in test
databases alone, and its routes are served under /test-hiring/ in tests alone.
"""

from config.settings import *  # noqa: F403  # the test run is the real project, plus:

INSTALLED_APPS = [*INSTALLED_APPS, "balai.core.tests.hiring"]  # noqa: F405
ROOT_URLCONF = "config.urls_for_tests"
