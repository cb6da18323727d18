"""The ``sitrep actors`` command group (registered on the CLI by ``sitrep.cli``)."""

from __future__ import annotations

import dataclasses
import json

import click

from .acled import acled_actor_id
from .registry import Registry, RegistryEntry


@click.group("actors")
def actors() -> None:
    """Look up actors in the registry."""


def _as_dict(entry: RegistryEntry) -> dict[str, object]:
    return {k: v for k, v in dataclasses.asdict(entry).items() if v not in (None, (), [])}


@actors.command("lookup")
@click.argument("name", nargs=-1, required=True)
@click.option("--acled", is_flag=True, help="Read NAME as an ACLED actor name.")
def lookup(name: tuple[str, ...], acled: bool) -> None:
    """Show the registry actor a name stands for, as JSON.

    Example: sitrep actors lookup "al-Nusra Front"
    """
    registry = Registry.load()
    phrase = " ".join(name)
    actor_id = acled_actor_id(registry, phrase) if acled else None
    entry = registry.get(actor_id) if actor_id else registry.lookup(phrase)
    if entry is None:
        raise click.ClickException(f"no actor is known as {phrase!r}")
    click.echo(json.dumps(_as_dict(entry), ensure_ascii=False, indent=2))


@actors.command("list")
@click.option("--kind", default=None, help="Only actors of this kind (e.g. rebel-group).")
@click.option("--country", default=None, help="Only actors of this ISO alpha-3 country.")
@click.option("--side", default=None, help="Only actors on this side (e.g. kurdish-led).")
def list_actors(kind: str | None, country: str | None, side: str | None) -> None:
    """List registry actors as tab-separated id, kind, country, side and name.

    Example: sitrep actors list --country SYR --kind rebel-group
    """
    for e in sorted(Registry.load(), key=lambda e: e.id):
        if (kind and e.kind != kind) or (country and e.country != country.upper()):
            continue
        if side and e.side != side:
            continue
        click.echo("\t".join([e.id, e.kind, e.country or "-", e.side or "-", e.name]))
