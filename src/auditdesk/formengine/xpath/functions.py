"""The function table: every function an expression may call, by name as forms write it."""

from __future__ import annotations

from types import MappingProxyType

from auditdesk.formengine.xpath.fn_dates import DATE_FUNCTIONS
from auditdesk.formengine.xpath.fn_numeric import NUMERIC_FUNCTIONS
from auditdesk.formengine.xpath.fn_special import SPECIAL_FUNCTIONS
from auditdesk.formengine.xpath.fn_text import TEXT_FUNCTIONS
from auditdesk.formengine.xpath.nodes import FunctionSpec

FUNCTIONS: MappingProxyType[str, FunctionSpec] = MappingProxyType(
    {
        spec.name: spec
        for spec in (*TEXT_FUNCTIONS, *NUMERIC_FUNCTIONS, *DATE_FUNCTIONS, *SPECIAL_FUNCTIONS)
    }
)
