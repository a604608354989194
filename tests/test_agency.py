"""Who-questions give a named party the doer's or the done-to's side of their verb."""

from __future__ import annotations

from qa.answer.agency import Role, asked_role, fits

NAMES = frozenset({("hun", "sen"), ("biden",), ("cambodia",), ("new", "zealand")})


def test_a_question_with_an_auxiliary_asks_whom_the_named_party_acted_on() -> None:
    role = asked_role(("who", "did", "hun", "sen", "thank", "for", "the", "aid"), NAMES)
    assert role == Role("thank", ("hun", "sen"), True, "thank")
    assert asked_role(("whom", "did", "biden", "congratulate"), NAMES) == Role(
        "congratul", ("biden",), True, "congratulate"
    )
    # A list asks the same ("which leaders ..."), and "not" comes between name and verb.
    which = ("which", "leaders", "did", "hun", "sen", "not", "thank")
    assert asked_role(which, NAMES) == Role("thank", ("hun", "sen"), True, "thank")


def test_a_question_without_one_asks_who_acted_on_the_named_party() -> None:
    role = asked_role(("who", "thanked", "new", "zealand", "for", "aid"), NAMES)
    assert role == Role("thank", ("new", "zealand"), False, "thanked")
    # "Didn't" reads as "didn", "t": a negated question of the same shape.
    denied = ("which", "leaders", "didn", "t", "thank", "hun", "sen")
    assert asked_role(denied, NAMES) == Role("thank", ("hun", "sen"), False, "thank")


def test_no_role_without_a_known_name_or_a_who() -> None:
    assert asked_role(("who", "did", "macron", "thank"), NAMES) is None
    assert asked_role(("what", "did", "biden", "say"), NAMES) is None
    assert asked_role(("who", "thanked"), NAMES) is None


def test_a_sentence_fits_only_with_the_party_on_the_asked_side() -> None:
    doer = Role("thank", ("hun", "sen"), True)
    assert fits("Hun Sen thanked New Zealand for its help.", doer)
    assert not fits("Trudeau thanked Hun Sen for his leadership.", doer)
    assert not fits("Hun Sen met Trudeau.", doer)
    done_to = Role("thank", ("hun", "sen"), False)
    assert fits("Trudeau thanked Hun Sen for his leadership.", done_to)
    assert not fits("Hun Sen thanked New Zealand.", done_to)
