"""The one checked header of the files a build keeps: kept files (network.json, nquads.json …) and the .part files of
the cache are sealed and unsealed by the same code (kg.build.kept.sealed / unseal)."""

import pytest

from kg.build.cache import CACHE_FORMAT
from kg.build.kept import MAGIC, Unsealed, sealed, unseal

PAYLOAD = b'{"nodes": [1, 2, 3]}\n\x00binary\xff tail'


@pytest.mark.parametrize("magic,fields", [(MAGIC, ()), (CACHE_FORMAT, (b"f" * 64,)), (b"x-format 9", (b"a", b"b"))])
def test_kept_seal_round_trip(magic, fields):
    data = sealed(PAYLOAD, magic, *fields)
    assert data.startswith(magic + b" ") and data.endswith(PAYLOAD)
    assert unseal(data, magic, len(fields)) == (list(fields), PAYLOAD)


DAMAGE = {
    "empty": (lambda b: b"", "empty"),
    "truncated": (lambda b: b[:-5], "checksum mismatch"),
    "one byte changed": (lambda b: b[:-3] + b"X" + b[-2:], "checksum mismatch"),
    "longer": (lambda b: b + b"\n", "checksum mismatch"),
    "other version": (lambda b: b"kg-part 0" + b[len(CACHE_FORMAT):], "no checksum line"),
    "no header": (lambda b: b[b.index(b"\n") + 1:], "no checksum line"),
    "header cut": (lambda b: b[:20], "no checksum line"),
}


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_kept_seal_damage_is_refused_with_its_reason(case):
    damage, reason = DAMAGE[case]
    with pytest.raises(Unsealed, match=reason):
        unseal(damage(sealed(PAYLOAD, CACHE_FORMAT, b"fingerprint")), CACHE_FORMAT, 1)


def test_kept_seal_field_count_must_match():
    with pytest.raises(Unsealed):
        unseal(sealed(PAYLOAD, CACHE_FORMAT, b"a", b"b"), CACHE_FORMAT, 1)
