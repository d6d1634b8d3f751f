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


def test_folders_left_by_a_killed_scan_are_removed_by_the_next(tmp_path):
    import os
    import socket
    import subprocess
    import sys

    from disclosure_nlp.export.spool import OWNER_FILE, remove_stale

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    dead_pid = int(gone.stdout)
    host = socket.gethostname()
    owners = {"dead": f"{host} {dead_pid}", "running": f"{host} {os.getpid()}",
              "other_host": f"not-{host} {dead_pid}", "unreadable": "?"}
    for name, owner in owners.items():
        (tmp_path / f"{SPOOL_PREFIX}{name}").mkdir()
        (tmp_path / f"{SPOOL_PREFIX}{name}" / OWNER_FILE).write_text(owner)
    (tmp_path / f"{SPOOL_PREFIX}no_owner").mkdir()
    assert [p.name for p in remove_stale(tmp_path)] == [f"{SPOOL_PREFIX}dead"]
    with Spool(tmp_path) as spool:
        spool.path("x.sqlite")
        mine = spool.dir.name
        assert (spool.dir / OWNER_FILE).read_text().split() == [host, str(os.getpid())]
        assert sorted(_spools(tmp_path)) == sorted([mine] + [f"{SPOOL_PREFIX}{n}" for n in
                                                             ("running", "other_host", "unreadable", "no_owner")])
