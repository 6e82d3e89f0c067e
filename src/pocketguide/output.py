"""Write outputs atomically: an unnamed temp file in the same folder, fsync, then a rename."""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import re
import secrets
import tempfile
import time
from pathlib import Path

from pocketguide.errors import PocketguideError, display_path
from pocketguide.processes import running
from pocketguide.resources import CONFIG_NAME, content_dir, templates_dir

INPUT_FOLDERS = ("content", "templates", "brand")


def write_atomic(path: Path, data: bytes) -> None:
    """Replace path with data so that readers see the old file or the new one, never a mix."""
    path = Path(path)
    if path.suffix.lower() == ".pdf":
        check_output_path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _sweep_stale(path)
        _write(path, data)
    except OSError as exc:
        message = f"{display_path(path)}: could not write the file: {exc.strerror}"
        raise PocketguideError(message) from None


def check_output_path(path: Path) -> None:
    """Refuse a PDF target that is an input or lies among a project's or pocketguide's inputs."""
    target = path.resolve()
    if path.is_symlink() or (target.exists() and not _is_pdf(target)):
        raise PocketguideError(f"{path}: refusing to overwrite a file that is not a PDF")
    if target.is_file() and not os.access(target, os.W_OK):
        # A rename would replace it all the same: read-only is how users keep a file as it is.
        raise PocketguideError(f"{path}: the file is read-only; make it writable to replace it")
    check_output_folder(path.parent, shown=path)


def check_output_folder(folder: Path, shown: Path | None = None) -> None:
    """Refuse an output folder inside a project's or pocketguide's input folders."""
    target = Path(folder).resolve()
    protected = [content_dir().resolve(), templates_dir().resolve()]
    for parent in (target, *target.parents):
        if _is_file(parent / CONFIG_NAME):
            protected += [(parent / name).resolve() for name in INPUT_FOLDERS]
    name = shown or folder
    for inputs in protected:
        if target.is_relative_to(inputs):
            raise PocketguideError(f"{name}: output may not be written inside {inputs.name}/")
    if not _writable(target):
        # Found now, before the build spends seconds on PDFs it could not write.
        raise PocketguideError(f"{display_path(name)}: cannot write there (permission denied)")


def _writable(folder: Path) -> bool:
    """Whether this user may create files in `folder`, or create it in its nearest parent."""
    for candidate in (folder, *folder.parents):
        try:
            if not candidate.exists():
                continue
        except PermissionError:
            continue  # inside a folder this user may not search: its parent decides
        return os.access(candidate, os.W_OK | os.X_OK)
    return True


def _is_file(path: Path) -> bool:
    # A folder this user may not search holds no project of theirs; writing there fails
    # later, with a message naming the folder rather than a file they never mentioned.
    try:
        return path.is_file()
    except PermissionError:
        return False


def _is_pdf(path: Path) -> bool:
    if not path.is_file():
        return False
    with path.open("rb") as handle:
        return handle.read(5) == b"%PDF-"


def _write(path: Path, data: bytes) -> None:
    folder_fd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        tmp_name = _write_unnamed(path, data, folder_fd) or _write_named(path, data)
        try:
            os.replace(tmp_name, path.name, src_dir_fd=folder_fd, dst_dir_fd=folder_fd)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp_name, dir_fd=folder_fd)
            raise
        os.fsync(folder_fd)  # make the rename itself durable
    finally:
        os.close(folder_fd)


def _fill(handle, data: bytes) -> None:
    handle.write(data)
    handle.flush()
    os.fsync(handle.fileno())


def _write_unnamed(path: Path, data: bytes, folder_fd: int) -> str | None:
    """Write an O_TMPFILE file and give it a temp name; None where that is not supported."""
    # An unnamed file vanishes by itself if the process is killed before it is linked.
    fd = _open_unnamed(path.parent)
    if fd is None:
        return None
    tmp_name = f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp"
    with os.fdopen(fd, "wb") as handle:
        _fill(handle, data)
        try:
            os.link(
                f"/proc/self/fd/{handle.fileno()}",
                tmp_name,
                dst_dir_fd=folder_fd,
                follow_symlinks=True,
            )
        except OSError as exc:
            if exc.errno in (errno.EXDEV, errno.EPERM, errno.ENOENT, errno.EOPNOTSUPP):
                return None
            raise
    return tmp_name


def _write_named(path: Path, data: bytes) -> str:
    """Write a named temp file next to path (the fallback); return its name."""
    prefix = f".{path.name}.{os.getpid()}-"  # whose it is: see _sweep_stale
    fd, tmp_path = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "wb") as handle:
            _fill(handle, data)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_path)
        raise
    return Path(tmp_path).name


def _open_unnamed(folder: Path) -> int | None:
    """An O_TMPFILE descriptor in folder, or None where the OS or file system lacks them."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not Path("/proc/self/fd").is_dir():
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY, 0o644)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT):
            return None
        raise


def _sweep_stale(path: Path) -> None:
    """Remove temp files of this output left by a build that was killed (named temps only).

    Not another running build's, about to be renamed into place (watch and a build in another
    terminal writing one file): only a temp file whose process is gone, or an old one.
    """
    old = time.time() - STALE_TEMP_SECONDS
    for stale in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(FileNotFoundError):  # another build removed it first
            writer = _WRITER.search(stale.name)
            if (writer and not running(int(writer[1]))) or stale.stat().st_mtime < old:
                stale.unlink()


STALE_TEMP_SECONDS = 600
_WRITER = re.compile(r"\.(\d+)-[^.]*\.tmp$")
