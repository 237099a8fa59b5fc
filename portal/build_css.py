"""Build portal/static/build/portal.css from NL Design System (Utrecht) component CSS.

Only the components the templates use are bundled, so the home page stays small.
Run by the Makefile after `npm ci`; the output is not committed.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UTRECHT = ROOT / "node_modules" / "@utrecht"
OUT = ROOT / "portal" / "static" / "build" / "portal.css"

COMPONENTS = [
    "document", "page-layout", "page-header", "page-body", "page-footer", "skip-link",
    "heading-1", "heading-2", "heading-3", "heading-4", "paragraph", "link", "link-list",
    "unordered-list", "ordered-list", "button", "button-link", "textbox", "textarea", "select",
    "form-field", "form-label", "form-field-description", "form-field-error-message",
    "form-fieldset", "radio-button", "checkbox", "breadcrumb-nav", "alert", "table",
    "separator", "badge-list", "data-badge", "status-badge", "pagination", "data-list",
    "nav-bar", "nav-list", "article", "blockquote", "figure", "img", "search-bar",
]


def build():
    parts = []
    for name in COMPONENTS:
        path = UTRECHT / f"{name}-css" / "dist" / "index.min.css"
        if not path.exists():
            path = UTRECHT / f"{name}-css" / "dist" / "index.css"
        parts.append(f"/* @utrecht/{name}-css */\n" + path.read_text())
    parts.append((ROOT / "portal" / "static" / "css" / "theme.css").read_text())
    parts.append((ROOT / "portal" / "static" / "css" / "layout.css").read_text())
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(parts))
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    build()
