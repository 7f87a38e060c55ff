"""Child process for `bench.common.in_django`: set Django up, call the target, print JSON."""

from __future__ import annotations

import importlib
import json
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "irsuite.settings")
    import django

    django.setup()
    target, raw = sys.argv[1], sys.argv[2]
    module_name, function_name = target.split(":")
    function = getattr(importlib.import_module(module_name), function_name)
    result = function(**json.loads(raw))
    print(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
