"""The e-licence identifier (GB/T 36904 form, FACTS §3.7): the published example parses and prints back; each part
that breaks the form is named."""

from __future__ import annotations

import pytest

from clerk_app.domain.elicence import ElicenceProblem, elicence_id_problem, parse_elicence_id

EXAMPLE = "1.2.156.3005.2.11100000000013338W087.11370800MB28559184.37080001202411010001.001.3"


def test_the_published_example_parses_into_its_parts_and_back():
    parsed = parse_elicence_id(EXAMPLE)
    assert (parsed.authority, parsed.type_number, parsed.issuer, parsed.serial, parsed.version, parsed.check) == (
        "11100000000013338W", "087", "11370800MB28559184", "37080001202411010001", "001", "3")
    assert str(parsed) == EXAMPLE and parsed.type_code == "11100000000013338W087"


@pytest.mark.parametrize(("text", "problem"), [
    ("", ElicenceProblem.FORMAT),
    (EXAMPLE + ".9", ElicenceProblem.FORMAT),
    (EXAMPLE.replace("1.2.156", "1.2.840"), ElicenceProblem.ARC),
    (EXAMPLE.replace("W087", "W87"), ElicenceProblem.TYPE_CODE),
    (EXAMPLE.replace("W087", "W08X"), ElicenceProblem.TYPE_CODE),
    (EXAMPLE.replace("13338W", "13338A"), ElicenceProblem.TYPE_CODE),  # wrong GB 32100 check character
    (EXAMPLE.replace("MB28559184", "MB2855918I"), ElicenceProblem.ISSUER),  # I is not in the 31-symbol set
    (EXAMPLE.replace("37080001202411010001", "3708-0001"), ElicenceProblem.SERIAL),
    (EXAMPLE.replace(".001.", ".1.0."), ElicenceProblem.FORMAT),
    (EXAMPLE.replace(".001.", ".0a1."), ElicenceProblem.VERSION),
    (EXAMPLE[:-1] + "x", ElicenceProblem.CHECK),
])
def test_each_broken_part_is_named(text, problem):
    assert elicence_id_problem(text) is problem
    with pytest.raises(ValueError, match=problem.value):
        parse_elicence_id(text)
