"""Bound what YAML aliases may expand to, before PyYAML builds it.

Aliases (*name) repeat what an anchor (&name) names, and an alias of an alias repeats it
again: eleven lines can stand for 387 million values, which PyYAML would build (63 s,
2 GB) and the checker would walk. Real content never comes near (5,000 quotations are
about 60,000 values), and the limit is counted on top of the values the file writes out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from briefgen.errors import Problems
from briefgen.model import Location

MAX_ALIAS_VALUES = 1_000_000
ALIAS_HINT = "Write the values out instead of repeating them with & and *."


class RunawayAliases(Exception):
    """The aliases of a document expand too far (``node``) or name themselves (``loop``)."""

    def __init__(self, node: yaml.Node, loop: bool, parser: type) -> None:
        super().__init__()
        self.node, self.loop, self.parser = node, loop, parser


def load_document(loader: Any, text: str, parser: type) -> Any:
    """The document's data, built only once its aliases are known to expand within bounds.

    ``parser`` is the loader's PyYAML base, whose scanner finds the alias to report.
    """
    node = loader.get_single_node()
    if node is None:
        return None
    if "*" in text:  # no alias can be written without one
        check_aliases(node, parser)
    return loader.construct_document(node)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [child for pair in node.value for child in pair]
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def check_aliases(root: yaml.Node, parser: type) -> None:
    """Raise RunawayAliases if the node graph, aliases expanded, is endless or too big.

    Walks each node once without recursion (the graph may be deep), then sums the sizes
    bottom up: size = 1 + the sizes of the children, a shared node counted each time.
    """
    finished: dict[int, bool] = {id(root): False}  # False while its children are walked
    in_order: list[yaml.Node] = []  # children before their parents
    stack = [(root, iter(_children(root)))]
    while stack:
        node, children = stack[-1]
        for child in children:
            state = finished.get(id(child))
            if state is None:
                finished[id(child)] = False
                stack.append((child, iter(_children(child))))
                break
            if state is False:
                raise RunawayAliases(child, loop=True, parser=parser)
        else:
            stack.pop()
            finished[id(node)] = True
            in_order.append(node)
    limit = len(in_order) + MAX_ALIAS_VALUES
    sizes: dict[int, int] = {}
    for node in in_order:
        size = 1 + sum(sizes[id(child)] for child in _children(node))
        if size > limit:
            raise RunawayAliases(node, loop=False, parser=parser)
        sizes[id(node)] = size


def report_runaway(
    runaway: RunawayAliases, text: str, path: Path, problems: Problems, line_offset: int
) -> None:
    """Report the aliases at the first alias written inside the node that ran away."""
    start, end = runaway.node.start_mark.index, runaway.node.end_mark.index
    anchor, alias = None, None
    try:
        for token in yaml.scan(text, Loader=runaway.parser):
            if token.start_mark.index < start:
                continue
            if token.start_mark.index >= end:
                break
            if isinstance(token, yaml.AnchorToken) and anchor is None:
                anchor = token.value  # the node's own anchor comes first
            elif isinstance(token, yaml.AliasToken) and (not runaway.loop or token.value == anchor):
                alias = token
                break
    except yaml.YAMLError:  # the scanner got as far as the composer did, and no further
        pass
    line = int(runaway.node.start_mark.line) if alias is None else int(alias.start_mark.line)
    name = "" if alias is None else alias.value
    where = Location(path, line + 1 + line_offset)
    if runaway.loop:
        problems.add(
            where,
            f"uses the alias *{name} inside the value &{name} names, so the value never ends.",
            ALIAS_HINT,
        )
    else:
        problems.add(
            where,
            f"uses aliases (*{name}) that expand to more than {MAX_ALIAS_VALUES:,} values.",
            ALIAS_HINT,
        )
