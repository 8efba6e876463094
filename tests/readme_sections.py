"""The README's generated sections: what they should hold, and a way to rewrite them.

    python tests/readme_sections.py     # rewrite README.md's generated sections in place
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def generated_sections() -> dict[str, str]:
    from dealdocs.catalog import checks_markdown

    sections = {"checks": checks_markdown()}
    try:
        from dealdocs.checks.templates.guide import template_guide_markdown
    except ImportError:
        pass
    else:
        sections["template-guide"] = template_guide_markdown()
    return sections


def section(text: str, name: str) -> str:
    match = re.search(rf"<!-- {name}:start -->\n(.*?)<!-- {name}:end -->", text, re.S)
    assert match, f"README.md has no <!-- {name}:start --> ... <!-- {name}:end --> markers"
    return match.group(1)


def rewrite(text: str) -> str:
    for name, body in generated_sections().items():
        text = re.sub(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", lambda m: m.group(1) + body + m.group(2), text, flags=re.S)
    return text


if __name__ == "__main__":
    sys.path.insert(0, str(README.parent / "src"))
    README.write_text(rewrite(README.read_text()))
    print(f"rewrote the generated sections of {README}")
