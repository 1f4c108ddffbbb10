"""`dossier.inputs`: user files are read only from inside their folder, whatever links, special
files or swaps stand in the way, and every file not read is reported (issue #13 finding 3)."""

from __future__ import annotations

import os
import socket
import stat

import pytest

from dossier import inputs


@pytest.fixture
def tree(tmp_path):
    """An input folder `seeds/` with one article, and a secret file beside it, outside."""
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "key.txt").write_text("The private key of the newsroom.\n", encoding="utf-8")
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "article.txt").write_text("Navalny returned to Moscow.\n", encoding="utf-8")
    return folder


def _refused(path, folder, limit=1 << 20):
    with pytest.raises(inputs.Refused) as caught:
        inputs.read_inside(path, folder, limit)
    assert "\n" not in str(caught.value)
    return caught.value


def test_a_file_inside_and_a_link_to_a_file_inside_are_read(tree):
    (tree / "sub").mkdir()
    (tree / "sub" / "link.txt").symlink_to("../article.txt")
    assert inputs.read_inside(tree / "article.txt", tree, 100) == b"Navalny returned to Moscow.\n"
    assert inputs.read_inside(tree / "sub" / "link.txt", tree, 100) == b"Navalny returned to Moscow.\n"


@pytest.mark.parametrize("make", [
    lambda t: (t / "leak.txt").symlink_to(t.parent / "secret" / "key.txt"),  # absolute link
    lambda t: (t / "leak.txt").symlink_to("../secret/key.txt"),  # relative link climbing out
    lambda t: ((t / "hop.txt").symlink_to(t.parent / "secret" / "key.txt"),  # a link inside, to a link out
               (t / "leak.txt").symlink_to("hop.txt")),
    lambda t: ((t / "sub").mkdir(), (t / "sub" / "leak.txt").symlink_to("../../secret/key.txt")),
], ids=["absolute", "relative", "chain", "nested"])
def test_a_link_to_a_file_outside_is_refused(tree, make):
    make(tree)
    leak = next(tree.rglob("leak.txt"))
    err = _refused(leak, tree)
    assert err.kind == "outside" and "symbolic link to a file outside the input folder" in str(err)


@pytest.mark.parametrize("depth", [1, 2])
def test_a_file_under_a_linked_folder_that_leaves_is_refused(tree, depth):
    parent = tree / "a" if depth == 2 else tree
    parent.mkdir(exist_ok=True)
    (parent / "linked").symlink_to(tree.parent / "secret", target_is_directory=True)
    err = _refused(parent / "linked" / "key.txt", tree)
    assert err.kind == "outside" and "folder that is a symbolic link to outside the input folder" in str(err)


def test_the_folder_itself_may_be_a_link(tree, tmp_path):
    (tmp_path / "via").symlink_to(tree, target_is_directory=True)
    assert inputs.read_inside(tmp_path / "via" / "article.txt", tmp_path / "via", 100).startswith(b"Navalny")
    assert inputs.read_inside(tmp_path / "via" / "article.txt", tree, 100).startswith(b"Navalny")


def test_dangling_links_loops_and_special_files_are_refused(tree):
    (tree / "dangling.txt").symlink_to("gone.txt")
    (tree / "loop.txt").symlink_to("loop.txt")
    (tree / "ping.txt").symlink_to("pong.txt")
    (tree / "pong.txt").symlink_to("ping.txt")
    os.mkfifo(tree / "pipe.txt")  # reading it would block the build for ever
    (tree / "folder.txt").mkdir()
    assert _refused(tree / "dangling.txt", tree).kind == "dangling"
    assert _refused(tree / "loop.txt", tree).kind == "loop"
    assert _refused(tree / "ping.txt", tree).kind == "loop"
    assert "named pipe" in str(_refused(tree / "pipe.txt", tree))
    assert "folder" in str(_refused(tree / "folder.txt", tree))
    assert _refused(tree / "missing.txt", tree).kind == "missing"


def test_a_device_is_refused(tree):
    try:
        os.mknod(tree / "zero.txt", 0o600 | stat.S_IFCHR, os.makedev(1, 5))
    except (PermissionError, OSError):
        pytest.skip("cannot make a device node here")
    assert "device" in str(_refused(tree / "zero.txt", tree))


def test_over_the_limit_is_refused_even_if_the_file_grows_after_its_size_is_checked(tree, monkeypatch):
    err = _refused(tree / "article.txt", tree, limit=10)
    assert isinstance(err, inputs.TooLarge) and err.limit == 10 and err.size == 28
    real_fstat = os.fstat

    def growing(fd):  # the size the system reports is stale: the read itself must stop at the limit
        result = real_fstat(fd)
        with open(tree / "article.txt", "ab") as handle:
            handle.write(b"x" * 100)
        return result

    monkeypatch.setattr(inputs.os, "fstat", growing)
    with pytest.raises(inputs.TooLarge):
        inputs.read_inside(tree / "article.txt", tree, 50)


@pytest.mark.parametrize("swap", ["file", "parent"])
def test_a_swap_between_the_check_and_the_read_cannot_leak(tree, monkeypatch, swap):
    """The names are checked, then, before the file is opened, the file (or its folder) is
    replaced by a link to the secret: what was opened is checked, not only its name."""
    (tree / "sub").mkdir()
    (tree / "sub" / "article.txt").write_text("Navalny returned to Moscow.\n", encoding="utf-8")
    secret = tree.parent / "secret"
    real_open = os.open

    def swapping_open(path, flags, *args, **kwargs):
        if swap == "file":
            os.remove(tree / "sub" / "article.txt")
            (tree / "sub" / "article.txt").symlink_to(secret / "key.txt")
        else:
            os.rename(tree / "sub", tree / "old-sub")
            (tree / "sub").symlink_to(secret, target_is_directory=True)
            (secret / "article.txt").write_text("The private key of the newsroom.\n", encoding="utf-8")
        monkeypatch.setattr(inputs.os, "open", real_open)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(inputs.os, "open", swapping_open)
    err = _refused(tree / "sub" / "article.txt", tree)
    assert err.kind in ("outside", "changed")


def test_walk_lists_files_and_reports_every_entry_it_does_not_read(tree, monkeypatch):
    secret = tree.parent / "secret"
    (tree / "sub").mkdir()
    (tree / "sub" / "deep.md").write_text("Deep.\n", encoding="utf-8")
    (tree / "alias.txt").symlink_to("article.txt")
    (tree / "leak.txt").symlink_to(secret / "key.txt")
    (tree / "dangling.txt").symlink_to("nowhere.txt")
    (tree / "loop.txt").symlink_to("loop.txt")
    (tree / "out").symlink_to(secret, target_is_directory=True)
    (tree / "again").symlink_to("sub", target_is_directory=True)
    os.mkfifo(tree / "pipe.txt")
    monkeypatch.chdir(tree)  # a socket's name must be short: bind it by a relative one
    server = socket.socket(socket.AF_UNIX)
    server.bind("sock.txt")
    (tree / ".hidden.txt").symlink_to(secret / "key.txt")  # hidden: left out in silence
    try:
        files, refused = inputs.walk(tree, skip=lambda parts: parts[-1].startswith("."))
    finally:
        server.close()
    assert [p.relative_to(tree).as_posix() for p in files] == ["alias.txt", "article.txt", "sub/deep.md"]
    reasons = {r.path.name: r for r in refused}
    assert set(reasons) == {"leak.txt", "dangling.txt", "loop.txt", "out", "again", "pipe.txt", "sock.txt"}
    assert reasons["leak.txt"].kind == "outside" and reasons["out"].kind == "outside"
    assert "folder outside" in str(reasons["out"]) and reasons["again"].kind == "folder-link"
    assert reasons["dangling.txt"].kind == "dangling" and reasons["loop.txt"].kind == "loop"
    assert "named pipe" in str(reasons["pipe.txt"]) and "socket" in str(reasons["sock.txt"])
    assert all("\n" not in str(r) for r in refused)


def test_walking_a_folder_that_is_a_link_out_of_its_boundary_reads_nothing(tree):
    (tree / "notes").symlink_to(tree.parent / "secret", target_is_directory=True)
    files, refused = inputs.walk(tree / "notes", within=tree)
    assert files == [] and [r.kind for r in refused] == ["outside"]


def test_shown_names_are_never_absolute(tmp_path):
    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere" / "articles"
    elsewhere.mkdir(parents=True)
    assert inputs.shown(root / "seeds" / "a.txt", root) == "seeds/a.txt"
    assert inputs.shown(elsewhere / "sub" / "a.txt", root, elsewhere) == "articles/sub/a.txt"
    assert inputs.shown(tmp_path / "other" / "a.txt", root) == "a.txt"
    assert inputs.shown(os.fsdecode(os.fsencode(root / "seeds") + b"/caf\xe9.txt"), root) == "seeds/caf\ufffd.txt"
