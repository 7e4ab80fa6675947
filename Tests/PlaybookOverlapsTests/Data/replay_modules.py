"""Loads the replay scripts (their file names hold hyphens, so `import` cannot) as modules."""
import importlib.util
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def module(name, file):
    """The script `file` of this folder, run once as the module `name` (its `__main__` part is not run)."""
    spec = importlib.util.spec_from_file_location(name, os.path.join(HERE, file))
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m


# The blind sets: held back to measure the rules once, never replayed or tuned on.
BLIND = frozenset({"fresh11", "fresh12", "fresh13", "fresh14", "fresh15", "fresh16", "fresh17"})
