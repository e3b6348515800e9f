"""The XLSForm engine: an immutable definition, an instance, and a session that drives them.

Modelled on JavaRosa/ODK Collect: definition (parsed once) → instance (answers and
flags) → session (the only writer: validates, recomputes what depends on a change,
navigates over relevant questions and tells the UI what to show).

Public surface::

    definition = load_form("checklist.xlsx")        # FormLoadError(problems) if broken
    session = FormSession(definition)               # or FormSession(definition, instance)
    result = session.answer("age", 34)              # AnswerResult(status, message, changes)
    screen = session.step_next()                    # Screen of QuestionPrompts
    data = session.instance.to_json()               # plain JSON, see instance.py
"""

from auditdesk.formengine.definition import (
    Choice,
    FormDefinition,
    FormElement,
    FormSettings,
    GroupDef,
    QuestionDef,
    QuestionType,
    RepeatDef,
)
from auditdesk.formengine.instance import FormInstance, InstanceFormatError
from auditdesk.formengine.problems import FormLoadError, FormProblem
from auditdesk.formengine.prompts import ChoiceView, QuestionPrompt, Screen, ScreenKind
from auditdesk.formengine.results import AnswerResult, AnswerStatus, ChangeSet
from auditdesk.formengine.session import FormSession, SessionError
from auditdesk.formengine.xlsform import check_form, load_form, load_form_bytes

__all__ = [
    "AnswerResult",
    "AnswerStatus",
    "ChangeSet",
    "Choice",
    "ChoiceView",
    "FormDefinition",
    "FormElement",
    "FormInstance",
    "FormLoadError",
    "FormProblem",
    "FormSession",
    "FormSettings",
    "GroupDef",
    "InstanceFormatError",
    "QuestionDef",
    "QuestionPrompt",
    "QuestionType",
    "RepeatDef",
    "Screen",
    "ScreenKind",
    "SessionError",
    "check_form",
    "load_form",
    "load_form_bytes",
]
