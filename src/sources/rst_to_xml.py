"""Parses reStructuredText pages with docutils and prints each page's doctree as docutils XML.

Reads {"pages": {name: text}} as JSON on stdin and writes {name: {"xml": ..., "messages": [...]}} as
JSON on stdout, so one interpreter start serves every page (starting Python and importing docutils
costs more than parsing a page).

Every element that docutils knows the source line of gets a `line` attribute: the XML writer drops
node.line, and the checker names page lines in its messages.

The Rackspace pages are written for Sphinx and use three of its interpreted-text roles, which plain
docutils does not know and reports as errors: `:ref:` (a link to another page's label) and the
Rackspace theme's `:rax:` and `:rax-devdocs:` (links to rackspace.com pages). Their text is prose, so
they are registered here as generic roles that keep it; any other unknown role is still an error.
"""

import io
import json
import re
import sys

DOCUTILS_MISSING = 3

try:
    import docutils.core
    import docutils.nodes
    import docutils.parsers.rst.roles
    import docutils.utils
except ImportError:
    sys.exit(DOCUTILS_MISSING)

SPHINX_ROLES = ("ref", "rax", "rax-devdocs")
# Sphinx's explicit-title syntax, `title <target>`: the title is what the reader sees.
EXPLICIT_TITLE = re.compile(r"^(.+?)\s*(?<!\x00)<([^<]*?)>$", re.DOTALL)


class SphinxLinkRole:
    """A Sphinx link role read as its prose: an inline element with the title (or, with no explicit title,
    the target itself, as `:ref:`'s label), classed with the role's name, the target kept as an attribute."""

    def __init__(self, name):
        self.name = name

    def __call__(self, role, rawtext, text, lineno, inliner, options=None, content=None):
        match = EXPLICIT_TITLE.match(text)
        title, target = (match.group(1), match.group(2)) if match else (text, text)
        node = docutils.nodes.inline(rawtext, docutils.utils.unescape(title), classes=[self.name])
        node["target"] = docutils.utils.unescape(target)
        return [node], []


for _name in SPHINX_ROLES:
    docutils.parsers.rst.roles.register_local_role(_name, SphinxLinkRole(_name))

SETTINGS = {
    # The pages are third-party input: no file inclusion, no raw output, no user config files.
    "file_insertion_enabled": False,
    "raw_enabled": False,
    "_disable_config": True,
    # Keep the page title as a section, so every page has the same shape whatever its headings.
    "doctitle_xform": False,
    "sectsubtitle_xform": False,
    # Warnings and errors go into the result, never to the terminal, and never stop the parse.
    "report_level": 2,
    "halt_level": 5,
    "input_encoding": "utf-8",
    "output_encoding": "utf-8",
}


def parse(name, text):
    warnings = io.StringIO()
    doctree = docutils.core.publish_doctree(
        text, source_path=name, settings_overrides={**SETTINGS, "warning_stream": warnings}
    )
    for node in doctree.findall(docutils.nodes.Element):
        if node.line is not None:
            node["line"] = str(node.line)
    xml = docutils.core.publish_from_doctree(
        doctree, writer_name="xml", settings_overrides={**SETTINGS, "warning_stream": warnings}
    )
    return {"xml": xml.decode("utf-8"), "messages": [line for line in warnings.getvalue().splitlines() if line.strip()]}


def main():
    pages = json.load(sys.stdin)["pages"]
    json.dump({name: parse(name, text) for name, text in pages.items()}, sys.stdout)


main()
