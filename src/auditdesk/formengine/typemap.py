"""From pyxform's question type names to ours, using pyxform's own type dictionary.

pyxform has already resolved XLSForm's aliases (``select_one`` → ``select one``,
``image`` → ``photo``); its ``QUESTION_TYPE_DICT`` says what each name means in the
XForm (bind type, control, preload). We classify on those facts rather than keep a
list of names of our own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from auditdesk.formengine.definition import QuestionType


@dataclass(frozen=True, slots=True)
class TypeInfo:
    type: QuestionType
    constraint: str = ""
    """A check the type implies (``phone number`` digits, ``percentage`` 0–100)."""
    read_only: bool = False


_BIND_TYPES = {
    "int": QuestionType.INTEGER,
    "decimal": QuestionType.DECIMAL,
    "date": QuestionType.DATE,
    "time": QuestionType.TIME,
    "dateTime": QuestionType.DATETIME,
    "geopoint": QuestionType.GEOPOINT,
    "geotrace": QuestionType.GEOTRACE,
    "geoshape": QuestionType.GEOSHAPE,
    "barcode": QuestionType.BARCODE,
    "string": QuestionType.TEXT,
}
_MEDIA_TYPES = {
    "image": QuestionType.IMAGE,
    "audio": QuestionType.AUDIO,
    "video": QuestionType.VIDEO,
}
_PROPERTIES = {
    "deviceid": QuestionType.DEVICEID,
    "uri:deviceid": QuestionType.DEVICEID,
    "username": QuestionType.USERNAME,
    "uri:username": QuestionType.USERNAME,
}
_TIMESTAMPS = {"start": QuestionType.START, "end": QuestionType.END}


def classify(type_name: str) -> TypeInfo | None:
    """Our type for a pyxform JSON ``type``; ``None`` when we cannot ask or fill it."""
    from pyxform.question_type_dictionary import QUESTION_TYPE_DICT

    if type_name == "audit":
        return TypeInfo(QuestionType.AUDIT)
    if type_name == "hidden":
        return TypeInfo(QuestionType.HIDDEN)
    if type_name == "select one external":
        return TypeInfo(QuestionType.SELECT_ONE)
    entry: Mapping[str, Any] | None = QUESTION_TYPE_DICT.get(type_name)
    if entry is None:
        return None
    bind: Mapping[str, str] = entry.get("bind", {})
    control: Mapping[str, str] = entry.get("control", {})
    tag = control.get("tag")
    bind_type = bind.get("type")
    constraint = bind.get("constraint", "")
    preload = bind.get("jr:preload")
    if preload is not None:
        return _metadata(preload, bind.get("jr:preloadParams", ""))
    if tag in ("action",) or (tag == "trigger" and bind_type == "geopoint"):
        return None  # background recording: nothing a desktop interview can do
    if tag == "select1":
        return TypeInfo(QuestionType.SELECT_ONE)
    if tag == "select":
        return TypeInfo(QuestionType.SELECT_MULTIPLE)
    if tag == "odk:rank":
        return TypeInfo(QuestionType.RANK)
    if tag == "range":
        return TypeInfo(QuestionType.RANGE)
    if tag == "trigger":
        return TypeInfo(QuestionType.ACKNOWLEDGE)
    if tag == "upload":
        media = control.get("mediatype", "").split("/")[0]
        return TypeInfo(_MEDIA_TYPES.get(media, QuestionType.FILE))
    if tag is None:
        return TypeInfo(QuestionType.CALCULATE) if bind_type == "string" else None
    if bind.get("readonly") == "true()" and bind_type == "string":
        return TypeInfo(QuestionType.NOTE, read_only=True)
    found = _BIND_TYPES.get(bind_type or "")
    return TypeInfo(found, constraint=constraint) if found is not None else None


def _metadata(preload: str, params: str) -> TypeInfo:
    if preload == "timestamp":
        return TypeInfo(_TIMESTAMPS.get(params, QuestionType.START))
    if preload == "date":
        return TypeInfo(QuestionType.TODAY)
    return TypeInfo(_PROPERTIES.get(params, QuestionType.PROPERTY))


def range_is_decimal(parameters: Mapping[str, str]) -> bool:
    """ODK stores a range as a decimal as soon as start, end or step is not a whole number."""
    for key in ("start", "end", "step"):
        try:
            if not float(parameters.get(key, "1")).is_integer():
                return True
        except ValueError:
            continue
    return False
