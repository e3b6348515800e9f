"""The ODK XPath subset used in XLSForms: parsed once, evaluated many times.

Written by hand because no maintained Python library evaluates *ODK's* dialect
(``${name}`` references, ``selected()``, ``jr:choice-name``, ``indexed-repeat``, JavaRosa's
coercions) and pyxform only passes expressions through. Form text is never handed to
Python's ``eval``: it is tokenised and parsed into a small tree of our own nodes.

Public surface (the form engine uses only this):

* ``compile_expression(text) -> Expression`` — raises ``ExpressionError`` on a syntax
  error or an unknown function, with the character offset.
* ``Expression.evaluate(context) -> XPathValue`` and the coercions ``to_boolean``,
  ``to_number``, ``to_string``.
* ``Expression.references`` — the ``${name}`` names it reads (for the dependency graph).
* ``EvaluationContext`` — what the engine provides to resolve names.
"""

from auditdesk.formengine.xpath.api import (
    EvaluationContext,
    Expression,
    ExpressionError,
    NodeSet,
    XPathValue,
    compile_expression,
    to_boolean,
    to_number,
    to_string,
)

__all__ = [
    "EvaluationContext",
    "Expression",
    "ExpressionError",
    "NodeSet",
    "XPathValue",
    "compile_expression",
    "to_boolean",
    "to_number",
    "to_string",
]
