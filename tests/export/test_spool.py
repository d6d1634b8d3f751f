"""export/spool.py: the scratch folder of a scan is made on first use and removed whatever happens."""
from __future__ import annotations

import pytest

from disclosure_nlp.export.spool import SPOOL_PREFIX, Spool, connect


def _spools(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(SPOOL_PREFIX))


def test_nothing_is_made_before_first_use(tmp_path):
    with Spool(tmp_path / "out") as spool:
        assert spool.dir is None
    assert not (tmp_path / "out").exists()


def test_a_hidden_folder_in_the_parent_removed_on_close(tmp_path):
    spool = Spool(tmp_path / "out")
    db = connect(spool.path("x.sqlite"))
    db.execute("CREATE TABLE t (a)")
    db.execute("INSERT INTO t VALUES (1)")
    db.commit()
    assert spool.path("x.sqlite").exists() and _spools(tmp_path / "out")[0].startswith(".")
    db.close()
    spool.close()
    spool.close()  # twice is fine
    assert _spools(tmp_path / "out") == []


def test_removed_on_error_and_ctrl_c(tmp_path):
    for exc in (RuntimeError, KeyboardInterrupt):
        with pytest.raises(exc):
            with Spool(tmp_path) as spool:
                spool.path("x.sqlite").write_bytes(b"x")
                raise exc
    assert _spools(tmp_path) == []
