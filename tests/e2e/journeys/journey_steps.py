"""Steps every journey shares: logging in through the form, opening a menu, and screenshots
that the user guide shows (docs/user-guide/img/ with IRSUITE_GUIDE_SCREENSHOTS=1)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

DESKTOP = {"width": 1366, "height": 900}
TABLET = {"width": 820, "height": 1180}
GUIDE_IMAGES = Path(__file__).resolve().parents[3] / "docs" / "user-guide" / "img"


def screenshot_dir() -> Path:
    if os.environ.get("IRSUITE_GUIDE_SCREENSHOTS") == "1":
        return GUIDE_IMAGES
    return Path("test-results") / "journeys"


def shot(page: Any, name: str) -> Path:
    """The visible part of the page as `<role>-<step>.png` (what the reader sees on screen)."""
    folder = screenshot_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=False, animations="disabled")
    if folder == GUIDE_IMAGES:
        shrink(path)
    return path


def shrink(path: Path) -> None:
    """A guide picture in 256 colours: a screen of text and flat colours reads the same at a
    third of the size."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def log_in(page: Any, live_server: Any, username: str) -> None:
    """Log in through the real login form (test personas' passwords are `pw-<username>`)."""
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(f"pw-{username}")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")


def open_menu(page: Any, group: str, link: str) -> None:
    """Follow a link in the main menu, opening its group first when the link sits in one."""
    nav = page.get_by_role("navigation", name="Main")
    summary = nav.locator("summary", has_text=group)
    if summary.count():
        summary.first.click()
    nav.get_by_role("link", name=link, exact=True).click()


def visible_text(page: Any) -> str:
    return str(page.locator("main").inner_text()) if page.locator("main").count() else ""
