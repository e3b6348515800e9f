"""FormSession: the only writer of a form instance (JavaRosa's FormEntryController).

It validates and stores answers, recomputes only what depends on them (see
:mod:`auditdesk.formengine.recompute`), moves over relevant screens, adds and removes
repeat instances, fills metadata, and reports what changed so a UI redraws just that.

Answering follows ODK: a value of the wrong type, outside the choices, or failing the
constraint is refused and the previous answer stays; clearing a required question is
kept but reported as ``REQUIRED_BUT_EMPTY``. Non-relevant answers are kept while the
interview goes on (they come back if the question does) but read as empty and are left
out of :meth:`FormSession.output_values`, as ODK leaves them out of submissions.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from auditdesk.formengine.definition import (
    FormDefinition,
    FormElement,
    GroupDef,
    QuestionDef,
    QuestionType,
    RepeatDef,
)
from auditdesk.formengine.graph import Prop
from auditdesk.formengine.instance import FormInstance, split_instance_path
from auditdesk.formengine.navigation import Stop, field_list_questions, find_stop, stops
from auditdesk.formengine.prompts import QuestionPrompt, Screen, ScreenKind, build_prompt
from auditdesk.formengine.recompute import Recomputer, apply_defaults
from auditdesk.formengine.results import AnswerResult, AnswerStatus, ChangeSet
from auditdesk.formengine.state import FormState, Indexes
from auditdesk.formengine.values import InvalidValue, Value, parse_value
from auditdesk.formengine.xpath import to_boolean, to_string


class SessionError(Exception):
    """A request the form cannot honour (unknown path, adding to a counted repeat…)."""


def _local_now() -> datetime.datetime:
    return datetime.datetime.now().astimezone()


class FormSession:
    """Drive one interview over ``definition``; pass ``instance`` to resume one."""

    def __init__(
        self,
        definition: FormDefinition,
        instance: FormInstance | None = None,
        *,
        language: str | None = None,
        clock: Callable[[], datetime.datetime] = _local_now,
        device_id: str = "",
        username: str = "",
    ) -> None:
        resuming = instance is not None
        if instance is None:
            instance = FormInstance(definition.form_id, definition.version)
        self.definition = definition
        self._state = FormState(
            definition, instance, language=self._pick_language(language), clock=clock
        )
        self._recomputer = Recomputer(self._state)
        self._device_id = device_id
        self._username = username
        self._position: tuple[ScreenKind, str] = (ScreenKind.BEGINNING, "")
        self._enter: str | None = None
        """A repeat instance just added from its prompt: the next step goes into it."""
        if not resuming:
            self._fill_metadata()
            apply_defaults(self._state, definition.elements, ())
        self._recomputer.run(self._recomputer.seeds_for(definition.elements, ()))

    # -- state ---------------------------------------------------------------------------

    @property
    def instance(self) -> FormInstance:
        """The live instance (read it; write only through the session)."""
        return self._state.instance

    @property
    def language(self) -> str:
        return self._state.language

    @property
    def languages(self) -> tuple[str, ...]:
        return self.definition.languages

    def set_language(self, language: str) -> None:
        """Switch texts and messages to ``language`` (``French (fr)``, ``fr`` or ``French``)."""
        self._state.language = self._pick_language(language)

    def value(self, path: str) -> Value | None:
        """The stored answer at an instance path (also while not relevant)."""
        element, indexes = self._node(path)
        return self._state.instance.answers.get(self._state.path_of(element, indexes))

    def is_relevant(self, path: str) -> bool:
        element, indexes = self._node(path)
        return self._state.is_relevant(element, indexes)

    def prompt(self, path: str) -> QuestionPrompt:
        element, indexes = self._node(path)
        if not isinstance(element, QuestionDef):
            raise SessionError(f"{path!r} is a group, not a question")
        return build_prompt(self._state, element, indexes)

    # -- answering -----------------------------------------------------------------------

    def answer(self, path: str, value: object) -> AnswerResult:
        """Validate and store one answer, then recompute what depends on it."""
        element, indexes = self._node(path)
        if not isinstance(element, QuestionDef):
            raise SessionError(f"{path!r} is a group, not a question")
        state = self._state
        node_path = state.path_of(element, indexes)
        prompt = build_prompt(state, element, indexes)
        if not prompt.relevant:
            return AnswerResult(AnswerStatus.NOT_RELEVANT, "this question is not shown now")
        if prompt.read_only:
            return AnswerResult(AnswerStatus.READ_ONLY, "this question cannot be changed")
        try:
            parsed = parse_value(element.type, value, element.parameters)
            if parsed is not None:
                _check_fits(element, prompt, parsed)
        except InvalidValue as error:
            return AnswerResult(AnswerStatus.INVALID_VALUE, str(error))
        if parsed is not None and not self._satisfies_constraint(element, indexes, parsed):
            return AnswerResult(AnswerStatus.CONSTRAINT_VIOLATED, prompt.constraint_message)
        answers = state.instance.answers
        if parsed is None:
            answers.pop(node_path, None)
        else:
            answers[node_path] = parsed
        changes = self._recomputer.run(
            [((element.path, Prop.VALUE), indexes)], answered=(element.path, indexes)
        )
        status, message = AnswerStatus.OK, ""
        if parsed is None and state.required.get(node_path, False):
            status, message = AnswerStatus.REQUIRED_BUT_EMPTY, prompt.required_message
        return AnswerResult(status, message, changes.freeze(), changes.recomputed)

    def _satisfies_constraint(self, question: QuestionDef, indexes: Indexes, value: Value) -> bool:
        for expression in (question.type_constraint, question.bindings.constraint):
            if expression is not None:
                result = self._state.evaluate(
                    expression, question, indexes, current=value, use_current=True
                )
                if not to_boolean(result):
                    return False
        return True

    # -- repeats -------------------------------------------------------------------------

    def add_repeat(self, repeat_path: str) -> tuple[str, ChangeSet]:
        """Add an instance to ``repeat_path`` (``member`` or ``visit[1]/room``).

        Returns the new instance's path (``member[3]``) and what changed.
        """
        repeat, parent_indexes = self._repeat(repeat_path)
        if repeat.bindings.repeat_count is not None:
            raise SessionError(f"{repeat.name!r} has a repeat_count: the form sets its size")
        if parent_indexes:
            outer = self.definition.by_path(repeat.repeats[-2])
            if not self._state.exists(outer, parent_indexes):
                raise SessionError(f"no repeat instance for {repeat_path!r}")
        indexes = self._recomputer.add_instance(repeat, parent_indexes)
        changes = self._recomputer.run(())
        instance_path = self._state.path_of(repeat, indexes)
        if self._position == (ScreenKind.REPEAT_PROMPT, repeat_path):
            self._enter = instance_path  # as in ODK, "add" leads into the new instance
        return instance_path, changes.freeze()

    def remove_repeat(self, instance_path: str) -> ChangeSet:
        """Remove one instance (``member[2]``); later instances move down by one."""
        element, indexes = self._node(instance_path)
        if not isinstance(element, RepeatDef) or not indexes:
            raise SessionError(f"{instance_path!r} is not a repeat instance")
        if element.bindings.repeat_count is not None:
            raise SessionError(f"{element.name!r} has a repeat_count: the form sets its size")
        self._recomputer.remove_instance(element, indexes[:-1], indexes[-1])
        return self._recomputer.run(()).freeze()

    def repeat_count(self, repeat_path: str) -> int:
        repeat, parent_indexes = self._repeat(repeat_path)
        return self._state.repeat_count(repeat, parent_indexes)

    def _repeat(self, repeat_path: str) -> tuple[RepeatDef, Indexes]:
        path, indexes = split_instance_path(repeat_path)
        element = self.definition.find(path)
        if not isinstance(element, RepeatDef) or element.path != path:
            raise SessionError(f"no repeat at {repeat_path!r}")
        if len(indexes) != element.repeat_depth - 1:
            raise SessionError(f"{repeat_path!r}: give the index of every enclosing repeat")
        return element, indexes

    # -- navigation ----------------------------------------------------------------------

    @property
    def screen(self) -> Screen:
        kind, path = self._position
        if kind in (ScreenKind.BEGINNING, ScreenKind.END):
            return Screen(kind, "")
        all_stops = stops(self._state)
        found = find_stop(all_stops, path)
        if found is None:
            return Screen(ScreenKind.END, "")
        return self._screen(all_stops[found])

    def step_next(self) -> Screen:
        return self._step(+1)

    def step_previous(self) -> Screen:
        return self._step(-1)

    def jump(self, path: str) -> Screen:
        """Go to the screen showing ``path`` (a question, group, or repeat), relevant or not."""
        all_stops = stops(self._state)
        found = find_stop(all_stops, path)
        if found is None:
            self._node(path)  # a clear error for unknown paths
            raise SessionError(f"{path!r} has no screen (a calculation or metadata)")
        stop = all_stops[found]
        self._position = (stop.kind, stop.path)
        self._enter = None
        return self._screen(stop)

    def _step(self, direction: int) -> Screen:
        all_stops = stops(self._state)
        kind, path = self._position
        enter, self._enter = self._enter, None
        entered = find_stop(all_stops, enter) if enter and direction > 0 else None
        if entered is not None:
            position = entered - 1
        elif kind is ScreenKind.BEGINNING:
            position = -1
        elif kind is ScreenKind.END:
            position = len(all_stops)
        else:
            found = find_stop(all_stops, path)
            position = found if found is not None else -1
        position += direction
        while 0 <= position < len(all_stops) and not all_stops[position].relevant:
            position += direction
        if position < 0:
            self._position = (ScreenKind.BEGINNING, "")
            return Screen(ScreenKind.BEGINNING, "")
        if position >= len(all_stops):
            self._position = (ScreenKind.END, "")
            return Screen(ScreenKind.END, "")
        stop = all_stops[position]
        self._position = (stop.kind, stop.path)
        return self._screen(stop)

    def _screen(self, stop: Stop) -> Screen:
        state = self._state
        label = state.text(stop.element.labels)
        if stop.kind is ScreenKind.QUESTION:
            assert isinstance(stop.element, QuestionDef)
            prompt = build_prompt(state, stop.element, stop.indexes)
            return Screen(stop.kind, stop.path, label, (prompt,), stop.element)
        if stop.kind is ScreenKind.FIELD_LIST:
            assert isinstance(stop.element, GroupDef)
            prompts = tuple(
                build_prompt(state, question, indexes)
                for question, indexes in field_list_questions(state, stop.element, stop.indexes)
            )
            return Screen(stop.kind, stop.path, label, prompts, stop.element)
        return Screen(stop.kind, stop.path, label, (), stop.element)

    # -- checking and output -------------------------------------------------------------

    def validate_all(self) -> dict[str, str]:
        """Every relevant question's problem, by instance path: required, constraint, choices."""
        state = self._state
        errors: dict[str, str] = {}
        for question, indexes in self._question_nodes():
            if not state.is_relevant(question, indexes) or question.type.is_computed:
                continue
            prompt = build_prompt(state, question, indexes)
            value = state.instance.answers.get(prompt.path)
            if value is None:
                if prompt.required:
                    errors[prompt.path] = prompt.required_message
                continue
            if prompt.read_only:
                continue
            try:
                _check_fits(question, prompt, value)
            except InvalidValue as error:
                errors[prompt.path] = str(error)
                continue
            if not self._satisfies_constraint(question, indexes, value):
                errors[prompt.path] = prompt.constraint_message
        return errors

    @property
    def is_complete(self) -> bool:
        return not self.validate_all()

    def finish(self) -> dict[str, str]:
        """Stamp ``end`` metadata and return what still blocks completion (empty when none)."""
        now = self._state.clock()
        for question, indexes in self._question_nodes():
            if question.type is QuestionType.END:
                self._state.instance.answers[self._state.path_of(question, indexes)] = now
                self._recomputer.run([((question.path, Prop.VALUE), indexes)])
        return self.validate_all()

    def relevant_paths(self) -> list[str]:
        """Instance paths of the relevant questions (computed ones too), in form order."""
        state = self._state
        return [
            state.path_of(question, indexes)
            for question, indexes in self._question_nodes()
            if state.is_relevant(question, indexes)
        ]

    def output_values(self) -> dict[str, Value]:
        """Answers of relevant questions only, in form order — what ODK would submit."""
        answers = self._state.instance.answers
        return {path: answers[path] for path in self.relevant_paths() if path in answers}

    def instance_name(self) -> str:
        expression = self.definition.settings.instance_name
        if expression is None:
            return ""
        return to_string(self._state.evaluate(expression, _ROOT, ()))

    def _question_nodes(self) -> list[tuple[QuestionDef, Indexes]]:
        """Every question node in form order (repeat instances one after another)."""
        found: list[tuple[QuestionDef, Indexes]] = []
        self._collect(self.definition.children, (), found)
        return found

    def _collect(
        self,
        elements: tuple[FormElement, ...],
        indexes: Indexes,
        found: list[tuple[QuestionDef, Indexes]],
    ) -> None:
        for element in elements:
            if isinstance(element, QuestionDef):
                found.append((element, indexes))
            elif isinstance(element, RepeatDef):
                for index in range(1, self._state.repeat_count(element, indexes) + 1):
                    self._collect(element.children, (*indexes, index), found)
            elif isinstance(element, GroupDef):
                self._collect(element.children, indexes, found)

    # -- helpers -------------------------------------------------------------------------

    def _node(self, path: str) -> tuple[FormElement, Indexes]:
        definition_path, indexes = split_instance_path(path)
        element = self.definition.find(definition_path)
        if element is None or element.path != definition_path:
            raise SessionError(f"no question or group at {path!r}")
        if not self._state.exists(element, indexes):
            raise SessionError(f"{path!r} does not exist (check the repeat indexes)")
        return element, indexes

    def _pick_language(self, language: str | None) -> str:
        languages = self.definition.languages
        if language is not None:
            found = self.definition.match_language(language)
            if found is None:
                known = ", ".join(languages)
                raise SessionError(f"the form has no language {language!r} (it has {known})")
            return found
        default = self.definition.settings.default_language
        return default if default in languages else languages[0]

    def _fill_metadata(self) -> None:
        state = self._state
        now = state.clock()
        automatic: dict[QuestionType, Value] = {
            QuestionType.START: now,
            QuestionType.TODAY: now.date(),
        }
        if self._device_id:
            automatic[QuestionType.DEVICEID] = self._device_id
        if self._username:
            automatic[QuestionType.USERNAME] = self._username
        for question in self.definition.questions():
            value = automatic.get(question.type)
            if value is not None and question.repeat_depth == 0:
                state.instance.answers[question.path] = value


_ROOT = GroupDef(index=0, name="", path="", parent_path="", repeats=())


def _check_fits(question: QuestionDef, prompt: QuestionPrompt, value: Value) -> None:
    """Type checks beyond parsing: choices exist, range bounds and step."""
    if question.type.is_select:
        available = {choice.name for choice in prompt.choices}
        names = value if isinstance(value, tuple) else (value,)
        unknown = [str(name) for name in names if name not in available]
        if unknown:
            raise InvalidValue(f"not one of the choices: {', '.join(unknown)}")
    elif question.type is QuestionType.RANGE and isinstance(value, int | float):
        _check_range(question, value)


def _check_range(question: QuestionDef, value: float) -> None:
    parameters = question.parameters
    try:
        start = float(parameters.get("start", "1"))
        end = float(parameters.get("end", "10"))
        step = abs(float(parameters.get("step", "1")))
    except ValueError:
        return
    low, high = min(start, end), max(start, end)
    if not low <= value <= high:
        raise InvalidValue(f"must be between {_number(low)} and {_number(high)}")
    if step and abs(((value - start) / step) - round((value - start) / step)) > 1e-9:
        raise InvalidValue(f"must be {_number(start)} plus a multiple of {_number(step)}")


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)
