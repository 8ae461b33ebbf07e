"""The standard build steps of `kg build`, in the order they run (kg.build.steps describes the interface).

Each is a module-level BuildStep object (``STEP``): ``map_document`` runs in the extraction worker, ``run``
once after the merge.  A step's ``name`` is the key its cached per-document facts are stored under.
"""

from __future__ import annotations

from kg.steps.describe import STEP as DESCRIBE
from kg.steps.editions import STEP as EDITIONS
from kg.steps.network import STEP as NETWORK
from kg.steps.validate import STEP as VALIDATE

STANDARD = (NETWORK, DESCRIBE, VALIDATE, EDITIONS)
