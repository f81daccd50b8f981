"""chibo's own small web endpoint: files that a platform cannot receive (documents and
charts on Zalo) are served behind an unguessable token and sent as a link."""

from __future__ import annotations

import re
import secrets
import time
import unicodedata
from pathlib import Path

from aiohttp import web

FILES_PATH = "/files"
KEEP_SECONDS = 30 * 24 * 3600
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,}$")
_UNSAFE = re.compile(r"[^A-Za-z0-9_.\-]+")


class FileShelf:
    """Files on disk under `root/<token>/<name>`: they survive a restart, so a link sent by
    the outbox worker after one still works."""

    def __init__(self, root: Path, base_url: str) -> None:
        self.root = root
        self.base_url = base_url.rstrip("/")

    def put(self, filename: str, content: bytes) -> str:
        """Store a file and return its public link."""
        self._prune()
        token = secrets.token_urlsafe(24)
        name = _safe_name(filename)
        folder = self.root / token
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
        return f"{self.base_url}{FILES_PATH}/{token}/{name}"

    def path(self, token: str, name: str) -> Path | None:
        if not _TOKEN.match(token) or name != _safe_name(name):
            return None
        path = self.root / token / name
        return path if path.is_file() else None

    def _prune(self) -> None:
        if not self.root.is_dir():
            return
        cutoff = time.time() - KEEP_SECONDS
        for folder in self.root.iterdir():
            if folder.is_dir() and folder.stat().st_mtime < cutoff:
                for file in folder.iterdir():
                    file.unlink(missing_ok=True)
                folder.rmdir()

    def add_routes(self, web_app: web.Application) -> None:
        web_app.router.add_get(FILES_PATH + "/{token}/{name}", self._serve)

    async def _serve(self, request: web.Request) -> web.StreamResponse:
        path = self.path(request.match_info["token"], request.match_info["name"])
        if path is None:
            raise web.HTTPNotFound()
        return web.FileResponse(path, headers={"Content-Disposition": f'attachment; filename="{path.name}"'})


def _safe_name(filename: str) -> str:
    """ASCII only, so the link stays readable in any chat app: «Báo cáo.xlsx» → «Bao-cao.xlsx»."""
    plain = Path(filename).name.replace("đ", "d").replace("Đ", "D")
    plain = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode()
    name = _UNSAFE.sub("-", plain).strip(".-")
    return name or "tep"


async def start_server(web_app: web.Application, host: str, port: int) -> web.AppRunner:
    runner = web.AppRunner(web_app)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner
