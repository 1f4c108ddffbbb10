"""The input formats: one module each, registering its `Reader` with `@register`.

Every module in this folder is imported here, so a new format needs no other edit: add
`formats/<name>.py` with a `Reader` subclass decorated with `format_registry.register`.
"""

from __future__ import annotations

import importlib
import pkgutil

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
