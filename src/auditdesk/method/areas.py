"""The twelve audit areas (A–L) and the five Fairwork principles, named in en/fr/es.

These names belong to the method, not to any one checklist: a form only says which
area a criterion sits in (a letter) and which Fairwork threshold it supports (``1.1`` …
``5.2``), so that every NGO's own criteria land in the same report structure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class Named:
    """Something with a code and a name per language (``en`` is always present)."""

    code: str
    names: Mapping[str, str]

    def name(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The name in ``language``, English when that language has none."""
        return self.names.get(language) or self.names[DEFAULT_LANGUAGE]


def _named(code: str, en: str, fr: str, es: str) -> Named:
    return Named(code, MappingProxyType({"en": en, "fr": fr, "es": es}))


AREAS: tuple[Named, ...] = (
    _named(
        "A",
        "Pay and payment integrity",
        "Rémunération et intégrité des paiements",
        "Salario e integridad de los pagos",
    ),
    _named(
        "B",
        "Working time and intensity",
        "Temps et intensité du travail",
        "Tiempo e intensidad de trabajo",
    ),
    _named("C", "Contracts and status", "Contrats et statut", "Contratos y situación laboral"),
    _named(
        "D",
        "Management, algorithms and deactivation",
        "Gestion, algorithmes et désactivation",
        "Gestión, algoritmos y desactivación",
    ),
    _named(
        "E",
        "Psychological safety and harmful content",
        "Sécurité psychologique et contenus préjudiciables",
        "Seguridad psicológica y contenido dañino",
    ),
    _named(
        "F",
        "Occupational safety and health",
        "Santé et sécurité au travail",
        "Seguridad y salud en el trabajo",
    ),
    _named("G", "Representation and voice", "Représentation et expression", "Representación y voz"),
    _named("H", "Grievance and remedy", "Réclamations et réparation", "Quejas y reparación"),
    _named(
        "I",
        "Discrimination and harassment",
        "Discrimination et harcèlement",
        "Discriminación y acoso",
    ),
    _named(
        "J",
        "Forced and child labour",
        "Travail forcé et travail des enfants",
        "Trabajo forzoso e infantil",
    ),
    _named(
        "K",
        "Worker data and surveillance",
        "Données des travailleurs et surveillance",
        "Datos de los trabajadores y vigilancia",
    ),
    _named(
        "L",
        "Client and buyer practices",
        "Pratiques des clients et acheteurs",
        "Prácticas de clientes y compradores",
    ),
)

AREA_BY_CODE: Mapping[str, Named] = MappingProxyType({area.code: area for area in AREAS})

FAIRWORK_PRINCIPLES: tuple[Named, ...] = (
    _named("1", "Fair Pay", "Rémunération équitable", "Remuneración justa"),
    _named("2", "Fair Conditions", "Conditions équitables", "Condiciones justas"),
    _named("3", "Fair Contracts", "Contrats équitables", "Contratos justos"),
    _named("4", "Fair Management", "Gestion équitable", "Gestión justa"),
    _named("5", "Fair Representation", "Représentation équitable", "Representación justa"),
)

FAIRWORK_THRESHOLDS: tuple[str, ...] = tuple(
    f"{principle.code}.{level}" for principle in FAIRWORK_PRINCIPLES for level in (1, 2)
)
"""``1.1`` … ``5.2``: ``x.1`` is the basic point of principle x, ``x.2`` the advanced one."""

MAX_RATING = len(FAIRWORK_THRESHOLDS)


def area_name(code: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The area's name; raises KeyError naming the code for an unknown letter."""
    try:
        return AREA_BY_CODE[code].name(language)
    except KeyError:
        raise KeyError(f"unknown audit area {code!r} (expected one of A–L)") from None
